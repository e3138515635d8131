// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rmem_advice.h"

#include <bit>

#include "core/os/os.h"

namespace qvblade {

uint32_t inKernelFrameBytes(uint32_t mtu) {
    constexpr uint32_t kSkbOverhead = 320;  // struct skb_shared_info and alignment, roughly
    return std::bit_ceil(mtu + 14 + kSkbOverhead);
}

RmemAdvice computeRmemAdvice(const std::string& interface, uint32_t mtu, uint32_t outstandingFrames) {
    RmemAdvice a;
    a.interface = interface;
    a.mtu = mtu;
    a.frames = outstandingFrames + 1;
    a.requiredBytes = uint64_t(a.frames) * inKernelFrameBytes(mtu);
    a.rmemMax = os::rmemMax().value_or(-1);
    a.rmemDefault = os::rmemDefault().value_or(-1);
    a.fixCommands = os::rmemFixCommands(long(a.requiredBytes));
    return a;
}

std::string RmemAdvice::warning() const {
    if (sufficient()) return {};
    std::string w = "warning: " + interface + " (MTU " + std::to_string(mtu) + ") needs a receive buffer of " +
                    std::to_string(requiredBytes) + " bytes for " + std::to_string(frames) + " frames of " +
                    std::to_string(requiredBytes / frames) + " bytes, but the kernel granted " +
                    std::to_string(grantedBytes) + " (net.core.rmem_max is " + std::to_string(rmemMax) +
                    "); frames will be dropped under load.";
    // The portable build knows no commands for the system it runs on.
    if (fixCommands.empty()) return w + " Raise the system's socket receive-buffer limit to fix it.";
    w += " Fix it with:";
    for (const std::string& c : fixCommands) w += "\n    " + c;
    return w;
}

}  // namespace qvblade
