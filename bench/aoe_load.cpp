// SPDX-License-Identifier: GPL-2.0-or-later
// aoe-load: an AoE initiator that measures a target, not itself. It keeps N requests in
// flight, receives replies from a memory-mapped ring (headers only, spinning instead of
// sleeping) and sends the next requests in batches (sendmmsg), so that at 16 outstanding
// frames the target, not this program, is the limit.
//
//   aoe-load IFACE SHELF SLOT [--outstanding N] [--op read|write] [--bytes B]
//            [--random] [--seconds T] [--span-mib M] [--no-spin]
//
// Prints one line of key=value results (iops, mbps, latency percentiles in microseconds,
// retransmits, timeouts, errors = ATA errors + short read replies, the target's buffer count).
// Replies of any legal length are taken: padded or not, longer than needed (vblade 25); a read
// reply shorter than its header plus the data asked for is counted as an error.
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/aoe_wire.h"
#include "bench/initiator.h"
#include "core/ata.h"

using namespace qvblade;
using namespace qvblade::aoe;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string interface;
    uint16_t shelf = 0;
    uint8_t slot = 0;
    int outstanding = 16;
    bool write = false;
    uint32_t bytes = 4096;
    bool random = false;
    double seconds = 5;
    uint64_t spanMiB = 64;
    bool spin = true;   // poll for replies without sleeping (see the receive loop)
};

[[noreturn]] void die(const std::string& msg) {
    std::fprintf(stderr, "aoe-load: %s\n", msg.c_str());
    std::exit(2);
}

Options parse(int argc, char** argv) {
    if (argc < 4) die("usage: aoe-load IFACE SHELF SLOT [--outstanding N] [--op read|write] [--bytes B] [--random] [--seconds T] [--span-mib M]");
    Options o;
    o.interface = argv[1];
    o.shelf = uint16_t(std::atoi(argv[2]));
    o.slot = uint8_t(std::atoi(argv[3]));
    for (int i = 4; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&] { if (++i >= argc) die(a + " needs a value"); return std::string(argv[i]); };
        if (a == "--outstanding") o.outstanding = std::stoi(next());
        else if (a == "--op") o.write = next() == "write";
        else if (a == "--bytes") o.bytes = uint32_t(std::stoul(next()));
        else if (a == "--random") o.random = true;
        else if (a == "--seconds") o.seconds = std::stod(next());
        else if (a == "--span-mib") o.spanMiB = std::stoull(next());
        else if (a == "--no-spin") o.spin = false;
        else die("unknown option " + a);
    }
    if (o.bytes % 512 || o.bytes == 0) die("--bytes must be a multiple of 512");
    if (o.outstanding < 1 || o.outstanding > 256) die("--outstanding must be 1-256");
    return o;
}

// A frame buffer whose byte 14 (just after the Ethernet header) starts a page. The kernel copies
// a frame of more than a page between the user's buffer and the start of a fresh page from that
// byte on, and `rep movsb` runs ~20 times slower when the destination is 1-31 bytes ahead of the
// source modulo 4096 (4K aliasing): an arbitrary heap address would make this program's speed,
// and so the measurement, depend on where malloc put its buffers.
class FrameBuffer {
public:
    explicit FrameBuffer(size_t size = 0) { assign(size, 0); }
    void assign(size_t size, uint8_t value) {
        memory_.reset(static_cast<uint8_t*>(std::aligned_alloc(4096, (size + 14 + 4095) / 4096 * 4096 + 4096)));
        if (!memory_) die("out of memory");
        data_ = memory_.get() + 4096 - 14;
        size_ = size;
        std::memset(data_, value, size);
    }
    uint8_t* data() { return data_; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    uint8_t& operator[](size_t i) { return data_[i]; }

private:
    struct Free { void operator()(uint8_t* p) const { std::free(p); } };
    std::unique_ptr<uint8_t, Free> memory_;
    uint8_t* data_ = nullptr;
    size_t size_ = 0;
};

// Replies arrive in a TPACKET_V2 receive ring of small frames: the kernel copies only the first
// bytes of each reply into it (tp_len still says how long the reply was) and frees the reply
// right away, on the CPU that sent it, as a NIC's transmit completion would. Received with
// recvmmsg instead, every reply was freed here, on the other CPU: on a veth pair the sender then
// allocated each reply's pages from memory this CPU had just freed, and our own dequeuing left
// less time to send the next requests. Against the null target that held the ceiling 20-40 %
// lower (docs/performance.md); the targets that are slower than this program did not change.
class ReplyRing {
public:
    explicit ReplyRing(int fd) {
        int version = TPACKET_V2;
        if (::setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof version) < 0) die(std::string("PACKET_VERSION: ") + std::strerror(errno));
        tpacket_req req{};
        req.tp_block_size = kBlockBytes;
        req.tp_block_nr = kFrames * kFrameBytes / kBlockBytes;
        req.tp_frame_size = kFrameBytes;
        req.tp_frame_nr = kFrames;
        if (::setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req) < 0) die(std::string("PACKET_RX_RING: ") + std::strerror(errno));
        void* m = ::mmap(nullptr, kFrames * kFrameBytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
        if (m == MAP_FAILED) die(std::string("cannot map the receive ring: ") + std::strerror(errno));
        ring_ = static_cast<uint8_t*>(m);
    }
    ~ReplyRing() { ::munmap(ring_, kFrames * kFrameBytes); }
    ReplyRing(const ReplyRing&) = delete;
    ReplyRing& operator=(const ReplyRing&) = delete;

