// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include "core/mac_lists.h"
#include "frame_builder.h"

using namespace qvblade;
using namespace qvblade::aoe;

namespace {

MacAddress mac(int n) { return MacAddress::fromU64(0x020000000000ULL + uint64_t(n)); }

std::vector<uint8_t> maskRequest(MaskCmd cmd, const std::vector<std::pair<MaskDirective, MacAddress>>& dirs) {
    auto f = test::header(Command::MacMask, 9, 0, 4);
    f[off::kMaskCmd] = uint8_t(cmd);
    f[off::kMaskCount] = uint8_t(dirs.size());
    for (const auto& [d, m] : dirs) {
        f.push_back(0);
        f.push_back(uint8_t(d));
        f.insert(f.end(), m.bytes.begin(), m.bytes.end());
    }
    return f;
}

std::vector<uint8_t> reserveRequest(ReserveCmd cmd, const std::vector<MacAddress>& macs) {
    auto f = test::header(Command::ReserveRelease, 9, 0, 2);
    f[off::kResCmd] = uint8_t(cmd);
    f[off::kResCount] = uint8_t(macs.size());
    for (const auto& m : macs) f.insert(f.end(), m.bytes.begin(), m.bytes.end());
    return f;
}

struct Reply {
    std::vector<uint8_t> bytes = std::vector<uint8_t>(2048, 0);
    size_t length = 0;
    Error error = Error::None;
};

Reply mask(MacList& l, const std::vector<uint8_t>& req) {
    Reply r;
    std::memcpy(r.bytes.data(), req.data(), std::min<size_t>(req.size(), off::kAtaData));
    r.length = handleMaskRequest(l, req.data(), req.size(), r.bytes.data(), r.error);
    return r;
}

Reply reserve(MacList& l, const MacAddress& from, const std::vector<uint8_t>& req) {
    Reply r;
    std::memcpy(r.bytes.data(), req.data(), std::min<size_t>(req.size(), off::kAtaData));
    r.length = handleReserveRequest(l, from, req.data(), req.size(), r.bytes.data(), r.error);
    return r;
}

}  // namespace

