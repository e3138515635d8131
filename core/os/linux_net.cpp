// SPDX-License-Identifier: GPL-2.0-or-later
// Linux: interface facts by ioctl, receive-buffer limits, the send socket and batched send (sendmmsg).
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_packet.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <linux/filter.h>
#include <linux/if_packet.h>
#include <pcap/bpf.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "core/os/os.h"

namespace qvblade::os {

namespace {

// struct virtio_net_hdr from <linux/virtio_net.h>, which C++ cannot include (a member named
// `class`). Little-endian on the platforms that have it; gso_type 0 is VIRTIO_NET_HDR_GSO_NONE.
struct VirtioNetHeader {
    uint8_t flags = 0;
    uint8_t gsoType = 0;
    uint16_t headerLength = 0;
    uint16_t gsoSize = 0;
    uint16_t checksumStart = 0;
    uint16_t checksumOffset = 0;
};
static_assert(sizeof(VirtioNetHeader) == 10);

struct Fd {
    int fd;
    ~Fd() { if (fd >= 0) ::close(fd); }
};

std::optional<long> readProcLong(const char* path) {
    std::ifstream in(path);
    long v = 0;
    if (in >> v) return v;
    return std::nullopt;
}

}  // namespace

std::optional<InterfaceInfo> interfaceInfo(const std::string& name, std::string& error) {
    if (name.empty() || name.size() >= IFNAMSIZ) {
        error = "interface name '" + name + "' is not valid";
        return std::nullopt;
    }
    Fd s{::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
    if (s.fd < 0) s.fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s.fd < 0) { error = std::string("socket: ") + std::strerror(errno); return std::nullopt; }
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, name.c_str(), IFNAMSIZ - 1);
    InterfaceInfo info;
    info.name = name;
    if (::ioctl(s.fd, SIOCGIFFLAGS, &ifr) < 0) {
        error = errno == ENODEV ? "interface " + name + " does not exist"
                                : "interface " + name + ": " + std::strerror(errno);
        return std::nullopt;
    }
    info.up = ifr.ifr_flags & IFF_UP;
    info.running = ifr.ifr_flags & IFF_RUNNING;
    info.loopback = ifr.ifr_flags & IFF_LOOPBACK;
    if (::ioctl(s.fd, SIOCGIFMTU, &ifr) < 0) { error = "interface " + name + ": cannot read MTU"; return std::nullopt; }
    info.mtu = uint32_t(ifr.ifr_mtu);
    if (::ioctl(s.fd, SIOCGIFHWADDR, &ifr) < 0) { error = "interface " + name + ": cannot read MAC address"; return std::nullopt; }
    if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER) {
        error = "interface " + name + " is not an Ethernet interface";
        return std::nullopt;
    }
    info.mac = aoe::MacAddress::fromBytes(reinterpret_cast<const uint8_t*>(ifr.ifr_hwaddr.sa_data));
    if (::ioctl(s.fd, SIOCGIFINDEX, &ifr) < 0) { error = "interface " + name + ": cannot read its index"; return std::nullopt; }
    info.index = unsigned(ifr.ifr_ifindex);
    return info;
}

std::optional<long> rmemMax() { return readProcLong("/proc/sys/net/core/rmem_max"); }
std::optional<long> rmemDefault() { return readProcLong("/proc/sys/net/core/rmem_default"); }

std::vector<std::string> rmemFixCommands(long bytes) {
    const std::string v = std::to_string(bytes);
    return {"sysctl -w net.core.rmem_max=" + v, "sysctl -w net.core.rmem_default=" + v};
}

bool receiveOnlyEtherType(int fd, const std::string& interface, uint16_t etherType) {
    // A bound ETH_P_ALL socket sits on the list every transmitted frame is copied to; bound to
    // one EtherType it only sees incoming frames of that type. Rebinding keeps the ring.
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(etherType);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, interface.c_str(), IFNAMSIZ - 1);
    if (::ioctl(fd, SIOCGIFINDEX, &ifr) < 0) return false;
    sll.sll_ifindex = ifr.ifr_ifindex;
    return ::bind(fd, reinterpret_cast<sockaddr*>(&sll), sizeof sll) == 0;
}

int openSendSocket(const std::string& interface) {
    // Protocol 0: the socket receives nothing, so it costs nothing on the receive path.
    Fd s{::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0)};
    if (s.fd < 0) return -1;
    // With a virtio-net header in front of each frame, its hdr_len is what the kernel copies
    // into the buffer's head; without, only the Ethernet header goes there and the data lands 22
    // bytes into a page (net/packet/af_packet.c, packet_snd).
    const int on = 1;
    if (::setsockopt(s.fd, SOL_PACKET, PACKET_VNET_HDR, &on, sizeof on) != 0) return -1;
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, interface.c_str(), IFNAMSIZ - 1);
    if (::ioctl(s.fd, SIOCGIFINDEX, &ifr) < 0) return -1;
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_ifindex = ifr.ifr_ifindex;
    if (::bind(s.fd, reinterpret_cast<sockaddr*>(&sll), sizeof sll) != 0) return -1;
    const int fd = s.fd;
    s.fd = -1;
    return fd;
}

int sendFrames(int fd, const OutFrame* frames, int count, size_t headBytes) {
    constexpr int kBatch = 64;
    VirtioNetHeader vnet;
    vnet.headerLength = uint16_t(headBytes);
    const int prefix = headBytes ? 1 : 0;
    mmsghdr msgs[kBatch];
    iovec iovs[kBatch][3];
    int sent = 0;
    while (sent < count) {
        const int n = std::min(kBatch, count - sent);
        for (int i = 0; i < n; ++i) {
            const OutFrame& f = frames[sent + i];
            if (prefix) iovs[i][0] = {&vnet, sizeof vnet};
            for (int k = 0; k < f.pieceCount; ++k) iovs[i][prefix + k] = f.pieces[k];
            msgs[i] = mmsghdr{};
            msgs[i].msg_hdr.msg_iov = iovs[i];
            msgs[i].msg_hdr.msg_iovlen = size_t(prefix + f.pieceCount);
        }
        const int r = ::sendmmsg(fd, msgs, unsigned(n), 0);
        if (r < 0) {
            if (errno == EINTR) continue;
            return sent;
        }
        sent += r;
        if (r < n) return sent;
    }
    return sent;
}

bool attachSocketFilter(int fd, const bpf_insn* program, unsigned length, std::string& error) {
    // pcap's bpf_insn and the kernel's sock_filter have the same layout.
    sock_fprog fprog{uint16_t(length), reinterpret_cast<sock_filter*>(const_cast<bpf_insn*>(program))};
    if (::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof fprog) == 0) return true;
    error = std::strerror(errno);
    return false;
}

uint64_t takeSocketDrops(int fd) {
    tpacket_stats st{};
    socklen_t len = sizeof st;
    return ::getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0 ? st.tp_drops : 0;
}

}  // namespace qvblade::os
