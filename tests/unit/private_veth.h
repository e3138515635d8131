// SPDX-License-Identifier: GPL-2.0-or-later
// For unit tests that run the whole engine: a network namespace of the test process's own (inside
// a user namespace of its own when not root) with a veth pair, and an AoE initiator on one end.
// Frames sent there reach nothing but this process.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QElapsedTimer>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/aoe_wire.h"
#include "frame_builder.h"

namespace qvblade::test {

inline constexpr const char* kEngineSide = "qvt0";
inline constexpr const char* kInitiatorSide = "qvt1";

namespace veth_detail {

inline bool writeFile(const char* path, const std::string& text) {
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::write(fd, text.data(), text.size()) == ssize_t(text.size());
    ::close(fd);
    return ok;
}

}  // namespace veth_detail

// Moves the calling process (call it before it starts threads) into a network namespace of its
// own with a veth pair: the engine serves kEngineSide, VethInitiator sends on kInitiatorSide.
// Returns false with a sentence in `error`.
inline bool enterPrivateVeth(std::string& error) {
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (uid != 0) {
        // Unprivileged: a user namespace in which we are root owns the network namespace.
        if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
            error = "cannot create a user and network namespace (unprivileged user namespaces disabled?): " +
                    std::string(std::strerror(errno));
            return false;
        }
        if (!veth_detail::writeFile("/proc/self/setgroups", "deny") ||
            !veth_detail::writeFile("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
            !veth_detail::writeFile("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1")) {
            error = "cannot map our user into the new user namespace";
            return false;
        }
    } else if (::unshare(CLONE_NEWNET) != 0) {
        error = "cannot create a network namespace: " + std::string(std::strerror(errno));
        return false;
    }
    // libpcap does not take a loopback for Ethernet: a veth pair, the engine on one end and the
    // initiator on the other.
    const std::string engine = kEngineSide, initiator = kInitiatorSide;
    for (const std::string& args : {"link add " + engine + " type veth peer name " + initiator,
                                    "link set " + engine + " up", "link set " + initiator + " up"}) {
        const std::string command = "PATH=$PATH:/usr/sbin:/sbin ip " + args;
        if (std::system(command.c_str()) != 0) {
            error = "'" + command + "' failed (is the veth module available?)";
            return false;
        }
    }
    return true;
}

// Sends AoE requests on kInitiatorSide and waits for the answers to them.
class VethInitiator {
public:
    VethInitiator() {
        fd_ = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(aoe::kEtherType));
        sockaddr_ll ll{};
        ll.sll_family = AF_PACKET;
        ll.sll_protocol = htons(aoe::kEtherType);
        ll.sll_ifindex = int(::if_nametoindex(kInitiatorSide));
        ifreq ifr{};
        std::strncpy(ifr.ifr_name, kInitiatorSide, IFNAMSIZ - 1);
        if (fd_ >= 0 && (::bind(fd_, reinterpret_cast<sockaddr*>(&ll), sizeof ll) != 0 || ::ioctl(fd_, SIOCGIFHWADDR, &ifr) != 0))
            ::close(std::exchange(fd_, -1));
        std::memcpy(mac_.data(), ifr.ifr_hwaddr.sa_data, 6);
    }
    ~VethInitiator() {
        if (fd_ >= 0) ::close(fd_);
    }
    bool ok() const { return fd_ >= 0; }

    // Sends READ SECTORS EXT of one sector once (no retransmission: an answer that does not come
    // is a failure) and returns the whole reply, or nullopt after `timeoutMs`.
    std::optional<std::vector<uint8_t>> readSector(uint16_t shelf, uint8_t slot, uint64_t lba, int timeoutMs = 2000) {
        const uint32_t tag = nextTag();
        if (!send(ataRequest(0x24, lba, 1, true, {}, shelf, slot), tag)) return std::nullopt;
        QElapsedTimer t;
        t.start();
        for (;;) {
            auto r = receive(timeoutMs - int(t.elapsed()));
            if (!r || aoe::HeaderView{r->data()}.tag() == tag) return r;
        }
    }

    uint32_t nextTag() { return ++tag_; }
    // Sends `req` (built by frame_builder.h) broadcast from this side with `tag`, once.
    bool send(std::vector<uint8_t> req, uint32_t tag) {
        std::fill(req.begin(), req.begin() + 6, 0xFF);   // broadcast: the target answers from its MAC
        std::copy(mac_.begin(), mac_.end(), req.begin() + 6);
        aoe::putBe32(req.data() + aoe::off::kTag, tag);
        req.resize(std::max<size_t>(req.size(), 60));
        return ::send(fd_, req.data(), req.size(), 0) == ssize_t(req.size());
    }
    // The next AoE response that arrives within `timeoutMs`, whole.
    std::optional<std::vector<uint8_t>> receive(int timeoutMs) {
        QElapsedTimer t;
        t.start();
        std::vector<uint8_t> r(70000);
        for (;;) {
            const int left = timeoutMs - int(t.elapsed());
            pollfd p{fd_, POLLIN, 0};
            if (left <= 0 || ::poll(&p, 1, left) <= 0) return std::nullopt;
            const ssize_t n = ::recv(fd_, r.data(), r.size(), 0);
            if (n < ssize_t(aoe::off::kAtaData) || !aoe::HeaderView{r.data()}.isResponse()) continue;
            r.resize(size_t(n));
            return r;
        }
    }

private:
    int fd_ = -1;
    std::array<uint8_t, 6> mac_{};
    uint32_t tag_ = 0x5b000000;
};

}  // namespace qvblade::test
