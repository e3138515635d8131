// SPDX-License-Identifier: GPL-2.0-or-later
// WriteRun (core/write_run.h): which writes may join a run, that a run reaches the file in one
// call with every byte in place, and that each write still gets its own answer when the run
// cannot be written whole.
#include <QtTest>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>

#include "core/sync_io.h"
#include "core/write_run.h"
#include "temp_image.h"

using namespace qvblade;

namespace {

// The synchronous back end, counting the calls the run makes; can be told to answer a
// non-blocking attempt with -EAGAIN (not cached) or -EOPNOTSUPP (no non-blocking mode).
class CountingIo final : public os::AsyncIo {
public:
    int nowaitAnswer = 0;    // 0: really write
    int tryWriteCalls = 0;
    int lastIovCount = 0;
    int tryReadNow(int fd, void* buf, size_t len, uint64_t offset) override { return sync.tryReadNow(fd, buf, len, offset); }
    int tryWriteNow(int fd, const iovec* iov, int count, uint64_t offset) override {
        ++tryWriteCalls;
        lastIovCount = count;
        return nowaitAnswer ? nowaitAnswer : sync.tryWriteNow(fd, iov, count, offset);
    }
    bool queueRead(int, void*, size_t, uint64_t, void*) override { return false; }
    bool queueWrite(int, const void*, size_t, uint64_t, void*) override { return false; }
    bool queueDataSync(int, void*) override { return false; }
    bool submit() override { return true; }
    int completionFd() const override { return -1; }
    size_t reap(const std::function<void(void*, int)>&) override { return 0; }
    size_t inFlight() const override { return 0; }
    const char* name() const override { return "counting"; }
    SyncIo sync;
};

std::vector<uint8_t> pattern(size_t bytes, uint8_t seed) {
    std::vector<uint8_t> v(bytes);
    for (size_t i = 0; i < bytes; ++i) v[i] = uint8_t(seed + i * 7);
    return v;
}

struct Result { void* user; int result; };

std::vector<Result> flush(WriteRun& run, os::AsyncIo& io, bool& blocking, bool* inOneCall = nullptr) {
    std::vector<Result> out;
    const bool one = run.flush(io, blocking, [&](void* user, int result) { out.push_back({user, result}); });
    if (inOneCall) *inOneCall = one;
    return out;
}

}  // namespace

class TestWriteRun : public QObject {
    Q_OBJECT
private slots:
    void acceptsOnlyWritesThatContinueIt() {
        WriteRun run;
        uint8_t buf[4096];
        QVERIFY(run.accepts(5, 12345, 512));   // an empty run takes any write
        run.add(5, buf, 1024, 8192, nullptr);
        QVERIFY(run.accepts(5, 9216, 512));    // starts where the run ends
        QVERIFY(!run.accepts(5, 9728, 512));   // a gap
        QVERIFY(!run.accepts(5, 8192, 512));   // a rewrite of the start
        QVERIFY(!run.accepts(5, 7680, 512));   // just before it
        QVERIFY(!run.accepts(6, 9216, 512));   // another file
        run.add(5, buf, 512, 9216, nullptr);
        QCOMPARE(run.size(), size_t(2));
        QVERIFY(run.accepts(5, 9728, 512));
    }

    void refusesWritesBeyondItsLimits() {
        WriteRun run;
        std::vector<uint8_t> buf(WriteRun::kMaxBytes);
        uint64_t offset = 0;
        for (size_t i = 0; i < WriteRun::kMaxWrites; ++i) {
            QVERIFY(run.accepts(3, offset, 512));
            run.add(3, buf.data(), 512, offset, nullptr);
            offset += 512;
        }
        QVERIFY(!run.accepts(3, offset, 512));   // as many writes as a batch holds
        WriteRun big;
        big.add(3, buf.data(), WriteRun::kMaxBytes - 512, 0, nullptr);
        QVERIFY(big.accepts(3, WriteRun::kMaxBytes - 512, 512));
        QVERIFY(!big.accepts(3, WriteRun::kMaxBytes - 512, 1024));   // more bytes than one call should carry
    }

