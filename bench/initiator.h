// SPDX-License-Identifier: GPL-2.0-or-later
// The core of an AoE initiator, shared by aoe-load (the load generator) and qvblade-demo (the
// demo's built-in initiator): a packet socket bound to AoE on one interface, discovery of a
// target by Query Config, and one ATA READ/WRITE at a time with its reply checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/aoe_wire.h"

namespace qvblade::initiator {

// A packet socket for AoE frames on `interface`, bound to it, our own frames not looped back;
// its MAC address in `self`. -1 with a sentence in `error`.
int openSocket(const std::string& interface, aoe::MacAddress& self, std::string& error);

struct Target {
    aoe::MacAddress mac;
    uint32_t maxSectors = 0;    // per frame
    uint32_t bufferCount = 0;   // requests it takes at once
};

// Broadcasts a Query Config read for shelf.slot up to `attempts` times, 200 ms apart.
std::optional<Target> discover(int fd, const aoe::MacAddress& self, uint16_t shelf, uint8_t slot, int attempts);

// One ATA READ or WRITE SECTORS EXT of `sectors` sectors at `lba` from/into `data`, retransmitted
// until `timeoutMs` passes; false with a sentence in `error` (no reply, an ATA error, short data).
bool transfer(int fd, const aoe::MacAddress& self, const Target& target, uint16_t shelf, uint8_t slot, bool write,
              uint64_t lba, uint8_t* data, uint32_t sectors, uint32_t tag, int timeoutMs, std::string& error);

}  // namespace qvblade::initiator
