// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include <ctime>

#include "core/export_target.h"
#include "core/storage_identity.h"
#include "frame_builder.h"
#include "temp_image.h"

using namespace qvblade;
using namespace qvblade::aoe;
using Action = Outcome::Action;

namespace {

struct Fixture {
    test::TempImage image{64 * 512};
    std::unique_ptr<ExportTarget> target;
    PortContext port{test::kTargetMac, 2};
    std::vector<uint8_t> reply = std::vector<uint8_t>(9000, 0);

    explicit Fixture(ExportSettings s = {}, StoreOptions o = {}) {
        std::string error;
        auto store = BackingStore::open(image.path(), o, error);
        if (!store) qFatal("%s", error.c_str());
        s.shelf = 9;
        s.slot = 0;
        s.store = o;
        target = std::make_unique<ExportTarget>(std::move(s), std::move(store));
    }
    Outcome handle(const std::vector<uint8_t>& req) {
        std::fill(reply.begin(), reply.end(), 0xEE);
        return target->handle(req.data(), req.size(), port, reply.data());
    }
    HeaderView header() const { return HeaderView{reply.data()}; }
    uint8_t status() const { return reply[off::kAtaCmdStatus]; }
    uint8_t ataError() const { return reply[off::kAtaErrFeature]; }
};

}  // namespace

