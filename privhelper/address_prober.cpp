// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/address_prober.h"

#include <QMetaObject>
#include <QPointer>

#include <memory>

namespace qvblade::helper {

AddressProber::AddressProber(QObject* receiver) : receiver_(receiver) { pool_.setMaxThreadCount(kMaxRunning); }

AddressProber::~AddressProber() { pool_.waitForDone(); }

bool AddressProber::probe(std::vector<AddressProbeRequest> requests, bool limited,
                          std::function<void(Result, QString)> done) {
    return start(limited, [requests = std::move(requests)](std::string& error) { return probeAddresses(requests, error); },
                 std::move(done));
}

bool AddressProber::scan(std::string interface, std::function<void(Result, QString)> done) {
    return start(true, [interface = std::move(interface)](std::string& error) { return scanInterface(interface, error); },
                 std::move(done));
}

bool AddressProber::start(bool limited, std::function<Result(std::string&)> work, std::function<void(Result, QString)> done) {
    if (limited && running_ >= kMaxRunning) return false;
    if (limited) ++running_;
    QPointer<QObject> receiver = receiver_;
    pool_.start([this, limited, receiver, work = std::move(work), done = std::move(done)]() mutable {
        std::string error;
        auto result = std::make_shared<Result>(work(error));
        const QString why = QString::fromStdString(error);
        if (!receiver) return;
        QMetaObject::invokeMethod(receiver, [this, limited, result, why, done = std::move(done)] {
            if (limited) --running_;
            done(std::move(*result), why);
        }, Qt::QueuedConnection);
    });
    return true;
}

}  // namespace qvblade::helper
