// SPDX-License-Identifier: GPL-2.0-or-later
// Exports in systemd's descriptor store (docs/protocol.md, "Surviving a crash"): what goes in when
// an export is added or changed, what comes out when it is removed, and the exports restored at
// start from what systemd hands back (each through add-export's own checks). The names and
// memfds themselves: stored_exports.*.
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"
#include "privhelper/stored_exports.h"

namespace qvblade::helper {

std::vector<std::string> Server::keepInStore(const QString& name, const StoreEntry& entry, const UniqueFd& image) {
    // The extras first: an image stored without them is not restored (its MAC list is missing).
    std::string error;
    std::vector<std::string> stored;
    if (!entry.extrasName.empty()) {
        if (!notifyServiceManager("FDSTORE=1\nFDNAME=" + entry.extrasName, {entry.extras.get()}, error)) {
            qWarning("qvblade-helper: %s will not survive a crash of the helper: %s", qPrintable(name), error.c_str());
            return {};
        }
        stored.push_back(entry.extrasName);
    }
    if (!notifyServiceManager("FDSTORE=1\nFDNAME=" + entry.imageName, {image.get()}, error)) {
        qWarning("qvblade-helper: %s will not survive a crash of the helper: %s", qPrintable(name), error.c_str());
        removeFromStore(stored);
        return {};
    }
    stored.push_back(entry.imageName);
    return stored;
}

void Server::removeFromStore(const std::vector<std::string>& names) {
    for (const std::string& n : names) {
        std::string error;
        if (!notifyServiceManager("FDSTOREREMOVE=1\nFDNAME=" + n, {}, error))
            qWarning("qvblade-helper: cannot drop %s from the service manager's descriptor store: %s", n.c_str(), error.c_str());
    }
}

void Server::updateStoreEntries(const QString& name, const ExportSettings& settings, const UniqueFd& image) {
    auto it = exportOwners_.find(name);
    if (it == exportOwners_.end() || it->second.fdStoreNames.empty()) return;
    const bool rbd = !it->second.rbdValues.isEmpty();
    if (!rbd && !image.valid()) return;
    std::string why;
    auto entry = makeStoreEntry(settings, it->second.uid, why, rbd ? &it->second.rbdValues : nullptr);
    removeFromStore(it->second.fdStoreNames);
    it->second.fdStoreNames.clear();
    if (!entry) {
        qWarning("qvblade-helper: %s will not survive a crash of the helper: %s", qPrintable(name), why.c_str());
        return;
    }
    it->second.fdStoreNames = keepInStore(name, *entry, rbd ? entry->rbdValues : image);
}

void Server::forgetExport(const QString& name) {
    const auto it = exportOwners_.find(name);
    if (it == exportOwners_.end()) return;
    removeFromStore(it->second.fdStoreNames);
    exportOwners_.erase(it);
}

void Server::restoreStoredExports(std::vector<PassedFd> passed) {
    std::vector<std::pair<std::string, QString>> unusable;
    std::vector<StoredExport> exports = storedExports(std::move(passed), unusable);
    for (const auto& [fdName, why] : unusable) {
        qWarning("qvblade-helper: descriptor \"%s\" from the service manager not restored: %s", fdName.c_str(), qPrintable(why));
        removeFromStore({fdName});
    }
    for (StoredExport& e : exports) {
        // Through add-export's own checks, as its owner (no polkit: it was authorised when added).
        auto r = std::make_shared<Request>();
        r->peer.uid = e.owner;
        r->peer.pid = ::getpid();
        r->type = QStringLiteral("restore-export");
        r->args = e.args;
        if (e.image.valid()) r->fds.push_back(std::move(e.image));   // (an RBD image has none)
        r->restored = true;
        r->fdStoreNames = e.fdNames;
        r->finished = [this, name = e.name, names = e.fdNames](bool ok, const QString& error) {
            if (ok) return;
            qWarning("qvblade-helper: %s from the service manager's descriptor store not restored: %s", qPrintable(name), qPrintable(error));
            removeFromStore(names);
        };
        addExport(r);
    }
}

}  // namespace qvblade::helper
