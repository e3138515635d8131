// SPDX-License-Identifier: GPL-2.0-or-later
// The rmem banner against a real qvblade-helper: with the machine's receive-buffer limits
// lowered (saved first and put back on every way out, rmem_limits_guard.h), an export on an
// MTU 9000 veth brings the banner up; "Make permanent" has the helper write the sysctl.d file
// (into a temporary directory: --sysctl-dir), "Apply" raises the limits and the banner goes.
//
// net.core.rmem_max and rmem_default are global and writable only from the host's network
// namespace, so this helper runs there: its end of the veth pair is in the host namespace, the
// other end in a namespace this test creates. No real interface is touched, and the only
// frames are the helper's announcements on the veth.
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <memory>

#include "gui/banners.h"
#include "gui/exportdialog.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"
#include "rmem_limits_guard.h"
#include "run_command.h"
#include "test_image.h"

using namespace qvblade::gui;

namespace {
// An MTU 9000 export with 16 buffers needs 278528 bytes; Linux grants twice what rmem_max
// allows, so only a limit under half of that leaves the socket short.
constexpr qint64 kLowLimit = 131072;
}  // namespace

class TestRmemBannerE2e : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString ns_, hostEnd_, peerEnd_;
    bool vethCreated_ = false;
    // The limits as they were before this test: put back after each test function (cleanup()
    // runs after a failure too), when the test ends and on a fatal signal.
    std::unique_ptr<RmemLimitsGuard> limits_;

    // A run that was killed (ctest's timeout) left its namespace and, worse, its end of the
    // veth pair in the host's namespace: gone with this run's set-up.
    static void removeLeftoversOfKilledRuns() {
        QString list;
        runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("list")}, &list);
        for (const QString& line : list.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QString name = line.section(QLatin1Char(' '), 0, 0);
            if (!name.startsWith(QLatin1String("qvrmem-"))) continue;
            const QString pid = name.mid(7);
            if (QFileInfo::exists(QStringLiteral("/proc/") + pid)) continue;   // a run still going
            runCommand({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("del"), QStringLiteral("qvr") + pid});
            runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), name});
        }
    }

    void removeNetwork() {
        if (vethCreated_) runCommand({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("del"), hostEnd_});
        vethCreated_ = false;
        if (!ns_.isEmpty()) runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("del"), ns_});
        ns_.clear();
    }

