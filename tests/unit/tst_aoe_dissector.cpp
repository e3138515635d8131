// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching view's dissector (core/aoe_dissector): frames built with core/aoe_wire the way an
// initiator and this target lay them out decode into the AoE spec's field names with the right
// byte ranges; a reply with ATA error bits and an AoE error is named; short and malformed frames
// decode as far as they go and say "truncated".
#include <QTest>

#include "core/aoe_dissector.h"
#include "core/aoe_wire.h"
#include "core/ata.h"
#include "frame_builder.h"

using namespace qvblade;
using namespace qvblade::aoe;

namespace {

const DissectedField* find(const std::vector<DissectedField>& fields, const std::string& name) {
    for (const auto& f : fields) {
        if (f.name == name) return &f;
        if (const DissectedField* c = find(f.children, name)) return c;
    }
    return nullptr;
}

const DissectedField& need(const Dissection& d, const std::string& name) {
    const DissectedField* f = find(d.layers, name);
    if (!f) qFatal("no field %s", name.c_str());
    return *f;
}

bool anyTruncated(const std::vector<DissectedField>& fields) {
    for (const auto& f : fields)
        if (f.truncated || anyTruncated(f.children)) return true;
    return false;
}

std::vector<uint8_t> reply(std::vector<uint8_t> request, Error error = Error::None) {
    makeResponseHeader(request.data(), test::kTargetMac, 9, 0, error);
    return request;
}

}  // namespace

class TestAoeDissector : public QObject {
    Q_OBJECT
private slots:
    void ataReadRequest() {
        auto f = test::ataRequest(ata::kReadSectorsExt, 0x123456789AULL, 8, true, {}, 9, 2);
        const Dissection d = dissect(f.data(), f.size(), f.size());
        QVERIFY(d.aoe);
        QVERIFY(!d.truncated);
        QCOMPARE(d.layers.size(), size_t(3));
        QCOMPARE(d.layers[0].name, std::string("Ethernet II"));
        QCOMPARE(d.layers[1].name, std::string("ATA over Ethernet"));
        QCOMPARE(d.layers[2].name, std::string("ATA"));
        QCOMPARE(need(d, "Destination").value, test::kTargetMac.toString());
        QCOMPARE(need(d, "Source").value, test::kInitiator.toString());
        QCOMPARE(need(d, "Type").value, std::string("AoE (0x88a2)"));
        QCOMPARE(need(d, "Type").offset, size_t(12));
        QCOMPARE(need(d, "Ver").value, std::string("1"));
        QCOMPARE(need(d, "Major").value, std::string("9 (shelf)"));
        QCOMPARE(need(d, "Major").offset, size_t(16));
        QCOMPARE(need(d, "Major").length, size_t(2));
        QCOMPARE(need(d, "Minor").value, std::string("2 (slot)"));
        QCOMPARE(need(d, "Command").value, std::string("Issue ATA Command (0)"));
        const auto& tag = need(d, "Tag");
        QCOMPARE(tag.value, std::string("0x01020304"));
        QCOMPARE(tag.offset, size_t(20));
        QCOMPARE(tag.length, size_t(4));
        const auto& aflags = need(d, "AFlags");
        QCOMPARE(aflags.value, std::string("0x40 (E)"));
        QCOMPARE(aflags.children.size(), size_t(4));
        QCOMPARE(aflags.children[0].name, std::string("E"));
        QCOMPARE(aflags.children[0].value, std::string("1: extended LBA48 command"));
        QCOMPARE(aflags.children[3].name, std::string("W"));
        QCOMPARE(aflags.children[3].value, std::string("0"));
        QCOMPARE(need(d, "Sector Count").value, std::string("8"));
        QCOMPARE(need(d, "Cmd/Status").value, std::string("READ SECTORS EXT (0x24)"));
        QCOMPARE(need(d, "lba0").value, std::string("0x9a"));
        QCOMPARE(need(d, "lba0").offset, size_t(28));
        QCOMPARE(need(d, "lba5").offset, size_t(33));
        const auto& lba = need(d, "LBA");
        QCOMPARE(lba.value, std::to_string(0x123456789AULL) + " (48-bit)");
        QCOMPARE(lba.offset, size_t(28));
        QCOMPARE(lba.length, size_t(6));
        QVERIFY(!find(d.layers, "Data"));   // a 36-byte read request carries none
        QCOMPARE(d.summary, std::string("ATA Request e9.2 READ SECTORS EXT LBA 78187493530 count 8"));
    }

