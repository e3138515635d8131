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
    void pkexecDismissedOrRefusedIsRefused() {
        for (const char* script : {"exit 126", "exit 127"}) {
            HelperBackend backend(command(QString::fromLatin1(script)));
            QSignalSpy states(&backend, &ExportBackend::stateChanged);
            backend.start();
            QCOMPARE(backend.state(), HelperState::Authorising);   // start() returns at once
            QTRY_COMPARE(backend.state(), HelperState::Refused);
            QVERIFY(!backend.stateDetail().isEmpty());
        }
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
        QVERIFY(backend.stateDetail().contains(QStringLiteral("not installed")));
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
