// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/image_map.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>

#include "core/backing_store.h"
#include "core/buffer_layout.h"
#include "core/os/os.h"

namespace qvblade {

namespace {

// The kernel answers mincore for a file mapping truthfully only to its owner, to a caller that
// may write the file, or to one with CAP_FOWNER (root): to others every page looks cached
// (mm/mincore.c, can_do_mincore). The engine runs as root or as the file's owner.
bool mincoreTellsTruth(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return false;
    return ::geteuid() == 0 || st.st_uid == ::geteuid();
}

constexpr size_t kMaxPagesPerRange = 32;        // 128 KiB: more than any frame carries
constexpr uint64_t kLearnPages = 64;            // 256 KiB learnt from one mincore call
constexpr size_t kMinTableEntries = 1024;
constexpr size_t kMaxTableEntries = size_t(1) << 19;   // 2 MiB of table: 2 GiB of image without collisions

}  // namespace

std::unique_ptr<ImageMap> ImageMap::create(const BackingStore& store) {
    if (store.fd() < 0 || store.options().direct || store.sectors() == 0 || !mincoreTellsTruth(store.fd())) return nullptr;
    const uint64_t first = store.byteOffset(0);
    const uint64_t start = first / kPageBytes * kPageBytes;
    const uint64_t end = first + store.sectors() * 512;
    const size_t length = size_t(end - start);
    void* p = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, store.fd(), off_t(start));
    if (p == MAP_FAILED) return nullptr;
    // Random access: no read-ahead if a page must be faulted in after all.
    ::madvise(p, length, MADV_RANDOM);
    std::unique_ptr<ImageMap> map(new ImageMap);
    map->base_ = static_cast<uint8_t*>(p);
    map->length_ = length;
    map->firstFileByte_ = start;
    map->readsCanLeaveHoles_ = os::readsCanLeaveHoles(store.fd());
    // Anonymous memory: only the parts of the table in use become resident.
    const size_t pages = (length + kPageBytes - 1) / kPageBytes;
    map->tableEntries_ = std::clamp(std::bit_ceil(pages), kMinTableEntries, kMaxTableEntries);
    void* t = ::mmap(nullptr, map->tableBytes(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (t == MAP_FAILED) return nullptr;
    map->table_ = static_cast<uint32_t*>(t);
    return map;
}

ImageMap::~ImageMap() {
    if (base_) ::munmap(base_, length_);
    if (table_) ::munmap(table_, tableBytes());
}

bool ImageMap::pageRange(uint64_t fileOffset, size_t bytes, uint64_t& first, uint64_t& count) const {
    if (bytes == 0 || fileOffset < firstFileByte_ || fileOffset - firstFileByte_ + bytes > length_) return false;
    const uint64_t at = fileOffset - firstFileByte_;
    first = at / kPageBytes;
    count = (at + bytes + kPageBytes - 1) / kPageBytes - first;
    return count <= kMaxPagesPerRange;
}

ImageMap::Knowledge ImageMap::lookup(uint64_t page) const {
    const uint32_t e = table_[page & (tableEntries_ - 1)];
    if ((e >> 2) != uint32_t(page / tableEntries_ + 1)) return Knowledge::Unknown;
    return Knowledge(e & 3);
}

void ImageMap::remember(uint64_t page, Knowledge what) {
    table_[page & (tableEntries_ - 1)] = uint32_t(page / tableEntries_ + 1) << 2 | uint32_t(what);
}

const uint8_t* ImageMap::cachedRange(uint64_t fileOffset, size_t bytes) {
    uint64_t first = 0, count = 0;
    if (!pageRange(fileOffset, bytes, first, count)) return nullptr;
    for (uint64_t i = 0; i < count; ++i)
        if (lookup(first + i) != Knowledge::Cached) return nullptr;
    return base_ + (fileOffset - firstFileByte_);
}

void ImageMap::noteRead(uint64_t fileOffset, size_t bytes) {
    uint64_t first = 0, count = 0;
    if (!pageRange(fileOffset, bytes, first, count)) return;
    // Only where a read can leave a hole (elsewhere it caches what it read), and only when the
    // read reached a page not known yet (a hole read again needs no new answer).
    bool ask = false;
    for (uint64_t i = 0; readsCanLeaveHoles_ && i < count && !ask; ++i) ask = lookup(first + i) == Knowledge::Unknown;
    if (ask) {
        // Ask about the aligned block of pages around the read: one call learns its neighbours
        // too, for little more than the pages asked for (a page-table walk and a cache lookup each).
        const uint64_t pages = (length_ + kPageBytes - 1) / kPageBytes;
        const uint64_t blockStart = std::min(first / kLearnPages * kLearnPages, first);
        const uint64_t blockEnd = std::min(std::max(blockStart + kLearnPages, first + count), pages);
        unsigned char cached[kLearnPages + kMaxPagesPerRange];
        const uint64_t n = blockEnd - blockStart;
        if (::mincore(base_ + blockStart * kPageBytes, n * kPageBytes, cached) != 0) return;
        // Here a page not cached is a hole (or swapped out): reads will not fill it, only a write will.
        for (uint64_t i = 0; i < n; ++i) remember(blockStart + i, (cached[i] & 1) ? Knowledge::Cached : Knowledge::NotCached);
    }
    for (uint64_t i = 0; i < count; ++i)
        // On tmpfs a read leaves a hole a hole: only pages known to be cached were read from the cache.
        if (!readsCanLeaveHoles_ || lookup(first + i) == Knowledge::Written) remember(first + i, Knowledge::Cached);
}

void ImageMap::noteWritten(uint64_t fileOffset, size_t bytes) {
    uint64_t first = 0, count = 0;
    if (!pageRange(fileOffset, bytes, first, count)) return;
    for (uint64_t i = 0; i < count; ++i) remember(first + i, Knowledge::Written);
}

void ImageMap::forget() { ::madvise(table_, tableBytes(), MADV_DONTNEED); }

bool ImageMap::tick(bool overBudget) {
    const bool idle = sentSinceTick_ == 0;
    usedSinceTrim_ = usedSinceTrim_ || !idle;
    sentSinceTick_ = 0;
    if (!usedSinceTrim_ || !(idle || overBudget)) return false;
    ::madvise(base_, length_, MADV_DONTNEED);
    usedSinceTrim_ = false;
    return true;
}

}  // namespace qvblade
