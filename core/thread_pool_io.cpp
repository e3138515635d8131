// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/thread_pool_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/file_io.h"

namespace qvblade {

std::unique_ptr<ThreadPoolIo> ThreadPoolIo::create(unsigned threads, unsigned depth, std::string& why) {
    std::unique_ptr<ThreadPoolIo> io(new ThreadPoolIo(depth));
    if (::pipe(io->pipe_) != 0) { why = std::string("pipe: ") + std::strerror(errno); return nullptr; }
    for (int fd : io->pipe_) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK), ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    try {
        for (unsigned i = 0; i < threads; ++i) io->threads_.emplace_back([p = io.get()] { p->work(); });
    } catch (const std::system_error& e) {
        why = std::string("cannot start an I/O thread: ") + e.what();
        return nullptr;   // the destructor stops the threads already started
    }
    return io;
}

ThreadPoolIo::~ThreadPoolIo() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;   // operations not yet started are dropped; running ones finish
    }
    wake_.notify_all();
    for (std::thread& t : threads_) t.join();
    for (int fd : pipe_)
        if (fd >= 0) ::close(fd);
}

bool ThreadPoolIo::queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) {
    return queue({Kind::Read, fd, buf, len, offset, user});
}
bool ThreadPoolIo::queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) {
    return queue({Kind::Write, fd, const_cast<void*>(buf), len, offset, user});
}
bool ThreadPoolIo::queueDataSync(int fd, void* user) { return queue({Kind::DataSync, fd, nullptr, 0, 0, user}); }

bool ThreadPoolIo::queue(const Op& op) {
    if (inFlight_ >= depth_) return false;   // as a full submission queue: the caller submits and retries
    pending_.push_back(op);
    ++inFlight_;
    return true;
}

bool ThreadPoolIo::submit() {
    if (pending_.empty()) return true;
    {
        std::lock_guard lock(mutex_);
        work_.insert(work_.end(), pending_.begin(), pending_.end());
    }
    pending_.clear();
    wake_.notify_all();
    return true;
}

int ThreadPoolIo::perform(const Op& op) {
    switch (op.kind) {
    case Kind::Read: return readFully(op.fd, op.buf, op.len, op.offset);
    case Kind::Write: return writeFully(op.fd, op.buf, op.len, op.offset);
    case Kind::DataSync: return ::fdatasync(op.fd) == 0 ? 0 : -errno;
    }
    return -EINVAL;
}

void ThreadPoolIo::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !work_.empty(); });
        if (stopping_) return;
        const Op op = work_.front();
        work_.pop_front();
        lock.unlock();
        const int result = perform(op);
        lock.lock();
        // One byte per batch of completions: reap() empties the pipe before it takes the batch,
        // so a completion posted after that finds the list empty and writes a byte again.
        if (done_.empty()) {
            const char byte = 1;
            [[maybe_unused]] const ssize_t n = ::write(pipe_[1], &byte, 1);   // full pipe: a byte is there already
        }
        done_.push_back({op.user, result});
    }
}

size_t ThreadPoolIo::reap(const std::function<void(void*, int)>& done) {
    char drain[64];
    while (::read(pipe_[0], drain, sizeof drain) > 0) {
    }
    {
        std::lock_guard lock(mutex_);
        reaping_.swap(done_);
    }
    // Counted out first: a callback may queue the next operation, which the depth must allow.
    const size_t n = reaping_.size();
    inFlight_ -= n;
    for (const Done& d : reaping_) done(d.user, d.result);
    reaping_.clear();
    return n;
}

}  // namespace qvblade
