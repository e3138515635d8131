// SPDX-License-Identifier: GPL-2.0-or-later
// The capture and teaching requests: a pcap file of every AoE frame (start-capture, stop-capture)
// and rate-limited frame summaries (subscribe-frames), fed from the engine's frame observer.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QByteArray>
#include <QJsonArray>

#include "core/os/os.h"
#include "privhelper/export_json.h"
#include "privhelper/file_credentials.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"
#include "privhelper/frame_decoder.h"

namespace qvblade::helper {

namespace {
constexpr int kMaxFramesPerSecond = 50;
constexpr uint64_t kDefaultCaptureBytes = uint64_t(1) << 30;
}  // namespace

void Server::startCapture(const RequestPtr& r) {
    Fields f(r->args, {"maxBytes"});
    const qint64 maxBytes = f.integer("maxBytes", 4096, kMaxSafeInteger, qint64(kDefaultCaptureBytes));
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (r->conn->capture) return fail(r, err::kExists, QStringLiteral("this client already runs a capture; stop it first"));
    if (r->fds.size() != 1)
        return fail(r, err::kBadFd, QStringLiteral("start-capture needs exactly one descriptor (the capture file), not %1").arg(r->fds.size()));
    const int fd = r->fds[0].get();
    const int flags = ::fcntl(fd, F_GETFL);
    struct stat st {};
    if (flags < 0 || (flags & O_PATH) || (flags & O_ACCMODE) == O_RDONLY || ::fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return fail(r, err::kBadFd, QStringLiteral("the capture descriptor must be a regular file opened for writing"));
    auto writer = std::make_unique<PcapWriter>(std::move(r->fds[0]), uint64_t(maxBytes));
    std::string why;
    if (!writer->writeHeader(why)) return fail(r, err::kFailed, QStringLiteral("cannot write the capture file: %1").arg(q(why)));
    r->conn->capture = std::move(writer);
    updateTap();
    audit(r, QStringLiteral("capture started"));
    ok(r, {{"linkType", 1}, {"snapLength", qint64(FrameTap::kSnapLength)}, {"maxBytes", maxBytes}});
}

void Server::stopCapture(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    if (!r->conn->capture) return fail(r, err::kNotFound, QStringLiteral("this client runs no capture"));
    drainTap();   // what the engine saw up to now goes into the file
    const QJsonObject result{{"frames", qint64(r->conn->capture->frames())}, {"bytes", qint64(r->conn->capture->bytes())}};
    r->conn->capture.reset();
    updateTap();
    ok(r, result);
}

void Server::subscribeFrames(const RequestPtr& r) {
    Fields f(r->args, {"enabled", "maxPerSecond"});
    const bool enabled = f.boolean("enabled", true);
    const qint64 rate = f.integer("maxPerSecond", 1, kMaxFramesPerSecond, 10);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    r->conn->framesPerSecond = enabled ? int(rate) : 0;
    r->conn->frameBudget = enabled ? double(rate) : 0;
    r->conn->framesSkipped = 0;
    r->conn->framesSeen = 0;
    r->conn->framesSeenSeconds = 0;
    r->conn->quietReported = true;
    updateTap();
    ok(r, {{"enabled", enabled}, {"maxPerSecond", enabled ? rate : 0}});
}

void Server::updateTap() {
    bool capture = false, summaries = false;
    for (const auto& c : connections_) {
        if (!c) continue;
        capture = capture || c->capture;
        summaries = summaries || c->framesPerSecond > 0;
    }
    tap_.setWholeFrames(capture);
    const bool wanted = capture || summaries;
    if (wanted == observerInstalled_) return;
    observerInstalled_ = wanted;
    FrameTap* tap = &tap_;
    if (wanted) {
        engine_->post([tap](Engine& e) {
            e.setFrameObserver([tap](Engine::Direction d, const std::string& interface, const uint8_t* frame, size_t length) {
                tap->push(d == Engine::Direction::Out, interface, frame, length);
            });
        });
        tapTimer_.start();
        tapClock_.start();
    } else {
        engine_->post([](Engine& e) { e.setFrameObserver(nullptr); });
        tapTimer_.stop();
        uint64_t dropped = 0;
        tap_.take(dropped);
    }
}

void Server::drainTap() {
    uint64_t dropped = 0;
    const std::deque<TappedFrame> frames = tap_.take(dropped);
    // Everything the engine showed the tap since the last drain, sampled or not: the teaching
    // view says "showing 50 of 169 000 frames/s" from these counts and the time they cover.
    const uint64_t seen = frames.size() + dropped;
    const double seconds = tapClock_.isValid() ? double(tapClock_.restart()) / 1000.0 : 0.0;
    for (const auto& c : connections_) {
        if (!c) continue;
        if (c->capture) {
            for (const TappedFrame& fr : frames) {
                std::string why;
                const auto result = c->capture->write(fr, why);
                if (result == PcapWriter::Result::Ok) continue;
                c->send({{"event", "capture-stopped"},
                         {"reason", result == PcapWriter::Result::Full ? QStringLiteral("the size limit was reached")
                                                                      : QStringLiteral("cannot write the capture file: %1").arg(q(why))},
                         {"frames", qint64(c->capture->frames())},
                         {"bytes", qint64(c->capture->bytes())}});
                c->capture.reset();
                break;
            }
        }
        if (c->framesPerSecond > 0) {
            // Token bucket: at most framesPerSecond summaries a second, the rest counted.
            c->frameBudget = std::min(double(c->framesPerSecond), c->frameBudget + c->framesPerSecond * kTapIntervalMs / 1000.0);
            c->framesSeen += seen;
            c->framesSeenSeconds += seconds;
            QJsonArray list;
            for (const TappedFrame& fr : frames) {
                if (c->frameBudget < 1) {
                    ++c->framesSkipped;
                    continue;
                }
                c->frameBudget -= 1;
                const FrameSummary s = summarizeFrame(fr.bytes.data(), fr.bytes.size(), fr.length);
                list << QJsonObject{{"time", double(fr.usec) / 1e6}, {"interface", q(fr.interface)},
                                    {"direction", fr.outgoing ? "out" : "in"}, {"length", qint64(s.length)},
                                    {"aoe", s.aoe}, {"source", q(s.source)}, {"destination", q(s.destination)},
                                    {"shelf", int(s.shelf)}, {"slot", int(s.slot)}, {"response", s.response},
                                    {"error", int(s.error)}, {"command", q(s.command)}, {"tag", qint64(s.tag)},
                                    {"detail", q(s.detail)},
                                    {"bytes", QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(fr.bytes.data()),
                                                                             qsizetype(std::min(fr.bytes.size(), kSummaryBytes)))
                                                                      .toBase64())}};
            }
            // While frames pass, and once more when they stop (the view's rate falls to zero);
            // an idle client gets nothing, and its next count starts afresh.
            if (!list.isEmpty() || dropped || c->framesSeen > 0 || !c->quietReported) {
                c->sendEvent({{"event", "frames"}, {"frames", list}, {"skipped", qint64(c->framesSkipped)}, {"dropped", qint64(dropped)},
                              {"seen", qint64(c->framesSeen)}, {"seconds", c->framesSeenSeconds}});
                c->quietReported = c->framesSeen == 0;
                c->framesSkipped = 0;
                c->framesSeen = 0;
            }
            c->framesSeenSeconds = 0;
        }
    }
    updateTap();
}

}  // namespace qvblade::helper
