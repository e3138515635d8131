// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rbd/rbd_io.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qvblade {

std::unique_ptr<RbdIo> RbdIo::create(rados_t cluster, rados_ioctx_t ioctx, rbd_image_t image, unsigned depth,
                                     std::string& why) {
    std::unique_ptr<RbdIo> io(new RbdIo(cluster, ioctx, image, depth));
    io->eventFd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (io->eventFd_ < 0) {
        why = std::string("eventfd: ") + std::strerror(errno);
        return nullptr;
    }
    if (int r = rbd_set_image_notification(image, io->eventFd_, EVENT_TYPE_EVENTFD); r < 0) {
        why = std::string("rbd_set_image_notification: ") + std::strerror(-r);
        return nullptr;
    }
    return io;
}

RbdIo::RbdIo(rados_t cluster, rados_ioctx_t ioctx, rbd_image_t image, unsigned depth)
    : cluster_(cluster), ioctx_(ioctx), image_(image), ops_(depth) {
    free_.reserve(depth);
    for (Op& op : ops_) free_.push_back(&op);
    reaping_.resize(64);
}

RbdIo::~RbdIo() {
    // The engine destroys a store only with nothing in flight; rbd_close also waits for
    // whatever librbd still does (and releases the exclusive lock).
    if (image_) rbd_close(image_);
    if (ioctx_) rados_ioctx_destroy(ioctx_);
    if (cluster_) rados_shutdown(cluster_);
    if (eventFd_ >= 0) ::close(eventFd_);
}

RbdIo::Op* RbdIo::take(Kind kind, size_t len, void* user) {
    if (free_.empty()) return nullptr;
    Op* op = free_.back();
    free_.pop_back();
    *op = {kind, len, user};
    return op;
}

template <class Start>
bool RbdIo::launch(Op* op, Start&& start) {
    rbd_completion_t c = nullptr;
    int r = rbd_aio_create_completion(op, nullptr, &c);
    if (r == 0) {
        r = start(c);
        if (r < 0) rbd_aio_release(c);
    }
    ++inFlight_;
    if (r < 0) {
        // Refused at once (e.g. the image is read-only): answered as a failed operation.
        refused_.push_back({op->user, r});
        free_.push_back(op);
    }
    return true;
}

bool RbdIo::queueRead(int, void* buf, size_t len, uint64_t offset, void* user) {
    Op* op = take(Kind::Read, len, user);
    if (!op) return false;
    return launch(op, [&](rbd_completion_t c) { return rbd_aio_read(image_, offset, len, static_cast<char*>(buf), c); });
}

bool RbdIo::queueWrite(int, const void* buf, size_t len, uint64_t offset, void* user) {
    Op* op = take(Kind::Write, len, user);
    if (!op) return false;
    return launch(op, [&](rbd_completion_t c) { return rbd_aio_write(image_, offset, len, static_cast<const char*>(buf), c); });
}

bool RbdIo::queueDataSync(int, void* user) {
    Op* op = take(Kind::Flush, 0, user);
    if (!op) return false;
    return launch(op, [&](rbd_completion_t c) { return rbd_aio_flush(image_, c); });
}

size_t RbdIo::reap(const std::function<void(void*, int)>& done) {
    size_t count = 0;
    for (const Refused& f : refused_) {
        --inFlight_;
        ++count;
        done(f.user, f.result);
    }
    refused_.clear();
    // Clear the signal before taking the events: one that completes after the last poll below
    // signals again, so none is missed.
    uint64_t ignored;
    [[maybe_unused]] ssize_t r = ::read(eventFd_, &ignored, sizeof ignored);
    for (;;) {
        const int n = rbd_poll_io_events(image_, reaping_.data(), int(reaping_.size()));
        if (n <= 0) break;
        for (int i = 0; i < n; ++i) {
            rbd_completion_t c = reaping_[size_t(i)];
            Op* op = static_cast<Op*>(rbd_aio_get_arg(c));
            const ssize_t value = rbd_aio_get_return_value(c);
            rbd_aio_release(c);
            // A write or flush returns 0 on success; the engine expects a write's byte count.
            int result = int(value);
            if (value >= 0 && op->kind == Kind::Write) result = int(op->len);
            else if (value >= 0 && op->kind == Kind::Flush) result = 0;
            void* user = op->user;
            free_.push_back(op);
            --inFlight_;
            ++count;
            done(user, result);
        }
        if (n < int(reaping_.size())) break;
    }
    return count;
}

}  // namespace qvblade
