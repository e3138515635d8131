// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/frame_decoder.h"

#include <cstdio>

#include "core/aoe_dissector.h"
#include "core/aoe_wire.h"
#include "core/ata.h"

namespace qvblade::helper {

using namespace aoe;

namespace {

std::string hex8(unsigned v) {
    char b[8];
    std::snprintf(b, sizeof b, "0x%02x", v & 0xFF);
    return b;
}

std::string ataDetail(const uint8_t* f, size_t captured, bool response) {
    if (captured < off::kAtaData) return "truncated";
    if (response) {
        std::string d = "status " + hex8(f[off::kAtaCmdStatus]);
        if (f[off::kAtaCmdStatus] & ata::kStatusErr) d += " error " + hex8(f[off::kAtaErrFeature]);
        return d;
    }
    const uint8_t cmd = f[off::kAtaCmdStatus];
    const char* name = ataCommandName(cmd);
    std::string d = name ? name : "ATA command " + hex8(cmd);
    uint64_t lba = getLe48(f + off::kAtaLba);
    if (!(f[off::kAtaFlags] & kAtaExtended)) lba &= ata::kMaxLba28;
    const unsigned count = f[off::kAtaSectors];
    if (cmd == ata::kReadSectors || cmd == ata::kReadSectorsExt || cmd == ata::kWriteSectors || cmd == ata::kWriteSectorsExt)
        d += " lba " + std::to_string(lba) + " count " + std::to_string(count);
    return d;
}

}  // namespace

FrameSummary summarizeFrame(const uint8_t* f, size_t captured, size_t length) {
    FrameSummary s;
    s.length = length;
    if (captured < off::kArg || getBe16(f + off::kType) != kEtherType) return s;
    const HeaderView h{f};
    s.aoe = true;
    s.source = h.source().toString();
    s.destination = h.destination().toString();
    s.shelf = h.shelf();
    s.slot = h.slot();
    s.response = h.isResponse();
    s.error = (h.flags() & kFlagError) ? f[off::kError] : 0;
    s.tag = h.tag();
    switch (Command(h.command())) {
    case Command::Ata:
        s.command = "ata";
        s.detail = ataDetail(f, captured, s.response);
        break;
    case Command::QueryConfig: {
        s.command = "query-config";
        if (captured >= off::kCfgData) {
            static const char* const kSub[] = {"read", "test exact", "test prefix", "set", "force set"};
            const unsigned sub = f[off::kCfgVerCmd] & 0x0F;
            s.detail = (sub < 5 ? kSub[sub] : "sub-command " + std::to_string(sub)) + std::string(", string of ") +
                       std::to_string(getBe16(f + off::kCfgLength)) + " bytes";
            if (s.response) s.detail += ", buffer count " + std::to_string(getBe16(f + off::kCfgBufCount));
        }
        break;
    }
    case Command::MacMask:
        s.command = "mac-mask";
        if (captured >= kMinMaskRequest)
            s.detail = std::string(f[off::kMaskCmd] == 0 ? "read" : "edit") + ", " + std::to_string(f[off::kMaskCount]) + " entries";
        break;
    case Command::ReserveRelease:
        s.command = "reserve-release";
        if (captured >= kMinReserveRequest)
            s.detail = std::string(f[off::kResCmd] == 0 ? "read" : "set") + ", " + std::to_string(f[off::kResCount]) + " MACs";
        break;
    default:
        s.command = "command " + std::to_string(h.command());
    }
    if (s.error) s.detail += std::string(s.detail.empty() ? "" : ", ") + "AoE error: " + errorName(Error(s.error));
    return s;
}

}  // namespace qvblade::helper
