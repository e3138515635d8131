// SPDX-License-Identifier: GPL-2.0-or-later
// Two targets on one address (issue #22), through a real qvblade-helper: the helper in a target
// namespace (qvt0), another target on the far end of the veth pair (qvi0, its own namespace) —
// Debian's vblade or qvblade-cli — started before ours (probe-address finds it, add-export is
// refused with address-taken unless allowSharedAddress) and after ours (the engine sees its
// announcement: address-conflict event, counters, the helper's log).
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestAddressConflict : public QObject {
    Q_OBJECT

    NetNs target_, initiator_;
    SpawnedHelper helper_;
    std::unique_ptr<HelperClient> client_;
    QTemporaryDir dir_;
    QString image_, theirMac_;
    std::unique_ptr<QProcess> theirs_;

    bool startTheirs(const QStringList& argv) {
        theirs_ = startTargetIn(initiator_.name(), argv);
        return theirs_ != nullptr;
    }
    void stopTheirs() {
        if (!theirs_) return;
        stopTarget(*theirs_);
        theirs_.reset();
    }
    QStringList vblade() const { return {"vblade", "3", "3", "qvi0", dir_.filePath("theirs.img")}; }
    QStringList cli(bool shared = false) const {
        QStringList a{QStringLiteral(QVBLADE_CLI_BIN)};
        if (shared) a << "--allow-shared-address";
        return a + QStringList{"3", "3", "qvi0", dir_.filePath("theirs.img")};
    }
    Reply addExport(bool shared = false) {
        const int fd = ::open(image_.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        QJsonObject args{{"shelf", 3}, {"slot", 3}, {"interfaces", QJsonArray{"qvt0"}}};
        if (shared) args.insert("allowSharedAddress", true);
        const Reply r = call(*client_, "add-export", args, {fd});
        ::close(fd);
        return r;
    }
    Reply probe() { return call(*client_, "probe-address", {{"shelf", 3}, {"slot", 3}, {"interfaces", QJsonArray{"qvt0"}}}); }
    void expectTaken() {
        const Reply p = probe();
        QVERIFY2(p.ok, qPrintable(describe(p)));
        const QJsonArray by = p.result.value("answeredBy").toArray();
        QCOMPARE(by.size(), 1);
        QCOMPARE(by[0].toObject().value("mac").toString(), theirMac_);
        QCOMPARE(by[0].toObject().value("interface").toString(), QString("qvt0"));
        QCOMPARE(by[0].toObject().value("bufferCount").toInt(), 16);   // its Query Config response, kept
        QVERIFY(by[0].toObject().contains("configString"));

        const Reply r = addExport();
        QCOMPARE(r.errorCode, QString(err::kAddressTaken));
        QVERIFY2(r.errorMessage.contains("e3.3 is already answered by " + theirMac_ + " on qvt0"), qPrintable(r.errorMessage));
        QCOMPARE(call(*client_, "list-exports").result.value("exports").toArray().size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(helper_.stderrText().contains("e3.3 not added: e3.3 is already answered by " + theirMac_), 2000);

        const Reply shared = addExport(true);
        QVERIFY2(shared.ok, qPrintable(describe(shared)));
        QVERIFY(shared.result.value("export").toObject().value("allowSharedAddress").toBool());
        QVERIFY(call(*client_, "remove-export", {{"shelf", 3}, {"slot", 3}}).ok);
    }
    // Waits for the address-conflict event about e3.3 from their MAC in `events` (made before
    // theirs started: its announcement comes at once); then checks the counters.
    void expectConflictReported(QSignalSpy& events, bool shared) {
        QVERIFY(call(*client_, "subscribe-counters").ok);
        const QString expected = shared ? "e3.3 is also answered by " + theirMac_ : "another device answers as e3.3: " + theirMac_ + " on qvt0";
        QTRY_VERIFY_WITH_TIMEOUT(helper_.stderrText().contains(expected), 5000);
        auto conflicts = [&] {
            QList<QJsonObject> out;
            for (const auto& e : events)
                if (e[0].toString() == "address-conflict") out << e[1].toJsonObject();
            return out;
        };
        QTRY_COMPARE_WITH_TIMEOUT(conflicts().size(), 1, 3000);
        const QJsonObject ev = conflicts().first();
        QCOMPARE(ev.value("name").toString(), QString("e3.3"));
        QCOMPARE(ev.value("interface").toString(), QString("qvt0"));
        QCOMPARE(ev.value("mac").toString(), theirMac_);
        QCOMPARE(ev.value("shared").toBool(), shared);
        // The counters name the peer too (for a client that missed the event).
        QTRY_VERIFY_WITH_TIMEOUT(lastCounters(events).value("conflictingMacs").toArray().contains(theirMac_), 2000);
        QVERIFY(lastCounters(events).value("addressConflicts").toInt() >= 1);
        QVERIFY(call(*client_, "subscribe-counters", {{"enabled", false}}).ok);
    }
    static QJsonObject lastCounters(const QSignalSpy& events) {
        for (qsizetype i = events.size() - 1; i >= 0; --i)
            if (events[i][0].toString() == "counters")
                for (const QJsonValue& e : events[i][1].toJsonObject().value("exports").toArray())
                    if (e.toObject().value("name").toString() == "e3.3") return e.toObject();
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(linkTargetAndInitiator(target_, initiator_, error), qPrintable(error));
        QVERIFY2(helper_.start({"--stdio"}, target_.name(), error), qPrintable(error));
        client_ = std::make_unique<HelperClient>();
        client_->adoptSocket(helper_.takeClientFd());
        QVERIFY(call(*client_, "hello", {{"version", kProtocolVersion}}).ok);
        QVERIFY(call(*client_, "subscribe-exports").ok);
        for (const char* name : {"ours.img", "theirs.img"}) {
            QFile f(dir_.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(1 << 20));
        }
        image_ = dir_.filePath("ours.img");
        QString out;
        QCOMPARE(run({"ip", "-n", initiator_.name(), "-o", "link", "show", "qvi0"}, &out), 0);
        const qsizetype at = out.indexOf("link/ether ");
        QVERIFY2(at >= 0, qPrintable(out));
        theirMac_ = out.mid(at + 11, 17);
        QString vbladePath;
        QVERIFY2(run({"sh", "-c", "command -v vblade"}, &vbladePath) == 0, "Debian's vblade is not installed (apt-get install vblade)");
    }
    void cleanup() {
        stopTheirs();
        call(*client_, "remove-export", {{"shelf", 3}, {"slot", 3}});
    }
    void cleanupTestCase() {
        client_.reset();
        helper_.stop();
    }

    void aFreeAddressIsAnsweredByNobody() {
        const Reply p = probe();
        QVERIFY2(p.ok, qPrintable(describe(p)));
        QCOMPARE(p.result.value("name").toString(), QString("e3.3"));
        QCOMPARE(p.result.value("answeredBy").toArray().size(), 0);
        const Reply r = addExport();
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(!r.result.value("export").toObject().value("allowSharedAddress").toBool());
    }

    void probeAddressChecksItsFields() {
        Reply r = call(*client_, "probe-address", {{"shelf", 3}, {"slot", 3}, {"interfaces", QJsonArray{"nosuch0"}}});
        QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
        r = call(*client_, "probe-address", {{"shelf", 3}, {"slot", 3}, {"interfaces", QJsonArray{}}});
        QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
        r = call(*client_, "probe-address", {{"shelf", 3}, {"slot", 255}, {"interfaces", QJsonArray{"qvt0"}}});
        QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
        r = call(*client_, "probe-address", {{"shelf", 3}, {"slot", 3}, {"interfaces", QJsonArray{"qvt0"}}, {"macs", 1}});
        QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
    }

    void vbladeFirst() {
        QVERIFY(startTheirs(vblade()));
        expectTaken();
    }

    void qvbladeCliFirst() {
        QVERIFY(startTheirs(cli()));
        expectTaken();
    }

    void oursFirstThenVblade() {
        QVERIFY2(addExport().ok, "e3.3 on a free address");
        QSignalSpy events(client_.get(), &HelperClient::eventReceived);
        QVERIFY(startTheirs(vblade()));   // vblade does not probe; its start-up announcement gives it away
        expectConflictReported(events, false);
    }

    void oursFirstThenQvbladeCli() {
        QVERIFY2(addExport().ok, "e3.3 on a free address");
        // qvblade-cli probes, finds our export and refuses.
        QProcess second;
        second.start("ip", QStringList{"netns", "exec", initiator_.name()} + cli());
        QVERIFY(second.waitForFinished(10000));
        QVERIFY(second.exitCode() != 0);
        const QString err = QString::fromLocal8Bit(second.readAllStandardError());
        QVERIFY2(err.contains("e3.3 is already answered by "), qPrintable(err));
        // Told to share the address, it starts, announces itself and ours reports it.
        QSignalSpy events(client_.get(), &HelperClient::eventReceived);
        QVERIFY(startTheirs(cli(true)));
        expectConflictReported(events, false);
    }

    void aSharedExportReportsItsPeersAsShared() {
        QVERIFY(startTheirs(vblade()));
        QVERIFY2(addExport(true).ok, "a shared e3.3 beside vblade");
        stopTheirs();
        QSignalSpy events(client_.get(), &HelperClient::eventReceived);
        QVERIFY(startTheirs(vblade()));   // announces again, now that ours listens
        expectConflictReported(events, true);
    }
};

QTEST_GUILESS_MAIN(TestAddressConflict)
#include "tst_address_conflict.moc"
