// SPDX-License-Identifier: GPL-2.0-or-later
// One client of qvblade-helper: its socket, the framing (message_io) in both directions, the queue
// of requests it sent (handled one at a time, in order) and what it subscribed to. Back-pressure
// keeps its memory bounded: a client that does not read is not read either.
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>

#include <deque>
#include <memory>

#include "privhelper/frame_tap.h"
#include "privhelper/peer.h"
#include "privhelper/protocol/message_io.h"

class QSocketNotifier;

namespace qvblade::helper {

class Server;

class Connection : public QObject {
    Q_OBJECT
public:
    Connection(Server* server, int fd, const PeerCredentials& peer, bool stdio);
    ~Connection() override;

    void send(const QJsonObject& message);
    void sendEvent(const QJsonObject& event);
    void sendError(const QJsonValue& id, const QString& code, const QString& message);
    // Done with the current request: take the next one.
    void requestDone();
    void close();

    const PeerCredentials peer;
    const bool stdio;
    bool helloDone = false;
    bool countersSubscribed = false;
    bool exportsSubscribed = false;      // "export-changed" events
    bool interfacesSubscribed = false;   // "interface-changed" events
    int framesPerSecond = 0;             // 0: no "frames" events
    double frameBudget = 0;
    uint64_t framesSkipped = 0;
    uint64_t framesSeen = 0;             // the helper's frames since the last "frames" event (sampling)
    double framesSeenSeconds = 0;        // the time framesSeen covers
    bool quietReported = true;           // the last event said "seen 0" (or none was due)
    std::unique_ptr<PcapWriter> capture;
    QSet<QString> removeOnDisconnect;    // exports ("e1.0") to remove when this client goes
    uint64_t eventsDropped = 0;          // events not sent: the client did not read

private:
    void onReadable();
    void onWritable();
    void flush();
    void processQueue();
    void updateReadNotifier();
    void closeIfFinished();

    Server* server_;
    int fd_;
    std::unique_ptr<QSocketNotifier> readNotifier_, writeNotifier_;
    MessageReader reader_;
    MessageWriter writer_;
    std::deque<Incoming> queue_;
    bool busy_ = false;
    bool processing_ = false;
    bool closed_ = false;
    bool endOfInput_ = false;   // the client shut down its side: answer what it sent, then close
};

}  // namespace qvblade::helper
