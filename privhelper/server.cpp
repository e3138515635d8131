// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QSocketNotifier>

#include "core/os/os.h"
#include "privhelper/demo_requests.h"
#include "privhelper/file_credentials.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {
constexpr int kMaxClients = 128;   // root's connections do not count against it
}  // namespace

Server::Server(ServerOptions options, QObject* parent)
    : QObject(parent),
      options_(std::move(options)),
      polkit_(this),
      auditLog_(options_.journalSocket),
      spareFd_(::open("/dev/null", O_RDONLY | O_CLOEXEC)),
      engine_(std::make_unique<EngineHost>(this)) {
    countersTimer_.setInterval(kCountersIntervalMs);
    connect(&countersTimer_, &QTimer::timeout, this, &Server::pushCounters);
    tapTimer_.setInterval(kTapIntervalMs);
    connect(&tapTimer_, &QTimer::timeout, this, &Server::drainTap);
    watchAddressConflicts();
    watchLinks();
}

Server::~Server() {
    shutdown();
    if (spareFd_ >= 0) ::close(spareFd_);
}

void Server::shutdown() {
    if (demo_) endDemo(QStringLiteral("the helper is stopping"));
    countersTimer_.stop();
    tapTimer_.stop();
    if (engine_) engine_->stop();
    acceptNotifier_.reset();
    if (listenFd_ >= 0) {
        ::close(listenFd_);
        listenFd_ = -1;
        RootFileAccess asRoot;   // the socket is in root's directory
        ::unlink(listenPath_.toLocal8Bit().constData());
    }
}

bool Server::listen(const QString& path, QString& error) {
    // The directory and the socket are root's own files, not a client's.
    RootFileAccess asRoot;
    const QByteArray p = QFileInfo(path).absoluteFilePath().toLocal8Bit();
    const QByteArray dir = QFileInfo(path).absolutePath().toLocal8Bit();
    sockaddr_un addr{};
    if (size_t(p.size()) >= sizeof addr.sun_path) {
        error = QStringLiteral("socket path %1 is too long").arg(path);
        return false;
    }
    if (::mkdir(dir.constData(), 0755) == 0) {
        ::chmod(dir.constData(), 0755);   // whatever the umask: clients must reach the socket
    } else if (errno != EEXIST) {
        error = QStringLiteral("cannot create %1: %2").arg(QString::fromLocal8Bit(dir), errnoText());
        return false;
    }
    // The directory must be ours alone, or someone could swap the socket for something else.
    struct stat st {};
    if (::lstat(dir.constData(), &st) < 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() || (st.st_mode & 022)) {
        error = QStringLiteral("%1 must be a directory owned by uid %2 and writable only by it").arg(QString::fromLocal8Bit(dir)).arg(::geteuid());
        return false;
    }
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, p.constData(), size_t(p.size()));
    if (::lstat(p.constData(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            error = QStringLiteral("%1 exists and is not a socket").arg(path);
            ::close(fd);
            return false;
        }
        const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const bool live = ::connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(probe);
        if (live) {
            error = QStringLiteral("another helper is already serving %1").arg(path);
            ::close(fd);
            return false;
        }
        ::unlink(p.constData());   // a stale socket of a helper that is gone
    }
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 || ::chmod(p.constData(), 0666) < 0 ||
        ::listen(fd, 16) < 0) {
        error = QStringLiteral("cannot listen on %1: %2").arg(path, errnoText());
        ::close(fd);
        return false;
    }
    listenFd_ = fd;
    listenPath_ = QString::fromLocal8Bit(p);
    acceptNotifier_ = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(acceptNotifier_.get(), &QSocketNotifier::activated, this, &Server::onAcceptable);
    return true;
}

bool Server::serveStdio(int fd, QString& error) {
    int type = 0;
    socklen_t len = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_STREAM) {
        error = QStringLiteral("--stdio needs a UNIX stream socket (one end of a socketpair) as standard input");
        return false;
    }
    PeerCredentials peer;
    if (!readPeerCredentials(fd, peer, error)) return false;
    // Under pkexec the socket's other end must belong to the user who authenticated; otherwise
    // (started by root directly) to root.
    const uid_t expected = options_.ownerUid.value_or(0);
    if (peer.uid != expected) {
        error = QStringLiteral("the process on standard input runs as uid %1, not as uid %2 who started the helper").arg(peer.uid).arg(expected);
        return false;
    }
    hadStdio_ = true;
    auto* c = new Connection(this, fd, peer, true);
    connections_.push_back(c);
    qInfo("qvblade-helper: serving uid %u pid %d on standard input", unsigned(peer.uid), int(peer.pid));
    return true;
}

