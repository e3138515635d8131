// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/frame_tap.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "privhelper/frame_decoder.h"

namespace qvblade::helper {

void FrameTap::push(bool outgoing, const std::string& interface, const uint8_t* frame, size_t length) {
    const size_t keep = std::min<size_t>(length, whole_.load() ? kSnapLength : kSummaryBytes);
    std::lock_guard lock(mutex_);
    if (queuedBytes_ + keep > kMaxQueuedBytes) {
        ++dropped_;
        return;
    }
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    TappedFrame f;
    f.usec = int64_t(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    f.outgoing = outgoing;
    f.interface = interface;
    f.bytes.assign(frame, frame + keep);
    f.length = uint32_t(length);
    queuedBytes_ += keep;
    queue_.push_back(std::move(f));
}

std::deque<TappedFrame> FrameTap::take(uint64_t& dropped) {
    std::lock_guard lock(mutex_);
    std::deque<TappedFrame> out;
    out.swap(queue_);
    queuedBytes_ = 0;
    dropped = dropped_;
    dropped_ = 0;
    return out;
}

bool PcapWriter::writeAll(const void* data, size_t length, std::string& error) {
    const auto* p = static_cast<const uint8_t*>(data);
    while (length > 0) {
        const ssize_t n = ::write(fd_.get(), p, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::strerror(errno);
            return false;
        }
        p += n;
        length -= size_t(n);
        bytes_ += uint64_t(n);
    }
    return true;
}

bool PcapWriter::writeHeader(std::string& error) {
    // Written in our byte order; readers tell it from the magic number.
    struct {
        uint32_t magic = 0xa1b2c3d4;
        uint16_t major = 2, minor = 4;
        int32_t thiszone = 0;
        uint32_t sigfigs = 0;
        uint32_t snaplen = FrameTap::kSnapLength;
        uint32_t linktype = 1;   // LINKTYPE_ETHERNET
    } header;
    static_assert(sizeof header == 24);
    return writeAll(&header, sizeof header, error);
}

PcapWriter::Result PcapWriter::write(const TappedFrame& frame, std::string& error) {
    const uint32_t record[4] = {uint32_t(frame.usec / 1000000), uint32_t(frame.usec % 1000000),
                                uint32_t(frame.bytes.size()), frame.length};
    if (bytes_ + sizeof record + frame.bytes.size() > maxBytes_) return Result::Full;
    if (!writeAll(record, sizeof record, error) || !writeAll(frame.bytes.data(), frame.bytes.size(), error))
        return Result::Failed;
    ++frames_;
    return Result::Ok;
}

}  // namespace qvblade::helper
