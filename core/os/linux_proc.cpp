// SPDX-License-Identifier: GPL-2.0-or-later
// Linux: facts about this process and thread from /proc: how long the thread waited for its CPU
// (schedstat, for the busy-poll governor) and how much of its memory is file pages (statm).
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "core/busy_poll_governor.h"
#include "core/os/os.h"

namespace qvblade::os {

namespace {

// Opened afresh on each call: a few µs, four times a second at most.
std::optional<std::string> readSmallProcFile(const char* path) {
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    char buf[256];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    ::close(fd);
    if (n <= 0) return std::nullopt;
    return std::string(buf, size_t(n));
}

}  // namespace

std::optional<uint64_t> threadRunDelayMicros() {
    // thread-self, not self: the engine's thread is not the process's main thread in qvblade-helper.
    const auto text = readSmallProcFile("/proc/thread-self/schedstat");
    if (!text) return std::nullopt;
    const auto nanos = parseSchedstatRunDelayNanos(*text);
    if (!nanos) return std::nullopt;
    return *nanos / 1000;
}

std::optional<uint64_t> residentFileBytes() {
    // statm's third field, "shared": resident pages backed by a file or tmpfs (RssFile + RssShmem).
    const auto text = readSmallProcFile("/proc/self/statm");
    unsigned long long size = 0, resident = 0, shared = 0;
    if (!text || std::sscanf(text->c_str(), "%llu %llu %llu", &size, &resident, &shared) != 3) return std::nullopt;
    return uint64_t(shared) * uint64_t(::sysconf(_SC_PAGESIZE));
}

}  // namespace qvblade::os
