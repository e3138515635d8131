// SPDX-License-Identifier: GPL-2.0-or-later
// The helper with the real polkit, real users and a real initiator:
//  - service mode: a user the rules authorise adds an export from an image only they can open
//    (the descriptor is the only way in); a user the rules refuse gets "not-authorized" and
//    changes nothing;
//  - end to end: the test's own AoE initiator in a second namespace reads the image's bytes
//    over a veth pair; the client is killed and the export keeps serving; the user's next
//    client finds and removes it;
//  - pkexec: the authorised user's client starts the helper through the real pkexec on a
//    socketpair and says hello; the refused user gets pkexec's error at once, not a hang.
#include <sys/stat.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"
#include "tests/privhelper/polkit_env.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestPolkit : public QObject {
    Q_OBJECT

    TestUser allowed_{"qvbok"}, refused_{"qvbno"};
    PolkitEnvironment polkit_;
    NetNs target_, initiator_;
    SpawnedHelper helper_;
    QTemporaryDir dir_;
    QString socket_, image_, client_;
    QByteArray firstSector_;

    QStringList clientArgs(std::initializer_list<QJsonObject> requests, bool hold = false) { return clientArgsFor(socket_, requests, hold); }
    Reply rootCall(const QString& type, const QJsonObject& args = {}) { return rootCallOn(socket_, type, args); }
    QJsonArray exportsNow() { return rootCall("list-exports").result.value("exports").toArray(); }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(::geteuid() == 0, "tst_polkit needs root: it creates users, namespaces and polkit rules");
        QVERIFY2(QFileInfo::exists("/usr/bin/pkexec") && QFileInfo::exists("/usr/lib/polkit-1/polkitd"),
                 "pkexec and polkitd must be installed (apt-get install pkexec polkitd)");
        QCOMPARE(QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral(QVBLADE_TEST_HELPER_PATH));
        QVERIFY2(allowed_.create(error), qPrintable(error));
        QVERIFY2(refused_.create(error), qPrintable(error));
        const QString rules = qvbladeRules("tst_polkit", QStringLiteral(
                                  "  if (action.id === \"org.qvblade.capture\" && subject.user === \"%1\") {\n"
                                  "    polkit.spawn([\"/bin/sleep\", \"5\"]);   // a slow answer, as when a user types a password\n"
                                  "    return polkit.Result.YES;\n"
                                  "  }\n"
                                  "  if (subject.user === \"%1\") return polkit.Result.YES;\n"
                                  "  if (subject.user === \"%2\") return polkit.Result.NO;\n")
                                  .arg(allowed_.name(), refused_.name()));
        QVERIFY2(polkit_.setUp(QStringLiteral(QVBLADE_TEST_POLICY), rules, error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(allowed_, action::kManageExports, error), qPrintable(error));

        // Everything the users touch lives in a directory they can traverse.
        client_ = installForUsers(dir_, QStringLiteral(QVBLADE_PH_CLIENT_BIN));
        QVERIFY(!client_.isEmpty());

        // The image belongs to the authorised user, mode 0600: the helper can only have it
        // from that user's descriptor (it never opens a path), the refused user cannot open it.
        image_ = dir_.filePath("disk.img");
        QFile f(image_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray data(1 << 20, 0);
        for (int i = 0; i < data.size(); ++i) data[i] = char((i * 7 + i / 512) & 0xFF);
        f.write(data);
        f.close();
        firstSector_ = data.left(512);
        QVERIFY(::chown(image_.toLocal8Bit().constData(), allowed_.uid(), allowed_.gid()) == 0);
        QVERIFY(::chmod(image_.toLocal8Bit().constData(), 0600) == 0);

        QVERIFY2(startServiceHelperOnVeth(target_, initiator_, helper_, dir_.path(), socket_, error), qPrintable(error));
        QCOMPARE(QFileInfo(socket_).permissions() & QFile::WriteOther, QFile::WriteOther);   // 0666
    }

    void cleanupTestCase() { helper_.stop(); }

    void theRefusedUserCannotOpenTheImage() {
        ClientRun c(refused_, client_,
                    clientArgs({{{"type", "add-export"}, {"shelf", 5}, {"slot", 2}, {"interfaces", QJsonArray{"qvt0"}},
                                 {"_fd", image_}, {"_mode", "rw"}}}));
        const auto lines = c.lines(2);
        QVERIFY2(lines.size() == 2 && lines[1].value("error").toObject().value("code").toString() == "open", qPrintable(text(lines)));
    }

    void theAuthorisedUserAddsAnExport() {
        auto* c = new ClientRun(allowed_, client_,
                                clientArgs({{{"type", "add-export"}, {"shelf", 5}, {"slot", 1}, {"interfaces", QJsonArray{"qvt0"}},
                                             {"_fd", image_}, {"_mode", "rw"}}},
                                           true));
        holder_.reset(c);
        const auto lines = c->lines(2);
        QVERIFY2(lines.size() == 2, qPrintable(text(lines) + c->errors() + helper_.stderrText()));
        QCOMPARE(lines[0].value("ok").toObject().value("uid").toInt(), int(allowed_.uid()));
        QCOMPARE(lines[0].value("ok").toObject().value("mode").toString(), QString("service"));
        const QJsonObject e = lines[1].value("ok").toObject().value("export").toObject();
        QVERIFY2(e.value("name").toString() == "e5.1", qPrintable(text(lines)));
        QCOMPARE(e.value("ownerUid").toInt(), int(allowed_.uid()));
        QCOMPARE(e.value("sectors").toInt(), 2048);
        QCOMPARE(exportsNow().size(), 1);
    }

    void theRefusedUserIsToldAndNothingChanges() {
        ClientRun c(refused_, client_,
                    clientArgs({{{"type", "list-exports"}},
                                {{"type", "add-export"}, {"shelf", 5}, {"slot", 2}, {"interfaces", QJsonArray{"qvt0"}},
                                 {"_fd", "/dev/null"}, {"_mode", "r"}},
                                {{"type", "remove-export"}, {"shelf", 5}, {"slot", 1}},
                                {{"type", "pause-export"}, {"shelf", 5}, {"slot", 1}},
                                {{"type", "subscribe-frames"}},
                                {{"type", "apply-rmem"}, {"bytes", 8 << 20}},
                                {{"type", "persist-rmem"}, {"bytes", 8 << 20}}}));
        const auto lines = c.lines(8);
        QVERIFY2(lines.size() == 8, qPrintable(text(lines) + c.errors()));
        QVERIFY(lines[0].value("ok").isObject());   // hello: anyone may connect
        QCOMPARE(lines[1].value("ok").toObject().value("exports").toArray().size(), 1);   // and look
        for (int i = 2; i < 8; ++i) {
            const QJsonObject err = lines[i].value("error").toObject();
            QVERIFY2(err.value("code").toString() == err::kNotAuthorized, qPrintable(json(lines[i])));
            QVERIFY2(err.value("message").toString().contains("not authorised"), qPrintable(json(lines[i])));
        }
        const QJsonArray exports = exportsNow();
        QCOMPARE(exports.size(), 1);
        QCOMPARE(exports[0].toObject().value("name").toString(), QString("e5.1"));
        QVERIFY(!exports[0].toObject().value("paused").toBool());
        QVERIFY(helper_.stderrText().contains("refused"));
        QVERIFY(!QFile::exists(dir_.filePath("sysctl.d/60-qvblade.conf")));
    }

    void theAuthorisedUserMakesTheLimitPermanent() {
        // Under org.qvblade.set-rmem, like apply-rmem; what e5.1 needs.
        ClientRun c(allowed_, client_, clientArgs({{{"type", "persist-rmem"}}}));
        const auto lines = c.lines(2);
        QVERIFY2(lines.size() == 2, qPrintable(text(lines) + c.errors()));
        const qint64 written = lines[1].value("ok").toObject().value("rmemDefault").toInteger();
        QVERIFY2(written > 0, qPrintable(json(lines[1])));
        QFile f(dir_.filePath("sysctl.d/60-qvblade.conf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("net.core.rmem_default = " + QByteArray::number(written) + "\n"));
    }

    void oneUserCannotTakeEveryConnection() {
        ClientRun flood(refused_, client_, {"--connect", socket_, "--flood", "20"});
        const auto lines = flood.lines(1);
        QVERIFY2(lines.size() == 1, qPrintable(flood.errors()));
        QCOMPARE(lines[0].value("served").toInt(), 16);
        QCOMPARE(lines[0].value("refused").toInt(), 4);
        QVERIFY(rootCall("list-exports").ok);   // others still get in
    }

    void anInitiatorReadsTheImageOverTheWire() {
        QByteArray data;
        QString error;
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 5, 1, 0, data, error), qPrintable(error));
        QCOMPARE(data, firstSector_);
    }

    void aSlowPolkitAnswerDoesNotHoldUpOtherClients() {
        QElapsedTimer t;
        t.start();
        ClientRun slow(allowed_, client_, clientArgs({{{"type", "subscribe-frames"}}}));
        QCOMPARE(slow.lines(1).size(), 1);   // hello; now subscribe-frames waits for polkit
        QElapsedTimer quick;
        quick.start();
        const Reply r = rootCall("list-exports");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY2(quick.elapsed() < 4000, qPrintable(QStringLiteral("list-exports took %1 ms").arg(quick.elapsed())));
        const auto lines = slow.lines(2);
        QVERIFY2(lines.size() == 2 && lines[1].value("ok").isObject(), qPrintable(text(lines)));
        QVERIFY2(t.elapsed() >= 4900, "the rule's five-second pause did not happen: is the test's rules file in use?");
    }

    void theExportOutlivesItsClient() {
        QVERIFY(holder_);
        holder_->process().kill();   // SIGKILL: no goodbye
        QVERIFY(holder_->finish());
        holder_.reset();
        QTest::qWait(300);
        QByteArray data;
        QString error;
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 5, 1, 0, data, error), qPrintable(error));
        QCOMPARE(data, firstSector_);
        QVERIFY(helper_.alive());
    }

    void theUsersNextClientFindsAndRemovesIt() {
        ClientRun c(allowed_, client_, clientArgs({{{"type", "list-exports"}}, {{"type", "remove-export"}, {"shelf", 5}, {"slot", 1}}}));
        const auto lines = c.lines(3);
        QVERIFY2(lines.size() == 3, qPrintable(text(lines) + c.errors()));
        QCOMPARE(lines[1].value("ok").toObject().value("exports").toArray()[0].toObject().value("name").toString(), QString("e5.1"));
        QVERIFY2(lines[2].value("ok").isObject(), qPrintable(json(lines[2])));
        QCOMPARE(exportsNow().size(), 0);
    }

    void pkexecStartsTheHelperForTheAuthorisedUser() {
        ClientRun c(allowed_, client_, {"--pkexec", QStringLiteral(QVBLADE_HELPER_BIN), json({{"type", "list-exports"}})});
        const auto lines = c.lines(2, 30000);
        QVERIFY2(lines.size() == 2, qPrintable(text(lines) + c.errors()));
        const QJsonObject hello = lines[0].value("ok").toObject();
        QCOMPARE(hello.value("mode").toString(), QString("stdio"));
        QCOMPARE(hello.value("uid").toInt(), int(allowed_.uid()));
        QVERIFY(hello.value("pid").toInt() > 0);
        QVERIFY(lines[1].value("ok").isObject());
        QVERIFY(c.finish());
        QCOMPARE(c.process().exitCode(), 0);
        // The helper ends with its client when no export is left.
        const int pid = hello.value("pid").toInt();
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid, 0) != 0, 10000);
    }

    void aPkexecHelperOutlivesItsClientAndServesTheRunSocket() {
        // The GUI's way: pkexec ... --stdio --serve-socket, then the GUI quits with an export
        // running and a later client finds it on /run/qvblade/helper.sock. The client (and so
        // the helper pkexec starts) runs in the target namespace: frames stay on the veth pair.
        const QString runSocket = QString::fromLatin1(kDefaultSocketPath);
        const bool runDirExisted = QFileInfo::exists(QFileInfo(runSocket).path());
        if (QFileInfo::exists(runSocket)) {
            HelperClient probe;
            QVERIFY2(!probe.connectToPath(runSocket), "a qvblade-helper already serves /run/qvblade/helper.sock; stop it first");
        }
        auto* c = new ClientRun(allowed_, client_,
                                {"--pkexec", QStringLiteral(QVBLADE_HELPER_BIN), "--pkexec-arg", "--serve-socket", "--hold",
                                 json({{"type", "add-export"}, {"shelf", 6}, {"slot", 1}, {"interfaces", QJsonArray{"qvt0"}},
                                       {"_fd", image_}, {"_mode", "rw"}})},
                                target_.name());
        holder_.reset(c);
        const auto lines = c->lines(2, 30000);
        QVERIFY2(lines.size() == 2 && lines[1].value("ok").isObject(), qPrintable(text(lines) + c->errors()));
        const int helperPid = lines[0].value("ok").toObject().value("pid").toInt();
        QVERIFY(QFileInfo::exists(runSocket));
        QCOMPARE(QFileInfo(QFileInfo(runSocket).path()).permissions() & QFile::WriteOther, QFileDevice::Permissions());

        holder_->process().kill();   // the GUI quits
        QVERIFY(holder_->finish());
        holder_.reset();
        QTest::qWait(300);
        QVERIFY(::kill(helperPid, 0) == 0);
        QByteArray data;
        QString error;
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 6, 1, 0, data, error), qPrintable(error));
        QCOMPARE(data, firstSector_);

        // Another user finds the export but may not touch it.
        {
            ClientRun other(refused_, client_, {"--connect", runSocket, json({{"type", "list-exports"}}),
                                                json({{"type", "remove-export"}, {"shelf", 6}, {"slot", 1}})});
            const auto l = other.lines(3);
            QVERIFY2(l.size() == 3, qPrintable(text(l) + other.errors()));
            const QJsonObject e = l[1].value("ok").toObject().value("exports").toArray()[0].toObject();
            QCOMPARE(e.value("name").toString(), QString("e6.1"));
            QCOMPARE(e.value("ownerUid").toInt(), int(allowed_.uid()));
            QCOMPARE(l[2].value("error").toObject().value("code").toString(), QString(err::kNotAuthorized));
        }
        // The user's next GUI removes it; with no export and no client left, the helper ends.
        {
            ClientRun next(allowed_, client_, {"--connect", runSocket, json({{"type", "remove-export"}, {"shelf", 6}, {"slot", 1}})});
            const auto l = next.lines(2);
            QVERIFY2(l.size() == 2 && l[1].value("ok").isObject(), qPrintable(text(l) + next.errors()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(::kill(helperPid, 0) != 0, 10000);
        QVERIFY(!QFileInfo::exists(runSocket));
        if (!runDirExisted) QDir().rmdir(QFileInfo(runSocket).path());
    }

    void pkexecRefusesTheOtherUserAtOnce() {
        QElapsedTimer t;
        t.start();
        ClientRun c(refused_, client_, {"--pkexec", QStringLiteral(QVBLADE_HELPER_BIN)});
        const auto lines = c.lines(1, 30000);
        QVERIFY(c.finish());
        QVERIFY2(t.elapsed() < 10000, "pkexec took more than 10 s to refuse");
        QVERIFY2(lines.size() == 1 && lines[0].contains("disconnected"), qPrintable(text(lines)));
        QCOMPARE(lines[0].value("pkexecStatus").toInt(), 127);
        const QString err = c.errors();
        QVERIFY2(err.contains("Not authorized"), qPrintable(err));
    }

private:
    std::unique_ptr<ClientRun> holder_;
};

QTEST_GUILESS_MAIN(TestPolkit)
#include "tst_polkit.moc"
