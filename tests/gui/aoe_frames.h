// SPDX-License-Identifier: GPL-2.0-or-later
// Real AoE frames (built with core/aoe_wire, as an initiator and this target lay them out) as the
// teaching view gets them from the helper: a FrameSummary with the frame's first 128 bytes.
#pragma once

#include <cstring>
#include <vector>

#include "core/aoe_dissector.h"
#include "core/aoe_wire.h"
#include "core/ata.h"
#include "gui/exportbackend.h"

namespace qvblade::test {

inline const aoe::MacAddress kGuiInitiator = *aoe::MacAddress::parse("52:54:00:12:34:56");
inline const aoe::MacAddress kGuiTarget = *aoe::MacAddress::parse("52:54:00:3a:10:01");

// `wireLength` 0: the frame's own size (at least the Ethernet minimum).
inline gui::FrameSummary summaryOf(std::vector<uint8_t> frame, bool outgoing, qint64 usecs, size_t wireLength = 0) {
    // Padded to the Ethernet minimum, as it goes on the wire (unless a test gives the length).
    if (!wireLength && frame.size() < aoe::kMinFrame) frame.resize(aoe::kMinFrame, 0);
    gui::FrameSummary f;
    f.usecs = usecs;
    f.outgoing = outgoing;
    f.interface = QStringLiteral("enp3s0");
    f.length = int(wireLength ? wireLength : std::max(frame.size(), aoe::kMinFrame));
    f.head = QByteArray(reinterpret_cast<const char*>(frame.data()), qsizetype(std::min<size_t>(frame.size(), 128)));
    const aoe::Dissection d = aoe::dissect(frame.data(), std::min<size_t>(frame.size(), 128), size_t(f.length));
    f.aoe = d.aoe;
    f.detail = QString::fromStdString(d.summary);
    if (!d.aoe) return f;
    const aoe::HeaderView h{frame.data()};
    f.source = QString::fromStdString(h.source().toString());
    f.destination = QString::fromStdString(h.destination().toString());
    f.shelf = h.shelf();
    f.slot = h.slot();
    f.response = h.isResponse();
    f.error = (h.flags() & aoe::kFlagError) ? frame[aoe::off::kError] : 0;
    static const char* const kCommands[] = {"ata", "query-config", "mac-mask", "reserve-release"};
    f.command = h.command() < 4 ? QString::fromLatin1(kCommands[h.command()]) : QStringLiteral("command %1").arg(h.command());
    f.tag = h.tag();
    return f;
}

inline std::vector<uint8_t> ataFrame(uint32_t tag, uint8_t command, uint64_t lba, uint8_t sectors, size_t dataBytes = 0,
                                     uint16_t shelf = 9, uint8_t slot = 0) {
    std::vector<uint8_t> f(aoe::off::kAtaData + dataBytes, 0);
    aoe::writeHeader(f.data(), kGuiTarget, kGuiInitiator, 0, aoe::Error::None, shelf, slot, aoe::Command::Ata, tag);
    f[aoe::off::kAtaFlags] = uint8_t(aoe::kAtaExtended | (dataBytes ? aoe::kAtaWrite : 0));
    f[aoe::off::kAtaSectors] = sectors;
    f[aoe::off::kAtaCmdStatus] = command;
    aoe::putLe48(f.data() + aoe::off::kAtaLba, lba);
    for (size_t i = 0; i < dataBytes; ++i) f[aoe::off::kAtaData + i] = uint8_t(i * 7 + 1);
    return f;
}

// The target's reply to `request`: status (DRDY, or DRDY|ERR with `error` bits), `dataBytes` read.
inline std::vector<uint8_t> ataReply(std::vector<uint8_t> request, uint8_t status = ata::kStatusDrdy, uint8_t error = 0,
                                     size_t dataBytes = 0) {
    request.resize(aoe::off::kAtaData + dataBytes, 0x5a);
    aoe::makeResponseHeader(request.data(), kGuiTarget, aoe::getBe16(request.data() + aoe::off::kShelf),
                            request[aoe::off::kSlot]);
    request[aoe::off::kAtaCmdStatus] = status;
    request[aoe::off::kAtaErrFeature] = error;
    request[aoe::off::kAtaSectors] = 0;
    return request;
}

inline std::vector<uint8_t> configFrame(uint32_t tag, bool reply, const std::string& config = {}, uint16_t shelf = 9, uint8_t slot = 0) {
    std::vector<uint8_t> f(aoe::off::kCfgData, 0);
    aoe::writeHeader(f.data(), reply ? kGuiInitiator : aoe::MacAddress::broadcast(), reply ? kGuiTarget : kGuiInitiator,
                     reply ? aoe::kFlagResponse : 0, aoe::Error::None, reply ? shelf : aoe::kShelfBroadcast,
                     reply ? slot : aoe::kSlotBroadcast, aoe::Command::QueryConfig, tag);
    f[aoe::off::kCfgVerCmd] = 0x10;
    if (reply) {
        aoe::putBe16(f.data() + aoe::off::kCfgBufCount, 16);
        aoe::putBe16(f.data() + aoe::off::kCfgFirmware, 0x4019);
        f[aoe::off::kCfgSectors] = 17;
        aoe::putBe16(f.data() + aoe::off::kCfgLength, uint16_t(config.size()));
        f.insert(f.end(), config.begin(), config.end());
    }
    return f;
}

}  // namespace qvblade::test
