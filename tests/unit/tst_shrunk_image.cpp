// SPDX-License-Identifier: GPL-2.0-or-later
// An image that shrinks while it is exported (issue #21: its owner may truncate it at any time)
// must not kill the engine. The engine sends cached reads from a shared mapping of the image
// (core/image_map.h), and a load from a mapping past the end of its file is SIGBUS: read twice
// (the second read is sent from the mapping), truncate, read again. The process lives, the read
// gets an ATA error, everything else is still served; with a frame observer (which needs the
// data in user space) and without (where the kernel's copy fails instead).
#include <QtTest>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "core/ata.h"
#include "core/backing_store.h"
#include "core/engine.h"
#include "frame_builder.h"
#include "private_veth.h"
#include "temp_image.h"

using namespace qvblade;

namespace {

constexpr uint64_t kImageBytes = 1 << 20;
constexpr uint64_t kFarLba = 1536;     // at 768 KiB: gone after the truncation
constexpr uint64_t kShrunkBytes = 512 << 10;
std::string gNamespaceError;   // why main() could not set up the namespace

std::vector<uint8_t> firstSector(const std::optional<std::vector<uint8_t>>& reply) {
    if (!reply || reply->size() < aoe::off::kAtaData + 512) return {};
    return {reply->begin() + aoe::off::kAtaData, reply->begin() + aoe::off::kAtaData + 512};
}

bool isAtaAbort(const std::optional<std::vector<uint8_t>>& reply) {
    return reply && (*reply)[aoe::off::kAtaCmdStatus] == (ata::kStatusDrdy | ata::kStatusErr) &&
           (*reply)[aoe::off::kAtaErrFeature] == ata::kErrAbrt;
}

// Two images exported on the namespace's veth pair by an engine running on a thread of its own.
class Served {
public:
    explicit Served(bool observed) {
        far_ = test::pattern(512, 7);
        near_ = test::pattern(512, 3);
        other_ = test::pattern(512, 11);
        image_.write(kFarLba * 512, far_);
        image_.write(0, near_);
        otherImage_.write(0, other_);
        if (observed)
            engine_.setFrameObserver([this](Engine::Direction d, const std::string&, const uint8_t*, size_t) {
                if (d == Engine::Direction::Out) ++watchedReplies_;
            });
    }
    ~Served() {
        engine_.requestStop();
        if (thread_.joinable()) thread_.join();
    }
    bool start(std::string& error) {
        target_ = add(0, image_.path(), error);
        if (!target_ || !add(1, otherImage_.path(), error)) return false;
        thread_ = std::thread([this] { engine_.run(); });
        return true;
    }
    const test::TempImage& image() const { return image_; }
    ExportCounters& counters() { return target_->counters(); }
    int watchedReplies() const { return watchedReplies_; }

    std::vector<uint8_t> far_, near_, other_;

private:
    std::shared_ptr<ExportTarget> add(uint8_t slot, const std::string& path, std::string& error) {
        auto store = BackingStore::open(path, {}, error);
        if (!store) return nullptr;
        ExportSettings s;
        s.shelf = 9;
        s.slot = slot;
        s.interfaces = {test::kEngineSide};
        s.path = path;
        return engine_.addExport(std::move(s), std::move(store), error);
    }

    test::TempImage image_{kImageBytes}, otherImage_{kImageBytes, "other.img"};
    Engine engine_;
    std::shared_ptr<ExportTarget> target_;
    std::atomic<int> watchedReplies_{0};
    std::thread thread_;
};

}  // namespace

class TestShrunkImage : public QObject {
    Q_OBJECT

    void readAfterTruncation(bool observed) {
        Served served(observed);
        std::string error;
        QVERIFY2(served.start(error), error.c_str());
        test::VethInitiator initiator;
        QVERIFY2(initiator.ok(), "cannot open a packet socket on the namespace's veth");

        for (int i = 0; i < 2; ++i) QCOMPARE(firstSector(initiator.readSector(9, 0, kFarLba)), served.far_);
        // Unwatched, the second read went out from the mapping (watched, the engine keeps the data
        // off it, but what matters is only that it survives).
        if (!observed) QCOMPARE(read(served.counters().mappedReads), uint64_t(1));

        QCOMPARE(::truncate(served.image().path().c_str(), off_t(kShrunkBytes)), 0);
        const auto failed = initiator.readSector(9, 0, kFarLba);
        QVERIFY2(failed, "the read past the new end of the image got no answer (the engine died, or sent nothing)");
        QVERIFY2(isAtaAbort(failed), "the read past the new end of the image is an ATA abort");
        QCOMPARE(failed->size(), size_t(60));   // no data: the header, padded
        QCOMPARE(read(served.counters().ioErrors), uint64_t(1));
        QCOMPARE(read(served.counters().ataReads), uint64_t(2));
        if (!observed) QCOMPARE(read(served.counters().mappedReads), uint64_t(1));   // that one was not sent
        // Still gone: answered the same way again (not from what the map had learnt).
        QVERIFY(isAtaAbort(initiator.readSector(9, 0, kFarLba)));
        QCOMPARE(read(served.counters().ioErrors), uint64_t(2));

        // Everything else is still served: the same image below its new end, and the other export.
        for (int i = 0; i < 3; ++i) QCOMPARE(firstSector(initiator.readSector(9, 0, 0)), served.near_);
        QCOMPARE(firstSector(initiator.readSector(9, 1, 0)), served.other_);
        QCOMPARE(read(served.counters().ataReads), uint64_t(5));
        // Learnt again: the image's remaining pages are sent from the mapping again.
        if (!observed) QCOMPARE(read(served.counters().mappedReads), uint64_t(3));
        if (observed) QVERIFY(served.watchedReplies() >= 8);
    }

private slots:
    void initTestCase() { QVERIFY2(gNamespaceError.empty(), gNamespaceError.c_str()); }
    void unwatchedReadOfAShrunkImageIsAnAtaError() { readAfterTruncation(false); }
    void watchedReadOfAShrunkImageIsAnAtaError() { readAfterTruncation(true); }
};

int main(int argc, char** argv) {
    // Before any thread starts (QtTest's watchdog is one): only a single-threaded process may
    // enter a new user namespace.
    if (!test::enterPrivateVeth(gNamespaceError) && gNamespaceError.empty()) gNamespaceError = "no namespace";
    QCoreApplication app(argc, argv);
    TestShrunkImage test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_shrunk_image.moc"
