// Linux: block-device size and what direct I/O on a file or device needs.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <string>

#include "core/os/os.h"

namespace qvblade::os {

std::optional<uint64_t> blockDeviceSize(int fd) {
    uint64_t bytes = 0;
    if (::ioctl(fd, BLKGETSIZE64, &bytes) < 0) return std::nullopt;
    return bytes;
}

std::optional<uint32_t> directIoAlignment(int fd) {
    struct statx sx {};
    if (::statx(fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx) == 0 && (sx.stx_mask & STATX_DIOALIGN) &&
        sx.stx_dio_offset_align > 0)
        return sx.stx_dio_offset_align;
    // Kernels before 6.1 do not report it; a block device's logical sector size is the rule there.
    int sectorSize = 0;
    if (S_ISBLK(sx.stx_mode) && ::ioctl(fd, BLKSSZGET, &sectorSize) == 0 && sectorSize > 0) return uint32_t(sectorSize);
    return std::nullopt;
}

int reopenWithoutDirectIo(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    // /proc/self/fd/N opens the same inode anew (even a deleted file), so flags can differ.
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    return ::open(self.c_str(), (flags & (O_ACCMODE | O_SYNC | O_DSYNC)) | O_CLOEXEC);
}

}  // namespace qvblade::os
