// SPDX-License-Identifier: GPL-2.0-or-later
// One export's details (issue #24), opened by a double click, Enter or "Details…": its totals
// (frames, bytes, reads, writes, flushes, errors by kind, drops), the initiators with when they
// were first and last seen, the config string, the Mac Mask List and reservations as the
// initiators set them, its flags. Live from the counters. Read-only and the Mac Mask List can be
// changed here (the helper's set-export-options), by those who may change the export.
#pragma once

#include <QDialog>
#include <QHash>

#include "gui/exportbackend.h"

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace qvblade::gui {

class InlineMessage;
class FittingScrollArea;

class ExportDetailsDialog : public QDialog {
    Q_OBJECT
public:
    ExportDetailsDialog(ExportBackend* backend, quint16 shelf, quint8 slot, QWidget* parent = nullptr);

    quint32 key() const { return exportKey(shelf_, slot_); }
    // The value shown for a total ("framesIn", "ataWrites", "aoeError3", …); tests read them.
    QString total(const QString& name) const;
    QTreeWidget* initiatorList() const { return initiators_; }
    QCheckBox* readOnlyBox() const { return readOnly_; }
    QListWidget* macList() const { return macList_; }
    QLineEdit* macEdit() const { return macEdit_; }
    QPushButton* applyMacsButton() const { return applyMacs_; }
    QLabel* configLabel() const { return config_; }
    QLabel* reservationsLabel() const { return reservations_; }
    QLabel* flagsLabel() const { return flags_; }
    QLabel* message() const;

    void setExports(const QList<ExportInfo>& exports);
    void setCounters(const QList<CounterSample>& samples);

private:
    // In column `column` (0: traffic, 1: errors and drops) of the totals.
    void addTotal(QGridLayout* grid, int column, const QString& name, const QString& label);
    void setTotal(const QString& name, quint64 value, bool bytes = false);
    void showDetails(const ExportDetails& d);
    void updateEditable();
    void addMac();
    void applyMacs();
    void toggleReadOnly(bool on);
    void showMessage(const QString& text);
    void onRequestFinished(int id, bool ok, const QString& error);

    ExportBackend* backend_;
    quint16 shelf_;
    quint8 slot_;
    ExportInfo export_;
    bool present_ = false;
    bool macsEdited_ = false;      // the user's list is not yet applied: the helper's does not replace it
    int pending_ = -1;
    QHash<QString, QLabel*> totals_;
    QLabel* flags_ = nullptr;
    QLabel* config_ = nullptr;
    QLabel* reservations_ = nullptr;
    QLabel* owner_ = nullptr;
    QCheckBox* readOnly_ = nullptr;
    QTreeWidget* initiators_ = nullptr;
    QListWidget* macList_ = nullptr;
    QLineEdit* macEdit_ = nullptr;
    QPushButton* addMac_ = nullptr;
    QPushButton* removeMac_ = nullptr;
    QPushButton* applyMacs_ = nullptr;
    InlineMessage* message_ = nullptr;
    FittingScrollArea* scroll_ = nullptr;
};

}  // namespace qvblade::gui
