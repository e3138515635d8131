// SPDX-License-Identifier: GPL-2.0-or-later
// Runs a command for a test's set-up (ip netns, ip link): its exit code, -1 when it did not
// finish within 30 s or crashed; stdout and stderr together into `output`.
#pragma once

#include <QProcess>
#include <QStringList>

inline int runCommand(const QStringList& command, QString* output = nullptr) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(command.first(), command.mid(1));
    if (!p.waitForFinished(30000)) return -1;
    if (output) *output = QString::fromLocal8Bit(p.readAll()).trimmed();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}
