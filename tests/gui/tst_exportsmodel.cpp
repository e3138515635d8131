// SPDX-License-Identifier: GPL-2.0-or-later
// ExportsModel: structure checked by QAbstractItemModelTester, rates from counters, one
// dataChanged per refresh tick however many counter events came in, sorting through a proxy.
#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include "gui/exportsmodel.h"
#include "gui/translations.h"

using namespace qvblade::gui;

namespace {
ExportInfo makeExport(quint16 shelf, quint8 slot, quint64 size = 1 << 30) {
    ExportInfo e;
    e.spec.shelf = shelf;
    e.spec.slot = slot;
    e.spec.path = QStringLiteral("/srv/images/disk%1-%2.img").arg(shelf).arg(slot);
    e.spec.interfaces = {QStringLiteral("eth0")};
    e.sizeBytes = size;
    return e;
}

CounterSample sample(quint16 shelf, quint8 slot, qint64 msecs, quint64 frames, quint64 bytes) {
    CounterSample s;
    s.shelf = shelf;
    s.slot = slot;
    s.msecs = msecs;
    s.framesIn = frames;
    s.framesOut = frames;
    s.bytesIn = bytes;
    s.bytesOut = 0;
    return s;
}
}  // namespace

class TestExportsModel : public QObject {
    Q_OBJECT
private slots:
    // As the program does: the English translation holds the plural forms.
    void initTestCase() { QVERIFY(installTranslations(QLocale(QLocale::English, QLocale::UnitedStates))); }

    void structureUnderTester() {
        ExportsModel model;
        model.setRefreshInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ExportsModel::SortRole);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        model.setExports({makeExport(9, 0), makeExport(1, 2), makeExport(3, 4)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ExportsModel::ColumnCount));
        QCOMPARE(model.index(0, ExportsModel::Name).data().toString(), QStringLiteral("e9.0"));
        QCOMPARE(model.index(0, ExportsModel::File).data().toString(), QStringLiteral("disk9-0.img"));
        QCOMPARE(model.index(0, ExportsModel::Mode).data().toString(), QStringLiteral("rw"));
        QVERIFY(model.isTaken(1, 2));
        QVERIFY(!model.isTaken(1, 3));

        // Remove the middle one, change one, add two.
        ExportInfo changed = makeExport(9, 0);
        changed.spec.readOnly = true;
        changed.spec.direct = true;
        changed.state = ExportState::Paused;
        model.setExports({changed, makeExport(3, 4), makeExport(5, 5), makeExport(0, 1)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOf(exportKey(1, 2)), -1);
        QCOMPARE(model.index(0, ExportsModel::Mode).data().toString(), QStringLiteral("ro, direct"));
        QCOMPARE(model.index(0, ExportsModel::State).data().toString(), QStringLiteral("Paused"));

        for (int round = 1; round <= 5; ++round) {
            model.pushCounters({sample(9, 0, round * 250, round * 100, round * 1000000ull),
                                sample(5, 5, round * 250, round * 10, round * 10ull)});
            model.refresh();
        }
        model.setExports({});
        QCOMPARE(model.rowCount(), 0);
    }

    void ratesFromCounters() {
        ExportsModel model;
        model.setRefreshInterval(0);
        model.setExports({makeExport(9, 0)});
        model.pushCounters({sample(9, 0, 1000, 100, 0)});
        model.refresh();
        CounterSample s = sample(9, 0, 1500, 600, 5000000);   // +500 frames, +5 MB in 0.5 s
        s.errors = 3;
        s.drops = 7;
        s.initiators = {QStringLiteral("52:54:00:12:34:56")};
        model.pushCounters({s});
        model.refresh();
        QCOMPARE(model.index(0, ExportsModel::FramesInRate).data(ExportsModel::SortRole).toDouble(), 1000.0);
        QCOMPARE(model.index(0, ExportsModel::FramesOutRate).data(ExportsModel::SortRole).toDouble(), 1000.0);
        QCOMPARE(model.index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble(), 10.0);
        QCOMPARE(model.index(0, ExportsModel::MBps).data().toString(), QStringLiteral("10.0"));
        QCOMPARE(model.index(0, ExportsModel::Errors).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(0, ExportsModel::Drops).data().toString(), QStringLiteral("7"));
        QCOMPARE(model.index(0, ExportsModel::Initiators).data().toString(), QStringLiteral("52:54:00:12:34:56"));
        QCOMPARE(model.summary().initiators, 1);
        QCOMPARE(model.summary().mbps, 10.0);
        const auto history = model.index(0, ExportsModel::Graph).data(ExportsModel::HistoryRole).value<QList<double>>();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.last(), 10.0);

