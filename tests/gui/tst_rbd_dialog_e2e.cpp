// SPDX-License-Identifier: GPL-2.0-or-later
// The export dialog's "Ceph RBD image" source against the real test cluster (tests/ceph, fixture
// ceph_cluster; the test runs in the cluster's network namespace, `ceph-cluster.sh exec`): from the
// fixture's ceph.conf and keyring it lists the pools, images and snapshots without blocking the
// window; the request carries the values read from the files (FakeBackend); a snapshot is
// read-only; a wrong key, a missing monitor and a user without a key are inline errors; and the
// real helper serves what the dialog asked for, the key in none of its output.
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include "core/ceph_config.h"
#include "gui/exportdialog.h"
#include "gui/helperbackend.h"
#include "gui/rbdsourcepanel.h"
#include "tests/gui/fakebackend.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade;
using namespace qvblade::gui;
using qvblade::test::readText;

namespace {

bool writeText(const QString& path, const QString& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
}

// Runs a command here (in the cluster's namespace), rbd's slow ones included.
int runHere(const QStringList& argv, QString* out = nullptr) { return qvblade::test::run(argv, out, 70000); }

QStringList items(const QComboBox* box) {
    QStringList out;
    for (int i = 0; box && i < box->count(); ++i) out << box->itemText(i);
    return out;
}

}  // namespace

class TestRbdDialogE2e : public QObject {
    Q_OBJECT

    QString cluster_ = QStringLiteral(QVBLADE_CEPH_CLUSTER);
    QString conf_, keyring_, key_, image_, ns_;
    QTemporaryDir dir_;
    bool vethMade_ = false;

