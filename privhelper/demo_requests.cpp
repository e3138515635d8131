// SPDX-License-Identifier: GPL-2.0-or-later
// start-demo and stop-demo (issue #26): "Try it on this computer". The helper starts
// qvblade-demo, from the directory of its own executable only (never a path a client names),
// which makes a network namespace of its own with a veth pair, hands back the packet sockets of
// the target's end (demo_link.h) and runs an initiator on the other end. The export serves the
// client's demo image on those sockets, on a port whose name ("demoN:veth") no real interface can
// have, so no real interface is opened, and no add-export can reach the demo's. Stopping removes
// the export (its sockets close, and with the demo process gone the namespace and veth pair go).
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <csignal>

#include "privhelper/demo_link.h"
#include "privhelper/demo_requests.h"
#include "privhelper/export_json.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {

constexpr int kLinkTimeoutMs = 10000;
constexpr uint16_t kDemoShelf = 42;

// qvblade-demo beside this very executable: /usr/libexec/qvblade when installed (the directory
// pkexec's policy names), the build tree's privhelper/ in tests.
QString demoProgram() {
    return QFileInfo(QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath()).dir().filePath(QStringLiteral("qvblade-demo"));
}

}  // namespace

Server::Demo::~Demo() {
    if (process) {
        process->disconnect();
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(2000)) {
                process->kill();
                process->waitForFinished(2000);
            }
        }
        process->deleteLater();
    }
}

bool Server::isDemo(const QString& exportName) const { return demo_ && demo_->added && demo_->name == exportName; }

void Server::startDemo(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf, kDemoShelf);
    const qint64 slot = f.integer("slot", 0, aoe::kMaxSlot, 0);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (demo_) return fail(r, err::kExists, QStringLiteral("the demo already runs (%1); stop it first").arg(demo_->name));
    if (r->fds.size() != 1)
        return fail(r, err::kBadFd, QStringLiteral("start-demo needs exactly one descriptor (the demo image, opened by the client), not %1").arg(r->fds.size()));
    const int fd = r->fds[0].get();
    if (const QString bad = imageDescriptorProblem(fd, false, false); !bad.isEmpty()) return fail(r, err::kBadFd, bad);
    if ((::fcntl(fd, F_GETFL) & O_ACCMODE) != O_RDWR) return fail(r, err::kBadFd, QStringLiteral("open the demo image for reading and writing"));
    struct stat st {};
    ::fstat(fd, &st);
    const qint64 sectors = qint64(st.st_size / 512);
    if (sectors < 2048) return fail(r, err::kBadFd, QStringLiteral("the demo image must hold at least 1 MiB"));
    if (const int left = descriptorsLeft(); left < options_.descriptorReserve)
        return fail(r, err::kLimitReached, QStringLiteral("the helper has only %1 file descriptors left").arg(left));
    const QString program = demoProgram();
    if (!QFileInfo(program).isExecutable()) return fail(r, err::kFailed, QStringLiteral("%1 is not installed").arg(program));

    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return fail(r, err::kFailed, QStringLiteral("socketpair: %1").arg(errnoText()));
    UniqueFd childEnd(pair[1]);
    demo_ = std::make_unique<Demo>();
    Demo& d = *demo_;
    d.client = r->conn;
    d.starting = r;
    d.shelf = uint16_t(shelf);
    d.slot = uint8_t(slot);
    d.name = exportName(shelf, slot);
    d.image = std::move(r->fds[0]);
    d.channel = UniqueFd(pair[0]);
    d.process = new QProcess(this);
    d.process->setProgram(program);
    d.process->setArguments({QString::number(shelf), QString::number(slot), QString::number(sectors)});
    d.process->setStandardOutputFile(QProcess::nullDevice());
    const int child = childEnd.get();
    d.process->setChildProcessModifier([child] { ::dup2(child, 0); });
    connect(d.process, &QProcess::readyReadStandardError, this, [this, p = d.process] {
        while (p->canReadLine()) {
            const QString line = QString::fromLocal8Bit(p->readLine()).trimmed();
            std::fprintf(stderr, "%s\n", qPrintable(line));
            if (demo_ && demo_->process == p) demo_->lastLine = line.section(QStringLiteral(": "), 1);
        }
    });
    d.process->setReadChannel(QProcess::StandardError);
    connect(d.process, &QProcess::finished, this, [this, p = d.process](int code, QProcess::ExitStatus) {
        if (!demo_ || demo_->process != p) return;
        endDemo(demo_->lastLine.isEmpty() ? QStringLiteral("qvblade-demo ended with status %1").arg(code) : demo_->lastLine);
    });
    d.notifier = std::make_unique<QSocketNotifier>(d.channel.get(), QSocketNotifier::Read);
    connect(d.notifier.get(), &QSocketNotifier::activated, this, &Server::demoLinkReady);
    d.timeout.setSingleShot(true);
    connect(&d.timeout, &QTimer::timeout, this, [this] { endDemo(QStringLiteral("qvblade-demo did not set up its network in time")); });
    d.timeout.start(kLinkTimeoutMs);
    d.process->start();
    audit(r, QStringLiteral("demo %1 starting: %2").arg(d.name, program), d.name);
}

