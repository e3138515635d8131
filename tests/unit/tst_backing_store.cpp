// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "core/backing_store.h"
#include "core/image_map.h"
#include "temp_image.h"

using namespace qvblade;

namespace {
// An AsyncIo of a store's own (as an RBD image has): records the syncs it is given and
// completes each at the next reap.
class RecordingIo final : public os::AsyncIo {
public:
    int tryReadNow(int, void*, size_t, uint64_t) override { return -EAGAIN; }
    int tryWriteNow(int, const iovec*, int, uint64_t) override { return -EAGAIN; }
    bool queueRead(int, void*, size_t, uint64_t, void*) override { return false; }
    bool queueWrite(int, const void*, size_t, uint64_t, void*) override { return false; }
    bool queueDataSync(int fd, void* user) override {
        syncFds.push_back(fd);
        pending.push_back(user);
        return true;
    }
    bool submit() override { return true; }
    int completionFd() const override { return -1; }
    size_t reap(const std::function<void(void*, int)>& done) override {
        auto users = std::exchange(pending, {});
        for (void* u : users) done(u, syncResult);
        return users.size();
    }
    size_t inFlight() const override { return pending.size(); }
    const char* name() const override { return "recording"; }
    std::vector<int> syncFds;
    std::vector<void*> pending;
    int syncResult = 0;
};
}  // namespace

class TestBackingStore : public QObject {
    Q_OBJECT
private slots:
    void sizesARegularFile() {
        test::TempImage img(1 << 20);
        std::string error;
        auto s = BackingStore::open(img.path(), {}, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->sectors(), uint64_t(2048));
        QCOMPARE(s->fileSectors(), uint64_t(2048));
        QVERIFY(!s->isBlockDevice());
        QCOMPARE(s->byteOffset(3), uint64_t(3 * 512));
        QVERIFY(s->flush());
    }
    void aStoreWithItsOwnIoIsSizedAndFlushedThere() {
        auto io = std::make_unique<RecordingIo>();
        RecordingIo* seen = io.get();
        std::string error;
        StoreOptions o;
        o.offsetSectors = 8;
        auto s = BackingStore::withOwnIo(std::move(io), 1 << 20, "rbd:p/i", o, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->ownIo(), static_cast<os::AsyncIo*>(seen));
        QCOMPARE(s->fd(), -1);
        QCOMPARE(s->sectors(), uint64_t(2040));
        QCOMPARE(s->byteOffset(0), uint64_t(8 * 512));
        // Never served from the page cache or a mapping: there is none.
        QVERIFY(s->bypassesCache(0, 512, false));
        QVERIFY(!ImageMap::create(*s));
        // flush() is a sync through the store's own io, waited for.
        QVERIFY(s->flush());
        QCOMPARE(seen->syncFds, std::vector<int>{-1});
        seen->syncResult = -EIO;
        QVERIFY(!s->flush());
        QCOMPARE(errno, EIO);
        // Sized as a file is: -o beyond the end is refused.
        o.offsetSectors = 4096;
        QVERIFY(!BackingStore::withOwnIo(std::make_unique<RecordingIo>(), 1 << 20, "rbd:p/i", o, error));
        QVERIFY2(error.find("rbd:p/i: offset 4096 too large") == 0, error.c_str());
    }
    // A durable export's aligned writes go to the device past the page cache (a second
    // descriptor with O_DIRECT), so that the sync that covers them has nothing to write back;
    // its reads, and writes of a read-only descriptor, stay on the first one.
    void aDurableStoreWritesAlignedDataDirectly() {
        test::TempImage img(1 << 20);
        const int probe = ::open(img.path().c_str(), O_RDONLY | O_DIRECT);
        QVERIFY2(probe >= 0, qPrintable(QStringLiteral("%1 has no direct I/O: put TMPDIR on a disk file system to test this")
                                             .arg(QString::fromStdString(img.dir()))));
        ::close(probe);
        std::string error;
        StoreOptions o;
        o.durable = true;
        auto s = BackingStore::open(img.path(), o, error);
        QVERIFY2(s, error.c_str());
        const int writeFd = s->fdFor(4096, 1024, true);
        QVERIFY(writeFd != s->fd());
        QVERIFY(::fcntl(writeFd, F_GETFL) & O_DIRECT);
        QVERIFY(s->bypassesCache(4096, 1024, true));
        QCOMPARE(s->fdFor(4096, 1024, false), s->fd());
        QVERIFY(!s->bypassesCache(4096, 1024, false));
        // The same file: what goes in through one is read back through the other.
        alignas(4096) static char block[1024];
        std::memset(block, 0x5a, sizeof block);
        QCOMPARE(::pwrite(writeFd, block, sizeof block, 4096), ssize_t(sizeof block));
        QVERIFY(s->flush());
        char back[1024] = {};
        QCOMPARE(::pread(s->fd(), back, sizeof back, 4096), ssize_t(sizeof back));
        QVERIFY(std::memcmp(back, block, sizeof back) == 0);

        o.readOnly = true;
        auto readOnly = BackingStore::open(img.path(), o, error);
        QVERIFY2(readOnly, error.c_str());
        QCOMPARE(readOnly->fdFor(4096, 1024, true), readOnly->fd());
        o.readOnly = false;
        o.durable = false;
        auto buffered = BackingStore::open(img.path(), o, error);
        QVERIFY2(buffered, error.c_str());
        QCOMPARE(buffered->fdFor(4096, 1024, true), buffered->fd());
        QVERIFY(!buffered->bypassesCache(4096, 1024, true));
    }

