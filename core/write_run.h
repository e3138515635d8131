// SPDX-License-Identifier: GPL-2.0-or-later
// Adjacent writes gathered into one vectored write.
//
// An initiator streaming data keeps several writes to consecutive sectors in flight (the Linux
// driver 16), so one receive batch often holds a run of them. Written with one pwritev they cost
// one system call and one pass through the file system's per-call work (inode lock, time stamps,
// block reservation) instead of one each: on ext4 that per-call work is a third of the target's
// CPU time for 1 KiB writes.
//
// The engine adds every page-cache write of a batch and writes the run before any other I/O of
// the batch (core/engine.cpp), so a read or flush that arrived later sees the writes before it.
#pragma once

#include <sys/uio.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/os/os.h"

namespace qvblade {

class WriteRun {
public:
    static constexpr size_t kMaxWrites = 64;          // one receive batch
    static constexpr size_t kMaxBytes = size_t(1) << 20;

    bool empty() const { return users_.empty(); }
    size_t size() const { return users_.size(); }
    void* firstUser() const { return users_.front(); }
    // True when a write of `bytes` at `offset` through `fd` can join: the run is empty, or the
    // write starts where the run ends on the same descriptor and the run has room for it.
    bool accepts(int fd, uint64_t offset, size_t bytes) const;
    // Appends a write; call accepts() first. `data` must stay valid until flush() returns.
    void add(int fd, const uint8_t* data, size_t bytes, uint64_t offset, void* user);

    using Done = std::function<void(void* user, int result)>;
    // Writes the run and reports each write's result to `done`, in order: its byte count, -errno,
    // or -EAGAIN when it cannot be written without blocking (the caller queues it). `blocking` is
    // the file's "no non-blocking writes" flag (set here when the kernel refuses them); the
    // plain call is then used. When the run as a whole does not go through (a full disk part-way,
    // an I/O error) each write is retried alone, so that each request gets its own answer.
    // Leaves the run empty. Returns true when the run went to the file in one call.
    bool flush(os::AsyncIo& io, bool& blocking, const Done& done);

private:
    int writeOne(os::AsyncIo& io, bool& blocking, const iovec& v, uint64_t offset);

    int fd_ = -1;
    uint64_t start_ = 0;
    size_t bytes_ = 0;
    std::vector<iovec> iov_;
    std::vector<void*> users_;
};

}  // namespace qvblade
