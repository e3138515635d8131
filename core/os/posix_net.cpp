// SPDX-License-Identifier: GPL-2.0-or-later
// Portable build: interface facts from getifaddrs (flags, link-layer address) and SIOCGIFMTU
// (a BSD socket ioctl Linux shares); frames go out on libpcap's own descriptor one write at a
// time. Without the Linux send socket a jumbo reply's data is not page-aligned in the kernel's
// buffer, and libpcap's filter alone keeps other EtherTypes out: slower, same behaviour.
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#if __has_include(<sys/sockio.h>)
#include <sys/sockio.h>   // SIOCGIFMTU on the BSDs
#endif
#if defined(AF_LINK)
#include <net/if_dl.h>
#include <net/if_types.h>
#elif defined(AF_PACKET)
#include <net/if_arp.h>
#include <netpacket/packet.h>
#endif

#include <cerrno>
#include <cstring>

#include "core/os/os.h"

namespace qvblade::os {

namespace {

// The Ethernet address in one of getifaddrs' link-layer entries, if it is one. The address
// family differs: AF_LINK on the BSDs and macOS, AF_PACKET with glibc and musl.
std::optional<aoe::MacAddress> ethernetAddress(const sockaddr* sa) {
#if defined(AF_LINK)
    if (sa->sa_family != AF_LINK) return std::nullopt;
    const auto* dl = reinterpret_cast<const sockaddr_dl*>(sa);
    if (dl->sdl_type != IFT_ETHER || dl->sdl_alen != 6) return std::nullopt;
    return aoe::MacAddress::fromBytes(reinterpret_cast<const uint8_t*>(LLADDR(dl)));
#elif defined(AF_PACKET)
    if (sa->sa_family != AF_PACKET) return std::nullopt;
    const auto* ll = reinterpret_cast<const sockaddr_ll*>(sa);
    if (ll->sll_hatype != ARPHRD_ETHER || ll->sll_halen != 6) return std::nullopt;
    return aoe::MacAddress::fromBytes(ll->sll_addr);
#else
    (void)sa;
    return std::nullopt;
#endif
}

bool isLinkLayer(const sockaddr* sa) {
#if defined(AF_LINK)
    return sa->sa_family == AF_LINK;
#elif defined(AF_PACKET)
    return sa->sa_family == AF_PACKET;
#else
    (void)sa;
    return false;
#endif
}

}  // namespace

std::optional<InterfaceInfo> interfaceInfo(const std::string& name, std::string& error) {
    if (name.empty() || name.size() >= IFNAMSIZ) {
        error = "interface name '" + name + "' is not valid";
        return std::nullopt;
    }
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) { error = std::string("getifaddrs: ") + std::strerror(errno); return std::nullopt; }
    InterfaceInfo info;
    info.name = name;
    bool found = false, linkLayer = false;
    std::optional<aoe::MacAddress> mac;
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_name || name != a->ifa_name) continue;
        found = true;
        info.up = a->ifa_flags & IFF_UP;
        info.running = a->ifa_flags & IFF_RUNNING;
        info.loopback = a->ifa_flags & IFF_LOOPBACK;
        if (a->ifa_addr && isLinkLayer(a->ifa_addr)) {
            linkLayer = true;
            if (!mac) mac = ethernetAddress(a->ifa_addr);
        }
    }
    ::freeifaddrs(list);
    if (!found) { error = "interface " + name + " does not exist"; return std::nullopt; }
    if (!linkLayer) { error = "interface " + name + ": cannot read MAC address"; return std::nullopt; }
    if (!mac) { error = "interface " + name + " is not an Ethernet interface"; return std::nullopt; }
    info.mac = *mac;
    const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    const bool mtu = s >= 0 && ::ioctl(s, SIOCGIFMTU, &ifr) == 0;
    if (s >= 0) ::close(s);
    if (!mtu) { error = "interface " + name + ": cannot read MTU"; return std::nullopt; }
    info.mtu = uint32_t(ifr.ifr_mtu);
    info.index = ::if_nametoindex(name.c_str());
    return info;
}

bool receiveOnlyEtherType(int, const std::string&, uint16_t) {
    errno = ENOTSUP;   // libpcap's filter (core/receive_filter.h) does the job
    return false;
}

int openSendSocket(const std::string&) {
    errno = ENOTSUP;   // the caller sends on libpcap's descriptor instead
    return -1;
}

int sendFrames(int fd, const OutFrame* frames, int count, size_t) {
    int sent = 0;
    while (sent < count) {
        const OutFrame& f = frames[sent];
        const ssize_t r = ::writev(fd, f.pieces, f.pieceCount);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return sent;
        ++sent;
    }
    return sent;
}

bool attachSocketFilter(int, const bpf_insn*, unsigned, std::string& error) {
    error = "adopting a packet socket is Linux's only";
    return false;
}

uint64_t takeSocketDrops(int) { return 0; }

}  // namespace qvblade::os
