// SPDX-License-Identifier: GPL-2.0-or-later
// Decodes the head of an AoE frame into a field tree for the teaching view, the way Wireshark
// shows a packet: every field with its name as the AoE spec (r11) names it, its value in words,
// and where its bytes are in the frame, so a hex dump can highlight them. Plain C++ on bytes.
//
// Two kinds of "short": the frame itself is shorter than its fields (malformed: decoded as far
// as it goes, the rest marked "truncated"), or only its first bytes were captured (the helper
// streams up to 128): fields past the capture are marked "not captured".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace qvblade::aoe {

struct DissectedField {
    std::string name;        // "Tag", "Cmd/Status", "R"
    std::string value;       // "0x40 (DRDY)", "READ SECTORS EXT (0x24)"
    size_t offset = 0;       // first byte in the frame
    size_t length = 0;       // bytes (a bit field names its whole byte); 0 for a computed line
    bool truncated = false;  // the frame (or the capture) ends inside this field
    std::vector<DissectedField> children;
};

struct Dissection {
    std::vector<DissectedField> layers;   // "Ethernet II", "ATA over Ethernet", then the argument
    bool aoe = false;                     // EtherType 0x88a2 with a whole AoE header
    bool truncated = false;               // the frame is shorter than the fields it claims
    bool partial = false;                 // fields lie beyond the captured bytes
    std::string summary;                  // one line: "Reply e9.2 READ SECTORS EXT: DRDY"
};

// `captured` bytes of a frame that was `wireLength` bytes long (captured <= wireLength).
Dissection dissect(const uint8_t* frame, size_t captured, size_t wireLength);

// Names used by the dissector, exported for tests and other views.
std::string ataStatusBits(uint8_t status);   // "DRDY ERR", "none"
std::string ataErrorBits(uint8_t error);     // "ABRT", "UNC IDNF", "none"
const char* ataCommandName(uint8_t command); // nullptr when unknown
const char* aoeErrorSpecName(uint8_t code);  // "Unrecognized command code", nullptr when unknown

}  // namespace qvblade::aoe
