// SPDX-License-Identifier: GPL-2.0-or-later
// What the Linux and the portable build share: the interface list (getifaddrs) and what changed
// in it, and the socket receive buffer (SO_RCVBUF).
#include <ifaddrs.h>
#include <sys/socket.h>

#include <algorithm>
#include <set>

#include "core/os/os.h"

namespace qvblade::os {

std::vector<InterfaceInfo> listInterfaces() {
    std::vector<InterfaceInfo> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    std::set<std::string> seen;
    for (ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_name || !seen.insert(a->ifa_name).second) continue;
        std::string ignored;
        if (auto info = interfaceInfo(a->ifa_name, ignored)) out.push_back(*info);
    }
    ::freeifaddrs(list);
    return out;
}

std::vector<LinkChange> diffInterfaces(const std::vector<InterfaceInfo>& before, const std::vector<InterfaceInfo>& after) {
    std::vector<LinkChange> out;
    auto find = [](const std::vector<InterfaceInfo>& list, const std::string& name) {
        return std::find_if(list.begin(), list.end(), [&](const InterfaceInfo& i) { return i.name == name; });
    };
    for (const InterfaceInfo& old : before) {
        const auto now = find(after, old.name);
        // Made again (a new index): whoever used the old one must open the new one.
        if (now == after.end() || now->index != old.index) out.push_back({LinkChange::Kind::Removed, old});
    }
    for (const InterfaceInfo& now : after) {
        const auto old = find(before, now.name);
        if (old == before.end() || old->index != now.index) out.push_back({LinkChange::Kind::Added, now});
        else if (!(*old == now)) out.push_back({LinkChange::Kind::Changed, now});
    }
    return out;
}

int setReceiveBuffer(int fd, int bytes) {
    // Linux doubles the request (for its bookkeeping) and caps the request at rmem_max; other
    // systems grant it or refuse it. Either way the answer is what the kernel reports.
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    int granted = 0;
    socklen_t len = sizeof granted;
    if (::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &len) < 0) return -1;
    return granted;
}

}  // namespace qvblade::os
