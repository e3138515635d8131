// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/file_credentials.h"

#include <grp.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <QFile>

#include <cerrno>
#include <cstring>

namespace qvblade::helper {

namespace {

QString errnoText(const char* what) { return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))); }

// setfsuid() answers the previous value whether or not it changed anything; asking with an
// invalid id (-1) reads it without a change.
uid_t fileUid() { return uid_t(::setfsuid(uid_t(-1))); }
gid_t fileGid() { return gid_t(::setfsgid(gid_t(-1))); }

}  // namespace

bool adoptUnprivilegedFileIdentity(QString& error) {
    if (::geteuid() != 0) return true;
    if (::setgroups(0, nullptr) < 0) {
        error = errnoText("setgroups");
        return false;
    }
    // Real and effective ids stay 0; only the saved ids change, which keeps every capability.
    if (::setresgid(0, 0, kUnprivilegedFileGid) < 0 || ::setresuid(0, 0, kUnprivilegedFileUid) < 0) {
        error = errnoText("setresuid");
        return false;
    }
    ::setfsgid(kUnprivilegedFileGid);
    ::setfsuid(kUnprivilegedFileUid);
    if (fileUid() != kUnprivilegedFileUid || fileGid() != kUnprivilegedFileGid) {
        error = QStringLiteral("the file-system uid/gid did not change to %1/%2").arg(kUnprivilegedFileUid).arg(kUnprivilegedFileGid);
        return false;
    }
    return true;
}

bool currentFileIds(uid_t& fsuid, gid_t& fsgid) {
    QFile f(QStringLiteral("/proc/thread-self/status"));
    if (!f.open(QIODevice::ReadOnly)) return false;
    bool uidFound = false, gidFound = false;
    for (const QByteArray& line : f.readAll().split('\n')) {
        // "Uid:\treal\teffective\tsaved\tfilesystem"
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() == 5 && fields[0] == "Uid:") fsuid = uid_t(fields[4].toUInt(&uidFound));
        if (fields.size() == 5 && fields[0] == "Gid:") fsgid = gid_t(fields[4].toUInt(&gidFound));
    }
    return uidFound && gidFound;
}

RootFileAccess::RootFileAccess() : previousUid_(fileUid()), previousGid_(fileGid()) {
    // Allowed without CAP_SETUID: 0 is the effective uid.
    ::setfsuid(0);
    ::setfsgid(0);
}

RootFileAccess::~RootFileAccess() {
    // Allowed without CAP_SETUID: the previous id is the saved one (or 0).
    ::setfsgid(previousGid_);
    ::setfsuid(previousUid_);
}

}  // namespace qvblade::helper
