#include "privhelper/server.h"

#include <fcntl.h>
#include <linux/if.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSocketNotifier>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "core/mac_lists.h"
#include "core/os/os.h"
#include "privhelper/file_credentials.h"
#include "privhelper/frame_decoder.h"
#include "privhelper/protocol/protocol.h"

namespace qvblade::helper {

namespace {

constexpr int kMaxClients = 128;                  // root's connections do not count against it
constexpr size_t kMaxQueuedRequests = 32;         // per client; beyond, we stop reading it
constexpr size_t kMaxPendingOutput = 4 << 20;     // per client; beyond, we stop reading it
constexpr int kCountersIntervalMs = 250;
constexpr int kTapIntervalMs = 100;
constexpr int kMaxFramesPerSecond = 50;
constexpr qint64 kMaxSafeInteger = (qint64(1) << 53) - 1;   // exact in a JSON number
constexpr uint64_t kDefaultCaptureBytes = uint64_t(1) << 30;
constexpr long kMaxRmemBytes = 1L << 30;          // what a request may name; the bound is below
// apply-rmem and persist-rmem never go past what the running exports need, nor past this: the
// most any export can need ((4096 buffers + 1) x 16 KiB, jumbo frames).
constexpr long kRmemCeiling = (4096L + 1) * 16384;

QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }
QString q(const std::string& s) { return QString::fromStdString(s); }
QString exportName(qint64 shelf, qint64 slot) { return QStringLiteral("e%1.%2").arg(shelf).arg(slot); }

// Strict reading of request fields: unknown fields, wrong types and out-of-range values are
// errors with a sentence naming the field.
class Fields {
public:
    Fields(const QJsonObject& o, std::initializer_list<const char*> allowed) : o_(o) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("id") || it.key() == QLatin1String("type")) continue;
            bool known = false;
            for (const char* a : allowed) known = known || it.key() == QLatin1String(a);
            if (!known && error.isEmpty()) error = QStringLiteral("unknown field \"%1\"").arg(it.key());
        }
    }
    bool has(const char* key) const { return o_.contains(QLatin1String(key)); }
    qint64 integer(const char* key, qint64 min, qint64 max, std::optional<qint64> fallback = std::nullopt) {
        const QJsonValue v = o_.value(QLatin1String(key));
        if (v.isUndefined() && fallback) return *fallback;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || std::floor(d) != d || d < double(min) || d > double(max)) {
            fault(QStringLiteral("\"%1\" must be an integer from %2 to %3").arg(key).arg(min).arg(max));
            return min;
        }
        return qint64(d);
    }
    bool boolean(const char* key, bool fallback) {
        const QJsonValue v = o_.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        if (!v.isBool()) fault(QStringLiteral("\"%1\" must be true or false").arg(key));
        return v.toBool();
    }
    QString string(const char* key, qsizetype maxBytes, QString fallback = {}) {
        const QJsonValue v = o_.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        if (!v.isString() || v.toString().toUtf8().size() > maxBytes)
            fault(QStringLiteral("\"%1\" must be a string of at most %2 bytes").arg(key).arg(maxBytes));
        return v.toString();
    }
    QStringList strings(const char* key, qsizetype maxCount, qsizetype maxBytes) {
        const QJsonValue v = o_.value(QLatin1String(key));
        QStringList out;
        if (v.isUndefined()) return out;
        if (!v.isArray() || v.toArray().size() > maxCount) {
            fault(QStringLiteral("\"%1\" must be a list of at most %2 strings").arg(key).arg(maxCount));
            return out;
        }
        for (const QJsonValue& e : v.toArray()) {
            if (!e.isString() || e.toString().toUtf8().size() > maxBytes) {
                fault(QStringLiteral("\"%1\" must be a list of strings of at most %2 bytes").arg(key).arg(maxBytes));
                return {};
            }
            out << e.toString();
        }
        return out;
    }
    void fault(const QString& e) {
        if (error.isEmpty()) error = e;
    }
    QString error;

private:
    const QJsonObject& o_;
};

QJsonObject exportCountersJson(const ExportCounters& c) {
    QJsonArray aoeErrors;
    for (const auto& e : c.aoeErrors) aoeErrors << qint64(read(e));
    return {{"framesIn", qint64(read(c.framesIn))},     {"framesOut", qint64(read(c.framesOut))},
            {"bytesIn", qint64(read(c.bytesIn))},       {"bytesOut", qint64(read(c.bytesOut))},
            {"ataReads", qint64(read(c.ataReads))},     {"ataWrites", qint64(read(c.ataWrites))},
            {"sectorsRead", qint64(read(c.sectorsRead))}, {"sectorsWritten", qint64(read(c.sectorsWritten))},
            {"flushes", qint64(read(c.flushes))},       {"ataErrors", qint64(read(c.ataErrors))},
            {"ioErrors", qint64(read(c.ioErrors))},     {"busyDrops", qint64(read(c.busyDrops))},
            {"maskRefused", qint64(read(c.maskRefused))}, {"mergedWrites", qint64(read(c.mergedWrites))},
            {"mappedReads", qint64(read(c.mappedReads))}, {"aoeErrors", aoeErrors}};
}

