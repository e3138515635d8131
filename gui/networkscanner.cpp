// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/networkscanner.h"

#include <QHash>

namespace qvblade::gui {

NetworkScanner::NetworkScanner(ExportBackend* backend, QObject* parent) : QObject(parent), backend_(backend) {
    connect(backend_, &ExportBackend::networkScanned, this, &NetworkScanner::onScanned);
    connect(backend_, &ExportBackend::requestFinished, this, &NetworkScanner::onFinished);
}

bool NetworkScanner::scan(const QStringList& interfaces) {
    if (isScanning() || interfaces.isEmpty()) return false;
    targets_.clear();
    errors_.clear();
    for (const QString& i : interfaces) {
        const int id = backend_->scanNetwork(i);
        if (id < 0) {
            pending_.clear();   // answers of the others are ignored: they are not pending
            return false;
        }
        pending_.insert(id, i);
    }
    return true;
}

void NetworkScanner::onScanned(int id, const QString&, const QList<NetworkTarget>& targets) {
    if (!pending_.contains(id)) return;
    targets_ << targets;
}

void NetworkScanner::onFinished(int id, bool ok, const QString& error) {
    const auto it = pending_.find(id);
    if (it == pending_.end()) return;
    if (!ok) errors_ << QStringLiteral("%1: %2").arg(it.value(), error);
    pending_.erase(it);
    finishIfDone();
}

void NetworkScanner::finishIfDone() {
    if (!pending_.isEmpty()) return;
    emit finished(targets_, errors_);
}

QSet<quint32> NetworkScanner::addresses(const QList<NetworkTarget>& targets) {
    QSet<quint32> out;
    for (const NetworkTarget& t : targets) out.insert(t.key());
    return out;
}

QSet<quint32> NetworkScanner::conflicts(const QList<NetworkTarget>& targets) {
    QHash<quint32, QSet<QString>> macs;
    for (const NetworkTarget& t : targets) macs[t.key()].insert(t.mac);
    QSet<quint32> out;
    for (auto it = macs.begin(); it != macs.end(); ++it)
        if (it.value().size() > 1) out.insert(it.key());
    return out;
}

}  // namespace qvblade::gui
