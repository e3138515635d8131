// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/storage_identity.h"

#include <algorithm>
#include <cstring>

namespace qvblade::aoe {

bool isStorageIdFrame(const uint8_t* frame, size_t length) {
    return length >= kStorageIdLength && frame[off::kCommand] == kStorageIdCommand &&
           std::memcmp(frame + off::kArg, kStorageIdMagic.data(), kStorageIdMagic.size()) == 0;
}

size_t writeStorageIdRequest(uint8_t* frame) {
    std::memcpy(frame + off::kArg, kStorageIdMagic.data(), kStorageIdMagic.size());
    return kStorageIdLength;
}

size_t writeStorageIdResponse(uint8_t* reply, std::string_view identity) {
    const size_t n = std::min(identity.size(), kMaxStorageId);
    std::memcpy(reply + off::kArg, kStorageIdMagic.data(), kStorageIdMagic.size());
    reply[kStorageIdLength] = uint8_t(n);
    std::memcpy(reply + kStorageIdLength + 1, identity.data(), n);
    return kStorageIdLength + 1 + n;
}

std::optional<std::string> parseStorageIdResponse(const uint8_t* frame, size_t length) {
    if (!isStorageIdFrame(frame, length) || length < kStorageIdLength + 1) return std::nullopt;
    const HeaderView h{frame};
    if (!h.isResponse() || (h.flags() & kFlagError)) return std::nullopt;
    const size_t n = frame[kStorageIdLength];
    if (length < kStorageIdLength + 1 + n) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(frame + kStorageIdLength + 1), n);
}

}  // namespace qvblade::aoe