    int rbd(const QStringList& args, QString* out = nullptr) {
        return runHere(QStringList{"timeout", "60", "rbd", "-c", conf_} + args, out);
    }
    static QList<NetInterface> veth() { return {{QStringLiteral("qvg0"), QStringLiteral("52:54:00:aa:bb:71"), 1500, true, true, false}}; }
    ExportSpec spec(const QString& conf, const QString& keyring, const QString& snapshot = {}) const {
        ExportSpec s;
        s.shelf = 72;
        s.slot = 1;
        s.interfaces = {QStringLiteral("qvg0")};
        RbdImageSpec r;
        r.confFile = conf;
        r.keyringFile = keyring;
        r.pool = QStringLiteral("rbd");
        r.image = image_;
        r.snapshot = snapshot;
        s.rbd = r;
        return s;
    }
    static RbdSourcePanel* panel(ExportDialog& d) { return d.findChild<RbdSourcePanel*>(); }
    static QComboBox* combo(ExportDialog& d, const char* name) { return d.findChild<QComboBox*>(QStringLiteral("rbd ") + QLatin1String(name)); }
    // Waits until the panel asked the cluster everything it asks; false on a timeout.
    static bool settled(ExportDialog& d) {
        QElapsedTimer t;
        t.start();
        while (panel(d)->isLoading() && t.elapsed() < 30000) QTest::qWait(20);
        return !panel(d)->isLoading();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "needs root (run in the test cluster's network namespace by ceph-cluster.sh exec)");
        QVERIFY2(RbdSourcePanel::available(), "this build has no Ceph RBD support (QVBLADE_RBD)");
        conf_ = cluster_ + "/ceph.conf";
        keyring_ = cluster_ + "/keyring";
        ns_ = readText(cluster_ + "/netns").trimmed();
        QVERIFY2(!ns_.isEmpty(), qPrintable("no test cluster in " + cluster_));
        std::string error;
        const auto key = cephKeyringKey(readText(keyring_).toStdString(), "admin", error);
        QVERIFY2(key, error.c_str());
        key_ = QString::fromStdString(*key);
        image_ = QStringLiteral("gui-%1").arg(::getpid());
        QString out;
        QVERIFY2(rbd({"create", "--size", "8M", "rbd/" + image_}, &out) == 0, qPrintable(out));
        QVERIFY2(rbd({"snap", "create", "rbd/" + image_ + "@s1"}, &out) == 0, qPrintable(out));
        QVERIFY2(runHere({"ip", "link", "add", "qvg0", "type", "veth", "peer", "name", "qvg0p"}, &out) == 0, qPrintable(out));
        vethMade_ = true;
        QCOMPARE(runHere({"ip", "link", "set", "qvg0", "up"}), 0);
        QCOMPARE(runHere({"ip", "link", "set", "qvg0p", "up"}), 0);
    }
    void cleanupTestCase() {
        if (vethMade_) runHere({"ip", "link", "del", "qvg0"});
        if (!image_.isEmpty()) {
            rbd({"snap", "purge", "--no-progress", "rbd/" + image_});
            rbd({"rm", "--no-progress", "rbd/" + image_});
        }
    }

    void listsTheClusterAndSendsTheValues() {
        FakeBackend backend;
        ExportDialog d(&backend, [](quint16, quint8) { return false; }, veth());
        d.setSpec(spec(conf_, keyring_));
        QVERIFY2(panel(d)->isLoading(), "the lists load in the background");
        QVERIFY(settled(d));
        QVERIFY2(d.fileError().isEmpty(), qPrintable(d.fileError()));
        QVERIFY2(items(combo(d, "Pool")).contains("rbd"), qPrintable(items(combo(d, "Pool")).join(',')));
        QVERIFY2(items(combo(d, "RBD image")).contains(image_), qPrintable(items(combo(d, "RBD image")).join(',')));
        QCOMPARE(combo(d, "RBD image")->currentText(), image_);
        QCOMPARE(items(combo(d, "Snapshot (exported read-only)")).size(), 2);   // none, s1
        QCOMPARE(items(combo(d, "Snapshot (exported read-only)")).at(1), QString("s1"));
        auto* timeout = d.findChild<QSpinBox*>("rbd OSD timeout");
        QVERIFY(timeout);
        QCOMPARE(timeout->value(), 0);   // by default writes wait for an OSD that is down
        timeout->setValue(30);

        d.submit();
        QTRY_COMPARE_WITH_TIMEOUT(backend.addCalls.size(), 1, 5000);
        const FakeBackend::AddCall call = backend.addCalls.first();
        QVERIFY(call.spec.rbd);
        QCOMPARE(call.openFlags, -1);   // no descriptor: the helper opens no file
        QCOMPARE(call.spec.path, "rbd:rbd/" + image_);
        QCOMPARE(call.spec.rbd->monitors, QString("v2:127.0.0.1:3300"));
        QCOMPARE(call.spec.rbd->id, QString("admin"));
        QCOMPARE(call.spec.rbd->key, key_);
        QCOMPARE(call.spec.rbd->pool, QString("rbd"));
        QCOMPARE(call.spec.rbd->image, image_);
        QVERIFY(call.spec.rbd->snapshot.isEmpty());
        QCOMPARE(call.spec.rbd->osdTimeoutSeconds, quint32(30));
        QVERIFY(!call.spec.readOnly);
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 5000);
        // The equivalent command names the files, never the key.
        const QString command = cliCommand(call.spec);
        QVERIFY2(command.contains("--ceph-conf " + conf_) && command.contains("--keyring " + keyring_), qPrintable(command));
        QVERIFY2(command.contains("--ceph-osd-timeout 30 "), qPrintable(command));
        QVERIFY(!command.contains(key_));
    }

    void aSnapshotIsExportedReadOnly() {
        FakeBackend backend;
        ExportDialog d(&backend, [](quint16, quint8) { return false; }, veth());
        d.setSpec(spec(conf_, keyring_, QStringLiteral("s1")));
        QVERIFY(settled(d));
        QCOMPARE(combo(d, "Snapshot (exported read-only)")->currentText(), QString("s1"));
        QVERIFY(d.spec().readOnly);
        d.submit();
        QTRY_COMPARE_WITH_TIMEOUT(backend.addCalls.size(), 1, 5000);
        QCOMPARE(backend.addCalls.first().spec.rbd->snapshot, QString("s1"));
        QVERIFY(backend.addCalls.first().spec.readOnly);
        QCOMPARE(backend.addCalls.first().spec.path, "rbd:rbd/" + image_ + "@s1");
    }

    void problemsShowInline() {
        QString fresh;
        QCOMPARE(runHere({"ceph-authtool", "--gen-print-key"}, &fresh), 0);
        const QString wrongKeyring = dir_.filePath("wrong.keyring"), deadConf = dir_.filePath("dead.conf"),
                      noMon = dir_.filePath("nomon.conf");
        QVERIFY(writeText(wrongKeyring, "[client.admin]\n\tkey = " + fresh.trimmed() + "\n"));
        QVERIFY(writeText(deadConf, "[global]\nmon_host = 127.0.0.1:1\n"));
        QVERIFY(writeText(noMon, "[global]\nfsid = 1\n"));
        struct Case {
            QString conf, keyring, id, message;
        };
        const QList<Case> cases{
            {conf_, wrongKeyring, "admin", "the monitors refused client.admin: wrong key"},
            {deadConf, keyring_, "admin", "no Ceph monitor answered within 5 s (mon_host 127.0.0.1:1)"},
            {noMon, keyring_, "admin", "the configuration names no monitor"},
            {conf_, keyring_, "backup", "the keyring has no key for client.backup (it has client.admin)"},
            {dir_.filePath("missing.conf"), keyring_, "admin", "Cannot read " + dir_.filePath("missing.conf")},
        };
        for (const Case& c : cases) {
            FakeBackend backend;
            ExportDialog d(&backend, [](quint16, quint8) { return false; }, veth());
            ExportSpec s = spec(c.conf, c.keyring);
            s.rbd->id = c.id;
            d.setSpec(s);
            QVERIFY(settled(d));
            QVERIFY2(d.fileError().contains(c.message), qPrintable(c.message + " / " + d.fileError()));
            d.submit();
            QVERIFY(backend.addCalls.isEmpty());
        }
    }

    void theRealHelperServesIt() {
        const QString log = dir_.filePath("helper.log");
        HelperBackend backend({QString(), {QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio")}, log});
        backend.start();
        QTRY_COMPARE_WITH_TIMEOUT(backend.state(), HelperState::Running, 15000);
        ExportDialog d(&backend, [](quint16, quint8) { return false; }, veth());
        d.setSpec(spec(conf_, keyring_));
        QVERIFY(settled(d));
        d.submit();
        QTRY_COMPARE_WITH_TIMEOUT(d.result(), int(QDialog::Accepted), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!backend.exports().isEmpty(), 5000);
        QCOMPARE(backend.exports().first().spec.path, "rbd:rbd/" + image_);
        QByteArray sector;
        QString why;
        QVERIFY2(qvblade::test::aoeReadSector(ns_, "qvg0p", 72, 1, 0, sector, why), qPrintable(why));
        QCOMPARE(sector, QByteArray(512, '\0'));
        backend.removeExport(72, 1);
        QTRY_VERIFY_WITH_TIMEOUT(backend.exports().isEmpty(), 5000);
        backend.shutdown(false);
        QTRY_VERIFY_WITH_TIMEOUT(backend.state() != HelperState::Running, 10000);
        QVERIFY2(readText(log).contains("e72.1 added: rbd:rbd/" + image_), qPrintable(readText(log)));
        QVERIFY2(!readText(log).contains(key_), "the key is in the helper's log");
    }
};

QTEST_MAIN(TestRbdDialogE2e)
#include "tst_rbd_dialog_e2e.moc"
