// SPDX-License-Identifier: GPL-2.0-or-later
// No two live mnemonics (the underlined Alt+letter) clash: in each window (its visible buttons,
// labels with a buddy and menu bar titles) and in each menu, in English and in German. Alt+I that
// jumps to the image field in one language and to the allow-list in the next is a trap for
// keyboard users.
#include <QAbstractButton>
#include <QApplication>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMultiMap>
#include <QSettings>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "fakebackend.h"
#include "test_image.h"
#include "test_spec.h"
#include "gui/banners.h"
#include "gui/exportdetails.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/mainwindow.h"
#include "gui/teachingview.h"
#include "gui/translations.h"
#include "gui/trayicon.h"

namespace qvblade::gui {

namespace {
QChar mnemonicOf(const QString& text) {
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&')) continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

class Mnemonics {
public:
    explicit Mnemonics(QString where) : where_(std::move(where)) {}
    void note(const QString& text) {
        if (const QChar m = mnemonicOf(text); !m.isNull()) seen_.insert(m, text);
    }
    // "Export dialog: i: “&Image:”, “Only these &initiators”"
    QStringList clashes() const {
        QStringList out;
        for (const QChar& key : seen_.uniqueKeys()) {
            const QStringList texts = seen_.values(key);
            if (texts.size() < 2) continue;
            QStringList quoted;
            for (const QString& t : texts) quoted << QStringLiteral("“%1”").arg(QString(t).replace(QLatin1Char('\n'), QLatin1Char(' ')));
            out << QStringLiteral("%1: %2: %3").arg(where_, QString(key), quoted.join(QStringLiteral(", ")));
        }
        return out;
    }

private:
    QString where_;
    QMultiMap<QChar, QString> seen_;
};

// What Alt+letter reaches in `window`: its visible buttons, buddied labels, group boxes and
// menu bar titles (a widget of another window, e.g. a child dialog, does not count).
QStringList windowClashes(QWidget* window, const QString& where) {
    Mnemonics m(where);
    auto live = [window](QWidget* w) { return w->window() == window && w->isVisibleTo(window); };
    for (QAbstractButton* b : window->findChildren<QAbstractButton*>())
        if (live(b)) m.note(b->text());
    for (QLabel* l : window->findChildren<QLabel*>())
        if (live(l) && l->buddy()) m.note(l->text());
    for (QGroupBox* g : window->findChildren<QGroupBox*>())
        if (live(g)) m.note(g->title());
    if (auto* mw = qobject_cast<QMainWindow*>(window))
        for (QAction* a : mw->menuBar()->actions())
            if (a->isVisible()) m.note(a->text());
    return m.clashes();
}

QStringList menuClashes(const QMenu* menu, const QString& where) {
    Mnemonics m(where);
    for (QAction* a : menu->actions())
        if (a->isVisible() && !a->isSeparator()) m.note(a->text());
    return m.clashes();
}

// The menus of `window`'s menu bar, each checked, and their submenus.
QStringList menuBarClashes(QMainWindow* window) {
    QStringList out;
    for (QAction* a : window->menuBar()->actions())
        if (QMenu* menu = a->menu()) out << menuClashes(menu, QStringLiteral("menu %1").arg(a->text()));
    return out;
}

// Runs `open` (which shows a modal box or a popup and waits in its own event loop), checks
// whatever it put up, and closes it.
QStringList clashesInModal(const std::function<void()>& open, const QString& where) {
    QStringList out = {QStringLiteral("%1: nothing appeared").arg(where)};
    QTimer::singleShot(200, [&out, where] {
        if (auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget())) {
            out = menuClashes(menu, where);
            menu->close();
        } else if (QWidget* modal = QApplication::activeModalWidget()) {
            out = windowClashes(modal, where);
            if (auto* box = qobject_cast<QMessageBox*>(modal)) box->done(QMessageBox::Cancel);
            else modal->close();
        }
    });
    open();
    return out;
}
}  // namespace

class TestMnemonics : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

