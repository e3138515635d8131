// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching view: a live list of the AoE frames the helper sees (sampled: at most 50 a second,
// and it says so, next to "Capture everything…", the pcap capture that is not sampled), requests
// and replies paired by tag with the round-trip time, and the selected frame decoded into a field
// tree (core/aoe_dissector) over a hex dump that highlights the selected field's bytes. The field
// names are the AoE spec's and stay English in every language, as in Wireshark and the spec a
// class reads alongside.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <deque>

#include "gui/exportbackend.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTreeWidget;

namespace qvblade::gui {

class HexDumpView;

class FramesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Direction, Interface, Source, Destination, Target, Command, Type, Tag, RoundTrip, Details, Length, ColumnCount };
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

    const FrameSummary& frame(int row) const { return rows_[row].frame; }
    // The row of the request a reply answers (same tag, the request's source is the reply's
    // destination, shelf.slot matching, broadcasts included); -1 when none (or it scrolled away).
    int requestRow(int row) const;
    // The round trip of a paired reply in microseconds; -1 when unpaired.
    qint64 roundTripUsecs(int row) const { return rows_[row].rttUsecs; }

    static QString commandText(const QString& command);
    static QString durationText(qint64 usecs);

private:
    struct Row {
        FrameSummary frame;
        qint64 seq = 0;
        qint64 requestSeq = -1;
        qint64 rttUsecs = -1;
    };
    struct Outstanding {
        qint64 seq = 0;
        qint64 usecs = 0;
        quint16 shelf = 0;
        quint8 slot = 0;
    };
    void pair(Row& row);

    QList<Row> rows_;
    QList<FrameSummary> pending_;
    QHash<QString, Outstanding> requests_;   // tag and initiator MAC -> the latest request
    qint64 firstSeq_ = 0;                    // the seq of rows_[0]
    qint64 nextSeq_ = 0;
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
    QLabel* samplingLabel() const { return sampling_; }
    QLabel* emptyState() const { return empty_; }
    bool showsEmptyState() const;
    QTreeWidget* fieldTree() const { return tree_; }
    HexDumpView* hexDump() const { return hex_; }
    QLabel* pairLabel() const { return pairLabel_; }
    QPushButton* goToRequestButton() const { return goToRequest_; }

    // Selects the frame in source-model row `row` (clearing a filter that hides it).
    void selectFrame(int row);
    // The source-model row of the selected frame; -1 when none.
    int selectedFrame() const;
    void goToRequest();

    // "Capture everything…" without the file dialog (tests); empty string on success.
    QString startCaptureTo(const QString& path);
    void stopCapture();
    bool isCapturing() const { return capturing_; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onRequestFinished(int id, bool ok, const QString& error);
    void onSampling(qint64 seen, qint64 sent, double seconds);
    void updateEmptyState();
    void showFrame(int row);

    ExportBackend* backend_;
    FramesModel* model_;
    QSortFilterProxyModel* proxy_;
    QStackedWidget* stack_;
    QLabel* empty_;
    QTableView* table_;
    QLineEdit* filter_;
    QPushButton* pause_;
    QPushButton* clear_;
    QPushButton* capture_;
    QLabel* captureStatus_;
    QLabel* sampling_;
    QTreeWidget* tree_;
    HexDumpView* hex_;
    QLabel* pairLabel_;
    QPushButton* goToRequest_;
    QString capturePath_;
    bool capturing_ = false;
    int captureRequest_ = -1;
    int stopRequest_ = -1;
    bool streaming_ = false;        // the helper said yes to subscribe-frames
    QString streamError_;           // ... or why not
    struct Sample { qint64 seen, sent; double seconds; };
    std::deque<Sample> samples_;    // about the last second of frames events
};

}  // namespace qvblade::gui
