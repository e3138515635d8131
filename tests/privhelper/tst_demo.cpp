// SPDX-License-Identifier: GPL-2.0-or-later
// start-demo / stop-demo against the real helper and the real qvblade-demo (issue #26): the
// demo's initiator talks to its export at once (counters move, the pattern lands in the image),
// no interface appears on the machine, add-export cannot reach the demo's port, and after
// stop-demo no process, namespace or descriptor of the demo is left.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using qvblade::helper::HelperClient;

namespace {

QString netnsOf(qint64 pid) { return QFile::symLinkTarget(QStringLiteral("/proc/%1/ns/net").arg(pid)); }

// Processes whose network namespace is `ns` ("net:[4026532...]").
QStringList processesIn(const QString& ns) {
    QStringList out;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
        if (pid.toInt() > 0 && QFile::symLinkTarget(QStringLiteral("/proc/%1/ns/net").arg(pid)) == ns) out << pid;
    return out;
}

QStringList interfaceNames() { return QDir(QStringLiteral("/sys/class/net")).entryList(QDir::Dirs | QDir::NoDotAndDotDot); }

}  // namespace

class TestDemo : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    NetNs ns_;
    SpawnedHelper helper_;
    HelperClient client_;

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(ns_.create(error), qPrintable(error));
        QVERIFY2(helper_.start({"--stdio"}, ns_.name(), error), qPrintable(error));
        client_.adoptSocket(helper_.takeClientFd());
        const Reply hello = call(client_, "hello", {{"version", qvblade::helper::kProtocolVersion}});
        QVERIFY2(hello.ok, qPrintable(describe(hello) + helper_.stderrText()));
    }

    void theDemoRunsAtOnceOnItsOwnNetworkAndLeavesNothingBehind() {
        const QStringList interfacesBefore = interfaceNames();
        const int helperFdsBefore = helper_.openFds();
        const QString image = dir_.filePath("demo.img");
        {
            QFile f(image);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(64 << 20));
        }
        QSignalSpy events(&client_, &HelperClient::eventReceived);
        QVERIFY(call(client_, "subscribe-counters").ok);
        const int fd = ::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const Reply started = call(client_, "start-demo", {}, {fd});
        ::close(fd);
        QVERIFY2(started.ok, qPrintable(describe(started) + helper_.stderrText()));
        const QJsonObject exp = started.result.value("export").toObject();
        QCOMPARE(exp.value("name").toString(), QStringLiteral("e42.0"));
        QVERIFY(exp.value("demo").toBool());
        const QString port = exp.value("interfaces").toArray().first().toString();
        QVERIFY2(port.startsWith("demo") && port.contains(':'), qPrintable(port));
        const qint64 demoPid = started.result.value("pid").toInteger();
        QVERIFY(demoPid > 0 && ::kill(pid_t(demoPid), 0) == 0);
        // Its network is its own: not the helper's, and nothing new in the machine's.
        const QString demoNs = netnsOf(demoPid);
        QVERIFY(!demoNs.isEmpty() && demoNs != netnsOf(helper_.pid()) && demoNs != netnsOf(::getpid()));
        QCOMPARE(interfaceNames(), interfacesBefore);

        // A second demo, and an export by the demo port's name, are refused.
        const int again = ::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        const Reply second = call(client_, "start-demo", {}, {again});
        QCOMPARE(second.errorCode, QStringLiteral("exists"));
        const Reply sneak = call(client_, "add-export", {{"shelf", 1}, {"slot", 1}, {"interfaces", QJsonArray{port}}}, {again});
        ::close(again);
        QCOMPARE(sneak.errorCode, QStringLiteral("invalid-argument"));

        // The built-in initiator writes and reads back at once: the counters move.
        qint64 writes = 0, reads = 0, framesIn = 0;
        QTRY_VERIFY2_WITH_TIMEOUT(([&] {
                                      for (const QList<QVariant>& e : std::as_const(events)) {
                                          if (e.at(0).toString() != "counters") continue;
                                          for (const QJsonValue& x : e.at(1).toJsonObject().value("exports").toArray()) {
                                              const QJsonObject o = x.toObject();
                                              if (o.value("name") != "e42.0") continue;
                                              writes = o.value("ataWrites").toInteger();
                                              reads = o.value("ataReads").toInteger();
                                              framesIn = o.value("framesIn").toInteger();
                                          }
                                      }
                                      return writes >= 5 && reads >= 5;
                                  }()),
                                  qPrintable(QStringLiteral("writes %1 reads %2 frames %3\n%4").arg(writes).arg(reads).arg(framesIn).arg(helper_.stderrText())),
                                  10000);
        QFile data(image);
        QVERIFY(data.open(QIODevice::ReadOnly));
        QVERIFY(data.read(512).startsWith("qvblade demo: sector 0, round "));

        const Reply stopped = call(client_, "stop-demo");
        QVERIFY2(stopped.ok, qPrintable(describe(stopped)));
        QCOMPARE(stopped.result.value("stopped").toString(), QStringLiteral("e42.0"));
        // Nothing is left: the process, anything in its namespace, the export, the helper's sockets.
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(demoPid), 0) != 0, 5000);
        QVERIFY2(processesIn(demoNs).isEmpty(), qPrintable(processesIn(demoNs).join(' ')));
        QTRY_COMPARE_WITH_TIMEOUT(call(client_, "list-exports").result.value("exports").toArray().size(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(helper_.openFds(), helperFdsBefore, 5000);
        QCOMPARE(interfaceNames(), interfacesBefore);
        QCOMPARE(call(client_, "stop-demo").errorCode, QStringLiteral("not-found"));
    }

    void aDemoEndsWithItsClient() {
        const QString image = dir_.filePath("demo.img");
        const int fd = ::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        const Reply started = call(client_, "start-demo", {{"shelf", 43}}, {fd});
        ::close(fd);
        QVERIFY2(started.ok, qPrintable(describe(started)));
        const qint64 demoPid = started.result.value("pid").toInteger();
        client_.disconnectFromHelper();
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(demoPid), 0) != 0, 5000);
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
