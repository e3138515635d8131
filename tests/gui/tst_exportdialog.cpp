// SPDX-License-Identifier: GPL-2.0-or-later
// The export dialog: inline validation (taken address, missing file, interfaces, advanced
// options), sparse image creation, the descriptor it hands over, and keyboard-only use.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QHeaderView>
#include <QListWidget>
#include <QScrollBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

#include <fcntl.h>
#include <sys/stat.h>

#include "fakebackend.h"
#include "test_image.h"
#include "test_spec.h"
#include "gui/exportdialog.h"
#include "gui/fittingscrollarea.h"
#include "gui/rbdsourcepanel.h"
#include "gui/translations.h"

namespace qvblade::gui {

namespace {
QList<NetInterface> testInterfaces() {
    return {{QStringLiteral("eth0"), QStringLiteral("52:54:00:aa:bb:01"), 1500, true, true, false},
            {QStringLiteral("eth1"), QStringLiteral("52:54:00:aa:bb:02"), 9000, true, true, false},
            {QStringLiteral("eth2"), QStringLiteral("52:54:00:aa:bb:03"), 1500, false, false, false}};
}

// A laptop with a dock: names as long as systemd makes them.
QList<NetInterface> fourInterfaces() {
    return {{QStringLiteral("enp3s0"), QStringLiteral("52:54:00:3a:10:01"), 9000, true, true, false},
            {QStringLiteral("enp4s0"), QStringLiteral("52:54:00:3a:10:02"), 1500, true, true, false},
            {QStringLiteral("wlp2s0"), QStringLiteral("52:54:00:3a:10:03"), 1500, true, false, false},
            {QStringLiteral("enx00e04c680001"), QStringLiteral("00:e0:4c:68:00:01"), 1500, false, false, false}};
}
}  // namespace

class TestExportDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString makeImage(const QString& name, qint64 bytes) { return makeTestImage(dir_, name, bytes); }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    // The Ceph RBD source without a cluster (gui.tst_rbd_dialog_e2e has one): the file rows give
    // way to the panel, nothing is sent until files are chosen, a keyring without the user's key
    // is reported at once, and a snapshot forces read-only and turns off O_DIRECT.
    void theRbdSourceReplacesTheFileRows() {
        FakeBackend backend;
        ExportDialog d(&backend, [](quint16, quint8) { return false; }, testInterfaces());
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QVERIFY(d.source_->isVisibleTo(&d));
        QVERIFY(d.path_->isVisibleTo(&d) && !d.rbd_->isVisibleTo(&d));
        d.source_->setCurrentIndex(1);
        QVERIFY(!d.path_->isVisibleTo(&d) && d.rbd_->isVisibleTo(&d));
        QVERIFY(!d.direct_->isEnabled());
        d.interfaceList_->topLevelItem(0)->setCheckState(0, Qt::Checked);
        d.submit();
        QCOMPARE(d.fileError(), QStringLiteral("Choose the cluster's configuration file and a keyring."));
        QVERIFY(backend.addCalls.isEmpty());

        const QString conf = dir_.filePath(QStringLiteral("c.conf")), keyring = dir_.filePath(QStringLiteral("k.keyring"));
        QFile c(conf), k(keyring);
        QVERIFY(c.open(QIODevice::WriteOnly) && c.write("[global]\nmon_host = 127.0.0.1:1\n") > 0);
        QVERIFY(k.open(QIODevice::WriteOnly) && k.write("[client.other]\nkey = AQBd7kZmAAAAABAAm9mXq9ddb3bYTkKn1aV0vQ==\n") > 0);
        c.close();
        k.close();
        ExportSpec s;
        s.interfaces = {QStringLiteral("eth0")};
        s.rbd = RbdImageSpec{};
        s.rbd->confFile = conf;
        s.rbd->keyringFile = keyring;
        d.setSpec(s);
        QCOMPARE(d.fileError(), keyring + QStringLiteral(": the keyring has no key for client.admin (it has client.other)."));
        d.submit();
        QVERIFY(backend.addCalls.isEmpty());
        d.source_->setCurrentIndex(0);
        QVERIFY(d.path_->isVisibleTo(&d) && !d.rbd_->isVisibleTo(&d));
        QVERIFY(d.direct_->isEnabled());
    }

