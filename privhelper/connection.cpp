// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/connection.h"

#include <fcntl.h>
#include <unistd.h>

#include <QSocketNotifier>

#include "privhelper/protocol/protocol.h"
#include "privhelper/server.h"

namespace qvblade::helper {

namespace {
constexpr size_t kMaxQueuedRequests = 32;         // per client; beyond, we stop reading it
constexpr size_t kMaxPendingOutput = 4 << 20;     // per client; beyond, we stop reading it
}  // namespace

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

}  // namespace qvblade::helper
