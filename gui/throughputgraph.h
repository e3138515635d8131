// SPDX-License-Identifier: GPL-2.0-or-later
// A small throughput graph drawn with QPainter: a sparkline in the table's last column and a
// larger one under the table for the selected export.
#pragma once

#include <QList>
#include <QPointer>
#include <QStyledItemDelegate>
#include <QWidget>

class QAbstractItemModel;
class QPainter;

namespace qvblade::gui {

// Draws `history` (MB/s, oldest first) into `rect`, scaled to `peak` (its maximum when 0), as a
// line of `color` over a lighter fill; `background` is what it is drawn on (the line keeps 3:1
// against it).
void paintThroughput(QPainter& painter, const QRectF& rect, const QList<double>& history, const QColor& color,
                     const QColor& background, double peak = 0, int fillAlpha = 90);
// The graph's line colour on `palette`'s Base: the highlight colour, with 3:1 contrast.
QColor throughputColor(const QPalette& palette);

class ThroughputDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

// The selected export's throughput over the last 30 s: reads and writes as two lines, a MB/s
// axis from 0 to a round maximum, a time axis ending at "now".
class ThroughputGraph : public QWidget {
    Q_OBJECT
public:
    explicit ThroughputGraph(QWidget* parent = nullptr);
    // One line (the total).
    void setHistory(const QString& title, const QList<double>& history);
    // Reads (what initiators read: sent) and writes (received), oldest first, one per model tick.
    void setSeries(const QString& title, const QList<double>& reads, const QList<double>& writes);
    const QList<double>& history() const { return history_; }
    const QList<double>& reads() const { return reads_; }
    const QList<double>& writes() const { return writes_; }
    // The axes' labels as last drawn, top to bottom then left to right (tests).
    const QStringList& axisLabels() const { return axisLabels_; }
    // A round number at or above `value` (1, 2, 2.5 or 5 times a power of ten).
    static double niceCeiling(double value);
    static QColor writeColor(const QPalette& palette);
    QSize sizeHint() const override { return {400, 150}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString title_;
    QList<double> history_, reads_, writes_;
    QStringList axisLabels_;
};

}  // namespace qvblade::gui
