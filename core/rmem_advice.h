// SPDX-License-Identifier: GPL-2.0-or-later
// Receive-buffer sizing for a packet socket (the vblade README's jumbo-frame gotcha): the
// kernel charges each received frame its whole in-kernel buffer, not its length, so a socket
// must hold (outstanding frames + 1) such buffers or frames are dropped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace qvblade {

// Bytes the kernel charges for one received frame on an interface of this MTU: the frame
// plus its skb overhead, rounded up to the power-of-two buffer the driver allocates
// (2 KiB at MTU 1500, 16 KiB for MTUs over 8 KiB).
uint32_t inKernelFrameBytes(uint32_t mtu);

struct RmemAdvice {
    std::string interface;
    uint32_t mtu = 0;
    uint32_t frames = 0;          // outstanding frames to hold: the exports' buffer counts + 1
    uint64_t requiredBytes = 0;
    int64_t grantedBytes = -1;    // what the socket reports after our SO_RCVBUF request
    int64_t rmemMax = -1;         // net.core.rmem_max, -1 if unknown
    int64_t rmemDefault = -1;
    std::vector<std::string> fixCommands;   // the exact lines that raise the limit

    bool sufficient() const { return grantedBytes >= int64_t(requiredBytes); }
    // One paragraph for a log or terminal; empty when sufficient.
    std::string warning() const;
};

// Fills the computed part of the advice; the engine adds what the socket granted.
RmemAdvice computeRmemAdvice(const std::string& interface, uint32_t mtu, uint32_t outstandingFrames);

}  // namespace qvblade
