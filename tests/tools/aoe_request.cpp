// SPDX-License-Identifier: GPL-2.0-or-later
// aoe_request: a tiny AoE initiator for end-to-end tests. Sends one request on a raw
// AF_PACKET socket and prints the reply's fields as key=value pairs on one line.
//
//   aoe_request -i IF [-t SHELF] [-n SLOT] [--dst MAC] [--timeout MS] [--all] [--tag N] CMD ...
//     identify                            ATA IDENTIFY DEVICE
//     read  --lba N --count N [--lba28]   ATA READ SECTORS (EXT unless --lba28)
//     write --lba N --count N [--lba28] (--pattern BYTE | --data-file PATH)
//     config [--ccmd read|test|prefix|set|fset] [--string S]
//     raw --hex "HEX"                     bytes after the Ethernet header, as given (may be truncated)
//   --out PATH      write a reply's data (read sectors, identify page) to PATH
//   --all           print every reply that arrives before the timeout (wildcard discovery)
//   --no-padding    send requests unpadded (as the Linux driver does); default: padded to 60 bytes
//   --repeat N      send the request N times back to back (tags tag..tag+N-1), wait for all the
//                   replies and print only "sent=N replies=M errors=E" (a burst, e.g. to a stopped target)
//   --stride        with --repeat: request i addresses LBA lba+i*count and a write carries the i-th
//                   count-sector chunk of --data-file (which then holds N*count sectors): a stream
//
// Reply line: src=MAC shelf=N slot=N tag=0x.. frame_len=N aoe_flags=0x.. error_flag=0|1
//   aoe_error=N cmd=N [ata_status=0x.. ata_error=0x.. ata_count=N ata_lba=N]
//   [bufcnt=N firmware=0x.. cfg_sectors=N ccmd=N cfg_len=N cfg="..."]
//   data_len=N data_cksum=CRC   (CRC as POSIX `cksum` prints for the same bytes)
// Exit: 0 a reply (any content) arrived (with --repeat: all of them), 2 no reply (not all) before
// the timeout, 1 usage or system error.
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "core/aoe_wire.h"

using namespace qvblade;
using namespace qvblade::aoe;

namespace {

constexpr int kExitReply = 0, kExitError = 1, kExitTimeout = 2;

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "aoe_request: %s\n", message.c_str());
    std::exit(kExitError);
}

// POSIX cksum: CRC-32 (polynomial 0x04C11DB7, MSB first) over the data then its length.
uint32_t posixCksum(const uint8_t* data, size_t length) {
    uint32_t crc = 0;
    auto feed = [&crc](uint8_t byte) {
        crc ^= uint32_t(byte) << 24;
        for (int i = 0; i < 8; ++i) crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
    };
    for (size_t i = 0; i < length; ++i) feed(data[i]);
    for (size_t n = length; n; n >>= 8) feed(uint8_t(n));
    return ~crc;
}

uint64_t number(const std::string& key, const std::string& text) {
    char* end = nullptr;
    errno = 0;
    const unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (text.empty() || errno || *end) die(key + ": '" + text + "' is not a number");
    return v;
}

std::vector<uint8_t> parseHex(const std::string& text) {
    std::vector<uint8_t> out;
    std::string digits;
    for (char c : text)
        if (std::isxdigit(uint8_t(c))) digits += c;
        else if (c != ' ' && c != ':' && c != '\n') die(std::string("--hex: unexpected character '") + c + "'");
    if (digits.size() % 2) die("--hex: odd number of hex digits");
    for (size_t i = 0; i < digits.size(); i += 2) out.push_back(uint8_t(std::stoul(digits.substr(i, 2), nullptr, 16)));
    return out;
}

