// SPDX-License-Identifier: GPL-2.0-or-later
// Counters written by the engine thread and read from any other (GUI, helper, SIGUSR1 report).
// Relaxed atomics: each value is exact on its own; a snapshot is not a consistent cut.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "core/aoe_wire.h"

namespace qvblade {

using Counter = std::atomic<uint64_t>;

inline void bump(Counter& c, uint64_t n = 1) { c.fetch_add(n, std::memory_order_relaxed); }
inline uint64_t read(const Counter& c) { return c.load(std::memory_order_relaxed); }

struct ExportCounters {
    Counter framesIn{0}, framesOut{0}, bytesIn{0}, bytesOut{0};
    Counter ataReads{0}, ataWrites{0}, sectorsRead{0}, sectorsWritten{0}, flushes{0};
    Counter ataErrors{0};      // requests answered with ATA ERR (range, media, abort)
    Counter ioErrors{0};       // of those, failed reads/writes/flushes on the backing store
    Counter busyDrops{0};      // requests dropped because all buffers were in flight
    Counter mergedWrites{0};   // writes that went to the store in one call with the write before them
    Counter mappedReads{0};    // reads whose data was sent from the page cache through a mapping of the image
    // Retransmissions of a request whose I/O was still in flight (an RBD image waiting for an OSD):
    // the request's one reply takes their tag instead of a second I/O (core/engine.cpp).
    Counter retransmitsJoined{0};
    Counter maskRefused{0};    // frames from MACs not on the mask list
    // Responses for this very shelf.slot from another MAC: another target answers as this export
    // (an initiator then takes both for paths to one disk and mixes their data).
    Counter addressConflicts{0};
    std::array<Counter, aoe::kErrorCodeCount> aoeErrors{};  // replies by AoE error code

    static constexpr size_t kInitiatorSlots = 8;
    std::array<std::atomic<uint64_t>, kInitiatorSlots> initiators{};  // MAC | 1<<48 when used

    // When each of those was first and last seen (Unix seconds, the coarse clock: cheap per frame).
    std::array<std::atomic<int64_t>, kInitiatorSlots> initiatorFirstSeen{}, initiatorLastSeen{};

    // Remembers an initiator's MAC (most recent first, up to kInitiatorSlots) and when it was
    // seen. Engine thread only.
    void noteInitiator(const aoe::MacAddress& mac);
    std::vector<aoe::MacAddress> recentInitiators() const;
    struct Seen {
        aoe::MacAddress mac;
        int64_t firstSeen = 0, lastSeen = 0;
    };
    std::vector<Seen> initiatorsSeen() const;

    static constexpr size_t kPeerSlots = 8;
    std::array<std::atomic<uint64_t>, kPeerSlots> conflictPeers{};   // MAC | 1<<48 when used
    // Remembers another target's MAC answering as this export; true the first time it is seen
    // (past kPeerSlots peers, never: each is reported once, the first eight by name). Engine thread only.
    bool noteConflictPeer(const aoe::MacAddress& mac);
    std::vector<aoe::MacAddress> conflictingMacs() const;
};

struct PortCounters {
    Counter framesIn{0}, framesOut{0}, bytesIn{0}, bytesOut{0};
    Counter ignored{0};        // for no export here: paused, other MACs, or what the kernel filter
                               // lets by (core/receive_filter.h: every frame past 256 addresses)
    Counter malformed{0};      // too short for their command
    Counter sendErrors{0};
    Counter kernelDrops{0};    // pcap_stats ps_drop: the ring was full
    Counter interfaceDrops{0}; // pcap_stats ps_ifdrop
};

// One line per counter, "name value", for logs and the CLI's SIGUSR1 report.
std::string formatCounters(const ExportCounters& c);
std::string formatCounters(const PortCounters& c);

}  // namespace qvblade
