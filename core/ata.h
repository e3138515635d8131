// SPDX-License-Identifier: GPL-2.0-or-later
// ATA emulation: decoding the ATA argument of an AoE command and building IDENTIFY DEVICE.
// Pure functions on bytes: no I/O, so every branch is unit-testable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace qvblade::ata {

enum Command : uint8_t {
    kReadSectors = 0x20,
    kReadSectorsExt = 0x24,
    kWriteSectors = 0x30,
    kWriteSectorsExt = 0x34,
    kCheckPowerMode = 0xE5,
    kFlushCache = 0xE7,
    kFlushCacheExt = 0xEA,
    kIdentifyDevice = 0xEC,
};

enum Status : uint8_t { kStatusErr = 0x01, kStatusDrq = 0x08, kStatusDf = 0x20, kStatusDrdy = 0x40, kStatusBsy = 0x80 };
enum ErrorBits : uint8_t { kErrAbrt = 0x04, kErrIdnf = 0x10, kErrUnc = 0x40 };

constexpr uint32_t kSectorSize = 512;
constexpr uint64_t kMaxLba28 = 0x0FFFFFFF;
constexpr uint64_t kMaxLba48 = 0x0000FFFFFFFFFFFFULL;

struct Identity {
    std::string model = "qvblade AoE target";
    std::string firmware;   // at most 8 characters
    std::string serial;     // at most 20 characters
    uint64_t sectors = 0;
};

// Fills 512 bytes with the IDENTIFY DEVICE page (little-endian words; strings byte-swapped).
void buildIdentify(uint8_t* page, const Identity& id);

// What an ATA request asks for, after validation against the frame it came in.
struct Request {
    enum class Kind { Read, Write, Flush, Identify, CheckPowerMode, Unsupported, Malformed };
    Kind kind = Kind::Malformed;
    uint64_t lba = 0;       // masked to 28 bits for the LBA28 forms
    uint32_t sectors = 0;
};

// Decodes the ATA argument of a request frame of `length` bytes (>= 36). `maxSectors` is
// the largest transfer the port's MTU allows. A write whose frame lacks its data, or a read
// or write bigger than a frame can carry, is Malformed (answered with an ATA abort).
Request decode(const uint8_t* frame, size_t length, uint32_t maxSectors);

// Sectors per frame an interface of this MTU carries: (MTU - 36) / 512 as the Linux driver
// computes it, capped at 255.
uint32_t sectorsPerFrame(uint32_t mtu);

// Sets the reply's ATA registers. On success of a transfer the sector count drops to zero
// and the LBA advances, as a real drive's registers do (vblade does the same).
void setSuccess(uint8_t* reply, uint32_t sectorsDone);
void setFailure(uint8_t* reply, uint8_t errorBits);
// Puts back the sector count and LBA setSuccess changed (a reply that turned out to fail).
void undoSuccess(uint8_t* reply, uint32_t sectorsDone);

}  // namespace qvblade::ata
