// Whether the engine may spin between frames right now.
//
// Spinning for a while after each busy round saves the 50-500 µs a sleeping (or, in a VM,
// descheduled) CPU takes to wake, more than a whole AoE round trip. But it only pays while the
// CPU is ours to burn: when other tasks wait for a CPU (the initiator itself in a virtual machine
// on this host, a build), every spin delays them, and with them the next request. The kernel's
// pressure-stall information says how long tasks waited (PSI, /proc/pressure/cpu, "some"): while
// that share is high the governor switches spinning off for a while, then tries again.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace qvblade {

class BusyPollGovernor {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr double kContendedShare = 0.10;                  // of wall time with a task waiting
    static constexpr std::chrono::seconds kBackOff{5};

    explicit BusyPollGovernor(std::chrono::microseconds window) : window_(window) {}

    // Feeds the cumulative time (µs) during which some task waited for a CPU, as PSI counts it;
    // nullopt where the kernel does not report it (then spinning stays as configured).
    void sample(Clock::time_point now, std::optional<uint64_t> stalledMicros);
    // How long to spin after a busy round: the configured window, or zero while backing off.
    std::chrono::microseconds window(Clock::time_point now) const { return now < quietUntil_ ? std::chrono::microseconds(0) : window_; }

private:
    std::chrono::microseconds window_;
    Clock::time_point quietUntil_{};
    std::optional<uint64_t> lastStalled_;
    Clock::time_point lastSample_{};
};

// The "some ... total=N" figure of a /proc/pressure/cpu text, if present.
std::optional<uint64_t> parseCpuPressureTotal(const std::string& text);

}  // namespace qvblade
