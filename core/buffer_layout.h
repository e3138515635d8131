// SPDX-License-Identifier: GPL-2.0-or-later
// Where a reply's data sits inside the engine's buffers, and why: 4K aliasing.
//
// The kernel copies a reply of more than a page from frame + 14 (after the Ethernet header) to
// the start of a freshly allocated page, and the page cache copies file data to and from the data
// area (frame + 36) at page offsets that are multiples of 512. x86 `rep movsb` runs about 20 times
// slower when its destination is 1-31 bytes ahead of its source modulo 4096 and up to 1.8 times
// slower up to ~80 bytes (measured on AMD EPYC; docs/performance.md, "4K aliasing"). Page-aligned
// data puts frame + 14 exactly 22 bytes before a page: every jumbo reply paid ~2 µs.
#pragma once

#include <cstddef>
#include <cstdint>

namespace qvblade {

inline constexpr size_t kPageBytes = 4096;
inline constexpr size_t kSlowCopyDistance = 96;     // distances 1..95 are slow (see above)

// How far a copy's destination is ahead of its source, modulo a page.
constexpr size_t copyDistance(size_t destination, size_t source) {
    return (destination % kPageBytes + kPageBytes - source % kPageBytes) % kPageBytes;
}

constexpr bool isSlowCopyDistance(size_t distance) { return distance > 0 && distance < kSlowCopyDistance; }

// Offset within a page of a slot's data area. Buffered stores: half a page keeps both kinds of
// copy clear of the slow window. Direct stores: page-aligned (enough for any device, whatever
// alignment it reports), for the device transfers straight into the data area, and a 4 KiB
// transfer starting half a page in spans two pages: two DMA segments, which a virtual disk served
// about a quarter slower (docs/performance.md, "Direct I/O"). Their replies still copy fast: the
// send socket's virtio-net header keeps the 36 header bytes in the skb's head, so the data lands
// at page offset 0, as it sits here (distance 0); only the fallback socket without that header
// (core/packet_port.cpp) copies at distance 22.
constexpr size_t replyDataOffset(bool directTransfers) { return directTransfers ? 0 : kPageBytes / 2; }

}  // namespace qvblade
