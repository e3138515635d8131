// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include "core/rmem_advice.h"

using namespace qvblade;

class TestRmemAdvice : public QObject {
    Q_OBJECT
private slots:
    void inKernelSizeFollowsTheVbladeReadme() {
        QCOMPARE(inKernelFrameBytes(1500), 2048u);
        QCOMPARE(inKernelFrameBytes(9000), 16384u);
        QCOMPARE(inKernelFrameBytes(8192), 16384u);
    }
    void jumboFramesNeedSeventeenSixteenKiBBuffers() {
        auto a = computeRmemAdvice("eth0", 9000, 16);
        QCOMPARE(a.frames, 17u);
        QCOMPARE(a.requiredBytes, uint64_t(17 * 16384));
        QCOMPARE(a.fixCommands.size(), size_t(2));
        QCOMPARE(a.fixCommands[0], std::string("sysctl -w net.core.rmem_max=278528"));
        QCOMPARE(a.fixCommands[1], std::string("sysctl -w net.core.rmem_default=278528"));
    }
    void warningOnlyWhenTheGrantIsShort() {
        auto a = computeRmemAdvice("eth0", 9000, 16);
        a.grantedBytes = 278528;
        QVERIFY(a.sufficient());
        QVERIFY(a.warning().empty());
        a.grantedBytes = 212992;
        a.rmemMax = 106496;
        QVERIFY(!a.sufficient());
        const std::string w = a.warning();
        QVERIFY2(w.find("eth0 (MTU 9000)") != std::string::npos, w.c_str());
        QVERIFY2(w.find("278528") != std::string::npos, w.c_str());
        QVERIFY2(w.find("granted 212992") != std::string::npos, w.c_str());
        QVERIFY2(w.find("sysctl -w net.core.rmem_max=278528") != std::string::npos, w.c_str());
    }
};

QTEST_APPLESS_MAIN(TestRmemAdvice)
#include "tst_rmem_advice.moc"
