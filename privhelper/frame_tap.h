// SPDX-License-Identifier: GPL-2.0-or-later
// Frames seen by the engine's frame observer, handed from the engine thread to the Qt thread
// for pcap captures and the teaching view. Bounded: when the Qt side falls behind, frames are
// dropped and counted instead of growing the queue (the engine thread never waits on a file).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "privhelper/protocol/unique_fd.h"

namespace qvblade::helper {

struct TappedFrame {
    int64_t usec = 0;              // CLOCK_REALTIME, microseconds
    bool outgoing = false;
    std::string interface;
    std::vector<uint8_t> bytes;    // the frame, or its first bytes when no capture runs
    uint32_t length = 0;           // length on the wire
};

class FrameTap {
public:
    static constexpr size_t kMaxQueuedBytes = 8 << 20;
    static constexpr uint32_t kSnapLength = 65535;

    // Engine thread: copies the frame (whole when a capture runs, else its head).
    void push(bool outgoing, const std::string& interface, const uint8_t* frame, size_t length);
    // Qt thread.
    std::deque<TappedFrame> take(uint64_t& dropped);
    void setWholeFrames(bool whole) { whole_.store(whole); }

private:
    std::atomic<bool> whole_{false};
    std::mutex mutex_;
    std::deque<TappedFrame> queue_;
    size_t queuedBytes_ = 0;
    uint64_t dropped_ = 0;
};

// Writes the classic libpcap format (magic a1b2c3d4, version 2.4, link type 1 = Ethernet) to a
// regular file a client passed. Stops at `maxBytes`.
class PcapWriter {
public:
    enum class Result { Ok, Full, Failed };
    PcapWriter(UniqueFd fd, uint64_t maxBytes) : fd_(std::move(fd)), maxBytes_(maxBytes) {}
    bool writeHeader(std::string& error);
    Result write(const TappedFrame& frame, std::string& error);
    uint64_t frames() const { return frames_; }
    uint64_t bytes() const { return bytes_; }

private:
    bool writeAll(const void* data, size_t length, std::string& error);
    UniqueFd fd_;
    uint64_t maxBytes_;
    uint64_t frames_ = 0;
    uint64_t bytes_ = 0;
};

}  // namespace qvblade::helper
