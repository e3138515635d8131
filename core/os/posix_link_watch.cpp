// SPDX-License-Identifier: GPL-2.0-or-later
// Portable build: POSIX has no notification of interface changes (the BSDs' routing socket
// would be one, for a port to add), so the interfaces are listed again every two seconds and
// compared with the last list.
#include "core/os/os.h"

namespace qvblade::os {

namespace {

class PollingLinkWatcher final : public LinkWatcher {
public:
    PollingLinkWatcher() : current_(listInterfaces()) {}
    int fd() const override { return -1; }
    int pollIntervalMs() const override { return 2000; }
    const std::vector<InterfaceInfo>& current() const override { return current_; }
    std::vector<LinkChange> changes() override {
        std::vector<InterfaceInfo> now = listInterfaces();
        std::vector<LinkChange> out = diffInterfaces(current_, now);
        current_ = std::move(now);
        return out;
    }

private:
    std::vector<InterfaceInfo> current_;
};

}  // namespace

std::unique_ptr<LinkWatcher> watchLinks(std::string&) { return std::make_unique<PollingLinkWatcher>(); }

}  // namespace qvblade::os
