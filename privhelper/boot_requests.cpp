// SPDX-License-Identifier: GPL-2.0-or-later
// The "Start at boot" requests: enable-boot-export (the image's path checked against the
// client's own descriptor, NAME.conf written, the unit enabled), disable-boot-export and
// list-boot-exports. systemctl does the enabling: through the running systemd, or (when none runs,
// or with --boot-root for tests) offline, writing the multi-user.target.wants link itself.
#include <linux/limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>

#include "core/export_args.h"
#include "privhelper/boot_exports.h"
#include "privhelper/file_credentials.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {

constexpr int kSystemctlTimeoutMs = 60000;

QString systemctlPath() {
    for (const char* p : {"/usr/bin/systemctl", "/bin/systemctl"})
        if (QFileInfo(QString::fromLatin1(p)).isExecutable()) return QString::fromLatin1(p);
    return {};
}

// The configuration directory, created if missing: root's, and writable by root alone (or a
// user could put a NAME.conf there that root serves at boot).
bool ensureConfDir(const QString& dir, QString& error) {
    const QByteArray d = dir.toLocal8Bit();
    if (::mkdir(d.constData(), 0755) == 0) {
        ::chmod(d.constData(), 0755);
    } else if (errno != EEXIST) {
        error = QStringLiteral("cannot create %1: %2").arg(dir, errnoText());
        return false;
    }
    struct stat st {};
    if (::lstat(d.constData(), &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 022)) {
        error = QStringLiteral("%1 must be a directory owned by root and writable only by it").arg(dir);
        return false;
    }
    return true;
}

// The file's text, or nullopt when there is none.
std::optional<QByteArray> readConf(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return std::nullopt;
    return f.read(1 << 20);
}

// What qvblade-export@.service can write (its ReadWritePaths=, and block devices under /dev): a
// writable image elsewhere fails there with "Read-only file system" unless a drop-in adds it.
QString bootWriteWarning(const QString& path, bool readOnly) {
    if (readOnly) return {};
    for (const char* dir : {"/srv/", "/var/lib/qvblade/", "/mnt/", "/media/", "/dev/"})
        if (path.startsWith(QLatin1String(dir))) return {};
    return QStringLiteral("qvblade-export@.service sees %1 read-only: add it with ReadWritePaths= in a drop-in "
                          "(systemctl edit), or start the export read-only").arg(path);
}

}  // namespace

QString Server::bootConfDir() const { return options_.bootRoot + QLatin1String(kBootConfDir); }

void Server::runSystemctl(const QStringList& args, std::function<void(int, const QString&)> done) {
    const QString program = systemctlPath();
    if (program.isEmpty()) return done(-1, QStringLiteral("systemctl is not installed"));
    auto* p = new QProcess(this);
    // Root's choice of environment, not the helper's (which came from pkexec or systemd).
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/sbin:/usr/bin:/sbin:/bin"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.insert(QStringLiteral("SYSTEMD_PAGER"), QString());
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    QStringList all;
    if (!options_.bootRoot.isEmpty()) all << QStringLiteral("--root=") + options_.bootRoot;
    all << QStringLiteral("--no-ask-password") << args;
    auto finished = std::make_shared<bool>(false);
    auto end = [p, done, finished](int code) {
        if (*finished) return;
        *finished = true;
        const QString out = QString::fromLocal8Bit(p->readAll()).trimmed();
        p->deleteLater();
        done(code, out);
    };
    connect(p, &QProcess::finished, this, [p, end](int code, QProcess::ExitStatus status) {
        end(status == QProcess::NormalExit ? code : -1);
        Q_UNUSED(p);
    });
    connect(p, &QProcess::errorOccurred, this, [end](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart) end(-1);
    });
    QTimer::singleShot(kSystemctlTimeoutMs, p, [p] { p->kill(); });
    // execve gives the child the effective uid (0) as its file-system uid again.
    p->start(program, all);
}

