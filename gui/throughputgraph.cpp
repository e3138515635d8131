// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/throughputgraph.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <utility>

#include "gui/colors.h"
#include "gui/exportsmodel.h"

namespace qvblade::gui {

QColor throughputColor(const QPalette& palette) {
    return withContrast(palette.color(QPalette::Highlight), palette.color(QPalette::Base), kGraphicContrast);
}

void paintThroughput(QPainter& painter, const QRectF& rect, const QList<double>& history, const QColor& color,
                     const QColor& background, double peak, int fillAlpha) {
    if (history.isEmpty() || rect.width() < 4 || rect.height() < 4) return;
    if (peak <= 0) peak = std::max(*std::max_element(history.begin(), history.end()), 0.001);
    const QColor stroke = withContrast(color, background, kGraphicContrast);
    const double step = rect.width() / double(ExportsModel::kHistory - 1);
    // Newest sample at the right edge.
    const double x0 = rect.right() - step * double(history.size() - 1);
    QPainterPath line;
    for (int i = 0; i < history.size(); ++i) {
        QPointF p(x0 + step * i, rect.bottom() - history[i] / peak * rect.height());
        if (i == 0) line.moveTo(p);
        else line.lineTo(p);
    }
    QPainterPath area = line;
    area.lineTo(rect.right(), rect.bottom());
    area.lineTo(x0, rect.bottom());
    area.closeSubpath();
    QColor fill = stroke;
    fill.setAlpha(fillAlpha);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillPath(area, fill);
    painter.setPen(QPen(stroke, 2));
    painter.drawPath(line);
    painter.restore();
}

void ThroughputDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.widget ? opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget)
               : QStyledItemDelegate::paint(painter, opt, index);
    const auto history = index.data(ExportsModel::HistoryRole).value<QList<double>>();
    // On a selected row the cell is filled with the highlight colour: draw in the colour meant
    // for text on it, or the line disappears.
    const QPalette::ColorGroup group = option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor background = selected ? option.palette.color(group, QPalette::Highlight) : option.palette.color(group, QPalette::Base);
    const QColor line = selected ? option.palette.color(group, QPalette::HighlightedText) : throughputColor(option.palette);
    paintThroughput(*painter, QRectF(option.rect).adjusted(3, 3, -3, -3), history, line, background);
}

QSize ThroughputDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(s.width(), 120), s.height()};
}

ThroughputGraph::ThroughputGraph(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(fontMetrics().height() * 4);   // title, two axis labels, a thin plot: a small screen keeps rows for the table
    setAccessibleName(tr("Throughput of the selected export"));
}

void ThroughputGraph::setHistory(const QString& title, const QList<double>& history) {
    title_ = title;
    history_ = history;
    reads_.clear();
    writes_.clear();
    update();
}

void ThroughputGraph::setSeries(const QString& title, const QList<double>& reads, const QList<double>& writes) {
    title_ = title;
    reads_ = reads;
    writes_ = writes;
    history_.clear();
    for (qsizetype i = 0; i < std::max(reads.size(), writes.size()); ++i) history_ << reads.value(i) + writes.value(i);
    update();
}

double ThroughputGraph::niceCeiling(double value) {
    if (value <= 0) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * magnitude >= value * (1 - 1e-9)) return m * magnitude;
    return 10 * magnitude;
}

QColor ThroughputGraph::writeColor(const QPalette& palette) {
    return withContrast(QColor(0xe6, 0x7e, 0x22), palette.color(QPalette::Base), kGraphicContrast);   // orange
}

