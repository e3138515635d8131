// SPDX-License-Identifier: GPL-2.0-or-later
// Whether the engine may spin between frames right now.
//
// Spinning for a while after each busy round saves the 50-500 µs a sleeping (or, in a VM,
// descheduled) CPU takes to wake, more than a whole AoE round trip. But it only pays while the
// CPU is ours to burn: when another task wants the CPU the engine runs on (the initiator itself
// in a virtual machine on this host, a build), every spin delays it, and with it the next request.
// The sign is the engine thread's own run delay (time it was runnable but had to wait for its
// CPU, which the scheduler only makes it do when someone else is queued there): while that share
// of wall time is high the governor switches spinning off for a while, then tries again.
// Machine-wide CPU pressure (PSI) was the first signal, but it also counts tasks queued on the
// other CPUs, whom our spinning does not delay: a busy loop pinned to the other CPU read as 80 %
// pressure, against a run delay of 1 % (docs/performance.md).
// The second sign is spinning that does not pay: when most spins run out before the next frame
// arrives (an initiator that takes longer than the window between its requests, such as an
// emulated guest), each one burns a CPU that others, the initiator's own threads on this host
// among them, may need, and the run delay does not show it when they wait on another CPU.
// Like KVM's halt polling, the governor then stops spinning for a while and tries again.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace qvblade {

class BusyPollGovernor {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr double kContendedShare = 0.10;                  // of wall time spent waiting for the CPU
    static constexpr std::chrono::seconds kBackOff{5};
    static constexpr unsigned kMinSpinsJudged = 16;                  // per sample, before wasted spins count

    explicit BusyPollGovernor(std::chrono::microseconds window) : window_(window) {}

    // Feeds the engine thread's cumulative run delay (µs); nullopt where the kernel does not
    // report it (then only the spins' outcomes count). Judges the spins noted since the last call.
    void sample(Clock::time_point now, std::optional<uint64_t> runDelayMicros);
    // One spin ended: a frame arrived while spinning (`caughtWork`), or the window ran out.
    void noteSpin(bool caughtWork) { ++(caughtWork ? spinsCaught_ : spinsWasted_); }
    // How long to spin after a busy round: the configured window, or zero while backing off.
    std::chrono::microseconds window(Clock::time_point now) const { return now < quietUntil_ ? std::chrono::microseconds(0) : window_; }

private:
    std::chrono::microseconds window_;
    Clock::time_point quietUntil_{};
    std::optional<uint64_t> lastDelay_;
    unsigned spinsCaught_ = 0, spinsWasted_ = 0;   // since the last sample
    Clock::time_point lastSample_{};
};

// Where the kernel does not report a thread's run delay (the portable build: no schedstat), the
// spin measures it: a round that polls without waiting and finds nothing takes a few
// microseconds, so a longer gap from its start to the next round's is time the thread spent off
// its CPU, which the scheduler only takes from a spinning thread when someone else wants it.
// Without this the portable engine kept spinning against a busy initiator on a full machine and
// each round trip waited for a time slice (~200 round trips a second instead of thousands).
class SpinGapRunDelay {
public:
    using Clock = BusyPollGovernor::Clock;
    static constexpr std::chrono::microseconds kOffCpuGap{100};

    // At the start of every round; `previousWasIdleSpin`: the round before did not wait and found nothing.
    void roundStarts(Clock::time_point now, bool previousWasIdleSpin) {
        if (previousWasIdleSpin && lastStart_ != Clock::time_point{} && now - lastStart_ > kOffCpuGap)
            micros_ += uint64_t(std::chrono::duration_cast<std::chrono::microseconds>(now - lastStart_).count());
        lastStart_ = now;
    }
    // Cumulative, as the kernel's run delay is (for BusyPollGovernor::sample).
    uint64_t micros() const { return micros_; }

private:
    Clock::time_point lastStart_{};
    uint64_t micros_ = 0;
};

// The run delay (second field, ns) of a /proc/.../schedstat text: "run_ns delay_ns slices\n".
std::optional<uint64_t> parseSchedstatRunDelayNanos(const std::string& text);

}  // namespace qvblade