class TestMacLists : public QObject {
    Q_OBJECT
private slots:
    void emptyListPermitsEveryone() {
        MacList l(4);
        QVERIFY(l.permits(mac(1)));
        l.add(mac(1));
        QVERIFY(l.permits(mac(1)));
        QVERIFY(!l.permits(mac(2)));
    }
    void addIsIdempotentAndBounded() {
        MacList l(2);
        QVERIFY(l.add(mac(1)));
        QVERIFY(l.add(mac(1)));
        QCOMPARE(l.entries().size(), size_t(1));
        QVERIFY(l.add(mac(2)));
        QVERIFY(!l.add(mac(3)));
        l.remove(mac(1));
        QVERIFY(l.add(mac(3)));
    }
    void maskReadListsEntries() {
        MacList l(kMaskListCapacity);
        l.add(mac(5));
        l.add(mac(6));
        auto r = mask(l, maskRequest(MaskCmd::Read, {}));
        QCOMPARE(r.error, Error::None);
        QCOMPARE(r.length, off::kMaskDirectives + 2 * kMaskDirectiveSize);
        QCOMPARE(r.bytes[off::kMaskCount], uint8_t(2));
        QCOMPARE(MacAddress::fromBytes(r.bytes.data() + off::kMaskDirectives + 2), mac(5));
        QCOMPARE(MacAddress::fromBytes(r.bytes.data() + off::kMaskDirectives + 8 + 2), mac(6));
    }
    void maskEditAddsAndDeletesInOrder() {
        MacList l(kMaskListCapacity);
        auto r = mask(l, maskRequest(MaskCmd::Edit, {{MaskDirective::Add, mac(1)}, {MaskDirective::Add, mac(2)},
                                                     {MaskDirective::Delete, mac(1)}, {MaskDirective::Nop, mac(9)}}));
        QCOMPARE(r.error, Error::None);
        QCOMPARE(r.bytes[off::kMaskError], uint8_t(MaskError::None));
        QCOMPARE(l.entries().size(), size_t(1));
        QCOMPARE(l.entries()[0], mac(2));
        QCOMPARE(r.bytes[off::kMaskCount], uint8_t(1));
    }
    void maskEditStopsAtTheFirstBadDirective() {
        MacList l(kMaskListCapacity);
        auto req = maskRequest(MaskCmd::Edit, {{MaskDirective::Add, mac(1)}, {MaskDirective(7), mac(2)},
                                               {MaskDirective::Add, mac(3)}});
        auto r = mask(l, req);
        QCOMPARE(r.bytes[off::kMaskError], uint8_t(MaskError::BadDirective));
        QCOMPARE(r.bytes[off::kMaskCount], uint8_t(1));   // index of the failing directive
        QVERIFY(l.contains(mac(1)));
        QVERIFY(!l.contains(mac(3)));
    }
    void maskEditReportsAFullList() {
        MacList l(1);
        auto r = mask(l, maskRequest(MaskCmd::Edit, {{MaskDirective::Add, mac(1)}, {MaskDirective::Add, mac(2)}}));
        QCOMPARE(r.bytes[off::kMaskError], uint8_t(MaskError::ListFull));
        QCOMPARE(r.bytes[off::kMaskCount], uint8_t(1));
    }
    void maskEditWithTruncatedDirectivesIsBadArgument() {
        MacList l(kMaskListCapacity);
        auto req = maskRequest(MaskCmd::Edit, {{MaskDirective::Add, mac(1)}});
        req.resize(req.size() - 3);
        QCOMPARE(mask(l, req).error, Error::BadArgument);
        QVERIFY(l.entries().empty());
        auto bad = maskRequest(MaskCmd(9), {});
        QCOMPARE(mask(l, bad).error, Error::BadArgument);
    }
    void reserveSetReadAndRelease() {
        MacList l(kReservationCapacity);
        auto r = reserve(l, mac(1), reserveRequest(ReserveCmd::Set, {mac(1), mac(2)}));
        QCOMPARE(r.error, Error::None);
        QCOMPARE(r.length, off::kResMacs + 12);
        QCOMPARE(r.bytes[off::kResCount], uint8_t(2));
        QVERIFY(l.permits(mac(2)));
        QVERIFY(!l.permits(mac(3)));
        // An outsider cannot take it over with Set ...
        r = reserve(l, mac(3), reserveRequest(ReserveCmd::Set, {mac(3)}));
        QCOMPARE(r.error, Error::TargetReserved);
        QVERIFY(!l.permits(mac(3)));
        // ... but can read it and force it.
        r = reserve(l, mac(3), reserveRequest(ReserveCmd::Read, {}));
        QCOMPARE(r.error, Error::None);
        QCOMPARE(r.bytes[off::kResCount], uint8_t(2));
        r = reserve(l, mac(3), reserveRequest(ReserveCmd::ForceSet, {mac(3)}));
        QCOMPARE(r.error, Error::None);
        QVERIFY(l.permits(mac(3)));
        QVERIFY(!l.permits(mac(1)));
        // A holder releases by setting an empty list.
        r = reserve(l, mac(3), reserveRequest(ReserveCmd::Set, {}));
        QCOMPARE(r.error, Error::None);
        QVERIFY(l.permits(mac(1)));
    }
    void reserveRejectsTruncatedAndUnknown() {
        MacList l(kReservationCapacity);
        auto req = reserveRequest(ReserveCmd::Set, {mac(1)});
        req.resize(req.size() - 1);
        QCOMPARE(reserve(l, mac(1), req).error, Error::BadArgument);
        QVERIFY(l.entries().empty());
        QCOMPARE(reserve(l, mac(1), reserveRequest(ReserveCmd(5), {})).error, Error::BadArgument);
    }
};

QTEST_APPLESS_MAIN(TestMacLists)
#include "tst_mac_lists.moc"
