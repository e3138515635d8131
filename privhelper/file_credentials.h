// SPDX-License-Identifier: GPL-2.0-or-later
// The helper's file-system identity. It stays uid 0 (the rmem sysctls check the effective uid),
// but touches files as an unprivileged user (the file-system uid, per thread on Linux), so:
//  - a write into a client's image never takes the blocks ext4 reserves for root (ext4 grants
//    them to fsuid == resuid, 0 by default, or CAP_SYS_RESOURCE, which the helper drops);
//  - reopening a client's descriptor through /proc/self/fd is checked as an ordinary user.
// Block allocation is charged to the file's owner (quota) whoever writes, so this is all the
// accounting a client's writes need.
// The few files the helper owns itself (its socket directory, /etc/sysctl.d/60-qvblade.conf)
// are written inside a RootFileAccess scope.
#pragma once

#include <sys/types.h>

#include <QString>

namespace qvblade::helper {

// The identity files are touched as outside RootFileAccess: nobody/nogroup.
constexpr uid_t kUnprivilegedFileUid = 65534;
constexpr gid_t kUnprivilegedFileGid = 65534;

// Must run while the process has one thread and CAP_SETUID/CAP_SETGID: drops supplementary
// groups, sets the saved uid/gid to the unprivileged identity (so that later switches of the
// file-system ids between it and 0 need no capability) and makes it the file-system identity.
// Threads created afterwards inherit it. A no-op when not root.
bool adoptUnprivilegedFileIdentity(QString& error);

// The calling thread's file-system uid and gid (from /proc/thread-self/status).
bool currentFileIds(uid_t& fsuid, gid_t& fsgid);

// Within this scope the calling thread touches files as root again.
class RootFileAccess {
public:
    RootFileAccess();
    ~RootFileAccess();
    RootFileAccess(const RootFileAccess&) = delete;
    RootFileAccess& operator=(const RootFileAccess&) = delete;

private:
    uid_t previousUid_;
    gid_t previousGid_;
};

}  // namespace qvblade::helper
