// SPDX-License-Identifier: GPL-2.0-or-later
// export-changed events against a real qvblade-helper: one client adds, pauses, resumes and
// removes an export; another, subscribed, sees each change pushed (and a client that did not
// subscribe sees none), including the removal the helper makes when a removeOnDisconnect
// client leaves.
#include <fcntl.h>
#include <sys/stat.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestExportEvents : public QObject {
    Q_OBJECT

    NetNs ns_;
    SpawnedHelper helper_;
    HelperClient actor_, watcher_, bystander_;
    QTemporaryDir dir_;
    QString image_, socket_;
    std::unique_ptr<QSignalSpy> watched_, ignored_;

    Reply addExport(HelperClient& c, QJsonObject args) {
        const int fd = ::open(image_.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        const Reply r = call(c, "add-export", args, {fd});
        ::close(fd);
        return r;
    }
    // The export-changed events the watcher got since the last look.
    QList<QJsonObject> changes() {
        QList<QJsonObject> out;
        for (const auto& e : *watched_)
            if (e[0].toString() == "export-changed") out << e[1].toJsonObject();
        watched_->clear();
        return out;
    }
    int changeCount() const {
        int n = 0;
        for (const auto& e : *watched_) n += e[0].toString() == "export-changed";
        return n;
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(startListeningHelper(ns_, helper_, dir_, "x0", socket_, error), qPrintable(error));
        actor_.adoptSocket(helper_.takeClientFd());
        QVERIFY(call(actor_, "hello", {{"version", kProtocolVersion}}).ok);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket_), 5000);
        for (HelperClient* c : {&watcher_, &bystander_}) {
            QVERIFY2(c->connectToPath(socket_, &error), qPrintable(error));
            QVERIFY(call(*c, "hello", {{"version", kProtocolVersion}}).ok);
        }
        watched_ = std::make_unique<QSignalSpy>(&watcher_, &HelperClient::eventReceived);
        ignored_ = std::make_unique<QSignalSpy>(&bystander_, &HelperClient::eventReceived);
        image_ = dir_.filePath("disk.img");
        QFile f(image_);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(1 << 20));
    }

    void cleanupTestCase() {
        for (HelperClient* c : {&actor_, &watcher_, &bystander_}) c->disconnectFromHelper();
        helper_.stop();
    }

    void subscribing() {
        const Reply r = call(watcher_, "subscribe-exports");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(r.result.value("enabled").toBool());
        QCOMPARE(call(watcher_, "subscribe-exports", {{"enabled", 1}}).errorCode, QString(err::kInvalidArgument));
        QCOMPARE(call(watcher_, "subscribe-exports", {{"everything", true}}).errorCode, QString(err::kInvalidArgument));
    }

    void anotherClientsAddIsPushed() {
        const Reply r = addExport(actor_, {{"shelf", 6}, {"slot", 1}, {"interfaces", QJsonArray{"x0"}}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QTRY_COMPARE_WITH_TIMEOUT(changeCount(), 1, 5000);
        const QJsonObject e = changes().first();
        QCOMPARE(e.value("change").toString(), QString("added"));
        QCOMPARE(e.value("name").toString(), QString("e6.1"));
        // The whole export, as list-exports has it.
        const QJsonObject listed = call(watcher_, "list-exports").result.value("exports").toArray().first().toObject();
        QCOMPARE(e.value("export").toObject(), listed);
        QCOMPARE(e.value("export").toObject().value("ownerUid").toInt(), 0);
        QCOMPARE(e.value("export").toObject().value("interfaces").toArray(), QJsonArray{"x0"});
    }

    void pauseAndResumeArePushed() {
        QVERIFY(call(actor_, "pause-export", {{"shelf", 6}, {"slot", 1}}).ok);
        QTRY_COMPARE_WITH_TIMEOUT(changeCount(), 1, 5000);
        QJsonObject e = changes().first();
        QCOMPARE(e.value("change").toString(), QString("paused"));
        QCOMPARE(e.value("name").toString(), QString("e6.1"));
        QVERIFY(e.value("export").toObject().value("paused").toBool());
        QVERIFY(call(actor_, "resume-export", {{"shelf", 6}, {"slot", 1}}).ok);
        QTRY_COMPARE_WITH_TIMEOUT(changeCount(), 1, 5000);
        e = changes().first();
        QCOMPARE(e.value("change").toString(), QString("resumed"));
        QVERIFY(!e.value("export").toObject().value("paused").toBool());
        // A refused change announces nothing.
        QCOMPARE(call(actor_, "pause-export", {{"shelf", 6}, {"slot", 9}}).errorCode, QString(err::kNotFound));
        QTest::qWait(200);
        QCOMPARE(changeCount(), 0);
    }

    void removalIsPushed() {
        QVERIFY(call(actor_, "remove-export", {{"shelf", 6}, {"slot", 1}}).ok);
        QTRY_COMPARE_WITH_TIMEOUT(changeCount(), 1, 5000);
        const QJsonObject e = changes().first();
        QCOMPARE(e.value("change").toString(), QString("removed"));
        QCOMPARE(e.value("name").toString(), QString("e6.1"));
        QVERIFY(!e.contains("export"));
    }

    void theHelpersOwnRemovalOnDisconnectIsPushed() {
        HelperClient leaving;
        QString error;
        QVERIFY2(leaving.connectToPath(socket_, &error), qPrintable(error));
        QVERIFY(call(leaving, "hello", {{"version", kProtocolVersion}}).ok);
        QVERIFY(addExport(leaving, {{"shelf", 6}, {"slot", 2}, {"interfaces", QJsonArray{"x0"}}, {"removeOnDisconnect", true}}).ok);
        QTRY_COMPARE_WITH_TIMEOUT(changeCount(), 1, 5000);
        QCOMPARE(changes().first().value("change").toString(), QString("added"));
        leaving.disconnectFromHelper();
        QTRY_COMPARE_WITH_TIMEOUT(changeCount(), 1, 5000);
        const QJsonObject e = changes().first();
        QCOMPARE(e.value("change").toString(), QString("removed"));
        QCOMPARE(e.value("name").toString(), QString("e6.2"));
    }

    void aClientThatDidNotSubscribeGetsNone() {
        QCOMPARE(ignored_->count(), 0);
    }

    void unsubscribingStopsThem() {
        QVERIFY(call(watcher_, "subscribe-exports", {{"enabled", false}}).ok);
        QVERIFY(addExport(actor_, {{"shelf", 6}, {"slot", 3}, {"interfaces", QJsonArray{"x0"}}}).ok);
        QVERIFY(call(actor_, "remove-export", {{"shelf", 6}, {"slot", 3}}).ok);
        QTest::qWait(300);
        QCOMPARE(changeCount(), 0);
    }

    void countersCarryTheInitiators() {
        QVERIFY(addExport(actor_, {{"shelf", 6}, {"slot", 4}, {"interfaces", QJsonArray{"x0"}}}).ok);
        QSignalSpy events(&actor_, &HelperClient::eventReceived);
        QVERIFY(call(actor_, "subscribe-counters").ok);
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 5000);
        const QJsonObject counters = events.first()[1].toJsonObject();
        QCOMPARE(counters.value("exports").toArray().first().toObject().value("initiators"), QJsonValue(QJsonArray{}));
        QVERIFY(call(actor_, "remove-export", {{"shelf", 6}, {"slot", 4}}).ok);
    }
};

QTEST_GUILESS_MAIN(TestExportEvents)
#include "tst_export_events.moc"
