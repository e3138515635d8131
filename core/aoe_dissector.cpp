// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/aoe_dissector.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/aoe_wire.h"
#include "core/ata.h"

namespace qvblade::aoe {

namespace {

std::string hex(uint64_t v, int digits) {
    char b[24];
    std::snprintf(b, sizeof b, "0x%0*llx", digits, static_cast<unsigned long long>(v));
    return b;
}

std::string macText(const uint8_t* p) { return MacAddress::fromBytes(p).toString(); }

// Adds fields while tracking how far the frame and the capture reach.
class Builder {
public:
    Builder(const uint8_t* f, size_t captured, size_t wire, Dissection& d) : f_(f), captured_(captured), wire_(wire), d_(d) {}

    // True when [offset, offset+length) can be read; otherwise adds the field marked and
    // returns false (the caller stops decoding that layer).
    bool have(DissectedField& parent, const std::string& name, size_t offset, size_t length) {
        if (offset + length <= captured_) return true;
        DissectedField cut{name, {}, offset, 0, true, {}};
        if (offset + length > wire_) {
            cut.value = "truncated (the frame ends at byte " + std::to_string(wire_) + ")";
            d_.truncated = true;
        } else {
            cut.value = "not captured (only the first " + std::to_string(captured_) + " bytes were sent)";
            d_.partial = true;
        }
        cut.length = offset < captured_ ? captured_ - offset : 0;
        parent.children.push_back(std::move(cut));
        return false;
    }
    DissectedField& add(DissectedField& parent, std::string name, std::string value, size_t offset, size_t length) {
        parent.children.push_back({std::move(name), std::move(value), offset, length, false, {}});
        return parent.children.back();
    }
    const uint8_t* f_;
    size_t captured_, wire_;
    Dissection& d_;
};

void bit(DissectedField& parent, const char* name, bool set, const char* meaning, size_t offset) {
    parent.children.push_back({name, set ? std::string("1: ") + meaning : std::string("0"), offset, 1, false, {}});
}

struct NamedBit {
    uint8_t mask;
    const char* name;
    const char* meaning;
};
// The ATA status register's bits a target sets, and the error bits this target reports.
constexpr NamedBit kStatusBits[] = {{ata::kStatusBsy, "BSY", "busy"},
                                    {ata::kStatusDrdy, "DRDY", "device ready"},
                                    {ata::kStatusDf, "DF", "device fault"},
                                    {ata::kStatusDrq, "DRQ", "data request"},
                                    {ata::kStatusErr, "ERR", "error (see the error register)"}};
constexpr NamedBit kErrorBits[] = {{ata::kErrUnc, "UNC", "uncorrectable data error"},
                                   {ata::kErrIdnf, "IDNF", "sector ID not found"},
                                   {ata::kErrAbrt, "ABRT", "command aborted"}};

const char* configCommandName(unsigned c) {
    switch (c) {
    case 0: return "read config string";
    case 1: return "test config string (exact match)";
    case 2: return "test config string (prefix match)";
    case 3: return "set config string";
    case 4: return "force set config string";
    default: return nullptr;
    }
}

std::string named(unsigned v, const char* name, int digits = 2) {
    return name ? std::string(name) + " (" + hex(v, digits) + ")" : "unknown (" + hex(v, digits) + ")";
}

void dissectAta(Builder& b, DissectedField& arg, bool response, std::string& summary) {
    const uint8_t* f = b.f_;
    if (!b.have(arg, "AFlags", off::kAtaFlags, 1)) return;
    const uint8_t af = f[off::kAtaFlags];
    std::string names;
    for (auto [mask, n] : {std::pair{kAtaExtended, "E"}, {kAtaDevice, "D"}, {kAtaAsync, "A"}, {kAtaWrite, "W"}})
        if (af & mask) names += std::string(names.empty() ? "" : " ") + n;
    auto& flags = b.add(arg, "AFlags", hex(af, 2) + (names.empty() ? "" : " (" + names + ")"), off::kAtaFlags, 1);
    bit(flags, "E", af & kAtaExtended, "extended LBA48 command", off::kAtaFlags);
    bit(flags, "D", af & kAtaDevice, "device/head register flag", off::kAtaFlags);
    bit(flags, "A", af & kAtaAsync, "asynchronous write", off::kAtaFlags);
    bit(flags, "W", af & kAtaWrite, "write to the device", off::kAtaFlags);

    if (!b.have(arg, "Err/Feature", off::kAtaErrFeature, 1)) return;
    const uint8_t ef = f[off::kAtaErrFeature];
    b.add(arg, "Err/Feature", hex(ef, 2), off::kAtaErrFeature, 1);
    const size_t errIndex = arg.children.size() - 1;   // (an index: later fields move the vector)
    if (!b.have(arg, "Sector Count", off::kAtaSectors, 1)) return;
    b.add(arg, "Sector Count", std::to_string(f[off::kAtaSectors]), off::kAtaSectors, 1);
    if (!b.have(arg, "Cmd/Status", off::kAtaCmdStatus, 1)) return;
    const uint8_t cs = f[off::kAtaCmdStatus];
    if (response) {
        auto& st = b.add(arg, "Cmd/Status", hex(cs, 2) + " (" + ataStatusBits(cs) + ")", off::kAtaCmdStatus, 1);
        for (const NamedBit& nb : kStatusBits) bit(st, nb.name, cs & nb.mask, nb.meaning, off::kAtaCmdStatus);
        if (cs & ata::kStatusErr) {
            DissectedField& err = arg.children[errIndex];
            err.value += " (" + ataErrorBits(ef) + ")";
            for (const NamedBit& nb : kErrorBits) bit(err, nb.name, ef & nb.mask, nb.meaning, off::kAtaErrFeature);
        }
        summary += std::string(": ") + ataStatusBits(cs);
        if (cs & ata::kStatusErr) summary += " " + ataErrorBits(ef);
    } else {
        b.add(arg, "Cmd/Status", named(cs, ataCommandName(cs)), off::kAtaCmdStatus, 1);
        summary += std::string(" ") + (ataCommandName(cs) ? ataCommandName(cs) : "ATA " + hex(cs, 2));
    }
    static const char* const kLba[] = {"lba0", "lba1", "lba2", "lba3", "lba4", "lba5"};
    for (size_t i = 0; i < 6; ++i) {
        if (!b.have(arg, kLba[i], off::kAtaLba + i, 1)) return;
        b.add(arg, kLba[i], hex(f[off::kAtaLba + i], 2), off::kAtaLba + i, 1);
    }
    uint64_t lba = getLe48(f + off::kAtaLba);
    const bool extended = af & kAtaExtended;
    if (!extended) lba &= ata::kMaxLba28;
    b.add(arg, "LBA", std::to_string(lba) + (extended ? " (48-bit)" : " (28-bit: lba3's high nibble is the device register)"),
          off::kAtaLba, 6);
    if (!response && (cs == ata::kReadSectors || cs == ata::kReadSectorsExt || cs == ata::kWriteSectors || cs == ata::kWriteSectorsExt))
        summary += " LBA " + std::to_string(lba) + " count " + std::to_string(f[off::kAtaSectors]);
    if (!b.have(arg, "Reserved", off::kAtaLba + 6, 2)) return;
    b.add(arg, "Reserved", hex(getBe16(f + off::kAtaLba + 6), 4), off::kAtaLba + 6, 2);
    const size_t data = b.wire_ > off::kAtaData ? b.wire_ - off::kAtaData : 0;
    if (data > 0) {
        std::string v = std::to_string(data) + " bytes";
        if (data % ata::kSectorSize == 0) v += " (" + std::to_string(data / ata::kSectorSize) + (data == ata::kSectorSize ? " sector)" : " sectors)");
        else if (b.wire_ == kMinFrame) v += " (padding to the Ethernet minimum)";
        if (b.captured_ < b.wire_) {
            v += ", the first " + std::to_string(b.captured_ - off::kAtaData) + " captured";
            b.d_.partial = true;
        }
        b.add(arg, "Data", v, off::kAtaData, b.captured_ - off::kAtaData);
    }
}

void dissectConfig(Builder& b, DissectedField& arg, bool response, std::string& summary) {
    const uint8_t* f = b.f_;
    if (!b.have(arg, "Buffer Count", off::kCfgBufCount, 2)) return;
    b.add(arg, "Buffer Count", std::to_string(getBe16(f + off::kCfgBufCount)), off::kCfgBufCount, 2);
    if (!b.have(arg, "Firmware Version", off::kCfgFirmware, 2)) return;
    b.add(arg, "Firmware Version", hex(getBe16(f + off::kCfgFirmware), 4), off::kCfgFirmware, 2);
    if (!b.have(arg, "Sector Count", off::kCfgSectors, 1)) return;
    b.add(arg, "Sector Count", std::to_string(f[off::kCfgSectors]) + " sectors per frame", off::kCfgSectors, 1);
    if (!b.have(arg, "AoE Ver", off::kCfgVerCmd, 1)) return;
    const uint8_t vc = f[off::kCfgVerCmd];
    b.add(arg, "AoE Ver", std::to_string(vc >> 4), off::kCfgVerCmd, 1);
    b.add(arg, "CCmd", named(vc & 0x0F, configCommandName(vc & 0x0F), 1), off::kCfgVerCmd, 1);
    summary += std::string(" ") + (configCommandName(vc & 0x0F) ? configCommandName(vc & 0x0F) : "CCmd " + std::to_string(vc & 0x0F));
    if (!b.have(arg, "Config String Length", off::kCfgLength, 2)) return;
    const uint16_t length = getBe16(f + off::kCfgLength);
    b.add(arg, "Config String Length", std::to_string(length) + " bytes", off::kCfgLength, 2);
    if (length == 0) return;
    if (length > kMaxConfigString) {
        b.add(arg, "Config String", "malformed: longer than the spec's 1024 bytes", off::kCfgData, 0);
        b.d_.truncated = true;
        return;
    }
    const size_t avail = b.captured_ > off::kCfgData ? std::min<size_t>(length, b.captured_ - off::kCfgData) : 0;
    std::string text;
    for (size_t i = 0; i < avail; ++i) {
        const uint8_t c = f[off::kCfgData + i];
        text += (c >= 0x20 && c < 0x7F) ? char(c) : '.';
    }
    auto& s = b.add(arg, "Config String", "\"" + text + "\"", off::kCfgData, avail);
    if (avail < length) {
        s.truncated = true;
        if (off::kCfgData + length > b.wire_) {
            s.value += " truncated (the frame ends at byte " + std::to_string(b.wire_) + ")";
            b.d_.truncated = true;
        } else {
            s.value += " … (" + std::to_string(length - avail) + " bytes not captured)";
            b.d_.partial = true;
        }
    }
    (void)response;
}

void dissectMask(Builder& b, DissectedField& arg, std::string& summary) {
    const uint8_t* f = b.f_;
    if (!b.have(arg, "Reserved", off::kArg, 1)) return;
    b.add(arg, "Reserved", hex(f[off::kArg], 2), off::kArg, 1);
    if (!b.have(arg, "MCmd", off::kMaskCmd, 1)) return;
    const uint8_t mc = f[off::kMaskCmd];
    b.add(arg, "MCmd", named(mc, mc == 0 ? "Read" : mc == 1 ? "Edit" : nullptr), off::kMaskCmd, 1);
    summary += mc == 0 ? " Read" : mc == 1 ? " Edit" : " MCmd " + std::to_string(mc);
    if (!b.have(arg, "MError", off::kMaskError, 1)) return;
    const uint8_t me = f[off::kMaskError];
    static const char* const kErr[] = {"no error", "Unspecified error", "Bad DCmd directive", "Mask list full"};
    b.add(arg, "MError", named(me, me < 4 ? kErr[me] : nullptr), off::kMaskError, 1);
    if (!b.have(arg, "Dir Count", off::kMaskCount, 1)) return;
    const uint8_t count = f[off::kMaskCount];
    b.add(arg, "Dir Count", std::to_string(count), off::kMaskCount, 1);
    static const char* const kDcmd[] = {"No directive", "Add mac address to mask list", "Delete mac address from mask list"};
    for (unsigned i = 0; i < count; ++i) {
        const size_t at = off::kMaskDirectives + i * kMaskDirectiveSize;
        const std::string name = "Directive " + std::to_string(i + 1);
        if (!b.have(arg, name, at, kMaskDirectiveSize)) return;
        auto& d = b.add(arg, name, {}, at, kMaskDirectiveSize);
        const uint8_t dc = f[at + 1];
        b.add(d, "Reserved", hex(f[at], 2), at, 1);
        b.add(d, "DCmd", named(dc, dc < 3 ? kDcmd[dc] : nullptr), at + 1, 1);
        b.add(d, "Ethernet Address", macText(f + at + 2), at + 2, 6);
        d.value = std::string(dc < 3 ? kDcmd[dc] : "unknown") + " " + macText(f + at + 2);
    }
}

void dissectReserve(Builder& b, DissectedField& arg, std::string& summary) {
    const uint8_t* f = b.f_;
    if (!b.have(arg, "RCmd", off::kResCmd, 1)) return;
    const uint8_t rc = f[off::kResCmd];
    static const char* const kCmd[] = {"Read reserve list", "Set reserve list", "Force set reserve list"};
    b.add(arg, "RCmd", named(rc, rc < 3 ? kCmd[rc] : nullptr), off::kResCmd, 1);
    summary += std::string(" ") + (rc < 3 ? kCmd[rc] : "RCmd " + std::to_string(rc));
    if (!b.have(arg, "NMacs", off::kResCount, 1)) return;
    const uint8_t n = f[off::kResCount];
    b.add(arg, "NMacs", std::to_string(n), off::kResCount, 1);
    for (unsigned i = 0; i < n; ++i) {
        const size_t at = off::kResMacs + i * 6;
        const std::string name = "Ethernet Address " + std::to_string(i + 1);
        if (!b.have(arg, name, at, 6)) return;
        b.add(arg, name, macText(f + at), at, 6);
    }
}

}  // namespace

std::string ataStatusBits(uint8_t s) {
    std::string out;
    for (auto [mask, n] : {std::pair{ata::kStatusBsy, "BSY"}, {ata::kStatusDrdy, "DRDY"}, {ata::kStatusDf, "DF"},
                           {ata::kStatusDrq, "DRQ"}, {ata::kStatusErr, "ERR"}})
        if (s & mask) out += std::string(out.empty() ? "" : " ") + n;
    return out.empty() ? "none" : out;
}

std::string ataErrorBits(uint8_t e) {
    std::string out;
    // Bit names of the ATA error register (ATA/ATAPI-8); ICRC, MC, MCR, EOM and AMNF as well,
    // so an initiator's view of another target's reply is named too.
    for (auto [mask, n] : {std::pair{uint8_t(0x80), "ICRC"}, {uint8_t(ata::kErrUnc), "UNC"}, {uint8_t(0x20), "MC"},
                           {uint8_t(ata::kErrIdnf), "IDNF"}, {uint8_t(0x08), "MCR"}, {uint8_t(ata::kErrAbrt), "ABRT"},
                           {uint8_t(0x02), "EOM"}, {uint8_t(0x01), "AMNF"}})
        if (e & mask) out += std::string(out.empty() ? "" : " ") + n;
    return out.empty() ? "none" : out;
}

const char* ataCommandName(uint8_t cmd) {
    switch (cmd) {
    case ata::kReadSectors: return "READ SECTORS";
    case ata::kReadSectorsExt: return "READ SECTORS EXT";
    case ata::kWriteSectors: return "WRITE SECTORS";
    case ata::kWriteSectorsExt: return "WRITE SECTORS EXT";
    case ata::kCheckPowerMode: return "CHECK POWER MODE";
    case ata::kFlushCache: return "FLUSH CACHE";
    case ata::kFlushCacheExt: return "FLUSH CACHE EXT";
    case ata::kIdentifyDevice: return "IDENTIFY DEVICE";
    case 0xEF: return "SET FEATURES";
    case 0xB0: return "SMART";
    default: return nullptr;
    }
}

const char* aoeErrorSpecName(uint8_t code) {
    switch (code) {
    case 1: return "Unrecognized command code";
    case 2: return "Bad argument parameter";
    case 3: return "Device unavailable";
    case 4: return "Config string present";
    case 5: return "Unsupported version";
    case 6: return "Target is reserved";
    default: return nullptr;
    }
}

Dissection dissect(const uint8_t* f, size_t captured, size_t wire) {
    Dissection d;
    if (captured > wire) captured = wire;
    Builder b(f, captured, wire, d);
    DissectedField eth{"Ethernet II", {}, 0, std::min<size_t>(captured, 14), false, {}};
    bool ok = b.have(eth, "Destination", off::kDst, 6);
    if (ok) b.add(eth, "Destination", macText(f + off::kDst) + (MacAddress::fromBytes(f).isBroadcast() ? " (broadcast)" : ""), off::kDst, 6);
    ok = ok && b.have(eth, "Source", off::kSrc, 6);
    if (ok) b.add(eth, "Source", macText(f + off::kSrc), off::kSrc, 6);
    ok = ok && b.have(eth, "Type", off::kType, 2);
    uint16_t type = 0;
    if (ok) {
        type = getBe16(f + off::kType);
        b.add(eth, "Type", type == kEtherType ? "AoE (0x88a2)" : hex(type, 4), off::kType, 2);
        eth.value = macText(f + off::kSrc) + " → " + macText(f + off::kDst);
    }
    d.layers.push_back(std::move(eth));
    if (!ok) {
        d.summary = "truncated Ethernet frame";
        return d;
    }
    if (type != kEtherType) {
        d.summary = "not AoE (EtherType " + hex(type, 4) + ")";
        return d;
    }

    DissectedField aoe{"ATA over Ethernet", {}, off::kVerFlags, 0, false, {}};
    std::string summary;
    bool response = false;
    uint8_t command = 0;
    bool headerOk = false;
    do {
        if (!b.have(aoe, "Ver", off::kVerFlags, 1)) break;
        const HeaderView h{f};
        b.add(aoe, "Ver", std::to_string(h.version()) + (h.version() == kVersion ? "" : " (this target speaks version 1)"), off::kVerFlags, 1);
        response = h.isResponse();
        const bool error = h.flags() & kFlagError;
        std::string names = response ? "R" : "";
        if (error) names += std::string(names.empty() ? "" : " ") + "E";
        auto& flags = b.add(aoe, "Flags", hex(h.flags(), 1) + (names.empty() ? "" : " (" + names + ")"), off::kVerFlags, 1);
        bit(flags, "R", response, "response", off::kVerFlags);
        bit(flags, "E", error, "error", off::kVerFlags);
        bit(flags, "Z", h.flags() & 0x02, "reserved, should be zero", off::kVerFlags);
        bit(flags, "Z", h.flags() & 0x01, "reserved, should be zero", off::kVerFlags);
        if (!b.have(aoe, "Error", off::kError, 1)) break;
        const uint8_t e = f[off::kError];
        b.add(aoe, "Error", e == 0 ? std::string("0 (none)") : std::to_string(e) + " (" + (aoeErrorSpecName(e) ? aoeErrorSpecName(e) : "unknown") + ")",
              off::kError, 1);
        if (!b.have(aoe, "Major", off::kShelf, 2)) break;
        const uint16_t shelf = h.shelf();
        b.add(aoe, "Major", std::to_string(shelf) + (shelf == kShelfBroadcast ? " (shelf, broadcast)" : " (shelf)"), off::kShelf, 2);
        if (!b.have(aoe, "Minor", off::kSlot, 1)) break;
        b.add(aoe, "Minor", std::to_string(h.slot()) + (h.slot() == kSlotBroadcast ? " (slot, broadcast)" : " (slot)"), off::kSlot, 1);
        if (!b.have(aoe, "Command", off::kCommand, 1)) break;
        command = h.command();
        static const char* const kCmd[] = {"Issue ATA Command", "Query Config Information", "Mac Mask List", "Reserve/Release"};
        b.add(aoe, "Command", command < 4 ? std::string(kCmd[command]) + " (" + std::to_string(command) + ")"
                              : command == uint8_t(Command::StorageId) ? "vendor: qvblade storage identity (240)"
                              : command >= 0xF0 ? "vendor-specific (" + std::to_string(command) + ")"
                                                : "unknown (" + std::to_string(command) + ")",
              off::kCommand, 1);
        if (!b.have(aoe, "Tag", off::kTag, 4)) break;
        b.add(aoe, "Tag", hex(h.tag(), 8), off::kTag, 4);
        headerOk = true;
        summary = std::string(response ? "Reply " : "Request ") +
                  (shelf == kShelfBroadcast ? std::string("e*") : "e" + std::to_string(shelf)) + "." +
                  (h.slot() == kSlotBroadcast ? std::string("*") : std::to_string(h.slot()));
        if (error) summary += std::string(" error: ") + (aoeErrorSpecName(e) ? aoeErrorSpecName(e) : std::to_string(e));
        aoe.value = std::string(response ? "response" : "request") + ", tag " + hex(h.tag(), 8);
    } while (false);
    aoe.length = std::min(captured, off::kArg) - off::kVerFlags;
    d.layers.push_back(std::move(aoe));
    d.aoe = headerOk;
    if (!headerOk) {
        d.summary = "truncated AoE header";
        return d;
    }
    static const char* const kArgName[] = {"ATA", "Query Config", "Mac Mask List", "Reserve/Release"};
    if (command < 4) {
        DissectedField arg{kArgName[command], {}, off::kArg, 0, false, {}};
        switch (Command(command)) {
        case Command::Ata: dissectAta(b, arg, response, summary); break;
        case Command::QueryConfig: dissectConfig(b, arg, response, summary); break;
        case Command::MacMask: dissectMask(b, arg, summary); break;
        case Command::ReserveRelease: dissectReserve(b, arg, summary); break;
        case Command::StorageId: break;   // (not below 4)
        }
        arg.length = captured > off::kArg ? captured - off::kArg : 0;
        summary = std::string(kArgName[command]) + " " + summary;
        d.layers.push_back(std::move(arg));
    }
    if (d.truncated) summary += " (truncated)";
    d.summary = summary;
    return d;
}

}  // namespace qvblade::aoe