struct Options {
    std::string command, interface, dst = "ff:ff:ff:ff:ff:ff", hex, pattern, dataFile, out, ccmd = "read", string;
    uint64_t shelf = 0xFFFF, slot = 0xFF, lba = 0, count = 1, timeoutMs = 2000, tag = 0, repeat = 1;
    bool tagGiven = false, lba28 = false, all = false, noPadding = false, stride = false;
    uint64_t dataOffset = 0;   // where in --data-file this request's sectors start (--stride)
};

Options parseArgs(int argc, char** argv) {
    Options o;
    const std::map<std::string, std::string*> strings = {
        {"-i", &o.interface}, {"--dst", &o.dst}, {"--hex", &o.hex}, {"--pattern", &o.pattern},
        {"--data-file", &o.dataFile}, {"--out", &o.out}, {"--ccmd", &o.ccmd}, {"--string", &o.string}};
    const std::map<std::string, uint64_t*> numbers = {{"-t", &o.shelf},   {"-n", &o.slot},
                                                      {"--lba", &o.lba},  {"--count", &o.count},
                                                      {"--timeout", &o.timeoutMs}, {"--tag", &o.tag},
                                                      {"--repeat", &o.repeat}};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--lba28") { o.lba28 = true; continue; }
        if (a == "--all") { o.all = true; continue; }
        if (a == "--no-padding") { o.noPadding = true; continue; }
        if (a == "--stride") { o.stride = true; continue; }
        if (a.rfind("-", 0) != 0) {
            if (!o.command.empty()) die("more than one command: " + o.command + ", " + a);
            o.command = a;
            continue;
        }
        if (i + 1 >= argc) die(a + " needs a value");
        if (auto s = strings.find(a); s != strings.end()) { *s->second = argv[++i]; continue; }
        if (auto n = numbers.find(a); n != numbers.end()) {
            *n->second = number(a, argv[++i]);
            if (a == "--tag") o.tagGiven = true;
            continue;
        }
        die("unknown option " + a);
    }
    if (o.interface.empty()) die("-i INTERFACE is required");
    if (o.command.empty()) die("a command is required: identify, read, write, config or raw");
    if (o.shelf > 0xFFFF) die("-t: shelf must be 0-65535");
    if (o.slot > 0xFF) die("-n: slot must be 0-255");
    if (o.repeat < 1 || o.repeat > 65536) die("--repeat: 1-65536");
    if (o.repeat > 1 && (o.all || o.command == "raw" || !o.out.empty())) die("--repeat cannot be combined with --all, raw or --out");
    if (o.stride && (o.repeat < 2 || (o.command != "read" && o.command != "write"))) die("--stride needs --repeat and read or write");
    return o;
}

struct Socket {
    int fd = -1;
    int ifindex = 0;
    MacAddress mac;
};

Socket openSocket(const std::string& interface) {
    Socket s;
    s.fd = ::socket(AF_PACKET, SOCK_RAW, htons(kEtherType));
    if (s.fd < 0) die(std::string("socket(AF_PACKET): ") + std::strerror(errno) + " (needs root or CAP_NET_RAW)");
    ifreq ifr{};
    if (interface.size() >= IFNAMSIZ) die("interface name too long: " + interface);
    std::strncpy(ifr.ifr_name, interface.c_str(), IFNAMSIZ - 1);
    if (::ioctl(s.fd, SIOCGIFINDEX, &ifr) < 0) die(interface + ": " + std::strerror(errno));
    s.ifindex = ifr.ifr_ifindex;
    if (::ioctl(s.fd, SIOCGIFHWADDR, &ifr) < 0) die(interface + ": SIOCGIFHWADDR: " + std::strerror(errno));
    s.mac = MacAddress::fromBytes(reinterpret_cast<const uint8_t*>(ifr.ifr_hwaddr.sa_data));
    sockaddr_ll sll{};
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(kEtherType);
    sll.sll_ifindex = s.ifindex;
    if (::bind(s.fd, reinterpret_cast<sockaddr*>(&sll), sizeof sll) < 0)
        die(interface + ": bind: " + std::strerror(errno));
    return s;
}

