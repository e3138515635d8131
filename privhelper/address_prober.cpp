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
    if (limited && running_ >= kMaxRunning) return false;
    if (limited) ++running_;
    QPointer<QObject> receiver = receiver_;
    pool_.start([this, limited, receiver, requests = std::move(requests), done = std::move(done)]() mutable {
        std::string error;
        auto result = std::make_shared<Result>(probeAddresses(requests, error));
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
