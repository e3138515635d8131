// SPDX-License-Identifier: GPL-2.0-or-later
// page-cache-write: what storing a write workload's data costs by itself, without any network.
//
//   page-cache-write FILE [--bytes B] [--batch N] [--seconds T] [--span-mib M] [--direct]
//
// Writes B-byte blocks (default 8704: a jumbo frame's worth) to consecutive positions over the
// first M MiB of FILE (wrapping around), N blocks per pwritev as qvblade's write runs do, each
// from its own buffer starting half a page in (where the engine's slots hold their data). Prints
// one line: writes_per_s=, us_per_write=, mbps=. --direct opens FILE with O_DIRECT and puts each
// buffer at the start of a page, as the engine does for direct exports (a block that straddled one
// more page would cost the device one more segment). bench/compare.sh runs it on the target's CPU
// against each store's image: a target that stores the data pays this on top of the packet path
// ("null + store" in docs/performance.md).
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

[[noreturn]] void die(const std::string& msg) {
    std::fprintf(stderr, "page-cache-write: %s\n", msg.c_str());
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) die("usage: page-cache-write FILE [--bytes B] [--batch N] [--seconds T] [--span-mib M] [--direct]");
    size_t bytes = 8704, batch = 16;
    double seconds = 3;
    uint64_t spanMiB = 512;
    bool direct = false;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--direct") {
            direct = true;
            continue;
        }
        if (i + 1 >= argc) die("missing value after " + a);
        const char* v = argv[++i];
        if (a == "--bytes") bytes = std::strtoull(v, nullptr, 10);
        else if (a == "--batch") batch = std::strtoull(v, nullptr, 10);
        else if (a == "--seconds") seconds = std::strtod(v, nullptr);
        else if (a == "--span-mib") spanMiB = std::strtoull(v, nullptr, 10);
        else die("unknown option " + a);
    }
    if (bytes == 0 || batch == 0 || batch > IOV_MAX || seconds <= 0) die("bad --bytes, --batch or --seconds");
    if (direct && bytes % 512 != 0) die("--direct needs --bytes a multiple of 512");
    const int fd = ::open(argv[1], O_WRONLY | (direct ? O_DIRECT : 0));
    if (fd < 0) die(std::string("cannot open ") + argv[1] + ": " + std::strerror(errno));
    struct stat st{};
    if (::fstat(fd, &st) != 0) die(std::string("cannot stat ") + argv[1] + ": " + std::strerror(errno));
    const size_t batchBytes = bytes * batch;
    const uint64_t span = std::min<uint64_t>(spanMiB << 20, uint64_t(st.st_size)) / batchBytes * batchBytes;
    if (span == 0) die("the file is smaller than one batch");

    const size_t page = 4096, lead = direct ? 0 : page / 2, stride = (lead + bytes + page - 1) / page * page;
    auto* memory = static_cast<char*>(std::aligned_alloc(page, stride * batch));
    std::memset(memory, 0x5a, stride * batch);
    std::vector<iovec> iov(batch);
    for (size_t i = 0; i < batch; ++i) iov[i] = {memory + i * stride + lead, bytes};

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    uint64_t offset = 0, writes = 0;
    while (Clock::now() < end) {
        if (::pwritev(fd, iov.data(), int(batch), off_t(offset)) != ssize_t(batchBytes))
            die(std::string("pwritev: ") + std::strerror(errno));
        writes += batch;
        offset = (offset + batchBytes) % span;
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("writes_per_s=%.0f us_per_write=%.3f mbps=%.1f\n", double(writes) / elapsed, elapsed / double(writes) * 1e6,
                double(writes * bytes) / elapsed / 1e6);
    std::free(memory);
    return 0;
}
