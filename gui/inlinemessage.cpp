// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/inlinemessage.h"

#include <QResizeEvent>

namespace qvblade::gui {

InlineMessage::InlineMessage(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

QSize InlineMessage::fitted(QSize hint) const {
    // Until a layout has given the label its width, QLabel's guess is as good as any.
    if (testAttribute(Qt::WA_Resized) || testAttribute(Qt::WA_WState_ExplicitShowHide))
        if (const int h = heightForWidth(width()); h > 0) hint.setHeight(h);
    return hint;
}

QSize InlineMessage::sizeHint() const { return fitted(QLabel::sizeHint()); }

QSize InlineMessage::minimumSizeHint() const { return fitted(QLabel::minimumSizeHint()); }

void InlineMessage::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    // Another width, maybe another number of lines: the layout asks again.
    if (event->size().width() != event->oldSize().width()) updateGeometry();
}

}  // namespace qvblade::gui