    void offsetAndLengthSelectARange() {
        test::TempImage img(1 << 20);
        std::string error;
        StoreOptions o;
        o.offsetSectors = 100;
        auto s = BackingStore::open(img.path(), o, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->sectors(), uint64_t(1948));
        QCOMPARE(s->byteOffset(0), uint64_t(100 * 512));
        o.lengthSectors = 10;
        s = BackingStore::open(img.path(), o, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->sectors(), uint64_t(10));
    }
    void refusesWhatCannotBeExported_data() {
        QTest::addColumn<int>("bytes");
        QTest::addColumn<qulonglong>("offset");
        QTest::addColumn<qulonglong>("length");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty file") << 0 << 0ULL << 0ULL << "smaller than one 512-byte sector";
        QTest::newRow("under a sector") << 511 << 0ULL << 0ULL << "smaller than one 512-byte sector";
        QTest::newRow("offset at end") << 4096 << 8ULL << 0ULL << "offset 8 too large for 8-sector file";
        QTest::newRow("length too big") << 4096 << 2ULL << 7ULL << "length 7 exceeds the 6 sectors after the offset";
    }
    void refusesWhatCannotBeExported() {
        QFETCH(int, bytes);
        QFETCH(qulonglong, offset);
        QFETCH(qulonglong, length);
        QFETCH(QString, expected);
        test::TempImage img{size_t(bytes)};
        StoreOptions o;
        o.offsetSectors = offset;
        o.lengthSectors = length;
        std::string error;
        QVERIFY(!BackingStore::open(img.path(), o, error));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
    }
    void missingFileAndDirectoryAreClearErrors() {
        test::TempImage img(4096);
        std::string error;
        QVERIFY(!BackingStore::open(img.dir() + "/nope.img", {}, error));
        QVERIFY2(error.find("No such file") != std::string::npos, error.c_str());
        StoreOptions ro;
        ro.readOnly = true;
        QVERIFY(!BackingStore::open(img.dir(), ro, error));
        QVERIFY2(error.find("not a regular file or block device") != std::string::npos, error.c_str());
    }
    void adoptRefusesAReadOnlyDescriptorForAWritableExport() {
        test::TempImage img(4096);
        const int fd = ::open(img.path().c_str(), O_RDONLY);
        std::string error;
        QVERIFY(!BackingStore::adopt(fd, "img", {}, error));
        QVERIFY2(error.find("not open for reading and writing") != std::string::npos, error.c_str());
        StoreOptions ro;
        ro.readOnly = true;
        QVERIFY(BackingStore::adopt(::open(img.path().c_str(), O_RDONLY), "img", ro, error));
        QVERIFY(!BackingStore::adopt(::open(img.path().c_str(), O_WRONLY), "img", ro, error));
        QVERIFY2(error.find("not open for reading") != std::string::npos, error.c_str());
        QVERIFY(!BackingStore::adopt(::open(img.path().c_str(), O_PATH), "img", ro, error));
        QVERIFY2(error.find("O_PATH") != std::string::npos, error.c_str());
    }
    void adoptTakesAPassedDescriptor() {
        test::TempImage img(8192);
        const int fd = ::open(img.path().c_str(), O_RDWR);
        std::string error;
        auto s = BackingStore::adopt(fd, "passed", {}, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->fd(), fd);
        QCOMPARE(s->sectors(), uint64_t(16));
        QCOMPARE(s->name(), std::string("passed"));
    }
    void adoptRejectsSocketsAndClosedDescriptors() {
        int sv[2];
        QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
        std::string error;
        StoreOptions ro;
        ro.readOnly = true;
        QVERIFY(!BackingStore::adopt(sv[0], "sock", ro, error));
        QVERIFY2(error.find("not a regular file or block device") != std::string::npos, error.c_str());
        ::close(sv[1]);
        QVERIFY(!BackingStore::adopt(1000, "closed", ro, error));
    }
    void openingNeverWritesTheFile() {
        test::TempImage img(4096);
        struct stat before {};
        ::stat(img.path().c_str(), &before);
        StoreOptions o;
        o.offsetSectors = 100;   // fails
        std::string error;
        QVERIFY(!BackingStore::open(img.path(), o, error));
        struct stat after {};
        ::stat(img.path().c_str(), &after);
        QCOMPARE(after.st_size, before.st_size);
        QCOMPARE(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    }
};

QTEST_GUILESS_MAIN(TestBackingStore)
#include "tst_backing_store.moc"
