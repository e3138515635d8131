// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/receive_filter.h"

#include <algorithm>

#include "core/aoe_wire.h"

namespace qvblade {

namespace {

// Byte offsets in the frame, as libpcap's ether[] counts them (core/aoe_wire.h).
static_assert(aoe::off::kVerFlags == 14 && aoe::off::kShelf == 16 && aoe::off::kSlot == 18 &&
              aoe::off::kArg == 24);

std::string slotTest(const std::vector<uint8_t>& slots) {
    std::string s = "(ether[18] = 255";
    for (uint8_t slot : slots) s += " or ether[18] = " + std::to_string(slot);
    return s + ")";
}

}  // namespace

std::string receiveFilterExpression(std::vector<AoeAddress> exported) {
    std::sort(exported.begin(), exported.end());
    exported.erase(std::unique(exported.begin(), exported.end()), exported.end());
    if (exported.empty() || exported.size() > kMaxFilteredAddresses) return kAllAoeFrames;

    // One test per exported shelf, on the slots exported there; then the broadcast shelf, on
    // every slot exported anywhere.
    std::string byShelf;
    std::vector<uint8_t> anySlot;
    for (size_t i = 0; i < exported.size();) {
        const uint16_t shelf = exported[i].shelf;
        std::vector<uint8_t> slots;
        for (; i < exported.size() && exported[i].shelf == shelf; ++i) slots.push_back(exported[i].slot);
        byShelf += "(ether[16:2] = " + std::to_string(shelf) + " and " + slotTest(slots) + ") or ";
        anySlot.insert(anySlot.end(), slots.begin(), slots.end());
    }
    std::sort(anySlot.begin(), anySlot.end());
    anySlot.erase(std::unique(anySlot.begin(), anySlot.end()), anySlot.end());
    byShelf += "(ether[16:2] = 65535 and " + slotTest(anySlot) + ")";
    return std::string(kAllAoeFrames) + " and (len < 24 or (ether[14] & 8 = 0 and (" + byShelf + ")))";
}

bool compileReceiveFilter(pcap_t* pcap, const std::vector<AoeAddress>& exported, bpf_program& program,
                          std::string& error) {
    const std::string expression = receiveFilterExpression(exported);
    if (pcap_compile(pcap, &program, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0) return true;
    error = pcap_geterr(pcap);
    return false;
}

}  // namespace qvblade
