// BusyPollGovernor (core/busy_poll_governor.h): spinning stops while tasks wait for a CPU and
// resumes once they have not for a while; the PSI text is read as the kernel writes it.
#include <QtTest>

#include "core/busy_poll_governor.h"
#include "core/os/os.h"

using namespace qvblade;
using namespace std::chrono_literals;

class TestBusyPollGovernor : public QObject {
    Q_OBJECT
private slots:
    void spinsWhileNobodyWaits() {
        BusyPollGovernor g(200us);
        auto t = BusyPollGovernor::Clock::now();
        g.sample(t, 1000000);
        for (int i = 1; i <= 8; ++i) {
            t += 250ms;
            g.sample(t, 1000000 + uint64_t(i) * 5000);   // 5 ms of 250 ms: 2 %
            QCOMPARE(g.window(t), 200us);
        }
    }

    void backsOffWhileOthersWaitThenTriesAgain() {
        BusyPollGovernor g(200us);
        auto t = BusyPollGovernor::Clock::now();
        g.sample(t, 0);
        t += 250ms;
        g.sample(t, 60000);   // 60 ms of 250 ms: 24 % (a VM's vCPUs queued behind our spinning)
        QCOMPARE(g.window(t), 0us);
        QCOMPARE(g.window(t + BusyPollGovernor::kBackOff - 1ms), 0us);
        t += 250ms;
        g.sample(t, 61000);   // quiet again: the back-off still runs its course
        QCOMPARE(g.window(t), 0us);
        QCOMPARE(g.window(t + BusyPollGovernor::kBackOff), 200us);
    }

    void unknownPressureLeavesTheWindowAlone() {
        BusyPollGovernor g(150us);
        auto t = BusyPollGovernor::Clock::now();
        g.sample(t, std::nullopt);
        t += 250ms;
        g.sample(t, std::nullopt);
        QCOMPARE(g.window(t), 150us);
        // A counter that went backwards (not PSI's behaviour, but a reader must not trust it) is ignored.
        g.sample(t, 900000);
        t += 250ms;
        g.sample(t, 100);
        QCOMPARE(g.window(t), 150us);
    }

    void parsesThePressureFile() {
        QCOMPARE(parseCpuPressureTotal("some avg10=2.24 avg60=4.65 avg300=10.40 total=11183720726\n"
                                       "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"),
                 std::optional<uint64_t>(11183720726ull));
        QCOMPARE(parseCpuPressureTotal("some avg10=0.00 avg60=0.00 avg300=0.00 total=42"), std::optional<uint64_t>(42));
        QCOMPARE(parseCpuPressureTotal(""), std::nullopt);
        QCOMPARE(parseCpuPressureTotal("full avg10=0.00 avg60=0.00 avg300=0.00 total=5\n"), std::nullopt);
        QCOMPARE(parseCpuPressureTotal("some avg10=0.00 avg60=0.00 avg300=0.00\nfull total=5\n"), std::nullopt);
        QCOMPARE(parseCpuPressureTotal("some avg10=0.00 total=12x\n"), std::nullopt);
        QCOMPARE(parseCpuPressureTotal("some avg10=0.00 total=\n"), std::nullopt);
    }

    // This kernel reports PSI (the machines these tests run on do): the reader finds a number
    // that only grows.
    void readsThisKernelsPressure() {
        const auto a = os::cpuPressureStallMicros();
        QVERIFY2(a, "/proc/pressure/cpu is not readable (kernel without CONFIG_PSI, or psi=0)");
        const auto b = os::cpuPressureStallMicros();
        QVERIFY(b && *b >= *a);
    }
};

QTEST_GUILESS_MAIN(TestBusyPollGovernor)
#include "tst_busy_poll_governor.moc"
