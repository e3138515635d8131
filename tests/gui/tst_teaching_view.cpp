// SPDX-License-Identifier: GPL-2.0-or-later
// The teaching view (issue #24, "a real teaching view") on the fake backend with real AoE frames:
// the decoded field tree and the hex dump's highlight of the selected field, replies decoded
// (status and error bits by name), requests and replies paired by tag with the round trip, "Go to
// request", the sampling line in the user's number format, every empty state's reason, Esc and
// Ctrl+W, and the details column visible at the default size.
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include "fakebackend.h"
#include "gui/hexdumpview.h"
#include "gui/mainwindow.h"
#include "gui/teachingview.h"
#include "tests/gui/aoe_frames.h"

namespace qvblade::gui {

using namespace qvblade::test;

namespace {

constexpr qint64 kT0 = 1764770000000000;   // µs

QTreeWidgetItem* findItem(QTreeWidget* tree, const QString& name, QTreeWidgetItem* parent = nullptr) {
    const int n = parent ? parent->childCount() : tree->topLevelItemCount();
    for (int i = 0; i < n; ++i) {
        QTreeWidgetItem* item = parent ? parent->child(i) : tree->topLevelItem(i);
        if (item->text(0) == name) return item;
        if (QTreeWidgetItem* c = findItem(tree, name, item)) return c;
    }
    return nullptr;
}

QString valueOf(QTreeWidget* tree, const QString& name) {
    QTreeWidgetItem* item = findItem(tree, name);
    return item ? item->text(1) : QStringLiteral("<no field %1>").arg(name);
}

}  // namespace

class TestTeachingView : public QObject {
    Q_OBJECT