    // Hands up to `max` waiting frames to onFrame(start, full length); returns how many.
    template <class OnFrame>
    int drain(int max, OnFrame&& onFrame) {
        int n = 0;
        for (; n < max; ++n) {
            auto* h = reinterpret_cast<tpacket2_hdr*>(ring_ + next_ * kFrameBytes);
            if (!(__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER)) break;
            onFrame(reinterpret_cast<const uint8_t*>(h) + h->tp_mac, size_t(h->tp_len));
            __atomic_store_n(&h->tp_status, uint32_t(TP_STATUS_KERNEL), __ATOMIC_RELEASE);
            next_ = (next_ + 1) % kFrames;
        }
        return n;
    }

private:
    // 256 bytes hold the ring's frame header and a reply's first 190 bytes: more than its headers.
    static constexpr size_t kFrameBytes = 256, kBlockBytes = 4096, kFrames = 4096;
    uint8_t* ring_ = nullptr;
    size_t next_ = 0;
};

struct Request {
    FrameBuffer frame;
    Clock::time_point sent;
    uint64_t lba = 0;
    bool busy = false;
};

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    std::string error;
    MacAddress self;
    const int fd = initiator::openSocket(o.interface, self, error);
    if (fd < 0) die(error);

    // Find the target: a Query Config read to its shelf.slot by broadcast.
    MacAddress target{};
    uint32_t maxSectors = 0, bufCount = 0;
    if (const auto found = initiator::discover(fd, self, o.shelf, o.slot, 20)) {
        target = found->mac;
        maxSectors = found->maxSectors;
        bufCount = found->bufferCount;
    }
    if (maxSectors == 0) die("no target e" + std::to_string(o.shelf) + "." + std::to_string(o.slot) + " answered");
    const uint32_t sectors = o.bytes / 512;
    if (sectors > maxSectors) die("target takes at most " + std::to_string(maxSectors) + " sectors per frame");
    if (bufCount && uint32_t(o.outstanding) > bufCount)
        std::fprintf(stderr, "aoe-load: warning: %d outstanding, but the target advertises %u buffers\n", o.outstanding, bufCount);

    const uint64_t spanSectors = o.spanMiB * 2048;
    std::mt19937_64 rng(42);
    uint64_t nextSeq = 0;
    auto nextLba = [&] {
        if (o.random) return (rng() % (spanSectors / sectors)) * sectors;
        const uint64_t l = nextSeq;
        nextSeq = (nextSeq + sectors) % (spanSectors - sectors);
        return l;
    };
    std::vector<Request> reqs(size_t(o.outstanding));
    for (size_t i = 0; i < reqs.size(); ++i) {
        auto& r = reqs[i];
        r.frame.assign(off::kAtaData + (o.write ? o.bytes : 0), 0);
        writeHeader(r.frame.data(), target, self, 0, Error::None, o.shelf, o.slot, Command::Ata, uint32_t(i));
        r.frame[off::kAtaFlags] = uint8_t(kAtaExtended | (o.write ? kAtaWrite : 0));
        r.frame[off::kAtaSectors] = uint8_t(sectors);
        r.frame[off::kAtaCmdStatus] = o.write ? ata::kWriteSectorsExt : ata::kReadSectorsExt;
        for (size_t b = off::kAtaData; b < r.frame.size(); ++b) r.frame[b] = uint8_t(b * 31 + i);
    }

    // From here on replies come through the ring (the Query Config above used plain recv).
    ReplyRing replies(fd);
    constexpr int kBatch = 64;
    std::vector<iovec> txIov(size_t(o.outstanding));
    std::vector<mmsghdr> txMsg(size_t(o.outstanding));
    std::vector<Request*> toSend;
    uint32_t generation = 0;   // upper tag bits: a late reply to a retransmitted request is not counted twice
    auto issue = [&](size_t i) {
        Request& r = reqs[i];
        r.lba = nextLba();
        putLe48(r.frame.data() + off::kAtaLba, r.lba);
        putBe32(r.frame.data() + off::kTag, uint32_t(i) | (++generation & 0x7fff) << 16);
        r.busy = true;
        r.sent = Clock::now();   // not timed out before it is sent (flush stamps it again)
        toSend.push_back(&r);
    };
    auto flush = [&] {
        if (toSend.size() > txMsg.size()) { txIov.resize(toSend.size()); txMsg.resize(toSend.size()); }
        for (size_t k = 0; k < toSend.size(); ++k) {
            toSend[k]->sent = Clock::now();
            txIov[k] = {toSend[k]->frame.data(), toSend[k]->frame.size()};
            txMsg[k].msg_hdr = {};
            txMsg[k].msg_hdr.msg_iov = &txIov[k];
            txMsg[k].msg_hdr.msg_iovlen = 1;
        }
        size_t done = 0;
        while (done < toSend.size()) {
            const int n = ::sendmmsg(fd, txMsg.data() + done, unsigned(toSend.size() - done), 0);
            if (n <= 0) die(std::string("sendmmsg: ") + std::strerror(errno));
            done += size_t(n);
        }
        toSend.clear();
    };

    std::vector<uint32_t> latencies;
    latencies.reserve(1 << 22);
    uint64_t completed = 0, ataErrors = 0, shortReplies = 0, retransmits = 0, timeouts = 0;
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration<double>(o.seconds);
    for (size_t i = 0; i < reqs.size(); ++i) issue(i);
    flush();
    const auto timeout = std::chrono::milliseconds(200);
    while (Clock::now() < end) {
        // Spinning keeps this program awake, so a reply never has to wake it: on a veth pair the
        // target's CPU would otherwise pay for that wake-up (an inter-processor interrupt, costly in
        // a VM) with every reply, and the target would be measured with our sleep in it.
        if (!o.spin) {
            pollfd p{fd, POLLIN, 0};
            ::poll(&p, 1, 50);
        }
        const auto now = Clock::now();
        replies.drain(kBatch, [&](const uint8_t* f, size_t len) {
            if (len < off::kAtaFlags) return;   // not even an AoE header
            HeaderView h{f};
            if (!h.isResponse() || h.command() != 0 || h.source() != target) return;
            const size_t i = h.tag() & 0xffff;
            if (i >= reqs.size() || !reqs[i].busy || h.tag() != getBe32(reqs[i].frame.data() + off::kTag)) return;
            // An AoE error reply may stop after the AoE header; any other reply carries the ATA header.
            if ((h.flags() & kFlagError) || len < off::kAtaData || (f[off::kAtaCmdStatus] & ata::kStatusErr)) ++ataErrors;
            else if (!o.write && len < off::kAtaData + o.bytes) ++shortReplies;
            latencies.push_back(uint32_t(std::chrono::duration_cast<std::chrono::microseconds>(now - reqs[i].sent).count()));
            ++completed;
            reqs[i].busy = false;
            issue(i);
        });
        for (auto& r : reqs)
            if (r.busy && now - r.sent > timeout) {
                ++timeouts;
                ++retransmits;
                toSend.push_back(&r);   // same tag: a retransmit, as the Linux driver does
            }
        flush();
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::sort(latencies.begin(), latencies.end());
    auto pct = [&](double p) { return latencies.empty() ? 0u : latencies[size_t(p * double(latencies.size() - 1))]; };
    std::printf("op=%s bytes=%u outstanding=%d pattern=%s iops=%.0f mbps=%.1f p50_us=%u p99_us=%u max_us=%u "
                "completed=%llu errors=%llu ata_errors=%llu short_replies=%llu retransmits=%llu timeouts=%llu target_buffers=%u\n",
                o.write ? "write" : "read", o.bytes, o.outstanding, o.random ? "random" : "seq", double(completed) / elapsed,
                double(completed) * o.bytes / elapsed / 1e6, pct(0.5), pct(0.99), latencies.empty() ? 0 : latencies.back(),
                (unsigned long long)completed, (unsigned long long)(ataErrors + shortReplies), (unsigned long long)ataErrors,
                (unsigned long long)shortReplies, (unsigned long long)retransmits, (unsigned long long)timeouts, bufCount);
    return ataErrors + shortReplies ? 1 : 0;
}
