// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/backing_store.h"
#include "core/image_map.h"
#include "temp_image.h"

using namespace qvblade;

namespace {

constexpr size_t kPage = 4096;
constexpr long kTmpfsMagic = 0x01021994;

// A sparse file on tmpfs, where reading a hole through a mapping would allocate a page.
class SparseTmpfsFile {
public:
    explicit SparseTmpfsFile(size_t bytes) {
        char name[] = "/dev/shm/qvblade-tst-image-map-XXXXXX";
        fd_ = ::mkstemp(name);
        path_ = name;
        if (fd_ >= 0 && ::ftruncate(fd_, off_t(bytes)) != 0) { ::close(fd_); fd_ = -1; }
    }
    ~SparseTmpfsFile() {
        if (fd_ >= 0) ::close(fd_);
        ::unlink(path_.c_str());
    }
    bool ok() const {
        struct statfs fs {};
        return fd_ >= 0 && ::fstatfs(fd_, &fs) == 0 && long(fs.f_type) == kTmpfsMagic;
    }
    const std::string& path() const { return path_; }
    long allocatedBlocks() const {
        struct stat st {};
        ::fstat(fd_, &st);
        return long(st.st_blocks);
    }
    void write(size_t offset, const std::vector<uint8_t>& data) const {
        QCOMPARE(::pwrite(fd_, data.data(), data.size(), off_t(offset)), ssize_t(data.size()));
    }

private:
    int fd_ = -1;
    std::string path_;
};

std::vector<uint8_t> pattern(size_t bytes, uint8_t seed) {
    std::vector<uint8_t> v(bytes);
    for (size_t i = 0; i < bytes; ++i) v[i] = uint8_t(seed + i * 7);
    return v;
}

std::unique_ptr<BackingStore> openStore(const std::string& path, StoreOptions o = {}) {
    std::string error;
    auto s = BackingStore::open(path, o, error);
    if (!s) qWarning("%s", error.c_str());
    return s;
}

// The store wrote these bytes and read them back once: from then on they are sent from the map.
void writtenAndReadBack(ImageMap& map, uint64_t offset, size_t bytes) {
    map.noteWritten(offset, bytes);
    map.noteRead(offset, bytes);
}

// A sparse tmpfs file exported whole, and its map.
struct MappedSparseFile {
    explicit MappedSparseFile(size_t bytes) : file(bytes) {
        if (file.ok()) store = openStore(file.path());
        if (store) map = ImageMap::create(*store);
    }
    SparseTmpfsFile file;
    std::unique_ptr<BackingStore> store;
    std::unique_ptr<ImageMap> map;
};

}  // namespace

// Each test needs /dev/shm to be a tmpfs and a buffered store owned by the caller to be mapped.
#define REQUIRE_MAPPED(m) QVERIFY2((m).file.ok(), "/dev/shm must be a tmpfs for this test"); QVERIFY((m).map)

