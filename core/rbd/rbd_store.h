// SPDX-License-Identifier: GPL-2.0-or-later
// Opens a Ceph RBD image as an export's backing store (rbd:POOL/IMAGE[@SNAPSHOT], docs/rbd.md):
// connects to the cluster as the export's Ceph settings say, opens the image (read-only for a
// snapshot or -r), takes its exclusive lock unless the address is shared, sizes it with rbd_stat
// and hands the I/O to an RbdIo (core/rbd/rbd_io.h), which the engine drives. Linux, librbd.
#pragma once

#include <memory>
#include <string>

#include "core/backing_store.h"
#include "core/rbd/rbd_cluster.h"
#include "core/rbd_spec.h"

namespace qvblade {

struct RbdOpenOptions {
    RbdSpec spec;
    CephSettings ceph;
    StoreOptions store;
    // Several targets serve the image (--allow-shared-address): no exclusive lock is taken.
    bool shared = false;
    unsigned depth = 64;   // operations in flight at most (the export's buffer count and a flush)
};

// nullptr and one sentence in `error` (naming the image) on failure.
std::unique_ptr<BackingStore> openRbdStore(const RbdOpenOptions& options, std::string& error);

}  // namespace qvblade
