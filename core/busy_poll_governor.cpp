// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/busy_poll_governor.h"

#include <cstdlib>

namespace qvblade {

void BusyPollGovernor::sample(Clock::time_point now, std::optional<uint64_t> runDelayMicros) {
    if (spinsCaught_ + spinsWasted_ >= kMinSpinsJudged && spinsWasted_ > spinsCaught_) quietUntil_ = now + kBackOff;
    spinsCaught_ = spinsWasted_ = 0;
    if (!runDelayMicros) return;
    if (lastDelay_ && now > lastSample_ && *runDelayMicros >= *lastDelay_) {
        const double wallMicros = std::chrono::duration<double, std::micro>(now - lastSample_).count();
        if (double(*runDelayMicros - *lastDelay_) >= kContendedShare * wallMicros) quietUntil_ = now + kBackOff;
    }
    lastDelay_ = runDelayMicros;
    lastSample_ = now;
}

std::optional<uint64_t> parseSchedstatRunDelayNanos(const std::string& text) {
    const char* p = text.c_str();
    char* end = nullptr;
    std::strtoull(p, &end, 10);   // time on the CPU
    if (end == p || *end != ' ') return std::nullopt;
    p = end + 1;
    const unsigned long long delay = std::strtoull(p, &end, 10);
    if (end == p || *end != ' ') return std::nullopt;   // the time-slice count follows
    return uint64_t(delay);
}

}  // namespace qvblade
