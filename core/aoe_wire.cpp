// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/aoe_wire.h"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace qvblade::aoe {

std::optional<MacAddress> MacAddress::parse(std::string_view text) {
    MacAddress mac;
    size_t i = 0;
    for (size_t b = 0; b < 6; ++b) {
        if (b > 0 && i < text.size() && (text[i] == ':' || text[i] == '-')) ++i;
        if (i + 2 > text.size() || !std::isxdigit(uint8_t(text[i])) || !std::isxdigit(uint8_t(text[i + 1])))
            return std::nullopt;
        auto nibble = [](char c) { return uint8_t(std::isdigit(uint8_t(c)) ? c - '0' : (std::tolower(c) - 'a' + 10)); };
        mac.bytes[b] = uint8_t(nibble(text[i]) << 4 | nibble(text[i + 1]));
        i += 2;
    }
    if (i != text.size()) return std::nullopt;
    return mac;
}

std::string MacAddress::toString() const {
    char s[18];
    std::snprintf(s, sizeof s, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2], bytes[3],
                  bytes[4], bytes[5]);
    return s;
}

uint64_t MacAddress::toU64() const {
    uint64_t v = 0;
    for (uint8_t b : bytes) v = v << 8 | b;
    return v;
}

MacAddress MacAddress::fromU64(uint64_t v) {
    MacAddress m;
    for (int i = 5; i >= 0; --i) { m.bytes[size_t(i)] = uint8_t(v); v >>= 8; }
    return m;
}

void makeResponseHeader(uint8_t* reply, const MacAddress& ourMac, uint16_t shelf, uint8_t slot, Error error) {
    std::memmove(reply + off::kDst, reply + off::kSrc, 6);
    std::memcpy(reply + off::kSrc, ourMac.bytes.data(), 6);
    uint8_t flags = kFlagResponse;
    if (error != Error::None) flags |= kFlagError;
    reply[off::kVerFlags] = uint8_t(kVersion << 4 | flags);
    reply[off::kError] = uint8_t(error);
    putBe16(reply + off::kShelf, shelf);
    reply[off::kSlot] = slot;
}

void writeHeader(uint8_t* frame, const MacAddress& dst, const MacAddress& src, uint8_t flags, Error error,
                 uint16_t shelf, uint8_t slot, Command command, uint32_t tag) {
    std::memcpy(frame + off::kDst, dst.bytes.data(), 6);
    std::memcpy(frame + off::kSrc, src.bytes.data(), 6);
    putBe16(frame + off::kType, kEtherType);
    frame[off::kVerFlags] = uint8_t(kVersion << 4 | (flags & 0x0F));
    frame[off::kError] = uint8_t(error);
    putBe16(frame + off::kShelf, shelf);
    frame[off::kSlot] = slot;
    frame[off::kCommand] = uint8_t(command);
    putBe32(frame + off::kTag, tag);
}

size_t padFrame(uint8_t* frame, size_t length) {
    if (length >= kMinFrame) return length;
    std::memset(frame + length, 0, kMinFrame - length);
    return kMinFrame;
}

const char* errorName(Error e) {
    switch (e) {
    case Error::None: return "none";
    case Error::UnrecognizedCommand: return "unrecognized command";
    case Error::BadArgument: return "bad argument";
    case Error::DeviceUnavailable: return "device unavailable";
    case Error::ConfigStringPresent: return "config string present";
    case Error::UnsupportedVersion: return "unsupported version";
    case Error::TargetReserved: return "target reserved";
    }
    return "unknown";
}

}  // namespace qvblade::aoe
