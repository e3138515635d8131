// SPDX-License-Identifier: GPL-2.0-or-later
// A durable export (-s, issue #22) answers a write only once it is on stable storage: the Linux
// initiator never sends FLUSH CACHE, so an answered write is one its file system counts on. The
// engine commits writes in groups (core/group_commit.h); this runs it on a veth pair with an I/O
// engine that records, in one log, when each write reached the file, when each data sync was
// started and returned, and when each reply was queued. A sync returns only once kWritesPerSync
// more writes have reached the file after it started (or every write the test sends has), so that
// writes arrive while it runs however fast or loaded the machine is. No write's reply may be queued before a sync started after that write reached
// the file has returned.
#include <QtTest>
#include <unistd.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "core/ata.h"
#include "core/backing_store.h"
#include "core/engine.h"
#include "core/sync_io.h"
#include "frame_builder.h"
#include "private_veth.h"
#include "temp_image.h"

using namespace qvblade;

namespace {

constexpr uint64_t kImageBytes = 1 << 20;
constexpr int kWrites = 96;
constexpr int kOutstanding = 16;
constexpr uint8_t kSectorsPerWrite = 2;   // 1 KiB: a frame at the veth's MTU of 1500
constexpr uint64_t kWritesPerSync = 3;    // writes that reach the file while one sync runs
std::string gNamespaceError;              // why main() could not set up the namespace

struct Event {
    enum Kind { Written, SyncStarted, SyncReturned, ReplyQueued } kind;
    uint64_t key;   // Written: file offset; syncs: the sync's number; ReplyQueued: the tag
};

// SyncIo (every transfer done at once) that logs what it did, and returns a data sync only once
// kWritesPerSync writes have reached the file after it started, or all expectedWrites have. A
// second's safety net keeps an engine that stops taking writes from hanging the test.
// As a device (queuedWrites): refuses writes inline, as direct I/O must wait for the device,
// hands their completions back one per reap, as a device finishes them, and returns a sync at
// the next reap.
class WatchedIo final : public os::AsyncIo {
public:
    WatchedIo(std::vector<Event>& log, uint64_t expectedWrites, bool asDevice)
        : log_(log), expectedWrites_(expectedWrites), asDevice_(asDevice) {}

    int tryReadNow(int fd, void* buf, size_t len, uint64_t offset) override { return real_.tryReadNow(fd, buf, len, offset); }
    int tryWriteNow(int fd, const iovec* iov, int count, uint64_t offset) override {
        if (asDevice_) return -EAGAIN;
        const int r = real_.tryWriteNow(fd, iov, count, offset);
        if (r >= 0) {
            for (int i = 0; i < count; offset += iov[i++].iov_len) {
                log_.push_back({Event::Written, offset});
                ++written_;
            }
        }
        return r;
    }
    bool queueRead(int fd, void* buf, size_t len, uint64_t offset, void* user) override {
        return real_.queueRead(fd, buf, len, offset, user);
    }
    bool queueWrite(int fd, const void* buf, size_t len, uint64_t offset, void* user) override {
        queuedWrites_[user] = offset;   // reached the file for the engine when it is reaped
        ++writesQueued_;
        if (asDevice_) {
            const ssize_t r = ::pwrite(fd, buf, len, off_t(offset));
            deviceDone_.push_back({user, r < 0 ? -errno : int(r)});
            return true;
        }
        return real_.queueWrite(fd, buf, len, offset, user);
    }
    bool queueDataSync(int fd, void* user) override {
        log_.push_back({Event::SyncStarted, ++syncs_});
        late_.push_back({fd, user, syncs_, written_, std::chrono::steady_clock::now() + std::chrono::seconds(1)});
        return true;
    }
    bool submit() override { return true; }
    int completionFd() const override { return -1; }   // the engine polls without sleeping while inFlight()
    size_t reap(const std::function<void(void*, int)>& done) override {
        const auto reached = [&](void* user, int result) {
            if (auto it = queuedWrites_.find(user); it != queuedWrites_.end()) {
                if (result >= 0) {
                    log_.push_back({Event::Written, it->second});
                    ++written_;
                }
                queuedWrites_.erase(it);
            }
            done(user, result);
        };
        size_t n = real_.reap(reached);
        if (!deviceDone_.empty()) {
            const auto [user, result] = deviceDone_.front();
            deviceDone_.erase(deviceDone_.begin());
            reached(user, result);
            ++n;
        }
        const auto now = std::chrono::steady_clock::now();
        for (size_t i = 0; i < late_.size();) {
            const bool grouped = asDevice_ || written_ >= late_[i].writtenAtStart + kWritesPerSync || written_ >= expectedWrites_;
            if (!grouped && late_[i].giveUp > now) { ++i; continue; }
            const Late s = late_[i];
            late_.erase(late_.begin() + long(i));
            const int r = ::fdatasync(s.fd) == 0 ? 0 : -errno;
            log_.push_back({Event::SyncReturned, s.number});
            done(s.user, r);
            ++n;
        }
        return n;
    }
    size_t inFlight() const override { return real_.inFlight() + deviceDone_.size() + late_.size(); }
    const char* name() const override { return "watched"; }