QJsonObject portCountersJson(const PortCounters& c) {
    return {{"framesIn", qint64(read(c.framesIn))},   {"framesOut", qint64(read(c.framesOut))},
            {"bytesIn", qint64(read(c.bytesIn))},     {"bytesOut", qint64(read(c.bytesOut))},
            {"ignored", qint64(read(c.ignored))},     {"malformed", qint64(read(c.malformed))},
            {"sendErrors", qint64(read(c.sendErrors))}, {"kernelDrops", qint64(read(c.kernelDrops))},
            {"interfaceDrops", qint64(read(c.interfaceDrops))}};
}

QJsonObject exportJson(const ExportTarget& t, bool paused) {
    const ExportSettings& s = t.settings();
    QJsonArray interfaces, macs, initiators;
    for (const auto& i : s.interfaces) interfaces << q(i);
    for (const auto& m : s.allowedMacs) macs << q(m.toString());
    for (const auto& m : t.counters().recentInitiators()) initiators << q(m.toString());
    return {{"name", q(t.name())},
            {"shelf", int(s.shelf)},
            {"slot", int(s.slot)},
            {"interfaces", interfaces},
            {"path", q(s.path)},
            {"readOnly", s.store.readOnly},
            {"direct", s.store.direct},
            {"sync", s.store.sync},
            {"offset", qint64(s.store.offsetSectors)},
            {"length", qint64(s.store.lengthSectors)},
            {"sectors", qint64(t.store().sectors())},
            {"blockDevice", t.store().isBlockDevice()},
            {"bufferCount", int(s.bufferCount)},
            {"configString", q(std::string(t.configString()))},
            {"macs", macs},
            {"initiators", initiators},
            {"paused", paused}};
}

QJsonObject rmemJson(const RmemAdvice& a) {
    QJsonArray fix;
    for (const auto& f : a.fixCommands) fix << q(f);
    return {{"interface", q(a.interface)},        {"mtu", qint64(a.mtu)},
            {"frames", qint64(a.frames)},         {"requiredBytes", qint64(a.requiredBytes)},
            {"grantedBytes", qint64(a.grantedBytes)}, {"sufficient", a.sufficient()},
            {"fixCommands", fix}};
}

int rlimitDescriptors() {
    rlimit l{};
    return ::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < RLIM_INFINITY ? int(std::min<rlim_t>(l.rlim_cur, 1 << 30)) : 1 << 30;
}

// The owner's name for lists; a uid without a passwd entry is shown as its number.
QString userName(uid_t uid) {
    passwd pw{}, *found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(uid, &pw, buffer, sizeof buffer, &found) == 0 && found) return QString::fromLocal8Bit(pw.pw_name);
    return QString::number(uid);
}

// Writes a /proc/sys value; the helper's only writes outside client-passed descriptors.
bool writeSysctl(const char* path, long value, QString& error) {
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::number(qint64(value)) + '\n') < 0 || !f.flush()) {
        // The limits are global: outside the host's network namespace they are read-only.
        error = QStringLiteral("cannot write %1: %2 (only a helper in the host's network namespace can change it)")
                    .arg(QString::fromLatin1(path), f.errorString());
        return false;
    }
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Connection

Connection::Connection(Server* server, int fd, const PeerCredentials& peer, bool stdio)
    : QObject(server), peer(peer), stdio(stdio), server_(server), fd_(fd) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    readNotifier_ = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(readNotifier_.get(), &QSocketNotifier::activated, this, &Connection::onReadable);
    writeNotifier_ = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    writeNotifier_->setEnabled(false);
    connect(writeNotifier_.get(), &QSocketNotifier::activated, this, &Connection::onWritable);
}

Connection::~Connection() {
    readNotifier_.reset();
    writeNotifier_.reset();
    if (fd_ >= 0) ::close(fd_);
}

void Connection::send(const QJsonObject& message) {
    if (closed_) return;
    if (!writer_.enqueue(message)) {
        // Only a reply can grow past the limit (e.g. thousands of exports): say so instead.
        writer_.enqueue({{"id", message.value("id")},
                         {"error", QJsonObject{{"code", err::kTooLarge},
                                               {"message", QStringLiteral("the reply would be over the %1-byte limit").arg(kMaxMessageBytes)}}}});
    }
    flush();
}

void Connection::sendEvent(const QJsonObject& event) {
    // Events are dropped, not queued without end, for a client that does not read them.
    if (writer_.pendingBytes() > kMaxPendingOutput) {
        ++eventsDropped;
        return;
    }
    send(event);
}

void Connection::sendError(const QJsonValue& id, const QString& code, const QString& message) {
    send({{"id", id}, {"error", QJsonObject{{"code", code}, {"message", message}}}});
}

