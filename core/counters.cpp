// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/counters.h"

#include <time.h>

#include <sstream>

namespace qvblade {

namespace {
constexpr uint64_t kUsed = uint64_t(1) << 48;

template <size_t N>
std::vector<aoe::MacAddress> usedMacs(const std::array<std::atomic<uint64_t>, N>& slots) {
    std::vector<aoe::MacAddress> out;
    for (const auto& slot : slots) {
        const uint64_t v = slot.load(std::memory_order_relaxed);
        if (v & kUsed) out.push_back(aoe::MacAddress::fromU64(v & (kUsed - 1)));
    }
    return out;
}
}  // namespace

void ExportCounters::noteInitiator(const aoe::MacAddress& mac) {
    const uint64_t v = mac.toU64() | kUsed;
    timespec now{};
#ifdef CLOCK_REALTIME_COARSE
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);   // a few ns from the vDSO, once per frame
#else
    ::clock_gettime(CLOCK_REALTIME, &now);
#endif
    const int64_t seconds = int64_t(now.tv_sec);
    if (initiators[0].load(std::memory_order_relaxed) == v) {   // the common case: same initiator
        initiatorLastSeen[0].store(seconds, std::memory_order_relaxed);
        return;
    }
    size_t i = 1;
    while (i < kInitiatorSlots - 1 && initiators[i].load(std::memory_order_relaxed) != v) ++i;
    const bool known = initiators[i].load(std::memory_order_relaxed) == v;
    const int64_t first = known ? initiatorFirstSeen[i].load(std::memory_order_relaxed) : seconds;
    for (; i > 0; --i) {
        initiators[i].store(initiators[i - 1].load(std::memory_order_relaxed), std::memory_order_relaxed);
        initiatorFirstSeen[i].store(initiatorFirstSeen[i - 1].load(std::memory_order_relaxed), std::memory_order_relaxed);
        initiatorLastSeen[i].store(initiatorLastSeen[i - 1].load(std::memory_order_relaxed), std::memory_order_relaxed);
    }
    initiators[0].store(v, std::memory_order_relaxed);
    initiatorFirstSeen[0].store(first, std::memory_order_relaxed);
    initiatorLastSeen[0].store(seconds, std::memory_order_relaxed);
}

std::vector<ExportCounters::Seen> ExportCounters::initiatorsSeen() const {
    std::vector<Seen> out;
    for (size_t i = 0; i < kInitiatorSlots; ++i) {
        const uint64_t v = initiators[i].load(std::memory_order_relaxed);
        if (v & kUsed)
            out.push_back({aoe::MacAddress::fromU64(v & (kUsed - 1)), initiatorFirstSeen[i].load(std::memory_order_relaxed),
                           initiatorLastSeen[i].load(std::memory_order_relaxed)});
    }
    return out;
}

std::vector<aoe::MacAddress> ExportCounters::recentInitiators() const { return usedMacs(initiators); }

bool ExportCounters::noteConflictPeer(const aoe::MacAddress& mac) {
    const uint64_t v = mac.toU64() | kUsed;
    for (auto& slot : conflictPeers) {
        const uint64_t seen = slot.load(std::memory_order_relaxed);
        if (seen == v) return false;
        if (!(seen & kUsed)) {
            slot.store(v, std::memory_order_relaxed);
            return true;
        }
    }
    return false;
}

std::vector<aoe::MacAddress> ExportCounters::conflictingMacs() const { return usedMacs(conflictPeers); }

std::string formatCounters(const ExportCounters& c) {
    std::ostringstream o;
    o << "frames_in " << read(c.framesIn) << " frames_out " << read(c.framesOut) << " bytes_in " << read(c.bytesIn)
      << " bytes_out " << read(c.bytesOut) << " ata_reads " << read(c.ataReads) << " ata_writes "
      << read(c.ataWrites) << " sectors_read " << read(c.sectorsRead) << " sectors_written "
      << read(c.sectorsWritten) << " flushes " << read(c.flushes) << " ata_errors " << read(c.ataErrors)
      << " io_errors " << read(c.ioErrors) << " busy_drops " << read(c.busyDrops) << " mask_refused "
      << read(c.maskRefused) << " merged_writes " << read(c.mergedWrites)
      << " mapped_reads " << read(c.mappedReads) << " address_conflicts " << read(c.addressConflicts);
    if (uint64_t n = read(c.retransmitsJoined)) o << " retransmits_joined " << n;
    for (size_t e = 1; e < aoe::kErrorCodeCount; ++e)
        if (uint64_t n = read(c.aoeErrors[e])) o << " aoe_error_" << e << ' ' << n;
    const auto macs = c.recentInitiators();
    if (!macs.empty()) {
        o << " initiators ";
        for (size_t i = 0; i < macs.size(); ++i) o << (i ? "," : "") << macs[i].toString();
    }
    const auto peers = c.conflictingMacs();
    if (!peers.empty()) {
        o << " also_answered_by ";
        for (size_t i = 0; i < peers.size(); ++i) o << (i ? "," : "") << peers[i].toString();
    }
    return o.str();
}

std::string formatCounters(const PortCounters& c) {
    std::ostringstream o;
    o << "frames_in " << read(c.framesIn) << " frames_out " << read(c.framesOut) << " bytes_in " << read(c.bytesIn)
      << " bytes_out " << read(c.bytesOut) << " ignored " << read(c.ignored) << " malformed " << read(c.malformed)
      << " send_errors " << read(c.sendErrors) << " kernel_drops " << read(c.kernelDrops) << " interface_drops "
      << read(c.interfaceDrops);
    return o.str();
}

}  // namespace qvblade