    uint64_t syncs() const { return syncs_; }
    uint64_t writesQueued() const { return writesQueued_; }

private:
    struct Late {
        int fd;
        void* user;
        uint64_t number;
        uint64_t writtenAtStart;
        std::chrono::steady_clock::time_point giveUp;
    };
    std::vector<Event>& log_;
    const uint64_t expectedWrites_;
    const bool asDevice_;
    std::vector<std::pair<void*, int>> deviceDone_;   // queued writes done, not yet reaped
    uint64_t written_ = 0;   // writes that reached the file
    uint64_t writesQueued_ = 0;   // writes queued rather than written inline
    SyncIo real_;
    std::map<void*, uint64_t> queuedWrites_;
    std::vector<Late> late_;
    uint64_t syncs_ = 0;
};

bool answeredOk(const std::vector<uint8_t>& reply) {
    return reply.size() >= aoe::off::kAtaData && reply[aoe::off::kAtaCmdStatus] == ata::kStatusDrdy;
}

// One export of a fresh image on the namespace's veth pair, its engine on a thread of its own.
class Served {
public:
    // expectedWrites: how many writes the test will send (a sync started after the last returns).
    Served(bool durable, uint64_t expectedWrites, bool ioAsDevice = false) {
        auto io = std::make_unique<WatchedIo>(log_, expectedWrites, ioAsDevice);
        io_ = io.get();
        engine_ = std::make_unique<Engine>(EngineOptions{}, std::move(io));
        engine_->setFrameObserver([this](Engine::Direction d, const std::string&, const uint8_t* frame, size_t) {
            const aoe::HeaderView h{frame};
            if (d == Engine::Direction::Out && h.command() == uint8_t(aoe::Command::Ata))
                log_.push_back({Event::ReplyQueued, h.tag()});
        });
        durable_ = durable;
    }
    ~Served() { stop(); }
    bool start(std::string& error) {
        StoreOptions options;
        options.durable = durable_;
        auto store = BackingStore::open(image_.path(), options, error);
        if (!store) return false;
        ExportSettings s;
        s.shelf = 9;
        s.slot = 0;
        s.interfaces = {test::kEngineSide};
        s.path = image_.path();
        s.bufferCount = kOutstanding;
        if (!engine_->addExport(std::move(s), std::move(store), error)) return false;
        thread_ = std::thread([this] { engine_->run(); });
        return true;
    }
    // Stops the engine: afterwards the log may be read.
    void stop() {
        engine_->requestStop();
        if (thread_.joinable()) thread_.join();
    }
    const std::vector<Event>& log() const { return log_; }
    uint64_t syncs() const { return io_->syncs(); }
    uint64_t writesQueued() const { return io_->writesQueued(); }
    const test::TempImage& image() const { return image_; }

private:
    test::TempImage image_{kImageBytes};
    std::vector<Event> log_;   // engine thread only while it runs
    WatchedIo* io_ = nullptr;
    std::unique_ptr<Engine> engine_;
    bool durable_ = false;
    std::thread thread_;
};

struct Sent {
    uint64_t offset;
    std::vector<uint8_t> data;
};

// Writes kWrites different 1 KiB blocks, keeping up to kOutstanding in flight and sending one
// every 200 µs at most (so that writes keep arriving while syncs run), or (bursts) kOutstanding
// at once each time every write before has been answered; every reply is an ATA success.
// Returns what was sent, by tag.
std::map<uint32_t, Sent> writeBlocks(test::VethInitiator& initiator, bool bursts) {
    std::map<uint32_t, Sent> sent;
    int next = 0, answered = 0;
    std::set<uint32_t> open;
    QElapsedTimer clock;
    clock.start();
    qint64 lastSend = -1;
    while (answered < kWrites && clock.elapsed() < 10000) {
        const bool sendNow = bursts ? open.empty() || (next % kOutstanding != 0)
                                    : int(open.size()) < kOutstanding && clock.nsecsElapsed() / 1000 - lastSend >= 200;
        if (next < kWrites && sendNow) {
            // Every third block far from the one before: not one sequential run.
            const uint64_t lba = uint64_t(next) * kSectorsPerWrite + (next % 3 == 0 ? 1024 : 0);
            Sent s{lba * 512, test::pattern(kSectorsPerWrite * 512, uint8_t(next))};
            const uint32_t tag = initiator.nextTag();
            if (!initiator.send(test::ataRequest(0x34, lba, kSectorsPerWrite, true, s.data), tag)) break;
            sent[tag] = std::move(s);
            open.insert(tag);
            ++next;
            lastSend = clock.nsecsElapsed() / 1000;
            continue;
        }
        const auto reply = initiator.receive(next < kWrites ? 1 : 2000);
        if (!reply) continue;
        const uint32_t tag = aoe::HeaderView{reply->data()}.tag();
        if (!open.erase(tag)) continue;
        if (!answeredOk(*reply)) qWarning("write %u was answered with status 0x%02x", tag, (*reply)[aoe::off::kAtaCmdStatus]);
        else ++answered;
    }
    if (answered < kWrites) sent.clear();   // the caller reports it
    return sent;
}

// Empty when every write's reply was queued after a sync that started after the write reached the
// file had returned; otherwise a sentence on the first reply for which none had.
QString uncoveredReply(const std::vector<Event>& log, const std::map<uint32_t, Sent>& sent) {
    for (size_t reply = 0; reply < log.size(); ++reply) {
        if (log[reply].kind != Event::ReplyQueued) continue;
        auto it = sent.find(uint32_t(log[reply].key));
        if (it == sent.end()) continue;
        const uint64_t offset = it->second.offset;
        size_t written = reply;
        for (size_t i = 0; i < reply; ++i)
            if (log[i].kind == Event::Written && log[i].key == offset) written = i;
        if (written == reply) return QStringLiteral("the reply to the write at %1 was queued before it reached the file").arg(offset);
        std::set<uint64_t> startedAfter;
        bool covered = false;
        for (size_t i = written + 1; i < reply && !covered; ++i) {
            if (log[i].kind == Event::SyncStarted) startedAfter.insert(log[i].key);
            if (log[i].kind == Event::SyncReturned) covered = startedAfter.count(log[i].key) > 0;
        }
        if (!covered)
            return QStringLiteral("the reply to the write at %1 was queued before a sync started after it reached the file had returned").arg(offset);
    }
    return {};
}

bool dataOnFile(const Served& served, const std::map<uint32_t, Sent>& sent) {
    for (const auto& [tag, s] : sent)
        if (served.image().read(s.offset, s.data.size()) != s.data) return false;
    return true;
}

}  // namespace