void Connection::flush() {
    if (closed_) return;
    switch (writer_.flushTo(fd_)) {
    case MessageWriter::Status::Done: writeNotifier_->setEnabled(false); break;
    case MessageWriter::Status::Pending: writeNotifier_->setEnabled(true); break;
    case MessageWriter::Status::Failed: close(); return;
    }
    updateReadNotifier();
    closeIfFinished();
}

void Connection::closeIfFinished() {
    // A client that only shut down its sending side still gets every reply.
    if (endOfInput_ && !busy_ && queue_.empty() && writer_.idle()) close();
}

void Connection::onWritable() { flush(); }

void Connection::updateReadNotifier() {
    // Back-pressure: a client that sends faster than we answer, or does not read its replies,
    // is simply not read until it catches up; memory per client stays bounded.
    if (readNotifier_)
        readNotifier_->setEnabled(!closed_ && !endOfInput_ && queue_.size() < kMaxQueuedRequests &&
                                  writer_.pendingBytes() < kMaxPendingOutput);
}

void Connection::onReadable() {
    std::vector<Incoming> messages;
    const auto status = reader_.readFrom(fd_, messages);
    for (Incoming& m : messages) queue_.push_back(std::move(m));
    processQueue();
    if (status == MessageReader::Status::Failed) {
        close();
        return;
    }
    if (status == MessageReader::Status::Closed) endOfInput_ = true;
    updateReadNotifier();
    closeIfFinished();
}

void Connection::processQueue() {
    if (processing_) return;   // a synchronous handler finished inside this loop
    processing_ = true;
    while (!busy_ && !closed_ && !queue_.empty()) {
        Incoming in = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        server_->handle(this, in);
    }
    processing_ = false;
    updateReadNotifier();
    closeIfFinished();
}

void Connection::requestDone() {
    busy_ = false;
    processQueue();
}

void Connection::close() {
    if (closed_) return;
    closed_ = true;
    readNotifier_.reset();
    writeNotifier_.reset();
    ::close(fd_);
    fd_ = -1;
    queue_.clear();
    server_->connectionClosed(this);
    deleteLater();
}

// ---------------------------------------------------------------------------------------------
// Server

struct Server::Request {
    QPointer<Connection> conn;
    PeerCredentials peer;
    qint64 id = 0;
    QString type;
    QJsonObject args;
    std::vector<UniqueFd> fds;
    bool done = false;
};

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
}

Server::~Server() {
    shutdown();
    if (spareFd_ >= 0) ::close(spareFd_);
}

