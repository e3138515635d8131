// SPDX-License-Identifier: GPL-2.0-or-later
// Reading ceph.conf and keyrings as the GUI does (core/ceph_config.h): the mon_host spellings and
// sections, [mon.NAME] mon_addr, comments and quotes; keyring sections and what is reported when
// the user's key is not there (never a key); the cephx key check the helper applies.
#include <QtTest>

#include "core/ceph_config.h"

using namespace qvblade;

namespace {
const char* const kKey = "AQBd7kZmAAAAABAAm9mXq9ddb3bYTkKn1aV0vQ==";   // the layout `ceph-authtool --gen-print-key` prints
}

class TestCephConfig : public QObject {
    Q_OBJECT
private slots:
    void monHostSpellingsAndSections_data() {
        QTest::addColumn<QString>("conf");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("want");
        QTest::newRow("fixture") << "[global]\nfsid = 1\nmon_host = v2:127.0.0.1:3300\npublic_addr = 127.0.0.1\n" << "admin"
                                 << "v2:127.0.0.1:3300";
        QTest::newRow("spaces") << "[global]\n  mon host =  10.0.0.1,10.0.0.2:6789  \n" << "admin" << "10.0.0.1,10.0.0.2:6789";
        QTest::newRow("dashes") << "[global]\nmon-host=[v2:10.0.0.1:3300,v1:10.0.0.1:6789]\n" << "admin"
                                << "[v2:10.0.0.1:3300,v1:10.0.0.1:6789]";
        QTest::newRow("comment") << "# ceph.conf\n; old\n[global]\nmon_host = 10.0.0.1 # the first\n" << "admin" << "10.0.0.1";
        QTest::newRow("quoted") << "[global]\nmon_host = \"10.0.0.1;10.0.0.2\"\n" << "admin" << "10.0.0.1;10.0.0.2";
        QTest::newRow("client overrides global") << "[global]\nmon_host = 1.1.1.1\n[client]\nmon_host = 2.2.2.2\n" << "admin" << "2.2.2.2";
        QTest::newRow("client.id overrides client")
            << "[global]\nmon_host = 1.1.1.1\n[client.rbd]\nmon_host = 3.3.3.3\n[client]\nmon_host = 2.2.2.2\n" << "rbd" << "3.3.3.3";
        QTest::newRow("another client's is not ours") << "[global]\nmon_host = 1.1.1.1\n[client.other]\nmon_host = 3.3.3.3\n" << "admin"
                                                      << "1.1.1.1";
        QTest::newRow("mon sections") << "[global]\nfsid = 1\n[mon.a]\nmon addr = 10.0.0.1:6789\n[mon.b]\nmon_addr = 10.0.0.2:6789\n"
                                      << "admin" << "10.0.0.1:6789,10.0.0.2:6789";
        QTest::newRow("crlf") << "[global]\r\nmon_host = 10.0.0.9\r\n" << "admin" << "10.0.0.9";
    }
    void monHostSpellingsAndSections() {
        QFETCH(QString, conf);
        QFETCH(QString, id);
        QFETCH(QString, want);
        std::string error;
        const auto got = cephMonHost(conf.toStdString(), id.toStdString(), error);
        QVERIFY2(got, error.c_str());
        QCOMPARE(QString::fromStdString(*got), want);
    }
    void noMonitorIsAClearError() {
        std::string error;
        QVERIFY(!cephMonHost("[global]\nfsid = 1\n[osd]\nmon_host = 1.2.3.4\n", "admin", error));
        QVERIFY2(QString::fromStdString(error).contains("names no monitor"), error.c_str());
    }
    void keyringSections() {
        const std::string keyring = std::string("[client.admin]\n\tkey = ") + kKey +
                                    "\n\tcaps mon = \"allow *\"\n[client.rbd]\nkey = AQBBBBBBAAAAABAAm9mXq9ddb3bYTkKn1aV0vQ==\n";
        std::string error;
        auto key = cephKeyringKey(keyring, "admin", error);
        QVERIFY2(key, error.c_str());
        QCOMPARE(*key, std::string(kKey));
        key = cephKeyringKey(keyring, "rbd", error);
        QVERIFY2(key, error.c_str());
        QCOMPARE(*key, std::string("AQBBBBBBAAAAABAAm9mXq9ddb3bYTkKn1aV0vQ=="));
        QCOMPARE(cephKeyringClients(keyring), (std::vector<std::string>{"admin", "rbd"}));

        QVERIFY(!cephKeyringKey(keyring, "backup", error));
        QCOMPARE(QString::fromStdString(error), QString("the keyring has no key for client.backup (it has client.admin, client.rbd)"));
        QVERIFY(!QString::fromStdString(error).contains(kKey));
        QVERIFY(!cephKeyringKey("[mon.]\nkey = x\n", "admin", error));
        QVERIFY2(QString::fromStdString(error).contains("it has no client at all"), error.c_str());
        QVERIFY(!cephKeyringKey("[client.admin]\nkey =\n", "admin", error));
        QVERIFY2(QString::fromStdString(error).contains("empty key"), error.c_str());
    }
    void cephKeys() {
        QVERIFY(isCephKey(kKey));
        QVERIFY(!isCephKey(""));
        QVERIFY(!isCephKey("not a key"));
        QVERIFY(!isCephKey(std::string(kKey).substr(0, 36)));        // too short for a secret
        QVERIFY(!isCephKey(std::string(kKey) + "\n"));               // no whitespace
        QVERIFY(!isCephKey("AQBd7kZmAAAAABAAm9mXq9ddb3bYTkKn1aV0v=Q="));   // padding in the middle
        QVERIFY(!isCephKey("AQBd7kZmAAAAABAAm9mXq9ddb3bYTkKn1aV0v$Q="));
        QVERIFY(!isCephKey(std::string(300, 'A')));
    }
};

QTEST_APPLESS_MAIN(TestCephConfig)
#include "tst_ceph_config.moc"
