// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/sync_io.h"

#include <unistd.h>

#include <cerrno>

#include "core/file_io.h"

namespace qvblade {

int SyncIo::tryReadNow(int fd, void* buf, size_t len, uint64_t offset) { return readFully(fd, buf, len, offset); }

int SyncIo::tryWriteNow(int fd, const iovec* iov, int count, uint64_t offset) {
    return writevFully(fd, iov, count, offset);
}

bool SyncIo::queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) {
    done_.push_back({user, readFully(fd, buf, len, offset)});
    return true;
}

bool SyncIo::queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) {
    done_.push_back({user, writeFully(fd, buf, len, offset)});
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