void Server::enableBootExport(const RequestPtr& r) {
    Fields f(r->args, {"name", "path", "shelf", "slot", "interfaces", "readOnly", "direct", "durable", "offset", "length", "macs",
                       "bufferCount", "allowSharedAddress"});
    const QString name = f.string("name", kMaxBootNameLength);
    const QString path = f.string("path", PATH_MAX);
    ExportSettings s;
    readExportSettings(f, s);
    if (f.error.isEmpty() && !validBootName(name))
        f.fault(QStringLiteral("\"name\" must be 1 to %1 letters, digits, \"-\" or \"_\"").arg(kMaxBootNameLength));
    if (f.error.isEmpty()) f.fault(bootPathProblem(path));
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (r->fds.size() != 1)
        return fail(r, err::kBadFd, QStringLiteral("enable-boot-export needs exactly one descriptor (the image, opened by the client), not %1").arg(r->fds.size()));
    // The user's own rights are checked by the kernel when the client opens the image; here the
    // path must be that file's name (boot_exports.h). Root opens the path at every boot.
    QString kernelName;
    if (const QString bad = bootDescriptorProblem(r->fds[0].get(), path, s.store.readOnly, kernelName); !bad.isEmpty()) {
        audit(r, QStringLiteral("%1 refused: %2").arg(name, bad), {}, true);
        return fail(r, err::kBadFd, bad);
    }
    s.path = path.toStdString();
    const QString dir = bootConfDir();
    const QString confPath = dir + QLatin1Char('/') + name + QStringLiteral(".conf");
    QString error;
    bool created = false;
    {
        RootFileAccess asRoot;   // /etc/qvblade is root's
        if (!ensureConfDir(dir, error)) return fail(r, err::kFailed, error);
        const std::optional<QByteArray> old = readConf(confPath);
        const std::optional<uid_t> owner = old ? bootConfOwner(*old) : std::nullopt;
        if (old && r->peer.uid != 0 && owner != r->peer.uid)
            return fail(r, err::kExists, QStringLiteral("%1 already starts at boot for %2: choose another name")
                                             .arg(name, owner ? userName(*owner) : QStringLiteral("root")));
        created = !old;
        // 0600: it names where the user's image is, which other users are not shown.
        if (!replaceFileAtomically(dir, name + QStringLiteral(".conf"), bootConf(name, r->peer.uid, userName(r->peer.uid), s), error, 0600)) {
            audit(r, QStringLiteral("%1 not written: %2").arg(confPath, error));
            return fail(r, err::kFailed, error);
        }
    }
    // Enabled, not started: the export may be running in this helper now, on the same address.
    runSystemctl({QStringLiteral("enable"), bootUnitName(name)}, [this, r, name, confPath, created, path, readOnly = s.store.readOnly](int code, const QString& out) {
        if (code != 0) {
            if (created) {
                RootFileAccess asRoot;
                ::unlink(confPath.toLocal8Bit().constData());
            }
            const QString why = QStringLiteral("systemctl enable %1 failed: %2").arg(bootUnitName(name), out.isEmpty() ? QStringLiteral("exit code %1").arg(code) : out);
            audit(r, why);
            return fail(r, err::kFailed, why);
        }
        audit(r, QStringLiteral("%1 written and %2 enabled: %3 starts at boot").arg(confPath, bootUnitName(name), path));
        QJsonObject result{{"name", name}, {"unit", bootUnitName(name)}, {"config", confPath}, {"enabled", true}};
        if (const QString w = bootWriteWarning(path, readOnly); !w.isEmpty()) result.insert("warning", w);
        ok(r, result);
    });
}

