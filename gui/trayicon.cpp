// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/trayicon.h"

#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QSystemTrayIcon>

#include <algorithm>
#include <climits>

#include "gui/exportsmodel.h"
#include "gui/mainwindow.h"
#include "gui/notifier.h"

namespace qvblade::gui {

TrayIcon::TrayIcon(MainWindow* window, ExportBackend* backend, QObject* parent)
    : QObject(parent), window_(window), backend_(backend) {
    tray_ = new QSystemTrayIcon(this);
    menu_ = new QMenu;
    tray_->setContextMenu(menu_);
    menu_->setToolTipsVisible(true);   // why another user's exports cannot be paused here
    connect(tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) toggleWindow();
    });
    connect(backend_, &ExportBackend::stateChanged, this, &TrayIcon::update);
    notifier_ = new Notifier(backend_, [this](const QString& title, const QString& text, bool warning) {
        lastMessage_ = text;
        shown_ << title + QStringLiteral(": ") + text;
        tray_->showMessage(title, text, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, 8000);
    }, this);
    // Its own menu object, kept over the main menu's rebuilds (the entries are checkable state).
    notificationsMenu_ = new QMenu(tr("&Notifications"));
    for (const Notifier::Kind kind : Notifier::kKinds) {
        QAction* a = notificationsMenu_->addAction(Notifier::kindText(kind));
        a->setCheckable(true);
        a->setChecked(notifier_->isEnabled(kind));
        connect(a, &QAction::toggled, this, [this, kind](bool on) { notifier_->setEnabled(kind, on); });
    }
    connect(window_, &MainWindow::closedToTray, this, [this](bool firstTime) {
        if (!firstTime) return;
        lastMessage_ = tr("qvblade keeps running here, and the helper goes on serving your exports. Click this icon to "
                          "show the window again; “Quit” in its menu ends qvblade.");
        tray_->showMessage(tr("qvblade is still running"), lastMessage_, QIcon(iconPath(status_)), 10000);
    });
    connect(backend_, &ExportBackend::rmemChanged, this, [this](const QList<RmemStatus>& status) {
        rmemLow_ = false;
        for (const RmemStatus& s : status) rmemLow_ = rmemLow_ || !s.sufficient();
        update();
    });
    // The window's model is the one source of export state: follow it, after it has updated.
    ExportsModel* model = window_->model();
    connect(model, &QAbstractItemModel::rowsInserted, this, &TrayIcon::update);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TrayIcon::update);
    connect(model, &QAbstractItemModel::dataChanged, this, &TrayIcon::update);
    for (const RmemStatus& s : backend_->rmemStatus()) rmemLow_ = rmemLow_ || !s.sufficient();
    update();
}

TrayIcon::~TrayIcon() {
    delete menu_;
    delete notificationsMenu_;
}

QString TrayIcon::iconPath(Status status) {
    switch (status) {
    case Status::Idle: return QStringLiteral(":/icons/tray-idle.svg");
    case Status::Serving: return QStringLiteral(":/icons/tray-serving.svg");
    case Status::Warning: return QStringLiteral(":/icons/tray-warning.svg");
    case Status::Error: return QStringLiteral(":/icons/tray-error.svg");
    }
    return {};
}

QString TrayIcon::toolTip() const {
    const ExportsModel::Summary s = window_->model()->summary();
    if (backend_->state() != HelperState::Running) return tr("qvblade: %1").arg(helperStateText(backend_->state()));
    if (s.exports == 0) return tr("qvblade: nothing exported");
    QString text = tr("qvblade: %1, %2 serving, %3, %4 MB/s")
                       .arg(tr("%n export(s)", "", s.exports))
                       .arg(s.serving)
                       .arg(tr("%n initiator(s)", "", s.initiators))
                       .arg(QLocale().toString(s.mbps, 'f', 1));
    if (const ExportInfo* demo = window_->demoExport())
        text += QLatin1Char('\n') + tr("Demo running (%1): stop it from the File menu or here").arg(exportName(demo->spec.shelf, demo->spec.slot));
    if (rmemLow_) text += QLatin1Char('\n') + tr("Receive buffer too small: frames may be dropped");
    if (s.drops)
        text += QLatin1Char('\n') + tr("%1 frame(s) dropped", "", int(std::min<quint64>(s.drops, INT_MAX))).arg(QLocale().toString(s.drops));
    return text;
}

