// SPDX-License-Identifier: GPL-2.0-or-later
// How an export is kept in systemd's descriptor store (qvblade-helper.service,
// FileDescriptorStoreMax=), so that a helper that crashed gets its exports back from systemd
// without opening a path (docs/protocol.md, "Surviving a crash"):
//  - the image descriptor, named with the export's settings:
//      qvb1,e<shelf>.<slot>,u<owner uid>,f<flags r d s a x>,o<offset>,l<length>,b<buffers>,i<if>+<if>
//    (interface names percent-encoded outside [A-Za-z0-9._-]; r read-only, d direct, s durable (-s), a shared address,
//    x: an extras descriptor goes with it);
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
};
std::optional<StoreEntry> makeStoreEntry(const ExportSettings& s, uid_t owner, std::string& error);

// One export the store handed back.
struct StoredExport {
    QString name;                         // "e5.1"
    uid_t owner = 0;
    QJsonObject args;                     // add-export fields
    UniqueFd image;
    std::vector<std::string> fdNames;     // its entries in the store (to remove them)
};

// Sorts the passed descriptors into exports. What is not part of one (a name of another
// format, extras without their image, an image whose extras are missing) goes to `unusable`
// as (name, why); its descriptor is closed.
std::vector<StoredExport> storedExports(std::vector<PassedFd> passed, std::vector<std::pair<std::string, QString>>& unusable);

}  // namespace qvblade::helper