void Server::disableBootExport(const RequestPtr& r) {
    Fields f(r->args, {"name"});
    const QString name = f.string("name", kMaxBootNameLength);
    if (f.error.isEmpty() && !validBootName(name))
        f.fault(QStringLiteral("\"name\" must be 1 to %1 letters, digits, \"-\" or \"_\"").arg(kMaxBootNameLength));
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString confPath = bootConfDir() + QLatin1Char('/') + name + QStringLiteral(".conf");
    std::optional<QByteArray> text;
    {
        RootFileAccess asRoot;
        text = readConf(confPath);
    }
    if (!text) return fail(r, err::kNotFound, QStringLiteral("%1 does not start at boot").arg(name));
    const std::optional<uid_t> owner = bootConfOwner(*text);
    auto disable = [this, r, name, confPath] {
        runSystemctl({QStringLiteral("disable"), bootUnitName(name)}, [this, r, name, confPath](int code, const QString& out) {
            if (code != 0) {
                const QString why = QStringLiteral("systemctl disable %1 failed: %2").arg(bootUnitName(name), out.isEmpty() ? QStringLiteral("exit code %1").arg(code) : out);
                audit(r, why);
                return fail(r, err::kFailed, why);
            }
            {
                RootFileAccess asRoot;
                if (::unlink(confPath.toLocal8Bit().constData()) < 0 && errno != ENOENT)
                    return fail(r, err::kFailed, QStringLiteral("cannot remove %1: %2").arg(confPath, errnoText()));
            }
            audit(r, QStringLiteral("%1 disabled and %2 removed").arg(bootUnitName(name), confPath));
            ok(r, {{"name", name}, {"enabled", false}});
        });
    };
    if (r->peer.uid == 0 || owner == r->peer.uid) return disable();
    // Another user's (or root's): as for their exports, an administrator each time.
    const QString ownerName = owner ? userName(*owner) : QStringLiteral("root");
    polkit_.check(r->peer, QString::fromLatin1(action::kManageAnyExport), [this, r, name, ownerName, disable](bool yes, const QString&) {
        if (!r->conn) return;
        if (yes) return disable();
        audit(r, QStringLiteral("refused: %1 starts at boot for %2").arg(name, ownerName), {}, true);
        fail(r, err::kNotAuthorized, QStringLiteral("%1 starts at boot for %2: only %2 or an administrator can change it").arg(name, ownerName));
    });
}

void Server::listBootExports(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString dir = bootConfDir();
    // Where `systemctl enable` puts the unit, by its [Install] WantedBy=multi-user.target.
    const QString wants = options_.bootRoot + QStringLiteral("/etc/systemd/system/multi-user.target.wants/");
    QJsonArray list;
    RootFileAccess asRoot;
    for (const QString& file : QDir(dir).entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name)) {
        const QString name = file.chopped(5);
        if (!validBootName(name)) continue;   // not one the helper writes
        const std::optional<QByteArray> text = readConf(dir + QLatin1Char('/') + file);
        if (!text) continue;
        const std::optional<uid_t> owner = bootConfOwner(*text);
        const bool mine = r->peer.uid == 0 || owner == r->peer.uid;
        QJsonObject o{{"name", name},
                      {"unit", bootUnitName(name)},
                      {"enabled", QFileInfo(wants + bootUnitName(name)).isSymLink()},
                      {"ownerUid", owner ? qint64(*owner) : qint64(0)},
                      {"owner", owner ? userName(*owner) : QStringLiteral("root")}};
        std::string error;
        const auto exports = parseExportConfig(text->toStdString(), error);
        if (!exports) {
            if (mine) o.insert("error", q(error));
        } else {
            QJsonArray items;
            for (const ExportSettings& s : *exports) {
                QJsonObject e{{"name", exportName(s.shelf, s.slot)}, {"shelf", int(s.shelf)}, {"slot", int(s.slot)}};
                if (mine) {
                    QJsonArray interfaces;
                    for (const auto& i : s.interfaces) interfaces << q(i);
                    e.insert("path", q(s.path));
                    e.insert("interfaces", interfaces);
                    e.insert("readOnly", s.store.readOnly);
                }
                items << e;
            }
            o.insert("exports", items);
        }
        list << o;
    }
    ok(r, {{"bootExports", list}});
}

}  // namespace qvblade::helper
