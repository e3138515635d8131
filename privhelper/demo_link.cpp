// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/demo_link.h"

#include <sys/socket.h>

#include <cstring>

namespace qvblade::helper {

namespace {

constexpr size_t kLinkFds = 2;
// The receiver has room for more than it expects, so a sender that passes extra descriptors is
// seen (and they are closed with the rest) rather than cut off unnoticed.
constexpr size_t kReceiveRoom = 4;

// The link struct as data, and room for `fds` descriptors as control data.
template <size_t fds>
struct LinkMessage {
    iovec iov;
    alignas(cmsghdr) char control[CMSG_SPACE(fds * sizeof(int))] = {};
    msghdr msg{};
    explicit LinkMessage(DemoLink& link) : iov{&link, sizeof link} {
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
    }
};

}  // namespace

bool sendDemoLink(int channel, DemoLink link, int receiveFd, int sendFd) {
    LinkMessage<kLinkFds> m(link);
    cmsghdr* c = CMSG_FIRSTHDR(&m.msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(kLinkFds * sizeof(int));
    const int fds[kLinkFds] = {receiveFd, sendFd};
    std::memcpy(CMSG_DATA(c), fds, sizeof fds);
    return ::sendmsg(channel, &m.msg, MSG_NOSIGNAL) == ssize_t(sizeof link);
}

ssize_t receiveDemoLink(int channel, DemoLink& link, std::vector<UniqueFd>& fds) {
    LinkMessage<kReceiveRoom> m(link);
    // MSG_CMSG_CLOEXEC: the sockets must not reach a child the helper starts.
    const ssize_t n = ::recvmsg(channel, &m.msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
    if (n < 0) return n;
    for (cmsghdr* c = CMSG_FIRSTHDR(&m.msg); c; c = CMSG_NXTHDR(&m.msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); ++i) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                fds.emplace_back(fd);
            }
    return n;
}

}  // namespace qvblade::helper
