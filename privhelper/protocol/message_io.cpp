// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/protocol/message_io.h"

#include <fcntl.h>
#include <sys/socket.h>

#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <cstring>

#include "privhelper/protocol/protocol.h"

namespace qvblade::helper {

namespace {
constexpr size_t kChunk = 64 * 1024;
}

int duplicateFd(int fd) { return ::fcntl(fd, F_DUPFD_CLOEXEC, 0); }

MessageReader::MessageReader() : buffer_(kChunk) {}

MessageReader::Status MessageReader::readFrom(int fd, std::vector<Incoming>& out, int maxReads) {
    for (int i = 0; i < maxReads; ++i) {
        iovec iov{buffer_.data(), buffer_.size()};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFdsPerMessage)];
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        // MSG_CMSG_CLOEXEC: a descriptor must never reach a child the helper might start.
        const ssize_t n = ::recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::Open;
            errno_ = errno;
            return Status::Failed;
        }
        // Take ownership of every descriptor first, whatever happens next. With MSG_CTRUNC the
        // kernel has already closed the ones that did not fit.
        std::vector<UniqueFd> fds;
        for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
            const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t k = 0; k < count; ++k) {
                int received;
                std::memcpy(&received, CMSG_DATA(c) + k * sizeof(int), sizeof(int));
                fds.emplace_back(received);
            }
        }
        if (n == 0) return Status::Closed;   // `fds` (none on a clean close) are closed here
        feed(buffer_.data(), size_t(n), std::move(fds), out);
    }
    return Status::Open;
}

// The descriptors of a recvmsg() belong to the message whose first byte was on the sendmsg()
// that carried them. Linux never returns data past such a sendmsg's segment in the same
// recvmsg, but may return earlier data before it, so the owner is the LAST message that starts
// in this chunk. Descriptors of a chunk in which no message starts are stray and closed.
void MessageReader::feed(const char* data, size_t length, std::vector<UniqueFd> fds, std::vector<Incoming>& out) {
    bool currentStartedHere = false;   // the message in progress began in this chunk
    qsizetype ownerIndex = -1;         // else: index in `out` of the last complete message that did
    size_t i = 0;
    while (i < length) {
        if (headerBytes_ < 4) {
            if (headerBytes_ == 0) {
                currentStartedHere = true;
                ownerIndex = -1;
            }
            header_[headerBytes_++] = static_cast<unsigned char>(data[i++]);
            if (headerBytes_ < 4) continue;
            length_ = uint32_t(header_[0]) << 24 | uint32_t(header_[1]) << 16 | uint32_t(header_[2]) << 8 | header_[3];
            remaining_ = length_;
            skipping_ = length_ > kMaxMessageBytes;
            if (!skipping_) body_.reserve(qsizetype(length_));
            if (remaining_ == 0) {
                if (currentStartedHere) { ownerIndex = qsizetype(out.size()); currentStartedHere = false; }
                finish(out);
            }
            continue;
        }
        const size_t take = std::min(remaining_, length - i);
        if (!skipping_) body_.append(data + i, qsizetype(take));
        i += take;
        remaining_ -= take;
        if (remaining_ == 0) {
            if (currentStartedHere) { ownerIndex = qsizetype(out.size()); currentStartedHere = false; }
            finish(out);
        }
    }
    if (fds.empty()) return;
    if (currentStartedHere) {
        for (auto& f : fds) fds_.push_back(std::move(f));
    } else if (ownerIndex >= 0) {
        for (auto& f : fds) out[size_t(ownerIndex)].fds.push_back(std::move(f));
    }
    // Otherwise `fds` is stray and closes here.
}

void MessageReader::finish(std::vector<Incoming>& out) {
    Incoming in;
    in.fds = std::move(fds_);
    fds_.clear();
    if (skipping_) {
        in.errorCode = err::kTooLarge;
        in.errorMessage = QStringLiteral("message of %1 bytes is over the limit of %2 bytes")
                              .arg(length_).arg(kMaxMessageBytes);
    } else if (length_ == 0) {
        in.errorCode = err::kBadMessage;
        in.errorMessage = QStringLiteral("empty message");
    } else {
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(body_, &pe);
        if (pe.error != QJsonParseError::NoError) {
            in.errorCode = err::kBadMessage;
            in.errorMessage = QStringLiteral("not valid JSON: %1 at byte %2").arg(pe.errorString()).arg(pe.offset);
        } else if (!doc.isObject()) {
            in.errorCode = err::kBadMessage;
            in.errorMessage = QStringLiteral("a message must be a JSON object");
        } else {
            in.valid = true;
            in.object = doc.object();
        }
    }
    out.push_back(std::move(in));
    headerBytes_ = 0;
    length_ = 0;
    remaining_ = 0;
    skipping_ = false;
    body_.clear();
}

QByteArray MessageWriter::encode(const QJsonObject& message) {
    const QByteArray json = QJsonDocument(message).toJson(QJsonDocument::Compact);
    if (size_t(json.size()) > kMaxMessageBytes) return {};
    QByteArray framed(4, Qt::Uninitialized);
    const auto n = uint32_t(json.size());
    framed[0] = char(n >> 24);
    framed[1] = char(n >> 16);
    framed[2] = char(n >> 8);
    framed[3] = char(n);
    framed.append(json);
    return framed;
}

bool MessageWriter::enqueue(const QJsonObject& message, std::vector<UniqueFd> fds) {
    QByteArray bytes = encode(message);
    if (bytes.isEmpty()) return false;
    enqueueRaw(std::move(bytes), std::move(fds));
    return true;
}

void MessageWriter::enqueueRaw(QByteArray bytes, std::vector<UniqueFd> fds) {
    pendingBytes_ += size_t(bytes.size());
    queue_.push_back(Out{std::move(bytes), std::move(fds), 0});
}

MessageWriter::Status MessageWriter::flushTo(int fd) {
    while (!queue_.empty()) {
        Out& o = queue_.front();
        if (o.bytes.isEmpty()) {   // nothing to carry descriptors: drop them
            queue_.pop_front();
            continue;
        }
        iovec iov{o.bytes.data() + o.sent, size_t(o.bytes.size() - o.sent)};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFdsPerMessage)];
        const bool withFds = o.sent == 0 && !o.fds.empty();
        if (withFds) {
            const size_t count = std::min<size_t>(o.fds.size(), kMaxFdsPerMessage);
            std::memset(control, 0, sizeof control);
            msg.msg_control = control;
            msg.msg_controllen = CMSG_SPACE(sizeof(int) * count);
            cmsghdr* c = CMSG_FIRSTHDR(&msg);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int) * count);
            for (size_t k = 0; k < count; ++k) {
                const int f = o.fds[k].get();
                std::memcpy(CMSG_DATA(c) + k * sizeof(int), &f, sizeof(int));
            }
        }
        const ssize_t n = ::sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return Status::Pending;
            errno_ = errno;
            return Status::Failed;
        }
        if (withFds) o.fds.clear();   // the peer has its own copies now
        o.sent += n;
        pendingBytes_ -= size_t(n);
        if (o.sent == o.bytes.size()) queue_.pop_front();
    }
    return Status::Done;
}

}  // namespace qvblade::helper
