// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/file_io.h"

#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace qvblade {

namespace {

template <typename Op>
int transferAll(Op op, size_t len, size_t done = 0) {
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

int writevFully(int fd, const iovec* iov, int count, uint64_t offset) {
    size_t len = 0;
    for (int i = 0; i < count; ++i) len += iov[i].iov_len;
    const ssize_t first = ::pwritev(fd, iov, count, off_t(offset));
    if (first == ssize_t(len)) return int(len);   // the usual case: no copy of the vector
    if (first < 0 && errno != EINTR) return -errno;
    // Short (a signal, a full disk part-way): go on from where it stopped on a copy of the vector.
    std::vector<iovec> rest(iov, iov + count);
    size_t skip = first > 0 ? size_t(first) : 0, at = 0;
    auto advance = [&](size_t n) {
        while (n > 0 && at < rest.size()) {
            const size_t step = std::min(n, rest[at].iov_len);
            rest[at].iov_base = static_cast<uint8_t*>(rest[at].iov_base) + step;
            rest[at].iov_len -= step;
            n -= step;
            if (rest[at].iov_len == 0) ++at;
        }
    };
    advance(skip);
    return transferAll(
        [&](size_t d) {
            const ssize_t r = ::pwritev(fd, rest.data() + at, int(rest.size() - at), off_t(offset + d));
            if (r > 0) advance(size_t(r));
            return r;
        },
        len, skip);
}

}  // namespace qvblade
