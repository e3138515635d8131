// SPDX-License-Identifier: GPL-2.0-or-later
// Who is on the other end of a UNIX socket: SO_PEERCRED plus the process's start time, so that
// a polkit subject names this process and not a later one that got the same pid.
#pragma once

#include <sys/types.h>

#include <QString>

#include <cstdint>

namespace qvblade::helper {

struct PeerCredentials {
    pid_t pid = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    uint64_t startTime = 0;   // field 22 of /proc/PID/stat (clock ticks since boot)
};

// Reads the peer of a connected UNIX socket. False, with a sentence in `error`, when the
// kernel cannot tell or the process is already gone (a client that connected and exited).
bool readPeerCredentials(int socket, PeerCredentials& peer, QString& error);

}  // namespace qvblade::helper
