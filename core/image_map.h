// SPDX-License-Identifier: GPL-2.0-or-later
// Read replies straight from the page cache: a read-only shared mapping of an export's bytes,
// used only for pages known to be cached.
//
// A read served with pread costs a system call, a page-cache lookup and a copy into the slot,
// which the kernel then copies again into the reply. Sending the reply's data from this mapping
// leaves one copy (docs/performance.md, "Reads sent from a mapping of the image"). Only pages
// known to be cached are sent this way: a read fault on a tmpfs hole would allocate a page where
// pread copies the shared zero page, and a fault on an uncached page of a disk file would block
// the engine on the disk. Asking the kernel each time (mincore) costs as much as the pread it
// saves, so the map remembers what it learnt: a page the store wrote or read is cached, except on
// tmpfs, where a read leaves a hole a hole and one mincore call tells for the block around it. The
// memory for that is a fixed-size table (not a bitmap of the whole image): pages whose entries
// collide are simply learnt again.
// Pages the store wrote itself are sent from the mapping only from their second read: the first
// send of a page faults it into the mapping, which on some hosts costs more than the pread it
// replaces (docs/performance.md, "Pages the store wrote"), and an initiator seldom reads back what
// it just wrote more than once (its own cache has it): a dd or a file copy verified once, a
// read-back after mkfs. Pages found cached otherwise (by mincore, or because the store read them)
// are mapped from their next read on, as a working set read again and again wants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace qvblade {

class BackingStore;

class ImageMap {
public:
    // Maps `store`'s exported bytes. nullptr when it should not be mapped: no descriptor (a store
    // with its own I/O, such as an RBD image), direct I/O (the page
    // cache is not the store's view), nothing exported, mincore would not tell the truth (the
    // kernel reports every page cached unless the caller owns the file or may write it), or the
    // mapping failed.
    static std::unique_ptr<ImageMap> create(const BackingStore& store);
    ~ImageMap();
    ImageMap(const ImageMap&) = delete;
    ImageMap& operator=(const ImageMap&) = delete;

    // The mapped bytes at file position `fileOffset` if every page of the range is known to be
    // cached and, if the store wrote it, was read since, else nullptr. A page evicted since
    // (memory pressure) is read from the disk while the reply is sent; a file shrunk since makes
    // the send fail (then call forget()). Never wrong data. Only the kernel may read these
    // bytes (a send reports EFAULT): a load in user space past the end of a file that shrank
    // is SIGBUS, and a client's file may shrink at any time.
    const uint8_t* cachedRange(uint64_t fileOffset, size_t bytes);
    // The store read these bytes through the page cache. On most file systems and block devices
    // that cached them. Where a read can leave a hole uncached (tmpfs), asks the kernel which pages
    // of the block around them are cached; the others are holes until the store writes them (a
    // hole another program fills keeps being read with pread: correct, only slower).
    void noteRead(uint64_t fileOffset, size_t bytes);
    // The store wrote these bytes through the page cache: their pages are cached, and are mapped
    // after one read through pread.
    void noteWritten(uint64_t fileOffset, size_t bytes);
    // Forgets everything learnt (after a send from the mapping failed).
    void forget();

    // Records that `bytes` were sent from the mapping.
    void noteSent(size_t bytes) { sentSinceTick_ += bytes; }
    // Called every stats tick. Sending maps pages into the target's address space, where they
    // count in its resident size (16 at a time: the kernel's fault-around). When the mapping was
    // used and then left idle for a tick, or `overBudget`, drops those page-table entries (the
    // pages stay cached). Dropping them while busy costs more than the mapping saves, hence
    // not every tick. Returns whether it dropped them.
    bool tick(bool overBudget);
    bool usedSinceTrim() const { return usedSinceTrim_ || sentSinceTick_; }

    // Bytes of the fixed table that holds what was learnt (for the memory figures).
    size_t tableBytes() const { return tableEntries_ * sizeof(uint32_t); }

private:
    ImageMap() = default;
    // Written: cached, written by the store and not read since.
    enum class Knowledge : uint32_t { NotCached = 0, Cached = 1, Written = 2, Unknown = 3 };
    Knowledge lookup(uint64_t page) const;
    void remember(uint64_t page, Knowledge what);
    bool pageRange(uint64_t fileOffset, size_t bytes, uint64_t& first, uint64_t& count) const;

    uint8_t* base_ = nullptr;        // the mapping: from the page holding the first exported byte
    size_t length_ = 0;
    uint64_t firstFileByte_ = 0;     // file position of base_
    // Direct-mapped: entry page % entries holds (page / entries + 1) << 2 | Knowledge, 0 when
    // empty. A run of adjacent pages up to the table's size never collides.
    uint32_t* table_ = nullptr;
    size_t tableEntries_ = 0;
    bool readsCanLeaveHoles_ = true;
    uint64_t sentSinceTick_ = 0;
    bool usedSinceTrim_ = false;
};

}  // namespace qvblade
