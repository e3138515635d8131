// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/rbd_source.h"

#include <QRegularExpression>

#include "core/ceph_config.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {

// Pool, image and snapshot names: what Ceph accepts, less the separators of rbd:POOL/IMAGE@SNAP
// and control characters (they would reach the journal).
bool goodName(const QString& s) {
    static const QRegularExpression bad(QStringLiteral("[/@\\x00-\\x1f\\x7f]"));
    return !s.isEmpty() && !s.contains(bad);
}

}  // namespace

std::string rbdSourcePath(const RbdSpec& spec) {
    return std::string(kRbdPrefix) + spec.pool + "/" + spec.image + (spec.snapshot.empty() ? "" : "@" + spec.snapshot);
}

bool parseRbdSource(const QJsonObject& o, RbdSource& out, QString& error) {
    Fields f(o, {"monitors", "id", "key", "pool", "image", "snapshot", "osdTimeout"});
    const QString monitors = f.string("monitors", 1024);
    const QString id = f.string("id", 64, QStringLiteral("admin"));
    // Read as a string like the rest; its value never goes into a sentence.
    const QString key = f.string("key", 256);
    const QString pool = f.string("pool", 255), image = f.string("image", 255), snapshot = f.string("snapshot", 255);
    const qint64 osdTimeout = f.integer("osdTimeout", 0, 86400, 0);
    const auto bad = [&](const QString& why) {
        error = QStringLiteral("\"rbd\": ") + why;
        return false;
    };
    if (!f.error.isEmpty()) return bad(f.error);
    for (const char* required : {"monitors", "key", "pool", "image"})
        if (!f.has(required)) return bad(QStringLiteral("\"%1\" is missing").arg(QLatin1String(required)));
    // mon_host syntax: addresses, ports, v1:/v2: prefixes, [..] groups, separated by , ; or spaces.
    static const QRegularExpression monitorSyntax(QStringLiteral("^[A-Za-z0-9.:,;\\[\\]/_ -]+$"));
    if (!monitorSyntax.match(monitors).hasMatch())
        return bad(QStringLiteral("\"monitors\" must be monitor addresses as ceph.conf's mon_host has them (e.g. 10.0.0.1:6789,10.0.0.2)"));
    static const QRegularExpression idSyntax(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    const QString user = id.startsWith(QLatin1String("client.")) ? id.mid(7) : id;
    if (!idSyntax.match(user).hasMatch()) return bad(QStringLiteral("\"id\" must be a Ceph user name (letters, digits, _ . -), without \"client.\""));
    if (!isCephKey(key.toStdString()))
        return bad(QStringLiteral("\"key\" is not a cephx key (the base64 text after \"key = \" in the keyring)"));
    for (const auto& [name, value] : {std::pair{"pool", pool}, {"image", image}})
        if (!goodName(value)) return bad(QStringLiteral("\"%1\" must be a non-empty name without '/', '@' or control characters").arg(QLatin1String(name)));
    if (f.has("snapshot") && !goodName(snapshot))
        return bad(QStringLiteral("\"snapshot\" must be a non-empty name without '/', '@' or control characters"));
    out.spec = {pool.toStdString(), image.toStdString(), snapshot.toStdString()};
    out.ceph = CephSettings{};
    out.ceph.id = user.toStdString();
    out.ceph.monHost = monitors.toStdString();
    out.ceph.key = key.toStdString();
    out.ceph.osdTimeoutSeconds = unsigned(osdTimeout);
    return true;
}

}  // namespace qvblade::helper
