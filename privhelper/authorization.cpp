// SPDX-License-Identifier: GPL-2.0-or-later
// Who may do what: root; the client pkexec started the helper for (manage-exports); polkit per
// request for everyone else; and for changes to an export, its owner (or manage-any-export).
// Also what a client may see of an export that is not theirs.
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

void Server::authorize(const RequestPtr& r, const char* action, std::function<void()> allowed) {
    if (r->peer.uid == 0) {
        allowed();
        return;
    }
    // The process pkexec started this helper for (the client on standard input) may manage
    // exports: that is what pkexec asked polkit about. Not any other process of that user that
    // connects to --serve-socket later: those are asked about per request, as in service mode.
    // The demo, which touches no real interface, needs no more than that. rmem and capture are
    // separate actions and asked about each time.
    if (options_.ownerUid && r->conn && r->conn->stdio && r->peer.uid == *options_.ownerUid &&
        (QLatin1String(action) == QLatin1String(action::kManageExports) || QLatin1String(action) == QLatin1String(action::kDemo))) {
        allowed();
        return;
    }
    polkit_.check(r->peer, QString::fromLatin1(action), [this, r, allowed = std::move(allowed)](bool yes, const QString& why) {
        if (!r->conn) return;   // the client left while polkit thought
        if (yes) {
            allowed();
            return;
        }
        audit(r, QStringLiteral("refused: %1").arg(why), {}, true);
        fail(r, err::kNotAuthorized, why);
    });
}

void Server::authorizeOwner(const RequestPtr& r, const QString& name, std::function<void()> allowed) {
    const auto owner = exportOwners_.find(name);
    if (owner == exportOwners_.end() || r->peer.uid == 0 || r->peer.uid == owner->second.uid) {
        allowed();
        return;
    }
    const QString ownerName = owner->second.userName;
    polkit_.check(r->peer, QString::fromLatin1(action::kManageAnyExport),
                  [this, r, name, ownerName, allowed = std::move(allowed)](bool yes, const QString&) {
                      if (!r->conn) return;
                      if (yes) {
                          allowed();
                          return;
                      }
                      audit(r, QStringLiteral("refused: %1 belongs to %2").arg(name, ownerName), name, true);
                      fail(r, err::kNotAuthorized,
                           QStringLiteral("%1 belongs to %2: only %2 or an administrator can change it").arg(name, ownerName));
                  });
}

bool Server::seesDetails(const PeerCredentials& peer, const QString& exportName) const {
    const auto owner = exportOwners_.find(exportName);
    // An export not (yet) on record shows its details to root only.
    return peer.uid == 0 || (owner != exportOwners_.end() && owner->second.uid == peer.uid);
}

QJsonObject Server::exportView(const PeerCredentials& peer, QJsonObject full) const {
    const QString name = full.value("name").toString();
    if (const auto owner = exportOwners_.find(name); owner != exportOwners_.end()) {
        full.insert("ownerUid", qint64(owner->second.uid));
        full.insert("owner", owner->second.userName);
    }
    if (isDemo(name)) full.insert("demo", true);
    full.insert("interfacesDown", interfacesDown(full));
    if (seesDetails(peer, name)) return full;
    // Someone else's export: what it is called, how big, whether it runs and whose it is; not
    // where its data lives nor who uses it.
    QJsonObject view;
    for (const char* key : {"name", "shelf", "slot", "sectors", "paused", "owner", "ownerUid"})
        if (full.contains(QLatin1String(key))) view.insert(QLatin1String(key), full.value(QLatin1String(key)));
    return view;
}

}  // namespace qvblade::helper
