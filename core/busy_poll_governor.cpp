#include "core/busy_poll_governor.h"

#include <cstdlib>

namespace qvblade {

void BusyPollGovernor::sample(Clock::time_point now, std::optional<uint64_t> stalledMicros) {
    if (!stalledMicros) return;
    if (lastStalled_ && now > lastSample_ && *stalledMicros >= *lastStalled_) {
        const double wallMicros = std::chrono::duration<double, std::micro>(now - lastSample_).count();
        if (double(*stalledMicros - *lastStalled_) >= kContendedShare * wallMicros) quietUntil_ = now + kBackOff;
    }
    lastStalled_ = stalledMicros;
    lastSample_ = now;
}

std::optional<uint64_t> parseCpuPressureTotal(const std::string& text) {
    // "some avg10=0.00 avg60=0.00 avg300=0.00 total=12345\nfull ..."
    if (text.compare(0, 5, "some ") != 0) return std::nullopt;
    const size_t line = text.find('\n');
    const size_t at = text.find(" total=");
    if (at == std::string::npos || (line != std::string::npos && at > line)) return std::nullopt;
    const char* begin = text.c_str() + at + 7;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(begin, &end, 10);
    if (end == begin || (*end != '\n' && *end != '\0')) return std::nullopt;
    return uint64_t(v);
}

}  // namespace qvblade
