// SPDX-License-Identifier: GPL-2.0-or-later
// The system-tray icon: a status icon (idle, serving, warning, error), a tooltip summary and a
// menu to show the window, pause or resume each export, and quit.
#pragma once

#include <QObject>
#include <QStringList>

#include "gui/exportbackend.h"

class QMenu;
class QSystemTrayIcon;

namespace qvblade::gui {

class MainWindow;
class Notifier;

class TrayIcon : public QObject {
    Q_OBJECT
public:
    enum class Status { Idle, Serving, Warning, Error };
    TrayIcon(MainWindow* window, ExportBackend* backend, QObject* parent = nullptr);
    ~TrayIcon() override;

    QSystemTrayIcon* trayIcon() const { return tray_; }
    QMenu* menu() const { return menu_; }
    Status status() const { return status_; }
    QString toolTip() const;
    // The last notification shown (tests; the desktop decides how long it shows).
    QString lastMessage() const { return lastMessage_; }
    // Every notification shown, as "title: text" (tests).
    QStringList shownMessages() const { return shown_; }
    Notifier* notifier() const { return notifier_; }
    // The menu's "Notifications" submenu: one checkable entry per kind.
    QMenu* notificationsMenu() const { return notificationsMenu_; }
    // Shows or hides the window as the icon's click does.
    void toggleWindow();
    static QString iconPath(Status status);

    void update();

private:
    void rebuildMenu();

    MainWindow* window_;
    ExportBackend* backend_;
    QSystemTrayIcon* tray_;
    QMenu* menu_;
    Status status_ = Status::Idle;
    bool rmemLow_ = false;
    QString menuSignature_;
    QString lastMessage_;
    QStringList shown_;
    Notifier* notifier_ = nullptr;
    QMenu* notificationsMenu_ = nullptr;
};

}  // namespace qvblade::gui
