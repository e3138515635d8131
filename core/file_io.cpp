#include "core/file_io.h"

#include <unistd.h>

#include <cerrno>

namespace qvblade {

namespace {

template <typename Op>
int transferAll(Op op, size_t len) {
    size_t done = 0;
    while (done < len) {
        const ssize_t r = op(done);
        if (r < 0) {
            if (errno == EINTR) continue;
            return -errno;
        }
        if (r == 0) break;
        done += size_t(r);
    }
    return int(done);
}

}  // namespace

int readFully(int fd, void* buf, size_t len, uint64_t offset) {
    auto* p = static_cast<uint8_t*>(buf);
    return transferAll([&](size_t d) { return ::pread(fd, p + d, len - d, off_t(offset + d)); }, len);
}

int writeFully(int fd, const void* buf, size_t len, uint64_t offset) {
    auto* p = static_cast<const uint8_t*>(buf);
    return transferAll([&](size_t d) { return ::pwrite(fd, p + d, len - d, off_t(offset + d)); }, len);
}

}  // namespace qvblade
