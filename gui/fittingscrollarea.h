// SPDX-License-Identifier: GPL-2.0-or-later
// A scroll area that is as big as its content while that fits the screen and scrolls only past
// it (the export dialog with Advanced open at scale factor 2 on a 1600×1000 screen is taller than
// the screen's 500 logical pixels). QScrollArea's own hints stop at 24 lines whatever the screen.
#pragma once

#include <QScrollArea>

#include <functional>

namespace qvblade::gui {

class FittingScrollArea : public QScrollArea {
    Q_OBJECT
public:
    // `maxHeight`: the most height the area may ask for now (the dialog: its screen less its buttons).
    explicit FittingScrollArea(std::function<int()> maxHeight, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

protected:
    bool viewportEvent(QEvent* event) override;

private:
    int cap() const;
    int contentHeight(int width) const;
    std::function<int()> maxHeight_;
};

}  // namespace qvblade::gui
