// SPDX-License-Identifier: GPL-2.0-or-later
// Portable AsyncIo: a few worker threads do the pread/pwrite/fdatasync calls, and a pipe tells
// the engine's poll() that completions wait. The asynchronous back end where io_uring does not
// exist (the portable build, QVBLADE_PORTABLE): the engine's thread never waits for the disk.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "core/os/os.h"

namespace qvblade {

class ThreadPoolIo final : public os::AsyncIo {
public:
    // nullptr (and a reason) when the pipe or a thread cannot be made.
    static std::unique_ptr<ThreadPoolIo> create(unsigned threads, unsigned depth, std::string& why);
    ~ThreadPoolIo() override;

    // POSIX has no "only if cached" transfer (Linux's RWF_NOWAIT): everything goes to a worker.
    int tryReadNow(int, void*, size_t, uint64_t) override { return -EAGAIN; }
    int tryWriteNow(int, const iovec*, int, uint64_t) override { return -EAGAIN; }
    bool queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) override;
    bool queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) override;
    bool queueDataSync(int fd, void* user) override;
    bool submit() override;
    int completionFd() const override { return pipe_[0]; }
    size_t reap(const std::function<void(void*, int)>& done) override;
    size_t inFlight() const override { return inFlight_; }
    const char* name() const override { return "thread pool"; }

private:
    enum class Kind { Read, Write, DataSync };
    struct Op { Kind kind; int fd; void* buf; size_t len; uint64_t offset; void* user; };
    struct Done { void* user; int result; };

    explicit ThreadPoolIo(unsigned depth) : depth_(depth) {}
    bool queue(const Op& op);
    void work();
    static int perform(const Op& op);

    const unsigned depth_;
    int pipe_[2] = {-1, -1};
    // The engine's thread alone: queued since the last submit(), and queued but not yet reaped.
    std::vector<Op> pending_;
    size_t inFlight_ = 0;
    // Shared with the workers, under mutex_.
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Op> work_;
    std::vector<Done> done_;
    bool stopping_ = false;
    std::vector<Done> reaping_;
    std::vector<std::thread> threads_;
};

}  // namespace qvblade
