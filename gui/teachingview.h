// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching view: a live list of the AoE frames the helper sees, decoded (direction, MACs,
// shelf.slot, command, tag, ATA command with LBA and count, Query Config sub-command), with
// pause, clear and a filter, and "Save capture…" to a pcap file the helper writes.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>
#include <QWidget>

#include "gui/exportbackend.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace qvblade::gui {

class FramesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Direction, Interface, Source, Destination, Target, Command, Type, Tag, Details, Length, ColumnCount };
    static constexpr int kMaxRows = 5000;

    explicit FramesModel(QObject* parent = nullptr);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Frames wait until the next tick and are then inserted in one go (oldest rows dropped
    // beyond kMaxRows). While paused, arriving frames are not kept.
    void append(const QList<FrameSummary>& frames);
    void flush();
    void clear();
    void setPaused(bool paused) { paused_ = paused; }
    bool isPaused() const { return paused_; }
    void setTickInterval(int msecs);

    static QString commandText(const QString& command);

private:
    QList<FrameSummary> rows_;
    QList<FrameSummary> pending_;
    bool paused_ = false;
    QTimer timer_;
};

class TeachingView : public QWidget {
    Q_OBJECT
public:
    explicit TeachingView(ExportBackend* backend, QWidget* parent = nullptr);
    ~TeachingView() override;

    FramesModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* table() const { return table_; }
    QLineEdit* filter() const { return filter_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* clearButton() const { return clear_; }
    QPushButton* captureButton() const { return capture_; }
    QLabel* captureStatus() const { return captureStatus_; }

    // "Save capture…" without the file dialog (tests); empty string on success.
    QString startCaptureTo(const QString& path);
    void stopCapture();
    bool isCapturing() const { return capturing_; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onRequestFinished(int id, bool ok, const QString& error);

    ExportBackend* backend_;
    FramesModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    QLineEdit* filter_;
    QPushButton* pause_;
    QPushButton* clear_;
    QPushButton* capture_;
    QLabel* captureStatus_;
    QString capturePath_;
    bool capturing_ = false;
    int captureRequest_ = -1;
    int stopRequest_ = -1;
};

}  // namespace qvblade::gui
