// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/ata.h"

#include <algorithm>
#include <cstring>

#include "core/aoe_wire.h"

namespace qvblade::ata {

namespace {

void putWord(uint8_t* page, int word, uint16_t v) {
    page[word * 2] = uint8_t(v);
    page[word * 2 + 1] = uint8_t(v >> 8);
}

// ATA strings are space padded and each 16-bit word holds two characters, first one high.
void putString(uint8_t* page, int word, size_t bytes, const std::string& s) {
    uint8_t* p = page + word * 2;
    for (size_t i = 0; i < bytes; ++i) {
        char c = i < s.size() ? s[i] : ' ';
        p[i ^ 1] = uint8_t(c);
    }
}

}  // namespace

void buildIdentify(uint8_t* page, const Identity& id) {
    std::memset(page, 0, 512);
    putWord(page, 47, 0x8000);  // READ/WRITE MULTIPLE: none
    putWord(page, 49, 0x0200);  // LBA supported
    putWord(page, 50, 0x4000);
    putWord(page, 83, 0x5400);  // bit 10: 48-bit address feature set supported
    putWord(page, 84, 0x4000);
    putWord(page, 86, 0x1400);  // bit 10: 48-bit address feature set enabled
    putWord(page, 87, 0x4000);
    putWord(page, 93, 0x400B);
    putString(page, 10, 20, id.serial);
    putString(page, 23, 8, id.firmware);
    putString(page, 27, 40, id.model);
    const uint64_t lba28 = std::min(id.sectors, kMaxLba28);
    putWord(page, 60, uint16_t(lba28));
    putWord(page, 61, uint16_t(lba28 >> 16));
    const uint64_t lba48 = std::min(id.sectors, kMaxLba48);
    for (int w = 0; w < 4; ++w) putWord(page, 100 + w, uint16_t(lba48 >> (16 * w)));
}

uint32_t sectorsPerFrame(uint32_t mtu) {
    // The Linux driver's formula: it subtracts the Ethernet header too (a conservative 14 bytes),
    // and takes the minimum of this and our advertised count, so the two must agree.
    constexpr uint32_t kHeaders = aoe::off::kAtaData;
    if (mtu < kHeaders) return 0;
    return std::min<uint32_t>((mtu - kHeaders) / kSectorSize, 255);
}

Request decode(const uint8_t* frame, size_t length, uint32_t maxSectors) {
    using aoe::off::kAtaCmdStatus, aoe::off::kAtaSectors, aoe::off::kAtaLba, aoe::off::kAtaData;
    Request r;
    const uint8_t command = frame[kAtaCmdStatus];
    const uint32_t count = frame[kAtaSectors];
    const uint64_t lba = aoe::getLe48(frame + kAtaLba);
    const size_t payload = length - kAtaData;
    switch (command) {
    case kReadSectors:
    case kWriteSectors:
        // The Linux driver ORs 0xE0 (LBA mode + obsolete bits) into the device byte: keep 28 bits.
        r.lba = lba & kMaxLba28;
        break;
    case kReadSectorsExt:
    case kWriteSectorsExt:
        r.lba = lba & kMaxLba48;
        break;
    case kFlushCache:
    case kFlushCacheExt:
        r.kind = Request::Kind::Flush;
        return r;
    case kIdentifyDevice:
        r.kind = Request::Kind::Identify;
        r.sectors = 1;
        return r;
    case kCheckPowerMode:
        r.kind = Request::Kind::CheckPowerMode;
        return r;
    default:
        r.kind = Request::Kind::Unsupported;
        return r;
    }
    r.sectors = count;
    const bool isWrite = command == kWriteSectors || command == kWriteSectorsExt;
    // A transfer must fit one frame. ATA counts 0 as 256 (LBA28) or 65536 (LBA48) sectors,
    // more than any frame carries. The command, not the aflags write bit, says the direction.
    if (count == 0 || count > maxSectors) {
        r.kind = Request::Kind::Malformed;
        return r;
    }
    if (isWrite && payload < size_t(count) * kSectorSize) {
        r.kind = Request::Kind::Malformed;
        return r;
    }
    r.kind = isWrite ? Request::Kind::Write : Request::Kind::Read;
    return r;
}

void setSuccess(uint8_t* reply, uint32_t sectorsDone) {
    using namespace aoe::off;
    reply[kAtaErrFeature] = 0;
    reply[kAtaCmdStatus] = kStatusDrdy;
    reply[kAtaSectors] = uint8_t(reply[kAtaSectors] - sectorsDone);
    aoe::putLe48(reply + kAtaLba, aoe::getLe48(reply + kAtaLba) + sectorsDone);
}

void undoSuccess(uint8_t* reply, uint32_t sectorsDone) {
    using namespace aoe::off;
    reply[kAtaSectors] = uint8_t(reply[kAtaSectors] + sectorsDone);
    aoe::putLe48(reply + kAtaLba, aoe::getLe48(reply + kAtaLba) - sectorsDone);
}

void setFailure(uint8_t* reply, uint8_t errorBits) {
    reply[aoe::off::kAtaErrFeature] = errorBits;
    reply[aoe::off::kAtaCmdStatus] = kStatusDrdy | kStatusErr;
}

}  // namespace qvblade::ata
