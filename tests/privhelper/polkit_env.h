// SPDX-License-Identifier: GPL-2.0-or-later
// The real polkit for a test: the system bus and polkitd (started here when they are not
// running, and stopped again), the qvblade policy (naming the helper in the build tree) in
// /usr/share/polkit-1/actions, a rules file in /etc/polkit-1/rules.d (replaceable while the
// test runs), real users and processes run as them. Every file is removed and every user
// deleted afterwards. Used by tests/privhelper's polkit and attack tests and tests/gui's pkexec tests.
#pragma once

#include <grp.h>
#include <sched.h>
#include <pwd.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QProcess>

#include <functional>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

namespace qvblade::test {

class TestUser {
public:
    explicit TestUser(const char* prefix) : name_(uniqueName(prefix)) {}
    ~TestUser() {
        if (created_) run({"userdel", name_});
    }
    bool create(QString& error) {
        QString out;
        if (run({"useradd", "--no-create-home", "--no-user-group", "--shell", "/usr/sbin/nologin", name_}, &out) != 0) {
            error = "useradd failed: " + out;
            return false;
        }
        created_ = true;
        const passwd* pw = ::getpwnam(name_.toLocal8Bit().constData());
        if (!pw) {
            error = "the new user " + name_ + " has no passwd entry";
            return false;
        }
        uid_ = pw->pw_uid;
        gid_ = pw->pw_gid;
        return true;
    }
    const QString& name() const { return name_; }
    uid_t uid() const { return uid_; }
    gid_t gid() const { return gid_; }

    // Makes `p` run as this user (no supplementary groups), in network namespace `netns` if
    // given; the child dies if any of that fails, and when the test dies. With `privateDir`
    // (an absolute path, created if missing) it runs in a mount namespace of its own in which an
    // empty tmpfs hides what is there: what it and its children (a helper pkexec starts) put
    // there, e.g. /run/qvblade's socket, no other process sees, and nothing of others' reaches it.
    void runAs(QProcess& p, const QString& netns = {}, const QString& privateDir = {}) const {
        const uid_t uid = uid_;
        const gid_t gid = gid_;
        const QByteArray nsPath = netns.isEmpty() ? QByteArray() : ("/run/netns/" + netns).toLocal8Bit();
        const QByteArray hidden = privateDir.toLocal8Bit();
        if (!privateDir.isEmpty()) QDir().mkpath(privateDir);
        p.setChildProcessModifier([uid, gid, nsPath, hidden] {
            if (!nsPath.isEmpty()) {
                const int fd = ::open(nsPath.constData(), O_RDONLY | O_CLOEXEC);
                if (fd < 0 || ::setns(fd, CLONE_NEWNET) < 0) ::_exit(98);
            }
            if (!hidden.isEmpty() &&
                (::unshare(CLONE_NEWNS) < 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) < 0 ||
                 ::mount("qvblade-test", hidden.constData(), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0))
                ::_exit(97);
            if (::setgroups(0, nullptr) < 0 || ::setgid(gid) < 0 || ::setuid(uid) < 0 || ::getuid() != uid) ::_exit(99);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);   // after setuid, which clears it
        });
        QProcessEnvironment env;
        env.insert("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        env.insert("HOME", "/");
        p.setProcessEnvironment(env);
    }

private:
    QString name_;
    bool created_ = false;
    uid_t uid_ = 0;
    gid_t gid_ = 0;
};

class PolkitEnvironment {
public:
    static constexpr const char* kPolicyPath = "/usr/share/polkit-1/actions/org.qvblade.policy";

    ~PolkitEnvironment() {
        if (!rulesPath_.isEmpty()) QFile::remove(rulesPath_);
        if (policyInstalled_) {
            QFile::remove(kPolicyPath);
            if (!policyBackup_.isEmpty()) {
                QFile f(kPolicyPath);
                if (f.open(QIODevice::WriteOnly)) f.write(policyBackup_);
            }
        }
        if (polkitd_.state() != QProcess::NotRunning) {
            polkitd_.terminate();
            if (!polkitd_.waitForFinished(5000)) polkitd_.kill();
            polkitd_.waitForFinished();
        }
        if (dbusPid_ > 0) {
            ::kill(dbusPid_, SIGTERM);
            for (int i = 0; i < 100 && ::kill(dbusPid_, 0) == 0; ++i) ::usleep(20000);
            // What the bus we started leaves behind would stop the next one from starting.
            QFile::remove("/run/dbus/pid");
            QFile::remove("/run/dbus/system_bus_socket");
        }
        if (lockFd_ >= 0) ::close(lockFd_);
    }

