// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/sysctl_conf.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "core/file_io.h"
#include "privhelper/protocol/unique_fd.h"

namespace qvblade::helper {

namespace {
QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }
}  // namespace

QByteArray rmemSysctlConf(qint64 rmemMax, qint64 rmemDefault) {
    return QByteArrayLiteral("# Written by qvblade-helper (qvblade's \"Make permanent\"): socket receive-buffer\n"
                             "# limits large enough for ATA over Ethernet with jumbo frames. Written again,\n"
                             "# whole, each time; remove the file to go back to the kernel's defaults.\n")
           + "net.core.rmem_max = " + QByteArray::number(rmemMax) + "\n"
           + "net.core.rmem_default = " + QByteArray::number(rmemDefault) + "\n";
}

bool replaceFileAtomically(const QString& dir, const QString& name, const QByteArray& content, QString& error, int mode) {
    const QString target = dir + QLatin1Char('/') + name;
    QByteArray temp = (dir + QStringLiteral("/.") + name + QStringLiteral(".XXXXXX")).toLocal8Bit();
    UniqueFd fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (!fd.valid()) {
        error = QStringLiteral("cannot create a file in %1: %2").arg(dir, errnoText());
        return false;
    }
    // Whatever the umask (sysctl.d files are world-readable).
    const bool written = ::fchmod(fd.get(), mode_t(mode)) == 0 &&
                         writeFully(fd.get(), content.constData(), size_t(content.size()), 0) == int(content.size()) &&
                         ::fsync(fd.get()) == 0;
    if (!written || ::rename(temp.constData(), target.toLocal8Bit().constData()) != 0) {
        error = QStringLiteral("cannot write %1: %2").arg(target, errnoText());
        ::unlink(temp.constData());
        return false;
    }
    // The rename itself must survive a crash too.
    UniqueFd dirFd(::open(dir.toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd.valid()) ::fsync(dirFd.get());
    return true;
}

}  // namespace qvblade::helper
