// SPDX-License-Identifier: GPL-2.0-or-later
// The real window run by a real non-root test user (user_gui.cpp): the driver is copied where
// the user can run it, gets a home and runtime directory of its own and the sanitizers' options
// in a form the user can read, and talks one JSON object per line (user_gui.cpp lists them).
// Used by tst_pkexec_refusal and tst_first_run, which run it against the real pkexec.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <initializer_list>
#include <memory>

#include "tests/privhelper/polkit_env.h"

namespace qvblade::test {

inline bool isState(const QJsonObject& o, const char* state) {
    return o.value("event").toString() == "state" && o.value("state").toString() == QLatin1String(state);
}
inline auto isEvent(const char* name) {
    return [name](const QJsonObject& o) { return o.value("event").toString() == QLatin1String(name); };
}
inline QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QStringLiteral("(cannot read %1)").arg(path);
}

// What the pkexec tests need, and `more` (looked up in PATH): a message naming what is missing
// and the package that has it, or "" when everything is there.
inline QString missingPolkitTools(std::initializer_list<const char*> more = {}) {
    QStringList missing;
    for (const char* tool : {"/usr/bin/pkexec", "/usr/bin/pkcheck", "/usr/lib/polkit-1/polkitd"})
        if (!QFileInfo(QLatin1String(tool)).isExecutable()) missing << QLatin1String(tool);
    QList<const char*> inPath{"dbus-daemon", "dbus-send", "useradd", "userdel"};
    for (const char* tool : more) inPath << tool;
    for (const char* tool : inPath)
        if (QStandardPaths::findExecutable(QLatin1String(tool), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}).isEmpty())
            missing << QLatin1String(tool);
    return missing.isEmpty() ? QString()
                             : missing.join(", ") + " missing (./scripts/install-deps.sh --test installs them: pkexec, polkitd, dbus, ...)";
}

class UserGui {
public:
    // Starts `driver` (a path in the build tree) with `args` as `user`, from a copy in `dir` (made
    // traversable), in network namespace `netns` and with `privateDir` hidden (TestUser::runAs) if
    // given; `env` is added to the environment.
    bool start(const TestUser& user, const QTemporaryDir& dir, const QString& driver, const QStringList& args, QString& error,
               const QString& netns = {}, const QString& privateDir = {}, const QProcessEnvironment& env = {}) {
        dir_ = dir.path();
        if (!QFile::setPermissions(dir_, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                             QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther)) {
            error = "cannot make " + dir_ + " traversable";
            return false;
        }
        const QString gui = dir_ + "/" + QFileInfo(driver).fileName();
        QFile::remove(gui);
        if (!QFile::copy(driver, gui) || ::chmod(gui.toLocal8Bit().constData(), 0755) != 0) {
            error = "cannot copy " + driver + " to " + gui;
            return false;
        }
        home_ = dir_ + "/home";
        const QString runtime = dir_ + "/runtime";
        for (const QString& d : {home_, runtime}) {
            if (!QDir().mkpath(d) || ::chown(d.toLocal8Bit().constData(), user.uid(), user.gid()) != 0 ||
                ::chmod(d.toLocal8Bit().constData(), 0700) != 0) {
                error = "cannot make " + d + " for " + user.name();
                return false;
            }
        }
        QProcessEnvironment all = sanitizerEnvironment();
        all.insert("HOME", home_);
        all.insert("XDG_RUNTIME_DIR", runtime);
        all.insert("QT_QPA_PLATFORM", "offscreen");
        all.insert("LANGUAGE", "en");
        all.insert("LC_ALL", "C.UTF-8");
        all.insert(env);
        run_ = std::make_unique<ClientRun>(user, gui, args, netns, all, privateDir);
        if (!run_->process().waitForStarted(5000)) {
            error = "cannot start " + gui + ": " + run_->process().errorString();
            return false;
        }
        return true;
    }
    // Its home directory (the user's).
    const QString& home() const { return home_; }
    ClientRun* operator->() { return run_.get(); }
    bool running() const { return run_ != nullptr; }
    void command(const QByteArray& line) { run_->process().write(line + '\n'); }
    // Asks it to quit and waits; true when it exited 0. Its standard error lands in `errors`.
    bool quit(QString& errors, int timeoutMs = 20000) {
        if (!run_) return true;
        command("quit");
        const bool done = run_->finish(timeoutMs);
        errors = run_->errors();
        const bool ok = done && run_->process().exitStatus() == QProcess::NormalExit && run_->process().exitCode() == 0;
        run_.reset();
        return ok;
    }
    void reset() { run_.reset(); }

private:
    // The sanitizers' options for the GUI process: a suppressions file is copied where the user
    // can read it; a log_path is dropped (its standard error comes back to the test).
    QProcessEnvironment sanitizerEnvironment() const {
        QProcessEnvironment env;
        for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
            if (!qEnvironmentVariableIsSet(name)) continue;
            QStringList kept;
            for (const QString& option : qEnvironmentVariable(name).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
                if (option.startsWith("log_path=")) continue;
                if (option.startsWith("suppressions=")) {
                    const QString copy = dir_ + "/" + QLatin1String(name) + ".supp";
                    QFile::remove(copy);
                    if (!QFile::copy(option.mid(13), copy)) continue;
                    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
                    kept << "suppressions=" + copy;
                    continue;
                }
                kept << option;
            }
            env.insert(QLatin1String(name), kept.join(QLatin1Char(':')));
        }
        return env;
    }

    QString dir_, home_;
    std::unique_ptr<ClientRun> run_;
};

}  // namespace qvblade::test
