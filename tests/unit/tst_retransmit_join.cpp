// SPDX-License-Identifier: GPL-2.0-or-later
// A store with I/O of its own (an RBD image) may keep an I/O waiting for seconds (an OSD away);
// the Linux initiator meanwhile retransmits the request with new tags and waits only for the
// newest. The engine must not queue such a copy again but give the waiting I/O's reply the new tag
// (core/engine.cpp, joinRetransmission), also when every slot is in flight; and a request that only
// looks alike (another write's data to the same sectors) is no retransmission. Runs the engine on a
// veth pair of the test's own namespace with an AsyncIo that holds every operation until released.
#include <QtTest>
#include <fcntl.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include "core/ata.h"
#include "core/backing_store.h"
#include "core/engine.h"
#include "frame_builder.h"
#include "private_veth.h"

using namespace qvblade;

namespace {

std::string gNamespaceError;

// Holds reads, writes and syncs until release(); then completes them (reads with 0x5a bytes).
class HeldIo final : public os::AsyncIo {
public:
    enum Kind { Read, Write, Sync };
    HeldIo() {
        if (::pipe2(pipe_, O_NONBLOCK | O_CLOEXEC) != 0) pipe_[0] = pipe_[1] = -1;
    }
    ~HeldIo() override {
        for (int fd : pipe_)
            if (fd >= 0) ::close(fd);
    }
    int tryReadNow(int, void*, size_t, uint64_t) override { return -EAGAIN; }
    int tryWriteNow(int, const iovec*, int, uint64_t) override { return -EAGAIN; }
    bool queueRead(int, void* buf, size_t len, uint64_t offset, void* user) override {
        return hold({Read, buf, len, offset, user});
    }
    bool queueWrite(int, const void* buf, size_t len, uint64_t offset, void* user) override {
        return hold({Write, const_cast<void*>(buf), len, offset, user});
    }
    bool queueDataSync(int, void* user) override { return hold({Sync, nullptr, 0, 0, user}); }
    bool submit() override { return true; }
    int completionFd() const override { return pipe_[0]; }
    size_t reap(const std::function<void(void*, int)>& done) override {
        char c[64];
        while (::read(pipe_[0], c, sizeof c) == sizeof c) {}
        std::vector<Op> ready;
        {
            std::lock_guard lock(mutex_);
            if (!released_) return 0;
            ready.swap(held_);
        }
        for (const Op& op : ready) {
            if (op.kind == Read) std::memset(op.buf, 0x5a, op.len);
            done(op.user, op.kind == Sync ? 0 : int(op.len));
        }
        return ready.size();
    }
    size_t inFlight() const override {
        std::lock_guard lock(mutex_);
        return held_.size();
    }
    const char* name() const override { return "held"; }

    // From the test's thread.
    void release() {
        {
            std::lock_guard lock(mutex_);
            released_ = true;
        }
        [[maybe_unused]] ssize_t r = ::write(pipe_[1], "r", 1);
    }
    size_t queued(int kind) const {
        std::lock_guard lock(mutex_);
        return kind == Read ? reads_ : writes_;
    }

private:
    struct Op {
        int kind;
        void* buf;
        size_t len;
        uint64_t offset;
        void* user;
    };
    bool hold(const Op& op) {
        std::lock_guard lock(mutex_);
        if (op.kind == Read) ++reads_;
        if (op.kind == Write) ++writes_;
        held_.push_back(op);
        if (released_) [[maybe_unused]] ssize_t r = ::write(pipe_[1], "r", 1);
        return true;
    }
    mutable std::mutex mutex_;
    std::vector<Op> held_;
    bool released_ = false;
    size_t reads_ = 0, writes_ = 0;
    int pipe_[2] = {-1, -1};
};

// ATA replies (by tag) that arrive within `ms`.
std::map<uint32_t, std::vector<uint8_t>> ataReplies(test::VethInitiator& initiator, int ms) {
    std::map<uint32_t, std::vector<uint8_t>> out;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        auto r = initiator.receive(int(ms - t.elapsed()));
        if (!r) break;
        const aoe::HeaderView h{r->data()};
        if (h.command() == uint8_t(aoe::Command::Ata)) out[h.tag()] = *r;
    }
    return out;
}

}  // namespace

class TestRetransmitJoin : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(gNamespaceError.empty(), gNamespaceError.c_str()); }

    void aRetransmissionTakesTheWaitingReplysTag() {
        auto owned = std::make_unique<HeldIo>();
        HeldIo* io = owned.get();
        std::string error;
        auto store = BackingStore::withOwnIo(std::move(owned), 1 << 20, "held", {}, error);
        QVERIFY2(store, error.c_str());
        Engine engine;
        ExportSettings s;
        s.shelf = 9;
        s.slot = 0;
        s.interfaces = {test::kEngineSide};
        s.bufferCount = 3;
        QVERIFY2(engine.addExport(std::move(s), std::move(store), error), error.c_str());
        std::thread loop([&engine] { engine.run(); });
        test::VethInitiator initiator;
        QVERIFY(initiator.ok());

        const auto x = test::pattern(1024, 1), y = test::pattern(1024, 2);
        const uint32_t writeA = initiator.nextTag(), writeB = initiator.nextTag(), otherWrite = initiator.nextTag();
        const uint32_t readA = initiator.nextTag(), readB = initiator.nextTag(), readC = initiator.nextTag();
        const uint32_t unrelated = initiator.nextTag();
        initiator.send(test::ataRequest(0x34, 10, 2, true, x), writeA);
        initiator.send(test::ataRequest(0x34, 10, 2, true, x), writeB);       // a retransmission
        initiator.send(test::ataRequest(0x34, 10, 2, true, y), otherWrite);   // other data: a write of its own
        initiator.send(test::ataRequest(0x24, 100, 2, true, {}), readA);      // the third slot
        initiator.send(test::ataRequest(0x24, 100, 2, true, {}), readB);      // every slot busy: joined anyway
        initiator.send(test::ataRequest(0x24, 100, 2, true, {}), readC);
        initiator.send(test::ataRequest(0x24, 200, 2, true, {}), unrelated);  // no slot: dropped
        QVERIFY(ataReplies(initiator, 300).empty());   // everything waits
        QCOMPARE(io->queued(HeldIo::Write), size_t(2));
        QCOMPARE(io->queued(HeldIo::Read), size_t(1));

        io->release();
        const auto replies = ataReplies(initiator, 1000);
        engine.requestStop();
        loop.join();
        QList<uint32_t> tags;
        for (const auto& [tag, r] : replies) tags << tag;
        QCOMPARE(tags, (QList<uint32_t>{writeB, otherWrite, readC}));
        for (const auto& [tag, r] : replies) QCOMPARE(r[aoe::off::kAtaCmdStatus], uint8_t(ata::kStatusDrdy));
        QCOMPARE(replies.at(readC).size(), size_t(aoe::off::kAtaData + 1024));
        QCOMPARE(replies.at(readC)[aoe::off::kAtaData], uint8_t(0x5a));
        const auto exports = engine.exports();
        QCOMPARE(exports.size(), size_t(1));
        const ExportCounters& c = exports[0]->counters();
        QCOMPARE(read(c.retransmitsJoined), uint64_t(3));
        QCOMPARE(read(c.busyDrops), uint64_t(1));
    }
};

int main(int argc, char** argv) {
    // Before any thread starts: only a single-threaded process may enter a new user namespace.
    if (!test::enterPrivateVeth(gNamespaceError) && gNamespaceError.empty()) gNamespaceError = "no namespace";
    QCoreApplication app(argc, argv);
    TestRetransmitJoin test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_retransmit_join.moc"