void TrayIcon::update() {
    const ExportsModel::Summary s = window_->model()->summary();
    const HelperState state = backend_->state();
    if (state == HelperState::Died || state == HelperState::Refused || s.failed) status_ = Status::Error;
    // Paused is the user's choice, not a problem: no warning for it.
    else if (rmemLow_) status_ = Status::Warning;
    else if (state == HelperState::Running && s.serving) status_ = Status::Serving;
    else status_ = Status::Idle;
    tray_->setIcon(QIcon(iconPath(status_)));
    tray_->setToolTip(toolTip());
    // Counter ticks change nothing in the menu: rebuild only when its entries would differ, so an
    // open menu is not torn down under the pointer.
    QString signature = QString::number(int(state));
    for (int row = 0; row < window_->model()->rowCount(); ++row) {
        const ExportInfo* e = window_->model()->exportAt(row);
        signature += QStringLiteral("|%1:%2:%3:%4:%5")
                         .arg(e->key())
                         .arg(int(e->state))
                         .arg(e->spec.path, ownerText(*e))
                         .arg(mayChange(*e, backend_->clientUid()));
    }
    if (signature != menuSignature_) {
        menuSignature_ = signature;
        rebuildMenu();
    }
}

void TrayIcon::rebuildMenu() {
    menu_->clear();
    QAction* show = menu_->addAction(window_->isVisible() ? tr("&Hide qvblade") : tr("&Show qvblade"));
    connect(show, &QAction::triggered, this, &TrayIcon::toggleWindow);
    // The window may have been hidden or shown since: say what the entry will do when the menu opens.
    connect(menu_, &QMenu::aboutToShow, show, [this, show] {
        show->setText(window_->isVisible() ? tr("&Hide qvblade") : tr("&Show qvblade"));
    });
    menu_->addSeparator();
    ExportsModel* model = window_->model();
    const bool running = backend_->state() == HelperState::Running;
    if (model->rowCount() == 0) {
        QAction* none = menu_->addAction(running ? tr("Nothing exported") : helperStateText(backend_->state()));
        none->setEnabled(false);
    }
    for (int row = 0; row < model->rowCount(); ++row) {
        const ExportInfo* e = model->exportAt(row);
        // Another user's file is not shown to this user: their name stands in for it.
        const QString label = QStringLiteral("%1 — %2").arg(exportLabel(*e),
                                                            e->detailsHidden ? ownerText(*e) : QFileInfo(e->spec.path).fileName());
        const bool serving = e->state == ExportState::Serving;
        const bool allowed = mayChange(*e, backend_->clientUid());
        QAction* a = menu_->addAction(serving ? tr("Pause %1").arg(label) : tr("Resume %1").arg(label));
        // What the entry does, not a warning: a paused export is not a problem.
        a->setIcon(serving ? QIcon::fromTheme(QStringLiteral("media-playback-pause"), QIcon(iconPath(Status::Idle)))
                           : QIcon::fromTheme(QStringLiteral("media-playback-start"), QIcon(iconPath(Status::Serving))));
        a->setEnabled(running && allowed && e->state != ExportState::Failed && e->state != ExportState::Stopped);
        if (!allowed) a->setToolTip(notOwnerReason(*e));
        const quint16 shelf = e->spec.shelf;
        const quint8 slot = e->spec.slot;
        connect(a, &QAction::triggered, this, [this, shelf, slot, serving] { window_->pauseExport(shelf, slot, serving); });
    }
    menu_->addSeparator();
    menu_->addMenu(notificationsMenu_);
    // The demo is stopped with one click, from here too.
    menu_->addAction(window_->demoAction());
    QAction* exportAction = menu_->addAction(tr("&Export disk image…"));
    exportAction->setEnabled(running);
    connect(exportAction, &QAction::triggered, this, [this] {
        window_->show();
        window_->openExportDialog();
    });
    QAction* quit = menu_->addAction(tr("&Quit…"));
    connect(quit, &QAction::triggered, this, [this] { window_->quitApplication(); });
}

void TrayIcon::toggleWindow() {
    if (window_->isVisible() && !window_->isMinimized()) {
        window_->hide();
    } else {
        // Back as it was: maximised stays maximised (showNormal() would undo that).
        window_->setWindowState((window_->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
        window_->show();
        window_->raise();
        window_->activateWindow();
    }
    menuSignature_.clear();
    update();
}

}  // namespace qvblade::gui
