// SPDX-License-Identifier: GPL-2.0-or-later
// os::diffInterfaces and os::watchLinks (issue #24): what counts as a change, and a watcher
// that sees a veth pair made, brought up, given another MTU and deleted in a network namespace
// of the test's own. Built twice: against the Linux core (rtnetlink: the descriptor polls
// readable) and the portable one (QVBLADE_TEST_PORTABLE: no descriptor, polled).
#include <poll.h>

#include <QtTest>

#include <cstdlib>

#include "core/os/os.h"
#include "private_veth.h"

using namespace qvblade;
using os::InterfaceInfo;
using os::LinkChange;

namespace {

InterfaceInfo makeInterface(const char* name, unsigned index, uint32_t mtu = 1500, bool up = true) {
    InterfaceInfo i;
    i.name = name;
    i.index = index;
    i.mtu = mtu;
    i.up = up;
    i.running = up;
    return i;
}

bool ip(const std::string& args) { return std::system(("PATH=$PATH:/usr/sbin:/sbin ip " + args).c_str()) == 0; }

}  // namespace

class TestLinkWatch : public QObject {
    Q_OBJECT

    std::unique_ptr<os::LinkWatcher> watcher_;
    std::vector<LinkChange> seen_;

    // Collects changes until one satisfies `match` (the watcher's own way of waiting: poll its
    // descriptor, or its interval), at most 5 s.
    bool waitFor(const std::function<bool(const LinkChange&)>& match) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 5000) {
            if (watcher_->fd() >= 0) {
                pollfd p{watcher_->fd(), POLLIN, 0};
                ::poll(&p, 1, 200);
            } else {
                QTest::qWait(std::min(200, watcher_->pollIntervalMs()));
            }
            for (const LinkChange& c : watcher_->changes()) seen_.push_back(c);
            for (const LinkChange& c : seen_)
                if (match(c)) return true;
        }
        return false;
    }

private Q_SLOTS:
    void aDiffNamesWhatChanged() {
        const std::vector<InterfaceInfo> before{makeInterface("a", 2), makeInterface("b", 3), makeInterface("c", 4)};
        const std::vector<InterfaceInfo> after{makeInterface("a", 2), makeInterface("b", 3, 9000), makeInterface("c", 7), makeInterface("d", 8, 1500, false)};
        const auto d = os::diffInterfaces(before, after);
        QCOMPARE(d.size(), size_t(4));
        QCOMPARE(d[0].kind, LinkChange::Kind::Removed);   // c made again: removed first
        QCOMPARE(d[0].info.name, std::string("c"));
        QCOMPARE(d[0].info.index, 4u);
        QCOMPARE(d[1].kind, LinkChange::Kind::Changed);
        QCOMPARE(d[1].info.mtu, 9000u);
        QCOMPARE(d[2].kind, LinkChange::Kind::Added);
        QCOMPARE(d[2].info.index, 7u);
        QCOMPARE(d[3].kind, LinkChange::Kind::Added);
        QVERIFY(!d[3].info.up);
        QVERIFY(os::diffInterfaces(after, after).empty());
        const auto gone = os::diffInterfaces(after, {});
        QCOMPARE(gone.size(), size_t(4));
        for (const LinkChange& c : gone) QCOMPARE(c.kind, LinkChange::Kind::Removed);
    }

    void aWatcherSeesAVethPair() {
        std::string error;
        QVERIFY2(test::enterPrivateVeth(error), error.c_str());
        watcher_ = os::watchLinks(error);
        QVERIFY2(watcher_, error.c_str());
#ifdef QVBLADE_TEST_PORTABLE
        QCOMPARE(watcher_->fd(), -1);
        QVERIFY(watcher_->pollIntervalMs() > 0);
#else
        QVERIFY(watcher_->fd() >= 0);
#endif
        bool listed = false;
        for (const InterfaceInfo& i : watcher_->current()) listed = listed || i.name == test::kEngineSide;
        QVERIFY2(listed, "the watcher's first list lacks the namespace's veth");
        QVERIFY(ip("link add qvw0 type veth peer name qvw1"));
        QVERIFY(waitFor([](const LinkChange& c) { return c.kind == LinkChange::Kind::Added && c.info.name == "qvw0" && !c.info.up; }));
        QVERIFY(ip("link set qvw0 up"));
        QVERIFY(waitFor([](const LinkChange& c) { return c.kind == LinkChange::Kind::Changed && c.info.name == "qvw0" && c.info.up; }));
        QVERIFY(ip("link set qvw0 mtu 4000"));
        QVERIFY(waitFor([](const LinkChange& c) { return c.kind == LinkChange::Kind::Changed && c.info.mtu == 4000; }));
        QVERIFY(ip("link del qvw0"));
        QVERIFY(waitFor([](const LinkChange& c) { return c.kind == LinkChange::Kind::Removed && c.info.name == "qvw1"; }));
    }
};

QTEST_GUILESS_MAIN(TestLinkWatch)
#include "tst_link_watch.moc"
