// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade-helper in stdio mode (as pkexec starts it), driven by a root client over a real
// socketpair, inside a network namespace with a veth pair of its own: hello, interfaces, adding an
// export from a passed descriptor, field validation, pause, counters, rmem, capture, frames.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <vector>

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include "privhelper/protocol/message_io.h"
#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestHelper : public QObject {
    Q_OBJECT

    NetNs ns_;
    SpawnedHelper helper_;
    std::unique_ptr<HelperClient> client_;
    QTemporaryDir dir_;
    QString image_, socket_;

    int openImage(int flags) { return ::open(image_.toLocal8Bit().constData(), flags | O_CLOEXEC); }
    QJsonObject exportArgs(int shelf, int slot) {
        return {{"shelf", shelf}, {"slot", slot}, {"interfaces", QJsonArray{"d0"}}};
    }
    Reply addExport(const QJsonObject& args, int flags = O_RDWR) {
        const int fd = openImage(flags);
        const Reply r = call(*client_, "add-export", args, {fd});
        ::close(fd);
        return r;
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(startListeningHelper(ns_, helper_, dir_, "d0", socket_, error), qPrintable(error));
        client_ = std::make_unique<HelperClient>();
        client_->adoptSocket(helper_.takeClientFd());
        image_ = dir_.filePath("disk.img");
        QFile f(image_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(1 << 20));
    }

    void cleanupTestCase() {
        client_.reset();
        helper_.stop();
    }

    void requestsBeforeHelloAreRefused() {
        const Reply r = call(*client_, "list-exports");
        QCOMPARE(r.errorCode, QString(err::kHelloRequired));
        QVERIFY(!r.errorMessage.isEmpty());
    }

    void helloWithAnotherVersionIsRefused() {
        const Reply r = call(*client_, "hello", {{"version", 99}});
        QCOMPARE(r.errorCode, QString(err::kUnsupportedVersion));
        QVERIFY2(r.errorMessage.contains("version 1"), qPrintable(r.errorMessage));
    }

    void hello() {
        const Reply r = call(*client_, "hello", {{"version", kProtocolVersion}, {"client", "tst_helper"}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(r.result.value("version").toInt(), kProtocolVersion);
        QCOMPARE(r.result.value("mode").toString(), QString("stdio"));
        QCOMPARE(r.result.value("uid").toInt(), 0);
        QCOMPARE(r.result.value("pid").toInt(), int(helper_.pid()));
    }

    void unknownRequestsGetAnError() {
        const Reply r = call(*client_, "format-disk");
        QCOMPARE(r.errorCode, QString(err::kUnknownRequest));
    }

    void theHelperKeepsOnlyCapNetRaw() {
        QFile f(QStringLiteral("/proc/%1/status").arg(helper_.pid()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray status = f.readAll();
        const qsizetype at = status.indexOf("CapEff:");
        QVERIFY(at >= 0);
        const quint64 eff = status.mid(at + 7, status.indexOf('\n', at) - at - 7).trimmed().toULongLong(nullptr, 16);
        QCOMPARE(eff, quint64(1) << 13);   // CAP_NET_RAW
        const qsizetype bnd = status.indexOf("CapBnd:");
        QCOMPARE(status.mid(bnd + 7, status.indexOf('\n', bnd) - bnd - 7).trimmed().toULongLong(nullptr, 16), quint64(1) << 13);
    }

    void listInterfaces() {
        const Reply r = call(*client_, "list-interfaces");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        const QJsonArray list = r.result.value("interfaces").toArray();
        QCOMPARE(list.size(), 2);   // d0 and d0p; lo is not Ethernet
        QJsonObject d0 = list[0].toObject();
        if (d0.value("name").toString() != "d0") d0 = list[1].toObject();
        QCOMPARE(d0.value("name").toString(), QString("d0"));
        QCOMPARE(d0.value("mtu").toInt(), 1500);
        QVERIFY(d0.value("up").toBool());
        QCOMPARE(d0.value("mac").toString().size(), 17);
    }

    void addListRemove() {
        Reply r = addExport(exportArgs(7, 3));
        QVERIFY2(r.ok, qPrintable(describe(r)));
        const QJsonObject e = r.result.value("export").toObject();
        QCOMPARE(e.value("name").toString(), QString("e7.3"));
        QCOMPARE(e.value("sectors").toInt(), 2048);
        QCOMPARE(e.value("path").toString(), QFileInfo(image_).canonicalFilePath());

        r = call(*client_, "list-exports");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QJsonArray list = r.result.value("exports").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value("name").toString(), QString("e7.3"));
        QCOMPARE(list[0].toObject().value("interfaces").toArray(), QJsonArray{"d0"});
        QCOMPARE(list[0].toObject().value("ownerUid").toInt(), 0);

        r = addExport(exportArgs(7, 3));
        QCOMPARE(r.errorCode, QString(err::kExists));

        r = call(*client_, "remove-export", {{"shelf", 7}, {"slot", 3}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        r = call(*client_, "remove-export", {{"shelf", 7}, {"slot", 3}});
        QCOMPARE(r.errorCode, QString(err::kNotFound));
        r = call(*client_, "list-exports");
        QCOMPARE(r.result.value("exports").toArray().size(), 0);
    }

    void everyFieldIsValidated_data() {
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        auto base = [] { return QJsonObject{{"shelf", 1}, {"slot", 1}, {"interfaces", QJsonArray{"d0"}}}; };
        auto with = [&](const char* k, QJsonValue v) { QJsonObject o = base(); o.insert(k, v); return o; };
        auto without = [&](const char* k) { QJsonObject o = base(); o.remove(k); return o; };
        QTest::newRow("no shelf") << without("shelf") << err::kInvalidArgument << "shelf";
        QTest::newRow("shelf too big") << with("shelf", 65535) << err::kInvalidArgument << "shelf";
        QTest::newRow("negative slot") << with("slot", -1) << err::kInvalidArgument << "slot";
        QTest::newRow("slot 255") << with("slot", 255) << err::kInvalidArgument << "slot";
        QTest::newRow("fractional slot") << with("slot", 1.5) << err::kInvalidArgument << "slot";
        QTest::newRow("shelf as text") << with("shelf", "1") << err::kInvalidArgument << "shelf";
        QTest::newRow("no interface") << without("interfaces") << err::kInvalidArgument << "interfaces";
        QTest::newRow("missing interface") << with("interfaces", QJsonArray{"nope0"}) << err::kInvalidArgument << "nope0";
        QTest::newRow("path as interface") << with("interfaces", QJsonArray{"../d0"}) << err::kInvalidArgument << "../d0";
        QTest::newRow("long interface") << with("interfaces", QJsonArray{QString(40, 'x')}) << err::kInvalidArgument << "interfaces";
        QTest::newRow("unknown field") << with("path", "/etc/shadow") << err::kInvalidArgument << "path";
        QTest::newRow("buffer count 1") << with("bufferCount", 1) << err::kInvalidArgument << "bufferCount";
        QTest::newRow("buffer count 5000") << with("bufferCount", 5000) << err::kInvalidArgument << "bufferCount";
        QTest::newRow("long config") << with("configString", QString(1025, 'c')) << err::kInvalidArgument << "configString";
        QTest::newRow("bad MAC") << with("macs", QJsonArray{"00:11:22"}) << err::kInvalidArgument << "00:11:22";
        QTest::newRow("read-only as text") << with("readOnly", "yes") << err::kInvalidArgument << "readOnly";
        QTest::newRow("offset past the end") << with("offset", 4096) << err::kBadFd << "offset";
        QTest::newRow("length past the end") << with("length", 4096) << err::kBadFd << "length";
    }
    void everyFieldIsValidated() {
        QFETCH(QJsonObject, args);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        const Reply r = addExport(args);
        QCOMPARE(r.errorCode, code);
        QVERIFY2(r.errorMessage.contains(mentions), qPrintable(r.errorMessage));
        QVERIFY(client_->isConnected());
    }

    void descriptorsAreChecked() {
        const QJsonObject args = exportArgs(2, 2);
        Reply r = call(*client_, "add-export", args);
        QCOMPARE(r.errorCode, QString(err::kBadFd));

        int p[2];
        QVERIFY(::pipe2(p, O_CLOEXEC) == 0);
        r = call(*client_, "add-export", args, {p[0]});
        QCOMPARE(r.errorCode, QString(err::kBadFd));
        QVERIFY2(r.errorMessage.contains("not a regular file or block device"), qPrintable(r.errorMessage));
        ::close(p[0]);
        ::close(p[1]);

        const int dirFd = ::open(dir_.path().toLocal8Bit().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        r = call(*client_, "add-export", args, {dirFd});
        ::close(dirFd);
        QCOMPARE(r.errorCode, QString(err::kBadFd));

        r = addExport(args, O_RDONLY);   // read-write export from a read-only descriptor
        QCOMPARE(r.errorCode, QString(err::kBadFd));
        QVERIFY2(r.errorMessage.contains("reading and writing"), qPrintable(r.errorMessage));
        r = addExport(args, O_WRONLY);
        QCOMPARE(r.errorCode, QString(err::kBadFd));
        r = addExport(args, O_PATH);     // needs no read permission: never enough
        QCOMPARE(r.errorCode, QString(err::kBadFd));
        QVERIFY2(r.errorMessage.contains("O_PATH"), qPrintable(r.errorMessage));

        const int a = openImage(O_RDWR), b = openImage(O_RDWR);
        r = call(*client_, "add-export", args, {a, b});
        ::close(a);
        ::close(b);
        QCOMPARE(r.errorCode, QString(err::kBadFd));

        QJsonObject ro = args;
        ro.insert("readOnly", true);
        r = addExport(ro, O_RDONLY);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(r.result.value("export").toObject().value("readOnly").toBool());
        QVERIFY(call(*client_, "remove-export", {{"shelf", 2}, {"slot", 2}}).ok);
    }

    void pauseAndResume() {
        QVERIFY(addExport(exportArgs(3, 0)).ok);
        Reply r = call(*client_, "pause-export", {{"shelf", 3}, {"slot", 0}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(r.result.value("paused").toBool());
        r = call(*client_, "list-exports");
        QVERIFY(r.result.value("exports").toArray()[0].toObject().value("paused").toBool());
        r = call(*client_, "resume-export", {{"shelf", 3}, {"slot", 0}});
        QVERIFY(r.ok);
        r = call(*client_, "list-exports");
        QVERIFY(!r.result.value("exports").toArray()[0].toObject().value("paused").toBool());
        r = call(*client_, "pause-export", {{"shelf", 3}, {"slot", 9}});
        QCOMPARE(r.errorCode, QString(err::kNotFound));
    }

    void countersArriveFourTimesASecond() {
        QSignalSpy events(client_.get(), &HelperClient::eventReceived);
        const Reply r = call(*client_, "subscribe-counters", {{"enabled", true}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QTest::qWait(1100);
        int counters = 0;
        QJsonObject last;
        for (const auto& e : events)
            if (e[0].toString() == "counters") ++counters, last = e[1].toJsonObject();
        QVERIFY2(counters >= 3 && counters <= 7, qPrintable(QString::number(counters)));   // ~4 a second
        const QJsonArray exports = last.value("exports").toArray();
        QCOMPARE(exports.size(), 1);
        QCOMPARE(exports[0].toObject().value("name").toString(), QString("e3.0"));
        QVERIFY(exports[0].toObject().contains("busyDrops"));
        const QJsonArray interfaces = last.value("interfaces").toArray();
        QCOMPARE(interfaces.size(), 1);
        QCOMPARE(interfaces[0].toObject().value("name").toString(), QString("d0"));
        QVERIFY(interfaces[0].toObject().contains("kernelDrops"));
        QVERIFY(interfaces[0].toObject().contains("interfaceDrops"));
        // The announcement of e3.0 went out on d0.
        QVERIFY(interfaces[0].toObject().value("framesOut").toInt() >= 0);
        QVERIFY(call(*client_, "subscribe-counters", {{"enabled", false}}).ok);
        QTest::qWait(300);
        events.clear();
        QTest::qWait(600);
        QCOMPARE(events.size(), 0);
    }

    void rmemStatus() {
        const Reply r = call(*client_, "rmem-status");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(r.result.value("rmemMax").toInteger() > 0);
        const QJsonArray list = r.result.value("interfaces").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value("interface").toString(), QString("d0"));
        QCOMPARE(list[0].toObject().value("frames").toInt(), 17);   // 16 buffers + 1
        QCOMPARE(r.result.value("recommended").toInteger(), list[0].toObject().value("requiredBytes").toInteger());
    }

    void applyRmemRaisesBothLimits() {
        // The host's limits, raised by one page and put back afterwards.
        auto readLimit = [](const char* name) {
            QFile f(QStringLiteral("/proc/sys/net/core/%1").arg(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : -1;
        };
        auto writeLimit = [](const char* name, qint64 v) {
            QFile f(QStringLiteral("/proc/sys/net/core/%1").arg(name));
            return f.open(QIODevice::WriteOnly) && f.write(QByteArray::number(v)) > 0;
        };
        const qint64 max = readLimit("rmem_max"), def = readLimit("rmem_default");
        QVERIFY(max > 0 && def > 0);
        const qint64 target = std::max(max, def) + 4096;
        // In our namespace the limits are read-only: the helper says so (asked for what an export
        // with many buffers needs: more than that is refused before it gets that far).
        int fd = openImage(O_RDONLY);
        Reply r = call(*client_, "add-export", {{"shelf", 60}, {"slot", 1}, {"interfaces", QJsonArray{"d0"}}, {"readOnly", true}, {"bufferCount", 4096}}, {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        r = call(*client_, "apply-rmem", {{"bytes", target}});
        QVERIFY(call(*client_, "remove-export", {{"shelf", 60}, {"slot", 1}}).ok);
        QCOMPARE(r.errorCode, QString(err::kFailed));
        QVERIFY2(r.errorMessage.contains("host's network namespace"), qPrintable(r.errorMessage));
        QCOMPARE(readLimit("rmem_max"), max);
        // A second helper in the host's namespace changes them. The limits may only go as high as
        // running exports need: it serves one with many buffers, on a veth pair of the test's
        // own in the host's namespace (no other host is on it).
        SpawnedHelper host;
        QString error;
        QVERIFY2(host.start({"--stdio"}, QString(), error), qPrintable(error));
        HelperClient c;
        c.adoptSocket(host.takeClientFd());
        QVERIFY(call(c, "hello", {{"version", kProtocolVersion}}).ok);
        const QString veth = QStringLiteral("qvhr%1").arg(::getpid() % 100000);
        PH_RUN("ip", "link", "add", veth, "type", "veth", "peer", "name", veth + "p");
        struct VethGone {
            QString name;
            ~VethGone() { run({"ip", "link", "del", name}); }
        } vethGone{veth};
        PH_RUN("ip", "link", "set", veth, "up");
        fd = openImage(O_RDONLY);
        r = call(c, "add-export", {{"shelf", 61}, {"slot", 1}, {"interfaces", QJsonArray{veth}}, {"readOnly", true}, {"bufferCount", 4096}}, {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        r = call(c, "apply-rmem", {{"bytes", target}});
        const qint64 newMax = readLimit("rmem_max"), newDef = readLimit("rmem_default");
        QVERIFY(writeLimit("rmem_max", max));
        QVERIFY(writeLimit("rmem_default", def));
        QVERIFY(call(c, "remove-export", {{"shelf", 61}, {"slot", 1}}).ok);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(newMax, target);
        QCOMPARE(newDef, target);
        QCOMPARE(r.result.value("rmemMax").toInteger(), target);
        QCOMPARE(call(c, "apply-rmem", {{"bytes", 12}}).errorCode, QString(err::kInvalidArgument));
    }

    void captureWritesPcapOfTheFramesTheEngineSends() {
        const QString path = dir_.filePath("capture.pcap");
        const int fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        QVERIFY(fd >= 0);
        QSignalSpy events(client_.get(), &HelperClient::eventReceived);
        Reply r = call(*client_, "start-capture", {}, {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        r = call(*client_, "start-capture", {}, {openImage(O_RDWR)});
        QCOMPARE(r.errorCode, QString(err::kExists));
        QVERIFY(call(*client_, "subscribe-frames", {{"maxPerSecond", 5}}).ok);

        // Adding an export announces it: one Query Config response goes out on d0.
        QVERIFY(addExport(exportArgs(4, 1)).ok);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.begin(), events.end(), [](const QList<QVariant>& e) {
                                     return e[0].toString() == "frames" && !e[1].toJsonObject().value("frames").toArray().isEmpty();
                                 }), 5000);
        QJsonObject summary;
        for (const auto& e : events)
            if (e[0].toString() == "frames")
                for (const auto& f : e[1].toJsonObject().value("frames").toArray()) summary = f.toObject();
        QCOMPARE(summary.value("command").toString(), QString("query-config"));
        QCOMPARE(summary.value("direction").toString(), QString("out"));
        QCOMPARE(summary.value("shelf").toInt(), 4);
        QCOMPARE(summary.value("slot").toInt(), 1);
        QVERIFY(summary.value("response").toBool());
        QCOMPARE(summary.value("destination").toString(), QString("ff:ff:ff:ff:ff:ff"));
        // The frame's head for the teaching view's dissector, and the sampling counts.
        const QByteArray head = QByteArray::fromBase64(summary.value("bytes").toString().toLatin1());
        QCOMPARE(head.size(), qsizetype(summary.value("length").toInt()));   // a 60-byte frame: all of it
        QCOMPARE(head.mid(0, 6), QByteArray(6, char(0xFF)));
        QCOMPARE(head.mid(12, 2), QByteArray("\x88\xa2", 2));
        qint64 seen = 0;
        for (const auto& e : events)
            if (e[0].toString() == "frames") {
                const QJsonObject o = e[1].toJsonObject();
                QVERIFY2(o.contains("seen") && o.contains("seconds"), "a frames event without the sampling counts");
                QVERIFY(o.value("seen").toInteger() >= o.value("frames").toArray().size());
                seen += o.value("seen").toInteger();
            }
        QVERIFY(seen >= 1);

        r = call(*client_, "stop-capture");
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY(r.result.value("frames").toInt() >= 1);
        QVERIFY(call(*client_, "subscribe-frames", {{"enabled", false}}).ok);
        QCOMPARE(call(*client_, "stop-capture").errorCode, QString(err::kNotFound));

        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray pcap = f.readAll();
        QCOMPARE(pcap.size(), qsizetype(r.result.value("bytes").toInteger()));
        QVERIFY(pcap.size() >= 24 + 16 + 60);
        // Through a vector: GCC's -Warray-bounds (with -fsanitize) cannot see that the size
        // check above rules out QByteArray's one-byte empty buffer.
        const std::vector<char> bytes(pcap.begin(), pcap.end());
        uint32_t magic, linktype, incl;
        std::memcpy(&magic, bytes.data(), 4);
        std::memcpy(&linktype, bytes.data() + 20, 4);
        std::memcpy(&incl, bytes.data() + 24 + 8, 4);
        QCOMPARE(magic, 0xa1b2c3d4u);
        QCOMPARE(linktype, 1u);
        QVERIFY(incl >= 60);
        const QByteArray frame = pcap.mid(24 + 16, int(incl));
        QCOMPARE(uint8_t(frame[12]), uint8_t(0x88));   // EtherType 0x88A2
        QCOMPARE(uint8_t(frame[13]), uint8_t(0xA2));
        QVERIFY(call(*client_, "remove-export", {{"shelf", 4}, {"slot", 1}}).ok);
    }

    void captureNeedsAWritableRegularFile() {
        Reply r = call(*client_, "start-capture", {}, {openImage(O_RDONLY)});
        QCOMPARE(r.errorCode, QString(err::kBadFd));
        int p[2];
        QVERIFY(::pipe2(p, O_CLOEXEC) == 0);
        r = call(*client_, "start-capture", {}, {p[1]});
        ::close(p[0]);
        ::close(p[1]);
        QCOMPARE(r.errorCode, QString(err::kBadFd));
    }

    void exportsOutliveTheirClientUnlessItAskedOtherwise() {
        HelperClient other;
        QString error;
        QVERIFY2(other.connectToPath(socket_, &error), qPrintable(error));
        QVERIFY(call(other, "hello", {{"version", kProtocolVersion}}).ok);
        const int a = openImage(O_RDWR), b = openImage(O_RDWR);
        QJsonObject temporary = exportArgs(8, 1);
        temporary.insert("removeOnDisconnect", true);
        QVERIFY(call(other, "add-export", temporary, {a}).ok);
        QVERIFY(call(other, "add-export", exportArgs(8, 2), {b}).ok);
        ::close(a);
        ::close(b);
        QCOMPARE(call(*client_, "list-exports").result.value("exports").toArray().size(), 3);   // with e3.0
        other.disconnectFromHelper();
        QTRY_COMPARE_WITH_TIMEOUT(call(*client_, "list-exports").result.value("exports").toArray().size(), 2, 5000);
        QStringList names;
        for (const auto& e : call(*client_, "list-exports").result.value("exports").toArray()) names << e.toObject().value("name").toString();
        names.sort();
        QCOMPARE(names, QStringList({"e3.0", "e8.2"}));
        QVERIFY(call(*client_, "remove-export", {{"shelf", 8}, {"slot", 2}}).ok);
    }

    void aClientThatShutsDownItsSideStillGetsItsReplies() {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        std::strcpy(a.sun_path, socket_.toLocal8Bit().constData());
        QVERIFY(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        const QByteArray out = MessageWriter::encode({{"id", 1}, {"type", "hello"}, {"version", kProtocolVersion}}) +
                               MessageWriter::encode({{"id", 2}, {"type", "list-exports"}});
        QCOMPARE(::write(fd, out.constData(), size_t(out.size())), ssize_t(out.size()));
        QVERIFY(::shutdown(fd, SHUT_WR) == 0);
        MessageReader reader;
        std::vector<Incoming> in;
        QElapsedTimer t;
        t.start();
        bool ended = false;
        while (!ended && t.elapsed() < 5000) {
            pollfd p{fd, POLLIN, 0};
            ::poll(&p, 1, 100);
            ended = reader.readFrom(fd, in) != MessageReader::Status::Open;
        }
        ::close(fd);
        QVERIFY2(ended, "the helper did not close the connection after answering");
        QCOMPARE(in.size(), size_t(2));
        QCOMPARE(in[0].object.value("id").toInt(), 1);
        QCOMPARE(in[1].object.value("id").toInt(), 2);
        QVERIFY(in[1].object.value("ok").toObject().contains("exports"));
    }

    void theHelperEndsWithItsClientWhenNoExportIsLeft() {
        QVERIFY(call(*client_, "remove-export", {{"shelf", 3}, {"slot", 0}}).ok);
        client_.reset();
        QTRY_VERIFY_WITH_TIMEOUT(helper_.exited(), 10000);
        QCOMPARE(helper_.exitStatus(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHelper)
#include "tst_helper.moc"
