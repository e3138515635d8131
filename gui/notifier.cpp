// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/notifier.h"

#include <QDateTime>
#include <QLocale>
#include <QSettings>

#include <algorithm>
#include <climits>

namespace qvblade::gui {

Notifier::Notifier(ExportBackend* backend, Show show, QObject* parent)
    : QObject(parent), backend_(backend), show_(std::move(show)) {
    clock_.start();
    monotonic_ = [this] { return clock_.elapsed(); };
    unix_ = [] { return QDateTime::currentSecsSinceEpoch(); };
    lastState_ = backend_->state();
    connect(backend_, &ExportBackend::countersUpdated, this, &Notifier::onCounters);
    connect(backend_, &ExportBackend::stateChanged, this, &Notifier::onState);
}

QString Notifier::settingsKey(Kind kind) {
    switch (kind) {
    case Kind::InitiatorAttached: return QStringLiteral("notifications/initiatorAttached");
    case Kind::InitiatorLeft: return QStringLiteral("notifications/initiatorLeft");
    case Kind::Drops: return QStringLiteral("notifications/drops");
    case Kind::Errors: return QStringLiteral("notifications/errors");
    case Kind::HelperStopped: return QStringLiteral("notifications/helperStopped");
    }
    return {};
}

QString Notifier::kindText(Kind kind) {
    switch (kind) {
    case Kind::InitiatorAttached: return tr("An initiator &attached");
    case Kind::InitiatorLeft: return tr("An initiator &left");
    case Kind::Drops: return tr("Frames &dropped");
    case Kind::Errors: return tr("&Errors answered");
    case Kind::HelperStopped: return tr("The helper &stopped");
    }
    return {};
}

bool Notifier::isEnabled(Kind kind) const { return QSettings().value(settingsKey(kind), true).toBool(); }

void Notifier::setEnabled(Kind kind, bool on) { QSettings().setValue(settingsKey(kind), on); }

void Notifier::notify(Kind kind, const QString& rateKey, const QString& title, const QString& text, bool warning) {
    if (!isEnabled(kind)) return;
    const qint64 now = monotonic_();
    const auto last = lastShown_.constFind(rateKey);
    if (last != lastShown_.constEnd() && now - *last < kQuietMsecs) return;
    lastShown_.insert(rateKey, now);
    show_(title, text, warning);
}

void Notifier::onCounters(const QList<CounterSample>& samples) {
    const qint64 nowSecs = unix_();
    for (const CounterSample& s : samples) {
        const QString name = exportName(s.shelf, s.slot);
        Seen& seen = seen_[exportKey(s.shelf, s.slot)];
        QSet<QString> present;
        for (const InitiatorSeen& i : s.details.initiatorsSeen)
            if (i.lastSeen <= 0 || nowSecs - i.lastSeen < kLeftAfterSecs) present.insert(i.mac);
        if (!s.details.known)   // an older helper, or another user's export: the recent MACs only
            for (const QString& mac : s.initiators) present.insert(mac);
        if (seen.baseline) {
            for (const QString& mac : present)
                if (!seen.present.contains(mac))
                    // Attached and left share one rate key: an initiator that comes and goes shows once a minute.
                    notify(Kind::InitiatorAttached, name + QLatin1Char(' ') + mac, tr("Initiator attached"),
                           tr("%1 is using %2.").arg(mac, name));
            for (const QString& mac : seen.present)
                if (!present.contains(mac))
                    notify(Kind::InitiatorLeft, name + QLatin1Char(' ') + mac, tr("Initiator left"),
                           tr("%1 has not used %2 for %n second(s).", "", int(kLeftAfterSecs)).arg(mac, name));
            if (s.drops > seen.drops && seen.drops == 0)
                notify(Kind::Drops, name + QStringLiteral(" drops"), tr("Frames dropped"),
                       tr("%1 dropped requests: all its buffers were busy. Initiators retransmit, but more buffers (-b) help.").arg(name), true);
            else if (s.drops > seen.drops)
                notify(Kind::Drops, name + QStringLiteral(" drops"), tr("Frames dropped"),
                       tr("%1 dropped %n more request(s).", "", int(std::min<quint64>(s.drops - seen.drops, INT_MAX))).arg(name), true);
            if (s.errors > seen.errors)
                notify(Kind::Errors, name + QStringLiteral(" errors"), tr("Errors answered"),
                       tr("%1 answered %n request(s) with an error.", "", int(std::min<quint64>(s.errors - seen.errors, INT_MAX))).arg(name),
                       true);
        }
        seen.baseline = true;
        seen.present = present;
        seen.drops = s.drops;
        seen.errors = s.errors;
    }
}

void Notifier::onState(HelperState state) {
    const bool wasRunning = lastState_ == HelperState::Running;
    lastState_ = state;
    if (state == HelperState::Died && wasRunning) {
        seen_.clear();   // the next helper's counters start anew
        notify(Kind::HelperStopped, QStringLiteral("helper"), tr("The helper stopped"),
               tr("qvblade's helper ended: nothing is served until it is started again."), true);
    }
}

}  // namespace qvblade::gui
