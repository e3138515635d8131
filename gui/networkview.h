// SPDX-License-Identifier: GPL-2.0-or-later
// The Network window (issue #24): the AoE targets that answer a Query Config on one interface —
// what an initiator there sees — with shelf.slot, MAC, sectors per frame, buffer count, firmware
// and config string; this computer's own exports marked, two MACs on one address in red.
// Refreshed on demand and every few seconds while it is open. Teachers show a class what an
// initiator finds; users pick a free address.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include "gui/exportbackend.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace qvblade::gui {

class NetworkScanner;

class NetworkModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Address, Mac, Host, SectorsPerFrame, Buffers, Firmware, ConfigString, ColumnCount };
    // Data role: true on the rows of an address two or more MACs answer for.
    static constexpr int ConflictRole = Qt::UserRole + 1;

    explicit NetworkModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setTargets(const QList<NetworkTarget>& targets);
    const QList<NetworkTarget>& targets() const { return targets_; }
    bool isConflict(int row) const { return conflicts_.contains(targets_.value(row).key()); }

private:
    QList<NetworkTarget> targets_;
    QSet<quint32> conflicts_;
};

class NetworkView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshMsecs = 5000;

    // `interfaces`: what to offer until the backend's live list comes (its interfacesChanged).
    NetworkView(ExportBackend* backend, const QList<NetInterface>& interfaces, QWidget* parent = nullptr);

    NetworkModel* model() const { return model_; }
    QComboBox* interfaceBox() const { return interface_; }
    QPushButton* refreshButton() const { return refresh_; }
    QLabel* status() const { return status_; }
    QTableView* table() const { return table_; }
    void setRefreshInterval(int msecs) { timer_.setInterval(msecs); }
    // Scans the chosen interface now (unless a scan runs already).
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void setInterfaces(const QList<NetInterface>& interfaces);
    void onScanned(const QList<NetworkTarget>& targets, const QStringList& errors);

    ExportBackend* backend_;
    NetworkScanner* scanner_;
    NetworkModel* model_;
    QComboBox* interface_;
    QPushButton* refresh_;
    QLabel* status_;
    QTableView* table_;
    QTimer timer_;
    QString scanning_;   // the interface of the running scan
};

}  // namespace qvblade::gui