std::vector<uint8_t> writeData(const Options& o) {
    const size_t bytes = size_t(o.count) * 512;
    if (!o.dataFile.empty()) {
        std::ifstream in(o.dataFile, std::ios::binary);
        if (!in) die(o.dataFile + ": " + std::strerror(errno));
        std::vector<uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (data.size() < o.dataOffset + bytes) die(o.dataFile + ": holds fewer than count*512 bytes (times --repeat with --stride)");
        return std::vector<uint8_t>(data.begin() + long(o.dataOffset), data.begin() + long(o.dataOffset + bytes));
    }
    if (o.pattern.empty()) die("write needs --pattern BYTE or --data-file PATH");
    const uint64_t byte = number("--pattern", o.pattern);
    if (byte > 0xFF) die("--pattern: a byte value 0-255");
    return std::vector<uint8_t>(bytes, uint8_t(byte));
}

uint8_t configCommand(const std::string& name) {
    static const std::map<std::string, ConfigCmd> table = {{"read", ConfigCmd::Read}, {"test", ConfigCmd::TestExact},
                                                            {"prefix", ConfigCmd::TestPrefix}, {"set", ConfigCmd::Set},
                                                            {"fset", ConfigCmd::ForceSet}};
    auto it = table.find(name);
    if (it == table.end()) die("--ccmd: one of read, test, prefix, set, fset");
    return uint8_t(it->second);
}

// Builds the request frame (Ethernet header included).
std::vector<uint8_t> buildRequest(const Options& o, const MacAddress& src, uint32_t tag) {
    auto dst = MacAddress::parse(o.dst);
    if (!dst) die("--dst: not a MAC address: " + o.dst);
    std::vector<uint8_t> f(off::kArg, 0);
    const uint16_t shelf = uint16_t(o.shelf);
    const uint8_t slot = uint8_t(o.slot);
    if (o.command == "raw") {
        writeHeader(f.data(), *dst, src, 0, Error::None, 0, 0, Command::Ata, 0);
        f.resize(off::kVerFlags);  // keep only the Ethernet header
        const auto body = parseHex(o.hex);
        f.insert(f.end(), body.begin(), body.end());
        return f;
    }
    if (o.command == "config") {
        writeHeader(f.data(), *dst, src, 0, Error::None, shelf, slot, Command::QueryConfig, tag);
        f.resize(off::kCfgData, 0);
        f[off::kCfgVerCmd] = uint8_t(kVersion << 4 | configCommand(o.ccmd));
        if (o.string.size() > kMaxConfigString) die("--string: longer than 1024 bytes");
        putBe16(f.data() + off::kCfgLength, uint16_t(o.string.size()));
        f.insert(f.end(), o.string.begin(), o.string.end());
        return f;
    }
    writeHeader(f.data(), *dst, src, 0, Error::None, shelf, slot, Command::Ata, tag);
    f.resize(off::kAtaData, 0);
    if (o.command == "identify") {
        f[off::kAtaSectors] = 1;
        f[off::kAtaCmdStatus] = 0xEC;
        return f;
    }
    const bool write = o.command == "write";
    if (!write && o.command != "read") die("unknown command " + o.command);
    if (o.count > 255) die("--count: at most 255 sectors");
    f[off::kAtaSectors] = uint8_t(o.count);
    if (o.lba28) {
        if (o.lba > 0x0FFFFFFF) die("--lba: an LBA28 address is at most 0x0FFFFFFF");
        f[off::kAtaCmdStatus] = write ? 0x30 : 0x20;
        putLe48(f.data() + off::kAtaLba, o.lba);
        f[off::kAtaLba + 3] |= 0xE0;  // the device register bits the Linux driver sets
    } else {
        f[off::kAtaFlags] = kAtaExtended;
        f[off::kAtaCmdStatus] = write ? 0x34 : 0x24;
        putLe48(f.data() + off::kAtaLba, o.lba);
    }
    if (write) {
        f[off::kAtaFlags] |= kAtaWrite;
        const auto data = writeData(o);
        f.insert(f.end(), data.begin(), data.end());
    }
    return f;
}

