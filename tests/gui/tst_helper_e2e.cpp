// SPDX-License-Identifier: GPL-2.0-or-later
// The GUI against a real qvblade-helper serving a veth pair between two network namespaces
// this test creates (root needed; no real interface is touched): add an export through the
// dialog, see the row appear and its counters move while aoe-load reads from the other end,
// watch frames in the teaching view, save a capture tshark decodes as AoE, pause/resume/remove,
// see the helper's death reported and a restart work, and Start at boot (--boot-root) on and off.
#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QListWidget>
#include <QTreeWidget>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidgetItemIterator>

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include "gui/banners.h"
#include "gui/exportdetails.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/helperbackend.h"
#include "gui/hexdumpview.h"
#include "gui/mainwindow.h"
#include "gui/teachingview.h"
#include "test_image.h"
#include "tests/gui/helper_window.h"

using namespace qvblade::gui;

namespace {
QString run(const QStringList& command, int* exitCode = nullptr) {
    QProcess p;
    p.start(command.first(), command.mid(1));
    p.waitForFinished(30000);
    if (exitCode) *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromLocal8Bit(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
}
}  // namespace

class TestHelperE2e : public QObject {
    Q_OBJECT
private:
    QString nsTarget_, nsInitiator_;
    int originalNs_ = -1;
    QTemporaryDir dir_;
    QProcess load_;

