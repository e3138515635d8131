// SPDX-License-Identifier: GPL-2.0-or-later
// Issue #21 item 2, "kill the helper with SIGBUS": the root helper serves an image a real
// unprivileged user owns and exported from their own descriptor, and that user subscribes to
// frames (the engine then has a frame observer). An initiator reads one block twice (from the
// second read on the engine may send it from its mapping of the image), the user truncates the
// file, the initiator reads again. A load from a mapping past the end of its file is SIGBUS: the
// helper must live, the read must get an ATA error, and another user's export must keep serving.
// Then the same without the subscription (the kernel's copy from the mapping fails instead).
// Real polkit (tests/privhelper/polkit_env.h), real user, real initiator over a veth pair.
#include <sys/stat.h>

#include <QJsonArray>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"
#include "tests/privhelper/polkit_env.h"

using namespace qvblade::test;
using namespace qvblade::helper;

namespace {

constexpr int kImageBytes = 1 << 20;
constexpr uint64_t kFarLba = 1536;   // at 768 KiB: past the end after the truncation
constexpr int kShrunkBytes = 256 << 10;

QByteArray sectorPattern(uint64_t lba, char seed) {
    QByteArray s(512, 0);
    for (int i = 0; i < s.size(); ++i) s[i] = char(seed + i * 7 + int(lba));
    return s;
}

}  // namespace

class TestAttackSigbus : public QObject {
    Q_OBJECT

    TestUser user_{"qvbsb"};
    PolkitEnvironment polkit_;
    NetNs target_, initiator_;
    SpawnedHelper helper_;
    QTemporaryDir dir_;
    QString socket_, image_, otherImage_, client_;
    std::unique_ptr<ClientRun> owner_;   // the user's client: the export and the frame subscription