void ThroughputGraph::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette pal = palette();
    const QColor base = pal.color(QPalette::Base);
    p.fillRect(rect(), base);
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    p.setPen(pal.color(QPalette::Text));
    axisLabels_.clear();
    if (title_.isEmpty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("Select an export to see its throughput."));
        return;
    }
    const QLocale locale;
    const QFontMetrics fm = fontMetrics();
    const bool split = !reads_.isEmpty() || !writes_.isEmpty();
    const QColor readColor = throughputColor(pal), writeColour = writeColor(pal);

    // Title: now, per direction; the legend at the right.
    const QRect top = rect().adjusted(6, 3, -6, 0);
    const QString title = split ? tr("%1: read %2 MB/s, write %3 MB/s now")
                                      .arg(title_, locale.toString(reads_.isEmpty() ? 0 : reads_.last(), 'f', 1),
                                           locale.toString(writes_.isEmpty() ? 0 : writes_.last(), 'f', 1))
                                : tr("%1: %2 MB/s now").arg(title_, locale.toString(history_.isEmpty() ? 0 : history_.last(), 'f', 1));
    p.drawText(top, Qt::AlignLeft | Qt::AlignTop, title);
    if (split) {
        int x = top.right();
        for (const auto& [name, color] : {std::pair{tr("Write"), writeColour}, {tr("Read"), readColor}}) {
            x -= fm.horizontalAdvance(name);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(QPoint(x, top.top() + fm.ascent()), name);
            x -= 22;
            p.setPen(QPen(color, 3));
            p.drawLine(x, top.top() + fm.height() / 2, x + 16, top.top() + fm.height() / 2);
            x -= 12;
        }
    }

    // Axes: MB/s from 0 to a round peak at the left, the last 30 s along the bottom.
    double peak = 0;
    for (const QList<double>* series : {&reads_, &writes_, &history_})
        if (!series->isEmpty() && (split ? series != &history_ : true))
            peak = std::max(peak, *std::max_element(series->begin(), series->end()));
    peak = niceCeiling(std::max(peak, 0.1));
    auto mbps = [&](double v) { return tr("%1 MB/s").arg(locale.toString(v, 'f', v < 10 && v != std::floor(v) ? 1 : 0)); };
    const QStringList yLabels{mbps(peak), mbps(peak / 2), mbps(0)};
    // Where the graph is short (a small screen), fewer labels than would overlap.
    const int plotHeight = height() - 2 * fm.height() - 16;
    const QList<int> shownLabels = plotHeight >= 3 * fm.height() ? QList<int>{0, 1, 2}
                                   : plotHeight >= 2 * fm.height() ? QList<int>{0, 2} : QList<int>{0};
    int labelWidth = 0;
    for (const QString& l : yLabels) labelWidth = std::max(labelWidth, fm.horizontalAdvance(l));
    const QRectF plot = QRectF(rect()).adjusted(labelWidth + 12, fm.height() + 10, -8, -(fm.height() + 6));
    if (plot.width() < 20 || plot.height() < 10) return;
    QPen grid(pal.color(QPalette::Mid), 1, Qt::DotLine);
    for (int i = 0; i < 3; ++i) {
        const double y = plot.top() + plot.height() * i / 2;
        p.setPen(grid);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        if (!shownLabels.contains(i)) continue;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRectF(0, y - fm.height() / 2.0, labelWidth + 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter, yLabels[i]);
        axisLabels_ << yLabels[i];
    }
    const int seconds = ExportsModel::kHistory * ExportsModel::kTickMsecs / 1000;
    const QStringList xLabels{tr("\u2212%1 s").arg(seconds), tr("\u2212%1 s").arg(seconds / 2), tr("now")};
    const QRectF bottom(plot.left(), plot.bottom() + 3, plot.width(), fm.height());
    p.setPen(pal.color(QPalette::Text));
    p.drawText(bottom, Qt::AlignLeft | Qt::AlignTop, xLabels[0]);
    p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, xLabels[1]);
    p.drawText(bottom, Qt::AlignRight | Qt::AlignTop, xLabels[2]);
    axisLabels_ << xLabels;

    if (split) {
        // Two fills over each other would mix into a third colour: light ones.
        paintThroughput(p, plot, writes_, writeColour, base, peak, 40);
        paintThroughput(p, plot, reads_, readColor, base, peak, 40);
    } else {
        paintThroughput(p, plot, history_, readColor, base, peak);
    }
}

}  // namespace qvblade::gui
