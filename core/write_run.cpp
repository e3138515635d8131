// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/write_run.h"

#include <cerrno>

#include "core/file_io.h"

namespace qvblade {

bool WriteRun::accepts(int fd, uint64_t offset, size_t bytes) const {
    if (empty()) return true;
    return fd == fd_ && offset == start_ + bytes_ && users_.size() < kMaxWrites && bytes_ + bytes <= kMaxBytes;
}

void WriteRun::add(int fd, const uint8_t* data, size_t bytes, uint64_t offset, void* user) {
    if (empty()) {
        fd_ = fd;
        start_ = offset;
        bytes_ = 0;
    }
    iov_.push_back({const_cast<uint8_t*>(data), bytes});
    users_.push_back(user);
    bytes_ += bytes;
}

int WriteRun::writeOne(os::AsyncIo& io, bool& blocking, const iovec& v, uint64_t offset) {
    if (!blocking) {
        const int r = io.tryWriteNow(fd_, &v, 1, offset);
        if (r != -EOPNOTSUPP) return r;
        blocking = true;
    }
    return writevFully(fd_, &v, 1, offset);
}

bool WriteRun::flush(os::AsyncIo& io, bool& blocking, const Done& done) {
    if (empty()) return false;
    int whole = -EOPNOTSUPP;
    if (!blocking) {
        whole = io.tryWriteNow(fd_, iov_.data(), int(iov_.size()), start_);
        blocking = whole == -EOPNOTSUPP;
    }
    if (blocking) whole = writevFully(fd_, iov_.data(), int(iov_.size()), start_);
    const bool inOneCall = whole == int(bytes_);
    if (inOneCall || whole == -EAGAIN) {
        // All written, or none (not without blocking): the same answer for each.
        for (size_t i = 0; i < users_.size(); ++i) done(users_[i], whole == -EAGAIN ? -EAGAIN : int(iov_[i].iov_len));
    } else {
        uint64_t offset = start_;
        for (size_t i = 0; i < users_.size(); ++i) {
            done(users_[i], writeOne(io, blocking, iov_[i], offset));
            offset += iov_[i].iov_len;
        }
    }
    iov_.clear();
    users_.clear();
    bytes_ = 0;
    return inOneCall;
}

}  // namespace qvblade
