// SPDX-License-Identifier: GPL-2.0-or-later
// How an export is kept in systemd's descriptor store (qvblade-helper.service,
// FileDescriptorStoreMax=), so that a helper that crashed gets its exports back from systemd
// without opening a path (docs/protocol.md, "Surviving a crash"):
//  - the image descriptor, named with the export's settings:
//      qvb1,e<shelf>.<slot>,u<owner uid>,f<flags r d s a x c>,o<offset>,l<length>,b<buffers>,i<if>+<if>
//    (interface names percent-encoded outside [A-Za-z0-9._-]; r read-only, d direct, s durable (-s), a shared address,
//    x: an extras descriptor goes with it; c: a Ceph RBD image, for which the descriptor is a sealed
//    memfd holding add-export's "rbd" object, its key included: it lives in the helper's and
//    systemd's memory only, as the key already does in the helper's);
//  - for an export with a MAC list or a config string (or interfaces too long for the name, which
//    are then left out of it): a sealed memfd named qvb1,e<shelf>.<slot>,x holding
//    {"macs", "configString", "interfaces"} as JSON.
// Restoring turns these back into add-export fields, which the add-export handler checks as it
// checks a client's.
#pragma once

#include <sys/types.h>

#include <QJsonObject>
#include <QString>

#include <optional>
#include <string>
#include <vector>

#include "core/export_target.h"
#include "privhelper/protocol/unique_fd.h"
#include "privhelper/service_manager.h"

namespace qvblade::helper {

// What goes into the store for one export, besides (a duplicate of) its image descriptor.
struct StoreEntry {
    std::string imageName;
    std::string extrasName;   // empty: no extras
    UniqueFd extras;          // the sealed memfd
    UniqueFd rbdValues;       // an RBD export's: stored under imageName, as its image
};
// `rbd`: an RBD export's add-export "rbd" object (checked by parseRbdSource), or nullptr for a
// file or block device.
std::optional<StoreEntry> makeStoreEntry(const ExportSettings& s, uid_t owner, std::string& error, const QJsonObject* rbd = nullptr);

// One export the store handed back.
struct StoredExport {
    QString name;                         // "e5.1"
    uid_t owner = 0;
    QJsonObject args;                     // add-export fields ("rbd" for an RBD image)
    UniqueFd image;                       // not valid for an RBD image
    std::vector<std::string> fdNames;     // its entries in the store (to remove them)
};

// Sorts the passed descriptors into exports. What is not part of one (a name of another
// format, extras without their image, an image whose extras are missing) goes to `unusable`
// as (name, why); its descriptor is closed.
std::vector<StoredExport> storedExports(std::vector<PassedFd> passed, std::vector<std::pair<std::string, QString>>& unusable);

}  // namespace qvblade::helper
