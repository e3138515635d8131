// SPDX-License-Identifier: GPL-2.0-or-later
// "Start at boot" (enable-boot-export, disable-boot-export, list-boot-exports): the file
// /etc/qvblade/NAME.conf that qvblade-export@NAME.service serves with `qvblade-cli --config`,
// and the checks that stand between a client's request and a path root opens at every boot.
// The directory is fixed when the helper starts (/etc/qvblade; under --boot-root DIR for tests);
// the client names only NAME, which validBootName restricts to [A-Za-z0-9_-].
#pragma once

#include <sys/types.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

#include "core/export_target.h"

namespace qvblade::helper {

constexpr const char* kBootConfDir = "/etc/qvblade";
constexpr int kMaxBootNameLength = 64;

// NAME of NAME.conf and qvblade-export@NAME.service: 1 to 64 of [A-Za-z0-9_-], so it can be
// neither a path nor need systemd's escaping.
bool validBootName(const QString& name);
QString bootUnitName(const QString& name);

// Why `path` cannot name a boot export's image ("" when it can): absolute, normalised (no ".",
// "..", "//" or trailing "/"), no control characters, not longer than PATH_MAX.
QString bootPathProblem(const QString& path);

// Why the client's descriptor `fd` does not stand for `path` opened with the user's own rights
// ("" when it does). The client opened the file itself (the kernel checked the user's
// permissions then, with the access mode the descriptor has: read and write unless `readOnly`);
// `path` must be the name the kernel gives that very file now (/proc/self/fd), so a symbolic link,
// a renamed or deleted file or another file's name is refused. `kernelName` is what it says.
QString bootDescriptorProblem(int fd, const QString& path, bool readOnly, QString& kernelName);

// The file's text: who it was written for (`owner`, `userName`) and the export's line.
QByteArray bootConf(const QString& name, uid_t owner, const QString& userName, const ExportSettings& settings);
// The uid recorded by bootConf, if the text has one.
std::optional<uid_t> bootConfOwner(const QByteArray& text);

}  // namespace qvblade::helper