void Server::demoLinkReady() {
    Demo& d = *demo_;
    d.notifier->setEnabled(false);
    DemoLink link;
    std::vector<UniqueFd> fds;
    const ssize_t n = receiveDemoLink(d.channel.get(), link, fds);
    if (n == 0) return;   // qvblade-demo ended before: its finished() says why
    if (n != ssize_t(sizeof link) || link.magic != DemoLink::kMagic || fds.size() != 2 || link.mtu < 576 || link.mtu > 65535)
        return endDemo(QStringLiteral("qvblade-demo sent no usable link"));
    d.timeout.stop();
    os::InterfaceInfo info;
    info.name = QStringLiteral("demo%1:veth").arg(++demoCount_).toStdString();
    info.mac = aoe::MacAddress::fromBytes(link.mac);
    info.mtu = link.mtu;
    info.up = info.running = true;
    ExportSettings s;
    s.shelf = d.shelf;
    s.slot = d.slot;
    s.interfaces = {info.name};
    s.configString = "qvblade demo";
    s.path = descriptorPath(d.image.get());
    std::string why;
    std::unique_ptr<BackingStore> store = BackingStore::adopt(d.image.release(), s.path, s.store, why);
    if (!store) return endDemo(q(why));
    struct Parts {
        ExportSettings settings;
        std::unique_ptr<BackingStore> store;
        int receive, send;
        os::InterfaceInfo info;
    };
    auto parts = std::make_shared<Parts>(Parts{std::move(s), std::move(store), fds[0].release(), fds[1].release(), info});
    struct Added {
        QString error;
        QJsonObject json;
    };
    engine_->call<Added>(
        [parts](Engine& e) {
            Added a;
            std::string error;
            auto port = PacketPort::adopt(parts->receive, parts->send, parts->info, error);
            std::shared_ptr<ExportTarget> target;
            if (port) target = e.addExport(std::move(parts->settings), std::move(parts->store), error, std::move(port));
            if (!target) a.error = q(error);
            else a.json = exportJson(*target, false);
            return a;
        },
        [this, name = d.name](Added a) {
            if (!demo_ || demo_->name != name) return;
            if (!a.error.isEmpty()) return endDemo(a.error);
            Demo& d = *demo_;
            d.added = true;
            const RequestPtr r = std::move(d.starting);
            exportOwners_[name] = {r->peer.uid, userName(r->peer.uid), {}, {}};
            const QJsonObject json = exportView(r->peer, a.json);
            audit(r, QStringLiteral("demo %1 added on %2").arg(name, json.value("interfaces").toArray().first().toString()), name);
            ok(r, {{"export", json}, {"pid", qint64(d.process->processId())}});
            announceExportChange(QStringLiteral("added"), name, a.json);
        });
}

void Server::stopDemo(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (!demo_) return fail(r, err::kNotFound, QStringLiteral("no demo is running"));
    const QString name = demo_->name;
    authorizeOwner(r, name, [this, r, name] {
        if (!demo_ || demo_->name != name) return fail(r, err::kNotFound, QStringLiteral("no demo is running"));
        audit(r, QStringLiteral("demo %1 stopped").arg(name), name);
        endDemo(QStringLiteral("stopped"));
        ok(r, {{"stopped", name}});
    });
}

void Server::endDemo(const QString& why) {
    if (!demo_) return;
    std::unique_ptr<Demo> d = std::move(demo_);
    qInfo("qvblade-helper: demo %s ended: %s", qPrintable(d->name), qPrintable(why));
    if (d->starting) fail(d->starting, err::kFailed, QStringLiteral("the demo did not start: %1").arg(why));
    if (d->added) {
        const QString name = d->name;
        const uint16_t shelf = d->shelf;
        const uint8_t slot = d->slot;
        exportOwners_.erase(name);
        engine_->call<bool>([shelf, slot](Engine& e) { return e.removeExport(shelf, slot); }, [this, name](bool removed) {
            if (removed) announceExportChange(QStringLiteral("removed"), name);
        });
    }
    // ~Demo stops qvblade-demo (SIGTERM, then SIGKILL) and closes the channel.
}

}  // namespace qvblade::helper