    // The view of a window on `backend`, its frames flushed by hand (no timer).
    TeachingView* open(MainWindow& w) {
        TeachingView* view = w.openTeachingView();
        view->model()->setTickInterval(0);
        return view;
    }
    // Closes the view and waits until it is gone (the window deletes it on close), so the next
    // open() makes a new one.
    void closeView(TeachingView* view) {
        QPointer<TeachingView> p(view);
        view->close();
        QTRY_VERIFY(!p);
    }
    void push(FakeBackend& backend, TeachingView* view, const QList<FrameSummary>& frames) {
        backend.pushFrames(frames);
        view->model()->flush();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void treeAndHexHighlight() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = open(w);
        const auto write = ataFrame(0x01020304, ata::kWriteSectorsExt, 2048, 1, 512);
        push(backend, view, {summaryOf(write, false, kT0)});
        view->selectFrame(0);
        QCOMPARE(view->selectedFrame(), 0);
        QTreeWidget* tree = view->fieldTree();
        QCOMPARE(tree->topLevelItemCount(), 3);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("Ethernet II"));
        QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("ATA over Ethernet"));
        QCOMPARE(tree->topLevelItem(2)->text(0), QStringLiteral("ATA"));
        QCOMPARE(valueOf(tree, QStringLiteral("Type")), QStringLiteral("AoE (0x88a2)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Major")), QStringLiteral("9 (shelf)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Minor")), QStringLiteral("0 (slot)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Command")), QStringLiteral("Issue ATA Command (0)"));
        QCOMPARE(valueOf(tree, QStringLiteral("AFlags")), QStringLiteral("0x41 (E W)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Cmd/Status")), QStringLiteral("WRITE SECTORS EXT (0x34)"));
        QCOMPARE(valueOf(tree, QStringLiteral("LBA")), QStringLiteral("2048 (48-bit)"));
        QCOMPARE(view->hexDump()->bytes().size(), 128);   // the helper's 128 bytes of the 548

        // Selecting a field highlights its bytes, as Wireshark does.
        tree->setCurrentItem(findItem(tree, QStringLiteral("Tag")));
        QCOMPARE(view->hexDump()->highlightedHex(), QStringLiteral("01 02 03 04"));
        tree->setCurrentItem(findItem(tree, QStringLiteral("Type")));
        QCOMPARE(view->hexDump()->highlightedHex(), QStringLiteral("88 a2"));
        tree->setCurrentItem(findItem(tree, QStringLiteral("LBA")));
        QCOMPARE(view->hexDump()->highlightedHex(), QStringLiteral("00 08 00 00 00 00"));
        // A field over several lines (the data: bytes 36 to 127 of the dump).
        tree->setCurrentItem(findItem(tree, QStringLiteral("Data")));
        const QStringList data = view->hexDump()->highlightedHex().split(QLatin1Char(' '));
        QCOMPARE(data.size(), 92);
        QCOMPARE(data.first(), QStringLiteral("01"));   // the first data byte (i * 7 + 1)
        QCOMPARE(data.last(), QStringLiteral("%1").arg(uchar(91 * 7 + 1), 2, 16, QLatin1Char('0')));
        QVERIFY(valueOf(tree, QStringLiteral("Data")).contains(QStringLiteral("the first 92 captured")));
        QVERIFY(view->pairLabel()->text().contains(QStringLiteral("first 128 bytes")));
    }

    void replyDecodedWithStatusAndErrorBitsByName() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = open(w);
        const auto request = ataFrame(7, ata::kReadSectorsExt, 1ull << 40, 8);
        const auto failed = ataReply(request, ata::kStatusDrdy | ata::kStatusErr, ata::kErrAbrt | ata::kErrUnc);
        auto aoeError = ataFrame(8, 0x99, 0, 0);
        aoe::makeResponseHeader(aoeError.data(), kGuiTarget, 9, 0, aoe::Error::TargetReserved);
        push(backend, view, {summaryOf(request, false, kT0), summaryOf(failed, true, kT0 + 90), summaryOf(aoeError, true, kT0 + 95)});
        view->selectFrame(1);
        QTreeWidget* tree = view->fieldTree();
        QCOMPARE(valueOf(tree, QStringLiteral("Flags")), QStringLiteral("0x8 (R)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Cmd/Status")), QStringLiteral("0x41 (DRDY ERR)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Err/Feature")), QStringLiteral("0x44 (UNC ABRT)"));
        QCOMPARE(valueOf(tree, QStringLiteral("DRDY")), QStringLiteral("1: device ready"));
        QCOMPARE(valueOf(tree, QStringLiteral("BSY")), QStringLiteral("0"));
        QCOMPARE(valueOf(tree, QStringLiteral("ABRT")), QStringLiteral("1: command aborted"));
        view->selectFrame(2);
        QCOMPARE(valueOf(tree, QStringLiteral("Flags")), QStringLiteral("0xc (R E)"));
        QCOMPARE(valueOf(tree, QStringLiteral("Error")), QStringLiteral("6 (Target is reserved)"));
        QCOMPARE(view->model()->index(2, FramesModel::Type).data().toString(), QStringLiteral("error 6"));
    }

    void truncatedFrameSaysSo() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = open(w);
        auto cut = ataFrame(9, ata::kReadSectorsExt, 2048, 8);
        cut.resize(31);
        push(backend, view, {summaryOf(cut, false, kT0, 31)});
        view->selectFrame(0);
        QVERIFY2(view->pairLabel()->text().contains(QStringLiteral("truncated")), qPrintable(view->pairLabel()->text()));
        QVERIFY(valueOf(view->fieldTree(), QStringLiteral("lba3")).startsWith(QStringLiteral("truncated")));
        QVERIFY(!findItem(view->fieldTree(), QStringLiteral("LBA")));
        QCOMPARE(view->hexDump()->bytes().size(), 31);
    }

    void requestsAndRepliesPairedWithRoundTrip() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = open(w);
        const auto read = ataFrame(0x100, ata::kReadSectorsExt, 0, 8);
        const auto other = ataFrame(0x101, ata::kReadSectorsExt, 8, 8);
        const auto query = configFrame(0x200, false);
        // Another initiator's request with the same tag: not the one our reply answers.
        auto stranger = ataFrame(0x100, ata::kReadSectorsExt, 64, 8);
        std::memcpy(stranger.data() + aoe::off::kSrc, aoe::MacAddress::parse("52:54:00:99:99:99")->bytes.data(), 6);
        push(backend, view,
             {summaryOf(read, false, kT0),                                  // 0
              summaryOf(other, false, kT0 + 10),                            // 1
              summaryOf(query, false, kT0 + 20),                            // 2 (broadcast)
              summaryOf(stranger, false, kT0 + 30),                         // 3
              summaryOf(ataReply(read, ata::kStatusDrdy, 0, 4096), true, kT0 + 250),   // 4 -> 0
              summaryOf(configFrame(0x200, true, "lab"), true, kT0 + 1520),           // 5 -> 2
              summaryOf(ataReply(ataFrame(0x300, ata::kFlushCacheExt, 0, 0)), true, kT0 + 2000)});   // 6: no request
        FramesModel* m = view->model();
        QCOMPARE(m->requestRow(4), 0);
        QCOMPARE(m->requestRow(5), 2);   // e9.0 answers the broadcast e*.*
        QCOMPARE(m->requestRow(6), -1);
        QCOMPARE(m->requestRow(0), -1);
        QCOMPARE(m->index(4, FramesModel::RoundTrip).data().toString(), QStringLiteral("250 µs"));
        QCOMPARE(m->index(5, FramesModel::RoundTrip).data().toString(), QStringLiteral("1.50 ms"));
        QCOMPARE(m->index(0, FramesModel::RoundTrip).data().toString(), QString());
        QCOMPARE(m->index(6, FramesModel::RoundTrip).data().toString(), QString());

        view->selectFrame(4);
        QVERIFY2(view->pairLabel()->text().contains(QStringLiteral("round trip 250 µs")), qPrintable(view->pairLabel()->text()));
        QVERIFY(view->goToRequestButton()->isEnabled());
        // The request hidden by a filter: "Go to request" shows it anyway.
        QTest::keyClicks(view->filter(), QStringLiteral("response"));
        QCOMPARE(view->proxy()->rowCount(), 3);
        view->selectFrame(4);
        QTest::mouseClick(view->goToRequestButton(), Qt::LeftButton);
        QCOMPARE(view->selectedFrame(), 0);
        QVERIFY(view->filter()->text().isEmpty());
        QVERIFY(!view->goToRequestButton()->isEnabled());   // a request has no request
        QVERIFY(view->pairLabel()->text().contains(QStringLiteral("0x00000100")));

        view->selectFrame(6);
        QVERIFY(!view->goToRequestButton()->isEnabled());
        QVERIFY(view->pairLabel()->text().contains(QStringLiteral("not in the list")));

        // Thousands more: the oldest rows go, and pairing still finds the request by its new row.
        QList<FrameSummary> more;
        for (int i = 0; i < FramesModel::kMaxRows; ++i) more << summaryOf(ataFrame(0x1000 + i, ata::kReadSectorsExt, 0, 1), false, kT0 + 3000 + i);
        more << summaryOf(ataReply(ataFrame(0x1000 + FramesModel::kMaxRows - 1, ata::kReadSectorsExt, 0, 1)), true, kT0 + 9000 + FramesModel::kMaxRows);
        push(backend, view, more);
        const int last = m->rowCount() - 1;
        QCOMPARE(m->requestRow(last), last - 1);
        QCOMPARE(m->index(last, FramesModel::RoundTrip).data().toString(), QStringLiteral("6.00 ms"));
    }

    void samplingShownInTheUsersNumbers() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = open(w);
        QVERIFY(view->captureButton()->isVisible());
        QCOMPARE(view->captureButton()->text(), QStringLiteral("Capture &everything…"));
        backend.pushSampling(169000, 50, 1.0);
        QVERIFY2(view->samplingLabel()->text().startsWith(QStringLiteral("Showing 50 of 169,000 frames/s")),
                 qPrintable(view->samplingLabel()->text()));
        QVERIFY(view->samplingLabel()->text().contains(QStringLiteral("Capture everything")));
        // Ten events a tenth of a second each: the rate over the last second.
        for (int i = 0; i < 10; ++i) backend.pushSampling(2000, 5, 0.1);
        QVERIFY2(view->samplingLabel()->text().startsWith(QStringLiteral("Showing 50 of 20,000 frames/s")),
                 qPrintable(view->samplingLabel()->text()));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        backend.pushSampling(169000, 50, 1.0);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY2(view->samplingLabel()->text().contains(QStringLiteral("169.000")), qPrintable(view->samplingLabel()->text()));
        backend.pushSampling(12, 12, 1.0);
        QVERIFY2(view->samplingLabel()->text().startsWith(QStringLiteral("Showing all 12 frames/s")), qPrintable(view->samplingLabel()->text()));
        backend.pushSampling(0, 0, 1.0);
        QVERIFY(view->samplingLabel()->text().startsWith(QStringLiteral("No frames on the wire")));
    }

    void emptyStatesSayWhy() {
        FakeBackend backend;
        backend.setState(HelperState::NotRunning);
        MainWindow w(&backend);
        TeachingView* view = open(w);
        QVERIFY(view->showsEmptyState());
        QVERIFY2(view->emptyState()->text().contains(QStringLiteral("helper is not running")), qPrintable(view->emptyState()->text()));
        backend.setState(HelperState::Refused, QStringLiteral("Not authorised."));
        QVERIFY2(view->emptyState()->text().contains(QStringLiteral("refused (polkit)")), qPrintable(view->emptyState()->text()));
        backend.setState(HelperState::Authorising);
        QVERIFY(view->emptyState()->text().contains(QStringLiteral("authorisation")));
        closeView(view);

        backend.holdFrameStreamAnswer = true;
        backend.setState(HelperState::Running);
        view = open(w);
        QVERIFY2(view->emptyState()->text().startsWith(QStringLiteral("Not subscribed yet")), qPrintable(view->emptyState()->text()));
        closeView(view);

        backend.holdFrameStreamAnswer = false;
        backend.failNextFrameStream(QStringLiteral("not authorised to watch frames"));
        view = open(w);
        QTRY_VERIFY2(view->emptyState()->text().contains(QStringLiteral("refused to show you its frames")), qPrintable(view->emptyState()->text()));
        closeView(view);

        view = open(w);
        QTRY_VERIFY2(view->emptyState()->text().startsWith(QStringLiteral("Nothing on the wire yet")), qPrintable(view->emptyState()->text()));
        QVERIFY(view->showsEmptyState());
        push(backend, view, {summaryOf(configFrame(1, false), false, kT0)});
        QVERIFY(!view->showsEmptyState());
        QVERIFY(view->table()->isVisible());
        QTest::mouseClick(view->clearButton(), Qt::LeftButton);
        QVERIFY(view->showsEmptyState());
    }

    void escapeAndCtrlWClose_data() {
        QTest::addColumn<QKeySequence>("key");
        QTest::newRow("Esc") << QKeySequence(Qt::Key_Escape);
        QTest::newRow("Ctrl+W") << QKeySequence(Qt::CTRL | Qt::Key_W);
    }
    void escapeAndCtrlWClose() {
        QFETCH(QKeySequence, key);
        FakeBackend backend;
        MainWindow w(&backend);
        QPointer<TeachingView> view = open(w);
        view->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(view));
        QVERIFY(backend.frameStream_);
        QTest::keySequence(view->table(), key);
        QTRY_VERIFY(!view);   // closed (and deleted: the window opens it with WA_DeleteOnClose)
        QVERIFY(!backend.frameStream_);
    }

    void detailsColumnVisibleAtTheDefaultSize() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = open(w);
        push(backend, view, {summaryOf(ataFrame(1, ata::kReadSectorsExt, 0, 8), false, kT0)});
        QVERIFY(QTest::qWaitForWindowExposed(view));
        QHeaderView* header = view->table()->horizontalHeader();
        const int viewport = view->table()->viewport()->width();
        const int x = header->sectionViewportPosition(FramesModel::Details);
        QVERIFY2(x >= 0 && x + 120 <= viewport, qPrintable(QStringLiteral("details at %1 of %2").arg(x).arg(viewport)));
        QVERIFY(header->sectionSize(FramesModel::Details) >= 250);
        QVERIFY(view->fieldTree()->isVisible() && view->fieldTree()->height() > 60);
        QVERIFY(view->hexDump()->isVisible() && view->hexDump()->width() > 200);
    }
};

}  // namespace qvblade::gui

QTEST_MAIN(qvblade::gui::TestTeachingView)
#include "tst_teaching_view.moc"
