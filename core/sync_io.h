// SPDX-License-Identifier: GPL-2.0-or-later
// Portable AsyncIo that does each operation at once with pread/pwrite/fdatasync and reports
// it at the next reap(). The fallback where io_uring is missing or refused, and the
// deterministic engine for unit tests.
#pragma once

#include <vector>

#include "core/os/os.h"

namespace qvblade {

class SyncIo final : public os::AsyncIo {
public:
    int tryReadNow(int fd, void* buf, size_t len, uint64_t offset) override;
    int tryWriteNow(int fd, const iovec* iov, int count, uint64_t offset) override;
    bool queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) override;
    bool queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) override;
    bool queueDataSync(int fd, void* user) override;
    bool submit() override { return true; }
    int completionFd() const override { return -1; }
    size_t reap(const std::function<void(void*, int)>& done) override;
    size_t inFlight() const override { return done_.size(); }
    const char* name() const override { return "synchronous"; }

private:
    struct Done { void* user; int result; };
    std::vector<Done> done_;
    std::vector<Done> reaping_;
};

}  // namespace qvblade
