// SPDX-License-Identifier: GPL-2.0-or-later
// The JSON forms of what the engine knows (docs/protocol.md): an export, its counters, a port's
// counters, the receive-buffer advice. Built on the engine thread from its own objects.
#pragma once

#include <QJsonObject>

#include "core/engine.h"

namespace qvblade::helper {

QJsonObject exportCountersJson(const ExportCounters& c);
QJsonObject portCountersJson(const PortCounters& c);
QJsonObject exportJson(const ExportTarget& t, bool paused);
// What initiators changed or did, for an export's details (in exportJson and the counters
// events; the owner's and root's only): maskList and reservations as they are now, configString,
// initiatorsSeen [{mac, firstSeen, lastSeen}] (Unix seconds).
QJsonObject exportDetailsJson(const ExportTarget& t);
QJsonObject rmemJson(const RmemAdvice& a);

}  // namespace qvblade::helper
