// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/columnfitter.h"

#include <QEvent>
#include <QHeaderView>
#include <QSettings>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <numeric>

namespace qvblade::gui {

namespace {
constexpr int kMaxContentChars = 45;   // a long file name or MAC list elides beyond this
}

ColumnFitter::ColumnFitter(QTableView* table, QString settingsKey, QObject* parent)
    : QObject(parent ? parent : table), table_(table), key_(std::move(settingsKey)) {
    QHeaderView* header = table_->horizontalHeader();
    header->setStretchLastSection(false);   // fit() gives the last column what is left
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setTextElideMode(Qt::ElideRight);
    table_->setTextElideMode(Qt::ElideRight);
    table_->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int column, int, int size) {
        if (applying_) return;
        // Dragged by the user (or set by other code): that width from now on.
        if (userWidths_.size() <= column) userWidths_.resize(column + 1, -1);
        userWidths_[column] = size;
    });
    // A double click on the divider gives the column back to the fitting.
    connect(header, &QHeaderView::sectionHandleDoubleClicked, this, [this](int column) {
        if (column < userWidths_.size()) userWidths_[column] = -1;
        fit();
    });
    if (QAbstractItemModel* model = table_->model()) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(model, signal, this, &ColumnFitter::scheduleFit);
        connect(model, &QAbstractItemModel::modelReset, this, &ColumnFitter::scheduleFit);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFitter::scheduleFit);
        connect(model, &QAbstractItemModel::dataChanged, this, &ColumnFitter::scheduleFit);
    }
    load();
}

void ColumnFitter::load() {
    userWidths_.clear();
    for (const QVariant& v : QSettings().value(key_).toList()) userWidths_ << v.toInt();
}

void ColumnFitter::save() const {
    QVariantList list;
    for (int w : userWidths_) list << w;
    QSettings().setValue(key_, list);
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_->viewport() && event->type() == QEvent::Resize) fit();
    return QObject::eventFilter(watched, event);
}

void ColumnFitter::scheduleFit() {
    if (fitPending_) return;
    fitPending_ = true;
    QTimer::singleShot(0, this, [this] {
        fitPending_ = false;
        fit();
    });
}

int ColumnFitter::contentWidth(int column) const {
    const int cap = table_->fontMetrics().averageCharWidth() * kMaxContentChars;
    const int cells = std::min(static_cast<const QAbstractItemView*>(table_)->sizeHintForColumn(column), cap);
    return std::max(table_->horizontalHeader()->sectionSizeHint(column), cells);
}

int ColumnFitter::minimumWidth(int column) const {
    // A few characters and the ellipsis: enough to tell the rows apart and to see it is elided.
    const int text = table_->fontMetrics().horizontalAdvance(QStringLiteral("e9.9\u2026")) + 10;
    return std::min(contentWidth(column), std::max(table_->horizontalHeader()->minimumSectionSize(), text));
}

void ColumnFitter::fit() {
    QAbstractItemModel* model = table_->model();
    QHeaderView* header = table_->horizontalHeader();
    const int n = model ? model->columnCount() : 0;
    if (n == 0) return;
    // Widths remembered for another set of columns would go to the wrong ones.
    if (userWidths_.size() != n) userWidths_ = QList<int>(n, -1);
    QList<int> want(n, 0), least(n, 0), headed(n, 0);
    QList<int> shown;
    for (int c = 0; c < n; ++c) {
        if (header->isSectionHidden(c)) continue;
        shown << c;
        const bool user = userWidths_[c] > 0;
        want[c] = user ? userWidths_[c] : contentWidth(c);
        least[c] = user ? want[c] : minimumWidth(c);
        // The first shrinking stops at the header's width: the cells elide, the header stays whole.
        headed[c] = user ? want[c] : std::min(want[c], std::max(least[c], header->sectionSizeHint(c)));
    }
    if (shown.isEmpty()) return;
    const int available = table_->viewport()->width();
    const int total = std::accumulate(want.begin(), want.end(), 0);
    if (total > available) {
        int deficit = total - available;
        auto shrink = [&](const QList<int>& columns, const QList<int>& floor) {
            int room = 0;
            for (int c : columns) room += std::max(0, want[c] - floor[c]);
            if (room <= 0 || deficit <= 0) return;
            const int take = std::min(deficit, room);
            int given = 0;
            for (int c : columns) {
                const int give = int(qint64(std::max(0, want[c] - floor[c])) * take / room);
                want[c] -= give;
                given += give;
            }
            for (int c : columns)   // what rounding left
                while (given < take && want[c] > floor[c]) {
                    --want[c];
                    ++given;
                }
            deficit -= given;
        };
        QList<int> first;
        for (int c : shrinkFirst_)
            if (shown.contains(c)) first << c;
        shrink(first, headed);
        shrink(shown, headed);
        shrink(first, least);   // then headers elide too, down to a few characters; below that, the scroll bar
        shrink(shown, least);
    } else {
        want[shown.last()] += available - total;   // the last column takes the rest of the row
    }
    applying_ = true;
    bool clipped = false;
    for (int c : shown) {
        if (header->sectionSize(c) != want[c]) header->resizeSection(c, want[c]);
        clipped = clipped || want[c] < header->sectionSizeHint(c);
    }
    // A header narrower than its text shows the text's start (centred, it would lose both ends).
    const Qt::Alignment alignment = (clipped ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::AlignVCenter;
    if (header->defaultAlignment() != alignment) header->setDefaultAlignment(alignment);
    applying_ = false;
}

}  // namespace qvblade::gui
