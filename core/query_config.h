// SPDX-License-Identifier: GPL-2.0-or-later
// Query Config (AoE command 1): the export's config string and the reply that advertises
// buffer count, firmware version and sectors per frame.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/aoe_wire.h"

namespace qvblade {

struct ConfigAdvert {
    uint16_t bufferCount = 16;
    uint16_t firmwareVersion = 0;
    uint8_t sectorsPerFrame = 2;
};

class ConfigString {
public:
    std::string_view value() const { return {reinterpret_cast<const char*>(data_.data()), length_}; }
    // Returns false when the string is longer than the protocol allows.
    bool set(std::string_view s);

    // Answers the request `req` of `length` bytes (>= 32) in `reply`, which holds a copy of the
    // request's first 32 bytes and has room for 32 + 1024 bytes. Returns the reply length and
    // the AoE error for the header, or 0 when the request gets no reply (a failed test, also
    // when its length field runs past the frame). A set whose length field runs past the frame
    // or beyond 1024 bytes is answered with AoE error 2 (bad argument).
    size_t handle(const uint8_t* req, size_t length, uint8_t* reply, const ConfigAdvert& advert,
                  aoe::Error& error);

    // Fills the Query Config argument and string of a reply; returns the reply length.
    size_t writeReply(uint8_t* reply, const ConfigAdvert& advert, uint8_t subCommand) const;

private:
    std::array<uint8_t, aoe::kMaxConfigString> data_{};
    size_t length_ = 0;
};

}  // namespace qvblade
