// SPDX-License-Identifier: GPL-2.0-or-later
// Every AsyncIo back end writes, reads back and syncs a real file.
#include <QtTest>
#include <fcntl.h>
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/os/os.h"
#include "core/sync_io.h"
#include "core/thread_pool_io.h"
#include "temp_image.h"

using namespace qvblade;

namespace {

// `inlineTransfers`: the back end can transfer cached data at once; one that cannot (the thread
// pool) must say -EAGAIN, so that the engine queues the transfer.
void exercise(os::AsyncIo& io, const std::string& path, bool inlineTransfers = true) {
    const int fd = ::open(path.c_str(), O_RDWR);
    QVERIFY(fd >= 0);
    std::vector<uint8_t> out(4096), in(4096, 0);
    for (size_t i = 0; i < out.size(); ++i) out[i] = uint8_t(i * 13);
    int tags[3] = {1, 2, 3};
    std::vector<std::pair<int*, int>> done;
    auto collect = [&](void* user, int result) { done.push_back({static_cast<int*>(user), result}); };
    auto waitFor = [&](size_t n) {
        for (int i = 0; i < 1000 && done.size() < n; ++i) {
            io.reap(collect);
            if (done.size() < n) QTest::qWait(1);
        }
    };
    QVERIFY(io.queueWrite(fd, out.data(), out.size(), 8192, &tags[0]));
    QVERIFY(io.submit());
    waitFor(1);
    QCOMPARE(done.size(), size_t(1));
    QCOMPARE(done[0].first, &tags[0]);
    QCOMPARE(done[0].second, 4096);
    QVERIFY(io.queueRead(fd, in.data(), in.size(), 8192, &tags[1]));
    QVERIFY(io.queueDataSync(fd, &tags[2]));
    QVERIFY(io.submit());
    waitFor(3);
    QCOMPARE(done.size(), size_t(3));
    QCOMPARE(io.inFlight(), size_t(0));
    QCOMPARE(in, out);
    for (auto& d : done) QVERIFY(d.second >= 0);
    // Reading past the end of the file returns 0 bytes, not an error.
    done.clear();
    QVERIFY(io.queueRead(fd, in.data(), 512, 1 << 30, &tags[0]));
    QVERIFY(io.submit());
    waitFor(1);
    QCOMPARE(done.at(0).second, 0);
    // The inline path: a cached range is transferred at once, and reads back what was queued.
    // File systems without a non-blocking mode say so (-EOPNOTSUPP) rather than fail.
    std::vector<uint8_t> now(1024, 0x5A), back(1024, 0);
    const iovec halves[2] = {{now.data(), 512}, {now.data() + 512, 512}};
    const int w = io.tryWriteNow(fd, halves, 2, 512);
    if (!inlineTransfers) {
        QCOMPARE(w, -EAGAIN);
        QCOMPARE(io.tryReadNow(fd, back.data(), back.size(), 512), -EAGAIN);
        ::close(fd);
        return;
    }
    QVERIFY2(w == 1024 || w == -EOPNOTSUPP || w == -EAGAIN, qPrintable(QString::number(w)));
    if (w != 1024) QCOMPARE(::pwrite(fd, now.data(), now.size(), 512), ssize_t(1024));
    const int r = io.tryReadNow(fd, back.data(), back.size(), 512);
    QVERIFY2(r == 1024 || r == -EOPNOTSUPP, qPrintable(QString::number(r)));   // just written: cached
    if (r == 1024) QCOMPARE(back, now);
    // A range past the end of the file is not whole: it must go the queued way (or report 0 bytes).
    const int tail = io.tryReadNow(fd, back.data(), 512, 1 << 30);
    QVERIFY2(tail == -EAGAIN || tail == -EOPNOTSUPP || tail == 0, qPrintable(QString::number(tail)));
    ::close(fd);
}

}  // namespace

