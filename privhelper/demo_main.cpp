// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade-demo: the demo's other machine (issue #26). Started by qvblade-helper only, from its
// fixed installed path, with a socketpair end as standard input and the demo's address and size
// as arguments:  qvblade-demo SHELF SLOT SECTORS
//
// It makes a network namespace of its own (with a user namespace: the helper keeps no
// CAP_SYS_ADMIN, and the new namespaces give this process what it needs inside them and nothing
// outside), creates a veth pair there, hands the helper the packet sockets of the target's end
// (demo_link.h) and then acts as an initiator on the other end: it finds the export and writes
// and reads back a recognisable pattern, a few requests a second, until the helper closes its
// end of the socketpair or it is signalled. When it ends, its namespace and the veth pair go
// with it (the helper's sockets in it close when it removes the demo export). It never sees or
// touches an interface of the machine: there are none in its namespace.
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/initiator.h"
#include "core/os/os.h"
#include "privhelper/demo_link.h"

using namespace qvblade;

namespace {

volatile sig_atomic_t stopping = 0;
void onSignal(int) { stopping = 1; }

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "qvblade-demo: failed: %s\n", why.c_str());
    std::exit(2);
}

// Appends one rtattr to a netlink message in `buf`; returns it, for nesting.
rtattr* addAttr(std::vector<char>& buf, uint16_t type, const void* data, size_t len) {
    const size_t at = NLMSG_ALIGN(buf.size());
    buf.resize(at + RTA_ALIGN(RTA_LENGTH(len)), 0);
    auto* a = reinterpret_cast<rtattr*>(buf.data() + at);
    a->rta_type = type;
    a->rta_len = uint16_t(RTA_LENGTH(len));
    if (len) std::memcpy(RTA_DATA(a), data, len);
    return a;
}
void endNest(std::vector<char>& buf, size_t nestAt) {
    reinterpret_cast<rtattr*>(buf.data() + nestAt)->rta_len = uint16_t(buf.size() - nestAt);
}

// ip link add demo-target type veth peer name demo-initiator, over rtnetlink.
void createVethPair() {
    const int nl = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (nl < 0) die(std::string("netlink: ") + std::strerror(errno));
    std::vector<char> buf(NLMSG_SPACE(sizeof(ifinfomsg)), 0);
    auto name = [](const char* n) { return std::string(n) + '\0'; };
    const std::string target = name(helper::kDemoTargetInterface), peer = name(helper::kDemoInitiatorInterface);
    addAttr(buf, IFLA_IFNAME, target.data(), target.size());
    const size_t linkInfo = size_t(reinterpret_cast<char*>(addAttr(buf, IFLA_LINKINFO, nullptr, 0)) - buf.data());
    addAttr(buf, IFLA_INFO_KIND, "veth", 4);
    const size_t infoData = size_t(reinterpret_cast<char*>(addAttr(buf, IFLA_INFO_DATA, nullptr, 0)) - buf.data());
    const size_t peerInfo = size_t(reinterpret_cast<char*>(addAttr(buf, VETH_INFO_PEER, nullptr, 0)) - buf.data());
    buf.resize(buf.size() + sizeof(ifinfomsg), 0);   // the peer's ifinfomsg
    addAttr(buf, IFLA_IFNAME, peer.data(), peer.size());
    endNest(buf, peerInfo);
    endNest(buf, infoData);
    endNest(buf, linkInfo);
    auto* h = reinterpret_cast<nlmsghdr*>(buf.data());
    h->nlmsg_len = uint32_t(buf.size());
    h->nlmsg_type = RTM_NEWLINK;
    h->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK;
    h->nlmsg_seq = 1;
    reinterpret_cast<ifinfomsg*>(NLMSG_DATA(h))->ifi_family = AF_UNSPEC;
    if (::send(nl, buf.data(), buf.size(), 0) < 0) die(std::string("netlink send: ") + std::strerror(errno));
    char answer[4096];
    const ssize_t n = ::recv(nl, answer, sizeof answer, 0);
    ::close(nl);
    if (n < ssize_t(NLMSG_HDRLEN + sizeof(nlmsgerr))) die("no answer from netlink");
    const auto* e = reinterpret_cast<const nlmsgerr*>(NLMSG_DATA(reinterpret_cast<nlmsghdr*>(answer)));
    if (e->error) die(std::string("cannot create the veth pair: ") + std::strerror(-e->error));
}

void setUp(const char* interface) {
    const int s = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, interface, IFNAMSIZ - 1);
    if (s < 0 || ::ioctl(s, SIOCGIFFLAGS, &ifr) < 0) die(std::string("cannot find ") + interface);
    ifr.ifr_flags |= IFF_UP;
    if (::ioctl(s, SIOCSIFFLAGS, &ifr) < 0) die(std::string("cannot bring up ") + interface + ": " + std::strerror(errno));
    ::close(s);
}

