// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/fittingscrollarea.h"

#include <QEvent>
#include <QLayout>
#include <QScrollBar>

#include <algorithm>
#include <climits>

namespace qvblade::gui {

FittingScrollArea::FittingScrollArea(std::function<int()> maxHeight, QWidget* parent)
    : QScrollArea(parent), maxHeight_(std::move(maxHeight)) {
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    // Tab goes to the fields inside; QScrollArea scrolls the focused one into view.
    setFocusPolicy(Qt::NoFocus);
}

int FittingScrollArea::cap() const {
    const int c = maxHeight_ ? maxHeight_() : INT_MAX;
    return std::max(c, 4 * fontMetrics().height());
}

int FittingScrollArea::contentHeight(int width) const {
    const QWidget* w = widget();
    if (!w) return 0;
    return w->hasHeightForWidth() ? w->heightForWidth(width) : w->sizeHint().height();
}

QSize FittingScrollArea::sizeHint() const {
    const QWidget* w = widget();
    if (!w) return QScrollArea::sizeHint();
    // A word-wrapped label's hint can be narrower than the layout's minimum: the wider of the two,
    // or the content would scroll sideways.
    const int width = std::max(w->sizeHint().width(), w->minimumSizeHint().width());
    const int height = std::min(contentHeight(width), cap());
    // Scrolling: the vertical bar takes width from the content, which must not scroll sideways too.
    const int bar = height < contentHeight(width) ? verticalScrollBar()->sizeHint().width() : 0;
    return {width + bar, height};
}

QSize FittingScrollArea::minimumSizeHint() const {
    const QWidget* w = widget();
    if (!w) return QScrollArea::minimumSizeHint();
    const QSize content = w->minimumSizeHint();
    const int height = std::min(content.height(), cap());
    const int bar = height < content.height() ? verticalScrollBar()->sizeHint().width() : 0;
    return {content.width() + bar, height};
}

bool FittingScrollArea::viewportEvent(QEvent* event) {
    // The content's layout changed (Advanced opened, a message appeared): its request stops at the
    // viewport, which has no layout. Pass it on, so the window grows or shrinks as without the area.
    if (event->type() == QEvent::LayoutRequest) updateGeometry();
    return QScrollArea::viewportEvent(event);
}

bool FittingScrollArea::hasHeightForWidth() const { return widget() && widget()->hasHeightForWidth(); }

int FittingScrollArea::heightForWidth(int width) const { return std::min(contentHeight(width), cap()); }

}  // namespace qvblade::gui
