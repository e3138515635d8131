// SPDX-License-Identifier: GPL-2.0-or-later
// Live interfaces in the GUI (issue #24) against a real qvblade-helper in a network namespace of
// the test's own: the export dialog's interface list follows the helper's interface-changed
// events (a veth pair made while it is open appears, down, then up, and goes again), and an
// export whose interface goes down shows it in the table's state and serves again when it is up;
// the Network window lists Debian's vblade on the pair's other end and marks the export as ours.
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"
#include "gui/networkview.h"
#include "run_command.h"
#include "test_image.h"

using namespace qvblade::gui;

class TestLiveInterfacesE2e : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString ns_;

    void ip(const QStringList& args) {
        QString out;
        const QStringList argv = QStringList{QStringLiteral("ip"), QStringLiteral("-n"), ns_} + args;
        QVERIFY2(runCommand(argv, &out) == 0, qPrintable(argv.join(QLatin1Char(' ')) + QStringLiteral(": ") + out));
    }
    // The dialog's row for `name`: its Link column, or "" when it is not listed.
    static QString linkShown(ExportDialog* dialog, const QString& name) {
        auto* list = dialog->findChild<QTreeWidget*>();
        for (int i = 0; list && i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->text(0) == name) return list->topLevelItem(i)->text(3);
        return {};
    }
    static bool backendLists(const ExportBackend& b, const QString& name, bool up) {
        for (const NetInterface& n : b.interfaces())
            if (n.name == name) return n.up == up;
        return false;
    }

private slots:
    void initTestCase() {
        const QString error = prepareHelperNamespace(dir_, QStringLiteral("qvglive"), ns_);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() {
        if (!ns_.isEmpty()) runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns_});
    }

    void theDialogAndTheTableFollowTheInterfaces() {
        HelperBackend backend({QString(),
                               {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), ns_,
                                QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio")},
                               dir_.filePath(QStringLiteral("helper.log"))});
        backend.setResyncInterval(3600 * 1000);   // only events can make the changes show
        MainWindow w(&backend);
        w.model()->setRefreshInterval(100);
        backend.start();
        QTRY_VERIFY2_WITH_TIMEOUT(backend.state() == HelperState::Running, qPrintable(backend.stateDetail()), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(backend.hasLiveInterfaces(), 5000);
        QVERIFY(backendLists(backend, QStringLiteral("ve0"), true));

        // The dialog, open before the interface exists, shows it as it appears and changes.
        ExportDialog* dialog = w.openExportDialog();
        QTRY_COMPARE_WITH_TIMEOUT(linkShown(dialog, QStringLiteral("ve0")), QStringLiteral("up"), 2000);
        QCOMPARE(linkShown(dialog, QStringLiteral("ve1")), QString());
        ip({QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("ve1"), QStringLiteral("type"), QStringLiteral("veth"),
            QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("ve1p")});
        QTRY_COMPARE_WITH_TIMEOUT(linkShown(dialog, QStringLiteral("ve1")), QStringLiteral("down"), 5000);
        // Chosen while down, it is refused; brought up, the refusal goes by itself.
        ExportSpec chosen = dialog->spec();
        chosen.interfaces = QStringList{QStringLiteral("ve1")};
        dialog->setSpec(chosen);
        QVERIFY(!dialog->validate());
        QVERIFY2(dialog->interfaceError().contains(QStringLiteral("ve1 is down")), qPrintable(dialog->interfaceError()));
        ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("ve1"), QStringLiteral("up")});
        ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("ve1p"), QStringLiteral("up")});
        QTRY_COMPARE_WITH_TIMEOUT(linkShown(dialog, QStringLiteral("ve1")), QStringLiteral("up"), 5000);
        QCOMPARE(dialog->interfaceError(), QString());
        QCOMPARE(dialog->spec().interfaces, QStringList{QStringLiteral("ve1")});   // still chosen
        ip({QStringLiteral("link"), QStringLiteral("del"), QStringLiteral("ve1")});
        QTRY_COMPARE_WITH_TIMEOUT(linkShown(dialog, QStringLiteral("ve1")), QString(), 5000);
        QVERIFY(dialog->spec().interfaces.isEmpty());
        dialog->close();

        // An export on ve0: its state says when ve0 is down, and goes back to serving.
        const QString image = makeTestImage(dir_, QStringLiteral("live.img"), 1 << 20);
        ExportSpec spec;
        spec.shelf = 6;
        spec.slot = 1;
        spec.path = image;
        spec.interfaces = QStringList{QStringLiteral("ve0")};
        QString error;
        UniqueFd fd = openImage(spec, error);
        QVERIFY2(fd.valid(), qPrintable(error));
        QSignalSpy finished(&backend, &ExportBackend::requestFinished);
        backend.addExport(spec, std::move(fd));
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, 5000);
        const QModelIndex state = w.model()->index(0, ExportsModel::State);
        QTRY_COMPARE_WITH_TIMEOUT(state.data().toString(), QStringLiteral("Serving"), 2000);
        ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("ve0"), QStringLiteral("down")});
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Interface down: ve0"), 5000);
        QVERIFY(w.model()->index(0, ExportsModel::State).data(Qt::ToolTipRole).toString().contains(QStringLiteral("ve0")));
        QTRY_VERIFY_WITH_TIMEOUT(backendLists(backend, QStringLiteral("ve0"), false), 2000);
        ip({QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("ve0"), QStringLiteral("up")});
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Serving"), 5000);

        // The Network window on ve0: Debian's vblade on the other end of the pair, and ours, marked.
        QString vbladePath;
        QVERIFY2(runCommand({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("command -v vblade")}, &vbladePath) == 0,
                 "Debian's vblade is not installed (apt-get install vblade)");
        QProcess vblade;
        vblade.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), ns_, QStringLiteral("vblade"),
                                            QStringLiteral("9"), QStringLiteral("9"), QStringLiteral("ve0p"),
                                            makeTestImage(dir_, QStringLiteral("vblade.img"), 1 << 20)});
        QVERIFY(vblade.waitForStarted(5000));
        NetworkView* network = w.openNetworkView();
        network->setRefreshInterval(200);
        auto row = [&](const QString& address) {
            for (int r = 0; r < network->model()->rowCount(); ++r)
                if (network->model()->index(r, NetworkModel::Address).data().toString() == address) return r;
            return -1;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(row(QStringLiteral("e9.9")) >= 0 && row(QStringLiteral("e6.1")) >= 0,
                                  qPrintable(network->status()->text()), 10000);
        QCOMPARE(network->interfaceBox()->currentText(), QStringLiteral("ve0"));
        QCOMPARE(network->model()->index(row(QStringLiteral("e6.1")), NetworkModel::Host).data().toString(), QStringLiteral("this computer"));
        QCOMPARE(network->model()->index(row(QStringLiteral("e9.9")), NetworkModel::Host).data().toString(), QString());
        QCOMPARE(network->model()->index(row(QStringLiteral("e9.9")), NetworkModel::Buffers).data().toInt(), 16);
        network->close();
        vblade.terminate();
        vblade.waitForFinished(5000);

        backend.removeExport(6, 1);
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, 5000);
        backend.shutdown(false);
    }
};

QTEST_MAIN(TestLiveInterfacesE2e)
#include "tst_live_interfaces_e2e.moc"
