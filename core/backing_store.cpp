// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/backing_store.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/os/os.h"

namespace qvblade {

BackingStore::~BackingStore() {
    if (fd_ >= 0) ::close(fd_);
    if (bufferedFd_ >= 0) ::close(bufferedFd_);
    if (directWriteFd_ >= 0) ::close(directWriteFd_);
}

std::unique_ptr<BackingStore> BackingStore::open(const std::string& path, const StoreOptions& options,
                                                 std::string& error) {
    int flags = (options.readOnly ? O_RDONLY : O_RDWR) | O_CLOEXEC;
#ifdef O_DIRECT
    if (options.direct) flags |= O_DIRECT;
#endif
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) {
        const int e = errno;
        if (e == EINVAL && options.direct)
            error = path + ": the file system does not support direct I/O (drop -d)";
        else if (e == EACCES || e == EROFS)
            error = path + ": " + std::strerror(e) + (options.readOnly ? "" : " (use -r to export it read-only)");
        else
            error = path + ": " + std::strerror(e);
        return nullptr;
    }
    std::unique_ptr<BackingStore> store(new BackingStore);
    if (!store->init(fd, path, options, error)) return nullptr;
    return store;
}

std::unique_ptr<BackingStore> BackingStore::adopt(int fd, const std::string& displayName, const StoreOptions& options,
                                                  std::string& error) {
    std::unique_ptr<BackingStore> store(new BackingStore);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0) {
        error = displayName + ": not an open file descriptor";
        ::close(fd);
        return nullptr;
    }
#ifdef O_PATH
    if (flags & O_PATH) {
        error = displayName + ": the descriptor only names the file (O_PATH); open it for reading";
        ::close(fd);
        return nullptr;
    }
#endif
    if (options.readOnly ? (flags & O_ACCMODE) == O_WRONLY : (flags & O_ACCMODE) != O_RDWR) {
        error = displayName + (options.readOnly ? ": the descriptor is not open for reading"
                                                : ": the descriptor is not open for reading and writing");
        ::close(fd);
        return nullptr;
    }
#ifdef O_DIRECT
    if (options.direct && !(flags & O_DIRECT) && ::fcntl(fd, F_SETFL, flags | O_DIRECT) < 0) {
        error = displayName + ": the file system does not support direct I/O";
        ::close(fd);
        return nullptr;
    }
#endif
    if (!store->init(fd, displayName, options, error)) return nullptr;
    return store;
}

std::unique_ptr<BackingStore> BackingStore::withOwnIo(std::unique_ptr<os::AsyncIo> io, uint64_t bytes, const std::string& name,
                                                      const StoreOptions& options, std::string& error) {
    std::unique_ptr<BackingStore> store(new BackingStore);
    store->name_ = name;
    store->options_ = options;
    store->everWritable_ = store->ownIoWritable_ = !options.readOnly;
    store->ownIo_ = std::move(io);
    if (!store->setSize(bytes, error)) return nullptr;
    return store;
}

bool BackingStore::canWrite() const {
    if (ownIo_) return ownIoWritable_;
    const int flags = ::fcntl(fd_, F_GETFL);
    return flags >= 0 && (flags & O_ACCMODE) == O_RDWR;
}

bool BackingStore::setReadOnly(bool readOnly, std::string& error) {
    if (!readOnly && !canWrite()) {
        error = name_ + " was opened read-only: it cannot be made writable in place (remove it and export it again read-write)";
        return false;
    }
    options_.readOnly = readOnly;
    everWritable_ = everWritable_ || !readOnly;
    return true;
}

bool BackingStore::init(int fd, const std::string& name, const StoreOptions& options, std::string& error) {
    fd_ = fd;
    name_ = name;
    options_ = options;
    everWritable_ = !options.readOnly;
    struct stat st {};
    if (::fstat(fd, &st) < 0) {
        error = name + ": " + std::strerror(errno);
        return false;
    }
    uint64_t bytes = 0;
    if (S_ISREG(st.st_mode)) {
        bytes = uint64_t(st.st_size);
    } else if (S_ISBLK(st.st_mode)) {
        blockDevice_ = true;
        auto size = os::blockDeviceSize(fd);
        if (!size) {
            error = name + ": cannot read the block device's size: " + std::strerror(errno);
            return false;
        }
        bytes = *size;
    } else {
        error = name + ": not a regular file or block device";
        return false;
    }
    return setSize(bytes, error);
}

bool BackingStore::setSize(uint64_t bytes, std::string& error) {
    const std::string& name = name_;
    const StoreOptions& options = options_;
    fileSectors_ = bytes / 512;
    if (fileSectors_ == 0) {
        error = name + ": " + std::to_string(bytes) + " bytes is smaller than one 512-byte sector";
        return false;
    }
    if (options.offsetSectors >= fileSectors_) {
        error = name + ": offset " + std::to_string(options.offsetSectors) + " too large for " +
                std::to_string(fileSectors_) + "-sector file";
        return false;
    }
    const uint64_t available = fileSectors_ - options.offsetSectors;
    if (options.lengthSectors > available) {
        error = name + ": length " + std::to_string(options.lengthSectors) + " exceeds the " +
                std::to_string(available) + " sectors after the offset";
        return false;
    }
    sectors_ = options.lengthSectors ? options.lengthSectors : available;
    if (options.direct && fd_ >= 0) prepareMisalignedPath();
    if (options.durable && !options.direct && fd_ >= 0) prepareDirectWrites();
    return true;
}

void BackingStore::readDirectAlignment() {
    directAlignment_ = std::max<uint32_t>(512, os::directIoAlignment(fd_).value_or(512));
}

void BackingStore::prepareMisalignedPath() {
    readDirectAlignment();
    if (directAlignment_ <= 512) return;   // every AoE request is a whole number of 512-byte sectors
    bufferedFd_ = os::reopenDescriptor(fd_, false);
    if (bufferedFd_ < 0)
        warning_ = name_ + ": direct I/O needs " + std::to_string(directAlignment_) +
                   "-byte alignment and a second, buffered descriptor could not be opened (" +
                   (errno == EWOULDBLOCK ? std::string("another process holds a lease on the file") : std::strerror(errno)) +
                   "); smaller or misaligned requests will fail";
}

void BackingStore::prepareDirectWrites() {
    // Only where writes may ever happen (a read-only export may be made writable in place).
    if ((::fcntl(fd_, F_GETFL) & O_ACCMODE) != O_RDWR) return;
    readDirectAlignment();
    // Where direct I/O is missing (tmpfs) or the file cannot be opened again, writes go through
    // the page cache, which the sync writes back: as durable, only slower.
    directWriteFd_ = os::reopenDescriptor(fd_, true);
}

bool BackingStore::flush() {
    if (ownIo_) return syncOwnIo();
    // fdatasync works per file: it also covers what went through the buffered descriptor.
    return ::fdatasync(fd_) == 0;
}

bool BackingStore::syncOwnIo() {
    // Called when nothing else is in flight (the engine has stopped): the only completion is ours.
    int result = 1;
    if (!ownIo_->queueDataSync(-1, &result) || !ownIo_->submit()) return false;
    while (result == 1) {
        if (ownIo_->completionFd() >= 0) {
            pollfd p{ownIo_->completionFd(), POLLIN, 0};
            ::poll(&p, 1, 1000);
        }
        ownIo_->reap([&result](void* user, int r) {
            if (user == &result) result = r < 0 ? r : 0;
        });
    }
    if (result < 0) errno = -result;
    return result == 0;
}

}  // namespace qvblade
