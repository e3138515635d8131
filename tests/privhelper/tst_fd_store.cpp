// SPDX-License-Identifier: GPL-2.0-or-later
// Exports survive a crash of the helper in service mode (issue #22 part 3): the test plays
// systemd. It receives the helper's sd_notify datagrams on a NOTIFY_SOCKET of its own (READY=1,
// FDSTORE=1 with the image descriptor, FDSTOREREMOVE=1), SIGKILLs the helper, and starts a new
// one with the stored descriptors the way systemd hands them back (LISTEN_PID, LISTEN_FDS,
// LISTEN_FDNAMES, descriptors from 3); an initiator on a veth pair in namespaces the test made
// reads the same data again. (packaging.units.netns does the same under a real systemd.)
#include <sys/socket.h>
#include <fcntl.h>
#include <sys/un.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "privhelper/stored_exports.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"
#include "tests/privhelper/service_double.h"

using namespace qvblade::test;
using qvblade::helper::UniqueFd;

namespace {

QString fileText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
}

QByteArray sectorPattern(char c) { return QByteArray(512, c); }

}  // namespace

class TestFdStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // The names carry the settings, odd interface names included; what does not fit a name
    // (MACs, config string, too many interfaces) goes into the sealed extras memfd.
    void settingsRoundTripThroughTheStore() {
        qvblade::ExportSettings s;
        s.shelf = 65534;
        s.slot = 254;
        s.interfaces = {"eth0", "a,b+c%d:é"};
        s.store.readOnly = true;
        s.store.durable = true;
        s.store.offsetSectors = 8;
        s.store.lengthSectors = 4096;
        s.bufferCount = 4096;
        std::string error;
        auto entry = qvblade::helper::makeStoreEntry(s, 1000, error);
        QVERIFY2(entry, error.c_str());
        QVERIFY(qvblade::helper::validFdName(entry->imageName));
        QCOMPARE(entry->imageName.substr(0, 22), std::string("qvb1,e65534.254,u1000,"));
        QVERIFY(entry->extrasName.empty());
        UniqueFd image(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        std::vector<qvblade::helper::PassedFd> passed;
        passed.push_back({std::move(image), entry->imageName});
        std::vector<std::pair<std::string, QString>> unusable;
        auto back = qvblade::helper::storedExports(std::move(passed), unusable);
        QVERIFY(unusable.empty());
        QCOMPARE(back.size(), size_t(1));
        QCOMPARE(back[0].name, QStringLiteral("e65534.254"));
        QCOMPARE(back[0].owner, uid_t(1000));
        const QJsonObject a = back[0].args;
        QCOMPARE(a.value("interfaces").toArray(), (QJsonArray{"eth0", QString::fromUtf8("a,b+c%d:é")}));
        QCOMPARE(a.value("readOnly").toBool(), true);
        QCOMPARE(a.value("direct").toBool(), false);
        QCOMPARE(a.value("durable").toBool(), true);
        QCOMPARE(a.value("offset").toInteger(), 8);
        QCOMPARE(a.value("length").toInteger(), 4096);
        QCOMPARE(a.value("bufferCount").toInteger(), 4096);

        // 16 long interface names do not fit in 255 characters: they go with the MACs.
        s.interfaces.clear();
        for (int i = 0; i < 16; ++i) s.interfaces.push_back("interface-" + std::to_string(i + 10000));
        s.allowedMacs = {*qvblade::aoe::MacAddress::parse("52:54:00:12:34:56")};
        s.configString = "a config";
        entry = qvblade::helper::makeStoreEntry(s, 0, error);
        QVERIFY2(entry, error.c_str());
        QVERIFY(qvblade::helper::validFdName(entry->imageName));
        QVERIFY(!entry->extrasName.empty());
        // Sealed: nothing can write into what systemd keeps.
        QVERIFY(::write(entry->extras.get(), "x", 1) < 0);
        passed.clear();
        passed.push_back({UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC)), entry->imageName});
        passed.push_back({std::move(entry->extras), entry->extrasName});
        passed.push_back({UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC)), "something else"});
        back = qvblade::helper::storedExports(std::move(passed), unusable);
        QCOMPARE(back.size(), size_t(1));
        QCOMPARE(back[0].args.value("interfaces").toArray().size(), 16);
        QCOMPARE(back[0].args.value("macs").toArray(), QJsonArray{"52:54:00:12:34:56"});
        QCOMPARE(back[0].args.value("configString").toString(), QStringLiteral("a config"));
        QCOMPARE(back[0].fdNames.size(), size_t(2));
        QCOMPARE(unusable.size(), size_t(1));
        QCOMPARE(unusable[0].first, std::string("something else"));

        // An image whose extras (its MAC list) did not come back is not restored at all.
        passed.clear();
        passed.push_back({UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC)), entry->imageName});
        unusable.clear();
        QCOMPARE(qvblade::helper::storedExports(std::move(passed), unusable).size(), size_t(0));
        QCOMPARE(unusable.size(), size_t(1));
    }

    // An RBD image has no descriptor: its add-export "rbd" object goes into the store in a sealed
    // memfd under the export's name (flag c) and comes back as the request's "rbd".
    void rbdValuesRoundTripThroughTheStore() {
        qvblade::ExportSettings s;
        s.shelf = 7;
        s.slot = 1;
        s.interfaces = {"qvr0"};
        s.store.readOnly = true;
        const QJsonObject rbd{{"monitors", "v2:127.0.0.1:3300"}, {"id", "admin"}, {"key", "AQBxN1Bn0k5sLxAAmJ0wqJ8h2fVtBq9mS7Xb0g=="},
                              {"pool", "rbd"}, {"image", "disk"}, {"snapshot", "s1"}, {"osdTimeout", 30}};
        std::string error;
        auto entry = qvblade::helper::makeStoreEntry(s, 1000, error, &rbd);
        QVERIFY2(entry, error.c_str());
        QCOMPARE(entry->imageName, "qvb1,e7.1,u1000,frc,o0,l0,b" + std::to_string(s.bufferCount) + ",iqvr0");
        QVERIFY(entry->rbdValues.valid());
        QVERIFY(::write(entry->rbdValues.get(), "x", 1) < 0);   // sealed
        std::vector<qvblade::helper::PassedFd> passed;
        passed.push_back({std::move(entry->rbdValues), entry->imageName});
        std::vector<std::pair<std::string, QString>> unusable;
        auto back = qvblade::helper::storedExports(std::move(passed), unusable);
        QVERIFY(unusable.empty());
        QCOMPARE(back.size(), size_t(1));
        QCOMPARE(back[0].args.value("rbd").toObject(), rbd);
        QCOMPARE(back[0].args.value("readOnly").toBool(), true);
        QVERIFY(!back[0].image.valid());   // add-export with "rbd" takes no descriptor
        // A descriptor under such a name that holds no values is not restored.
        passed.clear();
        passed.push_back({UniqueFd(::open("/dev/null", O_RDONLY | O_CLOEXEC)), entry->imageName});
        QCOMPARE(qvblade::helper::storedExports(std::move(passed), unusable).size(), size_t(0));
        QCOMPARE(unusable.size(), size_t(1));
    }

    void exportsComeBackAfterSigkill() {
        NetNs target, initiator;
        QString error;
        QVERIFY2(linkTargetAndInitiator(target, initiator, error), qPrintable(error));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString socket = dir.filePath("helper.sock"), log = dir.filePath("helper.log");
        const QByteArray notifyPath = dir.filePath("notify").toLocal8Bit();
        const UniqueFd notify = notifySocket(notifyPath);
        QVERIFY(notify.valid());

        const QString image = dir.filePath("disk.img");
        {
            QFile f(image);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(sectorPattern('\0'));
            f.write(sectorPattern('K'));   // sector 1
            f.resize(8 << 20);
        }
        QString mac;
        QCOMPARE(run({"ip", "netns", "exec", initiator.name(), "cat", "/sys/class/net/qvi0/address"}, &mac), 0);
        mac = mac.trimmed();

        pid_t helper = startAsService(target.name(), {"--listen", socket}, notifyPath, {}, log);
        KillAtScopeExit killHelper(helper);
        Notification n;
        QVERIFY2(receive(notify.get(), n), qPrintable("no READY=1: " + fileText(log)));
        QCOMPARE(n.text, QStringLiteral("READY=1"));

        HelperClient client;
        QVERIFY(client.connectToPath(socket));
        QVERIFY(call(client, "hello", {{"version", 1}}).ok);
        const int fd = ::open(image.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC);
        Reply r = call(client, "add-export",
                       {{"shelf", 4}, {"slot", 2}, {"interfaces", QJsonArray{"qvt0"}}, {"macs", QJsonArray{mac}},
                        {"configString", "survives"}, {"bufferCount", 32}},
                       {fd});
        ::close(fd);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        // The extras (MAC list, config string), then the image, each with its descriptor.
        QVERIFY(receive(notify.get(), n));
        QCOMPARE(n.text, QStringLiteral("FDSTORE=1\nFDNAME=qvb1,e4.2,x"));
        QCOMPARE(n.fds.size(), size_t(1));
        std::vector<std::pair<UniqueFd, std::string>> store;
        store.emplace_back(std::move(n.fds[0]), "qvb1,e4.2,x");
        QVERIFY(receive(notify.get(), n));
        QCOMPARE(n.text, QStringLiteral("FDSTORE=1\nFDNAME=qvb1,e4.2,u0,fx,o0,l0,b32,iqvt0"));
        QCOMPARE(n.fds.size(), size_t(1));
        store.emplace_back(std::move(n.fds[0]), "qvb1,e4.2,u0,fx,o0,l0,b32,iqvt0");
        // One that ends with its client is not kept for a crash.
        const int fd2 = ::open(image.toLocal8Bit().constData(), O_RDONLY | O_CLOEXEC);
        r = call(client, "add-export", {{"shelf", 4}, {"slot", 5}, {"interfaces", QJsonArray{"qvt0"}}, {"readOnly", true},
                                        {"removeOnDisconnect", true}}, {fd2});
        ::close(fd2);
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QVERIFY2(!receive(notify.get(), n, 500), qPrintable(n.text));

        QByteArray data;
        QVERIFY2(aoeReadSector(initiator.name(), "qvi0", 4, 2, 1, data, error), qPrintable(error));
        QCOMPARE(data, sectorPattern('K'));

        // The crash. Nothing serves e4.2 any more.
        client.disconnectFromHelper();
        killAndReap(helper);
        QVERIFY(!aoeReadSector(initiator.name(), "qvi0", 4, 2, 1, data, error));

        // systemd's restart: what it stored comes back, plus one stored for another owner.
        const QString other = dir.filePath("other.img");
        QVERIFY(QFile(other).open(QIODevice::WriteOnly));
        QVERIFY(QFile::resize(other, 1 << 20));
        UniqueFd otherFd(::open(other.toLocal8Bit().constData(), O_RDWR | O_CLOEXEC));
        std::vector<std::pair<int, std::string>> pass;
        for (const auto& s : store) pass.emplace_back(s.first.get(), s.second);
        pass.emplace_back(otherFd.get(), "qvb1,e4.3,u65534,f,o0,l0,b16,iqvt0");
        helper = startAsService(target.name(), {"--listen", socket}, notifyPath, pass, log);
        QVERIFY2(receive(notify.get(), n), qPrintable("no READY=1: " + fileText(log)));
        QCOMPARE(n.text, QStringLiteral("READY=1"));
        QVERIFY(client.connectToPath(socket));
        QVERIFY(call(client, "hello", {{"version", 1}}).ok);
        // Restored exports probe their address first (half a second): they come a moment after READY.
        QJsonObject e42, e43;
        for (int i = 0; i < 50 && (e42.isEmpty() || e43.isEmpty()); ++i) {
            if (i) QTest::qWait(100);
            r = call(client, "list-exports");
            QVERIFY2(r.ok, qPrintable(describe(r)));
            for (const QJsonValue& v : r.result.value("exports").toArray()) {
                const QString name = v.toObject().value("name").toString();
                if (name == QLatin1String("e4.2")) e42 = v.toObject();
                if (name == QLatin1String("e4.3")) e43 = v.toObject();
            }
        }
        QVERIFY2(!e42.isEmpty() && !e43.isEmpty(), qPrintable(QJsonDocument(r.result).toJson() + fileText(log)));
        QCOMPARE(r.result.value("exports").toArray().size(), 2);   // not e4.5
        QCOMPARE(e42["macs"].toArray(), QJsonArray{mac});
        QCOMPARE(e42["configString"].toString(), QStringLiteral("survives"));
        QCOMPARE(e42["bufferCount"].toInt(), 32);
        QCOMPARE(e42["path"].toString(), image);
        QCOMPARE(e42["ownerUid"].toInteger(), 0);
        QCOMPARE(e43["ownerUid"].toInteger(), 65534);   // restored exports keep their owner
        QVERIFY2(aoeReadSector(initiator.name(), "qvi0", 4, 2, 1, data, error), qPrintable(error + fileText(log)));
        QCOMPARE(data, sectorPattern('K'));
        // Already in the store: nothing stored twice.
        QVERIFY2(!receive(notify.get(), n, 300), qPrintable(n.text));

        // Made read-only in place, it must not come back writable after the next crash: its
        // entries in the store are replaced by ones that say read-only.
        r = call(client, "set-export-options", {{"shelf", 4}, {"slot", 2}, {"readOnly", true}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QStringList changed;
        for (int i = 0; i < 4 && receive(notify.get(), n); ++i) {
            changed << n.text;
            if (n.text == QLatin1String("FDSTORE=1\nFDNAME=qvb1,e4.2,u0,frx,o0,l0,b32,iqvt0")) {
                QCOMPARE(n.fds.size(), size_t(1));
                QCOMPARE(::fcntl(n.fds[0].get(), F_GETFL) & O_ACCMODE, O_RDWR);   // writable again on request
            }
        }
        // The old entries go (in the order they were stored), then the new ones, extras first.
        QCOMPARE(changed.size(), 4);
        QCOMPARE(QStringList(changed.mid(0, 2)).join(' ').count("FDSTOREREMOVE=1"), 2);
        QVERIFY2(changed.mid(0, 2).contains("FDSTOREREMOVE=1\nFDNAME=qvb1,e4.2,u0,fx,o0,l0,b32,iqvt0"), qPrintable(changed.join('|')));
        QCOMPARE(changed.mid(2), (QStringList{"FDSTORE=1\nFDNAME=qvb1,e4.2,x", "FDSTORE=1\nFDNAME=qvb1,e4.2,u0,frx,o0,l0,b32,iqvt0"}));
        r = call(client, "set-export-options", {{"shelf", 4}, {"slot", 2}, {"readOnly", false}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        changed.clear();
        for (int i = 0; i < 4 && receive(notify.get(), n); ++i) changed << n.text;
        QCOMPARE(changed.last(), QStringLiteral("FDSTORE=1\nFDNAME=qvb1,e4.2,u0,fx,o0,l0,b32,iqvt0"));

        // Removing it takes it out of the store.
        r = call(client, "remove-export", {{"shelf", 4}, {"slot", 2}});
        QVERIFY2(r.ok, qPrintable(describe(r)));
        QStringList removed;
        for (int i = 0; i < 2 && receive(notify.get(), n); ++i) removed << n.text;
        removed.sort();
        QCOMPARE(removed, (QStringList{"FDSTOREREMOVE=1\nFDNAME=qvb1,e4.2,u0,fx,o0,l0,b32,iqvt0",
                                       "FDSTOREREMOVE=1\nFDNAME=qvb1,e4.2,x"}));
        client.disconnectFromHelper();
        stopAndReap(helper);
    }
};

QTEST_MAIN(TestFdStore)
#include "tst_fd_store.moc"
