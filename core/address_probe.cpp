// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/address_probe.h"

#include <pcap/pcap.h>
#include <poll.h>

#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

#include "core/os/os.h"
#include "core/receive_filter.h"
#include "core/storage_identity.h"

namespace qvblade {

using namespace aoe;

namespace {

// Tags of probe requests: "qv" and the round, so a capture shows what they are.
constexpr uint32_t kProbeTag = 0x71760000;

struct ProbeSocket {
    std::string interface;
    MacAddress mac;
    std::vector<AoeAddress> addresses;
    std::vector<AoeAddress> askStorage;   // shared exports' addresses: ask who answers which storage
    bool everyAddress = false;   // a scan: every response counts
    std::unique_ptr<pcap_t, decltype(&pcap_close)> pcap{nullptr, &pcap_close};
    int fd = -1;
};

bool openSocket(ProbeSocket& s, std::string& error) {
    auto info = os::interfaceInfo(s.interface, error);
    if (!info) return false;
    if (!info->up) {
        error = "interface " + s.interface + " is down (ip link set " + s.interface + " up)";
        return false;
    }
    s.mac = info->mac;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    s.pcap.reset(pcap_create(s.interface.c_str(), errbuf));
    if (!s.pcap) {
        error = "cannot open " + s.interface + ": " + errbuf;
        return false;
    }
    pcap_t* p = s.pcap.get();
    pcap_set_snaplen(p, int(info->mtu) + 18);
    pcap_set_promisc(p, 0);
    pcap_set_immediate_mode(p, 1);
    pcap_set_buffer_size(p, 256 << 10);   // a few hundred answers at most
    if (pcap_activate(p) < 0) {
        error = "cannot probe on " + s.interface + ": " + pcap_geterr(p);
        return false;
    }
    // Only what others send: this process's own requests must not count as answers.
    pcap_setdirection(p, PCAP_D_IN);
    bpf_program filter{};
    if (!compileFilter(p, responseFilterExpression(s.everyAddress ? std::vector<AoeAddress>{} : s.addresses), filter, error)) {
        error = "cannot filter AoE frames on " + s.interface + ": " + error;
        return false;
    }
    const bool set = pcap_setfilter(p, &filter) == 0;
    pcap_freecode(&filter);
    if (!set || pcap_setnonblock(p, 1, errbuf) < 0 || (s.fd = pcap_get_selectable_fd(p)) < 0) {
        error = "cannot probe on " + s.interface + ": " + pcap_geterr(p);
        return false;
    }
    return true;
}

bool sendQuery(ProbeSocket& s, uint16_t shelf, uint8_t slot, uint32_t tag, std::string& error) {
    uint8_t frame[kMinFrame] = {};
    writeHeader(frame, MacAddress::broadcast(), s.mac, 0, Error::None, shelf, slot, Command::QueryConfig, tag);
    if (pcap_inject(s.pcap.get(), frame, sizeof frame) == int(sizeof frame)) return true;
    error = "cannot send on " + s.interface + ": " + pcap_geterr(s.pcap.get());
    return false;
}

// Asks one target which storage it serves (unicast: only the peer hears the vendor command).
bool sendStorageQuestion(ProbeSocket& s, const AddressPeer& peer, uint32_t tag, std::string& error) {
    uint8_t frame[kMinFrame] = {};
    writeHeader(frame, peer.mac, s.mac, 0, Error::None, peer.shelf, peer.slot, Command(kStorageIdCommand), tag);
    writeStorageIdRequest(frame);
    if (pcap_inject(s.pcap.get(), frame, sizeof frame) == int(sizeof frame)) return true;
    error = "cannot send on " + s.interface + ": " + pcap_geterr(s.pcap.get());
    return false;
}

bool awaitsStorageAnswer(const ProbeSocket& s, const AddressPeer& p) {
    return p.interface == s.interface && !p.storageId && !p.storageRefused &&
           std::binary_search(s.askStorage.begin(), s.askStorage.end(), AoeAddress{p.shelf, p.slot});
}

struct Collector {
    ProbeSocket* socket;
    std::vector<AddressPeer>* peers;
};

void collect(u_char* user, const pcap_pkthdr* h, const u_char* frame) {
    const Collector& c = *reinterpret_cast<Collector*>(user);
    if (h->caplen < off::kArg) return;
    const HeaderView v{frame};
    if (!v.isResponse() || v.source() == c.socket->mac) return;
    const AoeAddress address{v.shelf(), v.slot()};
    if (c.socket->everyAddress) {
        // A scan lists who answers its Query Config, not the other traffic on the wire.
        if (v.command() != uint8_t(Command::QueryConfig) || v.destination() != c.socket->mac) return;
    } else if (!std::binary_search(c.socket->addresses.begin(), c.socket->addresses.end(), address)) {
        return;
    }
    auto it = std::find_if(c.peers->begin(), c.peers->end(), [&](const AddressPeer& p) {
        return p.shelf == address.shelf && p.slot == address.slot && p.interface == c.socket->interface &&
               p.mac == v.source();
    });
    if (it == c.peers->end()) {
        c.peers->push_back({address.shelf, address.slot, c.socket->interface, v.source(), false, 0, 0, 0, {}, {}, false});
        it = c.peers->end() - 1;
    }
    if (v.command() == kStorageIdCommand && v.destination() == c.socket->mac) {
        if (v.flags() & kFlagError) it->storageRefused = true;
        else if (auto id = parseStorageIdResponse(frame, h->caplen)) it->storageId = std::move(*id);
        return;
    }
    if (it->configKnown || v.command() != uint8_t(Command::QueryConfig) || h->caplen < off::kCfgData) return;
    it->configKnown = true;
    it->bufferCount = getBe16(frame + off::kCfgBufCount);
    it->firmware = getBe16(frame + off::kCfgFirmware);
    it->sectorsPerFrame = frame[off::kCfgSectors];
    const size_t length = std::min<size_t>({getBe16(frame + off::kCfgLength), kMaxConfigString, h->caplen - off::kCfgData});
    it->configString.assign(reinterpret_cast<const char*>(frame + off::kCfgData), length);
}

// Sends `rounds` rounds of Query Config requests on every socket (for its addresses and the
// broadcast address) and collects the answers; with `untilAnswered`, no more rounds after one
// that found any.
std::optional<std::vector<AddressPeer>> runProbe(std::map<std::string, ProbeSocket>& sockets, std::string& error,
                                                 ProbeTiming timing, bool untilAnswered) {
    for (auto& [name, s] : sockets) {
        for (auto* list : {&s.addresses, &s.askStorage}) {
            std::sort(list->begin(), list->end());
            list->erase(std::unique(list->begin(), list->end()), list->end());
        }
        if (!openSocket(s, error)) return std::nullopt;
    }
    std::vector<AddressPeer> peers;
    for (int round = 0; round < timing.rounds; ++round) {
        const uint32_t tag = kProbeTag | uint32_t(round);
        for (auto& [name, s] : sockets) {
            for (const AoeAddress& a : s.addresses)
                if (!sendQuery(s, a.shelf, a.slot, tag, error)) return std::nullopt;
            if (!sendQuery(s, kShelfBroadcast, kSlotBroadcast, tag, error)) return std::nullopt;
            for (const AddressPeer& p : peers)
                if (awaitsStorageAnswer(s, p) && !sendStorageQuestion(s, p, tag | 0x100, error)) return std::nullopt;
        }
        const auto deadline = std::chrono::steady_clock::now() + timing.interval;
        for (auto now = std::chrono::steady_clock::now(); now < deadline; now = std::chrono::steady_clock::now()) {
            std::vector<pollfd> fds;
            for (auto& [name, s] : sockets) fds.push_back({s.fd, POLLIN, 0});
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
            ::poll(fds.data(), fds.size(), int(std::max<long long>(1, left)));
            for (auto& [name, s] : sockets) {
                Collector c{&s, &peers};
                pcap_dispatch(s.pcap.get(), -1, &collect, reinterpret_cast<u_char*>(&c));
            }
        }
        // Every answer of a round has had its whole interval: a later round would only repeat it,
        // unless a peer found in it is still to be asked which storage it serves.
        const bool asking = std::any_of(peers.begin(), peers.end(), [&](const AddressPeer& p) {
            return awaitsStorageAnswer(sockets.at(p.interface), p);
        });
        if (untilAnswered && !peers.empty() && !asking) break;
    }
    return peers;
}

}  // namespace

std::optional<std::vector<AddressPeer>> probeAddresses(const std::vector<AddressProbeRequest>& requests,
                                                       std::string& error, ProbeTiming timing) {
    std::map<std::string, ProbeSocket> sockets;
    for (const AddressProbeRequest& r : requests)
        for (const std::string& ifname : r.interfaces) {
            ProbeSocket& s = sockets[ifname];
            s.interface = ifname;
            s.addresses.push_back({r.shelf, r.slot});
            if (r.askStorage) s.askStorage.push_back({r.shelf, r.slot});
        }
    return runProbe(sockets, error, timing, true);
}

std::optional<std::vector<AddressPeer>> scanInterface(const std::string& interface, std::string& error, ProbeTiming timing) {
    std::map<std::string, ProbeSocket> sockets;
    ProbeSocket& s = sockets[interface];
    s.interface = interface;
    s.everyAddress = true;
    auto peers = runProbe(sockets, error, timing, false);
    if (peers)
        std::sort(peers->begin(), peers->end(), [](const AddressPeer& a, const AddressPeer& b) {
            return std::tie(a.shelf, a.slot, a.mac.bytes) < std::tie(b.shelf, b.slot, b.mac.bytes);
        });
    return peers;
}

std::string describeAnsweredBy(uint16_t shelf, uint8_t slot, const std::vector<AddressPeer>& peers) {
    std::string text = "e" + std::to_string(shelf) + "." + std::to_string(slot) + " is already answered by ";
    bool first = true;
    for (const AddressPeer& p : peers) {
        if (p.shelf != shelf || p.slot != slot) continue;
        text += (first ? "" : ", ") + p.mac.toString() + " on " + p.interface;
        first = false;
    }
    return text;
}

std::string addressRefusal(uint16_t shelf, uint8_t slot, bool shared, const std::string& storageId,
                           const std::vector<AddressPeer>& peers, std::string_view sharedOption) {
    std::vector<AddressPeer> others;
    for (const AddressPeer& p : peers)
        if (p.shelf == shelf && p.slot == slot && (!shared || storageId.empty() || p.storageId != storageId)) others.push_back(p);
    if (others.empty()) return {};
    std::string text = describeAnsweredBy(shelf, slot, others);
    if (!shared) return text + ": not serving a second disk at that address (" + std::string(sharedOption) + " if both serve the same shared storage)";
    const AddressPeer& p = others.front();
    if (p.storageId) return text + ", which serves other storage (" + *p.storageId + ", this export " + storageId + "): not sharing the address";
    return text + ", which does not say which storage it serves (only a qvblade export with " + std::string(sharedOption) +
           " does): not sharing the address";
}

}  // namespace qvblade
