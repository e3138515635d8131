// SPDX-License-Identifier: GPL-2.0-or-later
// What qvblade-demo (demo_main.cpp) hands the helper (demo_requests.cpp) over its standard
// input, a UNIX socketpair: one message with this struct and, as SCM_RIGHTS, the receive and send
// packet sockets of the target's end of the demo's veth pair, opened inside the demo's network
// namespace (the helper, without CAP_SYS_ADMIN, cannot enter it). Then one line of text per
// status change ("running", or "failed: why") follows on standard error.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <vector>

#include "privhelper/protocol/unique_fd.h"

namespace qvblade::helper {

struct DemoLink {
    static constexpr uint32_t kMagic = 0x71766264;   // "qvbd"
    uint32_t magic = kMagic;
    char interface[16] = {};   // the target's end in the demo namespace
    uint8_t mac[6] = {};
    uint32_t mtu = 0;
};

// The veth pair's names inside the demo's own namespace (nothing else is there to clash with).
inline constexpr const char* kDemoTargetInterface = "demo-target";
inline constexpr const char* kDemoInitiatorInterface = "demo-initiator";

// qvblade-demo's side: `link` with the two sockets on `channel`; false with errno on failure.
bool sendDemoLink(int channel, DemoLink link, int receiveFd, int sendFd);
// The helper's side, without blocking: recvmsg's result (0: the demo closed its end), with every
// descriptor that came appended to `fds` (owned, so none leaks whatever the message was).
ssize_t receiveDemoLink(int channel, DemoLink& link, std::vector<UniqueFd>& fds);

}  // namespace qvblade::helper
