// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli/log.h"

#include <syslog.h>

#include <cstdio>

namespace qvblade::cli {

namespace {
bool useSyslog = false;
}

void logToSyslog(const char* ident) {
    openlog(ident, LOG_PID, LOG_DAEMON);
    useSyslog = true;
}

void logMessage(Level level, const std::string& text) {
    if (useSyslog) {
        syslog(level == Level::Error ? LOG_ERR : level == Level::Warning ? LOG_WARNING : LOG_INFO, "%s", text.c_str());
        return;
    }
    std::fprintf(stderr, "qvblade-cli: %s\n", text.c_str());
}

void logStartup(const std::string& text) {
    if (useSyslog) {
        syslog(LOG_INFO, "%s", text.c_str());
        return;
    }
    std::printf("%s\n", text.c_str());
    std::fflush(stdout);
}

}  // namespace qvblade::cli
