// SPDX-License-Identifier: GPL-2.0-or-later
// The helper's frame summaries (teaching view), its pcap writer and the bounded frame queue.
#include <fcntl.h>

#include <QTemporaryDir>
#include <QtTest>

#include "core/aoe_wire.h"
#include "core/ata.h"
#include "privhelper/frame_decoder.h"
#include "privhelper/frame_tap.h"

using namespace qvblade;
using namespace qvblade::helper;

namespace {

const aoe::MacAddress kInitiator = *aoe::MacAddress::parse("02:00:00:00:00:01");
const aoe::MacAddress kTarget = *aoe::MacAddress::parse("02:00:00:00:00:02");

std::vector<uint8_t> ataRequest(uint8_t command, uint64_t lba, uint8_t count, bool extended) {
    std::vector<uint8_t> f(60, 0);
    aoe::writeHeader(f.data(), kTarget, kInitiator, 0, aoe::Error::None, 9, 2, aoe::Command::Ata, 0xabcd);
    f[aoe::off::kAtaFlags] = extended ? aoe::kAtaExtended : 0;
    f[aoe::off::kAtaSectors] = count;
    f[aoe::off::kAtaCmdStatus] = command;
    aoe::putLe48(f.data() + aoe::off::kAtaLba, lba);
    return f;
}

}  // namespace

class TestFrameDecoder : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ataReadRequest() {
        const auto f = ataRequest(ata::kReadSectorsExt, 2048, 8, true);
        const FrameSummary s = summarizeFrame(f.data(), f.size(), f.size());
        QVERIFY(s.aoe);
        QCOMPARE(s.source, std::string("02:00:00:00:00:01"));
        QCOMPARE(s.destination, std::string("02:00:00:00:00:02"));
        QCOMPARE(s.shelf, uint16_t(9));
        QCOMPARE(s.slot, uint8_t(2));
        QCOMPARE(s.tag, 0xabcdu);
        QVERIFY(!s.response);
        QCOMPARE(s.command, std::string("ata"));
        QCOMPARE(s.detail, std::string("READ SECTORS EXT lba 2048 count 8"));
    }
    void lba28KeepsTwentyEightBits() {
        const auto f = ataRequest(ata::kWriteSectors, 0x7F0000010ULL, 1, false);
        QCOMPARE(summarizeFrame(f.data(), f.size(), f.size()).detail, std::string("WRITE SECTORS lba 16 count 1"));
    }
    void ataResponseWithError() {
        auto f = ataRequest(ata::kReadSectorsExt, 0, 1, true);
        f[aoe::off::kVerFlags] |= aoe::kFlagResponse;
        f[aoe::off::kAtaCmdStatus] = ata::kStatusDrdy | ata::kStatusErr;
        f[aoe::off::kAtaErrFeature] = ata::kErrIdnf;
        const FrameSummary s = summarizeFrame(f.data(), f.size(), f.size());
        QVERIFY(s.response);
        QCOMPARE(s.detail, std::string("status 0x41 error 0x10"));
    }
    void unknownAtaCommandAndAoeError() {
        auto f = ataRequest(0x99, 0, 0, false);
        f[aoe::off::kVerFlags] |= aoe::kFlagResponse | aoe::kFlagError;
        f[aoe::off::kError] = uint8_t(aoe::Error::TargetReserved);
        const FrameSummary s = summarizeFrame(f.data(), f.size(), f.size());
        QCOMPARE(s.error, uint8_t(aoe::Error::TargetReserved));
        QVERIFY2(s.detail.find("AoE error: target reserved") != std::string::npos, s.detail.c_str());
        f[aoe::off::kVerFlags] = 0x10;
        f[aoe::off::kError] = 0;
        QCOMPARE(summarizeFrame(f.data(), f.size(), f.size()).detail, std::string("ATA command 0x99"));
    }
    void queryConfigAnnouncement() {
        std::vector<uint8_t> f(60, 0);
        aoe::writeHeader(f.data(), aoe::MacAddress::broadcast(), kTarget, aoe::kFlagResponse, aoe::Error::None, 9, 2,
                         aoe::Command::QueryConfig, 0);
        aoe::putBe16(f.data() + aoe::off::kCfgBufCount, 16);
        aoe::putBe16(f.data() + aoe::off::kCfgLength, 5);
        const FrameSummary s = summarizeFrame(f.data(), f.size(), f.size());
        QCOMPARE(s.command, std::string("query-config"));
        QCOMPARE(s.detail, std::string("read, string of 5 bytes, buffer count 16"));
    }
    void notAoeOrTooShort() {
        std::vector<uint8_t> f(60, 0);
        f[12] = 0x08;   // IPv4
        QVERIFY(!summarizeFrame(f.data(), f.size(), f.size()).aoe);
        const auto a = ataRequest(ata::kReadSectors, 0, 1, false);
        const FrameSummary s = summarizeFrame(a.data(), 20, 60);
        QVERIFY(!s.aoe);
        QCOMPARE(s.length, size_t(60));
        QCOMPARE(summarizeFrame(a.data(), 30, 60).detail, std::string("truncated"));
    }

    void pcapFileLayout() {
        QTemporaryDir dir;
        const QString path = dir.filePath("c.pcap");
        const int fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        QVERIFY(fd >= 0);
        PcapWriter w(UniqueFd(fd), 24 + 16 + 60 + 10);
        std::string error;
        QVERIFY(w.writeHeader(error));
        TappedFrame fr;
        fr.usec = 1700000000123456;
        fr.bytes = ataRequest(ata::kReadSectors, 1, 1, false);
        fr.length = 60;
        QCOMPARE(w.write(fr, error), PcapWriter::Result::Ok);
        QCOMPARE(w.write(fr, error), PcapWriter::Result::Full);   // a second record would pass maxBytes
        QCOMPARE(w.frames(), uint64_t(1));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray b = f.readAll();
        QCOMPARE(b.size(), 24 + 16 + 60);
        uint32_t rec[4];
        std::memcpy(rec, b.constData() + 24, 16);
        QCOMPARE(rec[0], 1700000000u);
        QCOMPARE(rec[1], 123456u);
        QCOMPARE(rec[2], 60u);
        QCOMPARE(rec[3], 60u);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(fr.bytes.data()), 60), b.mid(40));
    }

    void tapKeepsHeadsOnlyWithoutCaptureAndIsBounded() {
        FrameTap tap;
        std::vector<uint8_t> big(9000, 0x55);
        tap.push(false, "eth0", big.data(), big.size());
        tap.setWholeFrames(true);
        tap.push(true, "eth0", big.data(), big.size());
        uint64_t dropped = 0;
        auto frames = tap.take(dropped);
        QCOMPARE(frames.size(), size_t(2));
        QCOMPARE(frames[0].bytes.size(), kSummaryBytes);
        QCOMPARE(frames[0].length, 9000u);
        QCOMPARE(frames[1].bytes.size(), size_t(9000));
        QVERIFY(frames[1].outgoing);
        QCOMPARE(dropped, uint64_t(0));
        for (int i = 0; i < 2000; ++i) tap.push(false, "eth0", big.data(), big.size());
        frames = tap.take(dropped);
        QCOMPARE(frames.size(), FrameTap::kMaxQueuedBytes / 9000);
        QCOMPARE(dropped, uint64_t(2000 - frames.size()));
    }
};

QTEST_GUILESS_MAIN(TestFrameDecoder)
#include "tst_frame_decoder.moc"
