// SPDX-License-Identifier: GPL-2.0-or-later
// The exports table. Export lists replace rows; pushed counters are only stored when they
// arrive and folded into the rows at the next refresh tick with one dataChanged for all of
// them, so thousands of counter events a second cost one repaint per tick.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QList>
#include <QTimer>

#include "gui/exportbackend.h"

namespace qvblade::gui {

class ExportsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name, Owner, File, Size, Interfaces, Mode, State, Initiators, FramesInRate, FramesOutRate, MBps, Errors,
        Drops, Graph, ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,   // numbers sort as numbers
        KeyRole,                       // exportKey(shelf, slot)
        HistoryRole,                   // QList<double>: MB/s over the last kHistory ticks
        StateRole,                     // int(ExportState)
        ReadHistoryRole,               // QList<double>: MB/s read by initiators (sent by us)
        WriteHistoryRole,              // QList<double>: MB/s written by initiators (received)
    };
    static constexpr int kTickMsecs = 500;   // the refresh interval the history is sampled at
    static constexpr int kHistory = 60;

    explicit ExportsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The GUI's uid (ExportBackend::clientUid): other users' rows say in their tooltip why they
    // cannot be changed.
    void setClientUid(qint64 uid);
    // The exports that start at boot (the backend's startAtBoot()): said in the State column.
    void setStartAtBoot(const QSet<quint32>& keys);
    qint64 clientUid() const { return clientUid_; }

    // Replaces the list: rows of vanished exports go, new ones are appended, the rest update.
    void setExports(const QList<ExportInfo>& exports);
    // Stores counters for the next refresh; emits nothing.
    void pushCounters(const QList<CounterSample>& samples);
    // Folds the stored counters into the rows (called by the refresh timer; tests call it directly).
    void refresh();
    void setRefreshInterval(int msecs);   // 0 stops the timer
    int refreshInterval() const;

    int rowOf(quint32 key) const;
    const ExportInfo* exportAt(int row) const;
    QList<ExportInfo> exportList() const;
    bool isTaken(quint16 shelf, quint8 slot) const { return rowOf(exportKey(shelf, slot)) >= 0; }

    // Totals for the tray and the status bar.
    struct Summary {
        int exports = 0, serving = 0, paused = 0, failed = 0;
        int initiators = 0;   // distinct hosts: one initiator on two exports counts once
        double mbps = 0;
        quint64 drops = 0, errors = 0;
    };
    Summary summary() const;

    static QString modeText(const ExportSpec& spec);

signals:
    void refreshed();   // after each tick that changed counters

private:
    struct Row {
        ExportInfo info;
        CounterSample last;
        bool haveSample = false;
        double framesInRate = 0, framesOutRate = 0, mbps = 0, readMbps = 0, writeMbps = 0;
        QList<double> history, readHistory, writeHistory;
    };
    QVariant displayData(const Row& r, int column) const;
    QVariant sortData(const Row& r, int column) const;

    QList<Row> rows_;
    QHash<quint32, CounterSample> pending_;
    qint64 newestSample_ = 0;
    qint64 clientUid_ = -1;
    QSet<quint32> startAtBoot_;
    QTimer timer_;
};

}  // namespace qvblade::gui
