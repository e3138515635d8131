// SPDX-License-Identifier: GPL-2.0-or-later
// Column widths of a table that fit their content: each column as wide as its header and its
// cells, the last one taking what is left; when the table is narrower than that, the text
// columns give up width (their text is elided) before anything needs a scroll bar. A column the
// user resized keeps the user's width, remembered in QSettings under `settingsKey`.
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QTableView;

namespace qvblade::gui {

class ColumnFitter : public QObject {
    Q_OBJECT
public:
    ColumnFitter(QTableView* table, QString settingsKey, QObject* parent = nullptr);

    // Columns that shrink first when room is short (their text elides well: file names, MACs).
    void setShrinkFirst(const QList<int>& columns) { shrinkFirst_ = columns; }
    // Fits the columns to the content and the table's width now.
    void fit();
    // The widths the user chose (-1: fitted), as remembered.
    const QList<int>& userWidths() const { return userWidths_; }
    void save() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int contentWidth(int column) const;
    int minimumWidth(int column) const;
    void load();
    void scheduleFit();

    QTableView* table_;
    QString key_;
    QList<int> shrinkFirst_;
    QList<int> userWidths_;
    bool applying_ = false;
    bool fitPending_ = false;
};

}  // namespace qvblade::gui
