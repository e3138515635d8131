// SPDX-License-Identifier: GPL-2.0-or-later
// The window as a real unprivileged user runs it, driven by a test (tests/gui/user_gui.h): the
// real MainWindow over a HelperBackend that starts the helper through the real pkexec, as the
// installed qvblade does. Prints one JSON object per line on its standard output:
//   {"event":"state", "state", "detail", "helperPid", "banner": {visible, text, button, buttonVisible,
//    buttonEnabled}, "canExport"}   at every state change, as the window shows it
//   {"event":"exports", "count", "names"}   each export list
//   {"event":"counters"}            the first counters event after each start
//   {"event":"request", "ok", "error"}   the answer to `probe`
//   {"event":"table", "rows": [{name, state, framesInRate, mbps, initiators}]}   the answer to `table`
//   {"event":"dialog", "error"}     the export dialog's message when `export` could not press Export
// and obeys lines on its standard input:
//   retry   press the helper banner's button (Start helper / Try again / Restart helper)
//   probe   a privileged request: pause an export that does not exist (the helper must say so)
//   export SHELF SLOT INTERFACE IMAGE   fill in the export dialog as a user does and press Export
//   table   the exports table as the window shows it (rates are the model's, per refresh)
//   quit    stop and exit (0)
// argv: HELPER LOG (the backend runs `pkexec HELPER --stdio`, its standard error to LOG), or
// --installed (HelperBackend::defaultOptions(): the installed helper, as /usr/bin/qvblade does).
#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSocketNotifier>

#include <unistd.h>

#include <cstdio>
#include <utility>

#include "gui/banners.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
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

// What a user does: File > Export disk image, the dialog filled in, Export pressed.
void exportThroughDialog(MainWindow& window, const QStringList& words) {
    if (words.size() != 4) return say({{"event", "dialog"}, {"error", "export SHELF SLOT INTERFACE IMAGE"}});
    if (!window.exportAction()->isEnabled()) return say({{"event", "dialog"}, {"error", "Export disk image is disabled"}});
    window.exportAction()->trigger();
    auto* dialog = window.findChild<ExportDialog*>();
    if (!dialog) return say({{"event", "dialog"}, {"error", "no export dialog opened"}});
    ExportSpec spec;
    spec.shelf = quint16(words[0].toUInt());
    spec.slot = quint8(words[1].toUInt());
    spec.interfaces = {words[2]};
    spec.path = words[3];
    dialog->setSpec(spec);
    if (dialog->spec().interfaces != spec.interfaces)
        return say({{"event", "dialog"}, {"error", "the dialog does not list " + words[2]}});
    for (QPushButton* b : dialog->findChildren<QPushButton*>())
        if (b->text() == QStringLiteral("&Export") && b->isEnabled()) return b->click();
    say({{"event", "dialog"}, {"error", "no enabled Export button: " + dialog->addressError()}});
}

QJsonArray table(const ExportsModel& model) {
    QJsonArray rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        auto cell = [&](int column, int role = Qt::DisplayRole) { return model.index(r, column).data(role); };
        rows << QJsonObject{{"name", cell(ExportsModel::Name).toString()},
                            {"state", cell(ExportsModel::State).toString()},
                            {"framesInRate", cell(ExportsModel::FramesInRate, ExportsModel::SortRole).toDouble()},
                            {"mbps", cell(ExportsModel::MBps, ExportsModel::SortRole).toDouble()},
                            {"initiators", QJsonArray::fromStringList(model.exportAt(r)->initiators)}};
    }
    return rows;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    // As qvblade's main() names itself: the same cache directory (the helper's log) and settings.
    QCoreApplication::setOrganizationName(QStringLiteral("qvblade"));
    QCoreApplication::setApplicationName(QStringLiteral("qvblade"));
    const bool installed = argc == 2 && qstrcmp(argv[1], "--installed") == 0;
    if (argc != 3 && !installed) {
        std::fprintf(stderr, "usage: %s HELPER LOG | --installed\n", argv[0]);
        return 2;
    }
    HelperBackend backend(installed ? HelperBackend::defaultOptions()
                                    : HelperBackend::Options{QString(),
                                                             {QStringLiteral("pkexec"), QString::fromLocal8Bit(argv[1]), QStringLiteral("--stdio")},
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
                     [](const QList<ExportInfo>& e) {
                         QJsonArray names;
                         for (const ExportInfo& x : e) names << exportLabel(x);
                         say({{"event", "exports"}, {"count", int(e.size())}, {"names", names}});
                     });
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
            } else if (command.startsWith("export ")) {
                exportThroughDialog(window, QString::fromLocal8Bit(command.mid(7)).split(QLatin1Char(' ')));
            } else if (command == "table") {
                say({{"event", "table"}, {"rows", table(*window.model())}});
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