class TestImageMap : public QObject {
    Q_OBJECT
private slots:
    void readingAHoleLearnsItIsNotCachedAndAllocatesNothing() {
        MappedSparseFile m(1 << 20);
        REQUIRE_MAPPED(m);
        QVERIFY(!m.map->cachedRange(8 * kPage, kPage));        // nothing learnt yet
        std::vector<uint8_t> buf(kPage);
        QCOMPARE(::pread(m.store->fd(), buf.data(), kPage, 8 * kPage), ssize_t(kPage));
        m.map->noteRead(8 * kPage, kPage);
        QVERIFY2(!m.map->cachedRange(8 * kPage, kPage), "a hole read with pread is not in the page cache");
        QCOMPARE(m.file.allocatedBlocks(), 0L);
    }
    void aReadOfADiskFileCachesWhatItRead() {
        // On a disk file system a buffered read of a hole puts zeros in the page cache: no need to ask.
        char name[] = "/var/tmp/qvblade-tst-image-map-XXXXXX";
        const int fd = ::mkstemp(name);
        QVERIFY(fd >= 0);
        struct statfs fs {};
        const bool onDisk = ::fstatfs(fd, &fs) == 0 && long(fs.f_type) != kTmpfsMagic;
        const bool sized = ::ftruncate(fd, 1 << 20) == 0;
        ::close(fd);
        auto store = sized && onDisk ? openStore(name) : nullptr;
        auto map = store ? ImageMap::create(*store) : nullptr;
        std::vector<uint8_t> buf(kPage, 0xff);
        const bool read = map && ::pread(store->fd(), buf.data(), kPage, 5 * kPage) == ssize_t(kPage);
        if (map) map->noteRead(5 * kPage, kPage);
        const uint8_t* p = map ? map->cachedRange(5 * kPage, kPage) : nullptr;
        const bool zeros = p && std::all_of(p, p + kPage, [](uint8_t b) { return b == 0; });
        const bool neighbourUnknown = map && !map->cachedRange(6 * kPage, kPage);
        ::unlink(name);
        QVERIFY2(onDisk && sized, "/var/tmp must be on a disk file system for this test");
        QVERIFY(map && read);
        QVERIFY2(p && zeros, "the page just read is cached and mapped");
        QVERIFY(neighbourUnknown);
    }
    void pagesTheStoreWroteAreSentFromTheMappingFromTheirSecondRead() {
        MappedSparseFile m(1 << 20);
        REQUIRE_MAPPED(m);
        const auto data = pattern(2 * kPage + 512, 3);
        m.file.write(5 * kPage - 512, data);                       // spans four pages
        QVERIFY(!m.map->cachedRange(5 * kPage - 512, data.size()));
        m.map->noteWritten(5 * kPage - 512, data.size());
        QVERIFY2(!m.map->cachedRange(5 * kPage - 512, data.size()), "the first read after the store's write takes pread");
        m.map->noteRead(5 * kPage - 512, data.size());
        const uint8_t* p = m.map->cachedRange(5 * kPage - 512, data.size());
        QVERIFY2(p, "read once since written: mapped");
        QVERIFY(std::memcmp(p, data.data(), data.size()) == 0);
        QVERIFY2(!m.map->cachedRange(7 * kPage + 512, kPage), "a range reaching an unknown page is not mapped");
        // Written again: one more read through pread before the mapping, for every page touched.
        m.map->noteWritten(6 * kPage, 512);
        QVERIFY(!m.map->cachedRange(5 * kPage - 512, data.size()));
        QVERIFY2(m.map->cachedRange(5 * kPage - 512, 512), "pages not written again stay mapped");
        m.map->noteRead(6 * kPage + 1024, 512);
        QVERIFY(m.map->cachedRange(5 * kPage - 512, data.size()));
    }
    void pagesWrittenByOthersAreLearntFromOneRead() {
        SparseTmpfsFile f(1 << 20);
        QVERIFY(f.ok());
        const auto data = pattern(kPage, 9);
        f.write(3 * kPage, data);
        auto store = openStore(f.path());
        auto map = ImageMap::create(*store);
        QVERIFY(map);
        QVERIFY(!map->cachedRange(3 * kPage, kPage));
        map->noteRead(3 * kPage, kPage);                      // asks the kernel once
        const uint8_t* p = map->cachedRange(3 * kPage, kPage);
        QVERIFY2(p, "a page with data on tmpfs is cached");
        QVERIFY(std::memcmp(p, data.data(), kPage) == 0);
        map->forget();
        QVERIFY(!map->cachedRange(3 * kPage, kPage));
    }
    void oneReadLearnsTheBlockAroundIt() {
        MappedSparseFile m(1 << 20);
        REQUIRE_MAPPED(m);
        m.file.write(10 * kPage, pattern(kPage, 1));
        m.file.write(60 * kPage, pattern(kPage, 2));
        m.file.write(70 * kPage, pattern(kPage, 3));
        m.map->noteRead(10 * kPage, kPage);
        QVERIFY(m.map->cachedRange(10 * kPage, kPage));
        QVERIFY2(m.map->cachedRange(60 * kPage, kPage), "a page of the same 64-page block was learnt too");
        QVERIFY2(!m.map->cachedRange(70 * kPage, kPage), "the next block is not");
        QVERIFY(!m.map->cachedRange(11 * kPage, kPage));     // a hole in the block
        QCOMPARE(m.file.allocatedBlocks(), 3L * kPage / 512);
        // A hole the store writes is cached from then on: mapped once read back.
        m.file.write(11 * kPage, pattern(kPage, 4));
        writtenAndReadBack(*m.map, 11 * kPage, kPage);
        QVERIFY(m.map->cachedRange(11 * kPage, kPage));
    }
    void aReadReachingAnUnknownPageAsksAboutIt() {
        // The first page of the read is known, the second (in the next block) is not: ask anyway.
        MappedSparseFile m(1 << 20);
        REQUIRE_MAPPED(m);
        const auto data = pattern(2 * kPage, 5);
        m.file.write(63 * kPage, data);
        writtenAndReadBack(*m.map, 63 * kPage, kPage);
        QVERIFY(!m.map->cachedRange(64 * kPage, kPage));
        m.map->noteRead(63 * kPage, 2 * kPage);
        const uint8_t* p = m.map->cachedRange(63 * kPage, 2 * kPage);
        QVERIFY2(p, "the unknown page was learnt with its known neighbour");
        QVERIFY(std::memcmp(p, data.data(), data.size()) == 0);
    }
    void anOffsetExportMapsTheRightBytesAndNothingOutside() {
        test::TempImage img(1 << 20);
        const auto data = pattern(1024, 1);
        img.write(100 * 512 + 2048, data);
        StoreOptions o;
        o.offsetSectors = 100;                                // not page-aligned: 51200 bytes
        o.lengthSectors = 64;
        auto store = openStore(img.path(), o);
        auto map = ImageMap::create(*store);
        QVERIFY(map);
        const uint64_t at = store->byteOffset(4);
        writtenAndReadBack(*map, at, 1024);
        const uint8_t* p = map->cachedRange(at, 1024);
        QVERIFY(p);
        QVERIFY(std::memcmp(p, data.data(), 1024) == 0);
        const uint64_t end = store->byteOffset(64);
        writtenAndReadBack(*map, end, 512);
        QVERIFY2(!map->cachedRange(end, 512), "bytes past the export are never mapped");
        QVERIFY(!map->cachedRange(store->byteOffset(0) - 512, 512));
    }
    void collidingPagesNeverReadAsCached() {
        // The table holds at most 2^19 entries (2 GiB of pages): in a sparse 4 GiB file, page k
        // and page k + 2^19 share one.
        MappedSparseFile m(size_t(4) << 30);
        REQUIRE_MAPPED(m);
        const size_t entries = m.map->tableBytes() / sizeof(uint32_t);
        QCOMPARE(entries, size_t(1) << 19);
        writtenAndReadBack(*m.map, kPage, kPage);
        QVERIFY(m.map->cachedRange(kPage, kPage));
        writtenAndReadBack(*m.map, (entries + 1) * kPage, kPage);       // takes the same entry
        QVERIFY(m.map->cachedRange((entries + 1) * kPage, kPage));
        QVERIFY2(!m.map->cachedRange(kPage, kPage), "an entry taken by another page forgets the first");
        QVERIFY(!m.map->cachedRange((2 * entries + 1) * kPage, kPage));
        QCOMPARE(m.file.allocatedBlocks(), 0L);
    }
    void idleMappingIsTrimmedAfterATickBusyOneOnlyOverBudget() {
        MappedSparseFile m(1 << 20);
        REQUIRE_MAPPED(m);
        QVERIFY2(!m.map->tick(false), "never used: nothing to trim");
        m.map->noteSent(kPage);
        QVERIFY2(!m.map->tick(false), "busy this tick: keep the mapping");
        QVERIFY2(m.map->tick(false), "idle for a tick after use: trim");
        QVERIFY(!m.map->tick(false));
        m.map->noteSent(kPage);
        QVERIFY2(m.map->tick(true), "over budget: trim even while busy");
    }
    void directStoresAreNotMapped() {
        test::TempImage img(1 << 20);
        StoreOptions o;
        o.direct = true;
        std::string error;
        auto s = BackingStore::open(img.path(), o, error);
        QVERIFY2(s, ("the temporary directory must allow O_DIRECT: " + error).c_str());
        QVERIFY(!ImageMap::create(*s));
        QVERIFY2(ImageMap::create(*openStore(img.path())), "the same file without -d is mapped");
    }
};

QTEST_GUILESS_MAIN(TestImageMap)
#include "tst_image_map.moc"
