// SPDX-License-Identifier: GPL-2.0-or-later
// The GUI side of tst_pkexec_refusal, run by that test as an unprivileged user: the real
// MainWindow over a HelperBackend that starts the helper through the real pkexec, as the
// installed qvblade does. Prints one JSON object per line on its standard output:
//   {"event":"state", "state", "detail", "helperPid", "banner": {visible, text, button, buttonVisible,
//    buttonEnabled}, "canExport"}   at every state change, as the window shows it
//   {"event":"exports", "count"}    each export list
//   {"event":"counters"}            the first counters event after each start
//   {"event":"request", "ok", "error"}   the answer to `probe`
// and obeys lines on its standard input:
//   retry   press the helper banner's button (Try again / Restart helper)
//   probe   a privileged request: pause an export that does not exist (the helper must say so)
//   quit    stop and exit (0)
// argv: the helper's path, the file for the helper's (and pkexec's) standard error.
#include <QAction>
#include <QApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSocketNotifier>

#include <unistd.h>

#include <cstdio>
#include <utility>

#include "gui/banners.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"

using namespace qvblade::gui;

namespace {

void say(const QJsonObject& o) {
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QString stateName(HelperState s) {
    switch (s) {
    case HelperState::NotRunning: return QStringLiteral("NotRunning");
    case HelperState::Authorising: return QStringLiteral("Authorising");
    case HelperState::Refused: return QStringLiteral("Refused");
    case HelperState::Running: return QStringLiteral("Running");
    case HelperState::Died: return QStringLiteral("Died");
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s HELPER LOG\n", argv[0]);
        return 2;
    }
    HelperBackend backend({QString(), {QStringLiteral("pkexec"), QString::fromLocal8Bit(argv[1]), QStringLiteral("--stdio")},
                           QString::fromLocal8Bit(argv[2])});
    MainWindow window(&backend);
    HelperBanner* banner = window.helperBanner();

    bool countersSeen = false;
    // Connected after the window: the banner already shows the new state.
    QObject::connect(&backend, &ExportBackend::stateChanged, &app, [&](HelperState s) {
        if (s == HelperState::Running) countersSeen = false;
        say({{"event", "state"},
             {"state", stateName(s)},
             {"detail", backend.stateDetail()},
             {"helperPid", backend.helperPid()},
             {"banner", QJsonObject{{"visible", banner->isVisible()},
                                    {"text", banner->text()->text()},
                                    {"button", banner->restartButton()->text()},
                                    {"buttonVisible", banner->restartButton()->isVisible()},
                                    {"buttonEnabled", banner->restartButton()->isEnabled()}}},
             {"canExport", window.exportAction()->isEnabled()}});
    });
    QObject::connect(&backend, &ExportBackend::exportsChanged, &app,
                     [](const QList<ExportInfo>& e) { say({{"event", "exports"}, {"count", int(e.size())}}); });
    QObject::connect(&backend, &ExportBackend::countersUpdated, &app, [&] {
        if (!std::exchange(countersSeen, true)) say({{"event", "counters"}});
    });
    int probeId = -1;
    QObject::connect(&backend, &ExportBackend::requestFinished, &app, [&](int id, bool ok, const QString& error) {
        if (id == probeId) say({{"event", "request"}, {"ok", ok}, {"error", error}});
    });

    QByteArray input;
    QSocketNotifier stdinReady(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinReady, &QSocketNotifier::activated, &app, [&] {
        char buf[256];
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) {   // the test is gone
            stdinReady.setEnabled(false);
            backend.shutdown(false);
            app.exit(3);
            return;
        }
        input.append(buf, n);
        for (qsizetype nl; (nl = input.indexOf('\n')) >= 0;) {
            const QByteArray command = input.left(nl).trimmed();
            input.remove(0, nl + 1);
            if (command == "retry") {
                if (!banner->isVisible() || !banner->restartButton()->isVisible() || !banner->restartButton()->isEnabled())
                    say({{"event", "error"}, {"error", "the banner offers no button to press"}});
                banner->restartButton()->click();
            } else if (command == "probe") {
                probeId = backend.setPaused(77, 7, true);
            } else if (command == "quit") {
                stdinReady.setEnabled(false);
                backend.shutdown(false);
                app.quit();
            }
        }
    });

    window.show();
    backend.start();
    return app.exec();
}
