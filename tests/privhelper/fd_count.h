// SPDX-License-Identifier: GPL-2.0-or-later
// Counts this process's open descriptors (/proc/self/fd), for the leak checks.
#pragma once

#include <QDir>

namespace qvblade::test {

inline int openFdCount() {
    // The listing itself opens one descriptor, the same each time.
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size());
}

}  // namespace qvblade::test
