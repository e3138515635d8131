// SPDX-License-Identifier: GPL-2.0-or-later
// add-export's "rbd" object (docs/protocol.md, "Ceph RBD images"): a Ceph RBD image named by
// values the client read as its user (monitors, Ceph user, key), never by a path the helper would
// open. Checked here; opened by qvblade_rbd on a worker thread (export_requests.cpp).
#pragma once

#include <QJsonObject>
#include <QString>

#include "core/rbd_spec.h"

namespace qvblade::helper {

struct RbdSource {
    RbdSpec spec;
    CephSettings ceph;   // monHost and key set; confFile and keyring never
};

// The source `o` describes; false and a sentence naming the field when a field is missing or
// malformed. The sentence never contains the key's value.
bool parseRbdSource(const QJsonObject& o, RbdSource& out, QString& error);

// "rbd:POOL/IMAGE[@SNAPSHOT]", the export's name in lists and logs (no cluster detail, no key).
std::string rbdSourcePath(const RbdSpec& spec);

}  // namespace qvblade::helper
