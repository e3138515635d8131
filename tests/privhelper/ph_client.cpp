// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade-ph-client: a scriptable client of qvblade-helper for the tests, run as a real
// (non-root) user with runuser. It connects (--connect PATH) or starts the helper through
// pkexec on a socketpair (--pkexec HELPER [--pkexec-arg ARG]..., as the GUI will), says hello, sends each REQUEST
// (a JSON object) in order and prints every reply as one JSON line on stdout.
// A request's "_fd": "PATH" and "_mode": "r"|"rw"|"w" make the client open PATH itself, with
// its own rights, and pass the descriptor ("_lease": true holds a write lease on it first). --hold keeps the connection open until killed.
// --flood N opens N connections at once and prints how many were served.
// Exit: 0 all replies received; 2 the helper went away; 3 timeout.
#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

#include "privhelper/protocol/helper_client.h"

using namespace qvblade::helper;

namespace {

void print(const QJsonObject& o) {
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QJsonObject replyJson(const Reply& r) {
    if (r.ok) return {{"id", r.id}, {"ok", r.result}};
    return {{"id", r.id}, {"error", QJsonObject{{"code", r.errorCode}, {"message", r.errorMessage}}}};
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QString connectPath, pkexecHelper;
    QStringList pkexecArgs;
    bool hold = false, events = false;
    int timeoutMs = 20000;
    int flood = 0;
    QList<QJsonObject> requests;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--connect" && i + 1 < args.size()) connectPath = args[++i];
        else if (args[i] == "--pkexec" && i + 1 < args.size()) pkexecHelper = args[++i];
        else if (args[i] == "--pkexec-arg" && i + 1 < args.size()) pkexecArgs << args[++i];
        else if (args[i] == "--hold") hold = true;
        else if (args[i] == "--flood" && i + 1 < args.size()) flood = args[++i].toInt();
        else if (args[i] == "--events") events = true;
        else if (args[i] == "--timeout" && i + 1 < args.size()) timeoutMs = args[++i].toInt();
        else {
            const QJsonDocument d = QJsonDocument::fromJson(args[i].toUtf8());
            if (!d.isObject()) {
                std::fprintf(stderr, "not a JSON object: %s\n", qPrintable(args[i]));
                return 1;
            }
            requests << d.object();
        }
    }

    if (flood > 0) {
        // Opens `flood` connections at once and counts how many the helper serves.
        std::vector<std::unique_ptr<HelperClient>> clients;
        int served = 0, refused = 0;
        for (int i = 0; i < flood; ++i) {
            auto c = std::make_unique<HelperClient>();
            if (!c->connectToPath(connectPath)) {
                ++refused;
                continue;
            }
            c->hello("flood", [&](const Reply& r) { r.ok ? ++served : ++refused; });
            clients.push_back(std::move(c));
        }
        QTimer::singleShot(timeoutMs, &app, [] { QCoreApplication::exit(3); });
        QTimer check;
        QObject::connect(&check, &QTimer::timeout, &app, [&] {
            if (served + refused == flood) QCoreApplication::exit(0);
        });
        check.start(20);
        const int rc = app.exec();
        print({{"served", served}, {"refused", refused}});
        return rc;
    }

    HelperClient client;
    pid_t pkexecPid = -1;
    if (!pkexecHelper.isEmpty()) {
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) return 1;
        pkexecPid = ::fork();
        if (pkexecPid == 0) {
            // pkexec closes every descriptor from 3 up: the helper's end goes on 0 and 1.
            ::dup2(sv[1], 0);
            ::dup2(sv[1], 1);
            std::vector<QByteArray> argv{"pkexec", pkexecHelper.toLocal8Bit(), "--stdio"};
            for (const QString& a : pkexecArgs) argv.push_back(a.toLocal8Bit());
            std::vector<char*> cargv;
            for (auto& a : argv) cargv.push_back(a.data());
            cargv.push_back(nullptr);
            ::execv("/usr/bin/pkexec", cargv.data());
            ::_exit(126);
        }
        ::close(sv[1]);
        client.adoptSocket(sv[0]);
    } else {
        QString error;
        if (!client.connectToPath(connectPath, &error)) {
            print({{"error", QJsonObject{{"code", "connect"}, {"message", error}}}});
            return 2;
        }
    }

    int exitCode = 0;
    auto finish = [&](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    };
    QObject::connect(&client, &HelperClient::disconnected, &app, [&](const QString& reason) {
        QJsonObject o{{"disconnected", reason}};
        if (pkexecPid > 0) {
            int status = 0;
            if (::waitpid(pkexecPid, &status, 0) == pkexecPid && WIFEXITED(status)) o.insert("pkexecStatus", WEXITSTATUS(status));
            pkexecPid = -1;
        }
        print(o);
        finish(2);
    });
    if (events)
        QObject::connect(&client, &HelperClient::eventReceived, &app, [](const QString&, const QJsonObject& e) { print(e); });

    // Requests go one after the other, each after the previous reply.
    int next = 0;
    std::function<void()> sendNext = [&] {
        if (next >= requests.size()) {
            if (!hold) finish(0);
            return;
        }
        QJsonObject r = requests[next++];
        const QString type = r.take("type").toString();
        std::vector<int> fds;
        if (r.contains("_fd")) {
            const QString mode = r.take("_mode").toString();
            const int flags = mode == "rw" ? O_RDWR : mode == "w" ? O_WRONLY : O_RDONLY;
            const int fd = ::open(r.take("_fd").toString().toLocal8Bit().constData(), flags | O_CLOEXEC);
            if (fd < 0) {
                print({{"error", QJsonObject{{"code", "open"}, {"message", QString::fromLocal8Bit(strerror(errno))}}}});
                finish(1);
                return;
            }
            // "_lease": true takes a write lease on the file first (an attacker's way to make
            // any later open of it wait for the lease-break timeout); the SIGIO that announces
            // the break is ignored, as such a client would.
            if (r.take("_lease").toBool()) {
                ::signal(SIGIO, SIG_IGN);
                if (::fcntl(fd, F_SETLEASE, F_WRLCK) < 0) {
                    print({{"error", QJsonObject{{"code", "lease"}, {"message", QString::fromLocal8Bit(strerror(errno))}}}});
                    finish(1);
                    return;
                }
            }
            fds.push_back(fd);
        }
        client.request(type, r, fds, [&](const Reply& reply) {
            if (reply.errorCode == "disconnected") return;   // reported by disconnected()
            print(replyJson(reply));
            sendNext();
        });
        for (int fd : fds) ::close(fd);
    };
    client.hello("qvblade-ph-client", [&](const Reply& r) {
        if (r.errorCode == "disconnected") return;
        print(replyJson(r));
        if (!r.ok) {
            finish(0);
            return;
        }
        sendNext();
    });
    QTimer::singleShot(timeoutMs, &app, [&] {
        print({{"timeout", timeoutMs}});
        finish(3);
    });
    app.exec();
    client.disconnectFromHelper();
    if (pkexecPid > 0) ::waitpid(pkexecPid, nullptr, 0);
    return exitCode;
}
