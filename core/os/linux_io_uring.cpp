// SPDX-License-Identifier: GPL-2.0-or-later
// Linux: asynchronous file I/O through io_uring; the ring's own descriptor is the one to poll.
#include <liburing.h>
#include <sys/uio.h>

#include <cerrno>
#include <cstring>

#include "core/os/os.h"

namespace qvblade::os {

namespace {

class IoUring final : public AsyncIo {
public:
    IoUring() = default;
    ~IoUring() override {
        if (ready_) io_uring_queue_exit(&ring_);
    }

    bool init(unsigned depth, std::string& why) {
        // A completion from the device is posted by task work on the engine's thread. Unless told
        // otherwise the kernel interrupts the engine's CPU for it at once (an IPI); cooperative
        // task running leaves it for the engine's next entry into the kernel, which the event
        // loop makes every round, and still wakes an engine that sleeps. In a virtual machine an
        // IPI is an exit to the hypervisor: direct I/O went 15-30 % faster without them
        // (docs/performance.md, "Direct I/O"). Kernels before 5.19 refuse the flag.
        int r = io_uring_queue_init(depth, &ring_, IORING_SETUP_COOP_TASKRUN);
        if (r == -EINVAL) r = io_uring_queue_init(depth, &ring_, 0);
        if (r < 0) { why = std::string("io_uring_queue_init: ") + std::strerror(-r); return false; }
        ready_ = true;
        // Probe once: some sandboxes allow the setup but refuse the operations.
        io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
        io_uring_prep_nop(sqe);
        if (io_uring_submit_and_wait(&ring_, 1) < 0) { why = "io_uring: submit refused"; return false; }
        io_uring_cqe* cqe = nullptr;
        if (io_uring_peek_cqe(&ring_, &cqe) != 0 || cqe->res < 0) { why = "io_uring: no-op failed"; return false; }
        io_uring_cqe_seen(&ring_, cqe);
        return true;
    }

    int tryReadNow(int fd, void* buf, size_t len, uint64_t offset) override {
        iovec v{buf, len};
        return wholeOrAgain(::preadv2(fd, &v, 1, off_t(offset), RWF_NOWAIT), len);
    }
    int tryWriteNow(int fd, const iovec* iov, int count, uint64_t offset) override {
        size_t len = 0;
        for (int i = 0; i < count; ++i) len += iov[i].iov_len;
        return wholeOrAgain(::pwritev2(fd, iov, count, off_t(offset), RWF_NOWAIT), len);
    }

    bool queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) override {
        io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
        if (!sqe) return false;
        io_uring_prep_read(sqe, fd, buf, unsigned(len), offset);
        return queued(sqe, user);
    }
    bool queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) override {
        io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
        if (!sqe) return false;
        io_uring_prep_write(sqe, fd, buf, unsigned(len), offset);
        return queued(sqe, user);
    }
    bool queueDataSync(int fd, void* user) override {
        io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
        if (!sqe) return false;
        io_uring_prep_fsync(sqe, fd, IORING_FSYNC_DATASYNC);
        return queued(sqe, user);
    }
    bool submit() override {
        if (io_uring_sq_ready(&ring_) == 0) return true;
        int r;
        do { r = io_uring_submit(&ring_); } while (r == -EINTR);
        if (r < 0) { errno = -r; return false; }
        return true;
    }
    // poll() reports the ring's descriptor readable while completions wait in it, so reaping is
    // a look at shared memory. (A registered eventfd would also need a read() to clear it: one
    // more system call every round of the event loop, idle or not.)
    int completionFd() const override { return ring_.ring_fd; }
    size_t reap(const std::function<void(void*, int)>& done) override {
        size_t n = 0;
        io_uring_cqe* cqe = nullptr;
        while (io_uring_peek_cqe(&ring_, &cqe) == 0) {
            void* user = io_uring_cqe_get_data(cqe);
            const int res = cqe->res;
            io_uring_cqe_seen(&ring_, cqe);
            --inFlight_;
            ++n;
            done(user, res);
        }
        return n;
    }
    size_t inFlight() const override { return inFlight_; }
    const char* name() const override { return "io_uring"; }

private:
    // A partial transfer (part of the range cached) is redone in full asynchronously; a read
    // that ends at end of file (0 < r < len is then final) is also simplest redone that way.
    static int wholeOrAgain(ssize_t r, size_t len) {
        if (r == ssize_t(len)) return int(r);
        if (r < 0 && errno == EOPNOTSUPP) return -EOPNOTSUPP;
        return -EAGAIN;
    }

    bool queued(io_uring_sqe* sqe, void* user) {
        io_uring_sqe_set_data(sqe, user);
        ++inFlight_;
        return true;
    }
    io_uring ring_{};
    bool ready_ = false;
    size_t inFlight_ = 0;
};

}  // namespace

std::unique_ptr<AsyncIo> makeIoUring(unsigned depth, std::string& why) {
    auto ring = std::make_unique<IoUring>();
    if (!ring->init(depth, why)) return nullptr;
    return ring;
}

std::unique_ptr<AsyncIo> makeAsyncIo(unsigned depth, std::string& why) { return makeIoUring(depth, why); }

}  // namespace qvblade::os
