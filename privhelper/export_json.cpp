// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/export_json.h"

#include <QJsonArray>

#include "privhelper/server_internal.h"

namespace qvblade::helper {

QJsonObject exportCountersJson(const ExportCounters& c) {
    QJsonArray aoeErrors;
    for (const auto& e : c.aoeErrors) aoeErrors << qint64(read(e));
    return {{"framesIn", qint64(read(c.framesIn))},     {"framesOut", qint64(read(c.framesOut))},
            {"bytesIn", qint64(read(c.bytesIn))},       {"bytesOut", qint64(read(c.bytesOut))},
            {"ataReads", qint64(read(c.ataReads))},     {"ataWrites", qint64(read(c.ataWrites))},
            {"sectorsRead", qint64(read(c.sectorsRead))}, {"sectorsWritten", qint64(read(c.sectorsWritten))},
            {"flushes", qint64(read(c.flushes))},       {"ataErrors", qint64(read(c.ataErrors))},
            {"ioErrors", qint64(read(c.ioErrors))},     {"busyDrops", qint64(read(c.busyDrops))},
            {"maskRefused", qint64(read(c.maskRefused))}, {"mergedWrites", qint64(read(c.mergedWrites))},
            {"mappedReads", qint64(read(c.mappedReads))}, {"addressConflicts", qint64(read(c.addressConflicts))},
            {"aoeErrors", aoeErrors}};
}

QJsonObject portCountersJson(const PortCounters& c) {
    return {{"framesIn", qint64(read(c.framesIn))},   {"framesOut", qint64(read(c.framesOut))},
            {"bytesIn", qint64(read(c.bytesIn))},     {"bytesOut", qint64(read(c.bytesOut))},
            {"ignored", qint64(read(c.ignored))},     {"malformed", qint64(read(c.malformed))},
            {"sendErrors", qint64(read(c.sendErrors))}, {"kernelDrops", qint64(read(c.kernelDrops))},
            {"interfaceDrops", qint64(read(c.interfaceDrops))}};
}

QJsonObject exportDetailsJson(const ExportTarget& t) {
    QJsonArray masks, reservations, seen;
    for (const auto& m : t.masks().entries()) masks << q(m.toString());
    for (const auto& m : t.reservations().entries()) reservations << q(m.toString());
    for (const auto& i : t.counters().initiatorsSeen())
        seen << QJsonObject{{"mac", q(i.mac.toString())}, {"firstSeen", qint64(i.firstSeen)}, {"lastSeen", qint64(i.lastSeen)}};
    return {{"maskList", masks}, {"reservations", reservations}, {"initiatorsSeen", seen},
            {"configString", q(std::string(t.configString()))}};
}

QJsonObject exportJson(const ExportTarget& t, bool paused) {
    const ExportSettings& s = t.settings();
    QJsonArray interfaces, macs, initiators;
    for (const auto& i : s.interfaces) interfaces << q(i);
    for (const auto& m : s.allowedMacs) macs << q(m.toString());
    for (const auto& m : t.counters().recentInitiators()) initiators << q(m.toString());
    QJsonObject o{{"name", q(t.name())},
            {"shelf", int(s.shelf)},
            {"slot", int(s.slot)},
            {"interfaces", interfaces},
            {"path", q(s.path)},
            {"readOnly", s.store.readOnly},
            {"direct", s.store.direct},
            {"durable", s.store.durable},
            {"sync", s.store.durable},   // the older name, for older clients
            {"offset", qint64(s.store.offsetSectors)},
            {"length", qint64(s.store.lengthSectors)},
            {"sectors", qint64(t.store().sectors())},
            {"blockDevice", t.store().isBlockDevice()},
            {"bufferCount", int(s.bufferCount)},
            {"configString", q(std::string(t.configString()))},
            {"macs", macs},
            {"initiators", initiators},
            {"allowSharedAddress", s.allowSharedAddress},
            {"writable", t.store().canWrite()},
            {"paused", paused}};
    const QJsonObject details = exportDetailsJson(t);
    for (auto it = details.begin(); it != details.end(); ++it) o.insert(it.key(), it.value());
    return o;
}

QJsonObject rmemJson(const RmemAdvice& a) {
    QJsonArray fix;
    for (const auto& f : a.fixCommands) fix << q(f);
    return {{"interface", q(a.interface)},        {"mtu", qint64(a.mtu)},
            {"frames", qint64(a.frames)},         {"requiredBytes", qint64(a.requiredBytes)},
            {"grantedBytes", qint64(a.grantedBytes)}, {"sufficient", a.sufficient()},
            {"fixCommands", fix}};
}

}  // namespace qvblade::helper
