// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/engine.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "core/buffer_layout.h"
#include "core/busy_poll_governor.h"
#include "core/file_io.h"
#include "core/sync_io.h"

namespace qvblade {

using namespace aoe;

namespace {

constexpr int kReceiveBatch = 64;           // frames taken from one port before serving the next
constexpr unsigned kIoDepth = 512;
constexpr int kStatsIntervalMs = 250;
// Image pages mapped in for replies (core/image_map.h) beyond which they are dropped even while busy.
constexpr uint64_t kMappedResidentBudget = uint64_t(1) << 30;

// Bytes a slot needs for the largest reply: data of a full frame, IDENTIFY, or a full config string.
size_t slotBytes(uint32_t maxSectors) {
    const size_t data = std::max<size_t>({size_t(maxSectors) * ata::kSectorSize, 512, kMaxConfigString});
    return (data + kPageBytes - 1) / kPageBytes * kPageBytes;
}

}  // namespace

Engine::ExportEntry::~ExportEntry() { std::free(memory); }

Engine::Engine(EngineOptions options) : Engine(options, nullptr) {}

Engine::Engine(EngineOptions options, std::unique_ptr<os::AsyncIo> io) : options_(options), io_(std::move(io)) {
    if (!io_ && options_.asyncIo) {
        std::string why;
        io_ = os::makeAsyncIo(kIoDepth, why);
    }
    if (!io_) io_ = std::make_unique<SyncIo>();
    if (::pipe(wakePipe_) == 0) {
        for (int fd : wakePipe_) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK), ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
}

Engine::~Engine() {
    for (int fd : wakePipe_)
        if (fd >= 0) ::close(fd);
}

std::shared_ptr<ExportTarget> Engine::addExport(ExportSettings settings, std::unique_ptr<BackingStore> store,
                                                std::string& error, std::unique_ptr<PacketPort> port) {
    const std::string name = "e" + std::to_string(settings.shelf) + "." + std::to_string(settings.slot);
    if (settings.shelf > kMaxShelf) { error = "shelf " + std::to_string(settings.shelf) + " is out of range 0-65534"; return nullptr; }
    if (settings.slot > kMaxSlot) { error = "slot " + std::to_string(settings.slot) + " is out of range 0-254"; return nullptr; }
    if (settings.bufferCount < kMinBufferCount || settings.bufferCount > kMaxBufferCount) {
        error = "buffer count " + std::to_string(settings.bufferCount) + " is out of range " +
                std::to_string(kMinBufferCount) + "-" + std::to_string(kMaxBufferCount) +
                " (the Linux initiator keeps half of it in flight)";
        return nullptr;
    }
    if (settings.configString.size() > kMaxConfigString) { error = "config string is longer than 1024 bytes"; return nullptr; }
    if (settings.allowedMacs.size() > kMaskListCapacity) {
        error = "at most " + std::to_string(kMaskListCapacity) + " MAC addresses fit the mask list";
        return nullptr;
    }
    if (settings.interfaces.empty()) { error = "no interface given"; return nullptr; }
    if (!store) { error = "no backing store"; return nullptr; }
    if (port && (settings.interfaces.size() != 1 || settings.interfaces.front() != port->info().name)) {
        error = "an adopted port must be the export's only interface";
        return nullptr;
    }
    if (port && ports_.count(port->info().name)) {
        error = "a port named " + port->info().name + " is still open";
        return nullptr;
    }
    std::sort(settings.interfaces.begin(), settings.interfaces.end());
    settings.interfaces.erase(std::unique(settings.interfaces.begin(), settings.interfaces.end()), settings.interfaces.end());

    // Check everything before changing anything, so a failure leaves the engine as it was.
    std::vector<std::unique_ptr<Port>> opened;
    std::vector<Port*> ports;
    for (const std::string& ifname : settings.interfaces) {
        auto it = ports_.find(ifname);
        if (it != ports_.end()) {
            for (const ExportEntry* e : it->second->exports)
                if (e->target->shelf() == settings.shelf && e->target->slot() == settings.slot) {
                    error = name + " is already exported on " + ifname;
                    return nullptr;
                }
            ports.push_back(it->second.get());
            continue;
        }
        auto io = port ? std::move(port) : PacketPort::open(ifname, error);
        if (!io) return nullptr;
        auto port = std::make_unique<Port>();
        port->context.mac = io->info().mac;
        port->context.maxSectors = ata::sectorsPerFrame(io->info().mtu);
        if (port->context.maxSectors < 1) {
            error = "interface " + ifname + " has an MTU of " + std::to_string(io->info().mtu) +
                    ", too small for one 512-byte sector per frame";
            return nullptr;
        }
        port->io = std::move(io);
        ports.push_back(port.get());
        opened.push_back(std::move(port));
    }

    // The kernel filter of each port must let the new address through before anything is
    // committed; a port left accepting it after a later failure only sees frames it ignores.
    for (Port* p : ports)
        if (!setReceiveFilter(*p, AoeAddress{settings.shelf, settings.slot}, error)) return nullptr;

    auto entry = std::make_unique<ExportEntry>();
    uint32_t maxSectors = 1;
    for (const Port* p : ports) maxSectors = std::max(maxSectors, p->context.maxSectors);
    // The data starts replyDataOffset() into the slot (core/buffer_layout.h: clear of 4K aliasing),
    // or one page in, leaving the headers room.
    const size_t dataOffset = replyDataOffset(store->options().direct);
    const size_t dataStart = dataOffset ? dataOffset : kPageBytes;
    const size_t perSlot = kPageBytes + slotBytes(maxSectors);
    entry->memory = static_cast<uint8_t*>(std::aligned_alloc(kPageBytes, perSlot * (settings.bufferCount + 1u)));
    if (!entry->memory) { error = "out of memory for " + std::to_string(settings.bufferCount) + " buffers"; return nullptr; }
    entry->slotSectors = uint32_t(slotBytes(maxSectors) / ata::kSectorSize);
    entry->slotPool.resize(settings.bufferCount);
    for (size_t i = 0; i < entry->slotPool.size(); ++i) {
        Slot& s = entry->slotPool[i];
        s.frame = entry->memory + i * perSlot + dataStart - off::kAtaData;
        s.owner = entry.get();
        entry->freeSlots.push_back(&s);
    }
    entry->spare.frame = entry->memory + entry->slotPool.size() * perSlot + dataStart - off::kAtaData;
    entry->spare.owner = entry.get();
    if (options_.mapReads && !options_.nullStore) entry->map = ImageMap::create(*store);
    for (int i = 0; i < GroupCommit::kMaxSyncs; ++i) {
        auto& sync = entry->commitSyncs[size_t(i)];
        sync.commit = true;
        sync.owner = entry.get();
        sync.index = i;
    }
    entry->target = std::make_shared<ExportTarget>(std::move(settings), std::move(store));
    entry->ports = ports;

    {
        std::lock_guard lock(exportsMutex_);
        for (auto& p : opened) ports_.emplace(p->io->info().name, std::move(p));
        for (Port* p : ports) p->exports.push_back(entry.get());
        exports_.push_back(std::move(entry));
    }
    ExportEntry& added = *exports_.back();
    for (Port* p : ports) {
        resizeReceiveBuffer(*p);
        announce(added, *p);
    }
    flushPorts();
    return added.target;
}

bool Engine::removeExport(uint16_t shelf, uint8_t slot) {
    std::lock_guard lock(exportsMutex_);
    for (auto& e : exports_) {
        if (e->removed || e->target->shelf() != shelf || e->target->slot() != slot) continue;
        e->removed = true;
        for (Port* p : e->ports) {
            std::erase(p->exports, e.get());
            // Failing, the port keeps accepting the address's frames, and ignores them.
            std::string ignored;
            setReceiveFilter(*p, std::nullopt, ignored);
        }
        // The entry itself goes once its in-flight I/O has completed (collectRemoved).
        return true;
    }
    return false;
}

bool Engine::setPaused(uint16_t shelf, uint8_t slot, bool paused) {
    std::lock_guard lock(exportsMutex_);
    for (auto& e : exports_)
        if (!e->removed && e->target->shelf() == shelf && e->target->slot() == slot) {
            e->paused = paused;
            return true;
        }
    return false;
}

bool Engine::setExportOptions(uint16_t shelf, uint8_t slot, const OptionsChange& change, std::string& error) {
    std::lock_guard lock(exportsMutex_);
    for (auto& e : exports_) {
        if (e->removed || e->target->shelf() != shelf || e->target->slot() != slot) continue;
        ExportTarget& t = *e->target;
        if (change.readOnly && !*change.readOnly && !t.store().canWrite()) {
            error = t.name() + " cannot be made writable: its image was opened read-only (remove it and export it again read-write)";
            return false;
        }
        if (change.allowedMacs && change.allowedMacs->size() > t.masks().capacity()) {
            error = "a Mac Mask List holds at most " + std::to_string(t.masks().capacity()) + " addresses";
            return false;
        }
        // Both checked: neither can fail now.
        if (change.readOnly && !t.setReadOnly(*change.readOnly, error)) return false;
        if (change.allowedMacs && !t.setAllowedMacs(*change.allowedMacs, error)) return false;
        return true;
    }
    error = "e" + std::to_string(shelf) + "." + std::to_string(slot) + " is not exported";
    return false;
}

bool Engine::isPaused(uint16_t shelf, uint8_t slot) const {
    std::lock_guard lock(exportsMutex_);
    for (const auto& e : exports_)
        if (!e->removed && e->target->shelf() == shelf && e->target->slot() == slot) return e->paused;
    return false;
}

std::vector<std::shared_ptr<ExportTarget>> Engine::exports() const {
    std::lock_guard lock(exportsMutex_);
    std::vector<std::shared_ptr<ExportTarget>> out;
    for (const auto& e : exports_)
        if (!e->removed) out.push_back(e->target);
    return out;
}

std::vector<PortStatus> Engine::ports() const {
    std::lock_guard lock(exportsMutex_);
    std::vector<PortStatus> out;
    for (const auto& [name, p] : ports_) {
        PortStatus s{name, p->io->info(), &p->io->counters(), p->rmem, {}};
        for (const ExportEntry* e : p->exports) s.exports.push_back(e->target->name());
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Engine::Advertised> Engine::advertised(const std::string& interface) const {
    std::vector<Advertised> out;
    const auto it = ports_.find(interface);
    if (it == ports_.end()) return out;
    const Port& port = *it->second;
    for (const ExportEntry* e : port.exports)
        if (!e->removed) out.push_back({e->target, port.context.mac, e->target->advert(port.context), e->paused});
    return out;
}

void Engine::resizeReceiveBuffer(Port& port) {
    uint32_t outstanding = 0;
    for (const ExportEntry* e : port.exports) outstanding += e->target->settings().bufferCount;
    RmemAdvice advice = computeRmemAdvice(port.io->info().name, port.io->info().mtu, outstanding);
    advice.grantedBytes = port.io->sizeReceiveBuffer(int(std::min<uint64_t>(advice.requiredBytes, INT32_MAX)));
    std::lock_guard lock(exportsMutex_);   // ports() reads it from other threads
    port.rmem = std::move(advice);
}

bool Engine::setReceiveFilter(Port& port, std::optional<AoeAddress> adding, std::string& error) {
    std::vector<AoeAddress> exported;
    for (const ExportEntry* e : port.exports) exported.push_back({e->target->shelf(), e->target->slot()});
    if (adding) exported.push_back(*adding);
    // A port without exports is about to close (collectRemoved): what it accepts no longer matters.
    if (exported.empty()) return true;
    return port.io->setReceiveFilter(exported, error);
}

bool Engine::linkChanged(const os::InterfaceInfo& now, std::string& error) {
    const auto it = ports_.find(now.name);
    if (it == ports_.end()) return true;
    Port& port = *it->second;
    const bool wasUp = port.linkUp;
    port.linkUp = now.up && now.running;
    const os::InterfaceInfo& had = port.io->info();
    // An adopted port (the demo's) is not the interface of that name in this namespace.
    const bool adopted = now.name.find(':') != std::string::npos;
    if (!adopted && now.up && (now.index != had.index || now.mtu != had.mtu)) {
        auto io = PacketPort::open(now.name, error);
        if (!io) return false;
        // The slots were sized when the exports were added: a larger MTU carries no more than they hold.
        uint32_t maxSectors = ata::sectorsPerFrame(io->info().mtu);
        for (const ExportEntry* e : port.exports) maxSectors = std::min(maxSectors, e->slotSectors);
        if (maxSectors < 1) {
            error = "interface " + now.name + " has an MTU of " + std::to_string(now.mtu) +
                    ", too small for one 512-byte sector per frame";
            return false;
        }
        const PortCounters& before = port.io->counters();
        PortCounters& after = io->counters();
        for (auto [from, to] : {std::pair{&before.framesIn, &after.framesIn}, {&before.framesOut, &after.framesOut},
                                {&before.bytesIn, &after.bytesIn}, {&before.bytesOut, &after.bytesOut},
                                {&before.ignored, &after.ignored}, {&before.malformed, &after.malformed},
                                {&before.sendErrors, &after.sendErrors}, {&before.kernelDrops, &after.kernelDrops},
                                {&before.interfaceDrops, &after.interfaceDrops}})
            bump(*to, read(*from));
        flushPorts();   // nothing queued may stay behind on the old socket
        {
            std::lock_guard lock(exportsMutex_);   // ports() reads the port from other threads
            port.io = std::move(io);
            port.context.mac = port.io->info().mac;
            port.context.maxSectors = maxSectors;
        }
        if (!setReceiveFilter(port, std::nullopt, error)) return false;
        resizeReceiveBuffer(port);
    }
    // Back on the wire: initiators that saw the target vanish learn at once that it is here.
    if (port.linkUp && !wasUp)
        for (ExportEntry* e : port.exports)
            if (!e->paused) announce(*e, port);
    flushPorts();
    return true;
}

void Engine::refreshReceiveBuffers() {
    for (auto& [name, port] : ports_) resizeReceiveBuffer(*port);
}

void Engine::announce(ExportEntry& entry, Port& port) {
    for (const MacAddress& dst : entry.target->announcementTargets()) {
        if (entry.freeSlots.empty()) return;
        Slot* slot = entry.freeSlots.back();
        entry.freeSlots.pop_back();
        slot->port = &port;
        slot->outcome = {};
        queueReply(slot, entry.target->buildAnnouncement(slot->frame, port.context, dst));
    }
}

void Engine::onFrame(const uint8_t* frame, size_t length) {
    Port& port = *currentPort_;
    PortCounters& pc = port.io->counters();
    bump(pc.framesIn);
    bump(pc.bytesIn, length);
    if (observer_) observer_(Direction::In, port.io->info().name, frame, length);
    if (length < off::kArg) { bump(pc.malformed); return; }
    const HeaderView h{frame};
    if (h.etherType() != kEtherType) { bump(pc.ignored); return; }
    if (h.isResponse()) { onResponse(port, h); return; }
    const MacAddress dst = h.destination();
    if (dst != port.context.mac && !dst.isBroadcast()) { bump(pc.ignored); return; }
    bool matched = false;
    for (ExportEntry* e : port.exports) {
        if (e->paused || !e->target->addressedBy(h.shelf(), h.slot())) continue;
        matched = true;
        dispatch(*e, frame, length);
    }
    if (!matched) bump(pc.ignored);
}

void Engine::onResponse(Port& port, const HeaderView& h) {
    bool conflict = false;
    const MacAddress peer = h.source();
    for (ExportEntry* e : port.exports) {
        // Responses carry the responder's real address: a broadcast one is nobody's.
        if (e->target->shelf() != h.shelf() || e->target->slot() != h.slot() || peer == port.context.mac) continue;
        conflict = true;
        ExportCounters& c = e->target->counters();
        bump(c.addressConflicts);
        if (c.noteConflictPeer(peer) && conflictObserver_) conflictObserver_(*e->target, port.io->info().name, peer);
    }
    if (!conflict) bump(port.io->counters().ignored);
}

void Engine::dispatch(ExportEntry& entry, const uint8_t* frame, size_t length) {
    // Slots whose replies are only queued are as good as free: send those replies now rather
    // than drop a burst (several initiators at once, or one that ignores the buffer count).
    if (entry.freeSlots.empty()) {
        flushWriteRun();
        flushPorts();
    }
    if (entry.freeSlots.empty()) {
        // A retransmission of a request in flight (below, in the spare slot: only ATA requests,
        // whose handling changes nothing but counters) joins it: the initiator waits for its tag.
        if (entry.target->store().ownIo() && HeaderView{frame}.command() == uint8_t(Command::Ata)) {
            Slot& spare = entry.spare;
            spare.port = currentPort_;
            spare.outcome = entry.target->handle(frame, length, currentPort_->context, spare.frame);
            if (joinRetransmission(entry, spare, frame)) {
                bump(entry.target->counters().retransmitsJoined);
                return;
            }
        }
        // Every buffer is in flight: drop, as a full NIC queue would; the initiator retransmits.
        bump(entry.target->counters().busyDrops);
        return;
    }
    Slot* slot = entry.freeSlots.back();
    entry.freeSlots.pop_back();
    slot->port = currentPort_;
    slot->outcome = entry.target->handle(frame, length, currentPort_->context, slot->frame);
    switch (slot->outcome.action) {
    case Outcome::Action::Drop:
        entry.freeSlots.push_back(slot);
        return;
    case Outcome::Action::Reply:
        queueReply(slot, slot->outcome.replyLength);
        return;
    default:
        // Only for stores with their own I/O: an RBD image's I/O may wait for an OSD for seconds
        // or until it is back, and the initiator retransmits each request with a new tag every
        // round-trip timeout. Queued again each time, the copies would hold every slot (and
        // librbd's queue) while the initiator only waits for the newest tag; with
        // --ceph-osd-timeout their failures then answered tags it had given up, and it never saw
        // one. Files answer within a disk's latency: the check stays off their hot path.
        if (entry.target->store().ownIo() && joinRetransmission(entry, *slot, frame)) {
            bump(entry.target->counters().retransmitsJoined);
            entry.freeSlots.push_back(slot);
            return;
        }
        startIo(slot, frame);
        return;
    }
}

bool Engine::joinRetransmission(ExportEntry& entry, const Slot& slot, const uint8_t* request) {
    const Outcome& o = slot.outcome;
    if (o.action != Outcome::Action::Read && o.action != Outcome::Action::Write) return false;
    for (Slot& s : entry.slotPool) {
        if (!s.queued || s.port != slot.port || s.outcome.action != o.action || s.outcome.fileOffset != o.fileOffset ||
            s.outcome.bytes != o.bytes)
            continue;
        // The same initiator (the reply's destination), and for a write the same data: a new
        // write of other data to the same sectors is not a retransmission.
        if (std::memcmp(s.frame + off::kDst, slot.frame + off::kDst, 6) != 0) continue;
        if (o.action == Outcome::Action::Write &&
            std::memcmp(s.frame + off::kAtaData, request + off::kAtaData, o.bytes) != 0)
            continue;
        std::memcpy(s.frame + off::kTag, slot.frame + off::kTag, 4);
        return true;
    }
    return false;
}

void Engine::startIo(Slot* slot, const uint8_t* request) {
    const Outcome& o = slot->outcome;
    uint8_t* data = slot->frame + off::kAtaData;
    if (options_.nullStore && o.action != Outcome::Action::Flush) {
        finishIo(slot, int(o.bytes));
        return;
    }
    const BackingStore& store = slot->owner->target->store();
    const bool write = o.action == Outcome::Action::Write;
    const int fd = store.fdFor(o.fileOffset, o.bytes, write);
    // Page-cache hits are served inline: a trip through the kernel's worker threads costs
    // far more than the copy. Direct I/O always waits for the device: queue it. (A durable
    // export's writes are answered once a sync covers them, finishIo.)
    const bool inlineIo = !store.bypassesCache(o.fileOffset, o.bytes, write) && o.action != Outcome::Action::Flush;
    // Replies still to be sent from a map must carry the data as it was when they were read.
    if (o.action == Outcome::Action::Write && mappedRepliesQueued_) flushPorts();
    // The capture ring takes the request's bytes back after this call: a write's data moves to
    // the slot's aligned buffer (which O_DIRECT needs anyway) for the run or the queue.
    if (o.action == Outcome::Action::Write) std::memcpy(data, request + off::kAtaData, o.bytes);
    if (inlineIo && o.action == Outcome::Action::Write) {
        if (!writeRun_.accepts(fd, o.fileOffset, o.bytes)) flushWriteRun();
        writeRun_.add(fd, data, o.bytes, o.fileOffset, slot);
        return;
    }
    // A read or flush may depend on the writes before it in this batch: those go first.
    flushWriteRun();
    // Not while an observer watches the replies: it must see the data, and copying it from the
    // mapping here would be a load in user space, which dies of SIGBUS where the file has shrunk
    // underneath the mapping (a client's file may shrink at any time). The read path below copies
    // in the kernel, which reports a short file instead. Watching is not the hot path.
    if (inlineIo && o.action == Outcome::Action::Read && slot->owner->map && !observer_) {
        slot->mappedData = slot->owner->map->cachedRange(o.fileOffset, o.bytes);
        if (slot->mappedData) {
            bump(slot->owner->target->counters().mappedReads);
            finishIo(slot, int(o.bytes));
            return;
        }
    }
    if (inlineIo) {
        bool& blocking = slot->owner->blockingReads;
        int r = -EOPNOTSUPP;
        if (!blocking) {
            r = io_->tryReadNow(fd, data, o.bytes, o.fileOffset);
            blocking = r == -EOPNOTSUPP;
        }
        if (blocking) r = readFully(fd, data, o.bytes, o.fileOffset);
        if (r != -EAGAIN) {
            finishIo(slot, r);
            return;
        }
    }
    queueIo(slot);
}

void Engine::queueIo(Slot* slot) {
    const Outcome& o = slot->outcome;
    uint8_t* data = slot->frame + off::kAtaData;
    const BackingStore& store = slot->owner->target->store();
    const int fd = store.fdFor(o.fileOffset, o.bytes, o.action == Outcome::Action::Write);
    // A store with an I/O engine of its own (an RBD image) takes its transfers there.
    os::AsyncIo& io = store.ownIo() ? *store.ownIo() : *io_;
    IoUser* user = slot;   // reapCompletions tells a slot from a commit's sync by it
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool queued = false;
        switch (o.action) {
        case Outcome::Action::Read: queued = io.queueRead(fd, data, o.bytes, o.fileOffset, user); break;
        case Outcome::Action::Write: queued = io.queueWrite(fd, data, o.bytes, o.fileOffset, user); break;
        case Outcome::Action::Flush: queued = io.queueDataSync(fd, user); break;
        default: break;
        }
        if (queued) {
            slot->queued = true;
            if (holdsCommit(*slot)) ++slot->owner->writesQueued;
            return;
        }
        io.submit();  // the submission queue is full: hand it over and try once more
    }
    finishIo(slot, -EAGAIN);
}

void Engine::flushWriteRun() {
    if (writeRun_.empty()) return;
    ExportEntry& owner = *static_cast<Slot*>(writeRun_.firstUser())->owner;
    const size_t joined = writeRun_.size() - 1;
    const bool inOneCall = writeRun_.flush(*io_, owner.blockingWrites, [this](void* user, int result) {
        Slot* slot = static_cast<Slot*>(user);
        if (result == -EAGAIN) queueIo(slot);   // not without blocking: the data is in the slot
        else finishIo(slot, result);
    });
    if (inOneCall) bump(owner.target->counters().mergedWrites, joined);
}

void Engine::finishIo(Slot* slot, int result) {
    ExportTarget& target = *slot->owner->target;
    const Outcome& o = slot->outcome;
    if (slot->queued && holdsCommit(*slot)) --slot->owner->writesQueued;
    slot->queued = false;
    if (ImageMap* map = slot->owner->map.get(); map && result == int(o.bytes) && !slot->mappedData) {
        if (o.action == Outcome::Action::Write) map->noteWritten(o.fileOffset, o.bytes);
        else if (o.action == Outcome::Action::Read) map->noteRead(o.fileOffset, o.bytes);
    }
    // A durable export's write is answered only once a sync started after it reached the file
    // has returned (core/group_commit.h); a failed write is answered at once, with its error.
    // A store with its own I/O completes a write only once it is on stable storage (an RBD image
    // with librbd's cache off: RADOS acknowledges a write when every replica has committed it).
    if (o.action == Outcome::Action::Write && result == int(o.bytes) && !options_.nullStore &&
        target.store().options().durable && !target.store().ownIo()) {
        slot->owner->commit.written(slot, result);
        return;
    }
    answerIo(slot, result);
}

void Engine::answerIo(Slot* slot, int result) {
    if (slot->owner->removed) {
        // Nobody to answer for; the write itself has happened.
        release(slot);
        return;
    }
    queueReply(slot, slot->owner->target->complete(slot->frame, slot->outcome, result));
}

void Engine::commitWrites() {
    for (auto& e : exports_) {
        // A sync started now would cover the writes reaped so far and leave the rest of their
        // burst to a second one: with direct writes that halved the IOPS (docs/performance.md).
        if (e->writesQueued) continue;
        const int index = e->commit.syncToStart();
        if (index < 0) continue;
        // fdatasync works per file: it also covers writes through a direct export's buffered descriptor.
        const int fd = e->target->store().fd();
        IoUser* user = &e->commitSyncs[size_t(index)];
        if (!io_->queueDataSync(fd, user) && !(io_->submit() && io_->queueDataSync(fd, user)))
            continue;   // the queue is full of I/O whose completions come first; tried again then
        e->commit.started(index);
    }
}

void Engine::commitDone(const ExportEntry::CommitSync& sync, int result) {
    sync.owner->commit.finished(sync.index, result, [this](void* user, int r) { answerIo(static_cast<Slot*>(user), r); });
}

void Engine::queueReply(Slot* slot, size_t length) {
    // Nothing here reads the mapped data: only the kernel does, when it sends it (startIo keeps
    // watched replies off the mapping, and the observer is set only between rounds).
    length = padFrame(slot->frame, length);
    ExportCounters& c = slot->owner->target->counters();
    bump(c.framesOut);
    bump(c.bytesOut, length);
    if (observer_) observer_(Direction::Out, slot->port->io->info().name, slot->frame, length);
    if (slot->mappedData) {
        slot->port->io->queue(slot->frame, slot->mappedData, length - off::kAtaData);
        slot->owner->map->noteSent(length - off::kAtaData);
        ++mappedRepliesQueued_;
    } else {
        slot->port->io->queue(slot->frame, length);
    }
    slot->port->sent.push_back(slot);
}

void Engine::release(Slot* slot) {
    slot->mappedData = nullptr;
    slot->owner->freeSlots.push_back(slot);
}

size_t Engine::reapCompletions() {
    const auto done = [this](void* user, int result) {
        IoUser* u = static_cast<IoUser*>(user);
        if (u->commit) commitDone(*static_cast<ExportEntry::CommitSync*>(u), result);
        else finishIo(static_cast<Slot*>(u), result);
    };
    size_t n = io_->reap(done);
    // (Finishing I/O never adds or erases an export: collectRemoved runs after this.)
    for (auto& e : exports_)
        if (os::AsyncIo* own = e->target->store().ownIo()) n += own->reap(done);
    return n;
}

void Engine::submitIo() {
    io_->submit();
    for (auto& e : exports_)
        if (os::AsyncIo* own = e->target->store().ownIo()) own->submit();
}

size_t Engine::ioInFlight() const {
    size_t n = io_->inFlight();
    for (const auto& e : exports_)
        if (const os::AsyncIo* own = e->target->store().ownIo()) n += own->inFlight();
    return n;
}

void Engine::flushPorts() {
    for (auto& [name, port] : ports_) {
        if (port->sent.empty()) continue;
        if (!port->io->flush())
            for (const PacketPort::Failure& f : port->io->failures()) {
                Slot*& s = port->sent[f.index];
                // Mapped data the kernel could not read: past the end of a file that shrank, or a
                // page that could not be read in (what a load in user space would die of, SIGBUS).
                // Anything else was lost on the way, as on the wire: the initiator retransmits.
                if (s->mappedData && f.error == EFAULT) unreadable_.push_back(std::exchange(s, nullptr));
            }
        for (Slot* s : port->sent)
            if (s) release(s);
        port->sent.clear();
        if (unreadable_.empty()) continue;
        for (Slot* s : unreadable_) answerUnreadable(s);
        unreadable_.clear();
        // These replies carry no mapped data; one lost now is retransmitted.
        port->io->flush();
        for (Slot* s : port->sent) release(s);
        port->sent.clear();
    }
    mappedRepliesQueued_ = 0;
}

void Engine::answerUnreadable(Slot* slot) {
    ExportEntry& owner = *slot->owner;
    slot->mappedData = nullptr;
    // What the map learnt may no longer hold for any page: it learns them again through pread,
    // which sees the file as it is now (and answers a read past its end with a short count).
    owner.map->forget();
    if (owner.removed) {
        release(slot);
        return;
    }
    ExportTarget& target = *owner.target;
    // Counted as a read sent from the mapping, in a frame of that length: it is neither.
    ExportCounters& c = target.counters();
    c.mappedReads.fetch_sub(1, std::memory_order_relaxed);
    c.framesOut.fetch_sub(1, std::memory_order_relaxed);
    c.bytesOut.fetch_sub(off::kAtaData + slot->outcome.bytes, std::memory_order_relaxed);   // never padded: a sector or more
    // The initiator gets the media error a short read gets, now, rather than garbage or silence.
    queueReply(slot, target.failCompletedRead(slot->frame, slot->outcome));
}

void Engine::tickImageMaps() {
    bool used = false;
    for (auto& e : exports_) used = used || (e->map && e->map->usedSinceTrim());
    if (!used) return;
    const bool overBudget = os::residentFileBytes().value_or(0) > kMappedResidentBudget;
    for (auto& e : exports_)
        if (e->map) e->map->tick(overBudget);
}

void Engine::collectRemoved() {
    std::lock_guard lock(exportsMutex_);
    std::erase_if(exports_, [](const std::unique_ptr<ExportEntry>& e) {
        return e->removed && e->freeSlots.size() == e->slotPool.size() && !e->commit.syncing();
    });
    // Close ports nobody uses any more.
    std::erase_if(ports_, [](const auto& kv) { return kv.second->exports.empty() && kv.second->sent.empty(); });
}

void Engine::requestStop() {
    stopRequested_.store(true);
    wake();
}

void Engine::wake() {
    woken_.store(true);
    const char c = 'w';
    [[maybe_unused]] ssize_t r = ::write(wakePipe_[1], &c, 1);
}

void Engine::post(std::function<void()> task) {
    {
        std::lock_guard lock(postedMutex_);
        posted_.push_back(std::move(task));
    }
    wake();
}

void Engine::runPosted() {
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard lock(postedMutex_);
        tasks.swap(posted_);
    }
    for (auto& t : tasks) t();
}

void Engine::drainWakePipe() {
    char buf[64];
    while (::read(wakePipe_[0], buf, sizeof buf) > 0) {}
}

bool Engine::run() {
    std::vector<pollfd> fds;
    std::vector<Port*> polled;
    auto lastStats = std::chrono::steady_clock::now();
    auto lastWork = lastStats - std::chrono::hours(1);
    BusyPollGovernor busyPoll(std::chrono::microseconds(options_.busyPollMicros));
    const bool watchRunDelay = options_.busyPollMicros > 0;
    // The kernel's count of the time this thread waited for its CPU, or the spin's own estimate
    // where the kernel has none (made only when the governor reads it).
    const bool estimateRunDelay = watchRunDelay && !os::threadRunDelayMicros();
    SpinGapRunDelay spinGaps;
    bool idleSpinRound = false;   // the last round did not wait and found nothing
    const auto runDelay = [&]() -> std::optional<uint64_t> {
        return estimateRunDelay ? spinGaps.micros() : os::threadRunDelayMicros();
    };
    bool spinOpen = false;   // spinning since a round that found nothing
    if (watchRunDelay) busyPoll.sample(lastStats, runDelay());
    while (!stopRequested_.load()) {
        fds.clear();
        polled.clear();
        fds.push_back({wakePipe_[0], POLLIN, 0});
        fds.push_back({io_->completionFd(), POLLIN, 0});   // -1 is ignored by poll
        for (auto& [name, port] : ports_) {
            fds.push_back({port->io->pollFd(), POLLIN, 0});
            polled.push_back(port.get());
        }
        // Stores with I/O of their own (RBD images): their completion descriptors, after the ports.
        bool ownIoUnpollable = false;
        for (auto& e : exports_)
            if (const os::AsyncIo* own = e->target->store().ownIo()) {
                fds.push_back({own->completionFd(), POLLIN, 0});
                ownIoUnpollable = ownIoUnpollable || (own->completionFd() < 0 && own->inFlight());
            }
        const auto beforePoll = std::chrono::steady_clock::now();
        if (estimateRunDelay) spinGaps.roundStarts(beforePoll, idleSpinRound);
        const bool spinning = beforePoll - lastWork < busyPoll.window(beforePoll);
        if (spinOpen && !spinning) {   // the window ran out before the next frame
            busyPoll.noteSpin(false);
            spinOpen = false;
        }
        const int timeout = spinning || (io_->completionFd() < 0 && io_->inFlight()) || ownIoUnpollable ? 0 : kStatsIntervalMs;
        // A spinning round leaves the wake pipe out (each descriptor costs poll() a look of its
        // own; the wake flag is plain memory). The completion ring stays in although it is reaped
        // from memory below: without it direct-I/O reads were 2-9 % slower (docs/performance.md,
        // "The completion ring in spinning rounds"), for a reason not found.
        if (timeout == 0) fds[0].fd = -1;
        if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) return false;
        if (fds[0].revents || (timeout == 0 && woken_.load())) {
            woken_.store(false);
            drainWakePipe();
            runPosted();
            if (wakeHook_) wakeHook_();
        }
        // Every stats tick each ring is also read without waiting for poll(): a safety net
        // against a lost wake-up (it costs no system call on a memory-mapped ring).
        const auto now = std::chrono::steady_clock::now();
        const bool statsTick = now - lastStats > std::chrono::milliseconds(kStatsIntervalMs);
        size_t work = 0;
        for (size_t i = 0; i < polled.size(); ++i) {
            if (!statsTick && !(fds[i + 2].revents & POLLIN)) continue;
            currentPort_ = polled[i];
            work += size_t(std::max(0, polled[i]->io->receive(*this, kReceiveBatch)));
            currentPort_ = nullptr;
        }
        flushWriteRun();
        commitWrites();
        submitIo();
        work += reapCompletions();
        // Writes answered by a sync that returned just now had successors waiting: sync those at once.
        commitWrites();
        io_->submit();
        if (work) lastWork = now;
        // A spin starts with the first round that finds nothing while spinning.
        if (work && spinOpen) busyPoll.noteSpin(true), spinOpen = false;
        else if (!work && spinning) spinOpen = true;
        idleSpinRound = timeout == 0 && work == 0;
        flushPorts();
        collectRemoved();
        if (statsTick) {
            for (auto& [name, port] : ports_) port->io->updateDropCounters();
            tickImageMaps();
            if (watchRunDelay) busyPoll.sample(now, runDelay());
            lastStats = now;
        }
    }
    // Stopping: no new requests; let every in-flight write land, be committed and answered,
    // then flush. (Each round above ends with its write run written, so none is pending here.)
    for (;;) {
        commitWrites();
        submitIo();
        if (ioInFlight() == 0) break;
        std::vector<pollfd> waitFds;
        if (io_->inFlight()) waitFds.push_back({io_->completionFd(), POLLIN, 0});
        for (auto& e : exports_)
            if (const os::AsyncIo* own = e->target->store().ownIo(); own && own->inFlight())
                waitFds.push_back({own->completionFd(), POLLIN, 0});
        // A store that cannot be polled (-1) is reaped every 10 ms.
        const bool unpollable = std::any_of(waitFds.begin(), waitFds.end(), [](const pollfd& p) { return p.fd < 0; });
        ::poll(waitFds.data(), waitFds.size(), unpollable ? 10 : 1000);
        reapCompletions();
        flushPorts();
    }
    bool ok = true;
    for (auto& e : exports_)
        if (e->target->store().everWritable() && !e->target->store().flush()) ok = false;
    return ok;
}

}  // namespace qvblade