    void ataWriteLba28AndPartialCapture() {
        auto f = test::ataRequest(ata::kWriteSectors, 0xF0000010, 1, false, test::pattern(512, 3));
        // The helper streams the first 128 bytes of this 548-byte frame.
        const Dissection d = dissect(f.data(), 128, f.size());
        QVERIFY(!d.truncated);
        QCOMPARE(need(d, "AFlags").value, std::string("0x01 (W)"));
        QCOMPARE(need(d, "LBA").value.substr(0, 3), std::string("16 "));   // lba3's high nibble is not LBA28's
        const auto& data = need(d, "Data");
        QCOMPARE(data.value, std::string("512 bytes (1 sector), the first 92 captured"));
        QVERIFY(d.partial);
        QCOMPARE(data.offset, size_t(36));
        QCOMPARE(data.length, size_t(92));
    }

    void ataReplyWithErrorBits() {
        auto req = test::ataRequest(ata::kReadSectorsExt, 1 << 20, 1, true);
        auto r = reply(req);
        r[off::kAtaCmdStatus] = ata::kStatusDrdy | ata::kStatusErr;
        r[off::kAtaErrFeature] = ata::kErrAbrt | ata::kErrIdnf;
        const Dissection d = dissect(r.data(), r.size(), r.size());
        QCOMPARE(need(d, "Flags").value, std::string("0x8 (R)"));
        QCOMPARE(need(d, "R").value, std::string("1: response"));
        QCOMPARE(need(d, "Source").value, test::kTargetMac.toString());
        const auto& status = need(d, "Cmd/Status");
        QCOMPARE(status.value, std::string("0x41 (DRDY ERR)"));
        QCOMPARE(status.children.size(), size_t(5));
        QCOMPARE(status.children[0].value, std::string("0"));
        QCOMPARE(status.children[1].name, std::string("DRDY"));
        QCOMPARE(status.children[1].value, std::string("1: device ready"));
        const auto& err = need(d, "Err/Feature");
        QCOMPARE(err.value, std::string("0x14 (IDNF ABRT)"));
        QCOMPARE(err.children.size(), size_t(3));
        QCOMPARE(err.children[2].name, std::string("ABRT"));
        QCOMPARE(err.children[2].value, std::string("1: command aborted"));
        QCOMPARE(d.summary, std::string("ATA Reply e9.0: DRDY ERR IDNF ABRT"));
        QCOMPARE(ataStatusBits(0x80 | 0x20 | 0x08), std::string("BSY DF DRQ"));
        QCOMPARE(ataErrorBits(0x40), std::string("UNC"));
        QCOMPARE(ataErrorBits(0), std::string("none"));
    }

    void aoeErrorReply() {
        auto req = test::header(Command(7), 9, 0, 0, 0xdeadbeef);
        auto r = reply(req, Error::UnrecognizedCommand);
        const Dissection d = dissect(r.data(), r.size(), r.size());
        QVERIFY(d.aoe);
        QCOMPARE(need(d, "Flags").value, std::string("0xc (R E)"));
        QCOMPARE(need(d, "E").value, std::string("1: error"));
        QCOMPARE(need(d, "Error").value, std::string("1 (Unrecognized command code)"));
        QCOMPARE(need(d, "Error").offset, size_t(15));
        QCOMPARE(need(d, "Command").value, std::string("unknown (7)"));
        QCOMPARE(need(d, "Tag").value, std::string("0xdeadbeef"));
        QCOMPARE(d.layers.size(), size_t(2));
        QVERIFY(d.summary.find("Unrecognized command code") != std::string::npos);
        QCOMPARE(std::string(aoeErrorSpecName(6)), std::string("Target is reserved"));
    }

