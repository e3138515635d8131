// SPDX-License-Identifier: GPL-2.0-or-later
// Where qvblade-cli's messages go: the terminal, or syslog once it runs as a daemon.
#pragma once

#include <string>

namespace qvblade::cli {

enum class Level { Info, Warning, Error };

void logToSyslog(const char* ident);
void logMessage(Level level, const std::string& text);
// The start-up line (vblade's "pid N: e9.0, S sectors O_RDWR") goes to stdout on a terminal.
void logStartup(const std::string& text);

}  // namespace qvblade::cli
