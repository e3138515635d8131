// SPDX-License-Identifier: GPL-2.0-or-later
// One-line summaries of AoE frames for the teaching view ("frames" events): who talks to which
// shelf.slot, which command, which sectors. Reads only the first kSummaryBytes of a frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace qvblade::helper {

// The head of each frame the tap keeps without a capture: every header and argument field the
// decoders read, and what "frames" events carry for the teaching view's dissector and hex dump.
constexpr size_t kSummaryBytes = 128;

struct FrameSummary {
    bool aoe = false;          // false: too short or not EtherType 0x88A2 (only `length` is set)
    std::string source, destination;
    uint16_t shelf = 0;
    uint8_t slot = 0;
    bool response = false;
    uint8_t error = 0;         // AoE error code (response with the error flag)
    std::string command;       // "ata", "query-config", "mac-mask", "reserve-release" or "command N"
    uint32_t tag = 0;
    std::string detail;        // e.g. "READ SECTORS EXT lba 2048 count 8", "status 0x40"
    size_t length = 0;
};

// `captured` bytes of a frame that was `length` bytes on the wire.
FrameSummary summarizeFrame(const uint8_t* frame, size_t captured, size_t length);

}  // namespace qvblade::helper
