// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/throughputgraph.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

#include "gui/colors.h"
#include "gui/exportsmodel.h"

namespace qvblade::gui {

QColor throughputColor(const QPalette& palette) {
    return withContrast(palette.color(QPalette::Highlight), palette.color(QPalette::Base), kGraphicContrast);
}

void paintThroughput(QPainter& painter, const QRectF& rect, const QList<double>& history, const QColor& color,
                     const QColor& background, double peak) {
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
    fill.setAlpha(90);
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
    setMinimumHeight(70);
    setAccessibleName(tr("Throughput of the selected export"));
}

void ThroughputGraph::setHistory(const QString& title, const QList<double>& history) {
    title_ = title;
    history_ = history;
    update();
}

void ThroughputGraph::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
    const QRectF plot = QRectF(rect()).adjusted(6, fontMetrics().height() + 6, -6, -6);
    p.setPen(palette().color(QPalette::Text));
    if (title_.isEmpty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("Select an export to see its throughput."));
        return;
    }
    const double peak = history_.isEmpty() ? 0 : *std::max_element(history_.begin(), history_.end());
    const double now = history_.isEmpty() ? 0 : history_.last();
    p.drawText(QRectF(rect()).adjusted(6, 3, -6, 0), Qt::AlignLeft | Qt::AlignTop,
               tr("%1: %2 MB/s now, %3 MB/s peak (last %4 s)")
                   .arg(title_, QLocale().toString(now, 'f', 1), QLocale().toString(peak, 'f', 1))
                   .arg(ExportsModel::kHistory / 2));
    paintThroughput(p, plot, history_, throughputColor(palette()), palette().color(QPalette::Base));
}

}  // namespace qvblade::gui