class TestExportTarget : public QObject {
    Q_OBJECT
private slots:
    void identifyRepliesWith512BytesFromTheRealAddress() {
        Fixture f;
        auto o = f.handle(test::ataRequest(ata::kIdentifyDevice, 0, 1, false, {}, 0xFFFF, 0xFF));
        QCOMPARE(o.action, Action::Reply);
        QCOMPARE(o.replyLength, size_t(off::kAtaData + 512));
        QCOMPARE(f.header().shelf(), uint16_t(9));
        QCOMPARE(f.header().slot(), uint8_t(0));
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse));
        QCOMPARE(f.header().tag(), 0x01020304u);
        QCOMPARE(f.header().destination(), test::kInitiator);
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy));
        const uint8_t* page = f.reply.data() + off::kAtaData;
        QCOMPARE(uint32_t(page[120] | page[121] << 8 | page[122] << 16 | page[123] << 24), 64u);  // words 60-61
    }
    void readAndWriteMapToFileOffsets() {
        StoreOptions o;
        o.offsetSectors = 4;
        Fixture f({}, o);
        auto r = f.handle(test::ataRequest(ata::kReadSectorsExt, 10, 2, true));
        QCOMPARE(r.action, Action::Read);
        QCOMPARE(r.fileOffset, uint64_t((4 + 10) * 512));
        QCOMPARE(r.bytes, 1024u);
        auto w = f.handle(test::ataRequest(ata::kWriteSectors, 0xE0000003, 1, false, test::pattern(512, 1)));
        QCOMPARE(w.action, Action::Write);
        QCOMPARE(w.fileOffset, uint64_t((4 + 3) * 512));
        QCOMPARE(w.bytes, 512u);
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse));
    }
    void completedReadCarriesTheDataLength() {
        Fixture f;
        auto r = f.handle(test::ataRequest(ata::kReadSectorsExt, 10, 2, true));
        QCOMPARE(f.target->complete(f.reply.data(), r, 1024), size_t(off::kAtaData + 1024));
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy));
        QCOMPARE(read(f.target->counters().ataReads), uint64_t(1));
        QCOMPARE(read(f.target->counters().sectorsRead), uint64_t(2));
    }
    void failedOrShortIoIsAnAtaErrorNotAnAoeError() {
        Fixture f;
        auto r = f.handle(test::ataRequest(ata::kReadSectorsExt, 10, 2, true));
        QCOMPARE(f.target->complete(f.reply.data(), r, 512), size_t(off::kAtaData));
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy | ata::kStatusErr));
        QCOMPARE(f.ataError(), uint8_t(ata::kErrAbrt));
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse));
        auto w = f.handle(test::ataRequest(ata::kWriteSectorsExt, 0, 1, true, test::pattern(512, 1)));
        QCOMPARE(f.target->complete(f.reply.data(), w, -5), size_t(off::kAtaData));
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy | ata::kStatusErr));
        QCOMPARE(read(f.target->counters().ioErrors), uint64_t(2));
    }
    void outOfRangeIsIdnf() {
        Fixture f;
        auto r = f.handle(test::ataRequest(ata::kReadSectorsExt, 63, 2, true));   // 63 + 2 > 64
        QCOMPARE(r.action, Action::Reply);
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy | ata::kStatusErr));
        QCOMPARE(f.ataError(), uint8_t(ata::kErrIdnf));
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse));   // never the AoE error flag
        QCOMPARE(f.handle(test::ataRequest(ata::kReadSectorsExt, 62, 2, true)).action, Action::Read);
        f.handle(test::ataRequest(ata::kReadSectorsExt, 0xFFFFFFFFFFFFULL, 2, true));
        QCOMPARE(f.ataError(), uint8_t(ata::kErrIdnf));
    }
    void readOnlyRefusesWritesWithAbort() {
        StoreOptions o;
        o.readOnly = true;
        Fixture f({}, o);
        auto w = f.handle(test::ataRequest(ata::kWriteSectorsExt, 0, 1, true, test::pattern(512, 1)));
        QCOMPARE(w.action, Action::Reply);
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy | ata::kStatusErr));
        QCOMPARE(f.ataError(), uint8_t(ata::kErrAbrt));
        QCOMPARE(f.handle(test::ataRequest(ata::kReadSectorsExt, 0, 1, true)).action, Action::Read);
    }
    void unsupportedAtaCommandIsAborted() {
        Fixture f;
        auto o = f.handle(test::ataRequest(0xC8, 0, 1, false));
        QCOMPARE(o.action, Action::Reply);
        QCOMPARE(o.replyLength, size_t(off::kAtaData));
        QCOMPARE(f.ataError(), uint8_t(ata::kErrAbrt));
    }
    void flushAndCheckPowerMode() {
        Fixture f;
        auto fl = f.handle(test::ataRequest(ata::kFlushCacheExt, 0, 0, true));
        QCOMPARE(fl.action, Action::Flush);
        QCOMPARE(f.target->complete(f.reply.data(), fl, 0), size_t(off::kAtaData));
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy));
        QCOMPARE(read(f.target->counters().flushes), uint64_t(1));
        auto cp = f.handle(test::ataRequest(ata::kCheckPowerMode, 0, 0, false));
        QCOMPARE(cp.action, Action::Reply);
        QCOMPARE(f.reply[off::kAtaSectors], uint8_t(0xFF));
        QCOMPARE(f.status(), uint8_t(ata::kStatusDrdy));
    }
    void reservationRestrictsAtaButNotIdentify() {
        Fixture f;
        auto req = test::header(Command::ReserveRelease, 9, 0, 2 + 6, 7, *MacAddress::parse("02:00:00:00:00:05"));
        req[off::kResCmd] = uint8_t(ReserveCmd::Set);
        req[off::kResCount] = 1;
        const auto holder = *MacAddress::parse("02:00:00:00:00:05");
        std::copy(holder.bytes.begin(), holder.bytes.end(), req.begin() + off::kResMacs);
        QCOMPARE(f.handle(req).action, Action::Reply);
        QCOMPARE(f.target->reservations().entries().size(), size_t(1));
        f.handle(test::ataRequest(ata::kReadSectorsExt, 0, 1, true));   // from kInitiator, not the holder
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse | kFlagError));
        QCOMPARE(f.reply[off::kError], uint8_t(Error::TargetReserved));
        QCOMPARE(f.handle(test::ataRequest(ata::kIdentifyDevice, 0, 1, false)).replyLength, size_t(off::kAtaData + 512));
    }
    void maskedInitiatorGetsSilence() {
        ExportSettings s;
        s.allowedMacs.push_back(*MacAddress::parse("02:00:00:00:00:77"));
        Fixture f(s);
        QCOMPARE(f.handle(test::configRequest(ConfigCmd::Read, "")).action, Action::Drop);
        QCOMPARE(read(f.target->counters().maskRefused), uint64_t(1));
        QCOMPARE(read(f.target->counters().framesIn), uint64_t(0));
        auto allowed = test::configRequest(ConfigCmd::Read, "");
        std::copy_n(f.target->masks().entries()[0].bytes.begin(), 6, allowed.begin() + off::kSrc);
        QCOMPARE(f.handle(allowed).action, Action::Reply);
    }
    void unknownCommandAndVersionGetAoeErrors() {
        Fixture f;
        auto req = test::header(Command(0x42), 9, 0, 12);
        QCOMPARE(f.handle(req).action, Action::Reply);
        QCOMPARE(f.reply[off::kError], uint8_t(Error::UnrecognizedCommand));
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse | kFlagError));
        auto v2 = test::configRequest(ConfigCmd::Read, "");
        v2[off::kVerFlags] = 0x20;
        QCOMPARE(f.handle(v2).action, Action::Reply);
        QCOMPARE(f.reply[off::kError], uint8_t(Error::UnsupportedVersion));
        QCOMPARE(read(f.target->counters().aoeErrors[size_t(Error::UnsupportedVersion)]), uint64_t(1));
    }
    void onlyASharedExportSaysWhichStorageItServes() {
        auto question = test::header(Command::StorageId, 9, 0, 32);
        writeStorageIdRequest(question.data());
        {
            // Not shared: another target must not take it for a second path to the same disk.
            Fixture f;
            f.target->store().setStorageId("rbd:fsid/1/abc");
            QCOMPARE(f.handle(question).action, Action::Reply);
            QCOMPARE(f.reply[off::kError], uint8_t(Error::UnrecognizedCommand));
            QVERIFY(!parseStorageIdResponse(f.reply.data(), f.reply.size()));
        }
        ExportSettings shared;
        shared.allowSharedAddress = true;
        {
            // Shared, but a file: no identity that another host could compare.
            Fixture f(shared);
            QCOMPARE(f.handle(question).action, Action::Reply);
            QCOMPARE(f.reply[off::kError], uint8_t(Error::UnrecognizedCommand));
        }
        Fixture f(shared);
        f.target->store().setStorageId("rbd:fsid/1/abc");
        auto o = f.handle(question);
        QCOMPARE(o.action, Action::Reply);
        QCOMPARE(f.header().flags(), uint8_t(kFlagResponse));
        QCOMPARE(o.replyLength, kStorageIdLength + 1 + 14);
        QCOMPARE(parseStorageIdResponse(f.reply.data(), o.replyLength).value_or("?"), std::string("rbd:fsid/1/abc"));
        // Another vendor's command 0xF0 (no magic) is not ours to answer; a cut answer is no answer.
        auto foreign = test::header(Command::StorageId, 9, 0, 32);
        QCOMPARE(f.handle(foreign).action, Action::Reply);
        QCOMPARE(f.reply[off::kError], uint8_t(Error::UnrecognizedCommand));
        f.handle(question);
        QVERIFY(!parseStorageIdResponse(f.reply.data(), o.replyLength - 1));
    }
    void truncatedArgumentsAreDropped() {
        Fixture f;
        auto ata = test::ataRequest(ata::kIdentifyDevice, 0, 1, false);
        ata.resize(off::kAtaData - 1);
        QCOMPARE(f.handle(ata).action, Action::Drop);
        auto cfg = test::configRequest(ConfigCmd::Read, "");
        cfg.resize(off::kCfgData - 1);
        QCOMPARE(f.handle(cfg).action, Action::Drop);
    }
    void configReplyAdvertisesThePortsSectorCount() {
        ExportSettings s;
        s.bufferCount = 32;
        s.configString = "preset";
        Fixture f(s);
        f.port.maxSectors = 17;
        auto o = f.handle(test::configRequest(ConfigCmd::Read, ""));
        QCOMPARE(o.replyLength, size_t(off::kCfgData + 6));
        QCOMPARE(getBe16(f.reply.data() + off::kCfgBufCount), uint16_t(32));
        QCOMPARE(f.reply[off::kCfgSectors], uint8_t(17));
        QCOMPARE(getBe16(f.reply.data() + off::kCfgFirmware), kFirmwareVersion);
    }
    void announcementIsAnUnsolicitedConfigReply() {
        ExportSettings s;
        s.configString = "hello";
        Fixture f(s);
        std::vector<uint8_t> frame(2048, 0);
        const size_t n = f.target->buildAnnouncement(frame.data(), f.port, MacAddress::broadcast());
        QCOMPARE(n, size_t(off::kCfgData + 5));
        const HeaderView h{frame.data()};
        QVERIFY(h.destination().isBroadcast());
        QCOMPARE(h.source(), test::kTargetMac);
        QCOMPARE(h.flags(), uint8_t(kFlagResponse));
        QCOMPARE(h.command(), uint8_t(Command::QueryConfig));
        QCOMPARE(h.etherType(), kEtherType);
        QCOMPARE(f.target->announcementTargets().size(), size_t(1));
    }
    void initiatorsAreRemembered() {
        Fixture f;
        f.handle(test::configRequest(ConfigCmd::Read, ""));
        auto other = test::configRequest(ConfigCmd::Read, "");
        other[off::kSrc + 5] = 0x42;
        f.handle(other);
        f.handle(other);
        auto macs = f.target->counters().recentInitiators();
        QCOMPARE(macs.size(), size_t(2));
        QCOMPARE(macs[0].bytes[5], uint8_t(0x42));
        QCOMPARE(macs[1], test::kInitiator);
        // With when each was first and last seen, moved along with its MAC.
        const auto seen = f.target->counters().initiatorsSeen();
        QCOMPARE(seen.size(), size_t(2));
        const int64_t now = int64_t(::time(nullptr));
        for (const auto& s : seen) {
            QVERIFY2(s.firstSeen > now - 5 && s.firstSeen <= s.lastSeen && s.lastSeen <= now + 1,
                     qPrintable(QStringLiteral("%1 %2 %3").arg(s.firstSeen).arg(s.lastSeen).arg(now)));
        }
        QCOMPARE(seen[1].mac, test::kInitiator);
        f.target->counters().initiatorFirstSeen[1].store(1000);   // as if long ago
        f.handle(test::configRequest(ConfigCmd::Read, ""));      // kInitiator again: first again, first seen kept
        const auto again = f.target->counters().initiatorsSeen();
        QCOMPARE(again[0].mac, test::kInitiator);
        QCOMPARE(again[0].firstSeen, int64_t(1000));
        QVERIFY(again[0].lastSeen >= now);
    }

    void readOnlyChangesInPlace() {
        Fixture f;   // opened read-write
        QVERIFY(f.target->store().canWrite());
        std::string error;
        QVERIFY(f.target->setReadOnly(true, error));
        f.handle(test::ataRequest(ata::kWriteSectors, 0xE0000003, 1, false, test::pattern(512, 1)));
        QCOMPARE(f.status() & ata::kStatusErr, int(ata::kStatusErr));
        QVERIFY(f.target->store().everWritable());   // still flushed when it stops
        QVERIFY(f.target->setReadOnly(false, error));
        QCOMPARE(f.handle(test::ataRequest(ata::kWriteSectors, 0xE0000003, 1, false, test::pattern(512, 1))).action, Action::Write);

        StoreOptions ro;
        ro.readOnly = true;
        Fixture r({}, ro);   // opened O_RDONLY: never writable in place
        QVERIFY(!r.target->store().canWrite());
        QVERIFY(!r.target->setReadOnly(false, error));
        QVERIFY2(error.find("opened read-only") != std::string::npos, error.c_str());
        QVERIFY(r.target->settings().store.readOnly);
        QCOMPARE(r.handle(test::ataRequest(ata::kWriteSectors, 0xE0000003, 1, false, test::pattern(512, 1))).action, Action::Reply);
    }

    void theMaskListIsReplacedInPlace() {
        Fixture f;
        std::string error;
        MacAddress other = test::kInitiator;
        other.bytes[5] ^= 0x01;
        QVERIFY(f.target->setAllowedMacs({other}, error));
        QCOMPARE(f.handle(test::configRequest(ConfigCmd::Read, "")).action, Action::Drop);   // kInitiator is out
        QCOMPARE(read(f.target->counters().maskRefused), uint64_t(1));
        QCOMPARE(f.target->settings().allowedMacs.size(), size_t(1));
        QVERIFY(f.target->setAllowedMacs({}, error));
        QCOMPARE(f.handle(test::configRequest(ConfigCmd::Read, "")).action, Action::Reply);
        std::vector<MacAddress> tooMany(kMaskListCapacity + 1, other);
        QVERIFY(!f.target->setAllowedMacs(tooMany, error));
        QVERIFY(f.target->masks().entries().empty());   // unchanged
    }
};

QTEST_GUILESS_MAIN(TestExportTarget)
#include "tst_export_target.moc"