// The request as sent: padded to the Ethernet minimum unless --no-padding.
std::vector<uint8_t> requestFrame(const Options& o, const MacAddress& src, uint32_t tag) {
    std::vector<uint8_t> frame = buildRequest(o, src, tag);
    if (!o.noPadding && frame.size() < kMinFrame) frame.resize(kMinFrame, 0);
    return frame;
}

std::string printable(const uint8_t* p, size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) {
        const char c = char(p[i]);
        if (c == '"' || c == '\\') { s += '\\'; s += c; }
        else if (std::isprint(uint8_t(c))) s += c;
        else { char esc[5]; std::snprintf(esc, sizeof esc, "\\x%02x", p[i]); s += esc; }
    }
    return s;
}

// Prints one reply; returns its data (for --out).
std::vector<uint8_t> printReply(const uint8_t* f, size_t n) {
    const HeaderView h{f};
    std::printf("src=%s shelf=%u slot=%u tag=0x%08x frame_len=%zu aoe_flags=0x%02x error_flag=%d aoe_error=%u cmd=%u",
                h.source().toString().c_str(), h.shelf(), h.slot(), h.tag(), n, h.flags(),
                (h.flags() & kFlagError) ? 1 : 0, f[off::kError], h.command());
    const uint8_t* data = f + n;
    size_t dataLength = 0;
    if (h.command() == uint8_t(Command::Ata) && n >= off::kAtaData) {
        std::printf(" ata_status=0x%02x ata_error=0x%02x ata_count=%u ata_lba=%llu", f[off::kAtaCmdStatus],
                    f[off::kAtaErrFeature], f[off::kAtaSectors],
                    (unsigned long long)getLe48(f + off::kAtaLba));
        data = f + off::kAtaData;
        dataLength = n - off::kAtaData;
    } else if (h.command() == uint8_t(Command::QueryConfig) && n >= off::kCfgData) {
        const size_t len = getBe16(f + off::kCfgLength);
        const size_t shown = std::min(len, n - off::kCfgData);
        std::printf(" bufcnt=%u firmware=0x%04x cfg_sectors=%u ccmd=%u cfg_len=%zu cfg=\"%s\"",
                    getBe16(f + off::kCfgBufCount), getBe16(f + off::kCfgFirmware), f[off::kCfgSectors],
                    f[off::kCfgVerCmd] & 0x0F, len, printable(f + off::kCfgData, shown).c_str());
        data = f + off::kCfgData;
        dataLength = shown;
    }
    std::printf(" data_len=%zu data_cksum=%u\n", dataLength, posixCksum(data, dataLength));
    std::fflush(stdout);
    return {data, data + dataLength};
}

// Waits for the next frame addressed to us until `deadline`; its length, or 0 when time is up.
size_t receiveFrame(const Socket& s, std::chrono::steady_clock::time_point deadline, std::vector<uint8_t>& buf) {
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return 0;
        pollfd p{s.fd, POLLIN, 0};
        const int r = ::poll(&p, 1, int(left.count()));
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) die(std::string("poll: ") + std::strerror(errno));
        if (r == 0) return 0;
        sockaddr_ll from{};
        socklen_t fromLength = sizeof from;
        const ssize_t n = ::recvfrom(s.fd, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &fromLength);
        if (n < 0) die(std::string("recv: ") + std::strerror(errno));
        if (from.sll_pkttype != PACKET_OUTGOING && n > 0) return size_t(n);
    }
}

