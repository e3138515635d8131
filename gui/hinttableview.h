// SPDX-License-Identifier: GPL-2.0-or-later
// A table view that says what to do while it has no rows (an empty grid says nothing).
#pragma once

#include <QTableView>

namespace qvblade::gui {

class HintTableView : public QTableView {
    Q_OBJECT
public:
    using QTableView::QTableView;
    void setEmptyHint(const QString& text);
    QString emptyHint() const { return hint_; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString hint_;
};

}  // namespace qvblade::gui
