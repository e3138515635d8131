#include "core/sync_io.h"

#include <unistd.h>

#include <cerrno>

namespace qvblade {

namespace {

// Whole transfers only: a short read or write is retried until done or failed.
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

int SyncIo::tryReadNow(int fd, void* buf, size_t len, uint64_t offset) {
    auto* p = static_cast<uint8_t*>(buf);
    return transferAll([&](size_t d) { return ::pread(fd, p + d, len - d, off_t(offset + d)); }, len);
}

int SyncIo::tryWriteNow(int fd, const void* buf, size_t len, uint64_t offset) {
    auto* p = static_cast<const uint8_t*>(buf);
    return transferAll([&](size_t d) { return ::pwrite(fd, p + d, len - d, off_t(offset + d)); }, len);
}

bool SyncIo::queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) {
    done_.push_back({user, tryReadNow(fd, buf, len, offset)});
    return true;
}

bool SyncIo::queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) {
    done_.push_back({user, tryWriteNow(fd, buf, len, offset)});
    return true;
}

bool SyncIo::queueDataSync(int fd, void* user) {
    done_.push_back({user, ::fdatasync(fd) == 0 ? 0 : -errno});
    return true;
}

size_t SyncIo::reap(const std::function<void(void*, int)>& done) {
    reaping_.swap(done_);
    for (const Done& d : reaping_) done(d.user, d.result);
    const size_t n = reaping_.size();
    reaping_.clear();
    return n;
}

}  // namespace qvblade
