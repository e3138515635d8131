// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/query_config.h"

#include <cstring>

namespace qvblade {

using namespace aoe;

bool ConfigString::set(std::string_view s) {
    if (s.size() > kMaxConfigString) return false;
    std::memcpy(data_.data(), s.data(), s.size());
    length_ = s.size();
    return true;
}

size_t ConfigString::writeReply(uint8_t* reply, const ConfigAdvert& advert, uint8_t subCommand) const {
    putBe16(reply + off::kCfgBufCount, advert.bufferCount);
    putBe16(reply + off::kCfgFirmware, advert.firmwareVersion);
    reply[off::kCfgSectors] = advert.sectorsPerFrame;
    reply[off::kCfgVerCmd] = uint8_t(kVersion << 4 | (subCommand & 0x0F));
    putBe16(reply + off::kCfgLength, uint16_t(length_));
    std::memcpy(reply + off::kCfgData, data_.data(), length_);
    return off::kCfgData + length_;
}

size_t ConfigString::handle(const uint8_t* req, size_t length, uint8_t* reply, const ConfigAdvert& advert,
                            Error& error) {
    error = Error::None;
    const uint8_t sub = req[off::kCfgVerCmd] & 0x0F;
    const size_t n = getBe16(req + off::kCfgLength);
    const uint8_t* s = req + off::kCfgData;
    const bool lengthOk = n <= kMaxConfigString && n <= length - off::kCfgData;
    switch (ConfigCmd(sub)) {
    case ConfigCmd::Read:
        break;
    case ConfigCmd::TestExact:
        if (!lengthOk || n != length_ || std::memcmp(s, data_.data(), n) != 0) return 0;
        break;
    case ConfigCmd::TestPrefix:
        if (!lengthOk || n > length_ || std::memcmp(s, data_.data(), n) != 0) return 0;
        break;
    case ConfigCmd::Set:
        if (!lengthOk) { error = Error::BadArgument; break; }
        if (length_ != 0 && (n != length_ || std::memcmp(s, data_.data(), n) != 0)) {
            error = Error::ConfigStringPresent;
            break;
        }
        set({reinterpret_cast<const char*>(s), n});
        break;
    case ConfigCmd::ForceSet:
        if (!lengthOk) { error = Error::BadArgument; break; }
        set({reinterpret_cast<const char*>(s), n});
        break;
    default:
        error = Error::BadArgument;
        break;
    }
    return writeReply(reply, advert, sub);
}

}  // namespace qvblade