    // Tests that install qvblade's polkit policy take this lock, so two of them (another build
    // tree's run, the packaging test) never install, remove or stop things under each other.
    static constexpr const char* kLockPath = "/run/lock/qvblade-polkit.lock";

    // `policyFile` goes to kPolicyPath (the one there is put back afterwards); with none, the test
    // leaves kPolicyPath to what installs it (the package, tst_first_run).
    bool setUp(const QString& policyFile, const QString& rules, QString& error) {
        ::mkdir("/run/lock", 01777);
        lockFd_ = ::open(kLockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        bool locked = false;
        for (int i = 0; i < 3000 && lockFd_ >= 0 && !locked; ++i) {   // 5 minutes
            locked = ::flock(lockFd_, LOCK_EX | LOCK_NB) == 0;
            if (!locked) ::usleep(100000);
        }
        if (!locked) {
            error = QStringLiteral("another test held %1 for 5 minutes").arg(kLockPath);
            return false;
        }
        removeLeftovers();
        if (!ensureBus(error)) return false;
        if (!install(policyFile, rules, error)) return false;
        if (!hasPolkitd()) {
            polkitd_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            polkitd_.start("/usr/lib/polkit-1/polkitd", {"--no-debug"});
            if (!polkitd_.waitForStarted(5000)) {
                error = "cannot start /usr/lib/polkit-1/polkitd (is polkitd installed?)";
                return false;
            }
            for (int i = 0; i < 100 && !hasPolkitd(); ++i) ::usleep(100000);
            if (!hasPolkitd()) {
                error = "polkitd started but did not take its bus name within 10 s";
                return false;
            }
        }
        return true;
    }

    // Replaces the rules file in one step (a rename); polkitd rereads rules.d when it changes.
    bool replaceRules(const QString& rules, QString& error) {
        const QString next = rulesPath_ + QStringLiteral(".new");   // not *.rules: polkitd ignores it
        if (!writeFile(next, rules.toUtf8()) || ::rename(next.toLocal8Bit().constData(), rulesPath_.toLocal8Bit().constData()) != 0) {
            QFile::remove(next);
            error = "cannot replace " + rulesPath_;
            return false;
        }
        return true;
    }

    // Waits until polkit says yes (or, with `authorised` false, a plain no: not "authentication
    // required") to `action` for a process of `user` (a polkitd that was already running reloads
    // policies and rules a moment after they change).
    bool waitForRules(const TestUser& user, const char* action, QString& error, bool authorised = true) {
        QProcess sleeper;
        user.runAs(sleeper);
        sleeper.start("/bin/sleep", {"30"});
        if (!sleeper.waitForStarted(5000)) {
            error = "cannot start a process as " + user.name();
            return false;
        }
        QString out;
        bool as = false;
        for (int i = 0; i < 50 && !as; ++i) {
            const int rc = run({"pkcheck", "--action-id", action, "--process", QString::number(sleeper.processId())}, &out);
            as = authorised ? rc == 0 : rc == 1 && out.contains(QLatin1String("Not authorized"));
            if (!as) ::usleep(200000);
        }
        sleeper.kill();
        sleeper.waitForFinished();
        if (!as)
            error = QStringLiteral("polkit does not %1 %2 for %3 after 10 s: %4")
                        .arg(authorised ? "authorise" : "refuse", action, user.name(), out);
        return as;
    }

private:
    // A test run that was killed (SIGKILL skips every destructor) leaves its rules file and
    // users behind: remove those whose test process is gone.
    static void removeLeftovers() {
        const QRegularExpression rulesName(QStringLiteral("^10-qvblade-test-(\\d+)\\.rules(?:\\.new)?$"));
        for (const QString& f : QDir(QStringLiteral("/etc/polkit-1/rules.d")).entryList(QDir::Files)) {
            const auto m = rulesName.match(f);
            if (m.hasMatch() && ::kill(pid_t(m.captured(1).toInt()), 0) != 0 && errno == ESRCH)
                QFile::remove(QStringLiteral("/etc/polkit-1/rules.d/") + f);
        }
        QFile passwd(QStringLiteral("/etc/passwd"));
        if (!passwd.open(QIODevice::ReadOnly)) return;
        const QRegularExpression userName(QStringLiteral("^(qvb(?:ok|no|ui)(\\d+)x\\d+):"));
        for (const QByteArray& line : passwd.readAll().split('\n')) {
            const auto m = userName.match(QString::fromLatin1(line));
            if (m.hasMatch() && ::kill(pid_t(m.captured(2).toInt()), 0) != 0 && errno == ESRCH) run({"userdel", m.captured(1)});
        }
    }

    static bool busUp() {
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strcpy(a.sun_path, "/run/dbus/system_bus_socket");
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
        ::close(fd);
        return up;
    }

    bool ensureBus(QString& error) {
        if (busUp()) return true;
        ::mkdir("/run/dbus", 0755);
        QFile stalePid("/run/dbus/pid");
        if (stalePid.exists()) stalePid.remove();   // the bus is not up, so its pid file is stale
        QString out;
        if (run({"dbus-daemon", "--system", "--fork", "--print-pid"}, &out) != 0) {
            error = "cannot start the system bus (dbus-daemon --system): " + out;
            return false;
        }
        dbusPid_ = pid_t(out.trimmed().toInt());
        for (int i = 0; i < 50 && !busUp(); ++i) ::usleep(100000);
        if (!busUp()) {
            error = "dbus-daemon --system started but /run/dbus/system_bus_socket does not answer";
            return false;
        }
        return true;
    }

    static bool hasPolkitd() {
        QString out;
        run({"dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.PolicyKit1"},
            &out, 5000);
        return out.contains("boolean true");
    }

    bool install(const QString& policyFile, const QString& rules, QString& error) {
        if (!policyFile.isEmpty() && !installPolicy(policyFile, error)) return false;
        rulesPath_ = QStringLiteral("/etc/polkit-1/rules.d/10-qvblade-test-%1.rules").arg(::getpid());
        if (!writeFile(rulesPath_, rules.toUtf8())) {
            error = "cannot write " + rulesPath_;
            return false;
        }
        return true;
    }

    bool installPolicy(const QString& policyFile, QString& error) {
        QFile existing(kPolicyPath);
        if (existing.exists()) {
            if (!existing.open(QIODevice::ReadOnly)) {
                error = QStringLiteral("cannot read %1").arg(kPolicyPath);
                return false;
            }
            policyBackup_ = existing.readAll();
            existing.close();
            existing.remove();
        }
        if (!QFile::copy(policyFile, kPolicyPath)) {
            error = QStringLiteral("cannot install %1 as %2").arg(policyFile, kPolicyPath);
            return false;
        }
        policyInstalled_ = true;
        QFile::setPermissions(kPolicyPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        return true;
    }

    static bool writeFile(const QString& path, const QByteArray& data) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size()) return false;
        f.close();
        return f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    }

