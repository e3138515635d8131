// SPDX-License-Identifier: GPL-2.0-or-later
// One exported disk: the AoE protocol state of a shelf.slot (config string, MAC lists,
// counters) and the decision of what each request needs. It does no I/O itself: it tells the
// engine to reply, read, write or flush, and finishes the reply when the I/O is done.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/aoe_wire.h"
#include "core/ata.h"
#include "core/backing_store.h"
#include "core/counters.h"
#include "core/mac_lists.h"
#include "core/query_config.h"
#include "core/rbd_spec.h"

namespace qvblade {

constexpr uint16_t kFirmwareVersion = 0x4000 + 25;  // what vblade 25 reports; initiators only display it
constexpr uint16_t kDefaultBufferCount = 16;
constexpr uint16_t kMinBufferCount = 2;      // the Linux initiator opens a window of half of it
constexpr uint16_t kMaxBufferCount = 4096;

struct ExportSettings {
    uint16_t shelf = 0;
    uint8_t slot = 0;
    uint16_t bufferCount = kDefaultBufferCount;
    std::vector<aoe::MacAddress> allowedMacs;   // -m: empty means everyone
    std::string configString;
    std::vector<std::string> interfaces;
    StoreOptions store;
    std::string path;                           // for display; the store holds the descriptor
    CephSettings ceph;                          // for an rbd: path (core/rbd_spec.h)
    // Serve although another target answers for shelf.slot: only for several targets in front of
    // the same shared storage (core/address_probe.h). Without it a taken address is refused.
    bool allowSharedAddress = false;
};

// Facts about the interface a request came in on.
struct PortContext {
    aoe::MacAddress mac;
    uint32_t maxSectors = 2;   // sectors per frame at this MTU
};

struct Outcome {
    enum class Action { Drop, Reply, Read, Write, Flush };
    Action action = Action::Drop;
    size_t replyLength = 0;    // Reply: bytes of the reply before padding
    uint64_t fileOffset = 0;   // Read/Write: byte position in the backing store
    uint32_t bytes = 0;        // Read/Write: transfer size
};

class ExportTarget {
public:
    ExportTarget(ExportSettings settings, std::unique_ptr<BackingStore> store);

    const ExportSettings& settings() const { return settings_; }
    uint16_t shelf() const { return settings_.shelf; }
    uint8_t slot() const { return settings_.slot; }
    std::string name() const;   // "e9.0"
    BackingStore& store() { return *store_; }
    const BackingStore& store() const { return *store_; }
    ExportCounters& counters() { return counters_; }
    const ExportCounters& counters() const { return counters_; }
    const MacList& masks() const { return masks_; }
    const MacList& reservations() const { return reservations_; }
    std::string_view configString() const { return config_.value(); }

    // Changes while serving, on the engine thread between requests (Engine::setExportOptions):
    // the next request sees them; I/O already under way finishes as it began.
    // Read-only on or off (off only where the store can write: BackingStore::canWrite).
    bool setReadOnly(bool readOnly, std::string& error);
    // Replaces the Mac Mask List (what initiators set with command 2 as well) and the list it
    // starts from; at most kMaskListCapacity entries.
    bool setAllowedMacs(const std::vector<aoe::MacAddress>& macs, std::string& error);

    bool addressedBy(uint16_t shelf, uint8_t slot) const {
        return aoe::addressMatches(shelf, slot, settings_.shelf, settings_.slot);
    }

    // Decides what the request `req` (`length` bytes, >= 24, addressed to this export, not a
    // response) needs. `reply` has room for the largest frame of the port; the reply header
    // (and for Action::Reply the whole reply) is written there.
    Outcome handle(const uint8_t* req, size_t length, const PortContext& port, uint8_t* reply);

    // Finishes the reply of a Read, Write or Flush after the I/O returned `result` (bytes done,
    // or -errno). Returns the reply length before padding.
    size_t complete(uint8_t* reply, const Outcome& outcome, int result);
    // A read complete() answered with success whose data then could not be sent after all (the
    // engine sends cached data from a mapping of the file, and the file shrank: core/engine.cpp).
    // Turns the reply into the failure a short read gets, and counts it as one instead of as a read.
    size_t failCompletedRead(uint8_t* reply, const Outcome& outcome);

    // An unsolicited Query Config reply announcing this export to `destination`.
    size_t buildAnnouncement(uint8_t* frame, const PortContext& port, const aoe::MacAddress& destination) const;

    // The MACs an announcement goes to: the mask list, or broadcast when it is empty.
    std::vector<aoe::MacAddress> announcementTargets() const;

    // What a Query Config answer on `port` says: buffer count, firmware, sectors per frame.
    ConfigAdvert advert(const PortContext& port) const;

private:
    size_t handleAta(const uint8_t* req, size_t length, const PortContext& port, uint8_t* reply, Outcome& out);
    size_t ataFailure(uint8_t* reply, uint8_t errorBits);

    ExportSettings settings_;
    std::unique_ptr<BackingStore> store_;
    ata::Identity identity_;
    ConfigString config_;
    MacList masks_{kMaskListCapacity};
    MacList reservations_{kReservationCapacity};
    ExportCounters counters_;
};

}  // namespace qvblade