    void queryConfigReply() {
        auto f = test::configRequest(ConfigCmd::Read, "", kShelfBroadcast, kSlotBroadcast);
        const Dissection req = dissect(f.data(), f.size(), f.size());
        QCOMPARE(need(req, "Major").value, std::string("65535 (shelf, broadcast)"));
        QCOMPARE(need(req, "Minor").value, std::string("255 (slot, broadcast)"));
        QCOMPARE(need(req, "CCmd").value, std::string("read config string (0x0)"));
        QCOMPARE(req.summary, std::string("Query Config Request e*.* read config string"));

        const std::string cfg = "lab disk";
        auto r = test::configRequest(ConfigCmd::Read, cfg);
        makeResponseHeader(r.data(), test::kTargetMac, 9, 0);
        putBe16(r.data() + off::kCfgBufCount, 16);
        putBe16(r.data() + off::kCfgFirmware, 0x4019);
        r[off::kCfgSectors] = 17;
        const Dissection d = dissect(r.data(), r.size(), r.size());
        QCOMPARE(d.layers[2].name, std::string("Query Config"));
        QCOMPARE(need(d, "Buffer Count").value, std::string("16"));
        QCOMPARE(need(d, "Buffer Count").offset, size_t(24));
        QCOMPARE(need(d, "Firmware Version").value, std::string("0x4019"));
        QCOMPARE(need(d, "Sector Count").value, std::string("17 sectors per frame"));
        QCOMPARE(need(d, "AoE Ver").value, std::string("1"));
        QCOMPARE(need(d, "Config String Length").value, std::string("8 bytes"));
        const auto& s = need(d, "Config String");
        QCOMPARE(s.value, std::string("\"lab disk\""));
        QCOMPARE(s.offset, size_t(32));
        QCOMPARE(s.length, cfg.size());

        // A config string longer than the frame: decoded as far as it goes.
        const Dissection cut = dissect(r.data(), r.size() - 2, r.size() - 2);
        QVERIFY(cut.truncated);
        QVERIFY(need(cut, "Config String").truncated);
        QCOMPARE(need(cut, "Config String").value.substr(0, 8), std::string("\"lab di\""));
        QVERIFY(cut.summary.find("(truncated)") != std::string::npos);
    }

    void macMaskList() {
        auto f = test::header(Command::MacMask, 9, 0, 4 + 2 * kMaskDirectiveSize);
        f[off::kMaskCmd] = uint8_t(MaskCmd::Edit);
        f[off::kMaskCount] = 2;
        uint8_t* d0 = f.data() + off::kMaskDirectives;
        d0[1] = uint8_t(MaskDirective::Add);
        std::memcpy(d0 + 2, test::kInitiator.bytes.data(), 6);
        d0[kMaskDirectiveSize + 1] = uint8_t(MaskDirective::Delete);
        std::memcpy(d0 + kMaskDirectiveSize + 2, test::kTargetMac.bytes.data(), 6);
        const Dissection d = dissect(f.data(), f.size(), f.size());
        QCOMPARE(d.layers[2].name, std::string("Mac Mask List"));
        QCOMPARE(need(d, "MCmd").value, std::string("Edit (0x01)"));
        QCOMPARE(need(d, "MError").value, std::string("no error (0x00)"));
        QCOMPARE(need(d, "Dir Count").value, std::string("2"));
        const auto& second = need(d, "Directive 2");
        QCOMPARE(second.offset, size_t(36));
        QCOMPARE(second.length, size_t(8));
        QCOMPARE(second.children[1].name, std::string("DCmd"));
        QCOMPARE(second.children[1].value, std::string("Delete mac address from mask list (0x02)"));
        QCOMPARE(second.children[2].name, std::string("Ethernet Address"));
        QCOMPARE(second.children[2].value, test::kTargetMac.toString());
        QCOMPARE(second.children[2].offset, size_t(38));

        // Dir Count claims more directives than the frame holds.
        f[off::kMaskCount] = 5;
        const Dissection bad = dissect(f.data(), f.size(), f.size());
        QVERIFY(bad.truncated);
        QVERIFY(find(bad.layers, "Directive 2"));
        const auto& third = need(bad, "Directive 3");
        QVERIFY(third.truncated);
        QCOMPARE(third.value, std::string("truncated (the frame ends at byte 44)"));
        QVERIFY(!find(bad.layers, "Directive 4"));
    }

