// SPDX-License-Identifier: GPL-2.0-or-later
// Main window flows against the fake backend: helper states and restart, adding an export and
// seeing its counters move, pause/resume/remove, the rmem banner, remembered exports, window
// state, the tray icon and the teaching view.
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QStatusBar>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPalette>
#include <QScrollBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QToolTip>
#include <QTreeWidget>

#include <fcntl.h>

#include "fakebackend.h"
#include "test_image.h"
#include "test_spec.h"
#include "gui/banners.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/hinttableview.h"
#include "gui/mainwindow.h"
#include "gui/teachingview.h"
#include "gui/throughputgraph.h"
#include "gui/translations.h"
#include "gui/trayicon.h"

namespace qvblade::gui {

namespace {
QList<NetInterface> testInterfaces() {
    return {{QStringLiteral("eth0"), QStringLiteral("52:54:00:aa:bb:01"), 1500, true, true, false}};
}

RmemStatus lowRmem() {
    RmemStatus s;
    s.interface = QStringLiteral("eth0");
    s.mtu = 9000;
    s.requiredBytes = 278528;
    s.grantedBytes = 212992;
    s.rmemMax = 212992;
    s.rmemDefault = 212992;
    return s;
}
}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString makeImage(const QString& name, qint64 bytes) { return makeTestImage(dir_, name, bytes); }
    ExportInfo exportOf(const QString& path, quint16 shelf, quint8 slot) {
        ExportInfo e;
        e.spec.path = path;
        e.spec.shelf = shelf;
        e.spec.slot = slot;
        e.spec.interfaces = {QStringLiteral("eth0")};
        e.sizeBytes = quint64(QFileInfo(path).size());
        return e;
    }
    ExportInfo ownedBy(ExportInfo e, qint64 uid, const QString& user) {
        e.ownerUid = uid;
        e.owner = user;
        return e;
    }
    // Another user's export as the helper sends it to a client that is neither owner nor root.
    static ExportInfo restricted(quint16 shelf, quint8 slot, qint64 uid, const QString& user) {
        ExportInfo e;
        e.spec.shelf = shelf;
        e.spec.slot = slot;
        e.sizeBytes = 1 << 20;
        e.ownerUid = uid;
        e.owner = user;
        e.detailsHidden = true;
        return e;
    }
    static QString toolTipShownBy(QWidget* widget, QPoint pos) {
        QToolTip::hideText();
        QHelpEvent help(QEvent::ToolTip, pos, widget->mapToGlobal(pos));
        QApplication::sendEvent(widget, &help);
        return QToolTip::isVisible() ? QToolTip::text() : QString();
    }
    static QString contextMenuToolTip(MainWindow& w, int row, const QString& actionText) {
        QString tip = QStringLiteral("(no menu)");
        QTimer::singleShot(200, &w, [&tip, actionText] {
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                tip = QStringLiteral("(no such entry)");
                for (QAction* a : menu->actions())
                    if (a->text() == actionText) tip = toolTipShownBy(menu, menu->actionGeometry(a).center());
                menu->close();
            }
        });
        const QRect cell = w.table()->visualRect(w.table()->model()->index(row, ExportsModel::Name));
        emit w.table()->customContextMenuRequested(cell.center());
        return tip;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("qvblade-test"));
        QApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QVERIFY(installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)));   // as the program does: plurals
        QVERIFY(dir_.isValid());
    }
    void init() { QSettings().clear(); }

    void anotherDeviceAnsweringAsAnExportShowsARedBanner() {
        FakeBackend backend;
        ExportInfo e;
        e.spec = specFor(3, 3, QStringLiteral("/tmp/a.img"));
        ExportInfo shared;
        shared.spec = specFor(3, 4, QStringLiteral("/tmp/b.img"));
        shared.spec.allowSharedAddress = true;
        backend.setExportsDirect({e, shared});
        MainWindow w(&backend);
        w.show();
        auto* banner = w.findChild<ConflictBanner*>(QStringLiteral("conflictBanner"));
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        backend.pushConflict(QStringLiteral("e3.4"), QStringLiteral("52:54:00:00:00:04"), true);   // expected there
        QVERIFY(!banner->isVisible());
        backend.pushConflict(QStringLiteral("e3.3"), QStringLiteral("52:54:00:12:34:56"), false);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->text()->text(), QStringLiteral("Another device answers as e3.3: 52:54:00:12:34:56. Initiators mix "
                                                        "the two disks' data: stop one of them."));
        // Red, from the palette: the banner's window colour leans to red on the application's.
        const QColor bg = banner->palette().color(QPalette::Window);
        QVERIFY2(bg.red() > bg.green() + 30 && bg.red() > bg.blue() + 30, qPrintable(bg.name()));
        QCOMPARE(banner->palette().color(QPalette::WindowText), QApplication::palette().color(QPalette::WindowText));
        backend.setExportsDirect({shared});   // e3.3 removed: nothing to warn about
        QTRY_VERIFY(!banner->isVisible());
    }

    void theEmptyWindowOffersTheDemoWhichStartsAndStopsInOneClick() {
        FakeBackend backend;
        MainWindow w(&backend);
        w.show();
        QVERIFY(w.emptyOffer()->isVisible());
        QVERIFY(w.emptyOffer()->findChildren<QToolButton*>().size() == 2);
        QCOMPARE(w.demoAction()->text(), QStringLiteral("&Try it on this computer"));
        QVERIFY(w.demoAction()->isEnabled());
        QVERIFY(w.menuBar()->actions().first()->menu()->actions().contains(w.demoAction()));   // File menu

        w.demoAction()->trigger();
        // The GUI made the sparse image itself and passed it open for reading and writing.
        QVERIFY(QFileInfo::exists(MainWindow::demoImagePath()));
        QCOMPARE(backend.demoCall.openFlags & O_ACCMODE, O_RDWR);
        QCOMPARE(backend.demoCall.fileSize, qint64(64) << 20);
        QTRY_VERIFY2(w.demoExport() != nullptr, qPrintable(QStringLiteral("%1 rows, %2 in the backend, status %3").arg(w.model()->rowCount()).arg(backend.exports().size()).arg(w.statusBar()->currentMessage())));
        QVERIFY(!w.emptyOffer()->isVisible());
        QCOMPARE(w.model()->index(0, ExportsModel::Name).data().toString(), QStringLiteral("e42.0 (demo)"));
        QTRY_COMPARE(w.demoAction()->text(), QStringLiteral("Stop the &demo"));
        QTRY_VERIFY(w.findChild<TeachingView*>() && w.findChild<TeachingView*>()->isVisible());
        QVERIFY(rememberedExports().isEmpty());   // a demo is not offered again at the next start

        w.demoAction()->trigger();
        QCOMPARE(backend.demoStops, 1);
        QTRY_VERIFY(w.demoExport() == nullptr);
        QTRY_VERIFY(!QFileInfo::exists(MainWindow::demoImagePath()));
        QVERIFY(w.emptyOffer()->isVisible());
        QCOMPARE(w.demoAction()->text(), QStringLiteral("&Try it on this computer"));
    }

    void theDemoKeepsItsImageOnlyWhenAskedAndRemembersTheChoice() {
        FakeBackend backend;
        QFile::remove(MainWindow::demoImagePath());
        {
            MainWindow w(&backend);
            w.show();
            QVERIFY(!w.keepDemoImageAction()->isChecked());   // by default the demo leaves nothing behind
            QVERIFY(w.menuBar()->actions().first()->menu()->actions().contains(w.keepDemoImageAction()));
            w.keepDemoImageAction()->setChecked(true);
            w.demoAction()->trigger();
            QTRY_VERIFY(w.demoExport() != nullptr);
            // What the demo's initiator wrote is what the user keeps.
            QFile image(MainWindow::demoImagePath());
            QVERIFY(image.open(QIODevice::ReadWrite));
            QVERIFY(image.seek(4096));
            QCOMPARE(image.write("kept pattern"), qint64(12));
            image.close();
            w.demoAction()->trigger();
            QTRY_VERIFY(w.demoExport() == nullptr);
            QTRY_VERIFY(w.statusBar()->currentMessage().contains(MainWindow::demoImagePath()));
            QVERIFY(QFileInfo::exists(MainWindow::demoImagePath()));
        }
        {
            // The choice is remembered, and the next demo starts on the kept data.
            MainWindow w(&backend);
            QVERIFY(w.keepDemoImageAction()->isChecked());
            w.demoAction()->trigger();
            QTRY_VERIFY(w.demoExport() != nullptr);
            QFile image(MainWindow::demoImagePath());
            QVERIFY(image.open(QIODevice::ReadOnly));
            QVERIFY(image.seek(4096));
            QCOMPARE(image.read(12), QByteArray("kept pattern"));
            image.close();
            w.keepDemoImageAction()->setChecked(false);
            w.demoAction()->trigger();
            QTRY_VERIFY(w.demoExport() == nullptr);
            QTRY_VERIFY(!QFileInfo::exists(MainWindow::demoImagePath()));
        }
    }

    void helperThatCannotStartSaysWhyInTheBanner() {
        FakeBackend backend;
        const QString why = QStringLiteral("The helper is not installed: /usr/libexec/qvblade/qvblade-helper is missing.");
        backend.setState(HelperState::NotRunning, why);
        MainWindow w(&backend);
        w.show();
        QVERIFY(w.helperBanner()->isVisible());
        QCOMPARE(w.helperBanner()->text()->text(), QStringLiteral("The qvblade helper cannot start. ") + why);
        QVERIFY(w.helperBanner()->restartButton()->isVisible());
        // “Start helper” again, with the same outcome: the banner says it tried, and still why.
        backend.setStartResult(HelperState::NotRunning, why);
        QTest::mouseClick(w.helperBanner()->restartButton(), Qt::LeftButton);
        QCOMPARE(backend.startCalls, 1);
        QTRY_COMPARE(backend.state(), HelperState::NotRunning);
        QVERIFY2(w.helperBanner()->text()->text().startsWith(QStringLiteral("The qvblade helper cannot start. ") + why + QLatin1Char('\n')
                                                             + QStringLiteral("Tried again at ")),
                 qPrintable(w.helperBanner()->text()->text()));
        QVERIFY(w.helperBanner()->restartButton()->isVisible());
    }

    void rawInternalsBecomeSentences() {
        FakeBackend backend;
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("raw.img"), 1 << 20), 9, 0)});
        MainWindow w(&backend);
        w.show();
        w.selectExport(9, 0);
        backend.failNext(QStringLiteral("cannot filter AoE frames on eth0: recv failed when changing filter: Network is down"));
        w.pauseAction()->trigger();
        QTRY_VERIFY(w.messageBanner()->isVisible());
        QCOMPARE(w.messageBanner()->messages().last(),
                 QStringLiteral("Pausing e9.0 failed: The network interface eth0 is down. Bring it up (for example: sudo ip "
                                "link set eth0 up) and try again."));
        backend.failNext(QStringLiteral("not authorised for org.qvblade.manage-exports by the system's polkit rules"));
        w.pauseExport(9, 0, true);
        QTRY_COMPARE(w.messageBanner()->messages().size(), 2);
        QCOMPARE(w.messageBanner()->messages().last(),
                 QStringLiteral("Pausing e9.0 failed: You are not allowed to export disks: the system's rules say no. An "
                                "administrator can allow it."));
        backend.failNext(QStringLiteral("not authorised for org.qvblade.set-rmem: authentication is needed and no polkit agent answered"));
        w.pauseExport(9, 0, true);
        QTRY_COMPARE(w.messageBanner()->messages().size(), 3);
        QVERIFY(w.messageBanner()->messages().last().contains(QStringLiteral("change the kernel's receive-buffer limit only with "
                                                                             "an administrator's password")));
        for (const QString& m : w.messageBanner()->messages()) {
            QVERIFY2(!m.contains(QLatin1String("org.qvblade")), qPrintable(m));
            QVERIFY2(!m.contains(QLatin1String("recv failed")), qPrintable(m));
        }
        // The client library's words for a helper that went away, as a sentence of its own.
        backend.setState(HelperState::Died, QStringLiteral("the helper closed the connection"));
        QCOMPARE(w.helperBanner()->text()->text(), QStringLiteral("The helper stopped unexpectedly; its exports are no longer "
                                                                  "served. The helper closed the connection."));
    }

    void helperStatesAndRestart() {
        FakeBackend backend;
        backend.setState(HelperState::NotRunning);
        MainWindow w(&backend);
        w.show();
        QVERIFY(w.helperBanner()->isVisible());
        QVERIFY(w.helperBanner()->text()->text().contains(QStringLiteral("not running")));
        QVERIFY(!w.exportAction()->isEnabled());
        backend.setStartResult(HelperState::Refused);
        QTest::mouseClick(w.helperBanner()->restartButton(), Qt::LeftButton);
        QCOMPARE(backend.startCalls, 1);
        QCOMPARE(backend.state(), HelperState::Authorising);
        QVERIFY(w.helperBanner()->text()->text().contains(QStringLiteral("authorise")));
        QVERIFY(!w.helperBanner()->restartButton()->isVisible());
        QTRY_COMPARE(backend.state(), HelperState::Refused);
        QVERIFY(w.helperBanner()->text()->text().contains(QStringLiteral("not authorised")));
        QCOMPARE(w.helperBanner()->restartButton()->text(), QStringLiteral("&Try again"));
        backend.setStartResult(HelperState::Running);
        QTest::mouseClick(w.helperBanner()->restartButton(), Qt::LeftButton);
        QTRY_COMPARE(backend.state(), HelperState::Running);
        QVERIFY(!w.helperBanner()->isVisible());
        QVERIFY(w.exportAction()->isEnabled());
        // It dies: the rows go, the banner offers a restart.
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("a.img"), 1 << 20), 1, 1)});
        QCOMPARE(w.model()->rowCount(), 1);
        backend.setState(HelperState::Died, QStringLiteral("It exited with status 1."));
        QVERIFY(w.helperBanner()->isVisible());
        QVERIFY(w.helperBanner()->text()->text().contains(QStringLiteral("stopped unexpectedly")));
        QVERIFY(w.helperBanner()->text()->text().contains(QStringLiteral("status 1")));
        QCOMPARE(w.helperBanner()->restartButton()->text(), QStringLiteral("&Restart helper"));
        QCOMPARE(w.model()->rowCount(), 1);   // kept, as stopped (exportsStoppedByACrashAreRestored)
        QCOMPARE(w.model()->exportAt(0)->state, ExportState::Stopped);
        QTest::mouseClick(w.helperBanner()->restartButton(), Qt::LeftButton);
        QCOMPARE(backend.startCalls, 3);
        QTRY_VERIFY(!w.helperBanner()->isVisible());
    }

    void addExportAndSeeCountersMove() {
        FakeBackend backend;
        MainWindow w(&backend);
        w.setInterfaces(testInterfaces());
        w.model()->setRefreshInterval(50);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString image = makeImage(QStringLiteral("flow.img"), 8 << 20);
        w.exportAction()->trigger();
        auto* dialog = w.findChild<ExportDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->findChild<QLineEdit*>()->setText(image);
        auto* interfaces = dialog->findChild<QTreeWidget*>();
        QCOMPARE(interfaces->topLevelItem(0)->checkState(0), Qt::Checked);   // the only one is preselected
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_COMPARE(w.model()->rowCount(), 1);
        QTRY_VERIFY(!w.findChild<ExportDialog*>());   // closed and deleted on success
        QCOMPARE(backend.addCalls.size(), 1);
        QCOMPARE(w.table()->model()->index(0, ExportsModel::Name).data().toString(), QStringLiteral("e0.0"));
        QCOMPARE(w.table()->model()->index(0, ExportsModel::File).data().toString(), QStringLiteral("flow.img"));

        // Counters arrive: the rate columns move at the next tick and the graph follows the selection.
        qint64 t = 1000;
        for (int i = 0; i < 5; ++i, t += 250) {
            CounterSample s;
            s.shelf = 0;
            s.slot = 0;
            s.msecs = t;
            s.framesIn = s.framesOut = quint64(i) * 1000;
            s.bytesIn = quint64(i) * 2000000;
            s.initiators = {QStringLiteral("52:54:00:12:34:56")};
            backend.pushCounters({s});
            QTest::qWait(60);
        }
        QTRY_VERIFY(w.table()->model()->index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble() > 1.0);
        QVERIFY(w.table()->model()->index(0, ExportsModel::FramesInRate).data(ExportsModel::SortRole).toDouble() > 100);
        QCOMPARE(w.table()->model()->index(0, ExportsModel::Initiators).data().toString(), QStringLiteral("52:54:00:12:34:56"));
        QVERIFY(!w.graph()->history().isEmpty());
        QVERIFY2(w.statusLabel()->text().contains(QStringLiteral("1 export, 1 serving, 1 initiator,")), qPrintable(w.statusLabel()->text()));
    }

    void pauseResumeRemoveCopy() {
        FakeBackend backend;
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("p.img"), 1 << 20), 9, 0)});
        MainWindow w(&backend);
        w.setConfirmRemove(false);
        w.show();
        w.selectExport(9, 0);
        QVERIFY(w.pauseAction()->isEnabled());
        QVERIFY(!w.resumeAction()->isEnabled());
        w.pauseAction()->trigger();
        QCOMPARE(backend.pauseCalls.size(), 1);
        QCOMPARE(backend.pauseCalls[0], qMakePair(exportKey(9, 0), true));
        QCOMPARE(w.model()->index(0, ExportsModel::State).data().toString(), QStringLiteral("Paused"));
        QVERIFY(w.resumeAction()->isEnabled());
        w.resumeAction()->trigger();
        QCOMPARE(backend.pauseCalls[1], qMakePair(exportKey(9, 0), false));
        w.copyCommandAction()->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("modprobe aoe; aoe-discover; aoe-stat"));
        // A failure is reported inline and stays there until dismissed, whatever happens next.
        backend.failNext(QStringLiteral("no such export"));
        w.pauseAction()->trigger();
        QTRY_VERIFY(w.messageBanner()->isVisible());
        QCOMPARE(w.messageBanner()->text()->text(), QStringLiteral("Pausing e9.0 failed: No such export."));
        w.resumeAction()->trigger();   // one that works
        QCoreApplication::processEvents();
        QVERIFY(w.messageBanner()->isVisible());
        QCOMPARE(w.messageBanner()->messages().size(), 1);
        QTest::mouseClick(w.messageBanner()->dismissButton(), Qt::LeftButton);
        QVERIFY(!w.messageBanner()->isVisible());
        w.removeAction()->trigger();
        QCOMPARE(backend.removeCalls, QList<quint32>{exportKey(9, 0)});
        QCOMPARE(w.model()->rowCount(), 0);
    }

    void startAtBootReopensTheImageAndShowsTheState() {
        FakeBackend backend;
        const QString rw = makeImage(QStringLiteral("boot.img"), 1 << 20);
        ExportInfo ro = exportOf(makeImage(QStringLiteral("boot-ro.img"), 1 << 20), 9, 1);
        ro.spec.readOnly = true;
        backend.setExportsDirect({exportOf(rw, 9, 0), ro, ownedBy(exportOf(rw, 9, 2), 2000, QStringLiteral("alice"))});
        MainWindow w(&backend);
        w.show();
        w.selectExport(9, 0);
        QVERIFY(w.startAtBootAction()->isEnabled());
        QVERIFY(!w.startAtBootAction()->isChecked());
        w.startAtBootAction()->trigger();
        // The image opened again by the GUI, for reading and writing, with the export's settings.
        QCOMPARE(backend.bootCalls.size(), 1);
        QCOMPARE(backend.bootCalls[0].spec.path, rw);
        QVERIFY(backend.bootCalls[0].on);
        QCOMPARE(backend.bootCalls[0].openFlags & O_ACCMODE, O_RDWR);
        QVERIFY(w.startAtBootAction()->isChecked());
        QCOMPARE(w.model()->index(w.model()->rowOf(exportKey(9, 0)), ExportsModel::State).data().toString(),
                 QStringLiteral("Serving, starts at boot"));
        QVERIFY(w.startAtBootAction()->toolTip().contains(QStringLiteral("qvblade-export@e9-0.service")));
        // Off again: no descriptor, the state says so.
        w.startAtBootAction()->trigger();
        QCOMPARE(backend.bootCalls.size(), 2);
        QVERIFY(!backend.bootCalls[1].on);
        QCOMPARE(backend.bootCalls[1].openFlags, -1);
        QVERIFY(!w.startAtBootAction()->isChecked());
        QCOMPARE(w.model()->index(w.model()->rowOf(exportKey(9, 0)), ExportsModel::State).data().toString(), QStringLiteral("Serving"));

        // A read-only export is reopened read-only; a refusal is an inline message and the box stays clear.
        w.selectExport(9, 1);
        backend.failNext(QStringLiteral("not authorised for org.qvblade.boot-exports by the system's polkit rules"));
        w.startAtBootAction()->trigger();
        QCOMPARE(backend.bootCalls.last().openFlags & O_ACCMODE, O_RDONLY);
        QTRY_VERIFY(w.messageBanner()->isVisible());
        QCOMPARE(w.messageBanner()->messages().last(),
                 QStringLiteral("Starting e9.1 at boot failed: You are not allowed to start exports at boot: the system's rules say no. "
                                "An administrator can allow it."));
        QVERIFY(!w.startAtBootAction()->isChecked());
        QVERIFY(!backend.startAtBoot().contains(exportKey(9, 1)));

        // An image the GUI can no longer open: said inline, nothing asked of the helper.
        QVERIFY(QFile::remove(ro.spec.path));
        const qsizetype calls = backend.bootCalls.size();
        w.startAtBootAction()->trigger();
        QCOMPARE(backend.bootCalls.size(), calls);
        QVERIFY2(w.messageBanner()->messages().last().startsWith(QStringLiteral("e9.1 cannot start at boot: ") + ro.spec.path),
                 qPrintable(w.messageBanner()->messages().last()));
        QVERIFY(!w.startAtBootAction()->isChecked());

        // Someone else's export: not offered.
        backend.setClient(1000, QStringLiteral("tester"));
        w.selectExport(9, 2);
        QVERIFY(!w.startAtBootAction()->isEnabled());
    }

    void otherUsersExportsCannotBeChanged() {
        FakeBackend backend;
        backend.setClient(1000, QStringLiteral("bob"));
        const QString mine = makeImage(QStringLiteral("bob.img"), 1 << 20);
        backend.setExportsDirect({ownedBy(exportOf(mine, 1, 1), 1000, QStringLiteral("bob")),
                                  restricted(5, 1, 1001, QStringLiteral("alice"))});
        MainWindow w(&backend);
        w.setConfirmRemove(false);
        w.setTrayAvailable(true);
        TrayIcon tray(&w, &backend);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QAbstractItemModel* table = w.table()->model();   // sorted by name: e1.1, then e5.1
        QCOMPARE(table->index(0, ExportsModel::Owner).data().toString(), QStringLiteral("bob"));
        QCOMPARE(table->index(1, ExportsModel::Owner).data().toString(), QStringLiteral("alice"));
        QCOMPARE(table->index(1, ExportsModel::File).data().toString(), QStringLiteral("\u2014"));
        QVERIFY(!w.grab().isNull());   // a row without path or interfaces paints

        const QString why = QStringLiteral("Owned by alice: only alice or an administrator can change it.");
        w.selectExport(5, 1);
        for (QAction* a : {w.pauseAction(), w.resumeAction(), w.removeAction()}) {
            QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
            QCOMPARE(a->toolTip(), why);
            QCOMPARE(a->statusTip(), why);
        }
        QVERIFY(!w.copyCliAction()->isEnabled());   // no path, no command
        QCOMPARE(table->index(1, ExportsModel::Name).data(Qt::ToolTipRole).toString(), why);
        // Where the user sees it: the disabled toolbar button's tooltip and status tip, the context
        // menu's entry.
        auto* toolbar = w.findChild<QToolBar*>(QStringLiteral("exportsToolbar"));
        QWidget* pauseButton = toolbar->widgetForAction(w.pauseAction());
        QVERIFY(!pauseButton->isEnabled());
        QCOMPARE(toolTipShownBy(pauseButton, QPoint(4, 4)), why);
        QEnterEvent enter(QPointF(4, 4), QPointF(4, 4), pauseButton->mapToGlobal(QPointF(4, 4)));
        QApplication::sendEvent(pauseButton, &enter);
        QCOMPARE(w.statusBar()->currentMessage(), why);
        // Nothing reaches the backend: not the keyboard, not a double click, not the tray.
        w.table()->setFocus();
        QTest::keyClick(w.table(), Qt::Key_Delete);
        emit w.table()->doubleClicked(table->index(1, ExportsModel::Name));   // what a double click does
        QAction* trayEntry = nullptr;
        for (QAction* a : tray.menu()->actions())
            if (a->text() == QStringLiteral("Pause e5.1 — alice")) trayEntry = a;
        QVERIFY(trayEntry);
        QVERIFY(!trayEntry->isEnabled());
        QCOMPARE(trayEntry->toolTip(), why);
        QVERIFY(tray.menu()->toolTipsVisible());
        QCOMPARE(contextMenuToolTip(w, 1, QStringLiteral("&Remove")), why);
        QMenu* exportMenu = nullptr;
        for (QAction* m : w.menuBar()->actions())
            if (m->text() == QStringLiteral("E&xport")) exportMenu = m->menu();
        QVERIFY(exportMenu);
        exportMenu->popup(w.mapToGlobal(QPoint(20, 20)));
        QVERIFY(QTest::qWaitForWindowExposed(exportMenu));
        QCOMPARE(toolTipShownBy(exportMenu, exportMenu->actionGeometry(w.removeAction()).center()), why);
        exportMenu->close();
        QCOMPARE(w.selectedExport()->spec.shelf, 5);
        trayEntry->trigger();
        w.pauseExport(5, 1, true);   // what the tray's entry would call
        w.removeExport(5, 1);
        QVERIFY(backend.pauseCalls.isEmpty());
        QVERIFY(backend.removeCalls.isEmpty());
        QVERIFY(w.messageBanner()->isVisible());
        QCOMPARE(w.messageBanner()->messages(), QStringList{why});

        // bob's own export: everything enabled, Qt's own tooltips back.
        w.selectExport(1, 1);
        QVERIFY(w.pauseAction()->isEnabled());
        QVERIFY(w.removeAction()->isEnabled());
        QVERIFY(w.copyCliAction()->isEnabled());
        QCOMPARE(w.pauseAction()->toolTip(), QStringLiteral("Pause"));
        QVERIFY(w.pauseAction()->statusTip().isEmpty());
        QVERIFY(table->index(0, ExportsModel::Name).data(Qt::ToolTipRole).toString().isEmpty());
        // A double click asks for details; it never pauses (not even the user's own export).
        QSignalSpy details(&w, &MainWindow::detailsRequested);
        emit w.table()->doubleClicked(table->index(0, ExportsModel::Name));
        QCOMPARE(details.count(), 1);
        QCOMPARE(details.first().at(0).toInt(), 1);
        QVERIFY(backend.pauseCalls.isEmpty());
        QVERIFY(backend.removeCalls.isEmpty());
    }

    void keyboardShortcuts() {
        FakeBackend backend;
        MainWindow w(&backend);
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("keys.img"), 1 << 20), 3, 0)});
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.selectExport(3, 0);
        w.table()->setFocus();
        QVERIFY(!w.pauseAction()->shortcut().isEmpty());
        QVERIFY(!w.resumeAction()->shortcut().isEmpty());
        QTest::keySequence(&w, w.pauseAction()->shortcut());
        QCOMPARE(backend.pauseCalls, (QList<QPair<quint32, bool>>{{exportKey(3, 0), true}}));
        QTest::keySequence(&w, w.resumeAction()->shortcut());
        QCOMPARE(backend.pauseCalls.size(), 2);
        QVERIFY(!backend.pauseCalls[1].second);
        // Ctrl+Q quits whatever the platform theme binds to Quit.
        QVERIFY(w.quitAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Q)));
        QSignalSpy quit(&w, &MainWindow::quitRequested);
        w.setConfirmRemove(false);
        QTimer::singleShot(0, &w, [] {
            // Own exports running: it asks whether to keep them; keep them.
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) box->buttons().first()->click();
        });
        QTest::keyClick(&w, Qt::Key_Q, Qt::ControlModifier);
        QTRY_COMPARE(quit.count(), 1);
    }

    void rootMayChangeEveryExport() {
        FakeBackend backend;
        backend.setClient(0, QStringLiteral("root"));
        // Root gets every export in full.
        backend.setExportsDirect({ownedBy(exportOf(makeImage(QStringLiteral("alice.img"), 1 << 20), 5, 1), 1001,
                                          QStringLiteral("alice"))});
        MainWindow w(&backend);
        w.setConfirmRemove(false);
        TrayIcon tray(&w, &backend);
        w.show();
        w.selectExport(5, 1);
        QCOMPARE(w.table()->model()->index(0, ExportsModel::Owner).data().toString(), QStringLiteral("alice"));
        QVERIFY(w.pauseAction()->isEnabled());
        QVERIFY(w.removeAction()->isEnabled());
        QVERIFY(w.copyCliAction()->isEnabled());
        QCOMPARE(w.pauseAction()->toolTip(), QStringLiteral("Pause"));
        QVERIFY(w.table()->model()->index(0, ExportsModel::Name).data(Qt::ToolTipRole).toString().isEmpty());
        bool trayEnabled = false;
        for (QAction* a : tray.menu()->actions())
            if (a->text() == QStringLiteral("Pause e5.1 — alice.img")) trayEnabled = a->isEnabled();
        QVERIFY(trayEnabled);
        w.pauseAction()->trigger();
        QCOMPARE(backend.pauseCalls.size(), 1);
        w.removeAction()->trigger();
        QCOMPARE(backend.removeCalls, QList<quint32>{exportKey(5, 1)});
    }

    void onlyOwnExportsAreRemembered() {
        const QString mine = makeImage(QStringLiteral("own.img"), 1 << 20);
        // alice's file, readable to bob: the helper shows it in full only to alice and root, but
        // even in full it is not bob's to restore.
        const QString hers = makeImage(QStringLiteral("hers.img"), 1 << 20);
        for (const qint64 uid : {qint64(1000), qint64(0)}) {
            QSettings().clear();
            FakeBackend backend;
            backend.setClient(uid, uid ? QStringLiteral("bob") : QStringLiteral("root"));
            MainWindow w(&backend);
            backend.setExportsDirect({ownedBy(exportOf(mine, 1, 1), uid, QStringLiteral("me")),
                                      ownedBy(exportOf(hers, 5, 1), 1001, QStringLiteral("alice")),
                                      restricted(5, 2, 1001, QStringLiteral("alice"))});
            const QList<ExportSpec> remembered = rememberedExports();
            QCOMPARE(remembered.size(), 1);
            QCOMPARE(remembered[0].path, mine);
            // Stopping the exports at quit stops the user's own only, and asks nothing when
            // only others' are left.
            QVERIFY(w.quitApplication(MainWindow::QuitChoice::StopExports));
            QCOMPARE(backend.exports().size(), 2);
            QCOMPARE(rememberedExports().size(), 1);
        }
        FakeBackend backend;
        backend.setClient(1000, QStringLiteral("bob"));
        backend.setExportsDirect({restricted(5, 2, 1001, QStringLiteral("alice"))});
        MainWindow w(&backend);
        bool asked = false;
        QTimer::singleShot(300, &w, [&asked] {
            if (QWidget* box = QApplication::activeModalWidget()) {
                asked = true;
                box->close();
            }
        });
        w.quitApplication();
        QVERIFY(!asked);
        QCOMPARE(backend.shutdownCalls, 1);
    }

    void contextMenuOffersTheExportActions() {
        FakeBackend backend;
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("c.img"), 1 << 20), 3, 7)});
        MainWindow w(&backend);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QStringList texts;
        QTimer::singleShot(200, &w, [&texts] {
            if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
                for (QAction* a : menu->actions()) texts << a->text();
                menu->close();
            }
        });
        const QRect cell = w.table()->visualRect(w.table()->model()->index(0, ExportsModel::File));
        emit w.table()->customContextMenuRequested(cell.center());   // what a right click does
        QCOMPARE(texts, (QStringList{QStringLiteral("De&tails…"), QStringLiteral("&Pause"), QStringLiteral("Res&ume"), QStringLiteral("&Remove"),
                                     QStringLiteral("Start at &boot"), QStringLiteral("Copy &initiator command"), QStringLiteral("Copy qvblade-&cli command")}));
        QCOMPARE(w.selectedExport()->spec.slot, 7);   // the row under the pointer is selected
        w.copyCommandAction()->trigger();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("modprobe aoe; aoe-discover; aoe-stat"));
    }

    void rmemBannerAppearsAndGoesAfterApply() {
        FakeBackend backend;
        backend.setCanPersist(false);
        MainWindow w(&backend);
        w.show();
        QVERIFY(!w.rmemBanner()->isVisible());
        backend.setRmem({lowRmem()});
        QVERIFY(w.rmemBanner()->isVisible());
        QVERIFY(w.rmemBanner()->text()->text().contains(QStringLiteral("eth0 (MTU 9000)")));
        QVERIFY(w.rmemBanner()->valuesLabel()->text().contains(QStringLiteral("net.core.rmem_max = 212992")));
        QVERIFY(w.rmemBanner()->valuesLabel()->text().contains(QStringLiteral("net.core.rmem_max = 278528 (272 KiB)")));
        // Sizes a person reads, and why the socket's figure is not the sysctl's.
        QVERIFY2(w.rmemBanner()->text()->text().contains(QStringLiteral("hold 208 KiB, but the frames initiators may send at "
                                                                        "once need 272 KiB")),
                 qPrintable(w.rmemBanner()->text()->text()));
        QVERIFY(w.rmemBanner()->text()->text().contains(QStringLiteral("Linux doubles the size a socket asks for")));
        // Nothing to apply without a helper.
        backend.setState(HelperState::Died, QStringLiteral("It crashed."));
        QVERIFY(!w.rmemBanner()->applyButton()->isEnabled());
        QVERIFY(w.rmemBanner()->permanentButton()->isEnabled());   // without persist-rmem: the command, no helper needed
        backend.setCanPersist(true);
        backend.setRmem({lowRmem()});
        QVERIFY(!w.rmemBanner()->permanentButton()->isEnabled());
        QCOMPARE(w.rmemBanner()->applyButton()->toolTip(), QStringLiteral("The helper is not running."));
        backend.setCanPersist(false);
        backend.setRmem({lowRmem()});
        backend.setState(HelperState::Running);
        QVERIFY(w.rmemBanner()->applyButton()->isEnabled());
        // "Make permanent" without backend support shows (and copies) the command instead.
        QTest::mouseClick(w.rmemBanner()->permanentButton(), Qt::LeftButton);
        QVERIFY(w.rmemBanner()->resultLabel()->text().contains(QStringLiteral("/etc/sysctl.d/60-qvblade.conf")));
        QCOMPARE(QApplication::clipboard()->text(), RmemBanner::permanentCommand(278528));
        QVERIFY(backend.rmemPersisted.isEmpty());
        QTest::mouseClick(w.rmemBanner()->applyButton(), Qt::LeftButton);
        QCOMPARE(backend.rmemApplied, QList<qint64>{278528});
        QTRY_VERIFY(!w.rmemBanner()->isVisible());

        // With backend support it asks the backend. A file that could not be written: the
        // reason, and the command to do it by hand.
        backend.setCanPersist(true);
        backend.setRmem({lowRmem()});
        QApplication::clipboard()->clear();
        backend.failNext(QStringLiteral("cannot write /etc/sysctl.d/60-qvblade.conf: Read-only file system"));
        QTest::mouseClick(w.rmemBanner()->permanentButton(), Qt::LeftButton);
        QTRY_VERIFY(w.rmemBanner()->resultLabel()->text().startsWith(QStringLiteral("The file was not written: Cannot write")));
        QVERIFY(w.rmemBanner()->resultLabel()->text().endsWith(RmemBanner::permanentCommand(278528)));
        QCOMPARE(QApplication::clipboard()->text(), RmemBanner::permanentCommand(278528));
        QVERIFY(w.rmemBanner()->permanentButton()->isVisible());
        // Written: the message names the file the helper wrote, and the offer is not made again.
        backend.persistPath = QStringLiteral("/srv/test-sysctl.d/60-qvblade.conf");
        QTest::mouseClick(w.rmemBanner()->permanentButton(), Qt::LeftButton);
        QCOMPARE(backend.rmemPersisted, (QList<qint64>{278528, 278528}));
        QTRY_VERIFY(w.rmemBanner()->resultLabel()->text().startsWith(QStringLiteral("Written to /srv/test-sysctl.d/60-qvblade.conf:")));
        QVERIFY(!w.rmemBanner()->permanentButton()->isVisible());
        backend.setRmem({lowRmem()});   // a new status
        QVERIFY(!w.rmemBanner()->permanentButton()->isVisible());
        {
            MainWindow next(&backend);   // the next start
            next.show();
            QVERIFY(next.rmemBanner()->isVisible());
            QVERIFY(!next.rmemBanner()->permanentButton()->isVisible());
        }
        // A refused Apply stays, with the reason.
        backend.failNext(QStringLiteral("Not authorised."));
        QTest::mouseClick(w.rmemBanner()->applyButton(), Qt::LeftButton);
        QTRY_VERIFY(w.rmemBanner()->resultLabel()->text().contains(QStringLiteral("Not authorised.")));
        QVERIFY(w.rmemBanner()->isVisible());
    }

    void exportsAreRememberedAndOfferedForRestore() {
        const QString a = makeImage(QStringLiteral("r1.img"), 1 << 20), b = makeImage(QStringLiteral("r2.img"), 1 << 20);
        {
            FakeBackend backend;
            MainWindow w(&backend);
            ExportInfo ro = exportOf(b, 2, 3);
            ro.spec.readOnly = true;
            backend.setExportsDirect({exportOf(a, 1, 1), ro});
            QCOMPARE(rememberedExports().size(), 2);
            // Quitting with "stop exports" keeps them remembered for next time.
            QSignalSpy quit(&w, &MainWindow::quitRequested);
            QVERIFY(w.quitApplication(MainWindow::QuitChoice::StopExports));
            QCOMPARE(quit.count(), 1);
            QCOMPARE(backend.shutdownCalls, 1);
            QVERIFY(!backend.lastShutdownKeptExports);
            QCOMPARE(rememberedExports().size(), 2);
        }
        FakeBackend backend;
        backend.setExportsDirect({exportOf(a, 1, 1)});   // one still served by the helper
        MainWindow w(&backend);
        w.show();
        backend.setExportsDirect({exportOf(a, 1, 1)});
        QVERIFY(w.restoreBanner()->isVisible());
        QCOMPARE(w.restoreBanner()->offered().size(), 1);
        QVERIFY(w.restoreBanner()->text()->text().contains(QStringLiteral("e2.3")));
        QTest::mouseClick(w.restoreBanner()->restoreButton(), Qt::LeftButton);
        QCOMPARE(backend.addCalls.size(), 1);
        QCOMPARE(backend.addCalls[0].spec.path, b);
        QVERIFY(backend.addCalls[0].spec.readOnly);
        QCOMPARE(backend.addCalls[0].openFlags & O_ACCMODE, O_RDONLY);
        QTRY_COMPARE(w.model()->rowCount(), 2);
        QTRY_VERIFY(!w.restoreBanner()->isVisible());
        QCOMPARE(rememberedExports().size(), 2);
    }

    void exportsStoppedByACrashAreRestored() {
        const QString a = makeImage(QStringLiteral("c1.img"), 1 << 20), b = makeImage(QStringLiteral("c2.img"), 1 << 20);
        FakeBackend backend;
        MainWindow w(&backend);
        w.show();
        ExportInfo ro = exportOf(b, 2, 3);
        ro.spec.readOnly = true;
        ExportInfo theirs = ownedBy(exportOf(a, 9, 9), 1001, QStringLiteral("bob"));
        backend.setExportsDirect({exportOf(a, 1, 1), ro, theirs});
        QCOMPARE(rememberedExports().size(), 2);   // the user's own
        // The helper dies the way HelperBackend reports it: nothing is served any more.
        backend.setState(HelperState::Died, QStringLiteral("It crashed."));
        backend.setExportsDirect({});
        QCOMPARE(w.model()->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(w.model()->exportAt(row)->state, ExportState::Stopped);
            QCOMPARE(w.model()->index(row, ExportsModel::State).data().toString(), QStringLiteral("Stopped: helper exited"));
            QCOMPARE(w.model()->index(row, ExportsModel::Name).data(Qt::ForegroundRole).value<QBrush>().color(),
                     QPalette().color(QPalette::Disabled, QPalette::Text));
        }
        QVERIFY(!w.restoreBanner()->isVisible());   // nothing to restore into yet
        w.selectExport(1, 1);
        QVERIFY(!w.removeAction()->isEnabled());
        QCOMPARE(rememberedExports().size(), 2);

        // A helper again, serving nothing: the rows stay, one click offers the user's own two.
        backend.setStartResult(HelperState::Running);
        w.helperBanner()->restartButton()->click();
        QTRY_COMPARE(backend.state(), HelperState::Running);
        QTRY_VERIFY(w.restoreBanner()->isVisible());
        QCOMPARE(w.model()->rowCount(), 3);
        QCOMPARE(w.restoreBanner()->offered().size(), 2);
        QVERIFY(w.restoreBanner()->text()->text().contains(QStringLiteral("exited")));
        QVERIFY(w.restoreBanner()->text()->text().contains(QStringLiteral("e2.3")));
        QVERIFY(!w.restoreBanner()->text()->text().contains(QStringLiteral("e9.9")));   // bob's
        // The empty list of the new helper did not replace the remembered one.
        QCOMPARE(rememberedExports().size(), 2);
        QTest::mouseClick(w.restoreBanner()->restoreButton(), Qt::LeftButton);
        QCOMPARE(backend.addCalls.size(), 2);
        QCOMPARE(backend.addCalls[1].spec.path, b);
        QVERIFY(backend.addCalls[1].spec.readOnly);
        QCOMPARE(backend.addCalls[1].openFlags & O_ACCMODE, O_RDONLY);   // opened again, as at first export
        QCOMPARE(backend.addCalls[0].openFlags & O_ACCMODE, O_RDWR);
        QTRY_VERIFY(!w.restoreBanner()->isVisible());
        QCOMPARE(w.model()->exportAt(w.model()->rowOf(exportKey(1, 1)))->state, ExportState::Serving);
        QCOMPARE(w.model()->exportAt(w.model()->rowOf(exportKey(9, 9)))->state, ExportState::Stopped);
        QCOMPARE(rememberedExports().size(), 2);

        // Dismissing is the user's choice: the stopped rows go, the list is what runs.
        backend.setState(HelperState::Died);
        backend.setExportsDirect({});
        w.helperBanner()->restartButton()->click();
        QTRY_VERIFY(w.restoreBanner()->isVisible());
        for (QPushButton* button : w.restoreBanner()->findChildren<QPushButton*>())
            if (button->text() == QStringLiteral("&Dismiss")) button->click();
        QCOMPARE(w.model()->rowCount(), 0);
        QCOMPARE(rememberedExports().size(), 0);
    }

    void defaultSizeFitsTheScreen() {
        // Offscreen's screen is 800×600; the scale-2 run (gui.tst_mainwindow_scale2) is the review's
        // 1600×1000 screen at scale factor 2: 800×500.
        FakeBackend backend;
        MainWindow w(&backend);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect available = w.screen()->availableGeometry();
        QVERIFY2(available.contains(w.frameGeometry()) || (w.width() <= available.width() && w.height() <= available.height()),
                 qPrintable(QStringLiteral("%1×%2 on %3×%4").arg(w.width()).arg(w.height()).arg(available.width()).arg(available.height())));
        QVERIFY(w.width() <= available.width() * 9 / 10);
        QVERIFY(w.height() <= available.height() * 85 / 100);
        // The banners' buttons and the status bar are inside the window, hence on the screen.
        backend.setRmem({lowRmem()});
        QCoreApplication::processEvents();
        const QRect inside = w.rect();
        for (QWidget* b : {static_cast<QWidget*>(w.rmemBanner()->applyButton()), static_cast<QWidget*>(w.statusBar())})
            QVERIFY2(inside.contains(QRect(b->mapTo(&w, QPoint(0, 0)), b->size())), b->metaObject()->className());
    }

    void windowStateIsSaved() {
        {
            FakeBackend backend;
            MainWindow w(&backend);
            w.show();
            w.resize(777, 444);
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.table()->horizontalHeader()->resizeSection(ExportsModel::File, 234);
            w.close();   // no tray: closing quits, nothing to ask without exports
        }
        FakeBackend backend;
        MainWindow w(&backend);
        QCOMPARE(w.size(), QSize(777, 444));
        QCOMPARE(w.table()->horizontalHeader()->sectionSize(ExportsModel::File), 234);
    }

    void columnsFitTheirContentAndElideWhenNarrow() {
        FakeBackend backend;
        ExportInfo a = exportOf(makeImage(QStringLiteral("a-rather-long-image-name-for-the-lab.img"), 1 << 20), 9, 0);
        a.initiators = {QStringLiteral("52:54:00:12:34:57"), QStringLiteral("52:54:00:12:34:58")};
        backend.setExportsDirect({a, exportOf(makeImage(QStringLiteral("b.img"), 1 << 20), 9, 1)});
        MainWindow w(&backend);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTableView* table = w.table();
        QHeaderView* header = table->horizontalHeader();
        auto inView = [&](int column) {
            return header->sectionViewportPosition(column) + header->sectionSize(column) <= table->viewport()->width();
        };
        auto fitsContent = [&](int column) {
            return header->sectionSize(column) >= std::max(header->sectionSizeHint(column), static_cast<const QAbstractItemView*>(table)->sizeHintForColumn(column));
        };
        // The default size on a large screen: nothing behind a scroll bar, Drops and Throughput included.
        w.resize(1100, 560);
        QCoreApplication::processEvents();
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        QVERIFY(inView(ExportsModel::Drops));
        QVERIFY(inView(ExportsModel::Graph));
        // Wide, with a larger font: every column as wide as its header and its cells (both MACs).
        QFont big = table->font();
        big.setPointSize(big.pointSize() + 4);
        table->setFont(big);
        w.resize(2200, 600);
        QCoreApplication::processEvents();
        for (int c = 0; c < ExportsModel::ColumnCount; ++c)
            QVERIFY2(fitsContent(c) && inView(c), qPrintable(w.model()->headerData(c, Qt::Horizontal).toString()));
        table->setFont(QFont());
        // Narrow: the file name elides, no column goes out of view.
        w.resize(900, 500);
        QCoreApplication::processEvents();
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        QVERIFY(!fitsContent(ExportsModel::File));
        for (int c = 0; c < ExportsModel::ColumnCount; ++c) {
            const QString name = w.model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(inView(c), qPrintable(name));
            QVERIFY2(header->sectionSize(c) >= table->fontMetrics().horizontalAdvance(QStringLiteral("e9.0")), qPrintable(name));
        }
        QCOMPARE(table->textElideMode(), Qt::ElideRight);
    }

    void selectedSparklineIsDrawnInTheHighlightedTextColour() {
        ExportsModel model;
        model.setRefreshInterval(0);
        model.setExports({exportOf(makeImage(QStringLiteral("spark.img"), 1 << 20), 1, 0)});
        for (int i = 0; i < 8; ++i) {
            CounterSample s;
            s.shelf = 1;
            s.msecs = 1000 + i * 500;
            s.bytesIn = quint64(i) * quint64(i) * 10000000;
            model.pushCounters({s});
            model.refresh();
        }
        QTableView view;
        view.setModel(&model);
        ThroughputDelegate delegate;
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.widget = &view;
        option.rect = QRect(0, 0, 160, 28);
        option.state = QStyle::State_Enabled | QStyle::State_Active | QStyle::State_Selected;
        const QColor highlight(0x30, 0x60, 0xc0);
        option.palette.setColor(QPalette::Highlight, highlight);
        option.palette.setColor(QPalette::HighlightedText, Qt::white);
        QImage image(option.rect.size(), QImage::Format_RGB32);
        image.fill(highlight);
        {
            QPainter painter(&image);
            delegate.paint(&painter, option, model.index(0, ExportsModel::Graph));
        }
        int light = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) light += qGray(image.pixel(x, y)) > 200;
        QVERIFY2(light > 30, qPrintable(QStringLiteral("%1 light pixels: the line is invisible on the highlight").arg(light)));
    }

    void wording() {
        const QString displayName = QGuiApplication::applicationDisplayName();
        QGuiApplication::setApplicationDisplayName(QStringLiteral("qvblade"));
        FakeBackend backend;
        MainWindow w(&backend);
        QGuiApplication::setApplicationDisplayName(displayName);
        // The desktop appends " — qvblade" itself.
        QCOMPARE(w.windowTitle(), QStringLiteral("ATA over Ethernet"));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // Nothing exported: the table says what to do, and says it visibly.
        const QString hint = static_cast<HintTableView*>(w.table())->emptyHint();
        QVERIFY2(hint.contains(QStringLiteral("Export disk image…")), qPrintable(hint));
        const QImage empty = w.table()->viewport()->grab().toImage();
        const QColor base = w.table()->palette().color(QPalette::Base);
        int ink = 0;
        for (int y = 0; y < empty.height(); ++y)
            for (int x = 0; x < empty.width(); ++x) ink += empty.pixelColor(x, y) != base;
        QVERIFY2(ink > 100, qPrintable(QStringLiteral("%1 pixels of hint").arg(ink)));
        // One host on two exports is one initiator; plurals are words.
        ExportInfo a = exportOf(makeImage(QStringLiteral("w1.img"), 1 << 20), 1, 0), b = exportOf(makeImage(QStringLiteral("w2.img"), 1 << 20), 1, 1);
        a.initiators = b.initiators = {QStringLiteral("52:54:00:12:34:56")};
        backend.setExportsDirect({a, b});
        QVERIFY2(w.statusLabel()->text().contains(QStringLiteral("2 exports, 2 serving, 1 initiator,")), qPrintable(w.statusLabel()->text()));
        QCOMPARE(w.model()->summary().initiators, 1);
        // The Export menu exports; Help has an About box.
        QMenu* exportMenu = nullptr;
        QMenu* helpMenu = nullptr;
        for (QAction* m : w.menuBar()->actions()) {
            if (m->text() == QStringLiteral("E&xport")) exportMenu = m->menu();
            if (m->text() == QStringLiteral("&Help")) helpMenu = m->menu();
        }
        QVERIFY(exportMenu && helpMenu);
        QCOMPARE(exportMenu->actions().first(), w.exportAction());
        QVERIFY(helpMenu->actions().contains(w.aboutAction()));
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        QString about;
        QTimer::singleShot(100, &w, [&about] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                about = box->text();
                box->accept();
            }
        });
        w.aboutAction()->trigger();
        QVERIFY2(about.contains(QStringLiteral("qvblade 9.8.7")) && about.contains(QStringLiteral("GNU General Public License")),
                 qPrintable(about));
    }

    void removeConfirmationSaysWhetherTheExportIsInUse() {
        FakeBackend backend;
        ExportInfo e = exportOf(makeImage(QStringLiteral("used.img"), 1 << 20), 9, 0);
        e.initiators = {QStringLiteral("52:54:00:12:34:56")};
        backend.setExportsDirect({e, exportOf(makeImage(QStringLiteral("idle.img"), 1 << 20), 9, 1)});
        MainWindow w(&backend);
        w.model()->setRefreshInterval(0);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        for (int i = 0; i < 3; ++i) {   // traffic on e9.0
            CounterSample s;
            s.shelf = 9;
            s.msecs = 1000 + i * 500;
            s.bytesOut = quint64(i) * 5000000;
            backend.pushCounters({s});
            w.model()->refresh();
        }
        struct Box { QString text; QStringList buttons; };
        Box box;
        QTimer::singleShot(100, &w, [&box] {
            auto* m = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!m) return;
            box.text = m->text();
            for (QAbstractButton* b : m->buttons()) box.buttons << b->text();
            for (QAbstractButton* b : m->buttons())
                if (b->text() == QStringLiteral("&Keep exporting")) b->click();
        });
        w.removeExport(9, 0);
        QVERIFY2(box.text.startsWith(QStringLiteral("e9.0 is in use right now (10.0 MB/s) by 52:54:00:12:34:56.")), qPrintable(box.text));
        QCOMPARE(box.buttons.size(), 2);
        QVERIFY(box.buttons.contains(QStringLiteral("&Remove e9.0")));
        QVERIFY(box.buttons.contains(QStringLiteral("&Keep exporting")));
        QVERIFY(backend.removeCalls.isEmpty());   // kept
        QTimer::singleShot(100, &w, [&box] {
            auto* m = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!m) return;
            box.text = m->text();
            for (QAbstractButton* b : m->buttons())
                if (b->text() == QStringLiteral("&Remove e9.1")) {
                    b->click();
                    break;
                }
        });
        w.removeExport(9, 1);
        QVERIFY2(box.text.startsWith(QStringLiteral("No initiator has used e9.1.")), qPrintable(box.text));
        QCOMPARE(backend.removeCalls, QList<quint32>{exportKey(9, 1)});
    }

    void graphSplitsReadsAndWritesOnAxes() {
        FakeBackend backend;
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("g.img"), 1 << 20), 2, 0)});
        MainWindow w(&backend);
        w.model()->setRefreshInterval(0);
        w.show();
        w.selectExport(2, 0);
        for (int i = 0; i < 5; ++i) {
            CounterSample s;
            s.shelf = 2;
            s.msecs = 1000 + i * 500;
            s.bytesOut = quint64(i) * 15000000;   // read by the initiator: 30 MB/s
            s.bytesIn = quint64(i) * 5000000;     // written: 10 MB/s
            backend.pushCounters({s});
            w.model()->refresh();
        }
        QCOMPARE(w.graph()->reads().last(), 30.0);
        QCOMPARE(w.graph()->writes().last(), 10.0);
        ThroughputGraph graph;   // the same series at a size of its own
        graph.setSeries(QStringLiteral("e2.0"), w.graph()->reads(), w.graph()->writes());
        graph.resize(400, 200);
        QVERIFY(!graph.grab().isNull());   // paints, and records its axes
        QCOMPARE(graph.axisLabels(), (QStringList{QStringLiteral("50 MB/s"), QStringLiteral("25 MB/s"), QStringLiteral("0 MB/s"),
                                                       QStringLiteral("\u221230 s"), QStringLiteral("\u221215 s"), QStringLiteral("now")}));
        // Short (a small screen): fewer MB/s labels rather than labels over each other.
        graph.resize(400, 4 * graph.fontMetrics().height());
        QVERIFY(!graph.grab().isNull());
        QCOMPARE(graph.axisLabels().first(), QStringLiteral("50 MB/s"));
        QVERIFY(!graph.axisLabels().contains(QStringLiteral("25 MB/s")));
        QCOMPARE(ThroughputGraph::niceCeiling(0.7), 1.0);
        QCOMPARE(ThroughputGraph::niceCeiling(2.2), 2.5);
        QCOMPARE(ThroughputGraph::niceCeiling(30), 50.0);
        QCOMPARE(ThroughputGraph::niceCeiling(100), 100.0);
    }

    void closeKeepsTrayAndTrayReflectsState() {
        FakeBackend backend;
        MainWindow w(&backend);
        w.setTrayAvailable(true);
        TrayIcon tray(&w, &backend);
        w.show();
        QCOMPARE(tray.status(), TrayIcon::Status::Idle);
        QVERIFY(tray.toolTip().contains(QStringLiteral("nothing exported")));
        backend.setExportsDirect({exportOf(makeImage(QStringLiteral("t.img"), 1 << 20), 4, 2)});
        QCOMPARE(tray.status(), TrayIcon::Status::Serving);
        QVERIFY2(tray.toolTip().contains(QStringLiteral("1 export, 1 serving, 0 initiators")), qPrintable(tray.toolTip()));
        QVERIFY(!tray.trayIcon()->icon().pixmap(22).isNull());   // the SVG renders (libqt6svg6)
        QVERIFY(!QIcon(TrayIcon::iconPath(TrayIcon::Status::Error)).pixmap(22).isNull());
        QVERIFY(!QIcon(QStringLiteral(":/icons/qvblade.svg")).pixmap(64).isNull());

        QStringList texts;
        QAction* pause = nullptr;
        for (QAction* a : tray.menu()->actions()) {
            texts << a->text();
            if (a->text() == QStringLiteral("Pause e4.2 — t.img")) pause = a;
        }
        QVERIFY2(pause, qPrintable(texts.join(QStringLiteral(" | "))));
        pause->trigger();
        QCOMPARE(backend.pauseCalls.size(), 1);
        // Paused on purpose: no warning, neither the icon nor the entry's.
        QCOMPARE(tray.status(), TrayIcon::Status::Idle);
        const QImage warning = QIcon(TrayIcon::iconPath(TrayIcon::Status::Warning)).pixmap(16).toImage();
        QAction* resume = nullptr;
        for (QAction* a : tray.menu()->actions())
            if (a->text() == QStringLiteral("Resume e4.2 — t.img")) resume = a;
        QVERIFY(resume);
        QVERIFY(resume->icon().pixmap(16).toImage() != warning);
        backend.setRmem({lowRmem()});
        QVERIFY(tray.toolTip().contains(QStringLiteral("Receive buffer too small")));
        QCOMPARE(tray.status(), TrayIcon::Status::Warning);   // that one is a problem
        backend.setState(HelperState::Died);
        QCOMPARE(tray.status(), TrayIcon::Status::Error);

        // Closing hides the window; the application goes on in the tray, and says so the first time.
        QSignalSpy quit(&w, &MainWindow::quitRequested);
        QSignalSpy toTray(&w, &MainWindow::closedToTray);
        w.close();
        QVERIFY(!w.isVisible());
        QCOMPARE(quit.count(), 0);
        QCOMPARE(backend.shutdownCalls, 0);
        QCOMPARE(toTray.count(), 1);
        QVERIFY(toTray.first().first().toBool());
        QVERIFY2(tray.lastMessage().contains(QStringLiteral("keeps running here")), qPrintable(tray.lastMessage()));
        tray.toggleWindow();
        QVERIFY(w.isVisible());
        w.close();
        QCOMPARE(toTray.count(), 2);
        QVERIFY(!toTray.last().first().toBool());   // once is enough
        // Quit from the tray, keeping the exports.
        backend.setState(HelperState::Running);
        QVERIFY(w.quitApplication(MainWindow::QuitChoice::KeepExports));
        QCOMPARE(quit.count(), 1);
        QVERIFY(backend.lastShutdownKeptExports);
    }

    void trayRestoresTheWindowAsItWas() {
        FakeBackend backend;
        MainWindow w(&backend);
        w.setTrayAvailable(true);
        TrayIcon tray(&w, &backend);
        w.showMaximized();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.windowState() & Qt::WindowMaximized);
        w.close();
        QVERIFY(!w.isVisible());
        tray.toggleWindow();
        QVERIFY(w.isVisible());
        QVERIFY(w.windowState() & Qt::WindowMaximized);
        tray.toggleWindow();
        QVERIFY(!w.isVisible());
        w.showNormal();
        w.close();
        tray.toggleWindow();
        QVERIFY(w.isVisible());
        QVERIFY(!(w.windowState() & Qt::WindowMaximized));
    }

    void teachingView() {
        FakeBackend backend;
        MainWindow w(&backend);
        TeachingView* view = w.openTeachingView();
        QVERIFY(view->isVisible());
        QVERIFY(backend.frameStream_);
        view->model()->setTickInterval(0);
        QList<FrameSummary> frames;
        for (int i = 0; i < 6000; ++i) {
            FrameSummary f;
            f.usecs = 1700000000000000 + i;
            f.outgoing = i % 2;
            f.interface = QStringLiteral("eth0");
            f.source = QStringLiteral("52:54:00:12:34:56");
            f.destination = QStringLiteral("52:54:00:aa:bb:01");
            f.shelf = 9;
            f.slot = quint8(i % 3);
            f.command = i % 10 ? QStringLiteral("ata") : QStringLiteral("query-config");
            f.response = f.outgoing;
            f.tag = quint32(i);
            f.detail = i % 10 ? QStringLiteral("READ SECTORS EXT lba %1 count 8").arg(i * 8) : QStringLiteral("read config");
            f.length = 60;
            frames << f;
        }
        backend.pushFrames(frames);
        QCOMPARE(view->model()->rowCount(), 0);   // batched until the tick
        view->model()->flush();
        QCOMPARE(view->model()->rowCount(), FramesModel::kMaxRows);   // the oldest went
        QCOMPARE(view->model()->index(0, FramesModel::Tag).data().toString(), QStringLiteral("0x000003e8"));
        QCOMPARE(view->model()->index(0, FramesModel::Command).data().toString(), QStringLiteral("Query Config"));
        QCOMPARE(view->model()->index(1, FramesModel::Command).data().toString(), QStringLiteral("ATA"));
        QCOMPARE(view->model()->index(1, FramesModel::Type).data().toString(), QStringLiteral("response"));
        QCOMPARE(view->model()->index(1, FramesModel::Target).data().toString(), QStringLiteral("e9.2"));

        QTest::keyClicks(view->filter(), QStringLiteral("read config"));
        QCOMPARE(view->proxy()->rowCount(), FramesModel::kMaxRows / 10);
        view->filter()->clear();
        QTest::mouseClick(view->pauseButton(), Qt::LeftButton);
        backend.pushFrames(frames.mid(0, 10));
        view->model()->flush();
        QCOMPARE(view->model()->rowCount(), FramesModel::kMaxRows);   // paused: nothing added
        QTest::mouseClick(view->clearButton(), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 0);

        const QString pcap = dir_.filePath(QStringLiteral("cap.pcap"));
        QCOMPARE(view->startCaptureTo(pcap), QString());
        QTRY_VERIFY(view->isCapturing());
        QVERIFY(backend.captureFd >= 0);
        QVERIFY(view->captureStatus()->text().contains(pcap));
        view->stopCapture();
        QTRY_VERIFY(!view->isCapturing());
        QVERIFY(view->captureStatus()->text().contains(QStringLiteral("tshark -r")));
        view->close();
        QVERIFY(!backend.frameStream_);
    }
};

}  // namespace qvblade::gui

QTEST_MAIN(qvblade::gui::TestMainWindow)
#include "tst_mainwindow.moc"
