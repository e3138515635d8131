// SPDX-License-Identifier: GPL-2.0-or-later
// The inline banners above the exports table: the helper's state, the receive-buffer warning
// and the offer to restore last session's exports. Each says what is wrong in one sentence and
// offers the action that fixes it; none is a pop-up.
#pragma once

#include <QFrame>
#include <QList>

#include "gui/exportbackend.h"

class QAction;
class QLabel;
class QToolButton;
class QPushButton;

namespace qvblade::gui {

class Banner : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Warning, Error };
    explicit Banner(QWidget* parent = nullptr);
    void setKind(Kind kind);
    QLabel* text() const { return text_; }
    // A button for `action` (its text, enabled state and tooltip follow the action).
    QToolButton* addActionButton(QAction* action);
    Kind kind() const { return kind_; }

protected:
    void changeEvent(QEvent* event) override;
    Kind kind_ = Kind::Info;
    QLabel* text_;
    QPushButton* addButton(const QString& text, const QString& accessibleName);
    QWidget* buttonArea_;
};

class HelperBanner : public Banner {
    Q_OBJECT
public:
    explicit HelperBanner(QWidget* parent = nullptr);
    void setState(HelperState state, const QString& detail);
    QPushButton* restartButton() const { return restart_; }
signals:
    void restartRequested();

private:
    QPushButton* restart_;
    bool retried_ = false;   // the user asked for a start: the answer says it was tried
};

class RmemBanner : public Banner {
    Q_OBJECT
public:
    explicit RmemBanner(QWidget* parent = nullptr);
    // Shows itself when any interface's receive buffer is too small, hides when all suffice.
    void setStatus(const QList<RmemStatus>& status, bool canMakePermanent);
    // Apply and Make permanent need a running helper (the command to copy does not).
    void setHelperRunning(bool running);
    // The sysctl.d file at `path` now sets `bytes` at boot (remembered: not offered again for as much).
    void setMadePermanent(qint64 bytes, const QString& path);
    qint64 recommendedBytes() const { return recommended_; }
    void showResult(const QString& text, bool error);
    // The shell command that writes the sysctl.d file, shown and copied to the clipboard, after
    // `why` (an error) when the backend could not write the file itself.
    void offerCommand(const QString& why = {});
    QPushButton* applyButton() const { return apply_; }
    QPushButton* permanentButton() const { return permanent_; }
    QLabel* valuesLabel() const { return values_; }
    QLabel* resultLabel() const { return result_; }

    // The lines a sysctl.d file needs, and the shell command that writes it.
    static QString sysctlFile(qint64 bytes);
    static QString permanentCommand(qint64 bytes);

signals:
    void applyRequested(qint64 bytes);
    void makePermanentRequested(qint64 bytes);

private:
    QLabel* values_;
    QLabel* result_;
    QPushButton* apply_;
    QPushButton* permanent_;
    void updateButtons();
    qint64 recommended_ = 0;
    bool canMakePermanent_ = false;
    bool helperRunning_ = true;
};

// Another device answers as one of the exports (the helper's address-conflict): two disks behind
// one address, which initiators mix. Red, in colours derived from the palette.
class ConflictBanner : public Banner {
    Q_OBJECT
public:
    explicit ConflictBanner(QWidget* parent = nullptr);
    void addConflict(const QString& name, const QString& mac);
    // The export is gone: its conflicts no longer matter.
    void forgetExport(const QString& name);
    QStringList exportNames() const;

private:
    void update();
    QList<QPair<QString, QString>> conflicts_;   // (export name, MAC)
};

// Failed actions: each reason stays, newest last, until the user dismisses them (a status-bar
// message fades before it is read and is clipped at the window's edge).
class MessageBanner : public Banner {
    Q_OBJECT
public:
    explicit MessageBanner(QWidget* parent = nullptr);
    void showMessage(const QString& text);
    const QStringList& messages() const { return messages_; }
    QPushButton* dismissButton() const { return dismiss_; }
    void dismiss();

private:
    QStringList messages_;
    QPushButton* dismiss_;
};

class RestoreBanner : public Banner {
    Q_OBJECT
public:
    explicit RestoreBanner(QWidget* parent = nullptr);
    void offer(const QList<ExportSpec>& specs);
    // The exports that ran when the helper exited, once a helper runs again.
    void offerStopped(const QList<ExportSpec>& specs);
    const QList<ExportSpec>& offered() const { return offered_; }
    void showErrors(const QStringList& errors);
    QPushButton* restoreButton() const { return restore_; }
signals:
    void restoreRequested(const QList<qvblade::gui::ExportSpec>& specs);
    void dismissed();

private:
    void present(const QList<ExportSpec>& specs, const QString& sentence);
    QList<ExportSpec> offered_;
    QPushButton* restore_;
};

}  // namespace qvblade::gui
