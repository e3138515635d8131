// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/mac_lists.h"

#include <algorithm>
#include <cstring>

namespace qvblade {

using namespace aoe;

bool MacList::add(const MacAddress& mac) {
    if (contains(mac)) return true;
    if (macs_.size() >= capacity_) return false;
    macs_.push_back(mac);
    return true;
}

void MacList::remove(const MacAddress& mac) {
    macs_.erase(std::remove(macs_.begin(), macs_.end(), mac), macs_.end());
}

bool MacList::contains(const MacAddress& mac) const {
    return std::find(macs_.begin(), macs_.end(), mac) != macs_.end();
}

namespace {

size_t writeMaskList(const MacList& masks, uint8_t* reply) {
    uint8_t* d = reply + off::kMaskDirectives;
    for (const MacAddress& m : masks.entries()) {
        d[0] = 0;
        d[1] = uint8_t(MaskDirective::Nop);
        std::memcpy(d + 2, m.bytes.data(), 6);
        d += kMaskDirectiveSize;
    }
    reply[off::kMaskError] = uint8_t(MaskError::None);
    reply[off::kMaskCount] = uint8_t(masks.entries().size());
    return off::kMaskDirectives + masks.entries().size() * kMaskDirectiveSize;
}

}  // namespace

size_t handleMaskRequest(MacList& masks, const uint8_t* req, size_t length, uint8_t* reply, Error& error) {
    error = Error::None;
    switch (MaskCmd(req[off::kMaskCmd])) {
    case MaskCmd::Read:
        return writeMaskList(masks, reply);
    case MaskCmd::Edit: {
        const size_t count = req[off::kMaskCount];
        if (length < off::kMaskDirectives + count * kMaskDirectiveSize) {
            error = Error::BadArgument;
            return off::kMaskDirectives;
        }
        // Directives apply in order; on the first failure the reply says which one and stops,
        // as the spec asks (the earlier directives stay applied).
        for (size_t i = 0; i < count; ++i) {
            const uint8_t* d = req + off::kMaskDirectives + i * kMaskDirectiveSize;
            const MacAddress mac = MacAddress::fromBytes(d + 2);
            MaskError failure = MaskError::None;
            switch (MaskDirective(d[1])) {
            case MaskDirective::Nop: break;
            case MaskDirective::Add: if (!masks.add(mac)) failure = MaskError::ListFull; break;
            case MaskDirective::Delete: masks.remove(mac); break;
            default: failure = MaskError::BadDirective; break;
            }
            if (failure != MaskError::None) {
                // The reply keeps the request's directives; the count names the failing one.
                std::memmove(reply + off::kMaskDirectives, req + off::kMaskDirectives, count * kMaskDirectiveSize);
                reply[off::kMaskError] = uint8_t(failure);
                reply[off::kMaskCount] = uint8_t(i);
                return off::kMaskDirectives + count * kMaskDirectiveSize;
            }
        }
        return writeMaskList(masks, reply);
    }
    default:
        error = Error::BadArgument;
        return off::kMaskDirectives;
    }
}

size_t handleReserveRequest(MacList& reservations, const MacAddress& source, const uint8_t* req, size_t length,
                            uint8_t* reply, Error& error) {
    error = Error::None;
    const uint8_t cmd = req[off::kResCmd];
    if (cmd == uint8_t(ReserveCmd::Set) || cmd == uint8_t(ReserveCmd::ForceSet)) {
        const size_t count = req[off::kResCount];
        if (length < off::kResMacs + count * 6 || count > reservations.capacity()) {
            error = Error::BadArgument;
        } else if (cmd == uint8_t(ReserveCmd::Set) && !reservations.permits(source)) {
            error = Error::TargetReserved;
        } else {
            reservations.clear();
            for (size_t i = 0; i < count; ++i) reservations.add(MacAddress::fromBytes(req + off::kResMacs + i * 6));
        }
    } else if (cmd != uint8_t(ReserveCmd::Read)) {
        error = Error::BadArgument;
    }
    const auto& list = reservations.entries();
    reply[off::kResCount] = uint8_t(list.size());
    for (size_t i = 0; i < list.size(); ++i) std::memcpy(reply + off::kResMacs + i * 6, list[i].bytes.data(), 6);
    return off::kResMacs + list.size() * 6;
}

}  // namespace qvblade
