// SPDX-License-Identifier: GPL-2.0-or-later
// The test as systemd for a helper in service mode: a NOTIFY_SOCKET of the test's own that
// receives the helper's sd_notify datagrams (READY=1, FDSTORE=1 with descriptors,
// FDSTOREREMOVE=1), and a helper started the way systemd starts it, with stored descriptors
// handed back (LISTEN_PID, LISTEN_FDS, LISTEN_FDNAMES, descriptors from 3).
#pragma once

#include <sys/socket.h>
#include <sys/un.h>
#include <poll.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "tests/privhelper/helper_fixture.h"

namespace qvblade::test {

using helper::UniqueFd;

struct Notification {
    QString text;
    std::vector<UniqueFd> fds;
};

// The next datagram on the notify socket within `timeoutMs`.
inline bool receive(int sock, Notification& n, int timeoutMs = 10000) {
    pollfd p{sock, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0) return false;
    char text[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 16)];
    iovec iov{text, sizeof text};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t got = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    if (got < 0) return false;
    n.text = QString::fromUtf8(text, got);
    n.fds.clear();
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); ++i) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                n.fds.emplace_back(fd);
            }
    return true;
}

// The helper as systemd starts it: in `netns`, NOTIFY_SOCKET set, `pass` at descriptors 3….
inline pid_t startAsService(const QString& netns, const QStringList& args, const QByteArray& notify,
                     const std::vector<std::pair<int, std::string>>& pass, const QString& stderrPath) {
    QStringList argv{"/usr/sbin/ip", "netns", "exec", netns, QStringLiteral(QVBLADE_HELPER_BIN)};
    argv << args;
    std::vector<QByteArray> bytes;
    for (const QString& a : argv) bytes.push_back(a.toLocal8Bit());
    std::vector<char*> cargv;
    for (auto& b : bytes) cargv.push_back(b.data());
    cargv.push_back(nullptr);
    std::string names;
    for (const auto& p : pass) names += (names.empty() ? "" : ":") + p.second;
    const QByteArray err = stderrPath.toLocal8Bit();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        std::vector<int> high;
        for (const auto& p : pass) high.push_back(::fcntl(p.first, F_DUPFD, 100));
        for (size_t i = 0; i < high.size(); ++i) ::dup2(high[i], 3 + int(i));   // without close-on-exec
        const int devnull = ::open("/dev/null", O_RDWR);
        ::dup2(devnull, 0);
        const int e = ::open(err.constData(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (e >= 0) ::dup2(e, 2);
        ::setenv("NOTIFY_SOCKET", notify.constData(), 1);
        if (!pass.empty()) {
            // ip netns exec runs the helper in this same process: this pid is the helper's.
            ::setenv("LISTEN_PID", std::to_string(::getpid()).c_str(), 1);
            ::setenv("LISTEN_FDS", std::to_string(pass.size()).c_str(), 1);
            ::setenv("LISTEN_FDNAMES", names.c_str(), 1);
        }
        ::execv(cargv[0], cargv.data());
        ::_exit(127);
    }
    return pid;
}

inline void killAndReap(pid_t& pid) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    pid = 0;
}

// SIGKILLs and reaps `pid` at the end of the scope unless it is 0 by then: a failed assertion
// returns early, and a helper that dropped its privileges has lost PR_SET_PDEATHSIG (it would
// outlive the test and keep ctest waiting on its output).
class KillAtScopeExit {
public:
    explicit KillAtScopeExit(pid_t& pid) : pid_(pid) {}
    ~KillAtScopeExit() {
        if (pid_ > 0) killAndReap(pid_);
    }
    KillAtScopeExit(const KillAtScopeExit&) = delete;
    KillAtScopeExit& operator=(const KillAtScopeExit&) = delete;

private:
    pid_t& pid_;
};

// SIGTERM, then waits: the helper's orderly end.
inline void stopAndReap(pid_t& pid) {
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    pid = 0;
}

// A datagram socket bound at `path`, reachable by the helper as nobody; invalid on failure.
inline UniqueFd notifySocket(const QByteArray& path) {
    UniqueFd sock(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (size_t(path.size()) >= sizeof addr.sun_path) return {};
    std::memcpy(addr.sun_path, path.constData(), size_t(path.size()));
    if (::bind(sock.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::chmod(path.constData(), 0777) != 0) return {};
    return sock;
}

}  // namespace qvblade::test