    ExportInfo exportOf(const QString& path, quint16 shelf, quint8 slot) {
        ExportInfo e;
        e.spec = specFor(shelf, slot, path);
        e.sizeBytes = quint64(QFileInfo(path).size());
        e.ownerUid = 1000;
        e.owner = QStringLiteral("tester");
        return e;
    }
    static RmemStatus lowRmem() {
        RmemStatus s;
        s.interface = QStringLiteral("eth0");
        s.mtu = 9000;
        s.requiredBytes = 278528;
        s.grantedBytes = s.rmemMax = s.rmemDefault = 212992;
        return s;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("qvblade-test"));
        QApplication::setApplicationName(QStringLiteral("tst_mnemonics"));
        QVERIFY(dir_.isValid());
    }
    void cleanupTestCase() { installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void noClashes_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("de") << QStringLiteral("de");
    }

    void noClashes() {
        QFETCH(QString, lang);
        QVERIFY(installTranslations(lang == QLatin1String("de") ? QLocale(QLocale::German, QLocale::Germany)
                                                                : QLocale(QLocale::English, QLocale::UnitedStates)));
        QSettings().clear();
        QStringList clashes;
        const QString image = makeTestImage(dir_, QStringLiteral("m.img"), 1 << 20);
        // Last session's export offered for restore, a receive buffer too small, one export served.
        rememberExports({specFor(7, 7, image)});
        FakeBackend backend;
        backend.setClient(1000, QStringLiteral("tester"));
        MainWindow w(&backend);
        backend.setExportsDirect({exportOf(image, 1, 1)});
        backend.setRmem({lowRmem()});
        w.setInterfaces({{QStringLiteral("eth0"), QStringLiteral("52:54:00:aa:bb:01"), 1500, true, true, false}});
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.restoreBanner()->isVisible());
        QVERIFY(w.rmemBanner()->isVisible());
        w.selectExport(1, 1);
        clashes << windowClashes(&w, QStringLiteral("main window")) << menuBarClashes(&w);
        clashes << clashesInModal([&w] {
            const QRect cell = w.table()->visualRect(w.table()->model()->index(0, ExportsModel::Name));
            emit w.table()->customContextMenuRequested(cell.center());
        }, QStringLiteral("context menu"));
        clashes << clashesInModal([&w] { w.removeExport(1, 1); }, QStringLiteral("remove confirmation"));
        clashes << clashesInModal([&w] { w.quitApplication(); }, QStringLiteral("quit question"));

        ExportDialog* dialog = w.openExportDialog();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        ExportSpec missing = specFor(0, 0, dir_.filePath(QStringLiteral("not-there.img")));
        missing.readOnly = true;   // opens Advanced
        dialog->setSpec(missing);  // the "create it" row shows too
        clashes << windowClashes(dialog, QStringLiteral("export dialog"));
        // The Ceph RBD source in place of the file rows (Advanced still open).
        ExportSpec rbd = missing;
        rbd.rbd = RbdImageSpec{};
        dialog->setSpec(rbd);
        clashes << windowClashes(dialog, QStringLiteral("export dialog, Ceph RBD image"));
        dialog->close();

        ExportDetailsDialog* details = w.openDetails(1, 1);
        QVERIFY(details && QTest::qWaitForWindowExposed(details));
        clashes << windowClashes(details, QStringLiteral("export details"));
        details->close();

        TeachingView* view = w.openTeachingView();
        clashes << windowClashes(view, QStringLiteral("teaching view"));
        view->close();

        TrayIcon tray(&w, &backend);
        clashes << menuClashes(tray.menu(), QStringLiteral("tray menu"));
        clashes << menuClashes(tray.notificationsMenu(), QStringLiteral("tray notifications menu"));

        // The helper not running: its banner's button instead of the others.
        backend.setState(HelperState::NotRunning);
        QVERIFY(w.helperBanner()->isVisible());
        clashes << windowClashes(&w, QStringLiteral("main window, helper not running"));
        backend.setState(HelperState::Died, QStringLiteral("It crashed."));
        clashes << windowClashes(&w, QStringLiteral("main window, helper stopped"));

        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }
};

}  // namespace qvblade::gui

QTEST_MAIN(qvblade::gui::TestMnemonics)
#include "tst_mnemonics.moc"
