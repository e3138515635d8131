// SPDX-License-Identifier: GPL-2.0-or-later
// AoE v1 wire format: offsets, constants and byte-order helpers.
// Everything works on raw frame bytes (Ethernet header included) so the data path never
// copies a frame into a struct; every accessor's caller has checked the length first.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qvblade::aoe {

constexpr uint16_t kEtherType = 0x88A2;
constexpr uint8_t kVersion = 1;
constexpr size_t kMinFrame = 60;        // Ethernet minimum without FCS: replies are padded to it
constexpr uint16_t kShelfBroadcast = 0xFFFF;
constexpr uint8_t kSlotBroadcast = 0xFF;
constexpr uint16_t kMaxShelf = 0xFFFE;
constexpr uint8_t kMaxSlot = 0xFE;

// Offsets from the start of the Ethernet frame.
namespace off {
constexpr size_t kDst = 0, kSrc = 6, kType = 12;
constexpr size_t kVerFlags = 14, kError = 15, kShelf = 16, kSlot = 18, kCommand = 19, kTag = 20;
constexpr size_t kArg = 24;             // end of the common AoE header
// ATA argument
constexpr size_t kAtaFlags = 24, kAtaErrFeature = 25, kAtaSectors = 26, kAtaCmdStatus = 27,
                 kAtaLba = 28, kAtaData = 36;
// Query Config argument
constexpr size_t kCfgBufCount = 24, kCfgFirmware = 26, kCfgSectors = 28, kCfgVerCmd = 29,
                 kCfgLength = 30, kCfgData = 32;
// Mac Mask List argument
constexpr size_t kMaskCmd = 25, kMaskError = 26, kMaskCount = 27, kMaskDirectives = 28;
// Reserve/Release argument
constexpr size_t kResCmd = 24, kResCount = 25, kResMacs = 26;
}  // namespace off

enum Flags : uint8_t { kFlagResponse = 0x08, kFlagError = 0x04 };

// StorageId is qvblade's vendor-specific command (0xF0-0xFF are the vendors', core/storage_identity.h).
enum class Command : uint8_t { Ata = 0, QueryConfig = 1, MacMask = 2, ReserveRelease = 3, StorageId = 0xF0 };

enum class Error : uint8_t {
    None = 0,
    UnrecognizedCommand = 1,
    BadArgument = 2,
    DeviceUnavailable = 3,
    ConfigStringPresent = 4,
    UnsupportedVersion = 5,
    TargetReserved = 6,
};
constexpr size_t kErrorCodeCount = 7;

// ATA argument flag bits (aflags)
enum AtaFlags : uint8_t { kAtaExtended = 0x40, kAtaDevice = 0x10, kAtaAsync = 0x02, kAtaWrite = 0x01 };

// Query Config sub-commands
enum class ConfigCmd : uint8_t { Read = 0, TestExact = 1, TestPrefix = 2, Set = 3, ForceSet = 4 };
constexpr size_t kMaxConfigString = 1024;

// Mac Mask List
enum class MaskCmd : uint8_t { Read = 0, Edit = 1 };
enum class MaskDirective : uint8_t { Nop = 0, Add = 1, Delete = 2 };
enum class MaskError : uint8_t { None = 0, Unspecified = 1, BadDirective = 2, ListFull = 3 };
constexpr size_t kMaskDirectiveSize = 8;

// Reserve/Release
enum class ReserveCmd : uint8_t { Read = 0, Set = 1, ForceSet = 2 };

// Smallest request for each command that carries its whole argument.
constexpr size_t kMinAtaRequest = off::kAtaData;           // 36
constexpr size_t kMinConfigRequest = off::kCfgData;        // 32
constexpr size_t kMinMaskRequest = off::kMaskDirectives;   // 28
constexpr size_t kMinReserveRequest = off::kResMacs;       // 26

inline uint16_t getBe16(const uint8_t* p) { return uint16_t(p[0] << 8 | p[1]); }
inline uint32_t getBe32(const uint8_t* p) {
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}
inline void putBe16(uint8_t* p, uint16_t v) { p[0] = uint8_t(v >> 8); p[1] = uint8_t(v); }
inline void putBe32(uint8_t* p, uint32_t v) {
    p[0] = uint8_t(v >> 24); p[1] = uint8_t(v >> 16); p[2] = uint8_t(v >> 8); p[3] = uint8_t(v);
}
inline uint64_t getLe48(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 5; i >= 0; --i) v = v << 8 | p[i];
    return v;
}
inline void putLe48(uint8_t* p, uint64_t v) {
    for (int i = 0; i < 6; ++i) { p[i] = uint8_t(v); v >>= 8; }
}

// A MAC address; packs into 48 bits so counters can hold it in one atomic word.
struct MacAddress {
    std::array<uint8_t, 6> bytes{};

    static MacAddress fromBytes(const uint8_t* p) { MacAddress m; std::copy(p, p + 6, m.bytes.begin()); return m; }
    static MacAddress broadcast() { MacAddress m; m.bytes.fill(0xFF); return m; }
    // Accepts "00:11:22:33:44:55", "00-11-...", and vblade's bare "001122334455".
    static std::optional<MacAddress> parse(std::string_view text);
    std::string toString() const;
    uint64_t toU64() const;
    static MacAddress fromU64(uint64_t v);
    bool isBroadcast() const { return *this == broadcast(); }
    bool operator==(const MacAddress&) const = default;
};

// Read-only view of the common AoE header of a frame at least off::kArg bytes long.
struct HeaderView {
    const uint8_t* frame;
    uint8_t version() const { return frame[off::kVerFlags] >> 4; }
    uint8_t flags() const { return frame[off::kVerFlags] & 0x0F; }
    bool isResponse() const { return flags() & kFlagResponse; }
    uint16_t shelf() const { return getBe16(frame + off::kShelf); }
    uint8_t slot() const { return frame[off::kSlot]; }
    uint8_t command() const { return frame[off::kCommand]; }
    uint32_t tag() const { return getBe32(frame + off::kTag); }
    MacAddress source() const { return MacAddress::fromBytes(frame + off::kSrc); }
    MacAddress destination() const { return MacAddress::fromBytes(frame + off::kDst); }
    uint16_t etherType() const { return getBe16(frame + off::kType); }
};

// True when a request addressed to (shelf, slot) is for the export at (ourShelf, ourSlot):
// the two broadcast values match independently.
inline bool addressMatches(uint16_t shelf, uint8_t slot, uint16_t ourShelf, uint8_t ourSlot) {
    return (shelf == ourShelf || shelf == kShelfBroadcast) && (slot == ourSlot || slot == kSlotBroadcast);
}

// Turns the request header at the start of `reply` (a copy of the request) into a response
// header from `ourMac` for the export's real address. Error None leaves the error flag clear.
void makeResponseHeader(uint8_t* reply, const MacAddress& ourMac, uint16_t shelf, uint8_t slot,
                        Error error = Error::None);

// Writes a complete header (used for unsolicited announcements and by the load generator).
void writeHeader(uint8_t* frame, const MacAddress& dst, const MacAddress& src, uint8_t flags, Error error,
                 uint16_t shelf, uint8_t slot, Command command, uint32_t tag);

// Pads a frame to kMinFrame with zeros; returns the padded length. `capacity` must be >= kMinFrame.
size_t padFrame(uint8_t* frame, size_t length);

const char* errorName(Error e);

}  // namespace qvblade::aoe