        QCOMPARE(model.summary().drops, 7u);

        // Kernel drops of a shared interface count in each export's column, once in the summary.
        model.setExports({makeExport(9, 0), makeExport(9, 1)});
        CounterSample a = sample(9, 0, 2000, 700, 6000000), b = sample(9, 1, 2000, 0, 0);
        a.drops = 7;
        a.interfaceDrops = {{QStringLiteral("eth0"), 40}};
        b.interfaceDrops = {{QStringLiteral("eth0"), 40}};
        model.pushCounters({a, b});
        model.refresh();
        QCOMPARE(model.index(0, ExportsModel::Drops).data().toString(), QStringLiteral("47"));
        QCOMPARE(model.index(1, ExportsModel::Drops).data().toString(), QStringLiteral("40"));
        QVERIFY(model.index(0, ExportsModel::Drops).data(Qt::ToolTipRole).toString().contains(
            QStringLiteral("40 frames dropped by the kernel on eth0")));
        QCOMPARE(model.summary().drops, 47u);

        // Counters that stop coming: rates fall to zero once another export's samples move on.
        model.setExports({makeExport(9, 0), makeExport(1, 1)});
        model.pushCounters({sample(9, 0, 2500, 800, 7000000)});
        model.refresh();
        model.pushCounters({sample(1, 1, 5000, 1, 1)});
        model.refresh();
        QCOMPARE(model.index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble(), 0.0);
    }

    void thousandsOfUpdatesCoalesce() {
        ExportsModel model;
        model.setRefreshInterval(0);
        QList<ExportInfo> list;
        for (int i = 0; i < 20; ++i) list << makeExport(quint16(i), 0);
        model.setExports(list);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy refreshed(&model, &ExportsModel::refreshed);
        QElapsedTimer clock;
        clock.start();
        // 20 exports x 500 events = 10000 counter events between two ticks.
        for (int n = 1; n <= 500; ++n)
            for (int i = 0; i < 20; ++i) model.pushCounters({sample(quint16(i), 0, n, quint64(n) * 10, quint64(n) * 1000)});
        QCOMPARE(changed.count(), 0);   // nothing until the tick
        model.refresh();
        QCOMPARE(changed.count(), 1);   // one signal for all rows and columns
        QCOMPARE(refreshed.count(), 1);
        const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
        const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 19);
        QVERIFY(topLeft.column() <= int(ExportsModel::FramesInRate));
        QCOMPARE(bottomRight.column(), int(ExportsModel::Graph));
        QCOMPARE(model.index(19, ExportsModel::Errors).data().toString(), QStringLiteral("0"));
        QVERIFY2(clock.elapsed() < 2000, "10000 counter events took more than 2 s");

        // And a timer-driven model ticks by itself.
        model.setRefreshInterval(50);
        changed.clear();
        for (int n = 501; n <= 1500; ++n) model.pushCounters({sample(3, 0, n, quint64(n) * 10, quint64(n) * 1000)});
        QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 1, 2000);
        QVERIFY(changed.count() <= 3);
        QVERIFY(model.index(3, ExportsModel::FramesInRate).data(ExportsModel::SortRole).toDouble() > 0);
    }

    void sortsNumerically() {
        ExportsModel model;
        model.setRefreshInterval(0);
        model.setExports({makeExport(10, 0, 5 << 20), makeExport(9, 0, 100ull << 30), makeExport(2, 1, 1 << 30)});
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ExportsModel::SortRole);
        proxy.sort(ExportsModel::Name, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("e2.1"));
        QCOMPARE(proxy.index(1, 0).data().toString(), QStringLiteral("e9.0"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("e10.0"));   // not "e10" < "e2"
        proxy.sort(ExportsModel::Size, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("e9.0"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("e10.0"));
    }

    void ownerColumnAndOtherUsersRows() {
        ExportsModel model;
        model.setRefreshInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setClientUid(1000);
        ExportInfo mine = makeExport(1, 1);
        mine.owner = QStringLiteral("bob");
        mine.ownerUid = 1000;
        // Another user's export as the helper sends it to bob: owner, address, size, state only.
        ExportInfo theirs;
        theirs.spec.shelf = 5;
        theirs.spec.slot = 1;
        theirs.sizeBytes = 1 << 20;
        theirs.owner = QStringLiteral("alice");
        theirs.ownerUid = 1001;
        theirs.detailsHidden = true;
        ExportInfo noName = theirs;   // an owner without a passwd entry: the helper sends the uid as text
        noName.spec.slot = 2;
        noName.owner = QStringLiteral("4242");
        noName.ownerUid = 4242;
        model.setExports({mine, theirs, noName});
        QCOMPARE(model.headerData(ExportsModel::Owner, Qt::Horizontal).toString(), QStringLiteral("Owner"));
        QCOMPARE(model.index(0, ExportsModel::Owner).data().toString(), QStringLiteral("bob"));
        QCOMPARE(model.index(1, ExportsModel::Owner).data().toString(), QStringLiteral("alice"));
        QCOMPARE(model.index(2, ExportsModel::Owner).data().toString(), QStringLiteral("4242"));

        // What the helper did not send is a dash, not "rw", an empty name or a count of 0.
        const QString dash = QStringLiteral("\u2014");
        for (int c : {ExportsModel::File, ExportsModel::Interfaces, ExportsModel::Mode, ExportsModel::Initiators}) {
            QCOMPARE(model.index(1, c).data().toString(), dash);
            QCOMPARE(model.index(1, c).data(Qt::ToolTipRole).toString(),
                     QStringLiteral("Owned by alice: only alice or an administrator can see its file and options."));
        }
        QCOMPARE(model.index(1, ExportsModel::Name).data().toString(), QStringLiteral("e5.1"));
        QCOMPARE(model.index(1, ExportsModel::Size).data().toString(), QLocale().formattedDataSize(1 << 20, 1));
        QCOMPARE(model.index(1, ExportsModel::State).data().toString(), QStringLiteral("Serving"));
        // Anywhere else on the row: why it cannot be changed.
        const QString why = QStringLiteral("Owned by alice: only alice or an administrator can change it.");
        QCOMPARE(model.index(1, ExportsModel::Name).data(Qt::ToolTipRole).toString(), why);
        QCOMPARE(model.index(1, ExportsModel::Owner).data(Qt::ToolTipRole).toString(), why);
        QCOMPARE(model.index(1, ExportsModel::State).data(Qt::ToolTipRole).toString(), why);
        QCOMPARE(model.index(0, ExportsModel::File).data().toString(), QStringLiteral("disk1-1.img"));
        QVERIFY(model.index(0, ExportsModel::Name).data(Qt::ToolTipRole).toString().isEmpty());
        // Counters of someone else's export come without initiators: the dash stays.
        model.pushCounters({sample(5, 1, 1000, 10, 1000)});
        model.refresh();
        QCOMPARE(model.index(1, ExportsModel::Initiators).data().toString(), dash);
        // Root may change everything: no reason on the row.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setClientUid(0);
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.index(1, ExportsModel::Name).data(Qt::ToolTipRole).toString().isEmpty());
    }

    void cliCommandMatchesOptions() {
        ExportSpec spec;
        spec.shelf = 9;
        spec.slot = 0;
        spec.interfaces = {QStringLiteral("eth0"), QStringLiteral("eth1")};
        spec.path = QStringLiteral("/srv/my disk.img");
        spec.readOnly = spec.direct = spec.durable = true;
        spec.bufferCount = 32;
        spec.offsetSectors = 8;
        spec.lengthSectors = 1024;
        spec.allowedMacs = {QStringLiteral("52:54:00:12:34:56")};
        QCOMPARE(cliCommand(spec), QStringLiteral("qvblade-cli -b 32 -o 8 -l 1024 -d -s -r -m 52:54:00:12:34:56 9 0 "
                                                  "eth0,eth1 '/srv/my disk.img'"));
    }
};

QTEST_MAIN(TestExportsModel)
#include "tst_exportsmodel.moc"
