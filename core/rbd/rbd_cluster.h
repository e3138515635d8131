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

// While an image is opened or the cluster's lists are read (the GUI's pools, images and
// snapshots: those handles never serve), an OSD that does not answer is an error after this long,
// or after --ceph-osd-timeout when one is set: without it a start or a dialog would wait for a
// silent OSD forever. Serving then waits as the export says.
constexpr int kCephOpenOsdTimeoutSeconds = 10;
int openOsdTimeoutSeconds(const CephSettings& ceph);

// A connected handle (rados_shutdown it), or nullptr and one sentence in `error`. The sentence
// never contains the key. Blocks for up to kCephMountTimeoutSeconds (plus name resolution).
// Its OSD operations time out after openOsdTimeoutSeconds until serveWithOsdTimeout.
rados_t connectCephCluster(const CephSettings& ceph, std::string& error);

// Once the image is open: from now on an OSD operation waits as long as --ceph-osd-timeout
// says (0: until the OSD is back). False if librados refused the change.
bool serveWithOsdTimeout(rados_t cluster, const CephSettings& ceph);

// A librados/librbd error of an OSD operation as words: a timeout names how long was waited.
std::string osdErrorText(int negativeErrno, const CephSettings& ceph);

}  // namespace qvblade
