// SPDX-License-Identifier: GPL-2.0-or-later
// The sysctl.d file that keeps qvblade's receive-buffer limits after a reboot (persist-rmem).
// Its directory is fixed when the helper starts (/etc/sysctl.d, or --sysctl-dir for tests);
// its name is fixed here. No client ever names a path this code writes.
#pragma once

#include <QByteArray>
#include <QString>

namespace qvblade::helper {

constexpr const char* kSysctlConfDir = "/etc/sysctl.d";
constexpr const char* kSysctlConfName = "60-qvblade.conf";

// The file's text: a comment saying who wrote it, then both limits.
QByteArray rmemSysctlConf(qint64 rmemMax, qint64 rmemDefault);

// Replaces `dir`/`name` with `content`, `mode` (0644: sysctl.d's), atomically: a temporary file in the same
// directory is written and synced, then renamed over the old one (a reader sees the old file or
// the new one, never half of it; a symlink at the name is replaced, not followed).
bool replaceFileAtomically(const QString& dir, const QString& name, const QByteArray& content, QString& error, int mode = 0644);

}  // namespace qvblade::helper