private slots:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "this test creates network namespaces and changes net.core.rmem_*: run it as root");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(dir_.isValid());
        limits_ = std::make_unique<RmemLimitsGuard>();
        QVERIFY2(limits_->saved(), "cannot read net.core.rmem_max / rmem_default");
        removeLeftoversOfKilledRuns();
        const QString id = QString::number(::getpid());
        ns_ = QStringLiteral("qvrmem-") + id;
        hostEnd_ = QStringLiteral("qvr") + id;
        peerEnd_ = QStringLiteral("qvrp") + id;
        QString out;
        QVERIFY2(runCommand({QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("add"), ns_}, &out) == 0, qPrintable(out));
        QVERIFY2(runCommand({QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("add"), hostEnd_, QStringLiteral("mtu"),
                      QStringLiteral("9000"), QStringLiteral("type"), QStringLiteral("veth"), QStringLiteral("peer"),
                      QStringLiteral("name"), peerEnd_, QStringLiteral("mtu"), QStringLiteral("9000"),
                      QStringLiteral("netns"), ns_}, &out) == 0,
                 qPrintable(out));
        vethCreated_ = true;
        // Our end stays quiet apart from AoE: no IPv6 autoconfiguration on it.
        QFile ipv6(QStringLiteral("/proc/sys/net/ipv6/conf/%1/disable_ipv6").arg(hostEnd_));
        if (ipv6.open(QIODevice::WriteOnly)) ipv6.write("1\n");
        ipv6.close();
        for (const QStringList& c : QList<QStringList>{
                 {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"), hostEnd_, QStringLiteral("up")},
                 {QStringLiteral("ip"), QStringLiteral("-n"), ns_, QStringLiteral("link"), QStringLiteral("set"), peerEnd_, QStringLiteral("up")}})
            QVERIFY2(runCommand(c, &out) == 0, qPrintable(c.join(QLatin1Char(' ')) + QStringLiteral(": ") + out));
    }

    void cleanup() {
        if (limits_) QVERIFY2(limits_->restore(), "could not put net.core.rmem_* back");
    }

    void cleanupTestCase() {
        limits_.reset();
        removeNetwork();
    }

    void bannerAppearsForJumboFramesAndGoesAfterApply() {
        const QString sysctlDir = dir_.filePath(QStringLiteral("sysctl.d"));
        QVERIFY(QDir().mkpath(sysctlDir));
        HelperBackend backend({QString(),
                               {QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio"), QStringLiteral("--sysctl-dir"), sysctlDir},
                               dir_.filePath(QStringLiteral("helper.log"))});
        MainWindow w(&backend);
        w.setConfirmRemove(false);
        w.show();
        backend.start();
        QTRY_VERIFY2_WITH_TIMEOUT(backend.state() == HelperState::Running, qPrintable(backend.stateDetail()), 15000);
        QVERIFY(!w.rmemBanner()->isVisible());

        // From here the limits are low (limits_ puts them back whatever happens below).
        QVERIFY(RmemLimitsGuard::write("rmem_max", kLowLimit));
        QVERIFY(RmemLimitsGuard::write("rmem_default", kLowLimit));

        // The export asks for its receive buffer now, under the low limit.
        ExportSpec spec;
        spec.shelf = 9;
        spec.slot = 4;
        spec.path = makeTestImage(dir_, QStringLiteral("jumbo.img"), 8 << 20);
        spec.interfaces = {hostEnd_};
        QString error;
        UniqueFd fd = openImage(spec, error);
        QVERIFY2(fd.valid(), qPrintable(error));
        QSignalSpy finished(&backend, &ExportBackend::requestFinished);
        const int id = backend.addExport(spec, std::move(fd));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && finished.last().at(0).toInt() == id, 10000);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));

        QTRY_VERIFY_WITH_TIMEOUT(w.rmemBanner()->isVisible(), 10000);
        const QString text = w.rmemBanner()->text()->text();
        QVERIFY2(text.contains(QStringLiteral("%1 (MTU 9000)").arg(hostEnd_)), qPrintable(text));
        const QString values = w.rmemBanner()->valuesLabel()->text();
        QVERIFY2(values.contains(QStringLiteral("now:    net.core.rmem_max = %1").arg(kLowLimit)), qPrintable(values));
        QVERIFY2(values.contains(QStringLiteral("needed: net.core.rmem_max = 278528")), qPrintable(values));

        // "Make permanent": the helper writes the file (here into the test's directory).
        QTest::mouseClick(w.rmemBanner()->permanentButton(), Qt::LeftButton);
        // The message names the file the helper wrote, not the usual path.
        QTRY_VERIFY_WITH_TIMEOUT(w.rmemBanner()->resultLabel()->text().startsWith(
                                     QStringLiteral("Written to %1/60-qvblade.conf:").arg(sysctlDir)), 10000);
        QVERIFY(!w.rmemBanner()->permanentButton()->isVisible());   // done: not offered again
        QFile conf(sysctlDir + QStringLiteral("/60-qvblade.conf"));
        QVERIFY(conf.open(QIODevice::ReadOnly));
        const QByteArray content = conf.readAll();
        QVERIFY2(content.contains("\nnet.core.rmem_max = 278528\n") && content.contains("\nnet.core.rmem_default = 278528\n"),
                 content.constData());
        QCOMPARE(RmemLimitsGuard::read("rmem_max"), kLowLimit);   // the file alone changes nothing now
        QVERIFY(w.rmemBanner()->isVisible());

        // "Apply": both limits raised, the running export re-sized, the banner gone.
        QTest::mouseClick(w.rmemBanner()->applyButton(), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(!w.rmemBanner()->isVisible(), qPrintable(w.rmemBanner()->resultLabel()->text()), 10000);
        const qint64 raisedMax = RmemLimitsGuard::read("rmem_max"), raisedDefault = RmemLimitsGuard::read("rmem_default");
        QVERIFY2(limits_->restore(), "could not put net.core.rmem_* back");
        QCOMPARE(raisedMax, qint64(278528));
        QCOMPARE(raisedDefault, qint64(278528));

        backend.shutdown(false);
    }
};

QTEST_MAIN(TestRmemBannerE2e)
#include "tst_rmem_banner_e2e.moc"
