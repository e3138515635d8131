// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/polkit.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace qvblade::helper {

namespace {
constexpr int kTimeoutMs = 5 * 60 * 1000;   // a user typing a password
constexpr quint32 kAllowUserInteraction = 1;
using StringMap = QMap<QString, QString>;
}  // namespace

PolkitAuthority::PolkitAuthority(QObject* parent) : QObject(parent) { qDBusRegisterMetaType<StringMap>(); }

void PolkitAuthority::check(const PeerCredentials& peer, const QString& actionId, Result done) {
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        done(false, QStringLiteral("cannot ask polkit: the system bus is not reachable (%1)").arg(bus.lastError().message()));
        return;
    }
    // Subject (sa{sv}): ("unix-process", {pid: u, start-time: t, uid: i}).
    QDBusArgument subject;
    subject.beginStructure();
    subject << QStringLiteral("unix-process");
    subject.beginMap(QMetaType::fromType<QString>(), QMetaType::fromType<QDBusVariant>());
    subject.beginMapEntry();
    subject << QStringLiteral("pid") << QDBusVariant(QVariant::fromValue(quint32(peer.pid)));
    subject.endMapEntry();
    subject.beginMapEntry();
    subject << QStringLiteral("start-time") << QDBusVariant(QVariant::fromValue(quint64(peer.startTime)));
    subject.endMapEntry();
    subject.beginMapEntry();
    subject << QStringLiteral("uid") << QDBusVariant(QVariant::fromValue(qint32(peer.uid)));
    subject.endMapEntry();
    subject.endMap();
    subject.endStructure();

    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.PolicyKit1"), QStringLiteral("/org/freedesktop/PolicyKit1/Authority"),
        QStringLiteral("org.freedesktop.PolicyKit1.Authority"), QStringLiteral("CheckAuthorization"));
    call << QVariant::fromValue(subject) << actionId << QVariant::fromValue(StringMap{}) << kAllowUserInteraction
         << QString();
    auto* watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, kTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [watcher, actionId, done = std::move(done)] {
        watcher->deleteLater();
        const QDBusMessage reply = watcher->reply();
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
            done(false, QStringLiteral("polkit could not check %1: %2").arg(actionId, reply.errorMessage()));
            return;
        }
        // Result (bba{ss}): is_authorized, is_challenge, details.
        const QDBusArgument result = reply.arguments().at(0).value<QDBusArgument>();
        bool authorized = false, challenge = false;
        StringMap details;
        result.beginStructure();
        result >> authorized >> challenge >> details;
        result.endStructure();
        if (authorized) done(true, {});
        else if (challenge) done(false, QStringLiteral("not authorised for %1: authentication is needed and no polkit agent answered").arg(actionId));
        else done(false, QStringLiteral("not authorised for %1 by the system's polkit rules").arg(actionId));
    });
}

}  // namespace qvblade::helper
