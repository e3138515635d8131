// SPDX-License-Identifier: GPL-2.0-or-later
// Portable build: no /proc, so no receive-buffer limits, resident-memory or run-delay figures
// (the callers treat each as unknown), and a thread pool for asynchronous file I/O.
#include "core/os/os.h"
#include "core/thread_pool_io.h"

namespace qvblade::os {

std::optional<long> rmemMax() { return std::nullopt; }
std::optional<long> rmemDefault() { return std::nullopt; }
std::vector<std::string> rmemFixCommands(long) { return {}; }
std::optional<uint64_t> residentFileBytes() { return std::nullopt; }
std::optional<uint64_t> threadRunDelayMicros() { return std::nullopt; }

std::unique_ptr<AsyncIo> makeAsyncIo(unsigned depth, std::string& why) {
    // Four workers: enough to keep a disk's queue busy while the engine serves cached reads.
    return ThreadPoolIo::create(4, depth, why);
}

}  // namespace qvblade::os
