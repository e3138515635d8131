// SPDX-License-Identifier: GPL-2.0-or-later
// Who else answers for a shelf.slot: asked on the wire before an export starts serving.
// Two targets on one address are two backing files behind one disk: the Linux initiator takes
// each MAC that answers a Query Config for a path to the same disk (drivers/block/aoe, aoecmd.c:
// aoecmd_cfg_rsp adds the MAC to the address's target) and spreads reads and writes over both,
// which corrupts both files silently. So an export asks first, and is refused when another MAC
// answers, unless the export says it shares its storage with the other targets.
//
// The probe sends Query Config requests from the interface's MAC, to the broadcast MAC, for the
// address itself and for the broadcast address 0xFFFF.0xFF (a target that only answers one of
// them is found too), a few rounds apart, and collects every response for the address. It uses
// a socket of its own (the engine's are for serving), opened for incoming frames only, so it
// never hears this process's own exports. Limits: a target whose mask list leaves our MAC out
// stays silent, and a target in the same network namespace on the same interface never receives
// frames this host sends there (nor does it answer on the wire to them).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/aoe_wire.h"

namespace qvblade {

struct AddressProbeRequest {
    uint16_t shelf = 0;
    uint8_t slot = 0;
    std::vector<std::string> interfaces;
    // A shared export's probe: ask every target that answers which storage it serves
    // (core/storage_identity.h), so that AddressPeer::storageId says.
    bool askStorage = false;
};

// A target that answered for an address: what its Query Config response said. The config
// string is kept so that a shared export can later tell which storage the other target serves.
struct AddressPeer {
    uint16_t shelf = 0;
    uint8_t slot = 0;
    std::string interface;
    aoe::MacAddress mac;
    bool configKnown = false;   // a Query Config response came (else another response for the address)
    uint16_t bufferCount = 0;
    uint16_t firmware = 0;
    uint8_t sectorsPerFrame = 0;
    std::string configString;
    // Asked only by a shared export's probe: the storage the target says it serves, or nullopt
    // when it did not say (no answer, or "unrecognized command": not a shared qvblade export).
    std::optional<std::string> storageId;
    bool storageRefused = false;   // it answered the question with an error
};

struct ProbeTiming {
    int rounds = 3;                                  // requests are sent again each round
    std::chrono::milliseconds interval{150};        // one round; the probe lasts rounds × interval
};

// Probes every address of `requests` on its interfaces at once; returns each MAC that answered,
// once per address and interface. nullopt with one sentence in `error` when an interface cannot
// be opened or sent on.
std::optional<std::vector<AddressPeer>> probeAddresses(const std::vector<AddressProbeRequest>& requests,
                                                       std::string& error, ProbeTiming timing = {});

// Every target that answers a Query Config for the broadcast address 0xFFFF.0xFF on
// `interface` — what an initiator's discovery sees (the GUI's network view): each address and MAC
// once, with what its response said. Every round runs (a slow target is found too). Targets of
// this process and of others on the same interface of this host are not heard (see above).
std::optional<std::vector<AddressPeer>> scanInterface(const std::string& interface, std::string& error,
                                                      ProbeTiming timing = {});

// The line a refusal shows: "e3.3 is already answered by 52:54:00:12:34:56 on eth0".
std::string describeAnsweredBy(uint16_t shelf, uint8_t slot, const std::vector<AddressPeer>& peers);

// Whether an export at shelf.slot may serve beside `peers` (what its probe found): empty when it
// may, else the refusal. Not shared: nobody else may answer. Shared with a storage identity (an
// RBD image): every other target must name the same storage. Shared without one (a file or block
// device, whose identity no host can tell): accepted, as the user said. `sharedOption` is how the
// caller's user says "shared" ("--allow-shared-address", "allowSharedAddress").
std::string addressRefusal(uint16_t shelf, uint8_t slot, bool shared, const std::string& storageId,
                           const std::vector<AddressPeer>& peers, std::string_view sharedOption);

}  // namespace qvblade
