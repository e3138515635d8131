// SPDX-License-Identifier: GPL-2.0-or-later
// Live interfaces (issue #24): list-interfaces, subscribe-interfaces and the interface-changed
// events, and what a change means for the exports. The engine's ports follow the interface (a
// port on one made again, or given another MTU, is opened anew); an export whose interface is
// down or gone says so (`interfacesDown`), announced as export-changed `interface-down` and, when
// every interface serves again, `interface-up`.
#include <QJsonArray>
#include <QSocketNotifier>

#include <set>

#include "core/os/os.h"
#include "privhelper/export_json.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {

QJsonObject interfaceJson(const os::InterfaceInfo& i) {
    return {{"name", q(i.name)}, {"mac", q(i.mac.toString())}, {"mtu", qint64(i.mtu)}, {"up", i.up}, {"running", i.running}};
}

const char* changeName(os::LinkChange::Kind kind) {
    switch (kind) {
    case os::LinkChange::Kind::Added: return "added";
    case os::LinkChange::Kind::Removed: return "removed";
    case os::LinkChange::Kind::Changed: break;
    }
    return "changed";
}

// The interfaces of an export object that do not serve in `links` (down, without carrier, gone).
QJsonArray downIn(const QJsonObject& exportJson, const std::vector<os::InterfaceInfo>& links) {
    QJsonArray down;
    for (const QJsonValue& v : exportJson.value("interfaces").toArray()) {
        const QString name = v.toString();
        // Not a real interface here: the demo's adopted port is named so no real one can be.
        bool serves = name.contains(QLatin1Char(':'));
        for (const os::InterfaceInfo& i : links)
            if (q(i.name) == name) serves = i.up && i.running;
        if (!serves) down << v;
    }
    return down;
}

}  // namespace

void Server::watchLinks() {
    std::string error;
    links_ = os::watchLinks(error);
    if (!links_) {
        // Exports still serve; clients just do not hear of changes.
        qWarning("qvblade-helper: %s; interface changes are not followed", error.c_str());
        return;
    }
    if (links_->fd() >= 0) {
        linksNotifier_ = std::make_unique<QSocketNotifier>(links_->fd(), QSocketNotifier::Read);
        connect(linksNotifier_.get(), &QSocketNotifier::activated, this, &Server::linksChanged);
    } else {
        linksPoll_.setInterval(links_->pollIntervalMs());
        connect(&linksPoll_, &QTimer::timeout, this, &Server::linksChanged);
        linksPoll_.start();
    }
}

QJsonArray Server::interfacesDown(const QJsonObject& exportJson) const {
    return links_ ? downIn(exportJson, links_->current()) : QJsonArray();   // not watched: no claim either way
}

void Server::linksChanged() {
    std::vector<os::InterfaceInfo> before = links_->current();
    const std::vector<os::LinkChange> changes = links_->changes();
    if (changes.empty()) return;
    for (const os::LinkChange& c : changes) {
        QJsonObject event{{"event", "interface-changed"}, {"change", changeName(c.kind)}, {"name", q(c.info.name)}};
        if (c.kind != os::LinkChange::Kind::Removed) event.insert("interface", interfaceJson(c.info));
        // Interfaces are what list-interfaces tells anyone.
        for (const auto& conn : connections_)
            if (conn && conn->interfacesSubscribed) conn->sendEvent(event);
    }
    // The engine follows each change (in order: a removal before the same name's addition), then
    // says which exports use a changed interface.
    auto names = std::make_shared<std::set<std::string>>();
    for (const os::LinkChange& c : changes) names->insert(c.info.name);
    engine_->call<std::vector<QJsonObject>>(
        [changes, names](Engine& e) {
            for (const os::LinkChange& c : changes) {
                os::InterfaceInfo now = c.info;
                if (c.kind == os::LinkChange::Kind::Removed) now.up = now.running = false;
                std::string error;
                if (!e.linkChanged(now, error))
                    qWarning("qvblade-helper: cannot serve on %s again: %s", now.name.c_str(), error.c_str());
            }
            std::vector<QJsonObject> affected;
            for (const auto& t : e.exports())
                for (const std::string& i : t->settings().interfaces)
                    if (names->count(i)) {
                        affected.push_back(exportJson(*t, e.isPaused(t->shelf(), t->slot())));
                        break;
                    }
            return affected;
        },
        // Each export's state before and after this change, from the lists of this very change (a
        // later change has its own call, answered after this one).
        [this, before = std::move(before), after = links_->current()](std::vector<QJsonObject> affected) {
            for (const QJsonObject& json : affected) {
                const QString name = json.value("name").toString();
                const QJsonArray down = downIn(json, after);
                // Said when the state changes, not for every change that leaves it as it was.
                if (down == downIn(json, before)) continue;
                QStringList downNames;
                for (const QJsonValue& v : down) downNames << v.toString();
                if (downNames.isEmpty())
                    qInfo("qvblade-helper: %s serves again: its interfaces are up", qPrintable(name));
                else
                    qInfo("qvblade-helper: %s cannot be reached: %s down", qPrintable(name), qPrintable(downNames.join(", ")));
                announceExportChange(down.isEmpty() ? QStringLiteral("interface-up") : QStringLiteral("interface-down"), name, json);
            }
        });
}

void Server::listInterfaces(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    QJsonArray list;
    for (const os::InterfaceInfo& i : os::listInterfaces()) list << interfaceJson(i);
    ok(r, {{"interfaces", list}});
}

void Server::subscribeInterfaces(const RequestPtr& r) {
    Fields f(r->args, {"enabled"});
    const bool enabled = f.boolean("enabled", true);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (enabled && !links_) return fail(r, err::kFailed, QStringLiteral("this helper cannot watch the interfaces"));
    // The list as the events continue it: every change after it comes as an event. Anything not
    // yet announced goes out first, to those subscribed before.
    QJsonArray list;
    if (enabled) {
        linksChanged();
        for (const os::InterfaceInfo& i : links_->current()) list << interfaceJson(i);
    }
    r->conn->interfacesSubscribed = enabled;
    ok(r, {{"enabled", enabled}, {"interfaces", list}});
}

}  // namespace qvblade::helper
