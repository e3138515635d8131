// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include "core/aoe_wire.h"
#include "frame_builder.h"

using namespace qvblade;
using namespace qvblade::aoe;

class TestAoeWire : public QObject {
    Q_OBJECT
private slots:
    void macParsesTheFormatsVbladeAccepts() {
        QCOMPARE(MacAddress::parse("00:11:22:aa:BB:cc")->toString(), std::string("00:11:22:aa:bb:cc"));
        QCOMPARE(MacAddress::parse("00-11-22-aa-bb-cc")->toString(), std::string("00:11:22:aa:bb:cc"));
        QCOMPARE(MacAddress::parse("001122aabbcc")->toString(), std::string("00:11:22:aa:bb:cc"));
        QVERIFY(!MacAddress::parse("00:11:22:aa:bb"));
        QVERIFY(!MacAddress::parse("00:11:22:aa:bb:cc:dd"));
        QVERIFY(!MacAddress::parse("zz:11:22:aa:bb:cc"));
        QVERIFY(!MacAddress::parse(""));
    }
    void macRoundTripsThroughU64() {
        const auto m = *MacAddress::parse("fe:dc:ba:98:76:54");
        QCOMPARE(MacAddress::fromU64(m.toU64()), m);
        QCOMPARE(m.toU64(), uint64_t(0xfedcba987654));
    }
    void byteOrderHelpers() {
        uint8_t b[6];
        putBe16(b, 0x88A2);
        QCOMPARE(b[0], uint8_t(0x88));
        QCOMPARE(getBe16(b), uint16_t(0x88A2));
        putBe32(b, 0xDEADBEEF);
        QCOMPARE(getBe32(b), 0xDEADBEEFu);
        putLe48(b, 0x0000123456789ABCULL);
        QCOMPARE(b[0], uint8_t(0xBC));
        QCOMPARE(b[5], uint8_t(0x12));
        QCOMPARE(getLe48(b), 0x123456789ABCULL);
    }
    void broadcastAddressesMatchIndependently() {
        QVERIFY(addressMatches(9, 0, 9, 0));
        QVERIFY(addressMatches(0xFFFF, 0, 9, 0));
        QVERIFY(addressMatches(9, 0xFF, 9, 0));
        QVERIFY(addressMatches(0xFFFF, 0xFF, 9, 0));
        QVERIFY(!addressMatches(0xFFFF, 1, 9, 0));
        QVERIFY(!addressMatches(8, 0xFF, 9, 0));
    }
    void responseHeaderSwapsAddressesEchoesTagAndCarriesRealAddress() {
        auto f = test::header(Command::Ata, 0xFFFF, 0xFF, 12, 0xCAFEBABE);
        makeResponseHeader(f.data(), test::kTargetMac, 9, 3, Error::BadArgument);
        const HeaderView h{f.data()};
        QCOMPARE(h.destination(), test::kInitiator);
        QCOMPARE(h.source(), test::kTargetMac);
        QCOMPARE(h.shelf(), uint16_t(9));
        QCOMPARE(h.slot(), uint8_t(3));
        QCOMPARE(h.version(), uint8_t(1));
        QCOMPARE(h.flags(), uint8_t(kFlagResponse | kFlagError));
        QCOMPARE(f[off::kError], uint8_t(Error::BadArgument));
        QCOMPARE(h.tag(), 0xCAFEBABEu);
        QCOMPARE(h.etherType(), kEtherType);
    }
    void successHeaderHasNoErrorFlag() {
        auto f = test::header(Command::QueryConfig, 9, 0, 8);
        makeResponseHeader(f.data(), test::kTargetMac, 9, 0);
        QCOMPARE(HeaderView{f.data()}.flags(), uint8_t(kFlagResponse));
    }
    void shortFramesArePaddedWithZerosTo60Bytes() {
        std::vector<uint8_t> f(64, 0xAA);
        QCOMPARE(padFrame(f.data(), 32), size_t(60));
        for (size_t i = 32; i < 60; ++i) QCOMPARE(f[i], uint8_t(0));
        QCOMPARE(f[60], uint8_t(0xAA));
        QCOMPARE(padFrame(f.data(), 61), size_t(61));
    }
};

QTEST_APPLESS_MAIN(TestAoeWire)
#include "tst_aoe_wire.moc"
