// SPDX-License-Identifier: GPL-2.0-or-later
// One network interface opened for AoE through libpcap: receives batches of AoE frames from
// the kernel's ring and sends replies in batches.
#pragma once

#include <pcap/pcap.h>
#include <sys/uio.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/counters.h"
#include "core/os/os.h"
#include "core/receive_filter.h"

namespace qvblade {

class FrameSink {
public:
    virtual ~FrameSink() = default;
    // `frame` is valid only during the call.
    virtual void onFrame(const uint8_t* frame, size_t length) = 0;
};

class PacketPort {
public:
    ~PacketPort();
    PacketPort(const PacketPort&) = delete;
    PacketPort& operator=(const PacketPort&) = delete;

    // Opens `interface` for AoE (EtherType 0x88A2, incoming only). Fails with one sentence
    // when the interface is missing, down, or raw sockets are not permitted.
    static std::unique_ptr<PacketPort> open(const std::string& interface, std::string& error);
    // A port on packet sockets opened elsewhere, e.g. by a process in another network namespace
    // (the demo, privhelper/demo_requests.cpp), which this process could not open by name:
    // `receiveFd` bound to AoE on the interface, `sendFd` from os::openSendSocket there. Takes
    // both descriptors. `info` describes the interface; its name is how the engine knows the port
    // (give one no real interface can have, e.g. with a ':', so no export by name reaches it).
    // Frames are received with recvmmsg instead of libpcap's ring: for a gentle demo load.
    static std::unique_ptr<PacketPort> adopt(int receiveFd, int sendFd, const os::InterfaceInfo& info, std::string& error);

    const os::InterfaceInfo& info() const { return info_; }
    int pollFd() const { return fd_; }
    PortCounters& counters() { return counters_; }
    const PortCounters& counters() const { return counters_; }

    // Hands up to `maxFrames` waiting frames to `sink`; returns how many, -1 on error.
    int receive(FrameSink& sink, int maxFrames);

    // Queues a frame for the next flush(); the bytes must stay valid until then.
    void queue(const uint8_t* frame, size_t length);
    // Queues a frame made of `header` (the AoE and ATA headers, kHeadBytes) and `data` from elsewhere.
    void queue(const uint8_t* header, const uint8_t* data, size_t dataLength);
    static constexpr size_t kHeadBytes = 36;
    // Sends all queued frames; returns false if any could not be sent. failures() then tells
    // which (in the order they were queued) and why.
    bool flush();
    struct Failure {
        size_t index;   // in the order of queue() calls since the previous flush()
        int error;      // errno: EFAULT for data the kernel could not read (a mapping past the end of its file)
    };
    const std::vector<Failure>& failures() const { return failures_; }
    bool hasQueued() const { return !tx_.empty(); }

    // Accepts only AoE requests for `exported` (core/receive_filter.h; every AoE frame when
    // empty). Frames already in the ring are filtered again by libpcap. A frame that arrives
    // while the filter is swapped may be lost; the initiator retransmits it.
    bool setReceiveFilter(const std::vector<AoeAddress>& exported, std::string& error);

    // Sets the socket receive buffer and returns what the kernel granted.
    int sizeReceiveBuffer(int bytes);
    // Reads the kernel's drop counters into counters().
    void updateDropCounters();

private:
    PacketPort() = default;
    static void trampoline(u_char* user, const pcap_pkthdr* h, const u_char* bytes);

    int receiveAdopted(FrameSink& sink, int maxFrames);

    pcap_t* pcap_ = nullptr;   // nullptr for an adopted port: fd_ is a plain packet socket
    std::vector<uint8_t> rxBuffer_;   // an adopted port's receive buffers (kAdoptedBatch frames)
    size_t rxFrameBytes_ = 0;
    int fd_ = -1;
    int sendFd_ = -1;        // os::openSendSocket, or fd_ where that failed
    size_t sendHead_ = 0;    // kHeadBytes on the send socket
    os::InterfaceInfo info_;
    PortCounters counters_;
    std::vector<os::OutFrame> tx_;
    std::vector<Failure> failures_;
};

}  // namespace qvblade
