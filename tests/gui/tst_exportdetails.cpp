// SPDX-License-Identifier: GPL-2.0-or-later
// An export's details (issue #24) against the fake backend: opened by a double click, Enter and
// "Details…"; live totals, initiators with first/last seen, the Mac Mask List, reservations and
// config string as the initiators set them; read-only and the list changed in place (and
// refused where the helper would); the Mac Mask List's security line and its link; the tray's
// notifications, their switches and their rate limit.
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include "fakebackend.h"
#include "gui/exportdetails.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/macnote.h"
#include "gui/mainwindow.h"
#include "gui/notifier.h"
#include "gui/trayicon.h"

namespace qvblade::gui {

// Receives the URLs QDesktopServices would hand to the desktop.
class UrlRecorder : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public slots:
    void open(const QUrl& url) { opened << url; }
};

class TestExportDetails : public QObject {
    Q_OBJECT
    static ExportInfo anExport(quint16 shelf, quint8 slot, qint64 uid = 1000, const QString& owner = QStringLiteral("tester")) {
        ExportInfo e;
        e.spec.shelf = shelf;
        e.spec.slot = slot;
        e.spec.path = QStringLiteral("/srv/disk%1.img").arg(shelf);
        e.spec.interfaces = {QStringLiteral("eth0")};
        e.spec.durable = true;
        e.sizeBytes = 1 << 20;
        e.ownerUid = uid;
        e.owner = owner;
        e.details.known = true;
        e.details.configString = QStringLiteral("lab disk");
        return e;
    }
    static CounterSample sampleFor(quint16 shelf, quint8 slot, quint64 frames) {
        CounterSample s;
        s.shelf = shelf;
        s.slot = slot;
        s.framesIn = frames;
        s.framesOut = frames;
        s.bytesIn = frames * 1024;
        s.bytesOut = frames * 60;
        s.ataReads = frames / 2;
        s.ataWrites = frames / 4;
        s.flushes = 3;
        s.errors = 2;
        s.ioErrors = 1;
        s.drops = 5;
        s.maskRefused = 7;
        s.aoeErrors = {0, 0, 4, 0, 0, 0, 1};
        s.interfaceDrops.insert(QStringLiteral("eth0"), 11);
        return s;
    }
    static ExportDetailsDialog* openDetails(MainWindow& w) {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* d = qobject_cast<ExportDetailsDialog*>(top); d && d->isVisible() && d->parent() == &w) return d;
        return nullptr;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("qvblade-test-details"));
        QSettings().clear();
    }

    void opensByDoubleClickEnterAndMenu() {
        FakeBackend backend;
        MainWindow w(&backend);
        backend.setExportsDirect({anExport(4, 1)});
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.selectExport(4, 1);
        // Double click.
        emit w.table()->doubleClicked(w.table()->model()->index(0, ExportsModel::Name));
        ExportDetailsDialog* d = openDetails(w);
        QVERIFY(d);
        QCOMPARE(d->key(), exportKey(4, 1));
        QCOMPARE(d->windowTitle(), QStringLiteral("Details of e4.1"));
        d->close();
        QTRY_VERIFY(!openDetails(w));
        // Enter on the table.
        w.activateWindow();
        w.table()->setFocus();
        QTRY_VERIFY(w.table()->hasFocus());
        QTest::keyClick(w.table(), Qt::Key_Return);
        QTRY_VERIFY(openDetails(w));
        openDetails(w)->close();
        QTRY_VERIFY(!openDetails(w));
        // The menu entry (Export menu and context menu: exportActions).
        QVERIFY(w.exportActions().contains(w.detailsAction()));
        QVERIFY(w.detailsAction()->isEnabled());
        w.detailsAction()->trigger();
        QVERIFY(openDetails(w));
        // Opening again raises the same window.
        ExportDetailsDialog* first = openDetails(w);
        QCOMPARE(w.openDetails(4, 1), first);
        // Nothing selected: nothing to show.
        w.table()->clearSelection();
        QVERIFY(!w.detailsAction()->isEnabled());
    }

    void showsLiveTotalsInitiatorsAndLists() {
        FakeBackend backend;
        backend.setExportsDirect({anExport(4, 1)});
        ExportDetailsDialog d(&backend, 4, 1);
        d.show();
        QCOMPARE(d.configLabel()->text(), QStringLiteral("lab disk"));
        QVERIFY2(d.flagsLabel()->text().contains(QStringLiteral("read-write")) && d.flagsLabel()->text().contains(QStringLiteral("safe writes")),
                 qPrintable(d.flagsLabel()->text()));
        CounterSample s = sampleFor(4, 1, 1000);
        s.details.known = true;
        s.details.configString = QStringLiteral("set by an initiator");
        s.details.maskList = {QStringLiteral("52:54:00:00:00:07")};
        s.details.reservations = {QStringLiteral("52:54:00:00:00:07")};
        s.details.initiatorsSeen = {{QStringLiteral("52:54:00:00:00:07"), 1700000000, 1700000100},
                                    {QStringLiteral("52:54:00:00:00:08"), 1700000050, 1700000060}};
        CounterSample other = sampleFor(9, 9, 5);   // another export's counters change nothing here
        backend.pushCounters({other, s});
        QCOMPARE(d.total(QStringLiteral("framesIn")), QLocale().toString(1000));
        QCOMPARE(d.total(QStringLiteral("ataReads")), QLocale().toString(500));
        QCOMPARE(d.total(QStringLiteral("ataWrites")), QLocale().toString(250));
        QCOMPARE(d.total(QStringLiteral("flushes")), QStringLiteral("3"));
        QCOMPARE(d.total(QStringLiteral("ataErrors")), QStringLiteral("2"));
        QCOMPARE(d.total(QStringLiteral("ioErrors")), QStringLiteral("1"));
        QCOMPARE(d.total(QStringLiteral("aoeError2")), QStringLiteral("4"));
        QCOMPARE(d.total(QStringLiteral("aoeError6")), QStringLiteral("1"));
        QCOMPARE(d.total(QStringLiteral("busyDrops")), QStringLiteral("5"));
        QCOMPARE(d.total(QStringLiteral("kernelDrops")), QStringLiteral("11"));
        QCOMPARE(d.total(QStringLiteral("maskRefused")), QStringLiteral("7"));
        QVERIFY(d.total(QStringLiteral("bytesIn")).contains(QLocale().toString(1024000)));
        QCOMPARE(d.configLabel()->text(), QStringLiteral("set by an initiator"));
        QCOMPARE(d.reservationsLabel()->text(), QStringLiteral("52:54:00:00:00:07"));
        QCOMPARE(d.macList()->count(), 1);
        QCOMPARE(d.macList()->item(0)->text(), QStringLiteral("52:54:00:00:00:07"));
        QCOMPARE(d.initiatorList()->topLevelItemCount(), 2);
        QCOMPARE(d.initiatorList()->topLevelItem(0)->text(0), QStringLiteral("52:54:00:00:00:07"));
        QCOMPARE(d.initiatorList()->topLevelItem(0)->text(1),
                 QLocale().toString(QDateTime::fromSecsSinceEpoch(1700000000), QLocale::ShortFormat));
        QCOMPARE(d.initiatorList()->topLevelItem(0)->text(2),
                 QLocale().toString(QDateTime::fromSecsSinceEpoch(1700000100), QLocale::ShortFormat));
        // The next sample moves the numbers.
        backend.pushCounters({sampleFor(4, 1, 2000)});
        QCOMPARE(d.total(QStringLiteral("framesIn")), QLocale().toString(2000));
    }

    void changesReadOnlyAndTheMacListInPlace() {
        FakeBackend backend;
        backend.setExportsDirect({anExport(4, 1)});
        ExportDetailsDialog d(&backend, 4, 1);
        d.show();
        QVERIFY(d.readOnlyBox()->isEnabled());
        QVERIFY(!d.readOnlyBox()->isChecked());
        d.readOnlyBox()->click();
        QCOMPARE(backend.optionCalls.size(), 1);
        QCOMPARE(backend.optionCalls[0].readOnly, std::optional<bool>(true));
        QVERIFY(!backend.optionCalls[0].macs);
        QTRY_VERIFY(d.readOnlyBox()->isEnabled());
        QVERIFY(d.readOnlyBox()->isChecked());
        QVERIFY(d.flagsLabel()->text().contains(QStringLiteral("read-only")));

        // A malformed MAC is refused inline and nothing is sent.
        d.macEdit()->setText(QStringLiteral("52:54:00:zz:00:01"));
        QTest::keyClick(d.macEdit(), Qt::Key_Return);
        QVERIFY(d.message()->isVisible());
        QVERIFY(d.message()->text().contains(QStringLiteral("not a MAC address")));
        QCOMPARE(d.macList()->count(), 0);
        QVERIFY(!d.applyMacsButton()->isEnabled());
        d.macEdit()->setText(QStringLiteral("52:54:00:12:34:56"));
        QTest::keyClick(d.macEdit(), Qt::Key_Return);
        QCOMPARE(d.macList()->count(), 1);
        QVERIFY(d.applyMacsButton()->isEnabled());
        d.applyMacsButton()->click();
        QCOMPARE(backend.optionCalls.size(), 2);
        QCOMPARE(backend.optionCalls[1].macs, std::optional<QStringList>(QStringList{QStringLiteral("52:54:00:12:34:56")}));
        QTRY_VERIFY(!d.applyMacsButton()->isEnabled());
        QCOMPARE(backend.exports()[0].details.maskList, QStringList{QStringLiteral("52:54:00:12:34:56")});

        // The helper's refusal shows, and the box shows the truth again.
        QTRY_VERIFY(d.readOnlyBox()->isEnabled());   // the list's request answered
        backend.failNext(QStringLiteral("e4.1 cannot be made writable: its image was opened read-only"));
        d.readOnlyBox()->click();
        QTRY_VERIFY(d.message()->isVisible());
        QVERIFY2(d.message()->text().contains(QStringLiteral("opened read-only")), qPrintable(d.message()->text()));
        QVERIFY(d.readOnlyBox()->isChecked());
    }

    void offersOnlyWhatTheHelperAllows() {
        FakeBackend backend;
        ExportInfo notWritable = anExport(4, 1);
        notWritable.spec.readOnly = true;
        notWritable.writable = false;
        ExportInfo alices = anExport(5, 1, 1001, QStringLiteral("alice"));
        backend.setExportsDirect({notWritable, alices});
        ExportDetailsDialog ro(&backend, 4, 1);
        QVERIFY(!ro.readOnlyBox()->isEnabled());
        QVERIFY(ro.readOnlyBox()->toolTip().contains(QStringLiteral("opened read-only")));
        QVERIFY(ro.macEdit()->isEnabled());
        ExportDetailsDialog other(&backend, 5, 1);
        QVERIFY(!other.readOnlyBox()->isEnabled());
        QVERIFY(!other.macEdit()->isEnabled());
        QVERIFY(other.readOnlyBox()->toolTip().contains(QStringLiteral("alice")));
    }

    void theMacListSaysItIsNotSecurity() {
        UrlRecorder recorder;
        QDesktopServices::setUrlHandler(QStringLiteral("man"), &recorder, "open");
        FakeBackend backend;
        backend.setExportsDirect({anExport(4, 1)});
        ExportDetailsDialog d(&backend, 4, 1);
        ExportDialog dialog(&backend, [](quint16, quint8) { return false; }, {});
        for (QWidget* where : std::initializer_list<QWidget*>{&d, &dialog}) {
            auto* note = where->findChild<QLabel*>(QStringLiteral("macSecurityNote"));
            QVERIFY(note);
            QVERIFY2(note->text().contains(QStringLiteral("no authentication")) && note->text().contains(QStringLiteral("forged")),
                     qPrintable(note->text()));
            QVERIFY(note->text().contains(QStringLiteral("href=\"man:qvblade-cli(8)\"")));
            emit note->linkActivated(QString::fromLatin1(kMacNoteLink));
        }
        QCOMPARE(recorder.opened.size(), 2);
        QCOMPARE(recorder.opened[0], QUrl(QStringLiteral("man:qvblade-cli(8)")));
        QDesktopServices::unsetUrlHandler(QStringLiteral("man"));
        // In the export dialog it is under Advanced, beside the allow-list.
        auto* note = dialog.findChild<QLabel*>(QStringLiteral("macSecurityNote"));
        dialog.show();
        QVERIFY(!note->isVisible());
        dialog.findChild<QToolButton*>()->click();
        QTRY_VERIFY(note->isVisible());
    }

    void notificationsShowAndCanBeTurnedOff() {
        QSettings().clear();
        FakeBackend backend;
        MainWindow w(&backend);
        backend.setExportsDirect({anExport(4, 1)});
        TrayIcon tray(&w, &backend);
        qint64 now = 1000, unixNow = 1700000000;
        tray.notifier()->setClocks([&now] { return now; }, [&unixNow] { return unixNow; });
        auto sample = [&](quint64 drops, quint64 errors, QList<InitiatorSeen> seen) {
            CounterSample s = sampleFor(4, 1, 10);
            s.drops = drops;
            s.errors = errors;
            s.details.known = true;
            s.details.initiatorsSeen = seen;
            backend.pushCounters({s});
        };
        const QString mac = QStringLiteral("52:54:00:00:00:07");
        sample(0, 0, {});   // the first sample is what was there already
        QVERIFY(tray.shownMessages().isEmpty());
        sample(0, 0, {{mac, unixNow, unixNow}});
        QCOMPARE(tray.shownMessages().size(), 1);
        QVERIFY2(tray.shownMessages()[0].startsWith(QStringLiteral("Initiator attached")) && tray.shownMessages()[0].contains(mac),
                 qPrintable(tray.shownMessages()[0]));
        // It goes quiet past 30 s and comes back at once: a flapping initiator is told once a minute.
        unixNow += 40;
        now += 1000;
        sample(0, 0, {{mac, unixNow - 40, unixNow - 40}});
        sample(0, 0, {{mac, unixNow - 40, unixNow}});
        QCOMPARE(tray.shownMessages().size(), 1);
        now += Notifier::kQuietMsecs;
        unixNow += 40;
        sample(0, 0, {{mac, unixNow - 80, unixNow - 40}});
        QCOMPARE(tray.shownMessages().size(), 2);
        QVERIFY2(tray.shownMessages()[1].startsWith(QStringLiteral("Initiator left")), qPrintable(tray.shownMessages()[1]));
        // Drops and errors.
        sample(3, 1, {});
        QCOMPARE(tray.shownMessages().size(), 4);
        QVERIFY(tray.shownMessages()[2].startsWith(QStringLiteral("Frames dropped")));
        QVERIFY(tray.shownMessages()[3].startsWith(QStringLiteral("Errors answered")));
        // Each kind has a switch in the tray's Notifications menu, kept in QSettings.
        QMenu* menu = tray.notificationsMenu();
        QVERIFY(tray.menu()->actions().contains(menu->menuAction()));
        QCOMPARE(menu->actions().size(), 5);
        for (QAction* a : menu->actions()) {
            QVERIFY(a->isCheckable() && a->isChecked());
            a->setChecked(false);
        }
        QCOMPARE(QSettings().value(Notifier::settingsKey(Notifier::Kind::Errors)).toBool(), false);
        now += 2 * Notifier::kQuietMsecs;
        sample(9, 9, {{QStringLiteral("52:54:00:00:00:09"), unixNow, unixNow}});
        backend.setState(HelperState::Running);
        backend.setState(HelperState::Died, QStringLiteral("killed"));
        QCOMPARE(tray.shownMessages().size(), 4);   // all turned off: nothing more
        // Turned on again: the helper's end is told.
        menu->actions().last()->setChecked(true);
        backend.setState(HelperState::Running);
        now += 2 * Notifier::kQuietMsecs;
        backend.setState(HelperState::Died, QStringLiteral("killed"));
        QCOMPARE(tray.shownMessages().size(), 5);
        QVERIFY(tray.shownMessages()[4].startsWith(QStringLiteral("The helper stopped")));
        QSettings().clear();
    }
};

}  // namespace qvblade::gui

QTEST_MAIN(qvblade::gui::TestExportDetails)
#include "tst_exportdetails.moc"
