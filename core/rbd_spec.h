// SPDX-License-Identifier: GPL-2.0-or-later
// A Ceph RBD image named as an export's file: rbd:POOL/IMAGE[@SNAPSHOT], and the cluster
// options that go with it (--ceph-conf, --ceph-id, --keyring, --ceph-osd-timeout). Only the
// names live here, in the plain core; opening the image needs librbd (core/rbd, qvblade_rbd).
#pragma once

#include <optional>
#include <string>

namespace qvblade {

constexpr const char* kRbdPrefix = "rbd:";

struct RbdSpec {
    std::string pool;
    std::string image;
    std::string snapshot;   // empty: the image itself
};

struct CephSettings {
    std::string confFile;        // --ceph-conf; empty: librados' search ($CEPH_CONF, /etc/ceph/ceph.conf, ...)
    std::string id = "admin";    // --ceph-id: the client name without "client."
    std::string keyring;         // --keyring; empty: what the configuration names
    // --ceph-osd-timeout: seconds an operation may wait for an OSD before it fails (rados_osd_op_timeout);
    // 0, the default, waits forever, as Ceph does: the initiator retransmits until the OSD is back.
    unsigned osdTimeoutSeconds = 0;
    // Given as values instead of files (the helper's add-export, docs/protocol.md): the monitors
    // (mon_host syntax) and the base64 cephx key of client.<id>. When monHost is set, librados reads
    // no file at all (no configuration, no keyring, no CEPH_ARGS) and confFile/keyring are ignored.
    std::string monHost;
    std::string key;
    bool operator==(const CephSettings&) const = default;
};

// True when `path` names an RBD image (starts with "rbd:").
inline bool isRbdPath(const std::string& path) { return path.rfind(kRbdPrefix, 0) == 0; }

// Parses "rbd:POOL/IMAGE[@SNAPSHOT]"; nullopt and one sentence in `error` when it is malformed.
std::optional<RbdSpec> parseRbdPath(const std::string& path, std::string& error);

}  // namespace qvblade
