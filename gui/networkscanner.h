// SPDX-License-Identifier: GPL-2.0-or-later
// Who answers on the network (issue #24): asks the backend to scan interfaces (the helper's
// scan-network: a broadcast Query Config) and hands back every target that answered, with the
// helper's own exports there. Used by the Network window and by the export dialog, which proposes
// an address nobody answers for.
#pragma once

#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

#include "gui/exportbackend.h"

namespace qvblade::gui {

class NetworkScanner : public QObject {
    Q_OBJECT
public:
    explicit NetworkScanner(ExportBackend* backend, QObject* parent = nullptr);

    // Scans each of `interfaces` once; finished() follows when all have answered. False (and
    // nothing sent) while a scan runs, or when the backend cannot scan.
    bool scan(const QStringList& interfaces);
    bool isScanning() const { return !pending_.isEmpty(); }

    // shelf.slot keys (exportKey) the targets answer for.
    static QSet<quint32> addresses(const QList<NetworkTarget>& targets);
    // Keys answered by more than one MAC: two targets on one address, which mixes their disks.
    static QSet<quint32> conflicts(const QList<NetworkTarget>& targets);

signals:
    // Every target of the scan, per interface in the order asked; `errors` has one sentence per
    // interface that could not be scanned ("eth1: interface eth1 is down …").
    void finished(const QList<qvblade::gui::NetworkTarget>& targets, const QStringList& errors);

private:
    void onScanned(int id, const QString& interface, const QList<NetworkTarget>& targets);
    void onFinished(int id, bool ok, const QString& error);
    void finishIfDone();

    ExportBackend* backend_;
    QHash<int, QString> pending_;   // request id -> interface
    QList<NetworkTarget> targets_;
    QStringList errors_;
};

}  // namespace qvblade::gui
