// SPDX-License-Identifier: GPL-2.0-or-later
// Truncated and random frames: the target never reads or writes outside the frame and reply,
// never asks for I/O outside the export, and keeps answering good requests afterwards.
#include <QtTest>

#include <random>

#include "core/export_target.h"
#include "frame_builder.h"
#include "temp_image.h"

using namespace qvblade;
using namespace qvblade::aoe;

namespace {

constexpr size_t kReplyCapacity = off::kAtaData + 17 * 512 + 1024;

struct Harness {
    test::TempImage image{128 * 512};
    std::unique_ptr<ExportTarget> target;
    PortContext port{test::kTargetMac, 17};

    Harness() {
        std::string error;
        auto store = BackingStore::open(image.path(), {}, error);
        ExportSettings s;
        s.shelf = 9;
        s.slot = 0;
        target = std::make_unique<ExportTarget>(s, std::move(store));
    }

    // Runs one frame through the target exactly as the engine would (frames are >= 24 bytes).
    void check(const std::vector<uint8_t>& frame) {
        // Exactly-sized heap copies so ASan catches any read past the frame.
        auto req = std::make_unique<uint8_t[]>(frame.size());
        std::memcpy(req.get(), frame.data(), frame.size());
        auto reply = std::make_unique<uint8_t[]>(kReplyCapacity);
        const Outcome o = target->handle(req.get(), frame.size(), port, reply.get());
        switch (o.action) {
        case Outcome::Action::Drop:
            break;
        case Outcome::Action::Reply:
            QVERIFY(o.replyLength >= off::kArg && o.replyLength <= kReplyCapacity);
            break;
        case Outcome::Action::Read:
        case Outcome::Action::Write:
            QVERIFY(o.bytes > 0 && o.bytes <= port.maxSectors * 512);
            QVERIFY(o.fileOffset + o.bytes <= target->store().fileSectors() * 512);
            if (o.action == Outcome::Action::Write) QVERIFY(frame.size() >= off::kAtaData + o.bytes);
            QVERIFY(target->complete(reply.get(), o, int(o.bytes)) <= kReplyCapacity);
            break;
        case Outcome::Action::Flush:
            QCOMPARE(target->complete(reply.get(), o, 0), size_t(off::kAtaData));
            break;
        }
    }
    void stillServes() {
        // Random Mac Mask edits may have restricted the export: ask as a MAC it still accepts.
        auto req = test::configRequest(ConfigCmd::Read, "");
        if (!target->masks().entries().empty())
            std::copy_n(target->masks().entries()[0].bytes.begin(), 6, req.begin() + off::kSrc);
        std::vector<uint8_t> reply(kReplyCapacity);
        QCOMPARE(target->handle(req.data(), req.size(), port, reply.data()).action, Outcome::Action::Reply);
    }
};

std::vector<std::vector<uint8_t>> validRequests() {
    std::vector<std::vector<uint8_t>> v;
    v.push_back(test::ataRequest(ata::kIdentifyDevice, 0, 1, false));
    v.push_back(test::ataRequest(ata::kReadSectorsExt, 5, 17, true));
    v.push_back(test::ataRequest(ata::kWriteSectorsExt, 5, 17, true, test::pattern(17 * 512, 3)));
    v.push_back(test::ataRequest(ata::kWriteSectors, 0xE0000001, 2, false, test::pattern(1024, 4)));
    v.push_back(test::configRequest(ConfigCmd::Set, "some config"));
    auto mask = test::header(Command::MacMask, 9, 0, 4 + 16);
    mask[off::kMaskCmd] = 1;
    mask[off::kMaskCount] = 2;
    mask[off::kMaskDirectives + 1] = 1;
    mask[off::kMaskDirectives + 9] = 2;
    v.push_back(mask);
    auto res = test::header(Command::ReserveRelease, 9, 0, 2 + 12);
    res[off::kResCmd] = 2;
    res[off::kResCount] = 2;
    v.push_back(res);
    return v;
}

}  // namespace

class TestMalformedFrames : public QObject {
    Q_OBJECT
private slots:
    void everyTruncationIsSafe() {
        Harness h;
        for (const auto& full : validRequests()) {
            for (size_t n = off::kArg; n <= full.size(); ++n) {
                h.check(std::vector<uint8_t>(full.begin(), full.begin() + long(n)));
                if (QTest::currentTestFailed()) QFAIL(qPrintable(QString("truncated to %1 bytes").arg(n)));
            }
        }
        h.stillServes();
    }
    void lyingCountFieldsAreSafe() {
        Harness h;
        for (const auto& full : validRequests()) {
            for (size_t byte = off::kArg; byte < off::kAtaData && byte < full.size(); ++byte) {
                for (int v : {0, 1, 0x7F, 0x80, 0xFF}) {
                    auto f = full;
                    f[byte] = uint8_t(v);
                    h.check(f);
                }
            }
        }
        h.stillServes();
    }
    void randomFramesAreSafe() {
        Harness h;
        std::mt19937 rng(12345);   // fixed seed: a failure is reproducible
        const auto valid = validRequests();
        for (int i = 0; i < 20000; ++i) {
            std::vector<uint8_t> f;
            if (i % 2) {
                f = valid[size_t(i) % valid.size()];
                const int flips = 1 + int(rng() % 8);
                for (int k = 0; k < flips; ++k) f[off::kVerFlags + rng() % (f.size() - off::kVerFlags)] = uint8_t(rng());
                f.resize(off::kArg + rng() % (f.size() - off::kArg + 1));
            } else {
                f.resize(off::kArg + rng() % 1100);
                for (auto& b : f) b = uint8_t(rng());
                f[off::kSlot] = 0;                    // addressed to us often enough to go deep
                putBe16(f.data() + off::kShelf, 9);
                f[off::kCommand] = uint8_t(rng() % 5);
                f[off::kVerFlags] = uint8_t(0x10 | (rng() % 16 & ~kFlagResponse));
            }
            h.check(f);
            if (QTest::currentTestFailed()) QFAIL(qPrintable(QString("iteration %1").arg(i)));
        }
        h.stillServes();
    }
};

QTEST_GUILESS_MAIN(TestMalformedFrames)
#include "tst_malformed_frames.moc"