    void reserveRelease() {
        auto f = test::header(Command::ReserveRelease, 9, 0, 2 + 6);
        f[off::kResCmd] = uint8_t(ReserveCmd::Set);
        f[off::kResCount] = 1;
        std::memcpy(f.data() + off::kResMacs, test::kInitiator.bytes.data(), 6);
        const Dissection d = dissect(f.data(), f.size(), f.size());
        QCOMPARE(d.layers[2].name, std::string("Reserve/Release"));
        QCOMPARE(need(d, "RCmd").value, std::string("Set reserve list (0x01)"));
        QCOMPARE(need(d, "NMacs").value, std::string("1"));
        QCOMPARE(need(d, "Ethernet Address 1").value, test::kInitiator.toString());
        QCOMPARE(need(d, "Ethernet Address 1").offset, size_t(26));
    }

    void truncatedAndMalformed() {
        auto f = test::ataRequest(ata::kReadSectorsExt, 2048, 8, true);
        // Cut inside the AoE header: Ethernet complete, the header up to Minor.
        Dissection d = dissect(f.data(), 19, 19);
        QVERIFY(!d.aoe);
        QVERIFY(d.truncated);
        QCOMPARE(d.summary, std::string("truncated AoE header"));
        QVERIFY(find(d.layers, "Minor"));
        QVERIFY(need(d, "Command").truncated);
        QVERIFY(!find(d.layers, "Tag"));

        // Cut inside the ATA argument: the LBA bytes end at lba2.
        d = dissect(f.data(), 31, 31);
        QVERIFY(d.aoe);
        QVERIFY(d.truncated);
        QVERIFY(find(d.layers, "lba2"));
        const auto& lba3 = need(d, "lba3");
        QVERIFY(lba3.truncated);
        QCOMPARE(lba3.value, std::string("truncated (the frame ends at byte 31)"));
        QVERIFY(!find(d.layers, "LBA"));
        QCOMPARE(d.summary, std::string("ATA Request e9.0 READ SECTORS EXT (truncated)"));

        // Shorter than an Ethernet header; not AoE.
        d = dissect(f.data(), 10, 10);
        QVERIFY(d.truncated);
        QCOMPARE(d.layers.size(), size_t(1));
        QCOMPARE(d.summary, std::string("truncated Ethernet frame"));
        auto ip = f;
        putBe16(ip.data() + off::kType, 0x0800);
        d = dissect(ip.data(), ip.size(), ip.size());
        QVERIFY(!d.aoe);
        QCOMPARE(d.summary, std::string("not AoE (EtherType 0x0800)"));

        // A capture cut short is not a malformed frame: "not captured", not truncated.
        d = dissect(f.data(), 30, 60);
        QVERIFY(!d.truncated);
        QVERIFY(d.partial);
        QVERIFY(anyTruncated(d.layers));
        QCOMPARE(need(d, "lba2").value.substr(0, 12), std::string("not captured"));

        // A Query Config length beyond the spec's 1024.
        auto c = test::configRequest(ConfigCmd::Set, "x");
        putBe16(c.data() + off::kCfgLength, 2000);
        d = dissect(c.data(), c.size(), c.size());
        QVERIFY(d.truncated);
        QCOMPARE(need(d, "Config String").value, std::string("malformed: longer than the spec's 1024 bytes"));
    }
};

QTEST_APPLESS_MAIN(TestAoeDissector)
#include "tst_aoe_dissector.moc"
