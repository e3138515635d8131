// SPDX-License-Identifier: GPL-2.0-or-later
// HelperBackend against a real qvblade-helper (in a network namespace this test creates, with a
// veth pair of its own): another client adds, pauses, resumes and removes an export, and the
// backend — and the main window's table — follow from the helper's export-changed events alone
// (its safety-net list is an hour away; counters no longer trigger lists).
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gui/exportsmodel.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"
#include "privhelper/protocol/helper_client.h"
#include "privhelper/protocol/protocol.h"
#include "run_command.h"
#include "test_image.h"

using namespace qvblade::gui;
using qvblade::helper::HelperClient;
using qvblade::helper::Reply;

namespace {
// One request of the other client, answered (or not) within 10 s.
Reply call(HelperClient& client, const QString& type, const QJsonObject& args = {}, const std::vector<int>& fds = {}) {
    Reply result;
    result.errorMessage = QStringLiteral("no reply to %1").arg(type);
    bool done = false;
    client.request(type, args, fds, [&](const Reply& r) {
        result = r;
        done = true;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < 10000) QTest::qWait(10);
    return result;
}

// Exports in the backend (which, with events, changes only when one arrives).
QStringList names(const QList<ExportInfo>& exports) {
    QStringList out;
    for (const ExportInfo& e : exports) out << exportName(e.spec.shelf, e.spec.slot);
    return out;
}
}  // namespace

class TestExportEventsE2e : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString ns_;

private slots:
    void initTestCase() {
        const QString error = prepareHelperNamespace(dir_, QStringLiteral("qvgev"), ns_);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() {
        if (!ns_.isEmpty()) runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns_});
    }

    void anotherClientsChangesArriveWithoutPolling() {
        const QString socket = dir_.filePath(QStringLiteral("helper.sock"));
        HelperBackend backend({QString(),
                               {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), ns_,
                                QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio"), QStringLiteral("--listen"), socket},
                               dir_.filePath(QStringLiteral("helper.log"))});
        backend.setResyncInterval(3600 * 1000);
        MainWindow w(&backend);
        w.model()->setRefreshInterval(100);
        backend.start();
        QTRY_VERIFY2_WITH_TIMEOUT(backend.state() == HelperState::Running, qPrintable(backend.stateDetail()), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(backend.hasExportEvents(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket), 5000);
        QCOMPARE(backend.clientUid(), qint64(::getuid()));   // hello's uid: who the GUI is to the helper

        HelperClient other;
        QString error;
        QVERIFY2(other.connectToPath(socket, &error), qPrintable(error));
        QVERIFY(call(other, QStringLiteral("hello"), {{QStringLiteral("version"), qvblade::helper::kProtocolVersion}}).ok);
        QSignalSpy changed(&backend, &ExportBackend::exportsChanged);

        // Added by the other client: here within a second (the list would be an hour away).
        const QString image = makeTestImage(dir_, QStringLiteral("events.img"), 4 << 20);
        const int fd = ::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const QJsonObject address{{QStringLiteral("shelf"), 3}, {QStringLiteral("slot"), 5}};
        QJsonObject args = address;
        args.insert(QStringLiteral("interfaces"), QJsonArray{QStringLiteral("ve0")});
        Reply r = call(other, QStringLiteral("add-export"), args, {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(r.errorMessage));
        QTRY_COMPARE_WITH_TIMEOUT(names(backend.exports()), QStringList{QStringLiteral("e3.5")}, 1000);
        QCOMPARE(backend.exports().first().sizeBytes, quint64(4) << 20);
        QCOMPARE(backend.exports().first().spec.interfaces, QStringList{QStringLiteral("ve0")});
        QCOMPARE(backend.exports().first().ownerUid, qint64(::getuid()));   // the other client's uid: ours
        QVERIFY(!backend.exports().first().detailsHidden);
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, 1000);
        QVERIFY(!changed.isEmpty());

        QVERIFY(call(other, QStringLiteral("pause-export"), address).ok);
        QTRY_COMPARE_WITH_TIMEOUT(backend.exports().first().state, ExportState::Paused, 1000);
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Paused"), 1000);
        QVERIFY(call(other, QStringLiteral("resume-export"), address).ok);
        QTRY_COMPARE_WITH_TIMEOUT(backend.exports().first().state, ExportState::Serving, 1000);

        QVERIFY(call(other, QStringLiteral("remove-export"), address).ok);
        QTRY_VERIFY_WITH_TIMEOUT(backend.exports().isEmpty(), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, 1000);

        other.disconnectFromHelper();
        backend.shutdown(false);
    }
};

QTEST_MAIN(TestExportEventsE2e)
#include "tst_export_events_e2e.moc"
