// SPDX-License-Identifier: GPL-2.0-or-later
// os::AsyncIo on an open RBD image: librbd's asynchronous calls driven by the engine's own event
// loop, as io_uring is. rbd_aio_read/rbd_aio_write/rbd_aio_flush with no callback;
// rbd_set_image_notification makes librbd signal an eventfd (completionFd) for every completion,
// flush included; reap() takes the finished ones with rbd_poll_io_events. Submitting never blocks,
// not even with the OSDs down: librbd queues the request and retries it itself.
//
// Owns the cluster handle, the pool's I/O context and the image (closing it releases its lock).
// The `fd` arguments of the interface are ignored: there is one image. Engine thread only.
#pragma once

#include <rados/librados.h>
#include <rbd/librbd.h>

#include <memory>
#include <string>
#include <vector>

#include "core/os/os.h"

namespace qvblade {

class RbdIo final : public os::AsyncIo {
public:
    // Takes the three handles (each closed by the destructor, also on failure); nullptr and a
    // sentence in `why` when the eventfd cannot be made or librbd refuses it.
    static std::unique_ptr<RbdIo> create(rados_t cluster, rados_ioctx_t ioctx, rbd_image_t image, unsigned depth,
                                         std::string& why);
    ~RbdIo() override;

    // Every transfer goes over the network: never done inline.
    int tryReadNow(int, void*, size_t, uint64_t) override { return -EAGAIN; }
    int tryWriteNow(int, const iovec*, int, uint64_t) override { return -EAGAIN; }
    bool queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) override;
    bool queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) override;
    bool queueDataSync(int fd, void* user) override;
    bool submit() override { return true; }   // librbd sends each request when it is queued
    int completionFd() const override { return eventFd_; }
    size_t reap(const std::function<void(void*, int)>& done) override;
    size_t inFlight() const override { return inFlight_; }
    const char* name() const override { return "librbd"; }

private:
    enum class Kind { Read, Write, Flush };
    struct Op {
        Kind kind;
        size_t len;
        void* user;
    };

    RbdIo(rados_t cluster, rados_ioctx_t ioctx, rbd_image_t image, unsigned depth);
    Op* take(Kind kind, size_t len, void* user);
    // Starts `op` with `start` (an rbd_aio_* call); false (the op given back) when librbd refuses.
    template <class Start>
    bool launch(Op* op, Start&& start);

    rados_t cluster_;
    rados_ioctx_t ioctx_;
    rbd_image_t image_;
    int eventFd_ = -1;
    std::vector<Op> ops_;
    std::vector<Op*> free_;
    size_t inFlight_ = 0;
    std::vector<rbd_completion_t> reaping_;
    // A refused submission (librbd returned an error at once) is reported at the next reap.
    struct Refused {
        void* user;
        int result;
    };
    std::vector<Refused> refused_;
};

}  // namespace qvblade
