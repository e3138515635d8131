// SPDX-License-Identifier: GPL-2.0-or-later
// Framing of the helper protocol: each message is a 4-byte big-endian length followed by that
// many bytes of UTF-8 JSON (one object, at most kMaxMessageBytes). Descriptors travel as
// SCM_RIGHTS on the sendmsg() that carries the first byte of their message.
//
// Both sides use these two classes; nothing else in qvblade parses or writes the framing.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <deque>
#include <vector>

#include "privhelper/protocol/unique_fd.h"

namespace qvblade::helper {

// One message taken off the stream: a JSON object, or a framing/JSON error to answer.
struct Incoming {
    bool valid = false;
    QJsonObject object;                 // valid: the message
    QString errorCode, errorMessage;    // !valid: why it was rejected (protocol.h err::)
    std::vector<UniqueFd> fds;          // descriptors that came with it (closed if unused)
};

class MessageReader {
public:
    enum class Status { Open, Closed, Failed };
    MessageReader();

    // Reads what a non-blocking stream socket has (at most `maxReads` recvmsg calls, so one
    // busy peer cannot starve the others) and appends every complete message to `out`.
    // Closed: orderly end of stream; Failed: socket error (errno kept in lastErrno()).
    Status readFrom(int fd, std::vector<Incoming>& out, int maxReads = 16);

    // Feeds one chunk as one recvmsg() would return it, with the descriptors that came with
    // it. Public for tests; readFrom() uses it.
    void feed(const char* data, size_t length, std::vector<UniqueFd> fds, std::vector<Incoming>& out);

    // Bytes of a message received so far but not complete (0 between messages).
    size_t partialBytes() const { return headerBytes_ + size_t(body_.size()); }
    int lastErrno() const { return errno_; }

private:
    void finish(std::vector<Incoming>& out);

    std::vector<char> buffer_;
    unsigned char header_[4] = {};
    size_t headerBytes_ = 0;      // header bytes of the current message seen so far
    uint32_t length_ = 0;         // body length of the current message (once the header is complete)
    size_t remaining_ = 0;        // body bytes still to come
    bool skipping_ = false;       // the current message is over the limit: its body is discarded
    QByteArray body_;
    std::vector<UniqueFd> fds_;   // descriptors of the message in progress
    int errno_ = 0;
};

class MessageWriter {
public:
    enum class Status { Done, Pending, Failed };

    // The bytes of one framed message, or an empty array when the JSON is over the limit.
    static QByteArray encode(const QJsonObject& message);

    // Queues a message; the writer owns `fds` and closes them once they are sent (or on
    // destruction). Returns false, queueing nothing, when the message is over the limit.
    bool enqueue(const QJsonObject& message, std::vector<UniqueFd> fds = {});
    // Queues pre-framed bytes (tests use it to send malformed data).
    void enqueueRaw(QByteArray bytes, std::vector<UniqueFd> fds = {});

    // Sends as much as the non-blocking socket takes. Pending: wait for POLLOUT and call again.
    Status flushTo(int fd);
    size_t pendingBytes() const { return pendingBytes_; }
    bool idle() const { return queue_.empty(); }
    int lastErrno() const { return errno_; }

private:
    struct Out {
        QByteArray bytes;
        std::vector<UniqueFd> fds;
        qsizetype sent = 0;
    };
    std::deque<Out> queue_;
    size_t pendingBytes_ = 0;
    int errno_ = 0;
};

// Duplicates `fd` (close-on-exec) so the caller keeps its own; -1 on failure.
int duplicateFd(int fd);

}  // namespace qvblade::helper
