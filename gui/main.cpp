// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade: the desktop front end. Everything lives in the qvblade_gui library; this starts it.
#include <QApplication>
#include <QCommandLineParser>
#include <QSystemTrayIcon>

#include "gui/commandline.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"
#include "gui/translations.h"
#include "gui/trayicon.h"

namespace {
void describeApplication() {
    QCoreApplication::setOrganizationName(QStringLiteral("qvblade"));
    QCoreApplication::setApplicationName(QStringLiteral("qvblade"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QVBLADE_VERSION));
    qvblade::gui::installTranslations(QLocale());
}
}  // namespace

int main(int argc, char** argv) {
    if (qvblade::gui::asksOnlyForText(argc, argv)) {
        // --help and --version print and exit; they need no display (e.g. over ssh).
        QCoreApplication app(argc, argv);
        describeApplication();
        QCommandLineParser parser;
        qvblade::gui::describeCommandLine(parser);
        parser.process(app);
        return 0;
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("qvblade"));
    QApplication::setDesktopFileName(QStringLiteral("qvblade"));
    QCommandLineParser parser;
    qvblade::gui::describeCommandLine(parser);
    parser.process(app);   // an unknown option: says so and exits 1
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
