// SPDX-License-Identifier: GPL-2.0-or-later
// What the helper tests share: running commands, network namespaces with a dummy or veth
// interface (frames never reach a real interface), a helper spawned on a socketpair, and a
// synchronous request for test code (a nested event loop is fine in a test, not in the client).
#pragma once

#include <sys/resource.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "privhelper/protocol/helper_client.h"

namespace qvblade::test {

using helper::HelperClient;
using helper::Reply;

// Runs a program; returns its exit code (-1 if it could not run or timed out).
inline int run(const QStringList& argv, QString* output = nullptr, int timeoutMs = 30000) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(argv.first(), argv.mid(1));
    if (!p.waitForStarted(5000)) {
        if (output) *output = QStringLiteral("cannot start %1").arg(argv.first());
        return -1;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        if (output) *output = QString::fromLocal8Bit(p.readAll()) + QStringLiteral(" [timed out]");
        return -1;
    }
    if (output) *output = QString::fromLocal8Bit(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// A small text file's contents (empty when it cannot be read).
inline QString readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Fails the current test with `message` unless `argv` exits 0.
#define PH_RUN(...)                                                                                 \
    do {                                                                                            \
        QString out_;                                                                               \
        const QStringList argv_{__VA_ARGS__};                                                       \
        if (::qvblade::test::run(argv_, &out_) != 0)                                                \
            QFAIL(qPrintable(QStringLiteral("%1 failed: %2").arg(argv_.join(' '), out_)));          \
    } while (0)

inline QString uniqueName(const char* prefix) {
    static int counter = 0;
    return QStringLiteral("%1%2x%3").arg(QLatin1String(prefix)).arg(::getpid()).arg(++counter);
}

// A network namespace of the test's own, deleted with everything in it.
class NetNs {
public:
    NetNs() : name_(uniqueName("qvbph")) {}
    ~NetNs() {
        if (created_) run({"ip", "netns", "del", name_});
    }
    bool create(QString& error) {
        if (::geteuid() != 0) {
            error = QStringLiteral("the helper tests need root (network namespaces, raw sockets, users)");
            return false;
        }
        QString out;
        if (run({"ip", "netns", "add", name_}, &out) != 0) {
            error = "ip netns add failed: " + out;
            return false;
        }
        created_ = true;
        run({"ip", "-n", name_, "link", "set", "lo", "up"});
        return true;
    }
    // A veth pair with both ends in this namespace: frames sent on `ifname` reach only `peer`.
    bool addVethPair(const QString& ifname, const QString& peer, QString& error) {
        QString out;
        if (run({"ip", "-n", name_, "link", "add", ifname, "type", "veth", "peer", "name", peer}, &out) != 0 ||
            run({"ip", "-n", name_, "link", "set", ifname, "up"}, &out) != 0 ||
            run({"ip", "-n", name_, "link", "set", peer, "up"}, &out) != 0) {
            error = "cannot create a veth pair (is the veth module available?): " + out;
            return false;
        }
        return true;
    }
    const QString& name() const { return name_; }

private:
    QString name_;
    bool created_ = false;
};

// A target and an initiator namespace joined by a veth pair: qvt0 in `target`, qvi0 in
// `initiator` (for aoeReadSector), both up.
inline bool linkTargetAndInitiator(NetNs& target, NetNs& initiator, QString& error) {
    if (!target.create(error) || !initiator.create(error)) return false;
    for (const QStringList& argv : {QStringList{"ip", "-n", target.name(), "link", "add", "qvt0", "type", "veth", "peer",
                                                "name", "qvi0", "netns", initiator.name()},
                                    QStringList{"ip", "-n", target.name(), "link", "set", "qvt0", "up"},
                                    QStringList{"ip", "-n", initiator.name(), "link", "set", "qvi0", "up"}}) {
        QString out;
        if (run(argv, &out) != 0) {
            error = argv.join(' ') + " failed: " + out;
            return false;
        }
    }
    return true;
}

// Starts a target (`argv`: vblade, qvblade-cli) in namespace `ns` and waits for its "pid N:"
// start-up line; nullptr (and a warning with its output) when it does not start. `ip netns exec`
// execs the target: the process is the target's, terminate() stops it.
inline std::unique_ptr<QProcess> startTargetIn(const QString& ns, const QStringList& argv) {
    auto p = std::make_unique<QProcess>();
    p->start("ip", QStringList{"netns", "exec", ns} + argv);
    QElapsedTimer t;
    t.start();
    QByteArray out;
    while (t.elapsed() < 5000 && p->state() != QProcess::NotRunning) {
        p->waitForReadyRead(100);
        out += p->readAllStandardOutput();
        if (out.contains("pid ")) return p;
    }
    qWarning("%s did not start: %s %s", qPrintable(argv.join(' ')), out.constData(), p->readAllStandardError().constData());
    return nullptr;
}

// Stops a target startTargetIn started: SIGTERM, then SIGKILL if it has not ended in `waitMs`.
inline void stopTarget(QProcess& p, int waitMs = 5000) {
    p.terminate();   // ip netns exec execs the target: this is its pid
    if (!p.waitForFinished(waitMs)) p.kill(), p.waitForFinished();
}

// qvblade-helper started (as root) on one end of a socketpair, optionally inside a namespace.
class SpawnedHelper {
public:
    ~SpawnedHelper() { stop(); }
    bool start(const QStringList& args, const QString& netns, QString& error) {
        int sv[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
            error = "socketpair failed";
            return false;
        }
        stderrPath_ = dir_.filePath("helper.stderr");
        QStringList argv;
        if (!netns.isEmpty()) argv << "/usr/sbin/ip" << "netns" << "exec" << netns;
        argv << QStringLiteral(QVBLADE_HELPER_BIN) << args;
        std::vector<QByteArray> bytes;
        for (const QString& a : argv) bytes.push_back(a.toLocal8Bit());
        std::vector<char*> cargv;
        for (auto& b : bytes) cargv.push_back(b.data());
        cargv.push_back(nullptr);
        const QByteArray errPath = stderrPath_.toLocal8Bit();
        pid_ = ::fork();
        if (pid_ == 0) {
            // If the test dies however it dies, the helper goes with it (ip netns exec execs it
            // in this same process, so the setting carries over).
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (fileLimit_ > 0) {
                const rlimit files{rlim_t(fileLimit_), rlim_t(fileLimit_)};
                if (::setrlimit(RLIMIT_NOFILE, &files) < 0) ::_exit(126);
            }
            ::dup2(sv[1], 0);
            const int err = ::open(errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (err >= 0) ::dup2(err, 2);
            ::execv(cargv[0], cargv.data());
            ::_exit(127);
        }
        ::close(sv[1]);
        fd_ = sv[0];
        return pid_ > 0;
    }
    // RLIMIT_NOFILE (soft and hard) of the next start(); 0 keeps the test's.
    void setFileLimit(int n) { fileLimit_ = n; }
    // Our end of the socketpair (a fresh duplicate each call; the caller owns it).
    int takeClientFd() { return std::exchange(fd_, -1); }
    pid_t pid() const { return pid_; }
    bool alive() const { return pid_ > 0 && ::kill(pid_, 0) == 0 && !exited(); }
    bool exited() const {
        int status = 0;
        if (exitStatus_ >= 0) return true;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) exitStatus_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exitStatus_ >= 0;
    }
    int exitStatus() const { return exitStatus_; }
    QString stderrText() const {
        QFile f(stderrPath_);
        return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
    }
    // Descriptors the helper holds (root may read another process's /proc/PID/fd).
    int openFds() const { return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid_)).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot).size()); }
    void stop() {
        if (fd_ >= 0) ::close(std::exchange(fd_, -1));
        if (pid_ <= 0 || exited()) return;
        ::kill(pid_, SIGTERM);
        QElapsedTimer t;
        t.start();
        while (!exited() && t.elapsed() < 10000) ::usleep(20000);
        if (!exited()) {
            ::kill(pid_, SIGKILL);
            int status;
            ::waitpid(pid_, &status, 0);
            exitStatus_ = 137;
        }
    }

