// SPDX-License-Identifier: GPL-2.0-or-later
// Which AoE frames a port's socket accepts, decided in the kernel before a frame is queued.
// Several target processes often share one interface (one per export, as vblade is run): with
// only an EtherType filter every one of them is handed, copied and woken for every frame of
// every other. So the filter also checks the destination shelf.slot, as vblade's does.
#pragma once

#include <pcap/pcap.h>

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace qvblade {

struct AoeAddress {
    uint16_t shelf;
    uint8_t slot;
    auto operator<=>(const AoeAddress&) const = default;
};

// Every AoE frame, whoever it is for: what a port accepts when the addresses are not known
// or too many for one kernel filter.
inline constexpr const char* kAllAoeFrames = "ether proto 0x88a2";

// Addresses beyond this many are not told apart in the kernel: the filter runs on every frame
// and grows with them (about 2000 instructions at this many; the kernel takes at most 4096).
// The port then accepts every AoE frame and the engine sorts them, as without the filter.
inline constexpr size_t kMaxFilteredAddresses = 256;

// The libpcap filter expression accepting AoE requests (the response flag clear) addressed to
// any of `exported`, the broadcast shelf 0xFFFF and slot 0xFF included; responses from exactly
// those addresses (another target answering as one of ours: the engine counts and reports them);
// and AoE frames too short to carry an address (so the engine still counts them as malformed).
// kAllAoeFrames when `exported` is empty or longer than kMaxFilteredAddresses.
std::string receiveFilterExpression(std::vector<AoeAddress> exported);

// Responses from exactly `addresses`, what an address probe listens for (core/address_probe.h);
// every AoE response when `addresses` is empty (a scan of the network).
std::string responseFilterExpression(std::vector<AoeAddress> addresses);

// Compiles `expression` for `pcap`'s link type; false with libpcap's message in `error`.
bool compileFilter(pcap_t* pcap, const std::string& expression, bpf_program& program, std::string& error);

// Compiles receiveFilterExpression(exported) for `pcap`'s link type into `program` (free it with
// pcap_freecode); false with libpcap's message in `error` if it does not compile.
bool compileReceiveFilter(pcap_t* pcap, const std::vector<AoeAddress>& exported, bpf_program& program,
                          std::string& error);

}  // namespace qvblade