void Server::shutdown() {
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
    for (const QString& name : c->removeOnDisconnect) {
        const auto parts = name.mid(1).split('.');
        const uint16_t shelf = uint16_t(parts.value(0).toUInt());
        const uint8_t slot = uint8_t(parts.value(1).toUInt());
        engine_->call<bool>([shelf, slot](Engine& e) { return e.removeExport(shelf, slot); }, [this, name](bool removed) {
            if (removed) announceExportChange(QStringLiteral("removed"), name);
        });
        exportOwners_.erase(name);
        qInfo("qvblade-helper: %s removed: its client (uid %u) asked for that when it went away", qPrintable(name), unsigned(c->peer.uid));
    }
    c->removeOnDisconnect.clear();
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
        {"subscribe-counters", &Server::subscribeCounters, nullptr},
        {"subscribe-exports", &Server::subscribeExports, nullptr},
        {"rmem-status", &Server::rmemStatus, nullptr},
        {"apply-rmem", &Server::applyRmem, action::kSetRmem},
        {"persist-rmem", &Server::persistRmem, action::kSetRmem},
        {"start-capture", &Server::startCapture, action::kCapture},
        {"stop-capture", &Server::stopCapture, nullptr},
        {"subscribe-frames", &Server::subscribeFrames, action::kCapture},
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

void Server::authorize(const RequestPtr& r, const char* action, std::function<void()> allowed) {
    if (r->peer.uid == 0) {
        allowed();
        return;
    }
    // The process pkexec started this helper for (the client on standard input) may manage
    // exports: that is what pkexec asked polkit about. Not any other process of that user that
    // connects to --serve-socket later: those are asked about per request, as in service mode.
    // rmem and capture are separate actions and asked about each time.
    if (options_.ownerUid && r->conn && r->conn->stdio && r->peer.uid == *options_.ownerUid &&
        QLatin1String(action) == QLatin1String(action::kManageExports)) {
        allowed();
        return;
    }
    polkit_.check(r->peer, QString::fromLatin1(action), [this, r, allowed = std::move(allowed)](bool yes, const QString& why) {
        if (!r->conn) return;   // the client left while polkit thought
        if (yes) {
            allowed();
            return;
        }
        audit(r, QStringLiteral("refused: %1").arg(why), {}, true);
        fail(r, err::kNotAuthorized, why);
    });
}

void Server::authorizeOwner(const RequestPtr& r, const QString& name, std::function<void()> allowed) {
    const auto owner = exportOwners_.find(name);
    if (owner == exportOwners_.end() || r->peer.uid == 0 || r->peer.uid == owner->second.uid) {
        allowed();
        return;
    }
    const QString ownerName = owner->second.userName;
    polkit_.check(r->peer, QString::fromLatin1(action::kManageAnyExport),
                  [this, r, name, ownerName, allowed = std::move(allowed)](bool yes, const QString&) {
                      if (!r->conn) return;
                      if (yes) {
                          allowed();
                          return;
                      }
                      audit(r, QStringLiteral("refused: %1 belongs to %2").arg(name, ownerName), name, true);
                      fail(r, err::kNotAuthorized,
                           QStringLiteral("%1 belongs to %2: only %2 or an administrator can change it").arg(name, ownerName));
                  });
}

bool Server::seesDetails(const PeerCredentials& peer, const QString& exportName) const {
    const auto owner = exportOwners_.find(exportName);
    // An export not (yet) on record shows its details to root only.
    return peer.uid == 0 || (owner != exportOwners_.end() && owner->second.uid == peer.uid);
}

QJsonObject Server::exportView(const PeerCredentials& peer, QJsonObject full) const {
    const QString name = full.value("name").toString();
    if (const auto owner = exportOwners_.find(name); owner != exportOwners_.end()) {
        full.insert("ownerUid", qint64(owner->second.uid));
        full.insert("owner", owner->second.userName);
    }
    if (seesDetails(peer, name)) return full;
    // Someone else's export: what it is called, how big, whether it runs and whose it is; not
    // where its data lives nor who uses it.
    QJsonObject view;
    for (const char* key : {"name", "shelf", "slot", "sectors", "paused", "owner", "ownerUid"})
        if (full.contains(QLatin1String(key))) view.insert(QLatin1String(key), full.value(QLatin1String(key)));
    return view;
}

int Server::descriptorsLeft() {
    int open = 0;
    for (const QString& entry : QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
        Q_UNUSED(entry);
        ++open;
    }
    return rlimitDescriptors() - open;
}

void Server::ok(const RequestPtr& r, const QJsonObject& result) {
    if (r->done) return;
    r->done = true;
    if (!r->conn) return;
    r->conn->send({{"id", r->id}, {"ok", result}});
    r->conn->requestDone();
}

void Server::fail(const RequestPtr& r, const QString& code, const QString& message) {
    if (r->done) return;
    r->done = true;
    if (!r->conn) return;
    r->conn->sendError(r->id, code, message);
    r->conn->requestDone();
}

void Server::audit(const RequestPtr& r, const QString& what, const QString& exportName, bool refused) {
    auditLog_.write({r->peer.uid, r->peer.pid, r->type, exportName, what, refused});
}

// ---------------------------------------------------------------------------------------------
// Requests

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

void Server::listInterfaces(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    QJsonArray list;
    for (const os::InterfaceInfo& i : os::listInterfaces())
        list << QJsonObject{{"name", q(i.name)}, {"mac", q(i.mac.toString())}, {"mtu", qint64(i.mtu)},
                            {"up", i.up}, {"running", i.running}};
    ok(r, {{"interfaces", list}});
}

void Server::listExports(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    engine_->call<QJsonArray>(
        [](Engine& e) {
            QJsonArray list;
            for (const auto& t : e.exports()) list << exportJson(*t, e.isPaused(t->shelf(), t->slot()));
            return list;
        },
        [this, r](QJsonArray list) {
            for (auto it = list.begin(); it != list.end(); ++it) *it = exportView(r->peer, it->toObject());
            ok(r, {{"exports", list}});
        });
}

void Server::addExport(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot", "interfaces", "readOnly", "direct", "sync", "offset", "length", "macs",
                       "bufferCount", "configString", "removeOnDisconnect"});
    ExportSettings s;
    s.shelf = uint16_t(f.integer("shelf", 0, aoe::kMaxShelf));
    s.slot = uint8_t(f.integer("slot", 0, aoe::kMaxSlot));
    const QStringList interfaces = f.strings("interfaces", 16, IFNAMSIZ - 1);
    s.store.readOnly = f.boolean("readOnly", false);
    s.store.direct = f.boolean("direct", false);
    s.store.sync = f.boolean("sync", false);
    s.store.offsetSectors = uint64_t(f.integer("offset", 0, kMaxSafeInteger, 0));
    s.store.lengthSectors = uint64_t(f.integer("length", 0, kMaxSafeInteger, 0));
    const QStringList macs = f.strings("macs", qsizetype(kMaskListCapacity), 17);
    s.bufferCount = uint16_t(f.integer("bufferCount", kMinBufferCount, kMaxBufferCount, kDefaultBufferCount));
    s.configString = f.string("configString", qsizetype(aoe::kMaxConfigString)).toStdString();
    const bool removeOnDisconnect = f.boolean("removeOnDisconnect", false);
    if (f.error.isEmpty() && !f.has("shelf")) f.fault(QStringLiteral("\"shelf\" is missing"));
    if (f.error.isEmpty() && !f.has("slot")) f.fault(QStringLiteral("\"slot\" is missing"));
    if (f.error.isEmpty() && interfaces.isEmpty()) f.fault(QStringLiteral("\"interfaces\" must name at least one interface"));
    for (const QString& m : macs) {
        auto mac = aoe::MacAddress::parse(m.toStdString());
        if (!mac) f.fault(QStringLiteral("\"%1\" is not a MAC address").arg(m));
        else s.allowedMacs.push_back(*mac);
    }
    for (const QString& i : interfaces) {
        if (!f.error.isEmpty()) break;
        if (i.isEmpty() || i.contains('/') || i.contains(' ') || i == QLatin1String(".") || i == QLatin1String("..")) {
            f.fault(QStringLiteral("\"%1\" is not an interface name").arg(i));
            break;
        }
        std::string why;
        if (!os::interfaceInfo(i.toStdString(), why)) f.fault(q(why));
        s.interfaces.push_back(i.toStdString());
    }
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);

    if (r->peer.uid != 0) {
        const auto mine = std::count_if(exportOwners_.begin(), exportOwners_.end(), [&](const auto& o) { return o.second.uid == r->peer.uid; });
        if (mine >= options_.maxExportsPerUid)
            return fail(r, err::kLimitReached,
                        QStringLiteral("you already have %1 exports, the most this helper allows one user; remove one first").arg(mine));
    }
    if (const int left = descriptorsLeft(); left < options_.descriptorReserve)
        return fail(r, err::kLimitReached,
                    QStringLiteral("the helper has only %1 file descriptors left (limit %2): no more exports until some are removed").arg(left).arg(rlimitDescriptors()));

    if (r->fds.size() != 1)
        return fail(r, err::kBadFd, QStringLiteral("add-export needs exactly one descriptor (the image, opened by the client), not %1").arg(r->fds.size()));
    const int fd = r->fds[0].get();
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_PATH))
        return fail(r, err::kBadFd, QStringLiteral("the descriptor is not open for reading (O_PATH descriptors cannot be exported)"));
    struct stat st {};
    if (::fstat(fd, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)))
        return fail(r, err::kBadFd, QStringLiteral("the descriptor is not a regular file or block device"));
    if ((flags & O_ACCMODE) == O_WRONLY)
        return fail(r, err::kBadFd, QStringLiteral("the descriptor is open for writing only; open the image for reading%1").arg(s.store.readOnly ? "" : " and writing"));
    // The name shown in lists is what the kernel says the descriptor is, never a client's claim.
    char target[4096];
    const ssize_t n = ::readlink(QStringLiteral("/proc/self/fd/%1").arg(fd).toLatin1().constData(), target, sizeof target - 1);
    s.path = n > 0 ? std::string(target, size_t(n)) : "descriptor";
    const QString name = exportName(s.shelf, s.slot);
    std::string why;
    std::unique_ptr<BackingStore> store;
    {
        // A direct export on a 4 KiB-sector device reopens the client's descriptor through
        // /proc/self/fd, with the access mode the client opened it with: as root, so that a
        // root:disk device the client could open is reopened too (as before the helper touched
        // files as nobody; without CAP_DAC_OVERRIDE a file root does not own is still refused).
        RootFileAccess asRoot;
        store = BackingStore::adopt(r->fds[0].release(), s.path, s.store, why);
    }
    if (!store) return fail(r, err::kBadFd, q(why));
    // A direct export that cannot serve every request (no buffered second descriptor for
    // requests under the device's alignment) is refused rather than half-working.
    if (!store->warning().empty()) return fail(r, err::kFailed, q(store->warning()));

    struct Added {
        bool ok = false;
        bool exists = false;
        QString error;
        QJsonObject json;
    };
    auto shared = std::make_shared<std::pair<ExportSettings, std::unique_ptr<BackingStore>>>(std::move(s), std::move(store));
    engine_->call<Added>(
        [shared](Engine& e) {
            Added a;
            auto& [settings, backing] = *shared;
            for (const auto& t : e.exports())
                if (t->shelf() == settings.shelf && t->slot() == settings.slot) {
                    a.exists = true;
                    a.error = QStringLiteral("%1 is already exported (on %2)").arg(q(t->name()), q(t->settings().interfaces.front()));
                    return a;
                }
            std::string error;
            auto target = e.addExport(std::move(settings), std::move(backing), error);
            if (!target) {
                a.error = q(error);
                return a;
            }
            a.ok = true;
            a.json = exportJson(*target, false);
            return a;
        },
        [this, r, name, removeOnDisconnect](Added a) {
            if (!a.ok) {
                audit(r, QStringLiteral("%1 not added: %2").arg(name, a.error), name);
                return fail(r, a.exists ? err::kExists : err::kFailed, a.error);
            }
            exportOwners_[name] = {r->peer.uid, userName(r->peer.uid)};
            a.json = exportView(r->peer, a.json);
            if (removeOnDisconnect && r->conn) r->conn->removeOnDisconnect.insert(name);
            audit(r, QStringLiteral("%1 added: %2 on %3").arg(name, a.json.value("path").toString(),
                                                               a.json.value("interfaces").toVariant().toStringList().join(',')), name);
            ok(r, {{"export", a.json}});
            announceExportChange(QStringLiteral("added"), name, a.json);
        });
}

