// SPDX-License-Identifier: GPL-2.0-or-later
// Live interfaces (issue #24) against a real qvblade-helper in a namespace of the test's own:
// a veth pair made during the test is announced (interface-changed added), brought down and up
// (changed, up/running), given another MTU (changed, mtu; the export's Query Config answer
// follows it) and deleted (removed); an export on an interface that goes down says so
// (export-changed interface-down, interfacesDown) and serves again when it comes back — also
// when the interface was deleted and made again under the same name, or when the export was added
// while its interface had no carrier.
#include <fcntl.h>

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestLinkEvents : public QObject {
    Q_OBJECT

    NetNs ns_;
    SpawnedHelper helper_;
    HelperClient client_;
    QTemporaryDir dir_;
    QString image_;
    std::unique_ptr<QSignalSpy> events_;

    void ip(const QStringList& args) {
        QString out;
        const QStringList argv = QStringList{"ip", "-n", ns_.name()} + args;
        QVERIFY2(run(argv, &out) == 0, qPrintable(argv.join(' ') + ": " + out));
    }
    // The events named `name` received so far, optionally only those about `about`.
    QList<QJsonObject> events(const QString& name, const QString& about = {}) const {
        QList<QJsonObject> out;
        for (const auto& e : *events_)
            if (e[0].toString() == name && (about.isEmpty() || e[1].toJsonObject().value("name").toString() == about))
                out << e[1].toJsonObject();
        return out;
    }
    // True once an interface-changed event for `ifname` with `change` arrived (and, when given,
    // whose interface object satisfies `test`).
    bool sawInterface(const QString& ifname, const QString& change, std::function<bool(const QJsonObject&)> test = {}) const {
        for (const QJsonObject& e : events("interface-changed", ifname))
            if (e.value("change").toString() == change && (!test || test(e.value("interface").toObject()))) return true;
        return false;
    }
    bool sawExport(const QString& change, const QJsonArray& down, const QString& name = "e4.2") const {
        for (const QJsonObject& e : events("export-changed", name))
            if (e.value("change").toString() == change && e.value("export").toObject().value("interfacesDown").toArray() == down)
                return true;
        return false;
    }
    QJsonObject listedExport() {
        const Reply r = call(client_, "list-exports");
        for (const QJsonValue& v : r.result.value("exports").toArray())
            if (v.toObject().value("name").toString() == "e4.2") return v.toObject();
        return {};
    }
    // The sectors per frame e4.2 advertises to a Query Config on the peer's side, -1 without answer.
    int advertisedSectors() {
        QString out;
        if (run({"ip", "netns", "exec", ns_.name(), QVBLADE_AOE_REQUEST_BIN, "-i", "qvl0p", "-t", "4", "-n", "2", "--timeout",
                 "2000", "config"},
                &out) != 0)
            return -1;
        const qsizetype at = out.indexOf("cfg_sectors=");
        return at < 0 ? -1 : out.mid(at + 12).section(' ', 0, 0).toInt();
    }
    bool listed(const QString& ifname) {
        for (const QJsonValue& v : call(client_, "list-interfaces").result.value("interfaces").toArray())
            if (v.toObject().value("name").toString() == ifname) return true;
        return false;
    }
    void expectServing(uint8_t slot = 2) {
        QByteArray data;
        QString error;
        QVERIFY2(aoeReadSector(ns_.name(), "qvl0p", 4, slot, 0, data, error), qPrintable(QStringLiteral("e4.%1 does not answer: ").arg(slot) + error));
        QCOMPARE(data, QByteArray(512, 0x5a));
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(ns_.create(error), qPrintable(error));
        QVERIFY2(ns_.addVethPair("qvl0", "qvl0p", error), qPrintable(error));
        QVERIFY2(helper_.start({"--stdio"}, ns_.name(), error), qPrintable(error));
        client_.adoptSocket(helper_.takeClientFd());
        QVERIFY(call(client_, "hello", {{"version", kProtocolVersion}}).ok);
        events_ = std::make_unique<QSignalSpy>(&client_, &HelperClient::eventReceived);
        image_ = dir_.filePath("disk.img");
        QFile f(image_);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(QByteArray(512, 0x5a)) == 512 && f.resize(1 << 20));
        f.close();
    }
    void cleanupTestCase() {
        client_.disconnectFromHelper();
        helper_.stop();
    }

    void subscribingListsTheInterfaces() {
        const Reply r = call(client_, "subscribe-interfaces");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(r.result.value("enabled").toBool());
        bool found = false;
        for (const QJsonValue& v : r.result.value("interfaces").toArray()) {
            const QJsonObject i = v.toObject();
            if (i.value("name").toString() != "qvl0") continue;
            found = true;
            QVERIFY(i.value("up").toBool());
            QCOMPARE(i.value("mtu").toInt(), 1500);
        }
        QVERIFY2(found, "qvl0 is not in the subscription's list");
        QCOMPARE(call(client_, "subscribe-interfaces", {{"enabled", 1}}).errorCode, QString(err::kInvalidArgument));
        QCOMPARE(call(client_, "subscribe-interfaces", {{"enabled", true}, {"names", QJsonArray{}}}).errorCode,
                 QString(err::kInvalidArgument));
        QVERIFY(call(client_, "subscribe-exports").ok);
        const int fd = ::open(image_.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        const Reply added = call(client_, "add-export", {{"shelf", 4}, {"slot", 2}, {"interfaces", QJsonArray{"qvl0"}}}, {fd});
        ::close(fd);
        QVERIFY2(added.ok, qPrintable(describe(added)));
        QCOMPARE(added.result.value("export").toObject().value("interfacesDown").toArray(), QJsonArray{});
        expectServing();
    }

    void aNewInterfaceIsAnnounced() {
        ip({"link", "add", "qvn0", "type", "veth", "peer", "name", "qvn0p"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvn0", "added", [](const QJsonObject& i) { return !i.value("up").toBool(); }), 5000);
        QVERIFY(sawInterface("qvn0p", "added"));
        ip({"link", "set", "qvn0", "up"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvn0", "changed", [](const QJsonObject& i) { return i.value("up").toBool(); }), 5000);
        ip({"link", "del", "qvn0"});   // its peer goes with it
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvn0", "removed") && sawInterface("qvn0p", "removed"), 5000);
        // An unsubscribed client hears nothing more.
        QVERIFY(call(client_, "subscribe-interfaces", {{"enabled", false}}).ok);
        events_->clear();
        ip({"link", "add", "qvn1", "type", "veth", "peer", "name", "qvn1p"});
        QTRY_VERIFY_WITH_TIMEOUT(listed("qvn1"), 5000);
        QCOMPARE(events("interface-changed").size(), 0);
        ip({"link", "del", "qvn1"});
        QVERIFY(call(client_, "subscribe-interfaces").ok);
    }

    void anExportFollowsItsInterfaceDownAndUp() {
        events_->clear();
        ip({"link", "set", "qvl0", "down"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "changed", [](const QJsonObject& i) { return !i.value("up").toBool(); }), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-down", QJsonArray{"qvl0"}), 5000);
        QCOMPARE(listedExport().value("interfacesDown").toArray(), QJsonArray{"qvl0"});
        QTRY_VERIFY_WITH_TIMEOUT(helper_.stderrText().contains("e4.2 cannot be reached: qvl0 down"), 3000);
        ip({"link", "set", "qvl0", "up"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "changed", [](const QJsonObject& i) {
            return i.value("up").toBool() && i.value("running").toBool();
        }), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-up", QJsonArray{}), 5000);
        QCOMPARE(listedExport().value("interfacesDown").toArray(), QJsonArray{});
        expectServing();
    }

    void theCarrierCountsToo() {
        // The peer's end down: qvl0 stays up but loses its carrier; nobody can reach the export.
        events_->clear();
        ip({"link", "set", "qvl0p", "down"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "changed", [](const QJsonObject& i) {
            return i.value("up").toBool() && !i.value("running").toBool();
        }), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-down", QJsonArray{"qvl0"}), 5000);
        ip({"link", "set", "qvl0p", "up"});
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-up", QJsonArray{}), 5000);
        expectServing();
    }

    void anMtuChangeIsFollowed() {
        events_->clear();
        QCOMPARE(advertisedSectors(), 2);   // MTU 1500
        ip({"link", "set", "qvl0", "mtu", "1000"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "changed", [](const QJsonObject& i) { return i.value("mtu").toInt() == 1000; }), 5000);
        // The export's port was opened again for the new MTU: one sector per frame fits.
        QTRY_COMPARE_WITH_TIMEOUT(advertisedSectors(), 1, 5000);
        ip({"link", "set", "qvl0", "mtu", "1500"});
        QTRY_COMPARE_WITH_TIMEOUT(advertisedSectors(), 2, 5000);
        expectServing();
        // Counters carried over to the new port: totals since start do not restart.
        QVERIFY(call(client_, "subscribe-counters").ok);
        QTRY_VERIFY_WITH_TIMEOUT(!events("counters").isEmpty(), 3000);
        bool counted = false;
        for (const QJsonValue& v : events("counters").last().value("interfaces").toArray())
            if (v.toObject().value("name").toString() == "qvl0") counted = v.toObject().value("framesIn").toInt() >= 4;
        QVERIFY2(counted, "qvl0's frames since the start are not in the counters");
        QVERIFY(call(client_, "subscribe-counters", {{"enabled", false}}).ok);
    }

    void anInterfaceMadeAgainServesAgain() {
        events_->clear();
        ip({"link", "del", "qvl0"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "removed"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-down", QJsonArray{"qvl0"}), 5000);
        ip({"link", "add", "qvl0", "type", "veth", "peer", "name", "qvl0p"});
        ip({"link", "set", "qvl0", "up"});
        ip({"link", "set", "qvl0p", "up"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "added"), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-up", QJsonArray{}), 5000);
        expectServing();   // on a socket opened on the new interface
        QVERIFY(call(client_, "remove-export", {{"shelf", 4}, {"slot", 2}}).ok);
    }

    void anExportAddedWithoutCarrierSaysSoUntilItComes() {
        events_->clear();
        ip({"link", "set", "qvl0p", "down"});
        QTRY_VERIFY_WITH_TIMEOUT(sawInterface("qvl0", "changed", [](const QJsonObject& i) { return !i.value("running").toBool(); }), 5000);
        // allowSharedAddress: without carrier nobody could answer the address probe; not what this tests.
        const int fd = ::open(image_.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        const Reply added = call(client_, "add-export",
                                 {{"shelf", 4}, {"slot", 3}, {"interfaces", QJsonArray{"qvl0"}}, {"allowSharedAddress", true}}, {fd});
        ::close(fd);
        QVERIFY2(added.ok, qPrintable(describe(added)));
        QCOMPARE(added.result.value("export").toObject().value("interfacesDown").toArray(), QJsonArray{"qvl0"});
        ip({"link", "set", "qvl0p", "up"});
        QTRY_VERIFY_WITH_TIMEOUT(sawExport("interface-up", QJsonArray{}, "e4.3"), 5000);
        expectServing(3);
        QVERIFY(call(client_, "remove-export", {{"shelf", 4}, {"slot", 3}}).ok);
    }
};

QTEST_GUILESS_MAIN(TestLinkEvents)
#include "tst_link_events.moc"
