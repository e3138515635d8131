// SPDX-License-Identifier: GPL-2.0-or-later
// HelperBackend's helper lifecycle without root: what pkexec's exit codes, a helper that dies
// and a missing program turn into, and the mapping of the helper's JSON to the GUI's structs.
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "gui/helperbackend.h"

using namespace qvblade::gui;

namespace {
HelperBackend::Options command(const QString& shell) { return {QString(), {QStringLiteral("sh"), QStringLiteral("-c"), shell}, {}}; }
}  // namespace

class TestHelperBackend : public QObject {
    Q_OBJECT
private slots:
    // add-export's rbd object carries the values read as the user, the snapshot and the OSD
    // timeout only when chosen, and never the files' paths (the helper opens none).
    void rbdRequestCarriesTheChosenValues() {
        RbdImageSpec r;
        r.confFile = QStringLiteral("/home/u/ceph.conf");
        r.keyringFile = QStringLiteral("/home/u/k.keyring");
        r.monitors = QStringLiteral("v2:127.0.0.1:3300");
        r.key = QStringLiteral("AQBkey==");
        r.pool = QStringLiteral("rbd");
        r.image = QStringLiteral("disk");
        QJsonObject o = rbdRequestJson(r);
        QCOMPARE(o.value("monitors").toString(), r.monitors);
        QCOMPARE(o.value("id").toString(), QString("admin"));
        QCOMPARE(o.value("key").toString(), r.key);
        QCOMPARE(o.value("image").toString(), r.image);
        QVERIFY(!o.contains("snapshot"));
        QVERIFY(!o.contains("osdTimeout"));
        for (const QJsonValue& v : o) QVERIFY(!v.toString().startsWith('/'));
        r.snapshot = QStringLiteral("s1");
        r.osdTimeoutSeconds = 30;
        o = rbdRequestJson(r);
        QCOMPARE(o.value("snapshot").toString(), QString("s1"));
        QCOMPARE(o.value("osdTimeout").toInteger(), qint64(30));
    }

    void pkexecDismissedOrRefusedIsRefused() {
        // What pkexec prints and returns in each case (polkit's pkexec.c), and what the user is told.
        const struct {
            const char* script;
            const char* says;
        } cases[] = {
            {"exit 126", "The authorisation dialog was dismissed. Choose Try again"},
            {"echo 'Error executing command as another user: Not authorized' >&2; exit 127",
             "You are not authorised to run the helper. Try again with an administrator's password"},
            {"echo 'Error executing command as another user: No authentication agent found.' >&2; exit 127",
             "No polkit authentication agent is running"},
            // pkexec without a desktop agent and without a terminal for its own (a window from a menu).
            {"echo \"Error creating textual authentication agent: Error opening current controlling terminal for the process "
             "(\\`/dev/tty'): No such device or address\" >&2; exit 127",
             "No polkit authentication agent is running"},
        };
        for (const auto& c : cases) {
            HelperBackend backend(command(QString::fromLatin1(c.script)));
            QSignalSpy states(&backend, &ExportBackend::stateChanged);
            backend.start();
            QCOMPARE(backend.state(), HelperState::Authorising);   // start() returns at once
            QTRY_COMPARE(backend.state(), HelperState::Refused);
            QVERIFY2(backend.stateDetail().startsWith(QLatin1String(c.says)), qPrintable(backend.stateDetail()));
        }
    }

    void noAgentNamesTheCommonAgents() {
        const QString why = HelperBackend::pkexecRefusal(127, QStringLiteral("No authentication agent found."));
        for (const char* agent : {"polkit-gnome-authentication-agent-1", "polkit-kde-authentication-agent-1", "lxpolkit", "mate-polkit"})
            QVERIFY2(why.contains(QLatin1String(agent)), qPrintable(why));
    }

    void missingPkexecSaysHowToInstallIt() {
        HelperBackend backend({QString(), {QStringLiteral("/nonexistent/pkexec"), QStringLiteral("/bin/true"), QStringLiteral("--stdio")}, {}});
        backend.start();
        QCOMPARE(backend.state(), HelperState::NotRunning);
        QVERIFY2(backend.stateDetail().contains(QStringLiteral("pkexec is not installed"))
                     && backend.stateDetail().contains(QStringLiteral("sudo apt-get install pkexec")),
                 qPrintable(backend.stateDetail()));
    }

