// SPDX-License-Identifier: GPL-2.0-or-later
// Portable build: a block device's size by seeking to its end, and the cautious answers where
// POSIX cannot tell (direct-I/O alignment, how reads fill the page cache).
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "core/os/os.h"

namespace qvblade::os {

std::optional<uint64_t> blockDeviceSize(int fd) {
    // Where Linux asks BLKGETSIZE64 and FreeBSD DIOCGMEDIASIZE, lseek to the end gives the size
    // on both; the descriptor's offset is unused (every transfer is pread/pwrite).
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0) return std::nullopt;
    return uint64_t(end);
}

// Unknown: the store then assumes 512-byte sectors, so direct I/O on a 4Kn disk fails for
// requests smaller than a sector (FreeBSD: DIOCGSECTORSIZE, in os/freebsd_block.cpp).
std::optional<uint32_t> directIoAlignment(int) { return std::nullopt; }

bool readsCanLeaveHoles(int fd) {
    // A block device's reads go through the page cache everywhere; of a file, POSIX cannot tell
    // whether it lives in memory (Linux asks fstatfs for tmpfs), so the cautious answer.
    struct stat st {};
    return !(::fstat(fd, &st) == 0 && S_ISBLK(st.st_mode));
}

int reopenDescriptor(int, bool) {
    // Without a descriptor's path: direct exports on disks with sectors above 512 bytes (never
    // known here) and durable exports' direct writes (they go through the page cache instead).
    errno = ENOTSUP;
    return -1;
}

}  // namespace qvblade::os
