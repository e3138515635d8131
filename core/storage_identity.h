// SPDX-License-Identifier: GPL-2.0-or-later
// Which storage a shared export serves, asked and answered on the wire. Several targets may
// answer for one shelf.slot only when they serve the same storage (the Linux initiator takes
// them for paths to one disk, drivers/block/aoe, and spreads its I/O over them), so an export
// started with --allow-shared-address asks each other target that answers for its address which
// storage it serves, and starts only when every one names the same storage as its own.
//
// The question is an AoE vendor-specific command (the spec reserves commands 0xF0-0xFF for
// vendors; the Linux initiator ignores them, drivers/block/aoe/aoenet.c AOECMD_VEND_MIN):
//   request:  common header, command 0xF0, argument "QVSI"
//   response: common header with the response flag, argument "QVSI", one length byte, that many
//             bytes of identity text
// Only a shared export whose store has an identity answers; every other target (vblade,
// qvblade without the flag) replies "unrecognized command" or stays silent, and is then not
// accepted as a second path. Identities are ids, not names: "rbd:FSID/POOLID/IMAGEID[@SNAP]".
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/aoe_wire.h"

namespace qvblade::aoe {

constexpr uint8_t kStorageIdCommand = uint8_t(Command::StorageId);
constexpr std::string_view kStorageIdMagic = "QVSI";
constexpr size_t kStorageIdLength = off::kArg + 4;        // off::kArg + magic
constexpr size_t kMaxStorageId = 255;

// True when a frame of `length` bytes is a storage-identity request or response (magic checked).
bool isStorageIdFrame(const uint8_t* frame, size_t length);

// Writes the request's argument after a header written by writeHeader(); returns its length.
size_t writeStorageIdRequest(uint8_t* frame);

// Writes the response's argument into `reply` (a request copy); returns the reply's length.
// `identity` longer than kMaxStorageId is cut.
size_t writeStorageIdResponse(uint8_t* reply, std::string_view identity);

// The identity a response carries; nullopt for a frame that is not a well-formed response.
std::optional<std::string> parseStorageIdResponse(const uint8_t* frame, size_t length);

}  // namespace qvblade::aoe
