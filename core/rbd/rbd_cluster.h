// SPDX-License-Identifier: GPL-2.0-or-later
// A connected librados cluster handle as an export's Ceph settings say (docs/rbd.md, "Settings"):
// either from files (--ceph-conf, --keyring, CEPH_ARGS: the CLI, as its user) or from values only
// (monitors and key: the helper, which must never open a file a client names, and the GUI once it
// has read the files as the user). Shared by the image store and the cluster's pool/image lists.
#pragma once

#include <rados/librados.h>

#include <string>

#include "core/rbd_spec.h"

namespace qvblade {

// What librbd is told whatever the configuration file says (docs/rbd.md, "Settings").
// A monitor that does not answer is an error after this long (librados waits 300 s by default).
constexpr int kCephMountTimeoutSeconds = 5;

// A connected handle (rados_shutdown it), or nullptr and one sentence in `error`. The sentence
// never contains the key. Blocks for up to kCephMountTimeoutSeconds (plus name resolution).
rados_t connectCephCluster(const CephSettings& ceph, std::string& error);

}  // namespace qvblade
