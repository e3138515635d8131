// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/service_manager.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "privhelper/file_credentials.h"

namespace qvblade::helper {

namespace {
constexpr int kListenFdsStart = 3;   // SD_LISTEN_FDS_START
constexpr int kMaxFdsPerMessage = 253;   // SCM_MAX_FD
}  // namespace

std::vector<PassedFd> takePassedDescriptors() {
    std::vector<PassedFd> out;
    const char* pid = std::getenv("LISTEN_PID");
    const char* count = std::getenv("LISTEN_FDS");
    const char* names = std::getenv("LISTEN_FDNAMES");
    char* end = nullptr;
    const long forPid = pid ? std::strtol(pid, &end, 10) : 0;
    const bool ours = pid && *pid && !*end && forPid == long(::getpid());
    const long n = ours && count ? std::strtol(count, &end, 10) : 0;
    if (ours && count && *count && !*end && n > 0 && n < 65536) {
        // "a:b:c" -> a, b, c (names may be empty).
        std::vector<std::string> split;
        const std::string all = names ? names : "";
        for (size_t start = 0;;) {
            const size_t colon = all.find(':', start);
            split.push_back(all.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
            if (colon == std::string::npos) break;
            start = colon + 1;
        }
        for (long i = 0; i < n; ++i) {
            const int fd = kListenFdsStart + int(i);
            if (::fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) continue;   // not open after all
            out.push_back({UniqueFd(fd), size_t(i) < split.size() ? split[size_t(i)] : std::string()});
        }
    }
    // Not for anything this process starts.
    ::unsetenv("LISTEN_PID");
    ::unsetenv("LISTEN_FDS");
    ::unsetenv("LISTEN_FDNAMES");
    return out;
}

bool serviceManagerListening() {
    const char* path = std::getenv("NOTIFY_SOCKET");
    return path && (path[0] == '/' || path[0] == '@') && path[1];
}

bool notifyServiceManager(const std::string& state, const std::vector<int>& fds, std::string& error) {
    const char* path = std::getenv("NOTIFY_SOCKET");
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const size_t length = path ? std::strlen(path) : 0;
    if (!serviceManagerListening() || length >= sizeof addr.sun_path) {
        error = "no service manager socket ($NOTIFY_SOCKET)";
        return false;
    }
    if (fds.size() > size_t(kMaxFdsPerMessage)) {
        error = "too many descriptors for one message";
        return false;
    }
    std::memcpy(addr.sun_path, path, length);
    if (path[0] == '@') addr.sun_path[0] = '\0';   // the abstract namespace
    UniqueFd s(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (!s.valid()) {
        error = std::string("socket: ") + std::strerror(errno);
        return false;
    }
    iovec iov{const_cast<char*>(state.data()), state.size()};
    msghdr msg{};
    msg.msg_name = &addr;
    msg.msg_namelen = socklen_t(offsetof(sockaddr_un, sun_path) + length);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()));
    if (!fds.empty()) {
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        cmsghdr* c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
        std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
    }
    // The socket is the service manager's (/run/systemd/notify), not a client's file: reached
    // as root, like the helper's own files.
    RootFileAccess asRoot;
    if (::sendmsg(s.get(), &msg, MSG_NOSIGNAL) < 0) {
        error = std::string("sending to ") + path + ": " + std::strerror(errno);
        return false;
    }
    return true;
}

bool validFdName(const std::string& name) {
    if (name.size() > 255) return false;
    for (unsigned char c : name)
        if (c < ' ' || c >= 127 || c == ':') return false;
    return true;
}

}  // namespace qvblade::helper
