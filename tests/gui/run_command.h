// SPDX-License-Identifier: GPL-2.0-or-later
// Runs a command for a test's set-up (ip netns, ip link): its exit code, -1 when it did not
// finish within 30 s or crashed; stdout and stderr together into `output`. And a network
// namespace with a veth pair for tests against a real helper.
#pragma once

#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <unistd.h>

inline int runCommand(const QStringList& command, QString* output = nullptr) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(command.first(), command.mid(1));
    if (!p.waitForFinished(30000)) return -1;
    if (output) *output = QString::fromLocal8Bit(p.readAll()).trimmed();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// Makes network namespace `ns` with the veth pair `veth`/`veth`p, both up (the caller deletes it:
// ip netns del). Returns "" or the failed command with its output.
inline QString makeVethNamespace(const QString& ns, const QString& veth) {
    const QString peer = veth + QStringLiteral("p");
    const QString ip = QStringLiteral("ip");
    for (const QStringList& c : QList<QStringList>{
             {ip, QStringLiteral("netns"), QStringLiteral("add"), ns},
             {ip, QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("add"), veth, QStringLiteral("type"),
              QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), peer},
             {ip, QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), veth, QStringLiteral("up")},
             {ip, QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), peer, QStringLiteral("up")}}) {
        QString out;
        if (runCommand(c, &out) != 0) return c.join(QLatin1Char(' ')) + QStringLiteral(": ") + out;
    }
    return {};
}

// The set-up of a GUI test against a real helper: root, QStandardPaths' test mode, `dir` reachable
// for the helper (0755), and a namespace named `prefix`-PID (into `ns`) with the veth pair ve0/ve0p.
// Returns "" or why not.
inline QString prepareHelperNamespace(const QTemporaryDir& dir, const QString& prefix, QString& ns) {
    if (::geteuid() != 0) return QStringLiteral("this test creates a network namespace: run it as root");
    QStandardPaths::setTestModeEnabled(true);
    if (!dir.isValid() || ::chmod(dir.path().toLocal8Bit().constData(), 0755) != 0)
        return QStringLiteral("no temporary directory the helper can reach");
    ns = prefix + QLatin1Char('-') + QString::number(::getpid());
    return makeVethNamespace(ns, QStringLiteral("ve0"));
}
