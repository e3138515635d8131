// SPDX-License-Identifier: GPL-2.0-or-later
// BusyPollGovernor (core/busy_poll_governor.h): spinning stops while the engine's thread waits
// for its CPU, or while most spins run out before a frame arrives, and resumes after a while; the kernel's schedstat text is read as it
// writes it, and the run delay read really rises when another thread competes for our CPU; where
// the kernel does not say, the spin's own estimate (SpinGapRunDelay) sees the same.
#include <QtTest>

#include <sched.h>

#include <atomic>
#include <thread>

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
        g.sample(t, 60000);   // 60 ms of 250 ms: 24 % (a VM's vCPU sharing our CPU)
        QCOMPARE(g.window(t), 0us);
        QCOMPARE(g.window(t + BusyPollGovernor::kBackOff - 1ms), 0us);
        t += 250ms;
        g.sample(t, 61000);   // quiet again: the back-off still runs its course
        QCOMPARE(g.window(t), 0us);
        QCOMPARE(g.window(t + BusyPollGovernor::kBackOff), 200us);
    }

    void backsOffWhenMostSpinsRunOutThenTriesAgain() {
        // An initiator slower than the window between its requests: spinning only burns the CPU.
        // 10 of 40 spins caught a frame; the run delay alone would keep spinning (0.4 %).
        BusyPollGovernor g(200us);
        const auto t = BusyPollGovernor::Clock::now() + 250ms;
        g.sample(t - 250ms, 0);
        for (int i = 0; i < 40; ++i) g.noteSpin(i % 4 == 0);
        g.sample(t, 1000);
        QVERIFY(g.window(t) == 0us && g.window(t + BusyPollGovernor::kBackOff) == 200us);
    }

    void keepsSpinningWhileMostSpinsCatchAFrame() {
        BusyPollGovernor g(200us);
        auto t = BusyPollGovernor::Clock::now();
        g.sample(t, 0);
        for (int round = 1; round <= 4; ++round) {
            for (int i = 0; i < 1000; ++i) g.noteSpin(i % 3 != 0);   // two of three caught
            t += 250ms;
            g.sample(t, 1000);
            QCOMPARE(g.window(t), 200us);
        }
    }

    void aFewWastedSpinsAreNotJudged() {
        // The end of a burst always ends in a spin that runs out.
        BusyPollGovernor g(200us);
        auto t = BusyPollGovernor::Clock::now();
        g.sample(t, std::nullopt);
        for (unsigned i = 0; i + 1 < BusyPollGovernor::kMinSpinsJudged; ++i) g.noteSpin(false);
        t += 250ms;
        g.sample(t, std::nullopt);
        QCOMPARE(g.window(t), 200us);
        // ... and each sample judges only the spins since the one before.
        for (unsigned i = 0; i < BusyPollGovernor::kMinSpinsJudged / 2; ++i) g.noteSpin(false);
        t += 250ms;
        g.sample(t, std::nullopt);
        QCOMPARE(g.window(t), 200us);
        for (unsigned i = 0; i < BusyPollGovernor::kMinSpinsJudged; ++i) g.noteSpin(false);
        t += 250ms;
        g.sample(t, std::nullopt);   // without a run delay too
        QCOMPARE(g.window(t), 0us);
    }

    void unknownRunDelayLeavesTheWindowAlone() {
        BusyPollGovernor g(150us);
        auto t = BusyPollGovernor::Clock::now();
        g.sample(t, std::nullopt);
        t += 250ms;
        g.sample(t, std::nullopt);
        QCOMPARE(g.window(t), 150us);
        // A counter that went backwards (not the kernel's behaviour, but a reader must not trust it) is ignored.
        g.sample(t, 900000);
        t += 250ms;
        g.sample(t, 100);
        QCOMPARE(g.window(t), 150us);
    }

    void parsesTheSchedstatFile() {
        QCOMPARE(parseSchedstatRunDelayNanos("202645 1500 1\n"), std::optional<uint64_t>(1500));
        QCOMPARE(parseSchedstatRunDelayNanos("98765432101 12345678901 4242\n"), std::optional<uint64_t>(12345678901ull));
        QCOMPARE(parseSchedstatRunDelayNanos("0 0 1"), std::optional<uint64_t>(0));
        QCOMPARE(parseSchedstatRunDelayNanos(""), std::nullopt);
        QCOMPARE(parseSchedstatRunDelayNanos("202645\n"), std::nullopt);
        QCOMPARE(parseSchedstatRunDelayNanos("202645 1500\n"), std::nullopt);
        QCOMPARE(parseSchedstatRunDelayNanos("202645 x 1\n"), std::nullopt);
        QCOMPARE(parseSchedstatRunDelayNanos("some avg10=0.00 total=5\n"), std::nullopt);
    }

    void spinGapsCountOnlyLongGapsAfterIdleSpins() {
        SpinGapRunDelay d;
        auto t = SpinGapRunDelay::Clock::now();
        d.roundStarts(t, true);             // the first round has none before it
        d.roundStarts(t += 3us, true);      // an idle spin round: a few microseconds
        d.roundStarts(t += 2ms, true);      // off the CPU for 2 ms in the middle of one
        QCOMPARE(d.micros(), uint64_t(2000));
        d.roundStarts(t += 5ms, false);     // after a round that slept or worked: not counted
        d.roundStarts(t += SpinGapRunDelay::kOffCpuGap, true);   // not longer than the threshold
        QCOMPARE(d.micros(), uint64_t(2000));
        d.roundStarts(t += 300us, true);
        QCOMPARE(d.micros(), uint64_t(2300));
    }

    // The signal itself: this thread and a busy loop pinned to the same CPU share it, so this
    // thread spends a good part of a busy half second waiting for it. (The scheduler splits a
    // contended CPU about evenly; 15 % leaves room for a noisy machine.) Without schedstat
    // (a kernel built without CONFIG_SCHED_INFO) the governor could not work: that fails too.
    // The half second is spent in idle rounds, as a spinning engine's: the spin's own estimate,
    // all the portable engine has to go by, sees about what the kernel counted.
    void runDelayRisesWhenAnotherThreadWantsOurCpu() {
        const auto first = os::threadRunDelayMicros();
        QVERIFY2(first, "/proc/thread-self/schedstat is not readable (kernel without CONFIG_SCHED_INFO?)");
        const int cpu = sched_getcpu();
        QVERIFY(cpu >= 0);
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        cpu_set_t before;
        QCOMPARE(sched_getaffinity(0, sizeof before, &before), 0);
        QCOMPARE(sched_setaffinity(0, sizeof one, &one), 0);
        std::atomic<bool> stop{false};
        std::thread rival([&] {
            sched_setaffinity(0, sizeof one, &one);
            while (!stop.load(std::memory_order_relaxed)) {}
        });
        SpinGapRunDelay estimate;
        const auto start = std::chrono::steady_clock::now();
        const auto delayAtStart = os::threadRunDelayMicros();
        for (auto now = start; now - start < 500ms; now = std::chrono::steady_clock::now()) estimate.roundStarts(now, true);
        const auto delayAtEnd = os::threadRunDelayMicros();
        const double wallMicros = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
        stop = true;
        rival.join();
        sched_setaffinity(0, sizeof before, &before);
        QVERIFY(delayAtStart && delayAtEnd && *delayAtEnd >= *delayAtStart);
        const double kernel = double(*delayAtEnd - *delayAtStart), estimated = double(estimate.micros());
        QVERIFY2(kernel >= 0.15 * wallMicros, qPrintable(QStringLiteral("waited %1 % of the time for a shared CPU").arg(kernel / wallMicros * 100)));
        QVERIFY2(estimated >= 0.5 * kernel && estimated <= 1.5 * kernel + 20000,
                 qPrintable(QStringLiteral("estimated %1 µs off the CPU, the kernel counted %2 µs").arg(estimated).arg(kernel)));
    }
};

QTEST_GUILESS_MAIN(TestBusyPollGovernor)
#include "tst_busy_poll_governor.moc"
