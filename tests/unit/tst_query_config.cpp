// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include "core/query_config.h"
#include "frame_builder.h"

using namespace qvblade;
using namespace qvblade::aoe;

namespace {

struct Result {
    size_t length;
    Error error;
    std::vector<uint8_t> reply;
    std::string str() const { return std::string(reply.begin() + off::kCfgData, reply.begin() + long(length)); }
};

Result run(ConfigString& cs, const std::vector<uint8_t>& req, ConfigAdvert advert = {16, 0x4019, 17}) {
    Result r;
    r.reply.assign(off::kCfgData + kMaxConfigString, 0);
    std::memcpy(r.reply.data(), req.data(), off::kCfgData);
    r.length = cs.handle(req.data(), req.size(), r.reply.data(), advert, r.error);
    return r;
}

}  // namespace

class TestQueryConfig : public QObject {
    Q_OBJECT
private slots:
    void readAdvertisesBuffersFirmwareAndSectors() {
        ConfigString cs;
        cs.set("abc");
        auto r = run(cs, test::configRequest(ConfigCmd::Read, ""));
        QCOMPARE(r.error, Error::None);
        QCOMPARE(r.length, off::kCfgData + 3);
        QCOMPARE(getBe16(r.reply.data() + off::kCfgBufCount), uint16_t(16));
        QCOMPARE(getBe16(r.reply.data() + off::kCfgFirmware), uint16_t(0x4019));
        QCOMPARE(r.reply[off::kCfgSectors], uint8_t(17));
        QCOMPARE(r.reply[off::kCfgVerCmd], uint8_t(0x10));
        QCOMPARE(getBe16(r.reply.data() + off::kCfgLength), uint16_t(3));
        QCOMPARE(r.str(), std::string("abc"));
    }
    void testExactRepliesOnlyOnMatch() {
        ConfigString cs;
        cs.set("host-a");
        QVERIFY(run(cs, test::configRequest(ConfigCmd::TestExact, "host-a")).length > 0);
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::TestExact, "host")).length, size_t(0));
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::TestExact, "host-b")).length, size_t(0));
        auto r = run(cs, test::configRequest(ConfigCmd::TestExact, "host-a"));
        QCOMPARE(r.reply[off::kCfgVerCmd], uint8_t(0x11));
    }
    void testPrefixRepliesOnlyOnPrefix() {
        ConfigString cs;
        cs.set("host-a");
        QVERIFY(run(cs, test::configRequest(ConfigCmd::TestPrefix, "host")).length > 0);
        QVERIFY(run(cs, test::configRequest(ConfigCmd::TestPrefix, "")).length > 0);
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::TestPrefix, "host-ab")).length, size_t(0));
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::TestPrefix, "x")).length, size_t(0));
    }
    void setStoresWhenEmptyOrIdenticalElseError4() {
        ConfigString cs;
        auto r = run(cs, test::configRequest(ConfigCmd::Set, "first"));
        QCOMPARE(r.error, Error::None);
        QCOMPARE(cs.value(), std::string_view("first"));
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::Set, "first")).error, Error::None);
        r = run(cs, test::configRequest(ConfigCmd::Set, "second"));
        QCOMPARE(r.error, Error::ConfigStringPresent);
        QCOMPARE(cs.value(), std::string_view("first"));
        QCOMPARE(r.str(), std::string("first"));  // the reply shows what is there
    }
    void forceSetReplaces() {
        ConfigString cs;
        cs.set("old");
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::ForceSet, "new")).error, Error::None);
        QCOMPARE(cs.value(), std::string_view("new"));
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::ForceSet, "")).error, Error::None);
        QCOMPARE(cs.value(), std::string_view(""));
    }
    void maximumLengthStringIsAccepted() {
        ConfigString cs;
        const std::string big(kMaxConfigString, 'x');
        QCOMPARE(run(cs, test::configRequest(ConfigCmd::Set, big)).error, Error::None);
        QCOMPARE(cs.value().size(), kMaxConfigString);
        QVERIFY(!cs.set(big + "y"));
    }
    void lengthFieldBeyondTheFrameIsRejected() {
        ConfigString cs;
        auto req = test::configRequest(ConfigCmd::Set, "abc");
        putBe16(req.data() + off::kCfgLength, 200);   // claims more than the frame carries
        QCOMPARE(run(cs, req).error, Error::BadArgument);
        QCOMPARE(cs.value(), std::string_view(""));
        putBe16(req.data() + off::kCfgLength, 2000);  // more than the protocol allows
        QCOMPARE(run(cs, req).error, Error::BadArgument);
        auto test = test::configRequest(ConfigCmd::TestExact, "abc");
        putBe16(test.data() + off::kCfgLength, 200);
        QCOMPARE(run(cs, test).length, size_t(0));
    }
    void unknownSubCommandIsBadArgument() {
        ConfigString cs;
        auto req = test::configRequest(ConfigCmd::Read, "");
        req[off::kCfgVerCmd] = 0x17;
        QCOMPARE(run(cs, req).error, Error::BadArgument);
    }
};

QTEST_APPLESS_MAIN(TestQueryConfig)
#include "tst_query_config.moc"
