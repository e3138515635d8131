// SPDX-License-Identifier: GPL-2.0-or-later
// A sparse image file of a given size in a test's temporary directory.
#pragma once

#include <QFile>
#include <QTemporaryDir>

inline QString makeTestImage(const QTemporaryDir& dir, const QString& name, qint64 bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.resize(bytes)) qFatal("cannot create %s", qPrintable(path));
    return path;
}
