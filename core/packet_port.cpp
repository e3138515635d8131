// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/packet_port.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/aoe_wire.h"

namespace qvblade {

static_assert(PacketPort::kHeadBytes == aoe::off::kAtaData, "a split frame's header is the AoE and ATA headers");

namespace {

constexpr int kRingBytes = 4 << 20;   // the libpcap ring: 462 frames at MTU 9000, 2622 at 1500

std::string activationError(pcap_t* p, int rc, const std::string& name) {
    switch (rc) {
    case PCAP_ERROR_NO_SUCH_DEVICE:
        return "interface " + name + " does not exist";
    case PCAP_ERROR_PERM_DENIED:
        return "no permission to open a raw socket on " + name +
               " (run as root, or grant CAP_NET_RAW: setcap cap_net_raw+ep qvblade-cli)";
    case PCAP_ERROR_IFACE_NOT_UP:
        return "interface " + name + " is down (ip link set " + name + " up)";
    default:
        return "cannot open " + name + ": " + pcap_geterr(p);
    }
}

}  // namespace

constexpr int kAdoptedBatch = 16;

PacketPort::~PacketPort() {
    if (sendFd_ >= 0 && sendFd_ != fd_) ::close(sendFd_);
    if (pcap_) pcap_close(pcap_);
    else if (fd_ >= 0) ::close(fd_);
}

std::unique_ptr<PacketPort> PacketPort::adopt(int receiveFd, int sendFd, const os::InterfaceInfo& info, std::string& error) {
    std::unique_ptr<PacketPort> port(new PacketPort);
    port->fd_ = receiveFd;
    port->sendFd_ = sendFd >= 0 ? sendFd : receiveFd;
    port->sendHead_ = sendFd >= 0 ? kHeadBytes : 0;
    port->info_ = info;
    port->rxFrameBytes_ = size_t(info.mtu) + 18;
    port->rxBuffer_.resize(port->rxFrameBytes_ * kAdoptedBatch);
    port->tx_.reserve(64);
    if (receiveFd < 0) {
        error = "no receive socket for " + info.name;
        return nullptr;
    }
    if (!port->setReceiveFilter({}, error)) return nullptr;
    return port;
}

int PacketPort::receiveAdopted(FrameSink& sink, int maxFrames) {
    mmsghdr msgs[kAdoptedBatch];
    iovec iov[kAdoptedBatch];
    const int n = std::min(maxFrames, kAdoptedBatch);
    for (int i = 0; i < n; ++i) {
        iov[i] = {rxBuffer_.data() + size_t(i) * rxFrameBytes_, rxFrameBytes_};
        msgs[i] = mmsghdr{};
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    const int got = ::recvmmsg(fd_, msgs, unsigned(n), MSG_DONTWAIT, nullptr);
    if (got < 0) return errno == EAGAIN || errno == EINTR ? 0 : -1;
    for (int i = 0; i < got; ++i) sink.onFrame(rxBuffer_.data() + size_t(i) * rxFrameBytes_, msgs[i].msg_len);
    return got;
}

std::unique_ptr<PacketPort> PacketPort::open(const std::string& interface, std::string& error) {
    auto info = os::interfaceInfo(interface, error);
    if (!info) return nullptr;
    if (!info->up) {
        error = "interface " + interface + " is down (ip link set " + interface + " up)";
        return nullptr;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_create(interface.c_str(), errbuf);
    if (!p) {
        error = "cannot open " + interface + ": " + errbuf;
        return nullptr;
    }
    std::unique_ptr<PacketPort> port(new PacketPort);
    port->pcap_ = p;
    port->info_ = *info;
    // The snap length sizes the ring's frames: libpcap otherwise assumes 64 KiB frames on any
    // interface with segmentation offload (nearly all; AoE frames are never aggregated) and the
    // ring then holds only 64 frames. The largest legal AoE frame is the MTU plus the Ethernet
    // header (and a VLAN tag, to be safe).
    pcap_set_snaplen(p, int(info->mtu) + 18);
    pcap_set_promisc(p, 0);
    pcap_set_immediate_mode(p, 1);   // deliver each frame at once: latency is what an initiator waits on
    pcap_set_buffer_size(p, kRingBytes);
    const int rc = pcap_activate(p);
    if (rc < 0) {
        error = activationError(p, rc, interface);
        return nullptr;
    }
    if (pcap_datalink(p) != DLT_EN10MB) {
        error = "interface " + interface + " is not an Ethernet interface";
        return nullptr;
    }
    // Frames other programs send (another target's replies) would otherwise come back to us as
    // captured outgoing frames.
    pcap_setdirection(p, PCAP_D_IN);
    if (!port->setReceiveFilter({}, error)) return nullptr;
    if (pcap_setnonblock(p, 1, errbuf) < 0) {
        error = "cannot set " + interface + " non-blocking: " + errbuf;
        return nullptr;
    }
    port->fd_ = pcap_get_selectable_fd(p);
    if (port->fd_ < 0) {
        error = "interface " + interface + " cannot be polled";
        return nullptr;
    }
    // libpcap binds to every EtherType and filters each frame in the kernel: bound to AoE alone
    // the socket is not even handed the rest of the interface's traffic, nor what other programs
    // send on it. Where that fails, the filter and direction check above still do the job.
    os::receiveOnlyEtherType(port->fd_, interface, aoe::kEtherType);
    // Replies go out on a socket of their own that can place their data page-aligned in the
    // kernel's buffer; libpcap's socket still works, a little slower for jumbo replies.
    port->sendFd_ = os::openSendSocket(interface);
    port->sendHead_ = kHeadBytes;
    if (port->sendFd_ < 0) port->sendFd_ = port->fd_, port->sendHead_ = 0;
    port->tx_.reserve(256);
    return port;
}

void PacketPort::trampoline(u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
    // caplen < len only if the frame exceeded the snap length: never for a legal AoE frame.
    reinterpret_cast<FrameSink*>(user)->onFrame(bytes, h->caplen);
}

int PacketPort::receive(FrameSink& sink, int maxFrames) {
    if (!pcap_) return receiveAdopted(sink, maxFrames);
    return pcap_dispatch(pcap_, maxFrames, &PacketPort::trampoline, reinterpret_cast<u_char*>(&sink));
}

void PacketPort::queue(const uint8_t* frame, size_t length) {
    tx_.push_back({{{const_cast<uint8_t*>(frame), length}, {}}, 1});
}

void PacketPort::queue(const uint8_t* header, const uint8_t* data, size_t dataLength) {
    tx_.push_back({{{const_cast<uint8_t*>(header), kHeadBytes}, {const_cast<uint8_t*>(data), dataLength}}, 2});
}

bool PacketPort::flush() {
    failures_.clear();
    if (tx_.empty()) return true;
    const int n = int(tx_.size());
    int sent = 0, failed = 0;
    for (int i = 0; i < n;) {
        const int r = std::max(0, os::sendFrames(sendFd_, &tx_[size_t(i)], n - i, sendHead_));
        sent += r;
        i += r;
        if (i == n) break;
        // The batch stopped at frame i (a full queue, or data that could no longer be read
        // from a mapping): one more try alone, then tell the caller (failures()), whose
        // initiator retransmits a lost frame.
        if (os::sendFrames(sendFd_, &tx_[size_t(i)], 1, sendHead_) == 1) ++sent;
        else ++failed, failures_.push_back({size_t(i), errno});
        ++i;
    }
    uint64_t bytes = 0;
    for (const os::OutFrame& f : tx_)
        for (int k = 0; k < f.pieceCount; ++k) bytes += f.pieces[k].iov_len;
    bump(counters_.framesOut, uint64_t(sent));
    bump(counters_.bytesOut, bytes);
    if (failed) bump(counters_.sendErrors, uint64_t(failed));
    tx_.clear();
    return failed == 0;
}

bool PacketPort::setReceiveFilter(const std::vector<AoeAddress>& exported, std::string& error) {
    bpf_program filter{};
    if (!pcap_) {
        // The same program, compiled for Ethernet and attached to the plain socket.
        pcap_t* dead = pcap_open_dead(DLT_EN10MB, int(rxFrameBytes_));
        if (!dead || !compileReceiveFilter(dead, exported, filter, error)) {
            if (dead) pcap_close(dead);
            error = "cannot filter AoE frames on " + info_.name + ": " + error;
            return false;
        }
        const bool set = os::attachSocketFilter(fd_, filter.bf_insns, filter.bf_len, error);
        if (!set) error = "cannot filter AoE frames on " + info_.name + ": " + error;
        pcap_freecode(&filter);
        pcap_close(dead);
        return set;
    }
    if (!compileReceiveFilter(pcap_, exported, filter, error)) {
        error = "cannot filter AoE frames on " + info_.name + ": " + error;
        return false;
    }
    const bool set = pcap_setfilter(pcap_, &filter) == 0;
    pcap_freecode(&filter);
    if (!set) error = "cannot filter AoE frames on " + info_.name + ": " + pcap_geterr(pcap_);
    return set;
}

int PacketPort::sizeReceiveBuffer(int bytes) { return os::setReceiveBuffer(fd_, bytes); }

void PacketPort::updateDropCounters() {
    if (!pcap_) {
        // The kernel resets these counts at each read: add them up.
        if (const uint64_t drops = os::takeSocketDrops(fd_)) counters_.kernelDrops.fetch_add(drops, std::memory_order_relaxed);
        return;
    }
    pcap_stat st{};
    if (pcap_stats(pcap_, &st) == 0) {
        counters_.kernelDrops.store(st.ps_drop, std::memory_order_relaxed);
        counters_.interfaceDrops.store(st.ps_ifdrop, std::memory_order_relaxed);
    }
}

}  // namespace qvblade
