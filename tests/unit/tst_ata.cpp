// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include "core/aoe_wire.h"
#include "core/ata.h"
#include "frame_builder.h"

using namespace qvblade;

namespace {
uint16_t word(const uint8_t* page, int w) { return uint16_t(page[w * 2] | page[w * 2 + 1] << 8); }
std::string ataString(const uint8_t* page, int w, int bytes) {
    std::string s;
    for (int i = 0; i < bytes; ++i) s += char(page[w * 2 + (i ^ 1)]);
    return s;
}
}  // namespace

class TestAta : public QObject {
    Q_OBJECT
private slots:
    void identifyCarriesCapacityInTheWordsLinuxReads() {
        uint8_t page[512];
        ata::Identity id;
        id.sectors = 0x123456789AULL;   // beyond LBA28
        id.serial = "9.0:host";
        id.firmware = "V25";
        id.model = "qvblade AoE target";
        ata::buildIdentify(page, id);
        QVERIFY(word(page, 83) & (1 << 10));
        QVERIFY(word(page, 86) & (1 << 10));
        QVERIFY(word(page, 49) & (1 << 9));   // LBA supported
        // LBA28 capacity saturates at 0x0FFFFFFF
        QCOMPARE(uint32_t(word(page, 60) | word(page, 61) << 16), 0x0FFFFFFFu);
        uint64_t lba48 = 0;
        for (int w = 3; w >= 0; --w) lba48 = lba48 << 16 | word(page, 100 + w);
        QCOMPARE(lba48, id.sectors);
        QCOMPARE(ataString(page, 27, 40), std::string("qvblade AoE target").append(22, ' '));
        QCOMPARE(ataString(page, 10, 20), std::string("9.0:host").append(12, ' '));
        QCOMPARE(ataString(page, 23, 8), std::string("V25     "));
        // byte-swapped pairs: 'q' is the high byte of word 27
        QCOMPARE(page[27 * 2 + 1], uint8_t('q'));
    }
    void smallDiskHasExactLba28Capacity() {
        uint8_t page[512];
        ata::Identity id;
        id.sectors = 131072;
        ata::buildIdentify(page, id);
        QCOMPARE(uint32_t(word(page, 60) | word(page, 61) << 16), 131072u);
    }
    void sectorsPerFrameFollowsTheMtu() {
        QCOMPARE(ata::sectorsPerFrame(1500), 2u);
        QCOMPARE(ata::sectorsPerFrame(9000), 17u);
        QCOMPARE(ata::sectorsPerFrame(548), 1u);
        QCOMPARE(ata::sectorsPerFrame(547), 0u);
        QCOMPARE(ata::sectorsPerFrame(65535), 127u);
        QCOMPARE(ata::sectorsPerFrame(0), 0u);
    }
    void lba28DeviceByteBitsAreMasked() {
        // The Linux driver ORs 0xE0 into the 4th LBA byte (device register).
        auto f = test::ataRequest(ata::kReadSectors, 0xE0000010ULL, 2, false);
        auto r = ata::decode(f.data(), f.size(), 2);
        QCOMPARE(r.kind, ata::Request::Kind::Read);
        QCOMPARE(r.lba, uint64_t(0x10));
        QCOMPARE(r.sectors, 2u);
    }
    void lba48UsesAllSixBytes() {
        auto f = test::ataRequest(ata::kReadSectorsExt, 0xAB12345678ULL, 1, true);
        auto r = ata::decode(f.data(), f.size(), 2);
        QCOMPARE(r.kind, ata::Request::Kind::Read);
        QCOMPARE(r.lba, 0xAB12345678ULL);
    }
    void writeNeedsItsData() {
        auto full = test::ataRequest(ata::kWriteSectorsExt, 0, 2, true, std::vector<uint8_t>(1024, 1));
        QCOMPARE(ata::decode(full.data(), full.size(), 2).kind, ata::Request::Kind::Write);
        auto shortWrite = test::ataRequest(ata::kWriteSectorsExt, 0, 2, true, std::vector<uint8_t>(1000, 1));
        QCOMPARE(ata::decode(shortWrite.data(), shortWrite.size(), 2).kind, ata::Request::Kind::Malformed);
    }
    void transfersBiggerThanAFrameOrZeroAreMalformed() {
        auto f = test::ataRequest(ata::kReadSectorsExt, 0, 3, true);
        QCOMPARE(ata::decode(f.data(), f.size(), 2).kind, ata::Request::Kind::Malformed);
        auto zero = test::ataRequest(ata::kReadSectors, 0, 0, false);
        QCOMPARE(ata::decode(zero.data(), zero.size(), 2).kind, ata::Request::Kind::Malformed);
    }
    void otherCommandsAreClassified() {
        auto cls = [](uint8_t cmd) {
            auto f = test::ataRequest(cmd, 0, 1, false);
            return ata::decode(f.data(), f.size(), 2).kind;
        };
        QCOMPARE(cls(ata::kIdentifyDevice), ata::Request::Kind::Identify);
        QCOMPARE(cls(ata::kFlushCache), ata::Request::Kind::Flush);
        QCOMPARE(cls(ata::kFlushCacheExt), ata::Request::Kind::Flush);
        QCOMPARE(cls(ata::kCheckPowerMode), ata::Request::Kind::CheckPowerMode);
        QCOMPARE(cls(0xC8), ata::Request::Kind::Unsupported);   // READ DMA
        QCOMPARE(cls(0x00), ata::Request::Kind::Unsupported);   // NOP
        QCOMPARE(cls(0xFF), ata::Request::Kind::Unsupported);
    }
    void successAndFailureRegisters() {
        auto f = test::ataRequest(ata::kReadSectorsExt, 100, 2, true);
        ata::setSuccess(f.data(), 2);
        QCOMPARE(f[aoe::off::kAtaCmdStatus], uint8_t(ata::kStatusDrdy));
        QCOMPARE(f[aoe::off::kAtaErrFeature], uint8_t(0));
        QCOMPARE(f[aoe::off::kAtaSectors], uint8_t(0));
        QCOMPARE(aoe::getLe48(f.data() + aoe::off::kAtaLba), uint64_t(102));
        ata::setFailure(f.data(), ata::kErrIdnf);
        QCOMPARE(f[aoe::off::kAtaCmdStatus], uint8_t(ata::kStatusDrdy | ata::kStatusErr));
        QCOMPARE(f[aoe::off::kAtaErrFeature], uint8_t(ata::kErrIdnf));
    }
};

QTEST_APPLESS_MAIN(TestAta)
#include "tst_ata.moc"
