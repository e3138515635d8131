// SPDX-License-Identifier: GPL-2.0-or-later
// persist-rmem against a real qvblade-helper (in a namespace of the test's own, writing into a
// temporary directory given with --sysctl-dir): the file's content, mode and atomic
// replacement, the never-lower rule, field validation, and --sysctl-dir refused through pkexec.
#include <fcntl.h>
#include <sys/stat.h>

#include <QDir>
#include <QJsonArray>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

namespace {
qint64 readLimit(const char* name) {
    QFile f(QStringLiteral("/proc/sys/net/core/%1").arg(QLatin1String(name)));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : -1;
}

}  // namespace

class TestPersistRmem : public QObject {
    Q_OBJECT

    NetNs ns_;
    SpawnedHelper helper_;
    HelperClient client_;
    QTemporaryDir dir_;
    QString sysctlDir_, conf_;
    qint64 needed_ = 0;   // what the export of anExportWithManyBuffersNeedsMore needs
    Reply r_;

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(ns_.create(error), qPrintable(error));
        QVERIFY2(ns_.addVethPair("p0", "p0p", error), qPrintable(error));
        sysctlDir_ = dir_.filePath("sysctl.d");
        conf_ = sysctlDir_ + "/60-qvblade.conf";
        QVERIFY(QDir().mkpath(sysctlDir_));
        QVERIFY2(helper_.start({"--stdio", "--sysctl-dir", sysctlDir_}, ns_.name(), error), qPrintable(error));
        client_.adoptSocket(helper_.takeClientFd());
        const Reply r = call(client_, "hello", {{"version", kProtocolVersion}});
        QVERIFY2(r.ok, qPrintable(describe(r) + helper_.stderrText()));
    }

    void cleanupTestCase() {
        call(client_, "remove-export", {{"shelf", 4}, {"slot", 4}});
        client_.disconnectFromHelper();
        helper_.stop();
    }

    void withoutAnExportNothingIsWritten() {
        // rmem_default applies to every socket on the host: only what running exports need.
        for (const QJsonObject& args : {QJsonObject{}, QJsonObject{{"bytes", 1 << 20}}}) {
            const Reply r = call(client_, "persist-rmem", args);
            QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
            QVERIFY2(r.errorMessage.contains("no running export"), qPrintable(r.errorMessage));
        }
        QVERIFY(!QFile::exists(conf_));
    }

    void anExportWithManyBuffersNeedsMore() {
        // 4096 buffers: more than the host's limits, so the file has something to raise.
        const QString image = dir_.filePath("disk.img");
        QFile f(image);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(1 << 20));
        f.close();
        const int fd = ::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        Reply r = call(client_, "add-export", {{"shelf", 4}, {"slot", 4}, {"interfaces", QJsonArray{"p0"}}, {"bufferCount", 4096}}, {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        needed_ = call(client_, "rmem-status").result.value("recommended").toInteger();
        QVERIFY2(needed_ > std::max(readLimit("rmem_max"), readLimit("rmem_default")), qPrintable(QString::number(needed_)));
        r = call(client_, "persist-rmem", {{"bytes", needed_ + 1}});
        QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
        QVERIFY(!QFile::exists(conf_));
    }

    void fieldsAreValidated() {
        QCOMPARE(call(client_, "persist-rmem", {{"bytes", 12}}).errorCode, QString(err::kInvalidArgument));
        QCOMPARE(call(client_, "persist-rmem", {{"bytes", "big"}}).errorCode, QString(err::kInvalidArgument));
        QCOMPARE(call(client_, "persist-rmem", {{"bytes", double(qint64(1) << 31)}}).errorCode, QString(err::kInvalidArgument));
        // The client cannot choose where the file goes.
        const Reply r = call(client_, "persist-rmem", {{"bytes", 1 << 20}, {"path", "/tmp/evil.conf"}});
        QCOMPARE(r.errorCode, QString(err::kInvalidArgument));
        QVERIFY(r.errorMessage.contains("path"));
        QVERIFY(!QFile::exists(conf_));
        QVERIFY(!QFile::exists("/tmp/evil.conf"));
    }

    void writesBothLimitsAtomicallyWithMode0644() {
        // Above both of the host's limits (which the file must never lower).
        const qint64 target = std::max(readLimit("rmem_max"), readLimit("rmem_default")) + 4096;
        QVERIFY(target <= needed_);
        const Reply r = call(client_, "persist-rmem", {{"bytes", target}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(r.result.value("path").toString(), conf_);
        QCOMPARE(r.result.value("rmemMax").toInteger(), target);
        QCOMPARE(r.result.value("rmemDefault").toInteger(), target);
        const QString text = readText(conf_);
        QVERIFY2(text.startsWith("# Written by qvblade-helper"), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\nnet.core.rmem_max = %1\n").arg(target)), qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral("\nnet.core.rmem_default = %1\n").arg(target)), qPrintable(text));
        struct stat st {};
        QCOMPARE(::stat(conf_.toLocal8Bit().constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0644));
        QCOMPARE(st.st_uid, uid_t(0));
        // No temporary file is left behind.
        QCOMPARE(QDir(sysctlDir_).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{"60-qvblade.conf"});
        // The running limits are not this request's business.
        QVERIFY(readLimit("rmem_max") < target);
    }

    void defaultsToWhatTheExportsNeedAndNeverLowersTheMaximum() {
        r_ = call(client_, "persist-rmem");
        QVERIFY2(r_.ok, qPrintable(describe(r_)));
        const qint64 max = std::max(needed_, readLimit("rmem_max"));
        QCOMPARE(r_.result.value("rmemMax").toInteger(), max);
        QCOMPARE(r_.result.value("rmemDefault").toInteger(), needed_);
        const QString text = readText(conf_);
        QVERIFY2(text.contains(QStringLiteral("net.core.rmem_max = %1\n").arg(max)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("net.core.rmem_default = %1\n").arg(needed_)), qPrintable(text));
    }

    void aSymlinkAtTheNameIsReplacedNotFollowed() {
        const QString victim = dir_.filePath("victim");
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly) && v.write("untouched\n") > 0);
        v.close();
        QVERIFY(QFile::remove(conf_));
        QVERIFY(QFile::link(victim, conf_));
        const Reply r = call(client_, "persist-rmem", {{"bytes", 1 << 20}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(readText(victim), QString("untouched\n"));
        QVERIFY(!QFileInfo(conf_).isSymLink());
        QVERIFY(readText(conf_).contains("net.core.rmem_"));
    }

    void aMissingDirectoryIsAFailureThatSaysWhy() {
        const QString moved = dir_.filePath("moved");
        QVERIFY(QDir().rename(sysctlDir_, moved));
        const Reply r = call(client_, "persist-rmem", {{"bytes", 1 << 20}});
        QVERIFY(QDir().rename(moved, sysctlDir_));
        QCOMPARE(r.errorCode, QString(err::kFailed));
        QVERIFY2(r.errorMessage.contains(sysctlDir_) && r.errorMessage.contains("No such file"), qPrintable(r.errorMessage));
    }

    void sysctlDirIsRefusedThroughPkexec() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PKEXEC_UID", "1000");   // what pkexec sets: the user chose the arguments
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(QVBLADE_HELPER_BIN), {"--stdio", "--sysctl-dir", dir_.path()});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(p.readAllStandardError().contains("--sysctl-dir is not available through pkexec"), "no reason given");
    }
};

QTEST_GUILESS_MAIN(TestPersistRmem)
#include "tst_persist_rmem.moc"
