// SPDX-License-Identifier: GPL-2.0-or-later
// The file or block device behind an export: opened once, sized once, addressed in sectors.
// Or a store that does its transfers through an AsyncIo of its own, with no descriptor (a Ceph
// RBD image, core/rbd/rbd_store.h): the engine queues its I/O there and reaps it from there.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/os/os.h"

namespace qvblade {

struct StoreOptions {
    bool readOnly = false;
    bool direct = false;          // O_DIRECT: buffers and offsets must be aligned
    // Every write is on stable storage before it is acknowledged (-s): the engine answers writes
    // only after an fdatasync that covers them (core/group_commit.h), not through O_SYNC.
    bool durable = false;
    uint64_t offsetSectors = 0;   // first sector of the file that is exported
    uint64_t lengthSectors = 0;   // sectors exported; 0 means up to the end of the file
};

class BackingStore {
public:
    ~BackingStore();
    BackingStore(const BackingStore&) = delete;
    BackingStore& operator=(const BackingStore&) = delete;

    // Opens `path` with the options' mode. Never creates or truncates. On failure returns
    // nullptr and one sentence in `error`.
    static std::unique_ptr<BackingStore> open(const std::string& path, const StoreOptions& options,
                                              std::string& error);
    // Takes ownership of an already open descriptor (passed by a client) after checking that it
    // is a regular file or block device opened with a mode that fits the options.
    static std::unique_ptr<BackingStore> adopt(int fd, const std::string& displayName, const StoreOptions& options,
                                               std::string& error);

    // A store of `bytes` bytes whose every transfer and sync goes through `io` (the `fd`
    // argument of its calls is -1; offsets are bytes of the store). `io` must complete a write
    // only once it is on stable storage: durable exports answer it then (no group commit).
    static std::unique_ptr<BackingStore> withOwnIo(std::unique_ptr<os::AsyncIo> io, uint64_t bytes, const std::string& name,
                                                   const StoreOptions& options, std::string& error);

    // The store's own I/O engine (withOwnIo), or nullptr for a file or block device.
    os::AsyncIo* ownIo() const { return ownIo_.get(); }
    int fd() const { return fd_; }
    // The descriptor for a transfer (a write or a read) of `bytes` at file position `offset`. A
    // direct export whose device needs more than 512-byte alignment (a 4Kn disk) takes smaller
    // or misaligned requests through the page cache; the kernel keeps both views coherent. A
    // durable export's aligned writes go to the device directly, so that the sync covering them
    // has no pages to write back (docs/performance.md, "Durable writes"), its reads and the
    // rest through the page cache.
    int fdFor(uint64_t offset, size_t bytes, bool write) const {
        if (write && writesDirect(offset, bytes)) return directWriteFd_;
        return takesBufferedPath(offset, bytes) ? bufferedFd_ : fd_;
    }
    // True when that transfer goes to the device directly (O_DIRECT and aligned).
    bool bypassesCache(uint64_t offset, size_t bytes, bool write) const {
        return ownIo_ || (write && writesDirect(offset, bytes)) || (options_.direct && !takesBufferedPath(offset, bytes));
    }
    const std::string& name() const { return name_; }
    const StoreOptions& options() const { return options_; }
    // Whether the export may be switched to read-write in place: the descriptor is open for
    // reading and writing (a store with its own I/O: it was opened read-write).
    bool canWrite() const;
    // Switches read-only on or off while serving (engine thread: the next request sees it).
    // Off needs canWrite(); false with a sentence otherwise.
    bool setReadOnly(bool readOnly, std::string& error);
    // It was writable at some time, so it may hold writes that flush() must make stable.
    bool everWritable() const { return everWritable_; }
    uint64_t sectors() const { return sectors_; }              // exported sectors
    uint64_t fileSectors() const { return fileSectors_; }      // whole file or device
    bool isBlockDevice() const { return blockDevice_; }
    // Set when misaligned direct requests cannot be served (no second descriptor): why.
    const std::string& warning() const { return warning_; }
    // Byte position in the file of exported sector `lba`.
    uint64_t byteOffset(uint64_t lba) const { return (options_.offsetSectors + lba) * 512; }
    // Which storage this is, the same text on every host that opens it (an RBD image's cluster,
    // pool and image ids), or empty when that cannot be known (a file, a block device): what a
    // shared export tells other targets (core/storage_identity.h).
    const std::string& storageId() const { return storageId_; }
    void setStorageId(std::string id) { storageId_ = std::move(id); }
    // Flushes written data to stable storage; false with errno on failure.
    bool flush();

private:
    BackingStore() = default;
    bool init(int fd, const std::string& name, const StoreOptions& options, std::string& error);
    bool setSize(uint64_t bytes, std::string& error);
    bool syncOwnIo();
    // What direct I/O on fd_ needs (at least 512 bytes: every AoE request is whole sectors).
    void readDirectAlignment();
    void prepareMisalignedPath();
    void prepareDirectWrites();
    bool aligned(uint64_t offset, size_t bytes) const { return offset % directAlignment_ == 0 && bytes % directAlignment_ == 0; }
    bool takesBufferedPath(uint64_t offset, size_t bytes) const { return bufferedFd_ >= 0 && !aligned(offset, bytes); }
    bool writesDirect(uint64_t offset, size_t bytes) const { return directWriteFd_ >= 0 && aligned(offset, bytes); }

    int fd_ = -1;
    int bufferedFd_ = -1;            // only for direct exports with alignment above 512 bytes
    int directWriteFd_ = -1;         // only for durable, buffered exports open for writing
    uint32_t directAlignment_ = 512;
    std::string name_;
    StoreOptions options_;
    uint64_t sectors_ = 0;
    uint64_t fileSectors_ = 0;
    bool blockDevice_ = false;
    bool everWritable_ = false;
    bool ownIoWritable_ = false;     // a store with its own I/O opened read-write
    std::string warning_;
    std::string storageId_;
    std::unique_ptr<os::AsyncIo> ownIo_;
};

}  // namespace qvblade
