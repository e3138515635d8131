// SPDX-License-Identifier: GPL-2.0-or-later
// A word-wrapped message under a form field (the dialog's inline validation). Its size hint is
// the height its text needs at the width it has: QLabel's own hint wraps the text as if the
// label were narrow, and QFormLayout sizes rows by that hint, which left an empty line or two
// below a short message.
#pragma once

#include <QLabel>

namespace qvblade::gui {

class InlineMessage : public QLabel {
    Q_OBJECT
public:
    explicit InlineMessage(QWidget* parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QSize fitted(QSize hint) const;
};

}  // namespace qvblade::gui