private:
    QTemporaryDir dir_;
    QString stderrPath_;
    pid_t pid_ = -1;
    int fd_ = -1;
    int fileLimit_ = 0;
    mutable int exitStatus_ = -1;
};

// The service-mode set-up several tests share: a fresh namespace with the veth pair `veth`/`veth`p,
// and a helper in it serving its stdio client and a socket in `dir` (returned in `socketPath`; the
// directory is made reachable for clients of other users).
inline bool startListeningHelper(NetNs& ns, SpawnedHelper& helper, const QTemporaryDir& dir, const QString& veth,
                                 QString& socketPath, QString& error) {
    if (!ns.create(error) || !ns.addVethPair(veth, veth + "p", error)) return false;
    if (::chmod(dir.path().toLocal8Bit().constData(), 0755) != 0) {
        error = "cannot make " + dir.path() + " reachable (chmod 0755)";
        return false;
    }
    socketPath = dir.filePath("helper.sock");
    return helper.start({"--stdio", "--listen", socketPath}, ns.name(), error);
}

// Sends a request and waits (at most `timeoutMs`) for its reply.
inline Reply call(HelperClient& client, const QString& type, const QJsonObject& args = {},
                  const std::vector<int>& fds = {}, int timeoutMs = 15000) {
    Reply result;
    result.errorCode = QStringLiteral("timeout");
    result.errorMessage = QStringLiteral("no reply to %1 within %2 ms").arg(type).arg(timeoutMs);
    QEventLoop loop;
    bool done = false;
    const qint64 id = client.request(type, args, fds, [&](const Reply& r) {
        result = r;
        done = true;
        loop.quit();
    });
    if (id < 0) {
        result.errorCode = QStringLiteral("not-sent");
        result.errorMessage = QStringLiteral("the client could not send %1").arg(type);
        return result;
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!done) loop.exec();
    return result;
}

inline QString describe(const Reply& r) {
    return r.ok ? QStringLiteral("ok") : QStringLiteral("%1: %2").arg(r.errorCode, r.errorMessage);
}

}  // namespace qvblade::test
