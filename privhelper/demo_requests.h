// SPDX-License-Identifier: GPL-2.0-or-later
// The demo's state in qvblade-helper (demo_requests.cpp), for server.cpp; not for other code.
#pragma once

#include <QPointer>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

#include "privhelper/protocol/unique_fd.h"
#include "privhelper/server.h"

namespace qvblade::helper {

struct Server::Demo {
    QPointer<Connection> client;     // who started it: the demo ends when it goes
    RequestPtr starting;             // the start-demo request while the link is not up yet
    QString name;                    // "e42.0"
    uint16_t shelf = 0;
    uint8_t slot = 0;
    UniqueFd image;                  // until the export takes it
    UniqueFd channel;                // our end of qvblade-demo's standard input
    std::unique_ptr<QSocketNotifier> notifier;
    QTimer timeout;
    QProcess* process = nullptr;     // parented to the server; deleted when it has ended
    QString lastLine;                // of its standard error: why it failed
    bool added = false;              // the export is in the engine
    ~Demo();
};

}  // namespace qvblade::helper
