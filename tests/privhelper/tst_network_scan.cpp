// SPDX-License-Identifier: GPL-2.0-or-later
// scan-network (issue #24, the network view) through a real qvblade-helper: the helper in a
// target namespace (qvt0, with an export of its own), and on the far end of the veth pair a
// bridge in a peers namespace with two more veth pairs, each with a real target behind it —
// Debian's vblade on pa0 and a second qvblade engine (qvblade-cli) on pb0, two MACs. The scan
// lists each with what its Query Config response says, marks ours, and shows two MACs for one
// address when both serve the same shelf.slot (the conflict the GUI paints red).
#include <fcntl.h>

#include <QJsonArray>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"

using namespace qvblade::test;
using namespace qvblade::helper;

class TestNetworkScan : public QObject {
    Q_OBJECT

    NetNs target_, peers_;
    SpawnedHelper helper_;
    HelperClient client_;
    QTemporaryDir dir_;
    QString vbladeMac_, cliMac_, ourMac_;
    std::vector<std::unique_ptr<QProcess>> theirs_;

    void ip(const QString& ns, const QStringList& args) {
        QString out;
        const QStringList argv = QStringList{"ip", "-n", ns} + args;
        QVERIFY2(run(argv, &out) == 0, qPrintable(argv.join(' ') + ": " + out));
    }
    QString macOf(const QString& ns, const QString& ifname) {
        QString out;
        run({"ip", "-n", ns, "-o", "link", "show", ifname}, &out);
        const qsizetype at = out.indexOf("link/ether ");
        return at < 0 ? QString() : out.mid(at + 11, 17);
    }
    bool startTarget(const QStringList& argv) {
        auto p = startTargetIn(peers_.name(), argv);
        if (!p) return false;
        theirs_.push_back(std::move(p));
        return true;
    }
    void stopTargets() {
        for (auto& p : theirs_) stopTarget(*p);
        theirs_.clear();
    }
    QString image(const char* name) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.exists() && (!f.open(QIODevice::WriteOnly) || !f.resize(1 << 20))) return {};
        return path;
    }
    Reply scan(const QJsonObject& args = {{"interface", "qvt0"}}) { return call(client_, "scan-network", args); }
    static QJsonObject find(const QJsonArray& targets, const QString& name, const QString& mac) {
        for (const QJsonValue& v : targets)
            if (v.toObject().value("name").toString() == name && v.toObject().value("mac").toString() == mac) return v.toObject();
        return {};
    }
    static QString describeTargets(const QJsonArray& targets) {
        QStringList out;
        for (const QJsonValue& v : targets) out << v.toObject().value("name").toString() + " " + v.toObject().value("mac").toString();
        return out.join(", ");
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(target_.create(error) && peers_.create(error), qPrintable(error));
        // qvt0 (the helper's) to qvi0, a port of br0 in the peers' namespace; pa0 and pb0 behind it.
        ip(target_.name(), {"link", "add", "qvt0", "type", "veth", "peer", "name", "qvi0", "netns", peers_.name()});
        ip(target_.name(), {"link", "set", "qvt0", "up"});
        ip(peers_.name(), {"link", "add", "br0", "type", "bridge", "forward_delay", "0"});
        for (const QString& side : {QString("a"), QString("b")}) {
            ip(peers_.name(), {"link", "add", "p" + side + "0", "type", "veth", "peer", "name", "p" + side + "1"});
            ip(peers_.name(), {"link", "set", "p" + side + "1", "master", "br0"});
            ip(peers_.name(), {"link", "set", "p" + side + "1", "up"});
            ip(peers_.name(), {"link", "set", "p" + side + "0", "up"});
        }
        ip(peers_.name(), {"link", "set", "qvi0", "master", "br0"});
        ip(peers_.name(), {"link", "set", "qvi0", "up"});
        ip(peers_.name(), {"link", "set", "br0", "up"});
        vbladeMac_ = macOf(peers_.name(), "pa0");
        cliMac_ = macOf(peers_.name(), "pb0");
        ourMac_ = macOf(target_.name(), "qvt0");
        QVERIFY(!vbladeMac_.isEmpty() && !cliMac_.isEmpty() && !ourMac_.isEmpty());
        QString vbladePath;
        QVERIFY2(run({"sh", "-c", "command -v vblade"}, &vbladePath) == 0, "Debian's vblade is not installed (apt-get install vblade)");

        QVERIFY2(helper_.start({"--stdio"}, target_.name(), error), qPrintable(error));
        client_.adoptSocket(helper_.takeClientFd());
        QVERIFY(call(client_, "hello", {{"version", kProtocolVersion}}).ok);
    }
    void cleanup() { stopTargets(); }
    void cleanupTestCase() {
        client_.disconnectFromHelper();
        helper_.stop();
    }

    void itsFieldsAreChecked() {
        for (const QJsonObject& args : {QJsonObject{}, QJsonObject{{"interface", "nosuch0"}}, QJsonObject{{"interface", 3}},
                                        QJsonObject{{"interface", "../qvt0"}}, QJsonObject{{"interface", "qvt0"}, {"shelf", 1}},
                                        QJsonObject{{"interface", QString(40, 'x')}}}) {
            const Reply r = scan(args);
            QVERIFY2(r.errorCode == QLatin1String(err::kInvalidArgument), qPrintable(describe(r)));
        }
    }

    void anEmptyNetworkHasNoTargets() {
        const Reply r = scan();
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QCOMPARE(r.result.value("interface").toString(), QString("qvt0"));
        QCOMPARE(r.result.value("targets").toArray().size(), 0);
    }

    void vbladeAndASecondQvbladeAnswerAndOursIsMarked() {
        QVERIFY(startTarget({"vblade", "-b", "12", "3", "3", "pa0", image("vblade.img")}));
        QVERIFY(startTarget({QStringLiteral(QVBLADE_CLI_BIN), "-b", "8", "5", "1", "pb0", image("cli.img")}));
        // An initiator sets the second engine's config string; the scan reports it.
        PH_RUN("ip", "netns", "exec", target_.name(), QVBLADE_AOE_REQUEST_BIN, "-i", "qvt0", "-t", "5", "-n", "1", "config",
               "--ccmd", "set", "--string", "lab disk 2");
        const int fd = ::open(image("ours.img").toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        const Reply added = call(client_, "add-export", {{"shelf", 7}, {"slot", 0}, {"interfaces", QJsonArray{"qvt0"}}, {"bufferCount", 4}}, {fd});
        ::close(fd);
        QVERIFY2(added.ok, qPrintable(describe(added)));

        const Reply r = scan();
        QVERIFY2(r.ok, qPrintable(describe(r)));
        const QJsonArray targets = r.result.value("targets").toArray();
        QVERIFY2(targets.size() == 3, qPrintable(describeTargets(targets)));
        const QJsonObject v = find(targets, "e3.3", vbladeMac_);
        QVERIFY2(!v.isEmpty(), qPrintable(describeTargets(targets)));
        QCOMPARE(v.value("shelf").toInt(), 3);
        QCOMPARE(v.value("slot").toInt(), 3);
        QCOMPARE(v.value("interface").toString(), QString("qvt0"));
        QCOMPARE(v.value("bufferCount").toInt(), 12);
        QCOMPARE(v.value("sectorsPerFrame").toInt(), 2);   // MTU 1500: two sectors per frame
        QVERIFY(v.value("firmware").toInt() > 0);
        QCOMPARE(v.value("configString").toString(), QString());
        QCOMPARE(v.value("ours").toBool(), false);
        const QJsonObject c = find(targets, "e5.1", cliMac_);
        QVERIFY2(!c.isEmpty(), qPrintable(describeTargets(targets)));
        QCOMPARE(c.value("bufferCount").toInt(), 8);
        QCOMPARE(c.value("sectorsPerFrame").toInt(), 2);
        QCOMPARE(c.value("configString").toString(), QString("lab disk 2"));
        QCOMPARE(c.value("ours").toBool(), false);
        const QJsonObject o = find(targets, "e7.0", ourMac_);
        QVERIFY2(!o.isEmpty(), qPrintable(describeTargets(targets)));
        QCOMPARE(o.value("ours").toBool(), true);
        QCOMPARE(o.value("paused").toBool(), false);
        QCOMPARE(o.value("bufferCount").toInt(), 4);
        QCOMPARE(o.value("sectorsPerFrame").toInt(), 2);
        QCOMPARE(o.value("firmware").toInt(), c.value("firmware").toInt());   // the same engine
        QVERIFY(call(client_, "remove-export", {{"shelf", 7}, {"slot", 0}}).ok);
    }

    void twoMacsForOneAddressAreBothListed() {
        // vblade does not look before it serves; the second engine is told to share the address.
        QVERIFY(startTarget({"vblade", "4", "4", "pa0", image("vblade.img")}));
        QVERIFY(startTarget({QStringLiteral(QVBLADE_CLI_BIN), "--allow-shared-address", "4", "4", "pb0", image("cli.img")}));
        const Reply r = scan();
        QVERIFY2(r.ok, qPrintable(describe(r)));
        const QJsonArray targets = r.result.value("targets").toArray();
        QVERIFY2(targets.size() == 2, qPrintable(describeTargets(targets)));
        QVERIFY(!find(targets, "e4.4", vbladeMac_).isEmpty());
        QVERIFY(!find(targets, "e4.4", cliMac_).isEmpty());
    }

    void aDownInterfaceCannotBeScanned() {
        ip(target_.name(), {"link", "set", "qvt0", "down"});
        const Reply r = scan();
        ip(target_.name(), {"link", "set", "qvt0", "up"});
        QCOMPARE(r.errorCode, QString(err::kFailed));
        QVERIFY2(r.errorMessage.contains("qvt0 is down"), qPrintable(r.errorMessage));
    }
};

QTEST_GUILESS_MAIN(TestNetworkScan)
#include "tst_network_scan.moc"
