// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/privileges.h"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <QFile>

#include <cerrno>
#include <cstring>

namespace qvblade::helper {

namespace {

int lastCapability() {
    QFile f(QStringLiteral("/proc/sys/kernel/cap_last_cap"));
    if (f.open(QIODevice::ReadOnly)) {
        bool ok = false;
        const int v = f.readAll().trimmed().toInt(&ok);
        if (ok) return v;
    }
    return CAP_LAST_CAP;
}

QString errnoText(const char* what) { return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))); }

}  // namespace

bool dropCapabilities(const std::vector<int>& keep, QString& error) {
    if (::geteuid() != 0) return true;
    auto kept = [&](int cap) { return std::find(keep.begin(), keep.end(), cap) != keep.end(); };
    // The bounding set first: dropping from it needs CAP_SETPCAP, which capset below removes.
    // (Under a service manager that already bounds us, there may be nothing left to drop.)
    for (int cap = 0; cap <= lastCapability(); ++cap)
        if (!kept(cap) && ::prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1 && ::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            error = errnoText("PR_CAPBSET_DROP");
            return false;
        }
    ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    for (int cap : keep) {
        data[CAP_TO_INDEX(cap)].permitted |= CAP_TO_MASK(cap);
        data[CAP_TO_INDEX(cap)].effective |= CAP_TO_MASK(cap);
    }
    if (::syscall(SYS_capset, &header, data) < 0) {
        error = errnoText("capset");
        return false;
    }
    // No setuid program we might start could give anything back either.
    ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    return true;
}

quint64 effectiveCapabilities() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("CapEff:")) return line.mid(7).trimmed().toULongLong(nullptr, 16);
    return 0;
}

}  // namespace qvblade::helper
