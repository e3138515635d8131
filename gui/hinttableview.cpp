// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/hinttableview.h"

#include <QHeaderView>
#include <QPainter>

#include "gui/colors.h"

namespace qvblade::gui {

void HintTableView::setEmptyHint(const QString& text) {
    if (text == hint_) return;
    hint_ = text;
    viewport()->update();
}

void HintTableView::paintEvent(QPaintEvent* event) {
    QTableView::paintEvent(event);
    if (hint_.isEmpty() || (model() && model()->rowCount(rootIndex()) > 0)) return;
    QPainter p(viewport());
    // The theme's placeholder colour, kept readable (4.5:1) on the table's background.
    p.setPen(withContrast(palette().color(QPalette::PlaceholderText), palette().color(QPalette::Base), kTextContrast));
    const QRect area = viewport()->rect().adjusted(24, 16, -24, -16);
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, hint_);
}

}  // namespace qvblade::gui
