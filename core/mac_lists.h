// SPDX-License-Identifier: GPL-2.0-or-later
// The two MAC lists of an export: the Mac Mask List (AoE command 2, filled by `-m`), which
// decides who may talk to the export at all, and the reservation list (command 3), which
// decides who may issue ATA commands other than IDENTIFY.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/aoe_wire.h"

namespace qvblade {

class MacList {
public:
    explicit MacList(size_t capacity) : capacity_(capacity) { macs_.reserve(capacity); }
    // Returns false only when the list is full (adding a present MAC succeeds).
    bool add(const aoe::MacAddress& mac);
    void remove(const aoe::MacAddress& mac);
    void clear() { macs_.clear(); }
    bool contains(const aoe::MacAddress& mac) const;
    // An empty list restricts nothing.
    bool permits(const aoe::MacAddress& mac) const { return macs_.empty() || contains(mac); }
    const std::vector<aoe::MacAddress>& entries() const { return macs_; }
    size_t capacity() const { return capacity_; }

private:
    size_t capacity_;
    std::vector<aoe::MacAddress> macs_;
};

constexpr size_t kMaskListCapacity = 32;         // as vblade 25
constexpr size_t kReservationCapacity = 64;      // a full list still fits a 1500-byte frame

// Handle a Mac Mask List request (length >= 28) into `reply` (a copy of the request header
// with room for 28 + 8 * capacity bytes). Returns the reply length; sets `error` for the header.
size_t handleMaskRequest(MacList& masks, const uint8_t* req, size_t length, uint8_t* reply, aoe::Error& error);

// Handle a Reserve/Release request (length >= 26) from `source`. Returns the reply length.
size_t handleReserveRequest(MacList& reservations, const aoe::MacAddress& source, const uint8_t* req,
                            size_t length, uint8_t* reply, aoe::Error& error);

}  // namespace qvblade