class TestDurableWrites : public QObject {
    Q_OBJECT

    // Serves, writes the blocks (writeBlocks) and stops the engine, so that its log may be read.
    void writeAndStop(Served& served, std::map<uint32_t, Sent>& sent, bool bursts = false) {
        std::string error;
        QVERIFY2(served.start(error), error.c_str());
        test::VethInitiator initiator;
        QVERIFY2(initiator.ok(), "cannot open a packet socket on the namespace's veth");
        sent = writeBlocks(initiator, bursts);
        QVERIFY2(!sent.empty(), "not every write was answered with success");
        served.stop();
    }

private slots:
    void initTestCase() { QVERIFY2(gNamespaceError.empty(), gNamespaceError.c_str()); }

    // Durable writes reach the file queued, past the page cache (the Linux core on a file system
    // with direct I/O), or inline through it (the portable build: tst_durable_writes_portable).
    void everyAnsweredWriteIsCoveredByAReturnedSync() {
        Served served(true, kWrites);
        std::map<uint32_t, Sent> sent;
        writeAndStop(served, sent);
        if (QTest::currentTestFailed()) return;

        const QString uncovered = uncoveredReply(served.log(), sent);
        QVERIFY2(uncovered.isEmpty(), qPrintable(uncovered));
        qInfo("%llu syncs for %d writes", static_cast<unsigned long long>(served.syncs()), kWrites);
        // Group commit: one sync covers the writes that arrived while the one before ran
        // (kWritesPerSync or more); a sync per write, or syncs piling up, would be twice as many.
        QVERIFY2(served.syncs() >= 1 && served.syncs() <= kWrites / 2,
                 qPrintable(QStringLiteral("%1 syncs for %2 writes").arg(served.syncs()).arg(kWrites)));
        QVERIFY(dataOnFile(served, sent));
        // The path of this build was the one taken.
#ifdef QVBLADE_TEST_PORTABLE
        QCOMPARE(served.writesQueued(), uint64_t(0));
#else
        QVERIFY2(served.writesQueued() == kWrites, qPrintable(QStringLiteral("%1 of %2 writes went to the device; has %3 direct I/O?")
                                                                  .arg(served.writesQueued()).arg(kWrites).arg(QDir::tempPath())));
#endif
    }