void Server::removeExport(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf), slot = f.integer("slot", 0, aoe::kMaxSlot);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString name = exportName(shelf, slot);
    authorizeOwner(r, name, [this, r, name, shelf, slot] {
        engine_->call<bool>([shelf, slot](Engine& e) { return e.removeExport(uint16_t(shelf), uint8_t(slot)); },
                            [this, r, name](bool removed) {
                                if (!removed) return fail(r, err::kNotFound, QStringLiteral("%1 is not exported").arg(name));
                                announceExportChange(QStringLiteral("removed"), name);
                                exportOwners_.erase(name);
                                for (const auto& c : connections_)
                                    if (c) c->removeOnDisconnect.remove(name);
                                audit(r, name + QStringLiteral(" removed"), name);
                                ok(r, {{"removed", name}});
                            });
    });
}

void Server::pauseExport(const RequestPtr& r) { setPaused(r, true); }
void Server::resumeExport(const RequestPtr& r) { setPaused(r, false); }

void Server::setPaused(const RequestPtr& r, bool paused) {
    Fields f(r->args, {"shelf", "slot"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf), slot = f.integer("slot", 0, aoe::kMaxSlot);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString name = exportName(shelf, slot);
    authorizeOwner(r, name, [this, r, name, shelf, slot, paused] {
    // The export as it is now comes back with the answer, for the export-changed event.
    engine_->call<std::optional<QJsonObject>>(
        [shelf, slot, paused](Engine& e) -> std::optional<QJsonObject> {
            if (!e.setPaused(uint16_t(shelf), uint8_t(slot), paused)) return std::nullopt;
            for (const auto& t : e.exports())
                if (t->shelf() == shelf && t->slot() == slot) return exportJson(*t, paused);
            return QJsonObject{};
        },
        [this, r, name, paused](std::optional<QJsonObject> json) {
            if (!json) return fail(r, err::kNotFound, QStringLiteral("%1 is not exported").arg(name));
            audit(r, name + (paused ? QStringLiteral(" paused") : QStringLiteral(" resumed")), name);
            ok(r, {{"name", name}, {"paused", paused}});
            announceExportChange(paused ? QStringLiteral("paused") : QStringLiteral("resumed"), name, *json);
        });
    });
}

void Server::subscribeCounters(const RequestPtr& r) {
    Fields f(r->args, {"enabled"});
    const bool enabled = f.boolean("enabled", true);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    r->conn->countersSubscribed = enabled;
    if (enabled && !countersTimer_.isActive()) countersTimer_.start();
    ok(r, {{"enabled", enabled}, {"intervalMs", kCountersIntervalMs}});
    if (enabled) pushCounters();   // the first values at once
}

void Server::subscribeExports(const RequestPtr& r) {
    Fields f(r->args, {"enabled"});
    const bool enabled = f.boolean("enabled", true);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    r->conn->exportsSubscribed = enabled;
    ok(r, {{"enabled", enabled}});
}

void Server::announceExportChange(const QString& change, const QString& name, QJsonObject exportJson) {
    const QJsonObject event{{"event", "export-changed"}, {"change", change}, {"name", name}};
    for (const auto& c : connections_) {
        if (!c || !c->exportsSubscribed) continue;
        QJsonObject mine = event;   // each client sees the export as list-exports shows it to them
        if (!exportJson.isEmpty()) mine.insert("export", exportView(c->peer, exportJson));
        c->sendEvent(mine);
    }
}

void Server::pushCounters() {
    bool any = false;
    for (const auto& c : connections_) any = any || (c && c->countersSubscribed);
    if (!any) {
        countersTimer_.stop();
        return;
    }
    // Snapshot on the engine thread: ports may close there at any time.
    engine_->call<QJsonObject>(
        [](Engine& e) {
            QJsonArray exports, interfaces;
            for (const auto& t : e.exports()) {
                QJsonObject o = exportCountersJson(t->counters());
                o.insert("name", q(t->name()));
                o.insert("paused", e.isPaused(t->shelf(), t->slot()));
                // New initiators show without the client listing the exports again.
                QJsonArray initiators;
                for (const auto& m : t->counters().recentInitiators()) initiators << q(m.toString());
                o.insert("initiators", initiators);
                exports << o;
            }
            for (const PortStatus& p : e.ports()) {
                QJsonObject o = portCountersJson(*p.counters);
                o.insert("name", q(p.interface));
                interfaces << o;
            }
            return QJsonObject{{"event", "counters"}, {"exports", exports}, {"interfaces", interfaces}};
        },
        [this](QJsonObject event) {
            for (const auto& c : connections_) {
                if (!c || !c->countersSubscribed) continue;
                // Who uses someone else's export is not for other users to see; the counts are.
                QJsonArray exports = event.value("exports").toArray();
                for (auto it = exports.begin(); it != exports.end(); ++it) {
                    QJsonObject o = it->toObject();
                    if (!seesDetails(c->peer, o.value("name").toString())) o.remove("initiators");
                    *it = o;
                }
                QJsonObject mine = event;
                mine.insert("exports", exports);
                c->sendEvent(mine);
            }
        });
}

void Server::rmemStatus(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    engine_->call<QJsonObject>(
        [](Engine& e) {
            QJsonArray ports;
            qint64 recommended = 0;
            for (const PortStatus& p : e.ports()) {
                ports << rmemJson(p.rmem);
                recommended = std::max(recommended, qint64(p.rmem.requiredBytes));
            }
            return QJsonObject{{"rmemMax", qint64(os::rmemMax().value_or(-1))},
                               {"rmemDefault", qint64(os::rmemDefault().value_or(-1))},
                               {"recommended", recommended},
                               {"interfaces", ports}};
        },
        [this, r](QJsonObject status) { ok(r, status); });
}

void Server::withRmemTarget(const RequestPtr& r, qint64 asked, std::function<void(long)> then) {
    engine_->call<qint64>(
        [](Engine& e) {
            qint64 need = 0;
            for (const PortStatus& p : e.ports()) need = std::max(need, qint64(p.rmem.requiredBytes));
            return need;
        },
        [this, r, asked, then = std::move(then)](qint64 needed) {
            // Never more than the running exports need: rmem_default applies to every socket
            // on the host (and persist-rmem's file at every boot).
            const long bound = long(std::min<qint64>(needed, kRmemCeiling));
            if (bound <= 0)
                return fail(r, err::kInvalidArgument, QStringLiteral("no running export needs a larger receive buffer"));
            if (asked > bound)
                return fail(r, err::kInvalidArgument,
                            QStringLiteral("the running exports need %1 bytes of receive buffer; %2 is more than that").arg(bound).arg(asked));
            then(long(asked ? asked : bound));
        });
}

void Server::applyRmem(const RequestPtr& r) {
    Fields f(r->args, {"bytes"});
    const qint64 asked = f.integer("bytes", 4096, kMaxRmemBytes, 0);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    withRmemTarget(r, asked, [this, r](long target) {
        // Raise only: lowering a limit other programs rely on is not this helper's business.
        QString error;
        const long max = os::rmemMax().value_or(0), def = os::rmemDefault().value_or(0);
        if (target > max && !writeSysctl("/proc/sys/net/core/rmem_max", target, error)) return fail(r, err::kFailed, error);
        if (target > def && !writeSysctl("/proc/sys/net/core/rmem_default", target, error)) return fail(r, err::kFailed, error);
        audit(r, QStringLiteral("net.core.rmem_max and rmem_default raised to at least %1").arg(target));
        // Running exports ask for their buffers again under the new limit.
        engine_->post([](Engine& e) { e.refreshReceiveBuffers(); });
        ok(r, {{"rmemMax", qint64(os::rmemMax().value_or(-1))}, {"rmemDefault", qint64(os::rmemDefault().value_or(-1))}});
    });
}

void Server::persistRmem(const RequestPtr& r) {
    Fields f(r->args, {"bytes"});
    const qint64 asked = f.integer("bytes", 4096, kMaxRmemBytes, 0);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    withRmemTarget(r, asked, [this, r](long target) {
        // rmem_max as apply-rmem leaves it: a limit already above the target is kept (up to the
        // ceiling), so the next boot does not take away what the machine has now. rmem_default,
        // which every socket gets, is never written above what the running exports need.
        const qint64 max = std::max<qint64>(target, std::min<qint64>(os::rmemMax().value_or(0), kRmemCeiling));
        const qint64 def = target;
        QString error;
        RootFileAccess asRoot;   // /etc/sysctl.d is root's
        if (!replaceFileAtomically(options_.sysctlDir, QString::fromLatin1(kSysctlConfName), rmemSysctlConf(max, def), error)) {
            audit(r, QStringLiteral("not written: %1").arg(error));
            return fail(r, err::kFailed, error);
        }
        const QString path = options_.sysctlDir + QLatin1Char('/') + QLatin1String(kSysctlConfName);
        audit(r, QStringLiteral("%1 written: rmem_max %2, rmem_default %3").arg(path).arg(max).arg(def));
        ok(r, {{"path", path}, {"rmemMax", max}, {"rmemDefault", def}});
    });
}

void Server::startCapture(const RequestPtr& r) {
    Fields f(r->args, {"maxBytes"});
    const qint64 maxBytes = f.integer("maxBytes", 4096, kMaxSafeInteger, qint64(kDefaultCaptureBytes));
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (r->conn->capture) return fail(r, err::kExists, QStringLiteral("this client already runs a capture; stop it first"));
    if (r->fds.size() != 1)
        return fail(r, err::kBadFd, QStringLiteral("start-capture needs exactly one descriptor (the capture file), not %1").arg(r->fds.size()));
    const int fd = r->fds[0].get();
    const int flags = ::fcntl(fd, F_GETFL);
    struct stat st {};
    if (flags < 0 || (flags & O_PATH) || (flags & O_ACCMODE) == O_RDONLY || ::fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return fail(r, err::kBadFd, QStringLiteral("the capture descriptor must be a regular file opened for writing"));
    auto writer = std::make_unique<PcapWriter>(std::move(r->fds[0]), uint64_t(maxBytes));
    std::string why;
    if (!writer->writeHeader(why)) return fail(r, err::kFailed, QStringLiteral("cannot write the capture file: %1").arg(q(why)));
    r->conn->capture = std::move(writer);
    updateTap();
    audit(r, QStringLiteral("capture started"));
    ok(r, {{"linkType", 1}, {"snapLength", qint64(FrameTap::kSnapLength)}, {"maxBytes", maxBytes}});
}

void Server::stopCapture(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (!r->conn->capture) return fail(r, err::kNotFound, QStringLiteral("this client runs no capture"));
    drainTap();   // what the engine saw up to now goes into the file
    const QJsonObject result{{"frames", qint64(r->conn->capture->frames())}, {"bytes", qint64(r->conn->capture->bytes())}};
    r->conn->capture.reset();
    updateTap();
    ok(r, result);
}

void Server::subscribeFrames(const RequestPtr& r) {
    Fields f(r->args, {"enabled", "maxPerSecond"});
    const bool enabled = f.boolean("enabled", true);
    const qint64 rate = f.integer("maxPerSecond", 1, kMaxFramesPerSecond, 10);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    r->conn->framesPerSecond = enabled ? int(rate) : 0;
    r->conn->frameBudget = enabled ? double(rate) : 0;
    r->conn->framesSkipped = 0;
    updateTap();
    ok(r, {{"enabled", enabled}, {"maxPerSecond", enabled ? rate : 0}});
}

void Server::updateTap() {
    bool capture = false, summaries = false;
    for (const auto& c : connections_) {
        if (!c) continue;
        capture = capture || c->capture;
        summaries = summaries || c->framesPerSecond > 0;
    }
    tap_.setWholeFrames(capture);
    const bool wanted = capture || summaries;
    if (wanted == observerInstalled_) return;
    observerInstalled_ = wanted;
    FrameTap* tap = &tap_;
    if (wanted) {
        engine_->post([tap](Engine& e) {
            e.setFrameObserver([tap](Engine::Direction d, const std::string& interface, const uint8_t* frame, size_t length) {
                tap->push(d == Engine::Direction::Out, interface, frame, length);
            });
        });
        tapTimer_.start();
    } else {
        engine_->post([](Engine& e) { e.setFrameObserver(nullptr); });
        tapTimer_.stop();
        uint64_t dropped = 0;
        tap_.take(dropped);
    }
}

void Server::drainTap() {
    uint64_t dropped = 0;
    const std::deque<TappedFrame> frames = tap_.take(dropped);
    for (const auto& c : connections_) {
        if (!c) continue;
        if (c->capture) {
            for (const TappedFrame& fr : frames) {
                std::string why;
                const auto result = c->capture->write(fr, why);
                if (result == PcapWriter::Result::Ok) continue;
                c->send({{"event", "capture-stopped"},
                         {"reason", result == PcapWriter::Result::Full ? QStringLiteral("the size limit was reached")
                                                                      : QStringLiteral("cannot write the capture file: %1").arg(q(why))},
                         {"frames", qint64(c->capture->frames())},
                         {"bytes", qint64(c->capture->bytes())}});
                c->capture.reset();
                break;
            }
        }
        if (c->framesPerSecond > 0) {
            // Token bucket: at most framesPerSecond summaries a second, the rest counted.
            c->frameBudget = std::min(double(c->framesPerSecond), c->frameBudget + c->framesPerSecond * kTapIntervalMs / 1000.0);
            QJsonArray list;
            for (const TappedFrame& fr : frames) {
                if (c->frameBudget < 1) {
                    ++c->framesSkipped;
                    continue;
                }
                c->frameBudget -= 1;
                const FrameSummary s = summarizeFrame(fr.bytes.data(), fr.bytes.size(), fr.length);
                list << QJsonObject{{"time", double(fr.usec) / 1e6}, {"interface", q(fr.interface)},
                                    {"direction", fr.outgoing ? "out" : "in"}, {"length", qint64(s.length)},
                                    {"aoe", s.aoe}, {"source", q(s.source)}, {"destination", q(s.destination)},
                                    {"shelf", int(s.shelf)}, {"slot", int(s.slot)}, {"response", s.response},
                                    {"error", int(s.error)}, {"command", q(s.command)}, {"tag", qint64(s.tag)},
                                    {"detail", q(s.detail)}};
            }
            if (!list.isEmpty() || dropped) {
                c->sendEvent({{"event", "frames"}, {"frames", list}, {"skipped", qint64(c->framesSkipped)}, {"dropped", qint64(dropped)}});
                c->framesSkipped = 0;
            }
        }
    }
    updateTap();
}

}  // namespace qvblade::helper
