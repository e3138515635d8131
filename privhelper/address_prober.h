// SPDX-License-Identifier: GPL-2.0-or-later
// Address probes (core/address_probe.h) off the helper's main thread: a probe waits a few
// hundred milliseconds for answers, and the helper keeps serving its other clients meanwhile.
// At most kMaxRunning run at once, whoever asks: every probe sends broadcast frames, and an
// unprivileged client may ask for them (probe-address).
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>
#include <vector>

#include "core/address_probe.h"

namespace qvblade::helper {

class AddressProber {
public:
    static constexpr int kMaxRunning = 4;
    using Result = std::optional<std::vector<AddressPeer>>;   // nullopt: failed, with the sentence

    explicit AddressProber(QObject* receiver);   // `done` runs on the receiver's thread
    ~AddressProber();                            // waits for running probes; their results are dropped

    // Starts a probe; with `limited`, false (and nothing runs) when kMaxRunning limited ones are
    // running already. Unlimited ones (an authorised add-export's) wait for a free thread instead.
    bool probe(std::vector<AddressProbeRequest> requests, bool limited, std::function<void(Result, QString error)> done);
    // Every target answering a broadcast Query Config on `interface` (core/address_probe.h,
    // scanInterface); limited as a limited probe, and counted with them.
    bool scan(std::string interface, std::function<void(Result, QString error)> done);

private:
    bool start(bool limited, std::function<Result(std::string& error)> work, std::function<void(Result, QString error)> done);

    QObject* receiver_;
    QThreadPool pool_;
    int running_ = 0;   // limited probes, counted on the receiver's thread
};

}  // namespace qvblade::helper