    // Direct writes wait for the device, which finishes them one by one: a sync started at the
    // first completion would cover only it and leave the rest of the burst to the next, a sync
    // per write or two (measured: half the IOPS of one sync per burst).
    void oneSyncCoversABurstOfWritesTheDeviceFinishesOneByOne() {
        Served served(true, kWrites, true);
        std::map<uint32_t, Sent> sent;
        writeAndStop(served, sent, true);
        if (QTest::currentTestFailed()) return;
        QVERIFY2(uncoveredReply(served.log(), sent).isEmpty(), qPrintable(uncoveredReply(served.log(), sent)));
        const uint64_t bursts = kWrites / kOutstanding;
        qInfo("%llu syncs for %llu bursts of %d writes", static_cast<unsigned long long>(served.syncs()),
              static_cast<unsigned long long>(bursts), kOutstanding);
        // A burst may reach the engine in two receive rounds: up to two syncs each.
        QVERIFY2(served.syncs() >= bursts && served.syncs() <= 2 * bursts,
                 qPrintable(QStringLiteral("%1 syncs for %2 bursts of %3 writes").arg(served.syncs()).arg(bursts).arg(kOutstanding)));
        QVERIFY(dataOnFile(served, sent));
    }

    void bufferedWritesAreAnsweredWithoutASync() {
        Served served(false, kWrites);
        std::map<uint32_t, Sent> sent;
        writeAndStop(served, sent);
        if (QTest::currentTestFailed()) return;
        QCOMPARE(served.syncs(), uint64_t(0));
        QVERIFY(dataOnFile(served, sent));
    }

    // FLUSH CACHE EXT is answered once its own sync has returned, durable or not.
    void flushCacheIsAnsweredAfterASync_data() {
        QTest::addColumn<bool>("durable");
        QTest::newRow("durable") << true;
        QTest::newRow("buffered") << false;
    }
    void flushCacheIsAnsweredAfterASync() {
        QFETCH(bool, durable);
        Served served(durable, 0);
        std::string error;
        QVERIFY2(served.start(error), error.c_str());
        test::VethInitiator initiator;
        QVERIFY2(initiator.ok(), "cannot open a packet socket on the namespace's veth");
        const uint32_t tag = initiator.nextTag();
        QVERIFY(initiator.send(test::ataRequest(0xEA, 0, 0, true), tag));
        std::optional<std::vector<uint8_t>> reply;
        while ((reply = initiator.receive(2000)) && aoe::HeaderView{reply->data()}.tag() != tag) {}
        QVERIFY2(reply, "FLUSH CACHE EXT got no answer");
        QVERIFY(answeredOk(*reply));
        served.stop();
        bool synced = false, answered = false;
        for (const Event& e : served.log()) {
            synced = synced || e.kind == Event::SyncReturned;
            if (e.kind == Event::ReplyQueued && e.key == tag) {
                answered = true;
                QVERIFY2(synced, "FLUSH CACHE was answered before a sync returned");
            }
        }
        QVERIFY(answered);
    }
};

int main(int argc, char** argv) {
    // Before any thread starts (QtTest's watchdog is one): only a single-threaded process may
    // enter a new user namespace.
    if (!test::enterPrivateVeth(gNamespaceError) && gNamespaceError.empty()) gNamespaceError = "no namespace";
    QCoreApplication app(argc, argv);
    TestDurableWrites test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_durable_writes.moc"
