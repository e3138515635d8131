// SPDX-License-Identifier: GPL-2.0-or-later
// Desktop notifications (issue #24): an initiator attached or left, drops started, errors
// answered, the helper stopped. Each kind can be turned off (QSettings "notifications/KIND"),
// and each is rate-limited per export and initiator, so a flapping initiator does not spam.
// The tray shows them (QSystemTrayIcon::showMessage); the notifier only decides.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>

#include "gui/exportbackend.h"

namespace qvblade::gui {

class Notifier : public QObject {
    Q_OBJECT
public:
    enum class Kind { InitiatorAttached, InitiatorLeft, Drops, Errors, HelperStopped };
    static constexpr Kind kKinds[] = {Kind::InitiatorAttached, Kind::InitiatorLeft, Kind::Drops, Kind::Errors, Kind::HelperStopped};
    // The same export and initiator (or export and kind) is notified at most once in this time.
    static constexpr qint64 kQuietMsecs = 60'000;
    // An initiator not heard from for this long has left.
    static constexpr qint64 kLeftAfterSecs = 30;

    using Show = std::function<void(const QString& title, const QString& text, bool warning)>;
    Notifier(ExportBackend* backend, Show show, QObject* parent = nullptr);

    static QString settingsKey(Kind kind);
    static QString kindText(Kind kind);   // for the menu: "Initiator attached"
    bool isEnabled(Kind kind) const;
    void setEnabled(Kind kind, bool on);  // persisted

    // Tests: the clocks the notifier reads (monotonic ms for the rate limit, Unix s for "left").
    void setClocks(std::function<qint64()> monotonicMsecs, std::function<qint64()> unixSecs) {
        monotonic_ = std::move(monotonicMsecs);
        unix_ = std::move(unixSecs);
    }

private:
    void onCounters(const QList<CounterSample>& samples);
    void onState(HelperState state);
    void notify(Kind kind, const QString& rateKey, const QString& title, const QString& text, bool warning = false);

    ExportBackend* backend_;
    Show show_;
    std::function<qint64()> monotonic_, unix_;
    QElapsedTimer clock_;
    struct Seen {
        bool baseline = false;      // the first sample only sets what was there already
        quint64 drops = 0, errors = 0;
        QSet<QString> present;      // initiators heard from within kLeftAfterSecs
    };
    QHash<quint32, Seen> seen_;
    QHash<QString, qint64> lastShown_;   // rate key -> monotonic ms
    HelperState lastState_ = HelperState::NotRunning;
};

}  // namespace qvblade::gui