void Server::onAcceptable() {
    // Say why before closing, so a refused client is not left guessing.
    auto refuse = [](int fd, const QString& why) {
        MessageWriter w;
        w.enqueue({{"id", QJsonValue()}, {"error", QJsonObject{{"code", err::kBusy}, {"message", why}}}});
        w.flushTo(fd);
        ::close(fd);
    };
    for (;;) {
        int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0 && (errno == EMFILE || errno == ENFILE)) {
            // Out of descriptors: the spare one makes room to take the client and tell it,
            // instead of leaving it hanging (and this notifier firing) until one is free.
            if (spareFd_ >= 0) {
                ::close(spareFd_);
                fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
                if (fd >= 0)
                    refuse(fd, QStringLiteral("the helper has no file descriptors left (limit %1); an administrator can remove exports or raise LimitNOFILE").arg(rlimitDescriptors()));
                spareFd_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            }
            if (fd < 0) {
                acceptNotifier_->setEnabled(false);
                QTimer::singleShot(200, this, [this] { if (acceptNotifier_) acceptNotifier_->setEnabled(true); });
                return;
            }
            continue;
        }
        if (fd < 0) return;   // EAGAIN, or a client that vanished
        PeerCredentials peer;
        QString error;
        std::erase_if(connections_, [](const QPointer<Connection>& c) { return c.isNull(); });
        const bool known = readPeerCredentials(fd, peer, error);
        const auto sameUser = std::count_if(connections_.begin(), connections_.end(),
                                            [&](const QPointer<Connection>& c) { return c->peer.uid == peer.uid; });
        if (known && peer.uid != 0 && sameUser >= options_.maxClientsPerUid)
            error = QStringLiteral("uid %1 already has %2 connections to the helper").arg(peer.uid).arg(options_.maxClientsPerUid);
        const auto others = std::count_if(connections_.begin(), connections_.end(), [](const QPointer<Connection>& c) { return c->peer.uid != 0; });
        if (known && error.isEmpty() && peer.uid != 0 && others >= kMaxClients)
            error = QStringLiteral("the helper already serves %1 clients").arg(kMaxClients);
        if (!error.isEmpty()) {
            refuse(fd, error);
            continue;
        }
        connections_.push_back(new Connection(this, fd, peer, false));
    }
}

void Server::connectionClosed(Connection* c) {
    const bool hadTap = c->capture || c->framesPerSecond > 0;
    c->capture.reset();
    c->framesPerSecond = 0;
    c->countersSubscribed = false;
    c->exportsSubscribed = false;
    c->interfacesSubscribed = false;
    for (const QString& name : c->removeOnDisconnect) {
        const auto parts = name.mid(1).split('.');
        const uint16_t shelf = uint16_t(parts.value(0).toUInt());
        const uint8_t slot = uint8_t(parts.value(1).toUInt());
        engine_->call<bool>([shelf, slot](Engine& e) { return e.removeExport(shelf, slot); }, [this, name](bool removed) {
            if (removed) announceExportChange(QStringLiteral("removed"), name);
        });
        forgetExport(name);
        qInfo("qvblade-helper: %s removed: its client (uid %u) asked for that when it went away", qPrintable(name), unsigned(c->peer.uid));
    }
    c->removeOnDisconnect.clear();
    // A demo does not outlive the client that started it.
    if (demo_ && demo_->client == c) endDemo(QStringLiteral("its client went away"));
    std::erase_if(connections_, [c](const QPointer<Connection>& p) { return p.isNull() || p.data() == c; });
    if (hadTap) updateTap();
    if (c->stdio) stdioClientGone_ = true;
    maybeFinish();
}

void Server::maybeFinish() {
    // A helper pkexec started for one client ends with that client, unless exports are left
    // running (then it keeps serving them, and its socket if it has one).
    if (!hadStdio_ || !stdioClientGone_ || !connections_.empty()) return;
    engine_->call<size_t>([](Engine& e) { return e.exports().size(); }, [this](size_t exports) {
        if (exports == 0 && connections_.empty()) Q_EMIT finished();
    });
}

