// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rbd/rbd_store.h"

#include <rados/librados.h>
#include <rbd/features.h>
#include <rbd/librbd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/rbd/rbd_cluster.h"
#include "core/rbd/rbd_io.h"

namespace qvblade {

namespace {

// Closes what was opened so far unless released into an RbdIo.
struct Handles {
    rados_t cluster = nullptr;
    rados_ioctx_t ioctx = nullptr;
    rbd_image_t image = nullptr;
    void release() { cluster = nullptr, ioctx = nullptr, image = nullptr; }
    ~Handles() {
        if (image) rbd_close(image);
        if (ioctx) rados_ioctx_destroy(ioctx);
        if (cluster) rados_shutdown(cluster);
    }
};

// "rbd:FSID/POOLID/IMAGEID[@SNAP]": the same on every host that opens this image of this
// cluster, and unlike names not reused after the image is removed and made anew.
std::string storageIdentity(const Handles& h, const std::string& snapshot) {
    char fsid[64] = {}, id[128] = {};
    if (rados_cluster_fsid(h.cluster, fsid, sizeof fsid - 1) < 0 || rbd_get_id(h.image, id, sizeof id - 1) < 0) return {};
    std::string text = std::string("rbd:") + fsid + "/" + std::to_string(rados_ioctx_get_id(h.ioctx)) + "/" + id;
    if (!snapshot.empty()) text += "@" + snapshot;
    return text;
}

}  // namespace

std::unique_ptr<BackingStore> openRbdStore(const RbdOpenOptions& o, std::string& error) {
    const std::string name = std::string(kRbdPrefix) + o.spec.pool + "/" + o.spec.image +
                             (o.spec.snapshot.empty() ? "" : "@" + o.spec.snapshot);
    const auto failed = [&](const std::string& why) -> std::unique_ptr<BackingStore> {
        error = name + ": " + why;
        return nullptr;
    };
    Handles h;
    std::string why;
    if (h.cluster = connectCephCluster(o.ceph, why); !h.cluster) return failed(why);
    if (int r = rados_ioctx_create(h.cluster, o.spec.pool.c_str(), &h.ioctx); r < 0)
        return failed(r == -ENOENT ? "no such pool '" + o.spec.pool + "'" : "cannot open pool '" + o.spec.pool + "': " + std::strerror(-r));
    const char* snap = o.spec.snapshot.empty() ? nullptr : o.spec.snapshot.c_str();
    const bool readOnly = o.store.readOnly || snap;
    int r = readOnly ? rbd_open_read_only(h.ioctx, o.spec.image.c_str(), &h.image, snap)
                     : rbd_open(h.ioctx, o.spec.image.c_str(), &h.image, nullptr);
    if (r < 0) {
        h.image = nullptr;
        if (r == -ENOENT && snap) {
            // The image or its snapshot?
            rbd_image_t plain = nullptr;
            if (rbd_open_read_only(h.ioctx, o.spec.image.c_str(), &plain, nullptr) == 0) {
                rbd_close(plain);
                return failed("image '" + o.spec.image + "' has no snapshot '" + o.spec.snapshot + "'");
            }
        }
        if (r == -ENOENT) return failed("no such image '" + o.spec.image + "' in pool '" + o.spec.pool + "'");
        return failed("cannot open the image: " + osdErrorText(r, o.ceph));
    }
    uint64_t features = 0;
    rbd_get_features(h.image, &features);
    if (!readOnly && !o.shared && (features & RBD_FEATURE_EXCLUSIVE_LOCK)) {
        // Held until the image is closed: librbd no longer hands it to another client that asks,
        // which then cannot write (a second target on the same image is refused, below).
        r = rbd_lock_acquire(h.image, RBD_LOCK_MODE_EXCLUSIVE);
        if (r == -EROFS || r == -EBUSY || r == -EAGAIN)
            return failed("the image is locked by another client (`rbd status " + o.spec.pool + "/" + o.spec.image +
                          "` names it); two targets serving one image need --allow-shared-address (docs/rbd.md)");
        if (r < 0) return failed("cannot take the image's exclusive lock: " + osdErrorText(r, o.ceph));
    }
    rbd_image_info_t info{};
    if (r = rbd_stat(h.image, &info, sizeof info); r < 0) return failed("rbd_stat: " + std::string(std::strerror(-r)));
    if (!serveWithOsdTimeout(h.cluster, o.ceph)) return failed("librados refused rados_osd_op_timeout");
    const std::string identity = storageIdentity(h, o.spec.snapshot);
    auto io = RbdIo::create(h.cluster, h.ioctx, h.image, o.depth, why);
    h.release();   // the RbdIo owns them now (also when create failed: it closed them)
    if (!io) return failed(why);
    StoreOptions store = o.store;
    store.readOnly = readOnly;
    auto opened = BackingStore::withOwnIo(std::move(io), info.size, name, store, error);
    if (opened) opened->setStorageId(identity);
    return opened;
}

}  // namespace qvblade