    void writesTheRunInOneCallWithEveryByteInPlace() {
        test::TempImage img(65536);
        const int fd = ::open(img.path().c_str(), O_RDWR);
        QVERIFY(fd >= 0);
        const auto a = pattern(1024, 1), b = pattern(8704, 2), c = pattern(512, 3);
        int users[3];
        WriteRun run;
        run.add(fd, a.data(), a.size(), 4096, &users[0]);
        run.add(fd, b.data(), b.size(), 4096 + 1024, &users[1]);
        run.add(fd, c.data(), c.size(), 4096 + 1024 + 8704, &users[2]);
        CountingIo io;
        bool blocking = false, inOneCall = false;
        const auto results = flush(run, io, blocking, &inOneCall);
        ::close(fd);
        QVERIFY(inOneCall);
        QCOMPARE(io.tryWriteCalls, 1);
        QCOMPARE(io.lastIovCount, 3);
        QVERIFY(run.empty());
        QCOMPARE(results.size(), size_t(3));
        QCOMPARE(results[0].user, &users[0]);
        QCOMPARE(results[0].result, 1024);
        QCOMPARE(results[1].user, &users[1]);
        QCOMPARE(results[1].result, 8704);
        QCOMPARE(results[2].user, &users[2]);
        QCOMPARE(results[2].result, 512);
        std::vector<uint8_t> expected(4096, 0);
        for (const auto* part : {&a, &b, &c}) expected.insert(expected.end(), part->begin(), part->end());
        expected.resize(16384, 0);
        QCOMPARE(img.read(0, 16384), expected);
    }

    void aRunThatCannotBeWrittenNowIsHandedBackWhole() {
        test::TempImage img(16384);
        const int fd = ::open(img.path().c_str(), O_RDWR);
        const auto a = pattern(512, 4);
        int users[2];
        WriteRun run;
        run.add(fd, a.data(), 512, 0, &users[0]);
        run.add(fd, a.data(), 512, 512, &users[1]);
        CountingIo io;
        io.nowaitAnswer = -EAGAIN;
        bool blocking = false, inOneCall = true;
        const auto results = flush(run, io, blocking, &inOneCall);
        ::close(fd);
        QVERIFY(!inOneCall);
        QCOMPARE(results.size(), size_t(2));
        for (const Result& r : results) QCOMPARE(r.result, -EAGAIN);   // the caller queues each
        QVERIFY(!blocking);
        QCOMPARE(img.read(0, 1024), std::vector<uint8_t>(1024, 0));
    }

    void aFileWithoutNonBlockingWritesGetsThePlainCall() {
        test::TempImage img(16384);
        const int fd = ::open(img.path().c_str(), O_RDWR);
        const auto a = pattern(1024, 5), b = pattern(512, 6);
        int users[2];
        WriteRun run;
        run.add(fd, a.data(), a.size(), 2048, &users[0]);
        run.add(fd, b.data(), b.size(), 3072, &users[1]);
        CountingIo io;
        io.nowaitAnswer = -EOPNOTSUPP;
        bool blocking = false;
        const auto results = flush(run, io, blocking);
        QVERIFY(blocking);   // remembered: later runs go straight to the plain call
        QCOMPARE(results.at(0).result, 1024);
        QCOMPARE(results.at(1).result, 512);
        run.add(fd, b.data(), b.size(), 0, &users[0]);
        flush(run, io, blocking);
        ::close(fd);
        QCOMPARE(io.tryWriteCalls, 1);
        auto expected = b;
        expected.resize(2048, 0);
        expected.insert(expected.end(), a.begin(), a.end());
        expected.insert(expected.end(), b.begin(), b.end());
        QCOMPARE(img.read(0, 3584), expected);
    }

    // A file size limit part-way through the run (as a full disk would stop it): the writes
    // before the limit succeed, the one across it and the ones after fail, each on its own.
    void aRunStoppedPartWayAnswersEachWriteOnItsOwn() {
        test::TempImage img(8192);
        const int fd = ::open(img.path().c_str(), O_RDWR);
        const auto a = pattern(1024, 7), b = pattern(1024, 8), c = pattern(1024, 9);
        int users[3];
        WriteRun run;
        run.add(fd, a.data(), 1024, 4096, &users[0]);
        run.add(fd, b.data(), 1024, 5120, &users[1]);
        run.add(fd, c.data(), 1024, 6144, &users[2]);
        rlimit old{};
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
        const auto oldHandler = ::signal(SIGXFSZ, SIG_IGN);   // else exceeding the limit kills us
        rlimit limit = old;
        limit.rlim_cur = 5120 + 512;   // half of b fits
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
        CountingIo io;
        bool blocking = false, inOneCall = true;
        const auto results = flush(run, io, blocking, &inOneCall);
        ::setrlimit(RLIMIT_FSIZE, &old);
        ::signal(SIGXFSZ, oldHandler);
        ::close(fd);
        QVERIFY(!inOneCall);
        QCOMPARE(results.size(), size_t(3));
        QCOMPARE(results[0].result, 1024);
        QCOMPARE(results[1].result, -EFBIG);
        QCOMPARE(results[2].result, -EFBIG);
        QCOMPARE(img.read(4096, 1024), a);
    }
};

QTEST_GUILESS_MAIN(TestWriteRun)
#include "tst_write_run.moc"
