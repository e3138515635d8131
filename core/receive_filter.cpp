// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/receive_filter.h"

#include <algorithm>

#include "core/aoe_wire.h"

namespace qvblade {

namespace {

// Byte offsets in the frame, as libpcap's ether[] counts them (core/aoe_wire.h).
static_assert(aoe::off::kVerFlags == 14 && aoe::off::kShelf == 16 && aoe::off::kSlot == 18 &&
              aoe::off::kArg == 24);

constexpr const char* kRequest = "ether[14] & 8 = 0";

// `slots` exactly; with `requestBroadcast` also slot 255, for requests only.
std::string slotTest(const std::vector<uint8_t>& slots, bool requestBroadcast) {
    std::string s = requestBroadcast ? std::string("((ether[18] = 255 and ") + kRequest + ")" : std::string("(");
    for (size_t i = 0; i < slots.size(); ++i)
        s += (requestBroadcast || i ? " or " : "") + std::string("ether[18] = ") + std::to_string(slots[i]);
    return s + ")";
}

// One test per shelf of `addresses` (sorted, unique) on the slots there.
std::string byShelf(const std::vector<AoeAddress>& addresses, bool requestBroadcast, std::vector<uint8_t>* allSlots) {
    std::string out;
    for (size_t i = 0; i < addresses.size();) {
        const uint16_t shelf = addresses[i].shelf;
        std::vector<uint8_t> slots;
        for (; i < addresses.size() && addresses[i].shelf == shelf; ++i) slots.push_back(addresses[i].slot);
        out += (out.empty() ? "" : " or ") + std::string("(ether[16:2] = ") + std::to_string(shelf) + " and " +
               slotTest(slots, requestBroadcast) + ")";
        if (allSlots) allSlots->insert(allSlots->end(), slots.begin(), slots.end());
    }
    return out;
}

std::vector<AoeAddress> sortedUnique(std::vector<AoeAddress> a) {
    std::sort(a.begin(), a.end());
    a.erase(std::unique(a.begin(), a.end()), a.end());
    return a;
}

}  // namespace

std::string receiveFilterExpression(std::vector<AoeAddress> exported) {
    exported = sortedUnique(std::move(exported));
    if (exported.empty() || exported.size() > kMaxFilteredAddresses) return kAllAoeFrames;

    // One test per exported shelf: requests and responses for the slots exported there (a
    // response for our own address is another target answering as us: the engine reports it),
    // requests for its slot 255; then requests for the broadcast shelf, on every slot exported anywhere.
    std::vector<uint8_t> anySlot;
    const std::string shelves = byShelf(exported, true, &anySlot);
    std::sort(anySlot.begin(), anySlot.end());
    anySlot.erase(std::unique(anySlot.begin(), anySlot.end()), anySlot.end());
    return std::string(kAllAoeFrames) + " and (len < 24 or " + shelves + " or (" + kRequest +
           " and ether[16:2] = 65535 and " + slotTest(anySlot, true) + "))";
}

std::string responseFilterExpression(std::vector<AoeAddress> addresses) {
    addresses = sortedUnique(std::move(addresses));
    const std::string responses = std::string(kAllAoeFrames) + " and len >= 24 and ether[14] & 8 != 0";
    if (addresses.empty()) return responses;
    return responses + " and (" + byShelf(addresses, false, nullptr) + ")";
}

bool compileFilter(pcap_t* pcap, const std::string& expression, bpf_program& program, std::string& error) {
    if (pcap_compile(pcap, &program, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0) return true;
    error = pcap_geterr(pcap);
    return false;
}

bool compileReceiveFilter(pcap_t* pcap, const std::vector<AoeAddress>& exported, bpf_program& program,
                          std::string& error) {
    return compileFilter(pcap, receiveFilterExpression(exported), program, error);
}

}  // namespace qvblade