void Server::handle(Connection* c, Incoming& in) {
    if (!in.valid) {
        c->sendError(QJsonValue(), in.errorCode, in.errorMessage);
        c->requestDone();
        return;
    }
    const QJsonValue idValue = in.object.value(QLatin1String("id"));
    const double idNumber = idValue.toDouble(0);
    if (!idValue.isDouble() || std::floor(idNumber) != idNumber || idNumber < 1 || idNumber > double(kMaxSafeInteger)) {
        c->sendError(QJsonValue(), err::kBadMessage, QStringLiteral("a request needs an integer \"id\" of at least 1"));
        c->requestDone();
        return;
    }
    auto r = std::make_shared<Request>();
    r->conn = c;
    r->peer = c->peer;
    r->id = qint64(idNumber);
    r->type = in.object.value(QLatin1String("type")).toString();
    r->args = std::move(in.object);
    r->fds = std::move(in.fds);

    struct Entry {
        const char* type;
        Handler handler;
        const char* action;   // nullptr: any connected client may ask
    };
    static const Entry kRequests[] = {
        {"hello", &Server::hello, nullptr},
        {"list-interfaces", &Server::listInterfaces, nullptr},
        {"list-exports", &Server::listExports, nullptr},
        {"add-export", &Server::addExport, action::kManageExports},
        {"remove-export", &Server::removeExport, action::kManageExports},
        {"pause-export", &Server::pauseExport, action::kManageExports},
        {"resume-export", &Server::resumeExport, action::kManageExports},
        {"set-export-options", &Server::setExportOptions, action::kManageExports},
        {"subscribe-counters", &Server::subscribeCounters, nullptr},
        {"subscribe-exports", &Server::subscribeExports, nullptr},
        {"subscribe-interfaces", &Server::subscribeInterfaces, nullptr},
        {"rmem-status", &Server::rmemStatus, nullptr},
        {"apply-rmem", &Server::applyRmem, action::kSetRmem},
        {"persist-rmem", &Server::persistRmem, action::kSetRmem},
        {"start-capture", &Server::startCapture, action::kCapture},
        {"stop-capture", &Server::stopCapture, nullptr},
        {"subscribe-frames", &Server::subscribeFrames, action::kCapture},
        // Open to every client: the export dialog asks while the user types, before any
        // authorisation; AddressProber limits how many run at once.
        {"probe-address", &Server::probeAddress, nullptr},
        // Open for the same reason (who answers a Query Config is what any host on the LAN can
        // learn), limited with the probes: the network view asks every few seconds while open.
        {"scan-network", &Server::scanNetwork, nullptr},
        {"start-demo", &Server::startDemo, action::kDemo},
        {"enable-boot-export", &Server::enableBootExport, action::kBootExports},
        {"disable-boot-export", &Server::disableBootExport, action::kBootExports},
        // What starts at boot; another user's image paths are not shown (listBootExports).
        {"list-boot-exports", &Server::listBootExports, nullptr},
        {"stop-demo", &Server::stopDemo, nullptr},   // the demo's owner (authorizeOwner), as remove-export
    };
    const Entry* entry = nullptr;
    for (const Entry& e : kRequests)
        if (r->type == QLatin1String(e.type)) entry = &e;
    if (!entry) {
        fail(r, err::kUnknownRequest, r->type.isEmpty() ? QStringLiteral("a request needs a \"type\"")
                                                        : QStringLiteral("unknown request type \"%1\"").arg(r->type));
        return;
    }
    if (!c->helloDone && entry->handler != &Server::hello) {
        fail(r, err::kHelloRequired, QStringLiteral("send \"hello\" with the protocol version first"));
        return;
    }
    if (!entry->action) {
        (this->*entry->handler)(r);
        return;
    }
    const Handler h = entry->handler;
    authorize(r, entry->action, [this, r, h] { (this->*h)(r); });
}

void Server::ok(const RequestPtr& r, const QJsonObject& result) {
    if (r->done) return;
    r->done = true;
    if (r->finished) r->finished(true, {});
    if (!r->conn) return;
    r->conn->send({{"id", r->id}, {"ok", result}});
    r->conn->requestDone();
}

void Server::fail(const RequestPtr& r, const QString& code, const QString& message) {
    if (r->done) return;
    r->done = true;
    if (r->finished) r->finished(false, message);
    if (!r->conn) return;
    r->conn->sendError(r->id, code, message);
    r->conn->requestDone();
}

void Server::audit(const RequestPtr& r, const QString& what, const QString& exportName, bool refused) {
    auditLog_.write({r->peer.uid, r->peer.pid, r->type, exportName, what, refused});
}

// ---------------------------------------------------------------------------------------------
// Requests open to every client

void Server::hello(const RequestPtr& r) {
    Fields f(r->args, {"version", "client"});
    const qint64 version = f.integer("version", 1, 1 << 30);
    f.string("client", 256);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (version != kProtocolVersion)
        return fail(r, err::kUnsupportedVersion,
                    QStringLiteral("this helper speaks protocol version %1, not %2").arg(kProtocolVersion).arg(version));
    r->conn->helloDone = true;
    ok(r, {{"version", kProtocolVersion},
           {"helper", options_.helperName},
           {"pid", qint64(::getpid())},
           {"uid", qint64(r->peer.uid)},
           {"mode", r->conn->stdio ? "stdio" : "service"},
           {"ioBackend", QString::fromLatin1(engine_->ioBackend())}});
}

}  // namespace qvblade::helper