    void helperThatEndsSaysItsFirstErrorLine() {
        // The routine start-up and audit lines come first; the reason is the first other line.
        HelperBackend backend(command(QStringLiteral(
            "echo 'qvblade-helper: serving uid 1000 pid 42 on standard input' >&2;"
            "echo 'qvblade-helper: uid 1000 pid 42 add-export: e1.0 added' >&2;"
            "echo 'qvblade-helper: cannot drop capabilities: Operation not permitted' >&2;"
            "echo 'qvblade-helper: a later line' >&2; exit 1")));
        backend.start();
        QTRY_COMPARE(backend.state(), HelperState::Died);
        QCOMPARE(backend.stateDetail(),
                 QStringLiteral("It exited with status 1. qvblade-helper: cannot drop capabilities: Operation not permitted"));
    }

    void helperThatEndsIsDiedWithItsLastWords() {
        QTemporaryDir dir;
        for (const QString& log : {QString(), dir.filePath(QStringLiteral("logs/helper.log"))}) {
            auto options = command(QStringLiteral("echo 'qvblade-helper: cannot open the engine' >&2; exit 1"));
            options.logPath = log;   // a pipe, then a file
            HelperBackend backend(options);
            backend.start();
            QTRY_COMPARE(backend.state(), HelperState::Died);
            QVERIFY2(backend.stateDetail().contains(QStringLiteral("cannot open the engine")), qPrintable(backend.stateDetail()));
            QVERIFY(backend.stateDetail().contains(QStringLiteral("status 1")));
        }
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("logs/helper.log"))));
    }

    void defaultsAreTheInstalledHelperThroughPkexec() {
        const auto options = HelperBackend::defaultOptions();
        QCOMPARE(options.socketPath, QStringLiteral("/run/qvblade/helper.sock"));
        QCOMPARE(options.launchCommand.first(), QStringLiteral("pkexec"));
        QVERIFY(options.launchCommand.contains(QStringLiteral("--stdio")));
        QVERIFY(options.launchCommand.contains(QStringLiteral("--serve-socket")));
        QVERIFY(options.logPath.endsWith(QStringLiteral("/helper.log")));
    }

    void missingProgramIsDied() {
        HelperBackend backend({QString(), {QStringLiteral("/nonexistent/qvblade-helper")}, {}});
        backend.start();
        QTRY_COMPARE(backend.state(), HelperState::Died);
        QVERIFY(backend.stateDetail().contains(QStringLiteral("/nonexistent/qvblade-helper")));
    }

    void missingHelperBehindPkexecIsNotInstalled() {
        HelperBackend backend({QString(), {QStringLiteral("pkexec"), QStringLiteral("/nonexistent/qvblade-helper"), QStringLiteral("--stdio")}, {}});
        backend.start();
        QCOMPARE(backend.state(), HelperState::NotRunning);
        // The path looked for, and the command that installs it.
        QVERIFY2(backend.stateDetail().contains(QStringLiteral("not installed: /nonexistent/qvblade-helper is missing"))
                     && backend.stateDetail().contains(QStringLiteral("./scripts/install-package.sh")),
                 qPrintable(backend.stateDetail()));
    }

    void noSocketAndNoCommandIsNotRunning() {
        HelperBackend backend({QStringLiteral("/nonexistent/helper.sock"), {}, {}});
        backend.start();
        QCOMPARE(backend.state(), HelperState::NotRunning);
        QVERIFY(backend.stateDetail().contains(QStringLiteral("/nonexistent/helper.sock")));
    }

    void requestsWithoutHelperFailAsynchronously() {
        HelperBackend backend({QString(), {}, {}});
        QSignalSpy finished(&backend, &ExportBackend::requestFinished);
        const int id = backend.setPaused(1, 2, true);
        QCOMPARE(finished.count(), 0);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).toInt(), id);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(0).at(2).toString(), QStringLiteral("The helper is not running."));
    }

    void frameJsonCarriesTheFramesBytes() {
        const QByteArray head = QByteArray::fromHex("ffffffffffff525400123456" "88a2" "1000ffffff01" "80000001");
        const FrameSummary f = HelperBackend::frameFromJson({{"time", 1700000000.5}, {"interface", "eth0"}, {"direction", "in"},
                                                              {"length", 60}, {"aoe", true}, {"tag", qint64(0x80000001u)},
                                                              {"command", "query-config"}, {"bytes", QString::fromLatin1(head.toBase64())}});
        QCOMPARE(f.head, head);
        QCOMPARE(f.usecs, qint64(1700000000500000));
        QCOMPARE(f.tag, 0x80000001u);
        QVERIFY(!f.outgoing);
        // An older helper sends no bytes: the view shows the summary only.
        QVERIFY(HelperBackend::frameFromJson({{"length", 60}}).head.isEmpty());
    }

    void jsonMapping() {
        const QJsonObject o{{"name", "e9.1"},          {"shelf", 9},          {"slot", 1},
                            {"interfaces", QJsonArray{"eth0", "eth1"}},   {"path", "/srv/a.img"},
                            {"readOnly", true},        {"direct", false},     {"durable", true},
                            {"offset", 8},             {"length", 2048},      {"sectors", 2048},
                            {"bufferCount", 32},       {"macs", QJsonArray{"52:54:00:00:00:01"}},
                            {"initiators", QJsonArray{"52:54:00:00:00:02"}}, {"paused", true}};
        const ExportInfo e = HelperBackend::exportFromJson(o);
        QCOMPARE(e.spec.shelf, 9);
        QCOMPARE(e.spec.slot, 1);
        QCOMPARE(e.spec.interfaces, (QStringList{QStringLiteral("eth0"), QStringLiteral("eth1")}));
        QCOMPARE(e.spec.path, QStringLiteral("/srv/a.img"));
        QVERIFY(e.spec.readOnly && !e.spec.direct && e.spec.durable);
        QCOMPARE(e.spec.offsetSectors, 8u);
        QCOMPARE(e.spec.lengthSectors, 2048u);
        QCOMPARE(e.sizeBytes, 2048u * 512);
        QCOMPARE(e.spec.bufferCount, 32);
        QCOMPARE(e.spec.allowedMacs, QStringList{QStringLiteral("52:54:00:00:00:01")});
        QCOMPARE(e.initiators, QStringList{QStringLiteral("52:54:00:00:00:02")});
        QCOMPARE(e.state, ExportState::Paused);
        QCOMPARE(e.ownerUid, -1);   // an export the helper names no owner for
        QVERIFY(!e.detailsHidden);

        // The owner, and another user's export as a client that is neither its owner nor root gets it.
        QJsonObject owned = o;
        owned.insert("owner", "alice");
        owned.insert("ownerUid", 1001);
        const ExportInfo full = HelperBackend::exportFromJson(owned);
        QCOMPARE(full.owner, QStringLiteral("alice"));
        QCOMPARE(full.ownerUid, 1001);
        QVERIFY(!full.detailsHidden);
        const ExportInfo hidden = HelperBackend::exportFromJson({{"name", "e9.1"}, {"shelf", 9}, {"slot", 1}, {"sectors", 2048},
                                                                 {"paused", false}, {"owner", "alice"}, {"ownerUid", 1001}});
        QVERIFY(hidden.detailsHidden);
        QCOMPARE(hidden.owner, QStringLiteral("alice"));
        QCOMPARE(hidden.ownerUid, 1001);
        QCOMPARE(hidden.sizeBytes, 2048u * 512);
        QVERIFY(hidden.spec.path.isEmpty() && hidden.spec.interfaces.isEmpty());
        QVERIFY(!mayChange(hidden, 1000));
        QVERIFY(mayChange(hidden, 0));
        QVERIFY(!isOwnExport(hidden, 1001));   // nothing to restore from it, whoever asks
        QVERIFY(!mayChange(full, 1000) && mayChange(full, 1001) && mayChange(full, 0));
        QVERIFY(!isOwnExport(full, 0) && isOwnExport(full, 1001));

        const FrameSummary f = HelperBackend::frameFromJson(
            {{"time", 1700000000.25}, {"interface", "eth0"}, {"direction", "out"}, {"length", 60}, {"aoe", true},
             {"source", "a"}, {"destination", "b"}, {"shelf", 9}, {"slot", 1}, {"response", true}, {"error", 0},
             {"command", "ata"}, {"tag", qint64(0x80000001)}, {"detail", "READ SECTORS EXT lba 8 count 2"}});
        QCOMPARE(f.usecs, qint64(1700000000250000));
        QVERIFY(f.outgoing && f.response && f.aoe);
        QCOMPARE(f.tag, 0x80000001u);
        QCOMPARE(f.detail, QStringLiteral("READ SECTORS EXT lba 8 count 2"));
    }
};

QTEST_MAIN(TestHelperBackend)
#include "tst_helperbackend.moc"
