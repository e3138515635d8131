// SPDX-License-Identifier: GPL-2.0-or-later
// add-export with an "rbd" source (issue #23) through a real qvblade-helper against the real test
// cluster (tests/ceph, fixture ceph_cluster): the helper runs in the cluster's network namespace
// with a veth pair there, gets the monitors and the key as values (read from the fixture's
// ceph.conf and keyring by this test, as the GUI does), and serves the image to aoe_request and
// the probe initiator. The key never shows in the helper's stderr (its log and audit lines), its
// journal messages, list-exports or export-changed; a wrong key and a missing monitor are errors
// while the helper keeps answering; another user cannot remove the export. A shared export shares
// its address only with a qvblade-cli serving the same image; under systemd (the test playing it)
// an export outlives a SIGKILL of the helper.
#include <sys/socket.h>
#include <sys/un.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

#include "core/ceph_config.h"
#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"
#include "tests/privhelper/service_double.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestRbdExport : public QObject {
    Q_OBJECT

    QString cluster_ = QStringLiteral(QVBLADE_CEPH_CLUSTER);
    QString ns_, conf_, monitors_, key_, image_;
    QTemporaryDir dir_;
    QString socket_;
    int journal_ = -1;
    QByteArray journalText_;
    SpawnedHelper helper_;
    HelperClient client_;
    bool vethMade_ = false;

    int rbd(const QStringList& args, QString* out = nullptr) {
        return run(QStringList{"ip", "netns", "exec", ns_, "timeout", "60", "rbd", "-c", conf_} + args, out, 70000);
    }
    QJsonObject rbdSource(const QString& key, const QString& monitors) const {
        return {{"monitors", monitors}, {"id", "admin"}, {"key", key}, {"pool", "rbd"}, {"image", image_}};
    }
    QJsonObject addArgs(int slot, const QJsonObject& rbd) const {
        return {{"shelf", 71}, {"slot", slot}, {"interfaces", QJsonArray{"qvr0"}}, {"rbd", rbd}};
    }
    void drainJournal() {
        char buf[65536];
        ssize_t n;
        while (journal_ >= 0 && (n = ::recv(journal_, buf, sizeof buf, MSG_DONTWAIT)) > 0) journalText_.append(buf, n);
    }
    // The key in none of what the helper wrote or told anyone so far.
    void expectKeyNowhere(const QString& also = {}) {
        drainJournal();
        QVERIFY2(!helper_.stderrText().contains(key_), "the key is in the helper's stderr (log or audit lines)");
        QVERIFY2(!journalText_.contains(key_.toLatin1()), "the key is in the helper's journal messages");
        QVERIFY2(!also.contains(key_), qPrintable("the key is in: " + also));
        const QString secret = key_.left(20);   // no part of it either (e.g. a truncated value)
        QVERIFY2(!helper_.stderrText().contains(secret) && !journalText_.contains(secret.toLatin1()), "part of the key was logged");
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "needs root (the cluster's network namespace, raw sockets)");
        ns_ = readText(cluster_ + "/netns").trimmed();
        conf_ = cluster_ + "/ceph.conf";
        QVERIFY2(!ns_.isEmpty(), qPrintable("no test cluster in " + cluster_ + " (the fixture ceph.cluster.start makes it)"));
        std::string error;
        const auto mon = qvblade::cephMonHost(readText(conf_).toStdString(), "admin", error);
        QVERIFY2(mon, error.c_str());
        const auto key = qvblade::cephKeyringKey(readText(cluster_ + "/keyring").toStdString(), "admin", error);
        QVERIFY2(key, error.c_str());
        monitors_ = QString::fromStdString(*mon);
        key_ = QString::fromStdString(*key);
        image_ = QStringLiteral("ph-%1").arg(::getpid());
        QString out;
        QVERIFY2(rbd({"create", "--size", "8M", "rbd/" + image_}, &out) == 0, qPrintable(out));
        // The veth pair in the cluster's namespace: qvr0 the helper's, qvr0p the initiator's.
        PH_RUN("ip", "-n", ns_, "link", "add", "qvr0", "type", "veth", "peer", "name", "qvr0p");
        vethMade_ = true;
        PH_RUN("ip", "-n", ns_, "link", "set", "qvr0", "up");
        PH_RUN("ip", "-n", ns_, "link", "set", "qvr0p", "up");

        // The journal's native socket, ours: what the helper sends there is checked for the key.
        journal_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        const QByteArray jpath = dir_.filePath("journal.sock").toLocal8Bit();
        std::strncpy(a.sun_path, jpath.constData(), sizeof a.sun_path - 1);
        QVERIFY(::bind(journal_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        QVERIFY(::chmod(dir_.path().toLocal8Bit().constData(), 0755) == 0);
        socket_ = dir_.filePath("helper.sock");
        QString why;
        QVERIFY2(helper_.start({"--stdio", "--listen", socket_, "--journal-socket", dir_.filePath("journal.sock")}, ns_, why),
                 qPrintable(why));
        client_.adoptSocket(helper_.takeClientFd());
        QVERIFY(call(client_, "hello", {{"version", kProtocolVersion}}).ok);
        QVERIFY(call(client_, "subscribe-exports").ok);
    }
    void cleanupTestCase() {
        client_.disconnectFromHelper();
        helper_.stop();
        if (vethMade_) run({"ip", "-n", ns_, "link", "del", "qvr0"});
        if (!image_.isEmpty() && !ns_.isEmpty()) rbd({"rm", "--no-progress", "rbd/" + image_});
        if (journal_ >= 0) ::close(journal_);
    }

    void exportsAnImageGivenByValues() {
        QSignalSpy events(&client_, &HelperClient::eventReceived);
        const Reply added = call(client_, "add-export", addArgs(1, rbdSource(key_, monitors_)), {}, 30000);
        QVERIFY2(added.ok, qPrintable(describe(added)));
        const QJsonObject e = added.result.value("export").toObject();
        QCOMPARE(e.value("path").toString(), "rbd:rbd/" + image_);
        QCOMPARE(e.value("sectors").toInteger(), 8 * 2048);

        // Written by an initiator over the veth pair, read back by another, and in the image.
        QString out;
        QCOMPARE(run({"ip", "netns", "exec", ns_, QStringLiteral(QVBLADE_AOE_REQUEST_BIN), "-i", "qvr0p", "-t", "71", "-n", "1",
                      "--timeout", "10000", "write", "--lba", "5", "--count", "2", "--pattern", "0xa5"},
                     &out),
                 0);
        QVERIFY2(out.contains("error_flag=0") && out.contains("ata_status=0x40"), qPrintable(out));
        QByteArray sector;
        QString why;
        QVERIFY2(aoeReadSector(ns_, "qvr0p", 71, 1, 6, sector, why), qPrintable(why));
        QCOMPARE(sector, QByteArray(512, char(0xa5)));
        const QString exported = dir_.filePath("exported.img");
        QVERIFY2(rbd({"export", "--no-progress", "rbd/" + image_, exported}, &out) == 0, qPrintable(out));
        QFile f(exported);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        QCOMPARE(all.mid(5 * 512, 1024), QByteArray(1024, char(0xa5)));
        QCOMPARE(all.mid(4 * 512, 512), QByteArray(512, '\0'));

        // Counters as for a file export.
        QVERIFY(call(client_, "subscribe-counters").ok);
        auto counted = [&] {
            for (qsizetype i = events.size() - 1; i >= 0; --i)
                if (events[i][0].toString() == "counters")
                    for (const QJsonValue& v : events[i][1].toJsonObject().value("exports").toArray())
                        if (v.toObject().value("name").toString() == "e71.1") return v.toObject();
            return QJsonObject{};
        };
        QTRY_VERIFY_WITH_TIMEOUT(counted().value("sectorsWritten").toInteger() >= 2 && counted().value("sectorsRead").toInteger() >= 1, 5000);
        QVERIFY(call(client_, "subscribe-counters", {{"enabled", false}}).ok);

        const Reply list = call(client_, "list-exports");
        QVERIFY(list.ok);
        QString seen = QString::fromUtf8(QJsonDocument(list.result).toJson());
        for (const auto& ev : events) seen += QString::fromUtf8(QJsonDocument(ev[1].toJsonObject()).toJson());
        QVERIFY2(seen.contains("rbd:rbd/" + image_), qPrintable(seen));
        expectKeyNowhere(seen + QString::fromUtf8(QJsonDocument(added.result).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(helper_.stderrText().contains("e71.1 added: rbd:rbd/" + image_), 3000);
    }

    void anotherUserCannotRemoveIt() {
        HelperClient other;
        QString error;
        // The helper knows a peer by the credentials it connected with.
        QVERIFY(::seteuid(65534) == 0);
        const bool connected = other.connectToPath(socket_, &error);
        QVERIFY(::seteuid(0) == 0);
        QVERIFY2(connected, qPrintable(error));
        QVERIFY(call(other, "hello", {{"version", kProtocolVersion}}).ok);
        const Reply list = call(other, "list-exports");
        QVERIFY(list.ok);
        for (const QJsonValue& v : list.result.value("exports").toArray())
            if (v.toObject().value("name").toString() == "e71.1") QVERIFY2(!v.toObject().contains("path"), "another user sees the image");
        const Reply removed = call(other, "remove-export", {{"shelf", 71}, {"slot", 1}}, {}, 30000);
        // Refused: polkit says no to a user that is not root (or cannot be asked: no system bus here).
        QVERIFY2(removed.errorCode == err::kNotAuthorized, qPrintable(describe(removed)));
        QVERIFY(call(client_, "list-exports").result.value("exports").toArray().size() == 1);
    }

    void aWrongKeyIsRefused() {
        // Well-formed, not the admin's: a fresh secret of the same layout.
        QString fresh;
        QCOMPARE(run({"ceph-authtool", "--gen-print-key"}, &fresh), 0);
        fresh = fresh.trimmed();
        const Reply r = call(client_, "add-export", addArgs(2, rbdSource(fresh, monitors_)), {}, 60000);
        QCOMPARE(r.errorCode, QString(err::kFailed));
        QVERIFY2(r.errorMessage.contains("the monitors refused client.admin: wrong key"), qPrintable(r.errorMessage));
        QVERIFY2(!r.errorMessage.contains(fresh), "the error names the key");
        QVERIFY(!helper_.stderrText().contains(fresh));
        QTRY_VERIFY_WITH_TIMEOUT(helper_.stderrText().contains("e71.2 not added: rbd:rbd/" + image_ + ": the monitors refused"), 3000);
    }

    void aMissingMonitorIsAnErrorAndTheHelperKeepsAnswering() {
        // Nothing listens on port 1: librados retries until the mount timeout. Meanwhile the
        // helper answers other clients (the image opens on a worker, not on its event loop; one
        // client's requests are answered in order, so the question comes from a second one).
        HelperClient second;
        QString error;
        QVERIFY2(second.connectToPath(socket_, &error), qPrintable(error));
        QVERIFY(call(second, "hello", {{"version", kProtocolVersion}}).ok);
        Reply slow;
        bool done = false;
        client_.request("add-export", addArgs(3, rbdSource(key_, "127.0.0.1:1")), {}, [&](const Reply& r) {
            slow = r;
            done = true;
        });
        const Reply list = call(second, "list-exports");
        QVERIFY2(list.ok, qPrintable(describe(list)));
        QVERIFY2(!done, qPrintable("list-exports was answered only after the add-export: " + describe(slow)));
        QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        QCOMPARE(slow.errorCode, QString(err::kFailed));
        QVERIFY2(slow.errorMessage.contains("no Ceph monitor answered within 5 s (mon_host 127.0.0.1:1)"), qPrintable(slow.errorMessage));
    }

    void badValuesAreRefusedBeforeAnyConnection() {
        struct Case {
            QJsonObject rbd;
            QString message;
        };
        QJsonObject noKey = rbdSource(key_, monitors_);
        noKey.remove("key");
        QJsonObject badPool = rbdSource(key_, monitors_);
        badPool.insert("pool", "a/b");
        QJsonObject path = rbdSource(key_, monitors_);
        path.insert("keyring", "/etc/ceph/ceph.client.admin.keyring");
        const QList<Case> cases{
            {rbdSource("not a key", monitors_), "\"rbd\": \"key\" is not a cephx key"},
            {rbdSource(key_.left(key_.size() - 4), monitors_), "\"rbd\": \"key\" is not a cephx key"},
            {rbdSource(key_, "$(reboot)"), "\"rbd\": \"monitors\" must be monitor addresses"},
            {noKey, "\"rbd\": \"key\" is missing"},
            {badPool, "\"rbd\": \"pool\" must be a non-empty name"},
            {path, "\"rbd\": unknown field \"keyring\""},
        };
        for (const Case& c : cases) {
            const Reply r = call(client_, "add-export", addArgs(4, c.rbd));
            QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
            QVERIFY2(r.errorMessage.contains(c.message), qPrintable(r.errorMessage));
            QVERIFY2(!r.errorMessage.contains(key_.left(20)), qPrintable(r.errorMessage));
        }
        // A descriptor with "rbd" is refused too: one source per export.
        const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        const Reply r = call(client_, "add-export", addArgs(4, rbdSource(key_, monitors_)), {fd});
        ::close(fd);
        QCOMPARE(r.errorCode, QString(err::kBadFd));
    }

    void aSnapshotIsReadOnly() {
        QString out;
        QVERIFY2(rbd({"snap", "create", "rbd/" + image_ + "@s1"}, &out) == 0, qPrintable(out));
        QJsonObject src = rbdSource(key_, monitors_);
        src.insert("snapshot", "s1");
        const Reply r = call(client_, "add-export", addArgs(5, src), {}, 30000);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(r.result.value("export").toObject().value("path").toString(), "rbd:rbd/" + image_ + "@s1");
        QVERIFY(r.result.value("export").toObject().value("readOnly").toBool());
        QByteArray sector;
        QString why;
        QVERIFY2(aoeReadSector(ns_, "qvr0p", 71, 5, 5, sector, why), qPrintable(why));
        QCOMPARE(sector, QByteArray(512, char(0xa5)));
        QVERIFY(call(client_, "remove-export", {{"shelf", 71}, {"slot", 5}}).ok);
        rbd({"snap", "rm", "--no-progress", "rbd/" + image_ + "@s1"});
    }

    void theOwnerRemovesIt() {
        QVERIFY(call(client_, "remove-export", {{"shelf", 71}, {"slot", 1}}).ok);
        QCOMPARE(call(client_, "list-exports").result.value("exports").toArray().size(), 0);
        expectKeyNowhere();
    }

    // A shared RBD export (allowSharedAddress) asks the other target answering for its address
    // which storage it serves (core/storage_identity.h): beside a shared qvblade-cli of the same
    // image it starts; beside one of another image it is refused with address-taken.
    void aSharedExportSharesItsAddressOnlyWithTheSameImage() {
        const QString other = image_ + "-other";
        QString out;
        QVERIFY2(rbd({"create", "--size", "8M", "rbd/" + other}, &out) == 0, qPrintable(out));
        const auto cli = [&](const QString& image) {
            return QStringList{QStringLiteral(QVBLADE_CLI_BIN), "--allow-shared-address", "--ceph-conf", conf_, "74", "1", "qvr0p",
                               "rbd:rbd/" + image};
        };
        const auto answered = [&] {
            return !call(client_, "probe-address", {{"shelf", 74}, {"slot", 1}, {"interfaces", QJsonArray{"qvr0"}}})
                        .result.value("answeredBy").toArray().isEmpty();
        };
        const auto stop = [](std::unique_ptr<QProcess>& p) {
            if (p) stopTarget(*p, 10000);   // (it closes the image first)
            p.reset();
        };
        QJsonObject args = addArgs(1, rbdSource(key_, monitors_));
        args["shelf"] = 74;
        args["allowSharedAddress"] = true;

        std::unique_ptr<QProcess> theirs = startTargetIn(ns_, cli(image_));
        QVERIFY2(theirs, "qvblade-cli did not start");
        QTRY_VERIFY_WITH_TIMEOUT(answered(), 20000);
        Reply r = call(client_, "add-export", args, {}, 30000);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(call(client_, "remove-export", {{"shelf", 74}, {"slot", 1}}).ok);
        stop(theirs);

        theirs = startTargetIn(ns_, cli(other));
        QVERIFY2(theirs, "qvblade-cli did not start");
        QTRY_VERIFY_WITH_TIMEOUT(answered(), 20000);
        r = call(client_, "add-export", args, {}, 30000);
        stop(theirs);
        rbd({"rm", "--no-progress", "rbd/" + other});
        QCOMPARE(r.errorCode, QString(err::kAddressTaken));
        QVERIFY2(r.errorMessage.contains("e74.1 is already answered by ") && r.errorMessage.contains(", which serves other storage (rbd:"),
                 qPrintable(r.errorMessage));
        QCOMPARE(call(client_, "list-exports").result.value("exports").toArray().size(), 0);
    }

    // A helper in service mode keeps an RBD export's values in systemd's descriptor store (the
    // test plays systemd, tests/privhelper/service_double.h): SIGKILLed and started again with
    // what it stored, it serves the image again, with nothing opened from a path.
    void anExportOutlivesAHelperCrashUnderSystemd() {
        const QString socket = dir_.filePath("service.sock"), log = dir_.filePath("service.log");
        const QByteArray notifyPath = dir_.filePath("notify").toLocal8Bit();
        const UniqueFd notify = notifySocket(notifyPath);
        QVERIFY(notify.valid());
        const auto logText = [&] {
            QFile f(log);
            return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
        };
        pid_t helper = startAsService(ns_, {"--listen", socket}, notifyPath, {}, log);
        KillAtScopeExit killHelper(helper);
        Notification n;
        QVERIFY2(receive(notify.get(), n) && n.text == "READY=1", qPrintable("no READY=1: " + logText()));
        HelperClient client;
        QVERIFY(client.connectToPath(socket));
        QVERIFY(call(client, "hello", {{"version", kProtocolVersion}}).ok);
        QJsonObject args = addArgs(1, rbdSource(key_, monitors_));
        args["shelf"] = 73;
        QJsonObject source = rbdSource(key_, monitors_);
        source["osdTimeout"] = 20;   // stored and handed back with the rest
        args["rbd"] = source;
        const Reply added = call(client, "add-export", args, {}, 30000);
        QVERIFY2(added.ok, qPrintable(describe(added) + logText()));
        const std::string stored = "qvb1,e73.1,u0,fc,o0,l0,b16,iqvr0";
        QVERIFY2(receive(notify.get(), n), qPrintable(logText()));
        QCOMPARE(n.text, QString::fromStdString("FDSTORE=1\nFDNAME=" + stored));
        QCOMPARE(n.fds.size(), size_t(1));
        UniqueFd values = std::move(n.fds[0]);
        QByteArray sector;
        QString why;
        QVERIFY2(aoeReadSector(ns_, "qvr0p", 73, 1, 6, sector, why), qPrintable(why));
        QCOMPARE(sector, QByteArray(512, char(0xa5)));   // written by exportsAnImageGivenByValues

        client.disconnectFromHelper();
        killAndReap(helper);
        QVERIFY(!aoeReadSector(ns_, "qvr0p", 73, 1, 6, sector, why));
        helper = startAsService(ns_, {"--listen", socket}, notifyPath, {{values.get(), stored}}, log);
        QVERIFY2(receive(notify.get(), n) && n.text == "READY=1", qPrintable("no READY=1: " + logText()));
        QVERIFY(client.connectToPath(socket));
        QVERIFY(call(client, "hello", {{"version", kProtocolVersion}}).ok);
        QJsonObject back;
        QElapsedTimer restoring;
        restoring.start();
        for (int i = 0; i < 900 && back.isEmpty(); ++i) {   // it opens the image and probes the address first
            if (i) QTest::qWait(100);
            for (const QJsonValue& v : call(client, "list-exports").result.value("exports").toArray())
                if (v.toObject().value("name").toString() == "e73.1") back = v.toObject();
        }
        QVERIFY2(!back.isEmpty(), qPrintable("e73.1 was not restored: " + logText()));
        qInfo("restored after %lld ms", restoring.elapsed());
        QCOMPARE(back.value("path").toString(), "rbd:rbd/" + image_);
        QVERIFY2(aoeReadSector(ns_, "qvr0p", 73, 1, 6, sector, why), qPrintable(why + logText()));
        QCOMPARE(sector, QByteArray(512, char(0xa5)));
        QVERIFY2(!logText().contains(key_.left(20)), "the restarted helper logged the key");

        // Made read-only in place, its stored entry says so; removed, it leaves the store.
        QVERIFY(call(client, "set-export-options", {{"shelf", 73}, {"slot", 1}, {"readOnly", true}}).ok);
        QStringList changed;
        for (int i = 0; i < 2 && receive(notify.get(), n); ++i) changed << n.text;
        QCOMPARE(changed, (QStringList{QString::fromStdString("FDSTOREREMOVE=1\nFDNAME=" + stored),
                                       "FDSTORE=1\nFDNAME=qvb1,e73.1,u0,frc,o0,l0,b16,iqvr0"}));
        QVERIFY(call(client, "remove-export", {{"shelf", 73}, {"slot", 1}}).ok);
        QVERIFY(receive(notify.get(), n));
        QCOMPARE(n.text, QStringLiteral("FDSTOREREMOVE=1\nFDNAME=qvb1,e73.1,u0,frc,o0,l0,b16,iqvr0"));
        client.disconnectFromHelper();
        stopAndReap(helper);
    }
};

QTEST_GUILESS_MAIN(TestRbdExport)
#include "tst_rbd_export.moc"
