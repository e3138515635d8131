// SPDX-License-Identifier: GPL-2.0-or-later
// Dropping what root does not need: after start-up the helper keeps only the capabilities its
// work uses (CAP_NET_RAW for the packet sockets) and can never regain the others.
#pragma once

#include <QString>

#include <vector>

namespace qvblade::helper {

// When running as root: clears the bounding set and the ambient set except `keep`, and sets
// permitted = effective = `keep`, inheritable = none. A no-op for other users.
bool dropCapabilities(const std::vector<int>& keep, QString& error);

// The effective capability mask of this process (from /proc/self/status), for tests and logs.
quint64 effectiveCapabilities();

}  // namespace qvblade::helper
