// SPDX-License-Identifier: GPL-2.0-or-later
// Two targets on one address (issue #22): probe-address, the probe before add-export, and the
// engine's reports of another target answering as one of ours while it serves. And who answers
// at all (issue #24, the network view): scan-network.
#include <linux/if.h>

#include <QJsonArray>

#include "core/os/os.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {

QJsonObject peerJson(const AddressPeer& p) {
    QJsonObject o{{"interface", q(p.interface)}, {"mac", q(p.mac.toString())}};
    // Kept so that a shared export can tell which storage the other target serves.
    if (p.configKnown) {
        o.insert("bufferCount", int(p.bufferCount));
        o.insert("firmware", int(p.firmware));
        o.insert("sectorsPerFrame", int(p.sectorsPerFrame));
        o.insert("configString", q(p.configString));
    }
    return o;
}

QJsonArray answeredByJson(const std::vector<AddressPeer>& peers) {
    QJsonArray list;
    for (const AddressPeer& p : peers) list << peerJson(p);
    return list;
}

// A target of scan-network: a peer, or (ours) one of this helper's exports as it answers there.
QJsonObject targetJson(const AddressPeer& p, bool ours, bool paused) {
    QJsonObject o = peerJson(p);
    o.insert("name", exportName(p.shelf, p.slot));
    o.insert("shelf", int(p.shelf));
    o.insert("slot", int(p.slot));
    o.insert("ours", ours);
    if (ours) o.insert("paused", paused);
    return o;
}

}  // namespace

std::vector<std::string> Server::interfaceNames(Fields& f, const QStringList& names) {
    std::vector<std::string> out;
    for (const QString& i : names) {
        if (!f.error.isEmpty()) break;
        if (i.isEmpty() || i.contains('/') || i.contains(' ') || i == QLatin1String(".") || i == QLatin1String("..")) {
            f.fault(QStringLiteral("\"%1\" is not an interface name").arg(i));
            break;
        }
        std::string why;
        if (!os::interfaceInfo(i.toStdString(), why)) f.fault(q(why));
        out.push_back(i.toStdString());
    }
    return out;
}

void Server::probeAddress(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot", "interfaces"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf), slot = f.integer("slot", 0, aoe::kMaxSlot);
    const QStringList names = f.strings("interfaces", 16, IFNAMSIZ - 1);
    if (f.error.isEmpty() && names.isEmpty()) f.fault(QStringLiteral("\"interfaces\" must name at least one interface"));
    std::vector<std::string> interfaces = interfaceNames(f, names);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString name = exportName(shelf, slot);
    const bool started = prober_.probe({{uint16_t(shelf), uint8_t(slot), std::move(interfaces)}}, true,
                                       [this, r, name](AddressProber::Result peers, QString error) {
                                           if (!peers) return fail(r, err::kFailed, error);
                                           ok(r, {{"name", name}, {"answeredBy", answeredByJson(*peers)}});
                                       });
    if (!started)
        fail(r, err::kBusy, QStringLiteral("%1 address probes are running already; ask again in a moment").arg(AddressProber::kMaxRunning));
}

void Server::scanNetwork(const RequestPtr& r) {
    Fields f(r->args, {"interface"});
    const QString name = f.string("interface", IFNAMSIZ - 1);
    if (f.error.isEmpty() && !r->args.contains("interface")) f.fault(QStringLiteral("\"interface\" must name an interface"));
    std::vector<std::string> interfaces = interfaceNames(f, {name});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const std::string interface = interfaces.front();
    const bool started = prober_.scan(interface, [this, r, interface](AddressProber::Result peers, QString error) {
        if (!peers) return fail(r, err::kFailed, error);
        // This helper's own exports never hear its scan (its probe socket takes only what
        // others send): the engine says how they answer there.
        engine_->call<QJsonArray>(
            [interface, peers = std::move(*peers)](Engine& e) {
                QJsonArray targets;
                for (const AddressPeer& p : peers) targets << targetJson(p, false, false);
                for (const Engine::Advertised& a : e.advertised(interface)) {
                    AddressPeer own{a.target->shelf(), a.target->slot(), interface, a.mac, true, a.advert.bufferCount,
                                    a.advert.firmwareVersion, a.advert.sectorsPerFrame, std::string(a.target->configString()), {}, false};
                    targets << targetJson(own, true, a.paused);
                }
                return targets;
            },
            [this, r, interface](QJsonArray targets) { ok(r, {{"interface", q(interface)}, {"targets", targets}}); });
    });
    if (!started)
        fail(r, err::kBusy, QStringLiteral("%1 address probes and scans are running already; ask again in a moment").arg(AddressProber::kMaxRunning));
}

void Server::unlessAddressTaken(const RequestPtr& r, AddressProbeRequest request, const std::string& storageId,
                                std::function<void()> free) {
    const uint16_t shelf = request.shelf;
    const uint8_t slot = request.slot;
    const bool shared = request.askStorage;
    const QString name = exportName(shelf, slot);
    prober_.probe({std::move(request)}, false,
                  [this, r, shelf, slot, shared, storageId, name, free = std::move(free)](AddressProber::Result peers, QString error) {
                      // Nobody to answer: a client gone meanwhile never learns whether its export started.
                      if (!r->conn && !r->restored) return audit(r, name + QStringLiteral(" not added: the client left during the address probe"), name);
                      if (!peers) {
                          audit(r, QStringLiteral("%1 not added: %2").arg(name, error), name);
                          return fail(r, err::kFailed, error);
                      }
                      const QString taken = q(addressRefusal(shelf, slot, shared, storageId, *peers, "allowSharedAddress"));
                      if (taken.isEmpty()) return free();
                      audit(r, QStringLiteral("%1 not added: %2").arg(name, taken), name, true);
                      fail(r, err::kAddressTaken, taken);
                  });
}

void Server::watchAddressConflicts() {
    engine_->post([this](Engine& e) {
        e.setConflictObserver([this](const ExportTarget& t, const std::string& interface, const aoe::MacAddress& peer) {
            QMetaObject::invokeMethod(this, [this, name = q(t.name()), i = q(interface), mac = q(peer.toString()),
                                             shared = t.settings().allowSharedAddress] { addressConflict(name, i, mac, shared); },
                                      Qt::QueuedConnection);
        });
    });
}

void Server::addressConflict(const QString& name, const QString& interface, const QString& mac, bool shared) {
    if (shared)
        qInfo("qvblade-helper: %s is also answered by %s on %s (shared address allowed)", qPrintable(name), qPrintable(mac),
              qPrintable(interface));
    else
        qWarning("qvblade-helper: another device answers as %s: %s on %s; initiators will mix the two disks' data: stop one of them",
                 qPrintable(name), qPrintable(mac), qPrintable(interface));
    // Anyone may learn who answers for an address (probe-address), so every subscriber is told.
    const QJsonObject event{{"event", "address-conflict"}, {"name", name}, {"interface", interface}, {"mac", mac}, {"shared", shared}};
    for (const auto& c : connections_)
        if (c && (c->exportsSubscribed || c->countersSubscribed)) c->sendEvent(event);
}

}  // namespace qvblade::helper
