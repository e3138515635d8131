// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/protocol/helper_client.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>

#include "privhelper/protocol/protocol.h"

namespace qvblade::helper {

HelperClient::HelperClient(QObject* parent) : QObject(parent) { qRegisterMetaType<Reply>(); }

HelperClient::~HelperClient() {
    readNotifier_.reset();
    writeNotifier_.reset();
    if (fd_ >= 0) ::close(fd_);
}

bool HelperClient::connectToPath(const QString& path, QString* error) {
    const QByteArray p = path.toLocal8Bit();
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (size_t(p.size()) >= sizeof addr.sun_path) {
        if (error) *error = QStringLiteral("socket path %1 is too long").arg(path);
        return false;
    }
    std::memcpy(addr.sun_path, p.constData(), size_t(p.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
        if (error) *error = QStringLiteral("cannot connect to the helper at %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0) ::close(fd);
        return false;
    }
    adoptSocket(fd);
    return true;
}

void HelperClient::adoptSocket(int fd) {
    disconnectFromHelper();
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    fd_ = fd;
    reader_ = MessageReader();
    writer_ = MessageWriter();
    readNotifier_ = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
    connect(readNotifier_.get(), &QSocketNotifier::activated, this, &HelperClient::onReadable);
    writeNotifier_ = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
    writeNotifier_->setEnabled(false);
    connect(writeNotifier_.get(), &QSocketNotifier::activated, this, &HelperClient::onWritable);
}

void HelperClient::disconnectFromHelper() {
    if (fd_ < 0) return;
    readNotifier_.reset();
    writeNotifier_.reset();
    ::close(fd_);
    fd_ = -1;
}

qint64 HelperClient::request(const QString& type, const QJsonObject& args, const std::vector<int>& fds,
                             ReplyHandler handler) {
    if (fd_ < 0) return -1;
    QJsonObject message = args;
    const qint64 id = nextId_++;
    message.insert(QStringLiteral("id"), id);
    message.insert(QStringLiteral("type"), type);
    std::vector<UniqueFd> copies;
    for (int f : fds) copies.emplace_back(duplicateFd(f));
    if (!writer_.enqueue(message, std::move(copies))) return -1;
    if (handler) handlers_.emplace(id, std::move(handler));
    flush();
    return id;
}

qint64 HelperClient::hello(const QString& clientName, ReplyHandler handler) {
    return request(QStringLiteral("hello"),
                   {{QStringLiteral("version"), kProtocolVersion}, {QStringLiteral("client"), clientName}}, {},
                   std::move(handler));
}

void HelperClient::sendRaw(const QByteArray& bytes, const std::vector<int>& fds) {
    if (fd_ < 0) return;
    std::vector<UniqueFd> copies;
    for (int f : fds) copies.emplace_back(duplicateFd(f));
    writer_.enqueueRaw(bytes, std::move(copies));
    flush();
}

void HelperClient::flush() {
    if (fd_ < 0) return;
    switch (writer_.flushTo(fd_)) {
    case MessageWriter::Status::Done: writeNotifier_->setEnabled(false); break;
    case MessageWriter::Status::Pending: writeNotifier_->setEnabled(true); break;
    case MessageWriter::Status::Failed:
        fail(QStringLiteral("cannot write to the helper: %1").arg(QString::fromLocal8Bit(std::strerror(writer_.lastErrno()))));
        break;
    }
}

void HelperClient::onWritable() { flush(); }

void HelperClient::onReadable() {
    std::vector<Incoming> messages;
    const auto status = reader_.readFrom(fd_, messages);
    for (Incoming& in : messages) {
        dispatch(in);
        if (fd_ < 0) return;   // a handler disconnected us
    }
    if (status == MessageReader::Status::Closed) fail(QStringLiteral("the helper closed the connection"));
    else if (status == MessageReader::Status::Failed)
        fail(QStringLiteral("cannot read from the helper: %1").arg(QString::fromLocal8Bit(std::strerror(reader_.lastErrno()))));
}

void HelperClient::dispatch(Incoming& in) {
    // The helper never sends descriptors; `in.fds` closes whatever a confused peer sent.
    if (!in.valid) {
        fail(QStringLiteral("the helper sent an unreadable message: %1").arg(in.errorMessage));
        return;
    }
    const QJsonObject& o = in.object;
    if (o.contains(QStringLiteral("event"))) {
        Q_EMIT eventReceived(o.value(QStringLiteral("event")).toString(), o);
        return;
    }
    Reply r;
    r.id = o.value(QStringLiteral("id")).toInteger(0);
    if (o.value(QStringLiteral("ok")).isObject()) {
        r.ok = true;
        r.result = o.value(QStringLiteral("ok")).toObject();
    } else {
        const QJsonObject e = o.value(QStringLiteral("error")).toObject();
        r.errorCode = e.value(QStringLiteral("code")).toString();
        r.errorMessage = e.value(QStringLiteral("message")).toString();
    }
    if (auto it = handlers_.find(r.id); it != handlers_.end()) {
        ReplyHandler h = std::move(it->second);
        handlers_.erase(it);
        h(r);
    }
    Q_EMIT replyReceived(r);
}

void HelperClient::fail(const QString& reason) {
    disconnectFromHelper();
    // Every request still waiting learns that no reply will come.
    auto pending = std::move(handlers_);
    handlers_.clear();
    for (auto& [id, h] : pending) {
        Reply r;
        r.id = id;
        r.errorCode = QStringLiteral("disconnected");
        r.errorMessage = reason;
        h(r);
    }
    Q_EMIT disconnected(reason);
}

}  // namespace qvblade::helper