// The target's sockets, opened here in the demo namespace, to the helper.
void handOver(int channel) {
    std::string error;
    const auto info = os::interfaceInfo(helper::kDemoTargetInterface, error);
    if (!info) die(error);
    aoe::MacAddress ignored;
    const int receive = initiator::openSocket(helper::kDemoTargetInterface, ignored, error);
    if (receive < 0) die(error);
    const int send = os::openSendSocket(helper::kDemoTargetInterface);
    if (send < 0) die(std::string("cannot open the send socket: ") + std::strerror(errno));
    helper::DemoLink link;
    std::strncpy(link.interface, helper::kDemoTargetInterface, sizeof link.interface - 1);
    std::memcpy(link.mac, info->mac.bytes.data(), 6);
    link.mtu = info->mtu;
    if (!sendDemoLink(channel, link, receive, send)) die(std::string("cannot reach the helper: ") + std::strerror(errno));
    ::close(receive);
    ::close(send);
}

// A sector of the demo's pattern: recognisable in a hex dump and in the teaching view.
void fillPattern(uint8_t* sector, uint64_t lba, uint64_t round) {
    char text[64];
    const int n = std::snprintf(text, sizeof text, "qvblade demo: sector %llu, round %llu\n", (unsigned long long)lba,
                                (unsigned long long)round);
    for (size_t i = 0; i < 512; ++i) sector[i] = uint8_t(text[i % size_t(n)]);
}

bool helperGone(int channel) {
    pollfd p{channel, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    char c;
    return ::recv(channel, &c, 1, MSG_DONTWAIT) == 0 || (p.revents & (POLLHUP | POLLERR));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: qvblade-demo SHELF SLOT SECTORS (started by qvblade-helper)\n");
        return 2;
    }
    const unsigned long shelf = std::strtoul(argv[1], nullptr, 10), slot = std::strtoul(argv[2], nullptr, 10);
    const unsigned long long sectors = std::strtoull(argv[3], nullptr, 10);
    if (shelf > aoe::kMaxShelf || slot > aoe::kMaxSlot || sectors < 64) die("bad arguments");
    const int channel = 0;   // the helper's socketpair
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);   // the demo ends with the helper
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);

    if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0)
        die(std::string("cannot create the demo's network namespace (unshare: ") + std::strerror(errno) +
            "; are user namespaces disabled, user.max_user_namespaces = 0?)");
    createVethPair();
    setUp(helper::kDemoTargetInterface);
    setUp(helper::kDemoInitiatorInterface);
    handOver(channel);

    std::string error;
    aoe::MacAddress self;
    const int fd = initiator::openSocket(helper::kDemoInitiatorInterface, self, error);
    if (fd < 0) die(error);
    std::optional<initiator::Target> target;
    for (int i = 0; i < 50 && !target && !stopping && !helperGone(channel); ++i)
        target = initiator::discover(fd, self, uint16_t(shelf), uint8_t(slot), 1);
    if (!target) die(stopping ? "stopped" : "the demo export did not answer");
    std::fprintf(stderr, "qvblade-demo: running: found e%lu.%lu at %s\n", shelf, slot, target->mac.toString().c_str());

    // As many sectors a request as a frame holds (2 at the veth's MTU of 1500), through the first
    // 8 MiB of the image, about 10 writes and 10 reads a second: the counters and graphs move,
    // and the teaching view can be followed.
    const uint32_t kSectors = std::min<uint32_t>(target->maxSectors, 8);
    const uint64_t span = std::min<unsigned long long>(sectors, 16384) / kSectors * kSectors;
    std::vector<uint8_t> out(kSectors * 512), in(kSectors * 512);
    uint32_t tag = 1;
    for (uint64_t round = 0; !stopping && !helperGone(channel); ++round) {
        const uint64_t lba = (round * kSectors) % span;
        for (uint32_t s = 0; s < kSectors; ++s) fillPattern(out.data() + s * 512, lba + s, round);
        if (!initiator::transfer(fd, self, *target, uint16_t(shelf), uint8_t(slot), true, lba, out.data(), kSectors, tag++, 5000, error) ||
            !initiator::transfer(fd, self, *target, uint16_t(shelf), uint8_t(slot), false, lba, in.data(), kSectors, tag++, 5000, error)) {
            if (stopping || helperGone(channel)) break;
            std::fprintf(stderr, "qvblade-demo: %s at sector %llu\n", error.c_str(), (unsigned long long)lba);
            ::usleep(500000);
            continue;
        }
        if (in != out) std::fprintf(stderr, "qvblade-demo: sector %llu read back differs from what was written\n", (unsigned long long)lba);
        ::usleep(100000);
    }
    return 0;
}