    QStringList clientArgs(std::initializer_list<QJsonObject> requests) {
        QStringList a{"--connect", socket_, "--hold"};
        for (const auto& r : requests) a << json(r);
        return a;
    }
    // Reads a sector over the wire; returns the data, or empty with the probe's code.
    QByteArray readSector(uint8_t slot, uint64_t lba, int& code) {
        QByteArray data;
        QString error;
        code = 0;
        if (!aoeReadSector(initiator_.name(), "qvi0", 5, slot, lba, data, error, &code)) return {};
        return data;
    }
    // What the user runs against their own file, as the user.
    bool truncateAsUser(int bytes) {
        QProcess p;
        user_.runAs(p);
        p.start("/usr/bin/truncate", {"-s", QString::number(bytes), image_});
        return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }
    // The attack: two reads of the same block, the truncation, a third read.
    void readTruncateRead() {
        int code = 0;
        for (int i = 0; i < 2; ++i) {
            const QByteArray d = readSector(1, kFarLba, code);
            QVERIFY2(!d.isEmpty(), qPrintable(QStringLiteral("read %1 failed (%2)").arg(i + 1).arg(code)));
            QCOMPARE(d, sectorPattern(kFarLba, 1));
        }
        QVERIFY2(truncateAsUser(kShrunkBytes), "the user could not truncate their own image");
        const QByteArray gone = readSector(1, kFarLba, code);
        QVERIFY2(helper_.alive(), qPrintable(QStringLiteral("the helper died (exit status %1): %2")
                                                 .arg(helper_.exitStatus()).arg(helper_.stderrText().right(2000))));
        QVERIFY(gone.isEmpty());
        QVERIFY2(code == kProbeAtaError, qPrintable(QStringLiteral("the read past the new end got no ATA error (probe code %1)").arg(code)));
        // Everyone else is still served: this image below its new end, and the other user's export.
        QCOMPARE(readSector(1, 0, code), sectorPattern(0, 1));
        QCOMPARE(readSector(2, 0, code), sectorPattern(0, 2));
        QVERIFY(helper_.alive());
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(::geteuid() == 0, "tst_attack_sigbus needs root: it creates users, namespaces and polkit rules");
        QVERIFY2(QFileInfo::exists("/usr/lib/polkit-1/polkitd"), "polkitd must be installed (apt-get install polkitd)");
        QVERIFY2(user_.create(error), qPrintable(error));
        QVERIFY2(polkit_.setUp(QStringLiteral(QVBLADE_TEST_POLICY), rulesAnswering("tst_attack_sigbus", user_.name(), "YES"), error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(user_, action::kManageExports, error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(user_, action::kCapture, error), qPrintable(error));

        client_ = installForUsers(dir_, QStringLiteral(QVBLADE_PH_CLIENT_BIN));
        QVERIFY(!client_.isEmpty());

        // The attacker's image is theirs (0600); the other export's is root's.
        image_ = dir_.filePath("user.img");
        otherImage_ = dir_.filePath("other.img");
        for (const auto& [path, seed] : {std::pair{image_, char(1)}, std::pair{otherImage_, char(2)}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (uint64_t lba = 0; lba < kImageBytes / 512; ++lba) f.write(sectorPattern(lba, seed));
        }
        QVERIFY(::chown(image_.toLocal8Bit().constData(), user_.uid(), user_.gid()) == 0);
        QVERIFY(::chmod(image_.toLocal8Bit().constData(), 0600) == 0);

        QVERIFY2(linkTargetAndInitiator(target_, initiator_, error), qPrintable(error));
        socket_ = dir_.filePath("helper.sock");
        QVERIFY2(helper_.start({"--listen", socket_}, target_.name(), error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket_) || helper_.exited(), 5000);
        QVERIFY2(!helper_.exited(), qPrintable(helper_.stderrText()));
    }

    void cleanupTestCase() {
        owner_.reset();
        helper_.stop();
    }

    void theUserExportsTheirImageAndWatchesFrames() {
        owner_ = std::make_unique<ClientRun>(
            user_, client_,
            clientArgs({{{"type", "add-export"}, {"shelf", 5}, {"slot", 1}, {"interfaces", QJsonArray{"qvt0"}},
                         {"_fd", image_}, {"_mode", "rw"}},
                        {{"type", "subscribe-frames"}, {"maxPerSecond", 50}}}));
        const auto lines = owner_->lines(3);
        QVERIFY2(lines.size() == 3 && lines[1].value("ok").isObject() && lines[2].value("ok").isObject(),
                 qPrintable(text(lines) + owner_->errors() + helper_.stderrText()));
        QCOMPARE(lines[1].value("ok").toObject().value("export").toObject().value("ownerUid").toInt(), int(user_.uid()));

        // Another export, root's, on the same interface.
        HelperClient root;
        QString error;
        QVERIFY2(root.connectToPath(socket_, &error), qPrintable(error));
        QVERIFY(call(root, "hello", {{"version", kProtocolVersion}}).ok);
        const int fd = ::open(otherImage_.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        QVERIFY(fd >= 0);
        const Reply r = call(root, "add-export", {{"shelf", 5}, {"slot", 2}, {"interfaces", QJsonArray{"qvt0"}}}, {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(describe(r)));
    }

    void truncatingAWatchedImageDoesNotKillTheHelper() { readTruncateRead(); }

    void truncatingItUnwatchedDoesNotEither() {
        // The subscription ends with the user's client; the export stays (it outlives its client).
        owner_.reset();
        QTest::qWait(300);
        QVERIFY2(truncateAsUser(kImageBytes), "the user could not grow their image again");
        {   // The regrown end reads as zeros: write the pattern back for the reads below.
            QProcess p;
            user_.runAs(p);
            p.start("/usr/bin/dd", {"of=" + image_, "bs=512", QStringLiteral("seek=%1").arg(kFarLba), "conv=notrunc", "status=none"});
            QVERIFY(p.waitForStarted());
            p.write(sectorPattern(kFarLba, 1));
            p.closeWriteChannel();
            QVERIFY(p.waitForFinished() && p.exitCode() == 0);
        }
        readTruncateRead();
    }
};

QTEST_GUILESS_MAIN(TestAttackSigbus)
#include "tst_attack_sigbus.moc"
