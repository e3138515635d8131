// SPDX-License-Identifier: GPL-2.0-or-later
// The test's own AoE initiator: from inside a network namespace the test created, sends one
// ATA READ SECTORS EXT for a sector and returns the data of the reply. It runs in a forked
// child (setns affects the calling thread), which reports through a pipe.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QByteArray>
#include <QString>

#include <cstring>

namespace qvblade::test {

// aoeReadSector's `code` when the target answered with an ATA error (status ERR).
inline constexpr int kProbeAtaError = 7;

namespace probe_detail {

// Returns 0 and fills data[512] on success, or a small error number.
inline int readSectorHere(const char* ifname, uint16_t shelf, uint8_t slot, uint64_t lba, unsigned char* data) {
    const int s = ::socket(AF_PACKET, SOCK_RAW, htons(0x88A2));
    if (s < 0) return 2;
    const unsigned index = ::if_nametoindex(ifname);
    if (!index) return 3;
    sockaddr_ll ll{};
    ll.sll_family = AF_PACKET;
    ll.sll_protocol = htons(0x88A2);
    ll.sll_ifindex = int(index);
    if (::bind(s, reinterpret_cast<sockaddr*>(&ll), sizeof ll) < 0) return 4;
    ifreq ifr{};
    std::strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
    if (::ioctl(s, SIOCGIFHWADDR, &ifr) < 0) return 5;
    unsigned char f[60] = {};
    std::memset(f, 0xFF, 6);                               // broadcast: the target answers from its MAC
    std::memcpy(f + 6, ifr.ifr_hwaddr.sa_data, 6);
    f[12] = 0x88, f[13] = 0xA2;
    f[14] = 0x10;                                          // version 1, request
    f[16] = uint8_t(shelf >> 8), f[17] = uint8_t(shelf), f[18] = slot;
    f[19] = 0;                                             // ATA
    const uint32_t tag = 0x51ab0000u | uint32_t(::getpid() & 0xFFFF);
    f[20] = uint8_t(tag >> 24), f[21] = uint8_t(tag >> 16), f[22] = uint8_t(tag >> 8), f[23] = uint8_t(tag);
    f[24] = 0x40;                                          // extended (LBA48)
    f[26] = 1;                                             // one sector
    f[27] = 0x24;                                          // READ SECTORS EXT
    for (int i = 0; i < 6; ++i) f[28 + i] = uint8_t(lba >> (8 * i));
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (::send(s, f, sizeof f, 0) != ssize_t(sizeof f)) return 6;
        pollfd p{s, POLLIN, 0};
        while (::poll(&p, 1, 1000) > 0) {
            unsigned char r[2048];
            const ssize_t n = ::recv(s, r, sizeof r, 0);
            if (n < 36) continue;
            const uint32_t rtag = uint32_t(r[20]) << 24 | uint32_t(r[21]) << 16 | uint32_t(r[22]) << 8 | r[23];
            if (!(r[14] & 0x08) || rtag != tag) continue;   // not the answer to us
            if (r[27] & 0x01) return kProbeAtaError;        // an error reply carries no data
            if (n < 36 + 512) continue;
            std::memcpy(data, r + 36, 512);
            return 0;
        }
    }
    return 8;   // no answer
}

}  // namespace probe_detail

// Reads sector `lba` of shelf.slot over `ifname` in namespace `netns`; true with 512 bytes. On
// failure `code` (if given) tells why: kProbeAtaError, or another number for anything else.
inline bool aoeReadSector(const QString& netns, const QString& ifname, uint16_t shelf, uint8_t slot, uint64_t lba,
                          QByteArray& data, QString& error, int* code = nullptr) {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) < 0) return false;
    const QByteArray nsPath = QStringLiteral("/run/netns/%1").arg(netns).toLocal8Bit();
    const QByteArray ifn = ifname.toLocal8Bit();
    const pid_t pid = ::fork();
    if (pid == 0) {
        unsigned char out[513] = {};
        const int nsfd = ::open(nsPath.constData(), O_RDONLY | O_CLOEXEC);
        out[0] = nsfd < 0 || ::setns(nsfd, CLONE_NEWNET) < 0 ? 1 : uint8_t(probe_detail::readSectorHere(ifn.constData(), shelf, slot, lba, out + 1));
        [[maybe_unused]] ssize_t w = ::write(p[1], out, sizeof out);
        ::_exit(0);
    }
    ::close(p[1]);
    unsigned char in[513];
    size_t got = 0;
    while (got < sizeof in) {
        const ssize_t n = ::read(p[0], in + got, sizeof in - got);
        if (n <= 0) break;
        got += size_t(n);
    }
    ::close(p[0]);
    ::waitpid(pid, nullptr, 0);
    static const char* const kWhy[] = {"", "cannot enter the namespace", "no packet socket", "no such interface",
                                       "bind failed", "no MAC", "send failed", "the target answered with an ATA error",
                                       "no answer from the target within 5 s"};
    if (code) *code = got != sizeof in ? -1 : in[0];
    if (got != sizeof in || in[0] != 0) {
        error = got != sizeof in ? QStringLiteral("the probe process failed") : QString::fromLatin1(kWhy[in[0] < 9 ? in[0] : 0]);
        return false;
    }
    data = QByteArray(reinterpret_cast<const char*>(in + 1), 512);
    return true;
}

}  // namespace qvblade::test
