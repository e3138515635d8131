// Linux: how long the calling thread waited for its CPU (schedstat), for the busy-poll governor.
#include <fcntl.h>
#include <unistd.h>

#include "core/busy_poll_governor.h"
#include "core/os/os.h"

namespace qvblade::os {

std::optional<uint64_t> threadRunDelayMicros() {
    // Opened afresh on each stats tick: a few µs, four times a second. thread-self, not self:
    // the engine's thread is not the process's main thread in qvblade-helper.
    const int fd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    char buf[128];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0) return std::nullopt;
    const auto nanos = parseSchedstatRunDelayNanos(std::string(buf, size_t(n)));
    if (!nanos) return std::nullopt;
    return *nanos / 1000;
}

}  // namespace qvblade::os
