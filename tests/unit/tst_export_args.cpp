// SPDX-License-Identifier: GPL-2.0-or-later
#include <QtTest>

#include "core/export_args.h"

using namespace qvblade;

namespace {
std::optional<ExportSettings> parse(const QStringList& args, std::string& error) {
    std::vector<std::string> v;
    for (const QString& a : args) v.push_back(a.toStdString());
    return parseExportArgs(v, error);
}
}  // namespace

class TestExportArgs : public QObject {
    Q_OBJECT
private slots:
    void vbladeArgumentsParse() {
        std::string error;
        auto s = parse({"-b", "32", "-d", "-s", "-r", "-m", "00:11:22:33:44:55,001122334466", "-o", "0x10", "-l",
                        "100", "9", "3", "eth0,eth1", "/tmp/x.img"},
                       error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->bufferCount, uint16_t(32));
        QVERIFY(s->store.direct && s->store.durable && s->store.readOnly);
        QCOMPARE(s->allowedMacs.size(), size_t(2));
        QCOMPARE(s->allowedMacs[1].toString(), std::string("00:11:22:33:44:66"));
        QCOMPARE(s->store.offsetSectors, uint64_t(16));
        QCOMPARE(s->store.lengthSectors, uint64_t(100));
        QCOMPARE(s->shelf, uint16_t(9));
        QCOMPARE(s->slot, uint8_t(3));
        QCOMPARE(s->interfaces, (std::vector<std::string>{"eth0", "eth1"}));
        QCOMPARE(s->path, std::string("/tmp/x.img"));
        QCOMPARE(formatExportArgs(*s),
                 std::string("-b 32 -o 16 -l 100 -d -s -r -m 00:11:22:33:44:55,00:11:22:33:44:66 9 3 eth0,eth1 /tmp/x.img"));
    }
    void getoptStylesWork() {
        std::string error;
        auto s = parse({"9", "0", "-rs", "eth0", "-b16", "img"}, error);   // bundled, attached, permuted
        QVERIFY2(s, error.c_str());
        QVERIFY(s->store.readOnly && s->store.durable);
        QCOMPARE(s->bufferCount, uint16_t(16));
        QCOMPARE(s->path, std::string("img"));
        s = parse({"9", "0", "eth0", "--", "-weird-name"}, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->path, std::string("-weird-name"));
    }
    void sharedAddressIsAnExplicitChoice() {
        std::string error;
        auto s = parse({"9", "0", "eth0", "img"}, error);
        QVERIFY2(s, error.c_str());
        QVERIFY(!s->allowSharedAddress);
        s = parse({"--allow-shared-address", "9", "0", "eth0", "img"}, error);
        QVERIFY2(s, error.c_str());
        QVERIFY(s->allowSharedAddress);
        QCOMPARE(formatExportArgs(*s), std::string("--allow-shared-address 9 0 eth0 img"));
        auto list = parseExportConfig("9 0 eth0 a.img\n9 1 eth0 b.img --allow-shared-address\n", error);
        QVERIFY2(list, error.c_str());
        QVERIFY(!(*list)[0].allowSharedAddress);
        QVERIFY((*list)[1].allowSharedAddress);
        QVERIFY(!parse({"--allow-shared", "9", "0", "eth0", "img"}, error));
        QCOMPARE(error, std::string("unknown option --allow-shared"));
    }
    void badInputIsOneClearSentence_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown flag") << QStringList{"-x", "9", "0", "eth0", "f"} << "unknown option -x";
        QTest::newRow("slot 255") << QStringList{"9", "255", "eth0", "f"} << "slot '255' is not a number from 0 to 254";
        QTest::newRow("shelf 65535") << QStringList{"65535", "0", "eth0", "f"} << "shelf '65535'";
        QTest::newRow("negative shelf") << QStringList{"9", "-1", "eth0", "f"} << "unknown option -1";
        QTest::newRow("shelf text") << QStringList{"nine", "0", "eth0", "f"} << "shelf 'nine'";
        QTest::newRow("missing") << QStringList{"9", "0", "eth0"} << "missing arguments";
        QTest::newRow("too many") << QStringList{"9", "0", "eth0", "f", "g"} << "too many arguments";
        QTest::newRow("bufcnt 1") << QStringList{"-b", "1", "9", "0", "eth0", "f"} << "buffer count must be 2-4096";
        QTest::newRow("bufcnt text") << QStringList{"-b", "x", "9", "0", "eth0", "f"} << "not a non-negative number";
        QTest::newRow("length 0") << QStringList{"-l", "0", "9", "0", "eth0", "f"} << "at least 1 sector";
        QTest::newRow("bad mac") << QStringList{"-m", "00:11", "9", "0", "eth0", "f"} << "'00:11' is not a MAC";
        QTest::newRow("no value") << QStringList{"9", "0", "eth0", "f", "-o"} << "option -o needs a value";
        QTest::newRow("empty netif") << QStringList{"9", "0", ",", "f"} << "no network interface";
        QTest::newRow("rbd no pool") << QStringList{"9", "0", "eth0", "rbd:img"} << "rbd:img: no pool given";
        QTest::newRow("rbd empty image") << QStringList{"9", "0", "eth0", "rbd:p/"} << "empty image name";
        QTest::newRow("rbd namespace") << QStringList{"9", "0", "eth0", "rbd:p/ns/i"} << "namespaces are not supported";
        QTest::newRow("rbd empty snap") << QStringList{"-r", "9", "0", "eth0", "rbd:p/i@"} << "empty snapshot name";
        QTest::newRow("rbd snapshot rw") << QStringList{"9", "0", "eth0", "rbd:p/i@s"} << "rbd:p/i@s: a snapshot is read-only: export it with -r";
        QTest::newRow("rbd -d") << QStringList{"-d", "9", "0", "eth0", "rbd:p/i"} << "-d is for files";
        QTest::newRow("ceph option on a file") << QStringList{"--keyring", "k", "9", "0", "eth0", "f"} << "--keyring is for Ceph RBD images";
        QTest::newRow("ceph option no value") << QStringList{"9", "0", "eth0", "rbd:p/i", "--ceph-conf"} << "option --ceph-conf needs a value";
        QTest::newRow("osd timeout text") << QStringList{"--ceph-osd-timeout", "x", "9", "0", "eth0", "rbd:p/i"} << "not a number of seconds";
    }
    void badInputIsOneClearSentence() {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        std::string error;
        QVERIFY(!parse(args, error));
        QVERIFY2(QString::fromStdString(error).contains(expected), error.c_str());
        QVERIFY(error.find('\n') == std::string::npos);
    }
    void rbdImagesAndTheirCluster() {
        std::string error;
        auto s = parse({"--ceph-conf", "/etc/c.conf", "--ceph-id=client.qv", "--keyring", "/k", "--ceph-osd-timeout", "30",
                        "-r", "9", "0", "eth0", "rbd:pool/img@snap"},
                       error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->path, std::string("rbd:pool/img@snap"));
        QCOMPARE(s->ceph.confFile, std::string("/etc/c.conf"));
        QCOMPARE(s->ceph.id, std::string("qv"));   // "client." is implied
        QCOMPARE(s->ceph.keyring, std::string("/k"));
        QCOMPARE(s->ceph.osdTimeoutSeconds, 30u);
        const std::string line = formatExportArgs(*s);
        QCOMPARE(line, std::string("-r --ceph-conf /etc/c.conf --ceph-id qv --keyring /k --ceph-osd-timeout 30 9 0 eth0 rbd:pool/img@snap"));
        auto again = parseExportConfig(line + "\n", error);
        QVERIFY2(again, error.c_str());
        QVERIFY(again->front().ceph == s->ceph);
        auto spec = parseRbdPath(s->path, error);
        QVERIFY(spec);
        QCOMPARE(spec->pool, std::string("pool"));
        QCOMPARE(spec->image, std::string("img"));
        QCOMPARE(spec->snapshot, std::string("snap"));
        // Defaults: user admin, no timeout; an image itself may be written.
        s = parse({"9", "0", "eth0", "rbd:rbd/disk"}, error);
        QVERIFY2(s, error.c_str());
        QCOMPARE(s->ceph.id, std::string("admin"));
        QCOMPARE(s->ceph.osdTimeoutSeconds, 0u);
        QCOMPARE(formatExportArgs(*s), std::string("9 0 eth0 rbd:rbd/disk"));
    }
    void configFileListsExports() {
        std::string error;
        auto list = parseExportConfig("# exports\n\n9 0 eth0 /a.img\n-r 9 1 eth0 /b.img  # read-only\n", error);
        QVERIFY2(list, error.c_str());
        QCOMPARE(list->size(), size_t(2));
        QVERIFY((*list)[1].store.readOnly);
        QCOMPARE((*list)[1].path, std::string("/b.img"));
    }
    void configFileQuotesFileNames() {
        std::string error;
        auto list = parseExportConfig("9 0 eth0 '/srv/my images/a.img'\n"
                                      "9 1 eth0 \"/srv/say \\\"hi\\\".img\"  # comment\n"
                                      "9 2 eth0 /srv/back\\ slash#not-a-comment.img\n",
                                      error);
        QVERIFY2(list, error.c_str());
        QCOMPARE(list->size(), size_t(3));
        QCOMPARE((*list)[0].path, std::string("/srv/my images/a.img"));
        QCOMPARE((*list)[1].path, std::string("/srv/say \"hi\".img"));
        QCOMPARE((*list)[2].path, std::string("/srv/back slash#not-a-comment.img"));
        QVERIFY(!parseExportConfig("9 0 eth0 '/a.img\n", error));
        QCOMPARE(error, std::string("line 1: unmatched '"));
    }
    void formattedLinesParseBack_data() {
        QTest::addColumn<QString>("path");
        for (const char* p : {"/plain.img", "/with space.img", "/it's.img", "/$HOME/`x`.img", "-dash.img", "/tab\there"})
            QTest::newRow(p) << QString::fromUtf8(p);
    }
    void formattedLinesParseBack() {
        QFETCH(QString, path);
        std::string error;
        auto s = parse({"-r", "9", "3", "eth0", "--", path}, error);
        QVERIFY2(s, error.c_str());
        const std::string line = formatExportArgs(*s);
        auto again = parseExportConfig(line + "\n", error);
        QVERIFY2(again, (line + ": " + error).c_str());
        QCOMPARE(again->front().path, path.toStdString());
        QVERIFY(again->front().store.readOnly);
    }
    void configFileErrorsNameTheLine() {
        std::string error;
        QVERIFY(!parseExportConfig("9 0 eth0 /a.img\n9 300 eth0 /b.img\n", error));
        QVERIFY2(error.rfind("line 2: slot '300'", 0) == 0, error.c_str());
        QVERIFY(!parseExportConfig("# nothing\n", error));
        QCOMPARE(error, std::string("no exports in the file"));
    }
};

QTEST_APPLESS_MAIN(TestExportArgs)
#include "tst_export_args.moc"