    int lockFd_ = -1;   // closed (and so unlocked) when the process ends, after the clean-up
    pid_t dbusPid_ = -1;
    QProcess polkitd_;
    bool policyInstalled_ = false;
    QByteArray policyBackup_;
    QString rulesPath_;
};

// Copies the program `binary` (the scriptable client) into `dir` and makes both reachable for
// test users (the build tree need not be readable by them). Returns the copy's path, or "".
inline QString installForUsers(const QTemporaryDir& dir, const QString& binary) {
    const QString client = dir.filePath(QFileInfo(binary).fileName());
    const bool ok = ::chmod(dir.path().toLocal8Bit().constData(), 0755) == 0 && QFile::copy(binary, client) &&
                    ::chmod(client.toLocal8Bit().constData(), 0755) == 0;
    return ok ? client : QString();
}

// One process run as a test user (`env` added to its environment); its stdout is one JSON
// object per line.
class ClientRun {
public:
    ClientRun(const TestUser& user, const QString& program, const QStringList& args, const QString& netns = {},
              const QProcessEnvironment& env = {}, const QString& privateDir = {}) {
        user.runAs(process_, netns, privateDir);
        if (!env.isEmpty()) {
            QProcessEnvironment all = process_.processEnvironment();
            all.insert(env);
            process_.setProcessEnvironment(all);
        }
        process_.start(program, args);
    }
    ~ClientRun() {
        process_.kill();
        process_.waitForFinished();
    }
    // Waits until `count` lines arrived (or the client ended, or `timeoutMs`).
    QList<QJsonObject> lines(int count, int timeoutMs = 20000) {
        QElapsedTimer t;
        t.start();
        while (lines_.size() < count && t.elapsed() < timeoutMs && readSome()) {}
        return lines_;
    }
    // Waits (at most `timeoutMs`) for a line after those an earlier call returned that `match`
    // accepts; an empty object if none came.
    QJsonObject next(const std::function<bool(const QJsonObject&)>& match, int timeoutMs = 20000) {
        QElapsedTimer t;
        t.start();
        for (;;) {
            while (seen_ < lines_.size())
                if (match(lines_[seen_++])) return lines_[seen_ - 1];
            if (t.elapsed() >= timeoutMs || !readSome()) return {};
        }
    }
    bool finish(int timeoutMs = 20000) { return process_.waitForFinished(timeoutMs); }
    QString errors() { return QString::fromLocal8Bit(process_.readAllStandardError()); }
    QProcess& process() { return process_; }

private:
    // Reads what arrived within 100 ms; false once the process ended and everything is read.
    bool readSome() {
        if (process_.canReadLine() || process_.waitForReadyRead(100)) {
            while (process_.canReadLine()) lines_ << QJsonDocument::fromJson(process_.readLine()).object();
            return true;
        }
        if (process_.state() != QProcess::NotRunning) return true;
        while (process_.canReadLine()) lines_ << QJsonDocument::fromJson(process_.readLine()).object();
        return false;
    }

