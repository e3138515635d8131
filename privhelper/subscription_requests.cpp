// SPDX-License-Identifier: GPL-2.0-or-later
// Subscriptions: export changes (added, removed, options changed) and the counters pushed to
// subscribed clients once a second.
#include <QJsonArray>

#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"
#include "privhelper/export_json.h"

namespace qvblade::helper {

void Server::subscribeCounters(const RequestPtr& r) {
    Fields f(r->args, {"enabled"});
    const bool enabled = f.boolean("enabled", true);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    r->conn->countersSubscribed = enabled;
    if (enabled && !countersTimer_.isActive()) countersTimer_.start();
    ok(r, {{"enabled", enabled}, {"intervalMs", kCountersIntervalMs}});
    if (enabled) pushCounters();   // the first values at once
}

void Server::subscribeExports(const RequestPtr& r) {
    Fields f(r->args, {"enabled"});
    const bool enabled = f.boolean("enabled", true);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    r->conn->exportsSubscribed = enabled;
    ok(r, {{"enabled", enabled}});
}

void Server::announceExportChange(const QString& change, const QString& name, QJsonObject exportJson) {
    const QJsonObject event{{"event", "export-changed"}, {"change", change}, {"name", name}};
    for (const auto& c : connections_) {
        if (!c || !c->exportsSubscribed) continue;
        QJsonObject mine = event;   // each client sees the export as list-exports shows it to them
        if (!exportJson.isEmpty()) mine.insert("export", exportView(c->peer, exportJson));
        c->sendEvent(mine);
    }
}

void Server::pushCounters() {
    bool any = false;
    for (const auto& c : connections_) any = any || (c && c->countersSubscribed);
    if (!any) {
        countersTimer_.stop();
        return;
    }
    // Snapshot on the engine thread: ports may close there at any time.
    engine_->call<QJsonObject>(
        [](Engine& e) {
            QJsonArray exports, interfaces;
            for (const auto& t : e.exports()) {
                QJsonObject o = exportCountersJson(t->counters());
                o.insert("name", q(t->name()));
                o.insert("paused", e.isPaused(t->shelf(), t->slot()));
                // New initiators show without the client listing the exports again.
                QJsonArray initiators, conflicting;
                for (const auto& m : t->counters().recentInitiators()) initiators << q(m.toString());
                o.insert("initiators", initiators);
                // Other targets answering as this export: a client that missed the address-conflict event still learns it.
                for (const auto& m : t->counters().conflictingMacs()) conflicting << q(m.toString());
                o.insert("conflictingMacs", conflicting);
                const QJsonObject details = exportDetailsJson(*t);
                for (auto it = details.begin(); it != details.end(); ++it) o.insert(it.key(), it.value());
                exports << o;
            }
            for (const PortStatus& p : e.ports()) {
                QJsonObject o = portCountersJson(*p.counters);
                o.insert("name", q(p.interface));
                interfaces << o;
            }
            return QJsonObject{{"event", "counters"}, {"exports", exports}, {"interfaces", interfaces}};
        },
        [this](QJsonObject event) {
            for (const auto& c : connections_) {
                if (!c || !c->countersSubscribed) continue;
                // Who uses someone else's export is not for other users to see; the counts are.
                QJsonArray exports = event.value("exports").toArray();
                for (auto it = exports.begin(); it != exports.end(); ++it) {
                    QJsonObject o = it->toObject();
                    if (!seesDetails(c->peer, o.value("name").toString()))
                        for (const char* key : {"initiators", "initiatorsSeen", "maskList", "reservations", "configString"})
                            o.remove(QLatin1String(key));
                    *it = o;
                }
                QJsonObject mine = event;
                mine.insert("exports", exports);
                c->sendEvent(mine);
            }
        });
}

}  // namespace qvblade::helper