// --repeat: sends the request o.repeat times with consecutive tags (with --stride, each at the
// next LBA range), then counts the replies.
int burst(const Options& o, const Socket& s, std::vector<uint8_t> frame, const sockaddr_ll& to, uint32_t firstTag) {
    int big = 64 << 20;   // hold every reply: our own socket must not be what drops them
    ::setsockopt(s.fd, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof big);
    for (uint64_t i = 0; i < o.repeat; ++i) {
        if (o.stride && i > 0) {
            Options next = o;
            next.lba = o.lba + i * o.count;
            next.dataOffset = i * o.count * 512;
            frame = requestFrame(next, HeaderView{frame.data()}.source(), firstTag);
        }
        putBe32(frame.data() + off::kTag, uint32_t(firstTag + i));
        while (::sendto(s.fd, frame.data(), frame.size(), 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) < 0) {
            if (errno != ENOBUFS && errno != EAGAIN) die(std::string("send: ") + std::strerror(errno));
            ::usleep(100);   // the interface queue is full: let it drain
        }
    }
    std::vector<bool> seen(o.repeat, false);
    uint64_t replies = 0, errors = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.timeoutMs);
    std::vector<uint8_t> buf(65536);
    while (replies < o.repeat) {
        const size_t n = receiveFrame(s, deadline, buf);
        if (n == 0) break;
        if (n < off::kArg) continue;
        const HeaderView h{buf.data()};
        const uint32_t index = h.tag() - firstTag;
        if (h.etherType() != kEtherType || !h.isResponse() || index >= o.repeat || seen[index]) continue;
        seen[index] = true;
        ++replies;
        const bool ataFailed = h.command() == uint8_t(Command::Ata) && n > off::kAtaCmdStatus &&
                               (buf[off::kAtaCmdStatus] & 0x01);
        if ((h.flags() & kFlagError) || ataFailed) ++errors;
    }
    std::printf("sent=%llu replies=%llu errors=%llu\n", (unsigned long long)o.repeat, (unsigned long long)replies,
                (unsigned long long)errors);
    return replies == o.repeat ? kExitReply : kExitTimeout;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parseArgs(argc, argv);
    const Socket s = openSocket(o.interface);
    timeval now{};
    ::gettimeofday(&now, nullptr);
    const uint32_t tag = o.tagGiven ? uint32_t(o.tag) : uint32_t(0x80000000u | (uint32_t(now.tv_usec) ^ uint32_t(::getpid() << 8)));

    std::vector<uint8_t> frame = requestFrame(o, s.mac, tag);
    sockaddr_ll to{};
    to.sll_family = AF_PACKET;
    to.sll_ifindex = s.ifindex;
    to.sll_halen = 6;
    std::memcpy(to.sll_addr, frame.data(), 6);
    if (o.repeat > 1) return burst(o, s, frame, to, tag);
    if (::sendto(s.fd, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0)
        die(std::string("send: ") + std::strerror(errno));

    // Replies: AoE responses carrying our tag (a raw frame's tag is whatever its bytes say).
    const uint32_t wantTag = o.command == "raw" && frame.size() >= off::kArg ? HeaderView{frame.data()}.tag() : tag;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(o.timeoutMs);
    std::vector<uint8_t> buf(65536);
    int replies = 0;
    for (;;) {
        const size_t n = receiveFrame(s, deadline, buf);
        if (n == 0) break;
        if (n < off::kArg) continue;
        const HeaderView h{buf.data()};
        if (h.etherType() != kEtherType || !h.isResponse() || h.tag() != wantTag) continue;
        const auto data = printReply(buf.data(), n);
        ++replies;
        if (!o.out.empty()) {
            std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
            if (!out) die(o.out + ": write failed");
        }
        if (!o.all) break;
    }
    if (replies == 0) {
        std::printf("timeout=1\n");
        std::fprintf(stderr, "aoe_request: no reply within %llu ms\n", (unsigned long long)o.timeoutMs);
        return kExitTimeout;
    }
    return kExitReply;
}