    void startLoad(int seconds) {
        load_.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"), nsInitiator_,
                                           QStringLiteral(QVBLADE_AOE_LOAD), QStringLiteral("vqi"), QStringLiteral("5"),
                                           QStringLiteral("1"), QStringLiteral("--seconds"), QString::number(seconds),
                                           QStringLiteral("--op"), QStringLiteral("read"),
                                           QStringLiteral("--bytes"), QStringLiteral("1024")});   // 2 sectors: MTU 1500
        QVERIFY(load_.waitForStarted(5000));
    }
    QString initiatorMac() {
        return run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), nsInitiator_, QStringLiteral("cat"),
                    QStringLiteral("/sys/class/net/vqi/address")});
    }
    // One AoE request to e5.1 from the initiator's namespace (aoe_request ARGS...).
    QString requestE51(const QStringList& args, int* rc = nullptr) {
        return run(QStringList{QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"), nsInitiator_,
                               QStringLiteral(QVBLADE_AOE_REQUEST), QStringLiteral("-i"), QStringLiteral("vqi"),
                               QStringLiteral("-t"), QStringLiteral("5"), QStringLiteral("-n"), QStringLiteral("1"),
                               QStringLiteral("--timeout"), QStringLiteral("2000")} + args,
                   rc);
    }
    // e5.1 on vqt from a fresh 16 MiB image FILE, exported as the dialog does (the image opened
    // as the user, its descriptor passed) and serving. The caller returns if the test failed.
    void serveE51(qvblade::test::HelperWindow& hw, const QString& file, ExportSpec& spec) {
        QTRY_COMPARE_WITH_TIMEOUT(hw.backend.state(), HelperState::Running, 15000);
        spec.shelf = 5;
        spec.slot = 1;
        spec.path = makeTestImage(dir_, file, 16 << 20);
        spec.interfaces = {QStringLiteral("vqt")};
        hw.window.restoreExports({spec});
        QTRY_COMPARE_WITH_TIMEOUT(hw.window.model()->rowCount(), 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(hw.window.model()->exportAt(0)->state, ExportState::Serving, 5000);
    }

private slots:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "this test creates network namespaces: run it as root");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(dir_.isValid());
        const QString id = QString::number(::getpid());
        nsTarget_ = QStringLiteral("qvgui-t-") + id;
        nsInitiator_ = QStringLiteral("qvgui-i-") + id;
        int rc = 0;
        for (const QStringList& c : QList<QStringList>{
                 {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), nsTarget_},
                 {QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), nsInitiator_},
                 {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("add"), QStringLiteral("vqt"),
                  QStringLiteral("netns"), nsTarget_, QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                  QStringLiteral("name"), QStringLiteral("vqi"), QStringLiteral("netns"), nsInitiator_},
                 {QStringLiteral("ip"), QStringLiteral("-n"), nsTarget_, QStringLiteral("link"), QStringLiteral("set"),
                  QStringLiteral("vqt"), QStringLiteral("up")},
                 {QStringLiteral("ip"), QStringLiteral("-n"), nsInitiator_, QStringLiteral("link"), QStringLiteral("set"),
                  QStringLiteral("vqi"), QStringLiteral("up")}}) {
            const QString out = run(c, &rc);
            QVERIFY2(rc == 0, qPrintable(c.join(QLatin1Char(' ')) + QStringLiteral(": ") + out));
        }
        // This thread (the GUI's) moves into the target namespace: QNetworkInterface lists its
        // interfaces and the helper started from here serves them.
        originalNs_ = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
        const int target = ::open(QStringLiteral("/run/netns/%1").arg(nsTarget_).toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
        QVERIFY(originalNs_ >= 0 && target >= 0);
        QCOMPARE(::setns(target, CLONE_NEWNET), 0);
        ::close(target);
    }

    void cleanupTestCase() {
        if (load_.state() != QProcess::NotRunning) {
            load_.kill();
            load_.waitForFinished(3000);
        }
        if (originalNs_ >= 0) {
            ::setns(originalNs_, CLONE_NEWNET);
            ::close(originalNs_);
        }
        for (const QString& ns : {nsTarget_, nsInitiator_})
            if (!ns.isEmpty()) run({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns});
    }

    void exportThroughTheGuiAndWatchIt() {
        HelperBackend backend({QString(), {QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio")}, dir_.filePath(QStringLiteral("helper.log"))});
        ExportSpec remembered;   // from "last session"
        remembered.shelf = 7;
        remembered.slot = 7;
        remembered.path = dir_.filePath(QStringLiteral("gone.img"));
        remembered.interfaces = {QStringLiteral("vqt")};
        rememberExports({remembered});
        MainWindow w(&backend);
        w.setConfirmRemove(false);
        w.model()->setRefreshInterval(250);
        w.show();
        backend.start();
        QTRY_COMPARE_WITH_TIMEOUT(backend.state(), HelperState::Running, 15000);
        QVERIFY(!w.helperBanner()->isVisible());
        // The helper serves nothing yet: last session's export is offered; its file is gone, which
        // the banner says when asked to restore it.
        QTRY_VERIFY_WITH_TIMEOUT(w.restoreBanner()->isVisible(), 5000);
        QVERIFY(w.restoreBanner()->text()->text().contains(QStringLiteral("e7.7")));
        w.restoreBanner()->restoreButton()->click();
        QVERIFY(w.restoreBanner()->text()->text().contains(QStringLiteral("gone.img")));
        QVERIFY(w.restoreBanner()->text()->text().contains(QStringLiteral("could not be restored")));

        // The dialog, as a user fills it: the image, e5.1, the veth (listed unprivileged, with its MAC).
        const QString image = makeTestImage(dir_, QStringLiteral("e2e.img"), 64 << 20);
        w.exportAction()->trigger();
        auto* dialog = w.findChild<ExportDialog*>();
        QVERIFY(dialog);
        ExportSpec spec;
        spec.shelf = 5;
        spec.slot = 1;
        spec.path = image;
        spec.interfaces = {QStringLiteral("vqt")};
        dialog->setSpec(spec);
        QCOMPARE(dialog->spec().interfaces, QStringList{QStringLiteral("vqt")});   // vqt was in the list
        QPushButton* exportButton = nullptr;
        for (QPushButton* b : dialog->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("&Export")) exportButton = b;
        QVERIFY(exportButton);
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, 10000);
        QTRY_VERIFY(!w.findChild<ExportDialog*>());
        QCOMPARE(w.model()->index(0, ExportsModel::Name).data().toString(), QStringLiteral("e5.1"));
        QCOMPARE(w.model()->index(0, ExportsModel::File).data().toString(), QStringLiteral("e2e.img"));
        QCOMPARE(w.model()->exportAt(0)->sizeBytes, quint64(64) << 20);
        QCOMPARE(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Serving"));

        // The same address again is refused inline by the dialog, before the helper is asked.
        ExportDialog* again = w.openExportDialog();
        again->setSpec(spec);
        QVERIFY(again->addressError().contains(QStringLiteral("e5.1 is already exported")));
        again->close();

        // Traffic from the other namespace: counters move, the initiator shows, frames stream.
        TeachingView* view = w.openTeachingView();
        const QString pcap = dir_.filePath(QStringLiteral("e2e.pcap"));
        QCOMPARE(view->startCaptureTo(pcap), QString());
        QTRY_VERIFY_WITH_TIMEOUT(view->isCapturing(), 5000);
        startLoad(6);
        QTRY_VERIFY2_WITH_TIMEOUT(w.model()->index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble() > 0.5,
                                  qPrintable(QString::fromLocal8Bit(load_.readAll()) + QStringLiteral(" frames/s in: ")
                                             + w.model()->index(0, ExportsModel::FramesInRate).data().toString()),
                                  10000);
        QVERIFY(w.model()->index(0, ExportsModel::FramesInRate).data(ExportsModel::SortRole).toDouble() > 10);
        QTRY_VERIFY_WITH_TIMEOUT(!w.model()->exportAt(0)->initiators.isEmpty(), 10000);
        QCOMPARE(w.model()->exportAt(0)->initiators.first(), initiatorMac());
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 10, 10000);
        bool sawRead = false;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            sawRead = sawRead || view->model()->index(r, FramesModel::Details).data().toString().contains(QStringLiteral("READ"));
        QVERIFY(sawRead);
        // Real frames from the wire decode into the spec's fields; a reply pairs with its request
        // (same tag) and jumps to it; the sampling line counts what the helper saw.
        QTRY_VERIFY2_WITH_TIMEOUT(view->samplingLabel()->text().startsWith(QStringLiteral("Showing")),
                                  qPrintable(view->samplingLabel()->text()), 10000);
        int reply = -1;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            for (int r = view->model()->rowCount() - 1; r >= 0 && reply < 0; --r)
                if (view->model()->frame(r).response && view->model()->requestRow(r) >= 0) reply = r;
            return reply >= 0;
        }(), 10000);
        view->pauseButton()->setChecked(true);   // the rows stay where they are
        view->selectFrame(reply);
        QTreeWidget* tree = view->fieldTree();
        QCOMPARE(tree->topLevelItemCount(), 3);
        QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("ATA over Ethernet"));
        QStringList fields;
        QString status, tag;
        for (QTreeWidgetItemIterator it(tree); *it; ++it) {
            fields << (*it)->text(0);
            if ((*it)->text(0) == QLatin1String("Cmd/Status")) status = (*it)->text(1);
            if ((*it)->text(0) == QLatin1String("Tag")) {
                tag = (*it)->text(1);
                tree->setCurrentItem(*it);
            }
        }
        for (const char* name : {"Destination", "Source", "Ver", "Flags", "R", "Error", "Major", "Minor", "Command", "AFlags",
                                 "Err/Feature", "Sector Count", "lba0", "lba5", "LBA"})
            QVERIFY2(fields.contains(QLatin1String(name)), name);
        QVERIFY2(status.contains(QStringLiteral("DRDY")), qPrintable(status));
        QCOMPARE(view->hexDump()->highlightedHex().remove(QLatin1Char(' ')), tag.mid(2));   // "0x0001abcd" -> "0001abcd"
        QVERIFY(view->pairLabel()->text().contains(QStringLiteral("round trip")));
        const quint32 replyTag = view->model()->frame(reply).tag;
        QTest::mouseClick(view->goToRequestButton(), Qt::LeftButton);
        QVERIFY(view->selectedFrame() >= 0 && view->selectedFrame() < reply);
        QVERIFY(!view->model()->frame(view->selectedFrame()).response);
        QCOMPARE(view->model()->frame(view->selectedFrame()).tag, replyTag);
        view->pauseButton()->setChecked(false);
        view->stopCapture();
        QTRY_VERIFY_WITH_TIMEOUT(!view->isCapturing(), 5000);
        QVERIFY(load_.waitForFinished(20000));
        QVERIFY2(QFileInfo(pcap).size() > 24, "the capture is empty");
        int rc = 0;
        const QString decoded = run({QStringLiteral("tshark"), QStringLiteral("-r"), pcap, QStringLiteral("-c"),
                                     QStringLiteral("3")}, &rc);
        QVERIFY2(rc == 0 && decoded.contains(QStringLiteral("AoE")), qPrintable(decoded));
        view->close();

        // Pause and resume from the toolbar, then remove.
        w.selectExport(5, 1);
        w.pauseAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Paused"), 5000);
        w.resumeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Serving"), 5000);
        w.removeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, 5000);

        // The helper dies: the window says so and offers a restart that works.
        const qint64 pid = backend.helperPid();
        QVERIFY(pid > 0);
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(backend.state(), HelperState::Died, 10000);
        QVERIFY(w.helperBanner()->isVisible());
        QVERIFY(w.helperBanner()->restartButton()->isVisible());
        QVERIFY(!w.exportAction()->isEnabled());
        QVERIFY(w.helperBanner()->restartButton()->isEnabled());
        w.helperBanner()->restartButton()->click();   // (a synthesized mouse click can race the banner's layout)
        QTRY_VERIFY2_WITH_TIMEOUT(backend.state() == HelperState::Running, qPrintable(backend.stateDetail()), 15000);
        QVERIFY(!w.helperBanner()->isVisible());
        backend.shutdown(false);
    }

    void detailsOfALiveExport() {
        // The details window against the real helper: totals and the initiator (with first and
        // last seen) from the counters, read-only switched in place and refused on the wire,
        // the Mac Mask List set from the window.
        QSettings().clear();
        qvblade::test::HelperWindow hw(dir_.filePath(QStringLiteral("details.log")));
        HelperBackend& backend = hw.backend;
        MainWindow& w = hw.window;
        ExportSpec spec;
        serveE51(hw, QStringLiteral("details.img"), spec);
        if (QTest::currentTestFailed()) return;
        w.selectExport(5, 1);
        w.detailsAction()->trigger();
        ExportDetailsDialog* d = w.findChild<ExportDetailsDialog*>();
        QVERIFY(d);
        QVERIFY(d->readOnlyBox()->isEnabled());
        startLoad(3);
        QTRY_VERIFY_WITH_TIMEOUT(d->total(QStringLiteral("ataReads")) != QStringLiteral("0"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(d->initiatorList()->topLevelItemCount(), 1, 10000);
        QCOMPARE(d->initiatorList()->topLevelItem(0)->text(0), initiatorMac());
        QVERIFY(d->initiatorList()->topLevelItem(0)->text(1) != QStringLiteral("unknown"));
        QVERIFY(load_.waitForFinished(20000));

        const QStringList write{QStringLiteral("write"), QStringLiteral("--lba"), QStringLiteral("0"), QStringLiteral("--count"),
                                QStringLiteral("1"), QStringLiteral("--pattern"), QStringLiteral("0x5a")};
        d->readOnlyBox()->click();
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->exportAt(0)->spec.readOnly, 5000);
        QTRY_VERIFY(d->flagsLabel()->text().contains(QStringLiteral("read-only")));
        int rc = 0;
        QString out = requestE51(write, &rc);
        QVERIFY2(rc == 0 && out.contains(QStringLiteral("ata_status=0x41")), qPrintable(out));
        d->readOnlyBox()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w.model()->exportAt(0)->spec.readOnly, 5000);
        out = requestE51(write, &rc);
        QVERIFY2(rc == 0 && out.contains(QStringLiteral("ata_status=0x40")), qPrintable(out));

        d->macEdit()->setText(QStringLiteral("52:54:00:12:34:56"));
        QTest::keyClick(d->macEdit(), Qt::Key_Return);
        d->applyMacsButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->exportAt(0)->details.maskList, QStringList{QStringLiteral("52:54:00:12:34:56")}, 5000);
        out = requestE51(write, &rc);
        QVERIFY2(rc == 2, qPrintable("a masked-out initiator was answered: " + out));
        QCOMPARE(d->macList()->count(), 1);
        backend.removeExport(5, 1);
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, 5000);
        backend.shutdown(false);
    }

    void startAtBootThroughTheHelper() {
        // --boot-root: the helper's /etc/qvblade and systemctl --root= in a directory of ours
        // (no systemd runs as init here; systemctl then writes the wants link itself).
        const QString root = dir_.filePath(QStringLiteral("bootroot"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/usr/lib/systemd/system")) && QDir().mkpath(root + QStringLiteral("/etc/systemd/system")));
        QVERIFY(QFile::copy(QStringLiteral(QVBLADE_EXPORT_UNIT), root + QStringLiteral("/usr/lib/systemd/system/qvblade-export@.service")));
        HelperBackend backend({QString(), {QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio"), QStringLiteral("--boot-root"), root},
                               dir_.filePath(QStringLiteral("helper-boot.log"))});
        MainWindow w(&backend);
        w.setConfirmRemove(false);
        w.show();
        backend.start();
        QTRY_COMPARE_WITH_TIMEOUT(backend.state(), HelperState::Running, 15000);
        const QString image = makeTestImage(dir_, QStringLiteral("boot.img"), 4 << 20);
        ExportSpec spec;
        spec.shelf = 6;
        spec.slot = 3;
        spec.path = image;
        spec.interfaces = {QStringLiteral("vqt")};
        backend.addExport(spec, UniqueFd(::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC)));
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, 10000);
        w.selectExport(6, 3);
        QVERIFY(w.startAtBootAction()->isEnabled());
        w.startAtBootAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Serving, starts at boot"), 10000);
        QVERIFY(w.startAtBootAction()->isChecked());
        QVERIFY2(!w.messageBanner()->isVisible(), qPrintable(w.messageBanner()->messages().join(QLatin1Char('\n'))));
        const QString conf = root + QStringLiteral("/etc/qvblade/e6-3.conf");
        QFile f(conf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll().contains(QStringLiteral("6 3 vqt %1\n").arg(image).toUtf8()), qPrintable(conf));
        QVERIFY(QFileInfo(root + QStringLiteral("/etc/systemd/system/multi-user.target.wants/qvblade-export@e6-3.service")).isSymLink());
        // Off again: the unit disabled, the file gone.
        w.startAtBootAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Serving"), 10000);
        QVERIFY(!QFile::exists(conf));
        QVERIFY(!QFileInfo(root + QStringLiteral("/etc/systemd/system/multi-user.target.wants/qvblade-export@e6-3.service")).isSymLink());
        w.removeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, 5000);
        backend.shutdown(false);
    }

    void exportsStoppedByACrashAreRestored() {
        // The helper is SIGKILLed while an initiator reads: the window keeps the export, greyed
        // and stopped; once a helper runs again one click restores it and the initiator reads
        // the data it wrote before the crash.
        QSettings().clear();
        qvblade::test::HelperWindow hw(dir_.filePath(QStringLiteral("crash.log")));
        HelperBackend& backend = hw.backend;
        MainWindow& w = hw.window;
        ExportSpec spec;
        serveE51(hw, QStringLiteral("crash.img"), spec);
        if (QTest::currentTestFailed()) return;
        int rc = 0;
        QString out = requestE51({QStringLiteral("write"), QStringLiteral("--lba"), QStringLiteral("3"), QStringLiteral("--count"),
                                  QStringLiteral("1"), QStringLiteral("--pattern"), QStringLiteral("0x5a")}, &rc);
        QVERIFY2(rc == 0 && out.contains(QStringLiteral("ata_status=0x40")), qPrintable(out));
        const QString zeds = run({QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("head -c 512 /dev/zero | tr '\\0' Z | cksum")})
                                 .section(QLatin1Char(' '), 0, 0);
        auto readBack = [&] {
            return requestE51({QStringLiteral("read"), QStringLiteral("--lba"), QStringLiteral("3"), QStringLiteral("--count"), QStringLiteral("1")});
        };
        QVERIFY2(readBack().contains(QStringLiteral("data_cksum=") + zeds), qPrintable(readBack()));

        // Mid-traffic, the helper is killed.
        startLoad(20);
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble() > 0.5, 10000);
        QCOMPARE(::kill(pid_t(backend.helperPid()), SIGKILL), 0);
        QTRY_COMPARE_WITH_TIMEOUT(backend.state(), HelperState::Died, 10000);
        load_.kill();
        load_.waitForFinished(3000);
        QCOMPARE(w.model()->rowCount(), 1);
        QCOMPARE(w.model()->exportAt(0)->state, ExportState::Stopped);
        QCOMPARE(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Stopped: helper exited"));
        QCOMPARE(w.model()->index(0, ExportsModel::File).data().toString(), QStringLiteral("crash.img"));
        QVERIFY(!readBack().contains(QStringLiteral("data_cksum=")));   // nothing serves it

        // A new helper: it serves nothing, the row stays, and the remembered list still has it.
        w.helperBanner()->restartButton()->click();
        QTRY_VERIFY2_WITH_TIMEOUT(backend.state() == HelperState::Running, qPrintable(backend.stateDetail()), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(w.restoreBanner()->isVisible(), 5000);
        QCOMPARE(w.model()->rowCount(), 1);
        QCOMPARE(w.model()->exportAt(0)->state, ExportState::Stopped);
        QCOMPARE(rememberedExports().size(), 1);
        QCOMPARE(rememberedExports().first().path, spec.path);
        w.restoreBanner()->restoreButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->exportAt(0)->state, ExportState::Serving, 10000);
        QTRY_VERIFY(!w.restoreBanner()->isVisible());
        QVERIFY2(readBack().contains(QStringLiteral("data_cksum=") + zeds), qPrintable(readBack()));
        startLoad(4);
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble() > 0.5, 10000);
        QVERIFY(load_.waitForFinished(20000));
        QCOMPARE(rememberedExports().size(), 1);
        backend.shutdown(false);
    }

    void exportsOutliveTheGuiThatKeepsThem() {
        // A helper started with a socket as well (what --serve-socket does with /run/qvblade):
        // the first GUI quits keeping its export, the next one finds it there.
        const QString socket = dir_.filePath(QStringLiteral("helper.sock"));
        const HelperBackend::Options options{socket,
                                             {QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio"),
                                              QStringLiteral("--listen"), socket},
                                             dir_.filePath(QStringLiteral("helper2.log"))};
        HelperBackend first(options);
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(first.state(), HelperState::Running, 15000);
        const qint64 pid = first.helperPid();
        QVERIFY(pid > 0);   // nothing listened yet: it started one
        ExportSpec spec;
        spec.shelf = 6;
        spec.slot = 2;
        spec.path = makeTestImage(dir_, QStringLiteral("kept.img"), 8 << 20);
        spec.interfaces = {QStringLiteral("vqt")};
        QString error;
        QSignalSpy finished(&first, &ExportBackend::requestFinished);
        const int id = first.addExport(spec, openImage(spec, error));
        // The backend's own requests (its periodic export list) finish on the same signal:
        // look for the reply to ours.
        auto ours = [&] {
            for (int i = 0; i < finished.count(); ++i)
                if (finished.at(i).at(0).toInt() == id) return i;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ours() >= 0, 10000);
        QVERIFY2(finished.at(ours()).at(1).toBool(), qPrintable(finished.at(ours()).at(2).toString()));
        {
            MainWindow w(&first);
            QSignalSpy quit(&w, &MainWindow::quitRequested);
            QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, 10000);
            QVERIFY(w.quitApplication(MainWindow::QuitChoice::KeepExports));
            QCOMPARE(quit.count(), 1);
        }
        QCOMPARE(::kill(pid_t(pid), 0), 0);   // still serving

        HelperBackend second(options);
        MainWindow w(&second);
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), HelperState::Running, 10000);
        QCOMPARE(second.helperPid(), 0);   // connected to the running one, started none
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 1, 10000);
        QCOMPARE(w.model()->index(0, ExportsModel::Name).data().toString(), QStringLiteral("e6.2"));
        QCOMPARE(w.model()->exportAt(0)->spec.path, spec.path);

        // This one quits stopping the exports: the helper removes them (and, with nothing left, ends).
        QVERIFY(w.quitApplication(MainWindow::QuitChoice::StopExports));
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid), 0) != 0, 10000);
    }
};

QTEST_MAIN(TestHelperE2e)
#include "tst_helper_e2e.moc"