class TestAsyncIo : public QObject {
    Q_OBJECT
private slots:
    void synchronousBackEnd() {
        test::TempImage img(16384);
        SyncIo io;
        exercise(io, img.path());
    }
    void ioUringBackEnd() {
        test::TempImage img(16384);
        std::string why;
        auto io = os::makeIoUring(64, why);
        QVERIFY2(io, ("io_uring is required on Linux: " + why).c_str());
        exercise(*io, img.path());
    }
    // The portable build's back end: a worker thread per transfer, a pipe to poll.
    void threadPoolBackEnd() {
        test::TempImage img(16384);
        std::string why;
        auto io = ThreadPoolIo::create(4, 64, why);
        QVERIFY2(io, why.c_str());
        exercise(*io, img.path(), false);
    }
    // Its completions wake an engine asleep in poll(), and reap() leaves the descriptor quiet.
    void threadPoolWakesASleepingEngine() {
        test::TempImage img(1 << 20);
        img.write(4096, std::vector<uint8_t>(4096, 0xA7));
        std::string why;
        auto io = ThreadPoolIo::create(2, 64, why);
        QVERIFY2(io, why.c_str());
        const int fd = ::open(img.path().c_str(), O_RDONLY);
        QVERIFY(fd >= 0);
        std::vector<uint8_t> buf(4096);
        int tags[8] = {};
        for (int& t : tags) QVERIFY(io->queueRead(fd, buf.data(), buf.size(), 4096, &t));
        QCOMPARE(io->inFlight(), size_t(8));
        QVERIFY(io->submit());
        pollfd p{io->completionFd(), POLLIN, 0};
        size_t reaped = 0;
        for (int i = 0; i < 100 && reaped < 8; ++i) {
            QCOMPARE(::poll(&p, 1, 5000), 1);
            reaped += io->reap([&](void*, int result) { QCOMPARE(result, 4096); });
        }
        QCOMPARE(reaped, size_t(8));
        QCOMPARE(io->inFlight(), size_t(0));
        QCOMPARE(buf[4095], uint8_t(0xA7));
        QCOMPARE(::poll(&p, 1, 0), 0);
        ::close(fd);
    }
    // A full pool refuses more (as a full submission queue does), and room comes back with reap(),
    // also for an operation a completion callback queues.
    void threadPoolDepth() {
        test::TempImage img(16384);
        std::string why;
        auto io = ThreadPoolIo::create(1, 2, why);
        QVERIFY2(io, why.c_str());
        const int fd = ::open(img.path().c_str(), O_RDONLY);
        QVERIFY(fd >= 0);
        std::vector<uint8_t> buf(512);
        int tags[3] = {};
        QVERIFY(io->queueRead(fd, buf.data(), 512, 0, &tags[0]));
        QVERIFY(io->queueRead(fd, buf.data(), 512, 0, &tags[1]));
        QVERIFY(!io->queueRead(fd, buf.data(), 512, 0, &tags[2]));
        QVERIFY(io->submit());
        bool requeued = false;
        for (int i = 0; i < 500 && io->inFlight() > 0; ++i) {
            io->reap([&](void*, int) {
                if (!requeued) QVERIFY(requeued = io->queueRead(fd, buf.data(), 512, 0, &tags[2]));
            });
            io->submit();
            if (io->inFlight()) QTest::qWait(2);
        }
        QVERIFY(requeued);
        QCOMPARE(io->inFlight(), size_t(0));
        ::close(fd);
    }
    // A transfer the device completes later (direct I/O) wakes an engine asleep in poll() on
    // the completion descriptor, reap() then finds it, and the descriptor is quiet again (or an
    // idle engine would spin): the event loop relies on all three.
    void ioUringWakesASleepingEngine() {
        test::TempImage img(1 << 20);
        img.write(4096, std::vector<uint8_t>(4096, 0xA7));
        {   // On the disk, so that the read goes to the device, not to a write-back first.
            const int w = ::open(img.path().c_str(), O_RDWR);
            QVERIFY(w >= 0 && ::fsync(w) == 0);
            ::close(w);
        }
        std::string why;
        auto io = os::makeIoUring(64, why);
        QVERIFY2(io, ("io_uring is required on Linux: " + why).c_str());
        const int fd = ::open(img.path().c_str(), O_RDONLY | O_DIRECT);
        QVERIFY2(fd >= 0, "the test image's file system must allow O_DIRECT");
        void* buf = nullptr;
        QCOMPARE(::posix_memalign(&buf, 4096, 4096), 0);
        int tag = 0;
        QVERIFY(io->queueRead(fd, buf, 4096, 4096, &tag));
        QVERIFY(io->submit());
        pollfd p{io->completionFd(), POLLIN, 0};
        QCOMPARE(::poll(&p, 1, 5000), 1);
        std::vector<std::pair<void*, int>> done;
        for (int i = 0; i < 100 && done.empty(); ++i)
            io->reap([&](void* user, int result) { done.push_back({user, result}); });
        QCOMPARE(done.size(), size_t(1));
        QCOMPARE(done[0].first, static_cast<void*>(&tag));
        QCOMPARE(done[0].second, 4096);
        QCOMPARE(static_cast<uint8_t*>(buf)[4095], uint8_t(0xA7));
        QCOMPARE(::poll(&p, 1, 0), 0);
        ::free(buf);
        ::close(fd);
    }
};

QTEST_GUILESS_MAIN(TestAsyncIo)
#include "tst_async_io.moc"
