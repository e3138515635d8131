// SPDX-License-Identifier: GPL-2.0-or-later
// Linux: block-device size, what direct I/O on a file or device needs, and how reads of a file
// fill the page cache.
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>

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

int reopenDescriptor(int fd, bool direct) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    // /proc/self/fd/N opens the same inode anew (even a deleted file), so flags can differ.
    // O_NONBLOCK: a lease on the file (F_SETLEASE, held by whoever passed us the descriptor)
    // makes a blocking open wait for the lease-break timeout, 45 s by default; this way the
    // open fails at once with EWOULDBLOCK. The flag is cleared again: io_uring would answer
    // EAGAIN on a non-blocking descriptor instead of waiting for the disk.
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    const int reopened = ::open(self.c_str(), (flags & (O_ACCMODE | O_SYNC | O_DSYNC)) | (direct ? O_DIRECT : 0) | O_CLOEXEC | O_NONBLOCK);
    if (reopened >= 0) ::fcntl(reopened, F_SETFL, ::fcntl(reopened, F_GETFL) & ~O_NONBLOCK);
    return reopened;
}

bool readsCanLeaveHoles(int fd) {
    // tmpfs and ramfs read a hole by copying the zero page (shmem_file_read_iter); every other
    // file system and block device puts what it read into the page cache. A block device's node
    // lives on devtmpfs, which fstatfs reports as tmpfs: ask what the descriptor is first.
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISBLK(st.st_mode)) return false;
    struct statfs fs {};
    if (::fstatfs(fd, &fs) != 0) return true;   // unknown: assume the cautious answer
    return fs.f_type == TMPFS_MAGIC || fs.f_type == RAMFS_MAGIC;
}

}  // namespace qvblade::os
