// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/boot_exports.h"

#include <fcntl.h>
#include <linux/limits.h>

#include <QDir>
#include <QRegularExpression>

#include "core/export_args.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {
constexpr const char* kOwnerTag = "# qvblade-owner-uid: ";
}  // namespace

bool validBootName(const QString& name) {
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,%1}$").arg(kMaxBootNameLength));
    return re.match(name).hasMatch();
}

QString bootUnitName(const QString& name) { return QStringLiteral("qvblade-export@%1.service").arg(name); }

QString bootPathProblem(const QString& path) {
    if (!QDir::isAbsolutePath(path)) return QStringLiteral("\"path\" must be an absolute path");
    if (path.toUtf8().size() >= PATH_MAX) return QStringLiteral("\"path\" is longer than %1 bytes").arg(PATH_MAX - 1);
    for (const QChar c : path)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) return QStringLiteral("\"path\" must not contain control characters");
    if (QDir::cleanPath(path) != path || path == QLatin1String("/"))
        return QStringLiteral("\"path\" must be the image's plain name (no \".\", \"..\", \"//\" or trailing \"/\")");
    return {};
}

QString bootDescriptorProblem(int fd, const QString& path, bool readOnly, QString& kernelName) {
    if (const QString bad = imageDescriptorProblem(fd, readOnly, true); !bad.isEmpty()) return bad;
    if (!readOnly && (::fcntl(fd, F_GETFL) & O_ACCMODE) != O_RDWR)
        return QStringLiteral("the descriptor is open for reading only: open the image for reading and writing, or start it read-only");
    // The kernel's name for the open file: built from the file's own directory entries, so it
    // holds no symbolic link and follows a rename; a deleted file gets " (deleted)".
    kernelName = QString::fromStdString(descriptorPath(fd));
    if (kernelName != path)
        return QStringLiteral("%1 is not the name of the file you opened (that is %2): open the image by its own name, "
                              "not through a symbolic link, and do not move it meanwhile")
            .arg(path, kernelName);
    return {};
}

QByteArray bootConf(const QString& name, uid_t owner, const QString& userName, const ExportSettings& settings) {
    return QStringLiteral("# Written by qvblade-helper (\"Start at boot\") for %1: qvblade-export@%2.service serves\n"
                          "# it with qvblade-cli --config. Written again, whole, each time; disabled from qvblade or\n"
                          "# with `systemctl disable qvblade-export@%2` and removing this file.\n")
               .arg(userName, name)
               .toUtf8() +
           kOwnerTag + QByteArray::number(qint64(owner)) + '\n' + QByteArray::fromStdString(formatExportArgs(settings)) + '\n';
}

std::optional<uid_t> bootConfOwner(const QByteArray& text) {
    for (const QByteArray& line : text.split('\n'))
        if (line.startsWith(kOwnerTag)) {
            bool ok = false;
            const uint uid = line.mid(int(qstrlen(kOwnerTag))).trimmed().toUInt(&ok);
            if (ok) return uid_t(uid);
        }
    return std::nullopt;
}

}  // namespace qvblade::helper
