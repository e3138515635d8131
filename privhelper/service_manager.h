// SPDX-License-Identifier: GPL-2.0-or-later
// What the helper says to and gets from systemd when it runs as qvblade-helper.service, without
// libsystemd (a few lines, read in one sitting):
//  - sd_notify(3): one datagram to $NOTIFY_SOCKET, descriptors as SCM_RIGHTS ("READY=1",
//    "FDSTORE=1\nFDNAME=…" with an image descriptor, "FDSTOREREMOVE=1\nFDNAME=…");
//  - sd_listen_fds_with_names(3): the descriptors systemd hands back at start ($LISTEN_PID,
//    $LISTEN_FDS, $LISTEN_FDNAMES; descriptors from 3 on), which is how exports survive a crash.
#pragma once

#include <string>
#include <vector>

#include "privhelper/protocol/unique_fd.h"

namespace qvblade::helper {

// A descriptor the service manager passed at start, with the name it was stored under.
struct PassedFd {
    UniqueFd fd;
    std::string name;
};

// Takes the descriptors passed to this process (none when $LISTEN_PID is another process, as
// for a child that inherited the environment): marks them close-on-exec and unsets the three
// variables. Names missing from $LISTEN_FDNAMES are empty.
std::vector<PassedFd> takePassedDescriptors();

// True when $NOTIFY_SOCKET names a socket to notify.
bool serviceManagerListening();

// Sends `state` (newline-separated assignments) with `fds` to $NOTIFY_SOCKET. False, with the
// reason in `error`, when there is no socket or the send fails.
bool notifyServiceManager(const std::string& state, const std::vector<int>& fds, std::string& error);

// FDNAME values systemd accepts: at most 255 printable ASCII characters, no ':'.
bool validFdName(const std::string& name);

}  // namespace qvblade::helper
