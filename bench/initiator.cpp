// SPDX-License-Identifier: GPL-2.0-or-later
#include "bench/initiator.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <vector>

#include "core/ata.h"

namespace qvblade::initiator {

using namespace qvblade::aoe;

int openSocket(const std::string& interface, MacAddress& self, std::string& error) {
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(kEtherType));
    if (fd < 0) {
        error = std::string("socket: ") + std::strerror(errno);
        return -1;
    }
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, interface.c_str(), IFNAMSIZ - 1);
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(kEtherType);
    if (::ioctl(fd, SIOCGIFINDEX, &ifr) < 0) error = "no interface " + interface;
    sll.sll_ifindex = ifr.ifr_ifindex;
    if (error.empty() && ::bind(fd, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0) error = "bind failed";
    if (error.empty() && ::ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) error = "no MAC address";
    if (!error.empty()) {
        ::close(fd);
        return -1;
    }
    self = MacAddress::fromBytes(reinterpret_cast<uint8_t*>(ifr.ifr_hwaddr.sa_data));
    int one = 1;   // our own requests would otherwise come back to us
    ::setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one);
    return fd;
}

std::optional<Target> discover(int fd, const MacAddress& self, uint16_t shelf, uint8_t slot, int attempts) {
    std::vector<uint8_t> q(60, 0);
    writeHeader(q.data(), MacAddress::broadcast(), self, 0, Error::None, shelf, slot, Command::QueryConfig, 0x7fffffff);
    q[off::kCfgVerCmd] = 0x10;
    std::vector<uint8_t> buf(65536);
    for (int attempt = 0; attempt < attempts; ++attempt) {
        ::send(fd, q.data(), q.size(), 0);
        pollfd p{fd, POLLIN, 0};
        while (::poll(&p, 1, 200) > 0) {
            const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
            if (n < ssize_t(off::kCfgData)) continue;
            HeaderView h{buf.data()};
            if (!h.isResponse() || h.command() != 1 || h.shelf() != shelf || h.slot() != slot) continue;
            Target t;
            t.mac = h.source();
            t.maxSectors = buf[off::kCfgSectors] ? buf[off::kCfgSectors] : 2;
            t.bufferCount = uint32_t(buf[off::kCfgBufCount]) << 8 | buf[off::kCfgBufCount + 1];
            return t;
        }
    }
    return std::nullopt;
}

bool transfer(int fd, const MacAddress& self, const Target& target, uint16_t shelf, uint8_t slot, bool write,
              uint64_t lba, uint8_t* data, uint32_t sectors, uint32_t tag, int timeoutMs, std::string& error) {
    const size_t bytes = size_t(sectors) * 512;
    std::vector<uint8_t> request(std::max<size_t>(kMinFrame, off::kAtaData + (write ? bytes : 0)), 0);
    writeHeader(request.data(), target.mac, self, 0, Error::None, shelf, slot, Command::Ata, tag);
    request[off::kAtaFlags] = uint8_t(kAtaExtended | (write ? kAtaWrite : 0));
    request[off::kAtaSectors] = uint8_t(sectors);
    request[off::kAtaCmdStatus] = write ? ata::kWriteSectorsExt : ata::kReadSectorsExt;
    putLe48(request.data() + off::kAtaLba, lba);
    if (write) std::memcpy(request.data() + off::kAtaData, data, bytes);
    std::vector<uint8_t> reply(off::kAtaData + bytes + 64);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        ::send(fd, request.data(), request.size(), 0);   // again after 200 ms: a retransmit, as the Linux driver does
        const auto retry = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
        pollfd p{fd, POLLIN, 0};
        while (std::chrono::steady_clock::now() < retry) {
            if (::poll(&p, 1, 50) < 0) {
                error = std::string("poll: ") + std::strerror(errno);   // EINTR: a signal to stop
                return false;
            }
            if (!(p.revents & POLLIN)) continue;
            const ssize_t n = ::recv(fd, reply.data(), reply.size(), MSG_DONTWAIT);
            if (n < ssize_t(off::kAtaFlags)) continue;
            HeaderView h{reply.data()};
            if (!h.isResponse() || h.command() != 0 || h.tag() != tag || h.source() != target.mac) continue;
            if ((h.flags() & kFlagError) || n < ssize_t(off::kAtaData) || (reply[off::kAtaCmdStatus] & ata::kStatusErr)) {
                error = "the target answered with an error";
                return false;
            }
            if (!write) {
                if (size_t(n) < off::kAtaData + bytes) {
                    error = "a read reply was short";
                    return false;
                }
                std::memcpy(data, reply.data() + off::kAtaData, bytes);
            }
            return true;
        }
    }
    error = "no reply";
    return false;
}

}  // namespace qvblade::initiator