    QProcess process_;
    QList<QJsonObject> lines_;
    qsizetype seen_ = 0;
};

// A polkit rules file for a test: `body` (JavaScript in function(action, subject), reached for
// qvblade's actions only) under a comment naming `test`, whose PolkitEnvironment removes it.
inline QString qvbladeRules(const char* test, const QString& body) {
    return QStringLiteral(
               "// qvblade test rules (%1, removed when it ends)\n"
               "polkit.addRule(function(action, subject) {\n"
               "  if (action.id.indexOf(\"org.qvblade.\") !== 0) return polkit.Result.NOT_HANDLED;\n"
               "%2"
               "  return polkit.Result.NOT_HANDLED;\n"
               "});\n")
        .arg(QLatin1String(test), body);
}

// The rules that answer `result` (YES, NO, AUTH_ADMIN, ...) to `user` for every qvblade action.
inline QString rulesAnswering(const char* test, const QString& user, const char* result) {
    return qvbladeRules(test, QStringLiteral("  if (subject.user === \"%1\") return polkit.Result.%2;\n").arg(user, QLatin1String(result)));
}

inline QString json(const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }

// qvblade-ph-client's arguments: connect to `socket`, send `requests`, hold on if asked.
inline QStringList clientArgsFor(const QString& socket, const QList<QJsonObject>& requests, bool hold = false) {
    QStringList a{"--connect", socket};
    if (hold) a << "--hold";
    for (const auto& r : requests) a << json(r);
    return a;
}

// One request as root (the test itself) on a fresh connection to `socket`.
inline Reply rootCallOn(const QString& socket, const QString& type, const QJsonObject& args = {}) {
    HelperClient c;
    QString error;
    if (!c.connectToPath(socket, &error)) return Reply{0, false, {}, "connect", error};
    const Reply hello = call(c, "hello", {{"version", helper::kProtocolVersion}});
    if (!hello.ok) return hello;
    return call(c, type, args);
}

// The service-mode helper the polkit tests attack: in namespace `target`, joined to `initiator` by
// the veth pair qvt0/qvi0, listening on DIR/helper.sock (returned in `socket`) and writing
// persist-rmem's file into DIR/sysctl.d, never the machine's /etc/sysctl.d.
inline bool startServiceHelperOnVeth(NetNs& target, NetNs& initiator, SpawnedHelper& helper, const QString& dir, QString& socket,
                                     QString& error) {
    if (!linkTargetAndInitiator(target, initiator, error)) return false;
    socket = dir + "/helper.sock";
    if (!QDir().mkpath(dir + "/sysctl.d") || !helper.start({"--listen", socket, "--sysctl-dir", dir + "/sysctl.d"}, target.name(), error))
        return false;
    for (int i = 0; i < 250 && !QFileInfo::exists(socket) && !helper.exited(); ++i) ::usleep(20000);
    if (helper.exited() || !QFileInfo::exists(socket)) {
        error = "the helper did not start: " + helper.stderrText();
        return false;
    }
    return true;
}
inline QString text(const QList<QJsonObject>& lines) {
    QStringList l;
    for (const auto& o : lines) l << json(o);
    return l.join('\n');
}

}  // namespace qvblade::test
