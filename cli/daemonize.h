// SPDX-License-Identifier: GPL-2.0-or-later
// What the old vbladed script did, done properly: detach from the terminal, log to syslog,
// write a pid file, and let the starting process report start-up errors with its exit code.
#pragma once

#include <string>

namespace qvblade::cli {

// Forks. The parent waits until the child calls daemonReady() or daemonFailed() and exits
// with 0 or 1, printing what the child reported; only the child returns. Returns false (in
// the original process) if the fork failed.
bool daemonize();
// Child side: start-up finished; `message` (the start-up lines) is printed by the parent.
void daemonReady(const std::string& message);
void daemonFailed(const std::string& message);
// Writes the pid file; removes it at exit.
bool writePidFile(const std::string& path, std::string& error);

}  // namespace qvblade::cli
