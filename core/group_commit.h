// SPDX-License-Identifier: GPL-2.0-or-later
// Group commit for a durable export: every write is answered only after a data sync that was
// started after the write had reached the file has returned.
//
// The Linux aoe initiator never sends FLUSH CACHE, so for a durable export the target itself must
// not acknowledge a write that is only in the page cache (or in the device's volatile cache, for
// O_DIRECT). O_SYNC does that one write at a time, each waiting for a device flush (milliseconds
// on a virtual disk). Here the writes that arrive together go to the file (past the page cache
// where the file system has direct I/O: the sync then has nothing to write back, only the device's
// cache to flush; core/backing_store.h), and one fdatasync covers all of them; the writes that
// reach the file while it runs wait for the next sync. docs/performance.md, "Durable writes", has
// what was measured.
//
// One sync runs at a time (kMaxSyncs): up to four at once, each covering its own writes, measured
// no faster within the noise of the benchmark and asked the device for several times more flushes
// when writes trickle in (tests/unit/tst_durable_writes, where a sync returns after three more
// writes: 94 syncs for 96 writes instead of 33).
//
// Engine thread only. `user` is the engine's slot of the write; a sync is named by its index.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace qvblade {

class GroupCommit {
public:
    static constexpr int kMaxSyncs = 1;
    struct Write {
        void* user;
        int result;   // the write's own result (its byte count): answered once a sync covers it
    };

    // A write has reached the file: it waits for the next sync to start.
    void written(void* user, int result) { waiting_.push_back({user, result}); }
    // When writes wait and fewer than kMaxSyncs syncs run: the index of a sync to start (the
    // engine queues an fdatasync for it, then calls started()); otherwise -1.
    int syncToStart() const {
        if (waiting_.empty()) return -1;
        for (int i = 0; i < kMaxSyncs; ++i)
            if (!syncs_[size_t(i)].running) return i;
        return -1;
    }
    // Sync `index`, just queued, covers every write that waits now, and only those.
    void started(int index) {
        Sync& s = syncs_[size_t(index)];
        s.covered.swap(waiting_);
        s.running = true;
    }
    // Sync `index` returned `result` (0, or -errno): each write it covers is handed to `answer`
    // with its own result, or with the sync's error (then the data may not be on stable storage).
    template <class Answer>
    void finished(int index, int result, Answer&& answer) {
        Sync& s = syncs_[size_t(index)];
        s.running = false;
        answering_.swap(s.covered);   // (kept, with its capacity, rather than a new vector each time)
        for (const Write& w : answering_) answer(w.user, result < 0 ? result : w.result);
        answering_.clear();
    }
    bool syncing() const {
        for (const Sync& s : syncs_)
            if (s.running) return true;
        return false;
    }

private:
    struct Sync {
        std::vector<Write> covered;   // reached the file before this sync started
        bool running = false;
    };
    std::vector<Write> waiting_;      // reached the file after the last sync started
    std::array<Sync, kMaxSyncs> syncs_;
    std::vector<Write> answering_;
};

}  // namespace qvblade