    void picksAFreeAddressAndFlagsATakenOne() {
        FakeBackend backend;
        ExportDialog d(&backend, [](quint16 shelf, quint8 slot) { return shelf == 0 && slot <= 1; }, testInterfaces());
        QCOMPARE(d.shelf_->value(), 0);
        QCOMPARE(d.slot_->value(), 2);
        QVERIFY(d.addressError().isEmpty());
        QVERIFY(d.addressMessage_->text().contains(QStringLiteral("/dev/etherd/e0.2")));
        d.slot_->setValue(1);   // no submit: the message is there at once
        QCOMPARE(d.addressError(), QStringLiteral("e0.1 is already exported: choose another shelf or slot."));
        QVERIFY(d.addressMessage_->isVisibleTo(&d));
        d.shelf_->setValue(9);
        QVERIFY(d.addressError().isEmpty());
    }

    void anAddressAnotherDeviceAnswersIsFlaggedBeforeExport() {
        FakeBackend backend;
        backend.setAnsweredBy(3, 3, {QStringLiteral("52:54:00:12:34:56")});
        ExportDialog d(&backend, {}, testInterfaces());
        d.setSpec(specFor(3, 3, makeImage(QStringLiteral("probed.img"), 1 << 20)));
        // Probed once the choice settles, before anything is submitted.
        QTRY_COMPARE(d.addressError(), QStringLiteral("e3.3 is already answered by 52:54:00:12:34:56: another device serves "
                                                      "this address. Choose another shelf or slot (or “Shared storage” under "
                                                      "Advanced if both serve the same storage)."));
        QVERIFY(backend.probeCalls.contains(exportKey(3, 3)));
        d.submit();
        QVERIFY(backend.addCalls.isEmpty());   // refused in the dialog
        d.sharedAddress_->setChecked(true);
        QVERIFY(d.addressError().isEmpty());
        QVERIFY(d.addressMessage_->text().contains(QStringLiteral("also answered by 52:54:00:12:34:56")));
        d.submit();
        QCOMPARE(backend.addCalls.size(), 1);
        QVERIFY(backend.addCalls.first().spec.allowSharedAddress);
        QTRY_COMPARE(d.result(), int(QDialog::Accepted));
        // Another slot is free again.
        ExportDialog free(&backend, {}, testInterfaces());
        free.setSpec(specFor(3, 4, makeImage(QStringLiteral("free.img"), 1 << 20)));
        QTRY_VERIFY(backend.probeCalls.contains(exportKey(3, 4)));
        QTest::qWait(50);
        QVERIFY(free.addressError().isEmpty());
    }

    void theHelpersAddressTakenRefusalShowsAtTheAddress() {
        // The probe found nobody (the other target started meanwhile): the helper refuses.
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        d.setSpec(specFor(5, 1, makeImage(QStringLiteral("late.img"), 1 << 20)));
        backend.setAnsweredBy(5, 1, {QStringLiteral("52:54:00:65:43:21")});
        d.submit();
        QTRY_VERIFY(!d.isBusy());
        QVERIFY2(d.addressError().startsWith(QStringLiteral("e5.1 is already answered by 52:54:00:65:43:21 on eth0")),
                 qPrintable(d.addressError()));
        QVERIFY(d.submitError().isEmpty());
        QVERIFY(d.isVisible() || d.result() != int(QDialog::Accepted));
    }

    void inlineMessagesTakeJustTheirLines() {
        // A message is as tall as its text at the width it has, and the next row follows
        // directly (QLabel's own size hint used to leave an empty line or two below it).
        FakeBackend backend;
        ExportDialog d(&backend, [](quint16 shelf, quint8 slot) { return shelf == 0 && slot <= 1; }, testInterfaces());
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        for (const int width : {640, 360}) {   // one line, then wrapped
            d.resize(width, d.height());
            for (const int slot : {2, 1}) {    // the note, then the error
                d.slot_->setValue(slot);
                QLabel* m = d.addressMessage_;
                QTRY_COMPARE(m->height(), m->heightForWidth(m->width()));
                const int gap = d.interfaceList_->geometry().top() - m->geometry().bottom();
                QVERIFY2(gap > 0 && gap <= 12, qPrintable(QStringLiteral("%1 px between “%2” and the interface list at width %3")
                                                              .arg(gap).arg(m->text()).arg(width)));
            }
        }
        QVERIFY(d.addressMessage_->heightForWidth(d.addressMessage_->width()) > d.fontMetrics().height());   // wrapped at 360
    }

