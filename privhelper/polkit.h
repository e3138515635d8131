// SPDX-License-Identifier: GPL-2.0-or-later
// Asks polkitd (org.freedesktop.PolicyKit1.Authority.CheckAuthorization on the system bus)
// whether a peer may perform an action. Asynchronous: other clients are served meanwhile.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

#include "privhelper/peer.h"

namespace qvblade::helper {

class PolkitAuthority : public QObject {
    Q_OBJECT
public:
    using Result = std::function<void(bool authorized, const QString& why)>;
    explicit PolkitAuthority(QObject* parent = nullptr);

    // The subject is "unix-process" with the peer's pid, start time and uid. polkit may ask the
    // user's authentication agent (AllowUserInteraction), so the answer can take a while.
    // `done` runs on this object's thread; `why` is a sentence when not authorised.
    void check(const PeerCredentials& peer, const QString& actionId, Result done);
};

}  // namespace qvblade::helper
