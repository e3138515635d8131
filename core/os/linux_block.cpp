// Linux: size of a block device.
#include <linux/fs.h>
#include <sys/ioctl.h>

#include "core/os/os.h"

namespace qvblade::os {

std::optional<uint64_t> blockDeviceSize(int fd) {
    uint64_t bytes = 0;
    if (::ioctl(fd, BLKGETSIZE64, &bytes) < 0) return std::nullopt;
    return bytes;
}

}  // namespace qvblade::os
