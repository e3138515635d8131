// Linux: CPU pressure-stall information (PSI), for the busy-poll governor.
#include <fcntl.h>
#include <unistd.h>

#include "core/busy_poll_governor.h"
#include "core/os/os.h"

namespace qvblade::os {

std::optional<uint64_t> cpuPressureStallMicros() {
    // Opened afresh on each stats tick: a few µs, four times a second.
    const int fd = ::open("/proc/pressure/cpu", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    char buf[256];
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0) return std::nullopt;
    return parseCpuPressureTotal(std::string(buf, size_t(n)));
}

}  // namespace qvblade::os
