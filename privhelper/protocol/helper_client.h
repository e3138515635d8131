// SPDX-License-Identifier: GPL-2.0-or-later
// The client side of the helper protocol, for the GUI and the tests: one connection to a
// qvblade-helper over a UNIX stream socket, driven by QSocketNotifiers (no blocking reads, no
// nested event loop). Requests get ids; each reply goes to the request's handler and to
// replyReceived(); pushed events go to eventReceived().
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "privhelper/protocol/message_io.h"

class QSocketNotifier;

namespace qvblade::helper {

struct Reply {
    qint64 id = 0;              // 0: the helper could not read the message it answers
    bool ok = false;
    QJsonObject result;         // ok: the reply's "ok" object
    QString errorCode;          // !ok: protocol.h err:: code, or "disconnected"
    QString errorMessage;       // !ok: one sentence for the user
};

class HelperClient : public QObject {
    Q_OBJECT
public:
    using ReplyHandler = std::function<void(const Reply&)>;

    explicit HelperClient(QObject* parent = nullptr);
    ~HelperClient() override;

    // Connects to a service-mode helper's socket (a local connect: it does not wait).
    bool connectToPath(const QString& path, QString* error = nullptr);
    // Uses an already connected stream socket (e.g. our end of the socketpair given to pkexec);
    // takes ownership.
    void adoptSocket(int fd);
    void disconnectFromHelper();
    bool isConnected() const { return fd_ >= 0; }
    int socketFd() const { return fd_; }

    // Sends {"id":N,"type":type, ...args}. `fds` are duplicated: the caller keeps its own.
    // Returns the id, or -1 (and the handler is not called) when not connected or too large.
    qint64 request(const QString& type, const QJsonObject& args = {}, const std::vector<int>& fds = {},
                   ReplyHandler handler = {});
    // The hello exchange with our protocol version.
    qint64 hello(const QString& clientName, ReplyHandler handler = {});

    // Raw access for tests that send malformed data.
    void sendRaw(const QByteArray& bytes, const std::vector<int>& fds = {});

Q_SIGNALS:
    void replyReceived(const qvblade::helper::Reply& reply);
    void eventReceived(const QString& name, const QJsonObject& event);
    void disconnected(const QString& reason);

private:
    void onReadable();
    void onWritable();
    void flush();
    void dispatch(Incoming& in);
    void fail(const QString& reason);

    int fd_ = -1;
    std::unique_ptr<QSocketNotifier> readNotifier_, writeNotifier_;
    MessageReader reader_;
    MessageWriter writer_;
    qint64 nextId_ = 1;
    std::map<qint64, ReplyHandler> handlers_;
};

}  // namespace qvblade::helper

Q_DECLARE_METATYPE(qvblade::helper::Reply)