    void opensAtASizeThatShowsEverything_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("de") << QStringLiteral("de");
    }

    void opensAtASizeThatShowsEverything() {
        QFETCH(QString, lang);
        installTranslations(lang == QLatin1String("de") ? QLocale(QLocale::German, QLocale::Germany)
                                                        : QLocale(QLocale::English, QLocale::UnitedStates));
        const auto english = qScopeGuard([] { installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); });
        {
            FakeBackend backend;
            ExportDialog d(&backend, {}, fourInterfaces());
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            // The placeholder is not cut: the field's text area is as wide as it.
            const QFontMetrics fm(d.path_->font());
            const int chrome = d.path_->sizeHint().width() - 17 * fm.horizontalAdvance(QLatin1Char('x'));
            QVERIFY2(d.path_->width() - chrome >= fm.horizontalAdvance(d.path_->placeholderText()),
                     qPrintable(QStringLiteral("%1 px for “%2”").arg(d.path_->width() - chrome).arg(d.path_->placeholderText())));
            // "Initiators will see it as /dev/etherd/e0.0.": one line, the device name whole.
            QLabel* note = d.addressMessage_;
            QVERIFY(note->text().contains(QStringLiteral("/dev/etherd/e0.0")));
            QVERIFY2(note->heightForWidth(note->width()) < 2 * QFontMetrics(note->font()).lineSpacing(),
                     qPrintable(QStringLiteral("wrapped at %1 px: %2").arg(note->width()).arg(note->text())));
            // Every interface and every column (MTU, Link) in view, without scrolling.
            QTreeWidget* list = d.interfaceList_;
            QVERIFY(!list->horizontalScrollBar()->isVisible());
            QVERIFY(!list->verticalScrollBar()->isVisible());
            for (int c = 0; c < list->columnCount(); ++c) {
                const QString name = list->headerItem()->text(c);
                QVERIFY2(list->header()->sectionSize(c) >= static_cast<const QAbstractItemView*>(list)->sizeHintForColumn(c), qPrintable(name));
                QVERIFY2(list->header()->sectionViewportPosition(c) + list->header()->sectionSize(c) <= list->viewport()->width(),
                         qPrintable(name));
            }
            const QRect last = list->visualItemRect(list->topLevelItem(3));
            QVERIFY2(last.isValid() && last.bottom() < list->viewport()->height(),
                     qPrintable(QStringLiteral("the fourth interface at %1, the list %2 px high").arg(last.bottom()).arg(list->viewport()->height())));
            // Advanced open: the window grows, and no wrapped paragraph is squeezed into fewer lines.
            d.advancedToggle_->click();
            QCoreApplication::processEvents();
            QCoreApplication::processEvents();
            for (QLabel* label : d.findChildren<QLabel*>()) {
                if (!label->isVisible() || !label->wordWrap() || label->text().isEmpty()) continue;
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(QStringLiteral("“%1…” %2 px high, needs %3").arg(label->text().left(30)).arg(label->height())
                                        .arg(label->heightForWidth(label->width()))));
            }
        }
    }

    void fitsTheScreenWithAdvancedOpen() {
        // gui.tst_exportdialog_scale2 runs this on the review's 1600×1000 screen at scale factor 2
        // (800×500 logical): with Advanced open the dialog was taller than the screen, its buttons
        // off it. Now the options scroll, and the buttons stay on the screen.
        FakeBackend backend;
        ExportDialog d(&backend, {}, fourInterfaces());
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        d.advancedToggle_->click();
        QVERIFY(d.advanced_->isVisible());
        QCoreApplication::processEvents();
        const QRect available = d.screen()->availableGeometry();
        QVERIFY2(d.height() <= available.height() && d.width() <= available.width(),
                 qPrintable(QStringLiteral("%1×%2 on %3×%4").arg(d.width()).arg(d.height()).arg(available.width()).arg(available.height())));
        QVERIFY(d.exportButton_->isVisible());
        const QRect button(d.exportButton_->mapTo(&d, QPoint(0, 0)), d.exportButton_->size());
        QVERIFY2(d.rect().contains(button), "the Export button is outside the dialog");
        // Every option is still reachable: the allow-list's Add button scrolls into view.
        d.scroll_->ensureWidgetVisible(d.macAdd_);
        QCoreApplication::processEvents();
        const QRect add(d.macAdd_->mapTo(d.scroll_->viewport(), QPoint(0, 0)), d.macAdd_->size());
        QVERIFY2(d.scroll_->viewport()->rect().contains(add), "the allow-list cannot be scrolled to");
    }

    void keepsItsWidthWhileTypingAndShrinksAfterAdvanced() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        const QSize start = d.size();
        d.path_->setFocus();
        // A file that is not there yet: the message and the "create it" row appear as the user types.
        for (const QChar c : dir_.filePath(QStringLiteral("classroom-debian-12-2026-11-25.img"))) {
            QTest::keyClicks(d.path_, QString(c));
            QCoreApplication::processEvents();
            QCOMPARE(d.width(), start.width());
        }
        QVERIFY(d.createRow_->isVisibleTo(&d));

        const int collapsed = d.height();
        d.advancedToggle_->click();
        QVERIFY(d.advanced_->isVisible());
        QTRY_VERIFY(d.height() > collapsed);
        // The allow-list shows several addresses, not one squashed row.
        for (int i = 1; i <= 4; ++i) {
            d.macEdit_->setText(QStringLiteral("52:54:00:00:00:0%1").arg(i));
            d.addMac();
        }
        QCOMPARE(d.macList_->count(), 4);
        const QRect fourth = d.macList_->visualItemRect(d.macList_->item(3));
        QVERIFY2(fourth.bottom() < d.macList_->viewport()->height(),
                 qPrintable(QStringLiteral("the fourth address at %1, the list %2 px high").arg(fourth.bottom()).arg(d.macList_->viewport()->height())));
        d.advancedToggle_->click();
        QVERIFY(!d.advanced_->isVisible());
        QTRY_COMPARE(d.height(), collapsed);
        QCOMPARE(d.width(), start.width());
    }

    void missingFileIsFlaggedAndCanBeCreatedSparse() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        const QString path = dir_.filePath(QStringLiteral("new.img"));
        d.path_->setText(path);
        QCOMPARE(d.fileError(), QStringLiteral("There is no file called %1. You can create it here:").arg(path));
        QVERIFY(d.createRow_->isVisibleTo(&d));
        d.createSize_->setValue(2);
        QTest::mouseClick(d.createButton_, Qt::LeftButton);
        QVERIFY2(d.fileError().isEmpty(), qPrintable(d.fileError()));
        QVERIFY(!d.createRow_->isVisibleTo(&d));
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(qint64(st.st_size), qint64(2) << 30);
        QVERIFY2(st.st_blocks < 64, "the new image is not sparse");
        QVERIFY(d.fileMessage_->text().contains(QStringLiteral("4194304 sectors")));
        // Never overwrites.
        QVERIFY(!ExportDialog::createSparseImage(path, 512).isEmpty());
        QCOMPARE(QFileInfo(path).size(), qint64(2) << 30);
    }

    void otherFileProblemsAreInline() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        d.path_->setText(dir_.path());
        QVERIFY(d.fileError().contains(QStringLiteral("neither a regular file nor a block device")));
        const QString ro = makeImage(QStringLiteral("ro.img"), 1 << 20);
        QFile::setPermissions(ro, QFile::ReadOwner);
        if (::geteuid() != 0) {   // root may write anything
            d.path_->setText(ro);
            QVERIFY(d.fileError().contains(QStringLiteral("Read-only")));
            d.readOnly_->setChecked(true);
            QVERIFY(d.fileError().isEmpty());
        }
        d.path_->setText(makeImage(QStringLiteral("tiny.img"), 100));
        QVERIFY(d.fileError().contains(QStringLiteral("smaller than one 512-byte sector")));
    }

    // Issue #22: the Linux initiator never flushes, so only a durable export keeps what it
    // acknowledged through a power loss: on by default, outside Advanced, and what is sent.
    void safeWritesAreOnByDefaultAndSent() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        QVERIFY(d.durable_->isChecked());
        QVERIFY(d.durable_->isVisibleTo(&d));   // Advanced is closed
        QVERIFY(d.spec().durable);
        d.path_->setText(makeImage(QStringLiteral("safe.img"), 1 << 20));
        d.interfaceList_->topLevelItem(0)->setCheckState(0, Qt::Checked);
        d.submit();
        QCOMPARE(backend.addCalls.size(), 1);
        QVERIFY(backend.addCalls[0].spec.durable);
        QVERIFY(!(backend.addCalls[0].openFlags & O_SYNC));

        ExportDialog off(&backend, {}, testInterfaces());
        off.durable_->setChecked(false);
        QVERIFY(!off.spec().durable);
    }

    void submitWithNothingShowsEveryMessage() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        d.submit();
        QCOMPARE(d.fileError(), QStringLiteral("Choose a disk image or block device to export."));
        QCOMPARE(d.interfaceError(), QStringLiteral("Choose at least one interface."));
        QVERIFY(backend.addCalls.isEmpty());
        QCOMPARE(d.result(), int(QDialog::Rejected));
        QVERIFY(d.isVisible() == false);   // never shown: it did not pop anything up either
    }

    void downInterfaceAndAdvancedOptions() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        d.path_->setText(makeImage(QStringLiteral("adv.img"), 1 << 20));   // 2048 sectors
        d.interfaceList_->topLevelItem(2)->setCheckState(0, Qt::Checked);
        QCOMPARE(d.interfaceError(), QStringLiteral("eth2 is down: bring it up before exporting on it."));
        d.interfaceList_->topLevelItem(2)->setCheckState(0, Qt::Unchecked);
        d.interfaceList_->topLevelItem(1)->setCheckState(0, Qt::Checked);
        QVERIFY(d.interfaceError().isEmpty());

        d.offset_->setText(QStringLiteral("4096"));
        QVERIFY(d.advancedError().contains(QStringLiteral("past the end")));
        QVERIFY(d.advancedToggle_->isChecked());   // opened to show the message
        d.offset_->setText(QStringLiteral("1024"));
        d.length_->setText(QStringLiteral("2000"));
        QVERIFY(d.advancedError().contains(QStringLiteral("runs past the end")));
        d.length_->setText(QStringLiteral("1024"));
        QVERIFY(d.advancedError().isEmpty());

        d.macEdit_->setText(QStringLiteral("not-a-mac"));
        QTest::mouseClick(d.macAdd_, Qt::LeftButton);
        QVERIFY(d.advancedError().contains(QStringLiteral("is not a MAC address")));
        d.macEdit_->setText(QStringLiteral("525400123456"));
        QTest::mouseClick(d.macAdd_, Qt::LeftButton);
        QCOMPARE(d.macList_->count(), 1);
        QCOMPARE(d.macList_->item(0)->text(), QStringLiteral("52:54:00:12:34:56"));
        QVERIFY(d.advancedError().isEmpty());

        d.direct_->setChecked(true);
        d.readOnly_->setChecked(true);
        d.bufferCount_->setValue(32);
        d.shelf_->setValue(7);
        d.slot_->setValue(3);
        const ExportSpec s = d.spec();
        QCOMPARE(s.interfaces, QStringList{QStringLiteral("eth1")});
        QCOMPARE(s.offsetSectors, 1024u);
        QCOMPARE(s.lengthSectors, 1024u);
        QCOMPARE(s.allowedMacs, QStringList{QStringLiteral("52:54:00:12:34:56")});
        QCOMPARE(s.bufferCount, 32);

        // It opens the file with the mode asked for and hands the descriptor over.
        QSignalSpy accepted(&d, &QDialog::accepted);
        d.direct_->setChecked(false);   // tmpfs refuses O_DIRECT
        d.submit();
        QCOMPARE(backend.addCalls.size(), 1);
        QCOMPARE(backend.addCalls[0].openFlags & O_ACCMODE, O_RDONLY);
        QVERIFY(!(backend.addCalls[0].openFlags & O_SYNC));   // the helper commits durable writes itself
        QCOMPARE(backend.addCalls[0].fileSize, qint64(1) << 20);
        QCOMPARE(backend.addCalls[0].spec.shelf, 7);
        QVERIFY(d.isBusy());
        QTRY_COMPARE(accepted.count(), 1);
    }

    void refusalIsShownInline() {
        FakeBackend backend;
        ExportDialog d(&backend, {}, testInterfaces());
        d.path_->setText(makeImage(QStringLiteral("refused.img"), 1 << 20));
        d.interfaceList_->topLevelItem(0)->setCheckState(0, Qt::Checked);
        backend.failNext(QStringLiteral("Not authorised."));
        QSignalSpy accepted(&d, &QDialog::accepted);
        d.submit();
        QCOMPARE(backend.addCalls.size(), 1);
        QCOMPARE(backend.addCalls[0].openFlags & O_ACCMODE, O_RDWR);
        QTRY_VERIFY(!d.isBusy());
        QCOMPARE(d.submitError(), QStringLiteral("The helper refused: Not authorised."));
        QCOMPARE(accepted.count(), 0);
    }

    void keyboardOnly() {
        FakeBackend backend;
        ExportDialog d(&backend, [](quint16 s, quint8 l) { return s == 0 && l == 0; }, testInterfaces());
        d.show();
        d.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&d));
        d.path_->setFocus();

        // Every input has an accessible name.
        for (QWidget* w : d.findChildren<QWidget*>()) {
            if (!w->isVisibleTo(&d) || !(w->focusPolicy() & Qt::TabFocus)) continue;
            if (qobject_cast<QAbstractSpinBox*>(w->parentWidget())) continue;   // the spin box's own line edit
            if (qobject_cast<QAbstractButton*>(w) && !qobject_cast<QAbstractButton*>(w)->text().isEmpty()) continue;
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(QStringLiteral("%1 has no accessible name")
                                                                     .arg(QString::fromLatin1(w->metaObject()->className()))));
        }

        // Tab visits the fields top to bottom.
        const QList<QWidget*> expected{d.path_, d.browse_, d.shelf_, d.slot_, d.interfaceList_, d.durable_, d.advancedToggle_,
                                       d.exportButton_};
        for (int i = 1; i < expected.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), expected[i]);
        }

        // Fill it in with keys only: a path, a taken then a free slot, an interface, Enter.
        const QString image = makeImage(QStringLiteral("keys.img"), 1 << 20);
        d.path_->setFocus();
        QTest::keyClicks(d.path_, image);
        QTest::keyClick(d.path_, Qt::Key_Tab);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);   // past Browse…
        QCOMPARE(QApplication::focusWidget(), d.shelf_);
        QTest::keyClick(d.shelf_, Qt::Key_Tab);
        QTest::keyClick(d.slot_, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(d.slot_, QStringLiteral("0"));
        QVERIFY(!d.addressError().isEmpty());                        // e0.0 is taken
        QTest::keyClick(d.slot_, Qt::Key_Up);                        // e0.1
        QVERIFY(d.addressError().isEmpty());
        QTest::keyClick(d.slot_, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), d.interfaceList_);
        QTest::keyClick(d.interfaceList_, Qt::Key_Down);            // eth1
        QTest::keyClick(d.interfaceList_, Qt::Key_Space);
        QCOMPARE(d.interfaceList_->topLevelItem(1)->checkState(0), Qt::Checked);
        QTest::keyClick(d.interfaceList_, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), d.durable_);           // Safe writes, on
        QTest::keyClick(d.durable_, Qt::Key_Tab);
        QTest::keyClick(d.advancedToggle_, Qt::Key_Space);           // opens Advanced
        QVERIFY(d.advanced_->isVisible());
        QTest::keyClick(d.advancedToggle_, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), d.readOnly_);
        QTest::keyClick(d.readOnly_, Qt::Key_Space);
        QVERIFY(d.readOnly_->isChecked());
        // Return in the MAC field adds the address and does not submit.
        d.macEdit_->setFocus();
        QTest::keyClicks(d.macEdit_, QStringLiteral("52-54-00-00-00-07"));
        QTest::keyClick(d.macEdit_, Qt::Key_Return);
        QCOMPARE(d.macList_->count(), 1);
        QVERIFY(backend.addCalls.isEmpty());
        d.readOnly_->setFocus();
        QSignalSpy accepted(&d, &QDialog::accepted);
        QTest::keyClick(d.readOnly_, Qt::Key_Return);                // the default button
        QVERIFY2(backend.addCalls.size() == 1, qPrintable(d.fileError() + d.addressError() + d.interfaceError()
                                                          + d.advancedError() + d.submitError()));
        QCOMPARE(backend.addCalls[0].spec.slot, 1);
        QCOMPARE(backend.addCalls[0].spec.interfaces, QStringList{QStringLiteral("eth1")});
        QVERIFY(backend.addCalls[0].spec.readOnly);
        QCOMPARE(backend.addCalls[0].spec.allowedMacs, QStringList{QStringLiteral("52:54:00:00:00:07")});
        QTRY_COMPARE(accepted.count(), 1);
    }
};

}  // namespace qvblade::gui

QTEST_MAIN(qvblade::gui::TestExportDialog)
#include "tst_exportdialog.moc"
