// SPDX-License-Identifier: GPL-2.0-or-later
// The operating-system services the engine needs beyond POSIX and libpcap. Everything here
// is implemented in os/linux_*.cpp, and with only POSIX and libpcap in os/posix_*.cpp (the
// portable build, QVBLADE_PORTABLE; docs/architecture.md, "Porting"); os/shared_posix.cpp holds
// what both use. A FreeBSD port supplies the same functions in os/freebsd_*.cpp.
#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/aoe_wire.h"

struct bpf_insn;   // pcap's, <pcap/bpf.h>

namespace qvblade::os {

struct InterfaceInfo {
    std::string name;
    aoe::MacAddress mac;
    uint32_t mtu = 0;
    bool up = false;        // administratively up
    bool running = false;   // carrier
    bool loopback = false;
    unsigned index = 0;     // the kernel's interface index: a new one when an interface is made again
    bool operator==(const InterfaceInfo&) const = default;
};

// Looks up one interface; on failure returns nullopt and a sentence in `error`.
std::optional<InterfaceInfo> interfaceInfo(const std::string& name, std::string& error);
std::vector<InterfaceInfo> listInterfaces();

// Interfaces that appeared, went away or changed (up/down, carrier, MTU, MAC) between two lists
// of listInterfaces(). One made again under the same name (a new index) is removed, then added.
struct LinkChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    InterfaceInfo info;   // Removed: as it was last seen
};
std::vector<LinkChange> diffInterfaces(const std::vector<InterfaceInfo>& before, const std::vector<InterfaceInfo>& after);

// Watches the interfaces (the Ethernet ones listInterfaces() lists) for changes. Linux: an
// rtnetlink socket subscribed to link messages (os/linux_link_watch.cpp); the portable build has
// no such notification and lists the interfaces again every pollIntervalMs() (os/posix_link_watch.cpp).
class LinkWatcher {
public:
    virtual ~LinkWatcher() = default;
    // Polls readable when changes may be waiting; -1: call changes() every pollIntervalMs().
    virtual int fd() const = 0;
    virtual int pollIntervalMs() const = 0;
    // What changed since the previous call (the first call: since the watcher was made). Reads
    // whatever is waiting on fd() without blocking.
    virtual std::vector<LinkChange> changes() = 0;
    // The interfaces as the last changes() (or the start) saw them.
    virtual const std::vector<InterfaceInfo>& current() const = 0;
};
// nullptr with a sentence in `error` when the platform refuses to watch.
std::unique_ptr<LinkWatcher> watchLinks(std::string& error);

// Size in bytes of the block device open on `fd`.
std::optional<uint64_t> blockDeviceSize(int fd);

// The alignment in bytes that direct I/O on `fd` needs for file offsets and lengths (4096 on a
// 4Kn disk), or nullopt when the platform cannot tell.
std::optional<uint32_t> directIoAlignment(int fd);

// True when a read of the file open on `fd` may leave what it read out of the page cache: a hole
// of a file in memory (tmpfs) reads as the shared zero page. Elsewhere a buffered read caches it.
bool readsCanLeaveHoles(int fd);

// A second descriptor for the file open on `fd`, with the same access mode and O_SYNC, with
// O_DIRECT or without, or -1 with errno set (EINVAL: the file system has no direct I/O). Goes
// through the permission check of a fresh open.
int reopenDescriptor(int fd, bool direct);

// Asks for a socket receive buffer of `bytes` and returns what the kernel granted (as it
// reports it), or -1 on error.
int setReceiveBuffer(int fd, int bytes);
// A packet socket passed in by another process (the demo's): attach a compiled BPF program
// (pcap's bpf_insn array) to it, and read (and reset) the frames the kernel dropped on it.
// Linux's packet sockets only; elsewhere the first fails with a sentence and the second is 0.
bool attachSocketFilter(int fd, const bpf_insn* program, unsigned length, std::string& error);
uint64_t takeSocketDrops(int fd);

// The kernel's receive-buffer limits (net.core.rmem_max / rmem_default), if readable.
std::optional<long> rmemMax();
std::optional<long> rmemDefault();
// Bytes of the process's resident memory that are file or tmpfs pages (mapped images, libraries).
std::optional<uint64_t> residentFileBytes();
// Cumulative µs the calling thread spent runnable but waiting for its CPU, if the kernel reports it.
std::optional<uint64_t> threadRunDelayMicros();

// The command lines that raise both limits to `bytes`, for warnings.
std::vector<std::string> rmemFixCommands(long bytes);

// Narrows a packet socket opened for every EtherType (as libpcap opens it) to incoming frames
// of `etherType` on `interface`: frames of other types and frames other sockets send are then
// never cloned and filtered for it. Returns false with errno set if it cannot be rebound.
bool receiveOnlyEtherType(int fd, const std::string& interface, uint16_t etherType);

// A frame to send, in one piece or two (the headers from a slot, the data from a mapping).
struct OutFrame {
    iovec pieces[2];
    int pieceCount;
};

// Opens a send-only packet socket on `interface` on which sendFrames() can say how many of a
// frame's first bytes the kernel keeps in its buffer's head: the rest then starts a page, so data
// sent from a page-aligned mapping is copied from page offset 0 to page offset 0, clear of 4K
// aliasing (core/buffer_layout.h). Returns the descriptor, or -1 with errno set.
int openSendSocket(const std::string& interface);
// Sends `count` frames on a bound packet socket in as few system calls as the platform allows.
// `headBytes`: for a socket from openSendSocket, the head (every frame at least that long);
// 0 for any other socket. Returns how many were sent (stops at the first failure, errno set).
int sendFrames(int fd, const OutFrame* frames, int count, size_t headBytes);

// Asynchronous file I/O. Completions carry the caller's pointer and the result (bytes, or -errno).
class AsyncIo {
public:
    virtual ~AsyncIo() = default;
    // Tries the transfer at once without ever blocking (a page-cache hit): returns the bytes
    // transferred, -EAGAIN when the whole transfer cannot be done now (then queue it), or
    // -EOPNOTSUPP when the file system has no non-blocking mode. Far cheaper than a round trip
    // through a kernel worker thread when the data is cached.
    virtual int tryReadNow(int fd, void* buf, size_t len, uint64_t offset) = 0;
    // Writes take a vector: adjacent writes are gathered into one call (core/write_run.h).
    virtual int tryWriteNow(int fd, const iovec* iov, int count, uint64_t offset) = 0;
    // Each returns false when the submission queue is full: call submit() and retry.
    virtual bool queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) = 0;
    virtual bool queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) = 0;
    virtual bool queueDataSync(int fd, void* user) = 0;
    // Hands queued operations to the kernel; returns false with errno on failure.
    virtual bool submit() = 0;
    // Descriptor that polls readable when completions may be waiting (-1: poll with timeout 0).
    virtual int completionFd() const = 0;
    // Calls `done` for every finished operation; returns how many.
    virtual size_t reap(const std::function<void(void* user, int result)>& done) = 0;
    virtual size_t inFlight() const = 0;
    virtual const char* name() const = 0;
};

// io_uring with `depth` entries; nullptr (and a reason) when the kernel or sandbox refuses it.
// Linux only.
std::unique_ptr<AsyncIo> makeIoUring(unsigned depth, std::string& why);
// The platform's asynchronous file I/O with room for `depth` operations: io_uring on Linux, a
// thread pool (core/thread_pool_io.h) in the portable build; nullptr (and a reason) if refused.
std::unique_ptr<AsyncIo> makeAsyncIo(unsigned depth, std::string& why);

}  // namespace qvblade::os
