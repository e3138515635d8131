// SPDX-License-Identifier: GPL-2.0-or-later
// Linux: interface changes from rtnetlink. The socket joins the link group (RTMGRP_LINK): the
// kernel sends a message for every interface made, removed, brought up or down, losing or
// gaining carrier, or given another MTU or MAC. The messages only say *that* something changed:
// the interfaces are then listed again (the same facts list-interfaces reports) and compared, so
// a lost message (ENOBUFS when the socket's buffer overflowed) loses nothing.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/os/os.h"

namespace qvblade::os {

namespace {

class NetlinkLinkWatcher final : public LinkWatcher {
public:
    explicit NetlinkLinkWatcher(int fd) : fd_(fd), current_(listInterfaces()) {}
    ~NetlinkLinkWatcher() override { ::close(fd_); }
    int fd() const override { return fd_; }
    int pollIntervalMs() const override { return -1; }
    const std::vector<InterfaceInfo>& current() const override { return current_; }

    std::vector<LinkChange> changes() override {
        // Drain whatever is waiting; its content does not matter (see above).
        char buffer[8192];
        for (;;) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0 || (n < 0 && (errno == EINTR || errno == ENOBUFS))) continue;
            break;
        }
        std::vector<InterfaceInfo> now = listInterfaces();
        std::vector<LinkChange> out = diffInterfaces(current_, now);
        current_ = std::move(now);
        return out;
    }

private:
    int fd_;
    std::vector<InterfaceInfo> current_;
};

}  // namespace

std::unique_ptr<LinkWatcher> watchLinks(std::string& error) {
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    if (fd < 0) {
        error = std::string("cannot open an rtnetlink socket: ") + std::strerror(errno);
        return nullptr;
    }
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    addr.nl_groups = RTMGRP_LINK;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        error = std::string("cannot watch the interfaces (rtnetlink): ") + std::strerror(errno);
        ::close(fd);
        return nullptr;
    }
    // Listed after joining the group: a change between the two is in the list or in a message.
    return std::make_unique<NetlinkLinkWatcher>(fd);
}

}  // namespace qvblade::os
