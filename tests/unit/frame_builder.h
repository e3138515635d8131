// SPDX-License-Identifier: GPL-2.0-or-later
// Builds AoE request frames for the unit tests, the way an initiator lays them out.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/aoe_wire.h"

namespace qvblade::test {

inline const aoe::MacAddress kInitiator = *aoe::MacAddress::parse("02:00:00:00:00:01");
inline const aoe::MacAddress kTargetMac = *aoe::MacAddress::parse("02:00:00:00:00:99");

inline std::vector<uint8_t> header(aoe::Command cmd, uint16_t shelf, uint8_t slot, size_t argBytes,
                                   uint32_t tag = 0x01020304, const aoe::MacAddress& src = kInitiator) {
    std::vector<uint8_t> f(aoe::off::kArg + argBytes, 0);
    aoe::writeHeader(f.data(), kTargetMac, src, 0, aoe::Error::None, shelf, slot, cmd, tag);
    return f;
}

inline std::vector<uint8_t> ataRequest(uint8_t command, uint64_t lba, uint8_t sectors, bool extended,
                                       const std::vector<uint8_t>& data = {}, uint16_t shelf = 9, uint8_t slot = 0) {
    auto f = header(aoe::Command::Ata, shelf, slot, 12);
    f[aoe::off::kAtaFlags] = uint8_t((extended ? aoe::kAtaExtended : 0) | (data.empty() ? 0 : aoe::kAtaWrite));
    f[aoe::off::kAtaSectors] = sectors;
    f[aoe::off::kAtaCmdStatus] = command;
    aoe::putLe48(f.data() + aoe::off::kAtaLba, lba);
    f.insert(f.end(), data.begin(), data.end());
    return f;
}

inline std::vector<uint8_t> configRequest(aoe::ConfigCmd sub, const std::string& s, uint16_t shelf = 9,
                                          uint8_t slot = 0) {
    auto f = header(aoe::Command::QueryConfig, shelf, slot, 8);
    f[aoe::off::kCfgVerCmd] = uint8_t(0x10 | uint8_t(sub));
    aoe::putBe16(f.data() + aoe::off::kCfgLength, uint16_t(s.size()));
    f.insert(f.end(), s.begin(), s.end());
    return f;
}

inline std::vector<uint8_t> pattern(size_t bytes, uint8_t seed) {
    std::vector<uint8_t> v(bytes);
    for (size_t i = 0; i < bytes; ++i) v[i] = uint8_t(seed + i * 7 + (i >> 9));
    return v;
}

}  // namespace qvblade::test
