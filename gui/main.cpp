// qvblade: the desktop front end. Everything lives in the qvblade_gui library; this starts it.
#include <QApplication>
#include <QSystemTrayIcon>

#include "gui/helperbackend.h"
#include "gui/mainwindow.h"
#include "gui/translations.h"
#include "gui/trayicon.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("qvblade"));
    QApplication::setApplicationName(QStringLiteral("qvblade"));
    QApplication::setApplicationDisplayName(QStringLiteral("qvblade"));
    QApplication::setDesktopFileName(QStringLiteral("qvblade"));
    qvblade::gui::installTranslations(QLocale());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/qvblade.svg")));

    // QVBLADE_HELPER_SOCKET / QVBLADE_HELPER_COMMAND point at another helper (development).
    auto options = qvblade::gui::HelperBackend::defaultOptions();
    if (qEnvironmentVariableIsSet("QVBLADE_HELPER_SOCKET"))
        options.socketPath = qEnvironmentVariable("QVBLADE_HELPER_SOCKET");
    if (qEnvironmentVariableIsSet("QVBLADE_HELPER_COMMAND"))
        options.launchCommand = qEnvironmentVariable("QVBLADE_HELPER_COMMAND").split(QLatin1Char(' '), Qt::SkipEmptyParts);
    qvblade::gui::HelperBackend backend(options);

    qvblade::gui::MainWindow window(&backend);
    QObject::connect(&window, &qvblade::gui::MainWindow::quitRequested, &app, &QApplication::quit, Qt::QueuedConnection);
    std::unique_ptr<qvblade::gui::TrayIcon> tray;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = std::make_unique<qvblade::gui::TrayIcon>(&window, &backend);
        tray->trayIcon()->show();
        window.setTrayAvailable(true);
        QApplication::setQuitOnLastWindowClosed(false);
    }
    window.show();
    backend.start();
    return app.exec();
}
