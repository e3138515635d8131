// SPDX-License-Identifier: GPL-2.0-or-later
// durable-group: how long a group of writes takes to reach stable storage, by each way a durable
// export could commit it, on the engine's own I/O (io_uring), without any network.
//
//   durable-group FILE --mode page-cache|direct|dsync|none [--writes N] [--bytes B] [--groups G] [--sequential]
//
// Each group writes N blocks of B bytes (default 16 x 4096: what 16 outstanding initiator writes
// bring) at random positions in FILE that are multiples of B (--sequential: one after the other), which must exist, be written full and be on the
// disk under test, and waits until the group is durable:
//   page-cache  every block written to the page cache, then one fdatasync (qvblade -s before)
//   direct      every block queued with O_DIRECT at once, then one fdatasync once all are in
//               (qvblade -s now, core/group_commit.h)
//   dsync       every block queued at once on an O_DSYNC descriptor: a flush each (O_SYNC, vblade -s)
//   none        every block written to the page cache, no sync: buffered writes' floor
// Prints one line: mode=, us_per_group= (mean), p99_us=, writes_per_s= (N / mean: the most a
// target that answers the group when it is durable can reach with N outstanding).
// docs/performance.md, "Durable writes", has what it measured.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/os/os.h"

namespace {

[[noreturn]] void die(const std::string& msg) {
    std::fprintf(stderr, "durable-group: %s\n", msg.c_str());
    std::exit(2);
}

// Waits until `count` queued operations have completed, in poll() as the engine does (its ring
// runs completions' task work only when the thread enters the kernel); any error ends the run.
void waitFor(qvblade::os::AsyncIo& io, size_t count) {
    if (!io.submit()) die(std::string("submit: ") + std::strerror(errno));
    while (count) {
        if (io.completionFd() >= 0) {
            pollfd p{io.completionFd(), POLLIN, 0};
            ::poll(&p, 1, 1000);
        }
        count -= io.reap([](void*, int result) {
            if (result < 0) die(std::string("I/O failed: ") + std::strerror(-result));
        });
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) die("usage: durable-group FILE --mode page-cache|direct|dsync|none [--writes N] [--bytes B] [--groups G] [--sequential]");
    const std::string path = argv[1];
    std::string mode;
    size_t writes = 16, bytes = 4096, groups = 2000;
    bool sequential = false;
    for (int i = 2; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--sequential") {
            sequential = true;
            --i;
            continue;
        }
        if (i + 1 >= argc) die(flag + " needs a value");
        if (flag == "--mode") mode = argv[i + 1];
        else if (flag == "--writes") writes = std::strtoul(argv[i + 1], nullptr, 10);
        else if (flag == "--bytes") bytes = std::strtoul(argv[i + 1], nullptr, 10);
        else if (flag == "--groups") groups = std::strtoul(argv[i + 1], nullptr, 10);
        else die("unknown option " + flag);
    }
    if (mode != "page-cache" && mode != "direct" && mode != "dsync" && mode != "none") die("--mode: page-cache, direct, dsync or none");
    if (!writes || !groups || !bytes || bytes % 512) die("--writes and --groups must be positive, --bytes a multiple of 512");

    int flags = O_RDWR | O_CLOEXEC;
    if (mode == "direct") flags |= O_DIRECT;
    if (mode == "dsync") flags |= O_DSYNC;
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) die(path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < off_t(bytes * writes)) die(path + ": too small");
    std::string why;
    auto io = qvblade::os::makeAsyncIo(unsigned(writes + 1), why);
    if (!io) die("no asynchronous I/O: " + why);

    std::vector<char*> buffers(writes);
    for (char*& b : buffers) {
        if (posix_memalign(reinterpret_cast<void**>(&b), 4096, bytes) != 0) die("out of memory");
        std::memset(b, 0x5a, bytes);
    }
    const uint64_t blocks = uint64_t(st.st_size) / bytes;
    std::mt19937_64 random(1);
    uint64_t next = 0;
    std::vector<double> micros;
    micros.reserve(groups);
    for (size_t g = 0; g < groups; ++g) {
        const auto start = std::chrono::steady_clock::now();
        for (size_t w = 0; w < writes; ++w) {
            const uint64_t offset = (sequential ? next++ % blocks : random() % blocks) * bytes;
            if (mode == "page-cache" || mode == "none") {
                if (::pwrite(fd, buffers[w], bytes, off_t(offset)) != ssize_t(bytes)) die(std::string("write: ") + std::strerror(errno));
            } else if (!io->queueWrite(fd, buffers[w], bytes, offset, nullptr)) {
                die("the submission queue is full");
            }
        }
        if (mode == "direct" || mode == "dsync") waitFor(*io, writes);
        if (mode == "page-cache" || mode == "direct") {
            if (!io->queueDataSync(fd, nullptr)) die("the submission queue is full");
            waitFor(*io, 1);
        }
        micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    double sum = 0;
    for (double m : micros) sum += m;
    const double mean = sum / double(micros.size());
    std::sort(micros.begin(), micros.end());
    std::printf("mode=%s writes=%zu bytes=%zu us_per_group=%.0f p99_us=%.0f writes_per_s=%.0f\n", mode.c_str(), writes, bytes,
                mean, micros[micros.size() * 99 / 100], double(writes) * 1e6 / mean);
    ::close(fd);
    return 0;
}
