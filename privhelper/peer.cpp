// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/peer.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <QFile>

#include <cerrno>
#include <cstring>

#include "privhelper/protocol/unique_fd.h"

namespace qvblade::helper {

namespace {

#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77   // Linux 6.5; older kernels answer ENOPROTOOPT and we do without
#endif

bool readStartTime(pid_t pid, uint64_t& startTime) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return false;
    const QByteArray stat = f.readAll();
    // The command name (field 2) may contain spaces and ')': fields restart after the last ')'.
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0) return false;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 is fields[19].
    if (fields.size() < 20) return false;
    bool ok = false;
    startTime = fields[19].toULongLong(&ok);
    return ok;
}

}  // namespace

bool readPeerCredentials(int socket, PeerCredentials& peer, QString& error) {
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(socket, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 || cred.pid <= 0) {
        error = QStringLiteral("cannot read the peer's credentials: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    peer.pid = cred.pid;
    peer.uid = cred.uid;
    peer.gid = cred.gid;
    // A pidfd from the socket pins the very process that connected: if it is still alive after
    // we read /proc/PID/stat, the start time we read is its own and not a successor's.
    int pidfd = -1;
    socklen_t pidfdLen = sizeof pidfd;
    UniqueFd pinned(::getsockopt(socket, SOL_SOCKET, SO_PEERPIDFD, &pidfd, &pidfdLen) == 0 ? pidfd : -1);
    errno = 0;
    if (!readStartTime(cred.pid, peer.startTime)) {
        // Out of descriptors is the helper's trouble, not a sign that the client left.
        error = errno == EMFILE || errno == ENFILE
                    ? QStringLiteral("the helper has no file descriptors left to check the peer process %1").arg(cred.pid)
                    : QStringLiteral("the peer process %1 is gone").arg(cred.pid);
        return false;
    }
    // Signal 0 only tests: ESRCH means the process is gone (EPERM, another user's, is fine).
    if (pinned.valid() && ::syscall(SYS_pidfd_send_signal, pinned.get(), 0, nullptr, 0) < 0 && errno == ESRCH) {
        error = QStringLiteral("the peer process %1 exited while it connected").arg(cred.pid);
        return false;
    }
    return true;
}

}  // namespace qvblade::helper
