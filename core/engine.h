// SPDX-License-Identifier: GPL-2.0-or-later
// The AoE target engine: one event loop that receives frames from every port, hands each to
// the exports it addresses, runs their disk I/O asynchronously and sends the replies in batches.
//
// Threading: run() owns everything. addExport()/removeExport() are called before run() or
// from a task given to post(); counters may be read from any thread.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/export_target.h"
#include "core/group_commit.h"
#include "core/image_map.h"
#include "core/os/os.h"
#include "core/packet_port.h"
#include "core/rmem_advice.h"
#include "core/write_run.h"

namespace qvblade {

struct EngineOptions {
    bool asyncIo = true;       // io_uring when the kernel allows it; pread/pwrite otherwise
    bool nullStore = false;    // answer reads and writes without touching the store: the packet-path ceiling
    bool mapReads = true;      // send cached read data straight from a mapping of the image (core/image_map.h)
    // After a round that did work, keep polling without sleeping for this long before blocking.
    // Waking a sleeping (or, in a VM, descheduled) CPU costs 50-500 µs, more than a whole round
    // trip; an initiator with frames in flight sends its next request well within this window.
    // Not while another task waits for the engine's CPU (core/busy_poll_governor.h).
    unsigned busyPollMicros = 200;
};

struct PortStatus {
    std::string interface;
    os::InterfaceInfo info;
    const PortCounters* counters;
    RmemAdvice rmem;
    std::vector<std::string> exports;
};

class Engine final : private FrameSink {
public:
    explicit Engine(EngineOptions options = {});
    // With the given I/O engine instead of the one the options choose (tests watch the I/O).
    Engine(EngineOptions options, std::unique_ptr<os::AsyncIo> io);
    ~Engine() override;
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Validates the settings, opens the interfaces it needs and starts serving (announcing
    // the export on each interface). On failure returns nullptr with one sentence in `error`
    // and changes nothing.
    // `port`: serve on this port (PacketPort::adopt) instead of opening settings' one interface
    // by name; it closes when its last export is gone.
    std::shared_ptr<ExportTarget> addExport(ExportSettings settings, std::unique_ptr<BackingStore> store,
                                            std::string& error, std::unique_ptr<PacketPort> port = nullptr);
    // Stops serving shelf.slot (on every interface); its in-flight I/O still completes.
    bool removeExport(uint16_t shelf, uint8_t slot);
    // A paused export ignores every frame (initiators see it vanish and retransmit) until resumed.
    bool setPaused(uint16_t shelf, uint8_t slot, bool paused);
    bool isPaused(uint16_t shelf, uint8_t slot) const;

    // Changes an export's read-only flag and Mac Mask List in place (engine thread: a task given
    // to post()). Everything is checked before anything changes; false with a sentence when shelf.slot is not
    // exported, read-write is asked of a store opened read-only, or the list is too long.
    struct OptionsChange {
        std::optional<bool> readOnly;
        std::optional<std::vector<aoe::MacAddress>> allowedMacs;
    };
    bool setExportOptions(uint16_t shelf, uint8_t slot, const OptionsChange& change, std::string& error);

    // Sees every AoE frame the engine receives (before any check) and every reply it queues,
    // on the engine thread; for captures and the teaching view. Keep it cheap; nullptr to stop.
    enum class Direction { In, Out };
    using FrameObserver = std::function<void(Direction, const std::string& interface, const uint8_t* frame, size_t length)>;
    void setFrameObserver(FrameObserver observer) { observer_ = std::move(observer); }

    // Called on the engine thread the first time another MAC answers as one of the exports
    // (a response for its exact shelf.slot on one of its interfaces: another target serving the
    // same address, core/address_probe.h). Every such frame counts in addressConflicts.
    using ConflictObserver = std::function<void(const ExportTarget&, const std::string& interface, const aoe::MacAddress& peer)>;
    void setConflictObserver(ConflictObserver observer) { conflictObserver_ = std::move(observer); }

    // The interface `now.name` changed (os::LinkWatcher). A port on it that was made again (a new
    // index: the old socket is dead) or got another MTU (the ring's frames and the sectors per
    // frame follow it) is opened anew, keeping its exports and counters; when the interface is
    // up with carrier again, its exports announce themselves there. Nothing to do for an
    // interface no export uses, or one that is down (the kernel keeps a port's socket for it
    // and delivers again once it is up). False with a sentence when the new port cannot be
    // opened: the old one stays, and the next change tries again.
    bool linkChanged(const os::InterfaceInfo& now, std::string& error);

    // Asks every port's socket again for the receive buffer its exports need (after the
    // kernel's limits were raised) and updates the advice ports() reports.
    void refreshReceiveBuffers();

    std::vector<std::shared_ptr<ExportTarget>> exports() const;
    std::vector<PortStatus> ports() const;
    // The exports on `interface` as a Query Config there shows them (the helper's network view
    // lists them beside the targets that answered on the wire). Engine thread.
    struct Advertised {
        std::shared_ptr<ExportTarget> target;
        aoe::MacAddress mac;
        ConfigAdvert advert;
        bool paused = false;
    };
    std::vector<Advertised> advertised(const std::string& interface) const;
    const char* ioBackend() const { return io_->name(); }

    // Serves until requestStop(); then finishes in-flight I/O, sends its replies and flushes
    // every store. Returns false if a store could not be flushed.
    bool run();
    void requestStop();                       // async-signal-safe
    void wake();                              // async-signal-safe: runs the wake hook in run()
    void setWakeHook(std::function<void()> hook) { wakeHook_ = std::move(hook); }
    void post(std::function<void()> task);    // thread-safe

private:
    struct Port;
    struct ExportEntry;
    // What an io_uring completion's user pointer points at: a slot's transfer, or the data sync
    // of an export's group commit.
    struct IoUser {
        bool commit = false;
    };
    struct Slot : IoUser {
        uint8_t* frame = nullptr;    // frame + 36 (the data): see core/buffer_layout.h
        const uint8_t* mappedData = nullptr;   // a read reply's data in the owner's map, not in frame
        ExportEntry* owner = nullptr;
        Port* port = nullptr;
        Outcome outcome;
        bool queued = false;   // its I/O is queued on an AsyncIo and has not finished
    };
    struct ExportEntry {
        std::shared_ptr<ExportTarget> target;
        std::vector<Port*> ports;
        uint8_t* memory = nullptr;
        std::vector<Slot> slotPool;      // (not "slots": Qt code including this header would clash)
        std::vector<Slot*> freeSlots;
        // Stores with their own I/O: where a request is looked at when every slot is in flight,
        // to find it a retransmission of one of them (joinRetransmission) rather than drop it.
        Slot spare;
        std::unique_ptr<ImageMap> map;   // cached pages are sent from here (core/image_map.h)
        uint32_t slotSectors = 1;        // the most data a slot holds, in sectors
        bool removed = false;
        bool paused = false;
        // Set when the file system refuses non-blocking transfers (tmpfs reads, ext4 buffered
        // writes): then the plain call is the cheapest; io_uring would punt to a worker thread.
        bool blockingReads = false;
        bool blockingWrites = false;
        // Durable exports: written slots wait here for a sync that covers them (core/group_commit.h).
        GroupCommit commit;
        // Its writes queued on the engine's io and not yet reaped (direct writes, writes that
        // would block): commitWrites holds the next sync back until they are in, so that one
        // sync covers a burst whose completions arrive one by one.
        uint32_t writesQueued = 0;
        struct CommitSync : IoUser {
            ExportEntry* owner = nullptr;
            int index = 0;
        };
        std::array<CommitSync, GroupCommit::kMaxSyncs> commitSyncs;
        ~ExportEntry();
    };
    struct Port {
        std::unique_ptr<PacketPort> io;
        PortContext context;
        std::vector<ExportEntry*> exports;
        RmemAdvice rmem;
        std::vector<Slot*> sent;     // slots whose replies are queued on this port
        bool linkUp = true;          // up with carrier, as the last linkChanged() saw it
    };

    void onFrame(const uint8_t* frame, size_t length) override;
    // A response on `port`: another target's, since a port never receives what it sends.
    void onResponse(Port& port, const aoe::HeaderView& h);
    void dispatch(ExportEntry& entry, const uint8_t* frame, size_t length);
    // A request the initiator sent again (a new tag) while its I/O in another slot still waits:
    // that slot's reply takes the new tag. True when `slot` (just handled) was such a request.
    bool joinRetransmission(ExportEntry& entry, const Slot& slot, const uint8_t* request);
    void startIo(Slot* slot, const uint8_t* request);
    // A write on the engine's io (not a store's own): while queued it holds back the owner's
    // next group sync (ExportEntry::writesQueued).
    static bool holdsCommit(const Slot& slot) {
        return slot.outcome.action == Outcome::Action::Write && !slot.owner->target->store().ownIo();
    }
    void queueIo(Slot* slot);
    void flushWriteRun();
    void finishIo(Slot* slot, int result);
    void answerIo(Slot* slot, int result);
    // Queues one fdatasync for each durable export whose written writes wait and none runs.
    void commitWrites();
    void commitDone(const ExportEntry::CommitSync& sync, int result);
    void queueReply(Slot* slot, size_t length);
    // Over the engine's io and every store's own (core/backing_store.h, withOwnIo).
    size_t reapCompletions();
    void submitIo();
    size_t ioInFlight() const;
    void flushPorts();
    // Answers a read whose mapped data the kernel could not send (EFAULT) with an ATA error.
    void answerUnreadable(Slot* slot);
    void release(Slot* slot);
    // Tells the port's kernel filter the addresses of its exports (and `adding`).
    bool setReceiveFilter(Port& port, std::optional<AoeAddress> adding, std::string& error);
    void resizeReceiveBuffer(Port& port);
    void announce(ExportEntry& entry, Port& port);
    void tickImageMaps();
    void collectRemoved();
    void runPosted();
    void drainWakePipe();

    EngineOptions options_;
    std::unique_ptr<os::AsyncIo> io_;
    std::map<std::string, std::unique_ptr<Port>> ports_;
    std::vector<std::unique_ptr<ExportEntry>> exports_;
    Port* currentPort_ = nullptr;
    size_t mappedRepliesQueued_ = 0;   // replies whose data is copied from a map only when sent
    std::vector<Slot*> unreadable_;    // flushPorts: replies whose mapped data could not be sent
    WriteRun writeRun_;              // this batch's adjacent page-cache writes (user: Slot*)
    int wakePipe_[2] = {-1, -1};
    std::atomic<bool> woken_{false};   // wake() was called: lets a spinning loop skip polling the pipe
    std::atomic<bool> stopRequested_{false};
    std::function<void()> wakeHook_;
    FrameObserver observer_;
    ConflictObserver conflictObserver_;
    std::mutex postedMutex_;
    std::vector<std::function<void()>> posted_;
    mutable std::mutex exportsMutex_;   // guards exports_/ports_ membership for readers on other threads
};

}  // namespace qvblade
