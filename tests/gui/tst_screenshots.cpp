// SPDX-License-Identifier: GPL-2.0-or-later
// Renders the main window, the export dialog, the teaching view, the Network window and the tray menu in English
// and German on a real X server (Xvfb, with trayer as the system tray) and saves them under
// docs/screenshots/; the main window and the dialog also on a dark palette and, run with
// QT_SCALE_FACTOR=2 (gui.tst_screenshots_scale2), at scale factor 2. Every window has the size
// it gives itself. The content is fixed demo data from the fake backend, so the pictures only
// change when the GUI does.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QScreen>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QToolButton>

#include "dark_palette.h"
#include "fakebackend.h"
#include "gui/exportdetails.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/mainwindow.h"
#include "gui/networkview.h"
#include "gui/teachingview.h"
#include "gui/translations.h"
#include "gui/trayicon.h"
#include "tests/gui/aoe_frames.h"

using namespace qvblade::gui;

namespace {
const QString kImages = QStringLiteral("/tmp/qvblade-screenshots");

QList<NetInterface> demoInterfaces() {
    return {{QStringLiteral("enp3s0"), QStringLiteral("52:54:00:3a:10:01"), 9000, true, true, false},
            {QStringLiteral("enp4s0"), QStringLiteral("52:54:00:3a:10:02"), 1500, true, true, false},
            {QStringLiteral("wlp2s0"), QStringLiteral("52:54:00:3a:10:03"), 1500, true, false, false}};
}

ExportInfo demoExport(quint16 shelf, quint8 slot, const QString& file, quint64 gib, const QStringList& initiators) {
    ExportInfo e;
    e.spec.shelf = shelf;
    e.spec.slot = slot;
    e.spec.path = kImages + QLatin1Char('/') + file;
    e.spec.interfaces = {QStringLiteral("enp3s0")};
    e.sizeBytes = gib << 30;
    e.initiators = initiators;
    e.owner = QStringLiteral("alice");
    e.ownerUid = 1000;
    return e;
}

// Another user's export as alice's GUI gets it: no file, interfaces, options or initiators.
ExportInfo othersExport(quint16 shelf, quint8 slot, quint64 gib) {
    ExportInfo e;
    e.spec.shelf = shelf;
    e.spec.slot = slot;
    e.sizeBytes = gib << 30;
    e.owner = QStringLiteral("bob");
    e.ownerUid = 1001;
    e.detailsHidden = true;
    return e;
}

// Real frames (the teaching view decodes their bytes), with the helper's one-line details.
QList<FrameSummary> demoFrames() {
    using namespace qvblade;
    using namespace qvblade::test;
    QList<FrameSummary> out;
    qint64 t = QDateTime(QDate(2026, 11, 25), QTime(14, 3, 7)).toMSecsSinceEpoch() * 1000;
    auto add = [&](const std::vector<uint8_t>& frame, bool reply, const QString& detail, size_t length = 0) {
        t += reply ? 61 : 137;
        FrameSummary f = summaryOf(frame, reply, t, length);
        f.detail = detail;
        out << f;
    };
    add(configFrame(0x80000001, false), false, QStringLiteral("read config"));
    add(configFrame(0x80000001, true, "lab disk"), true, QStringLiteral("read config, buffers 16, 17 sectors/frame"));
    const auto identify = ataFrame(0x00010002, ata::kIdentifyDevice, 0, 1);
    add(identify, false, QStringLiteral("IDENTIFY DEVICE"));
    add(ataReply(identify, ata::kStatusDrdy, 0, 512), true, QStringLiteral("status 0x40"));
    for (quint32 i = 0; i < 14; ++i) {
        const auto read = ataFrame(0x00010003 + i, ata::kReadSectorsExt, i * 17, 17);
        add(read, false, QStringLiteral("READ SECTORS EXT lba %1 count 17").arg(i * 17));
        add(ataReply(read, ata::kStatusDrdy, 0, 17 * 512), true, QStringLiteral("status 0x40"));
    }
    const auto write = ataFrame(0x00010020, ata::kWriteSectorsExt, 2048, 8, 8 * 512);
    add(write, false, QStringLiteral("WRITE SECTORS EXT lba 2048 count 8"));
    add(ataReply(write), true, QStringLiteral("status 0x40"));
    const auto beyond = ataFrame(0x00010021, ata::kReadSectorsExt, 1ull << 40, 1);
    add(beyond, false, QStringLiteral("READ SECTORS EXT lba 1099511627776 count 1"));
    add(ataReply(beyond, ata::kStatusDrdy | ata::kStatusErr, ata::kErrAbrt), true, QStringLiteral("status 0x41 error 0x04"));
    return out;
}

void save(const QPixmap& pixmap, const QString& name) {
    const QString dir = QStringLiteral(QVBLADE_SOURCE_DIR "/docs/screenshots");
    QDir().mkpath(dir);
    QVERIFY2(!pixmap.isNull(), qPrintable(name));
    QVERIFY2(pixmap.save(dir + QLatin1Char('/') + name), qPrintable(name));
}
}  // namespace

class TestScreenshots : public QObject {
    Q_OBJECT
private:
    QProcess trayer_;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(QGuiApplication::platformName() == QLatin1String("xcb"),
                 "run under Xvfb with the xcb platform (ctest does: xvfb-run)");
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        QDir().mkpath(kImages);
        for (const QString& f : {QStringLiteral("debian-12.img"), QStringLiteral("scratch.img"), QStringLiteral("win10.img")}) {
            QFile file(kImages + QLatin1Char('/') + f);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize(qint64(8) << 30));
        }
        // A real system tray on the X server.
        trayer_.start(QStringLiteral("trayer"), {QStringLiteral("--edge"), QStringLiteral("top"), QStringLiteral("--align"),
                                                 QStringLiteral("right"), QStringLiteral("--widthtype"), QStringLiteral("request"),
                                                 QStringLiteral("--height"), QStringLiteral("28"), QStringLiteral("--tint"),
                                                 QStringLiteral("0x303030"), QStringLiteral("--transparent"), QStringLiteral("true"),
                                                 QStringLiteral("--alpha"), QStringLiteral("0")});
        QVERIFY2(trayer_.waitForStarted(5000), "trayer did not start (apt-get install trayer)");
        QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 10000);
    }

    void cleanupTestCase() {
        trayer_.terminate();
        trayer_.waitForFinished(3000);
        QDir(kImages).removeRecursively();
    }

    void screenshots_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<bool>("dark");
        if (qEnvironmentVariable("QT_SCALE_FACTOR") == QLatin1String("2")) {
            QTest::newRow("scale2") << QStringLiteral("en") << false;
            return;
        }
        QTest::newRow("en") << QStringLiteral("en") << false;
        QTest::newRow("de") << QStringLiteral("de") << false;
        QTest::newRow("dark") << QStringLiteral("en") << true;
    }

    void screenshots() {
        QFETCH(QString, lang);
        QFETCH(bool, dark);
        const QString variant = QString::fromLatin1(QTest::currentDataTag());
        // Only English and German show everything; the others show what they are about.
        const bool full = variant == QLatin1String("en") || variant == QLatin1String("de");
        QApplication::setPalette(dark ? darkTestPalette() : QApplication::style()->standardPalette());
        const QLocale locale(lang == QLatin1String("de") ? QLocale::German : QLocale::English,
                             lang == QLatin1String("de") ? QLocale::Germany : QLocale::UnitedStates);
        installTranslations(locale);

        FakeBackend backend;
        backend.setClient(1000, QStringLiteral("alice"));
        backend.setExportsDirect({demoExport(9, 0, QStringLiteral("debian-12.img"), 8, {QStringLiteral("52:54:00:12:34:56")}),
                                  demoExport(9, 1, QStringLiteral("scratch.img"), 8, {}),
                                  demoExport(1, 0, QStringLiteral("win10.img"), 8,
                                             {QStringLiteral("52:54:00:12:34:57"), QStringLiteral("52:54:00:12:34:58")}),
                                  othersExport(2, 0, 16)});
        RmemStatus rmem;
        rmem.interface = QStringLiteral("enp3s0");
        rmem.mtu = 9000;
        rmem.requiredBytes = 278528;
        rmem.grantedBytes = 212992;
        rmem.rmemMax = rmem.rmemDefault = 212992;
        backend.setRmem({rmem});

        MainWindow w(&backend);
        w.setInterfaces(demoInterfaces());
        w.setTrayAvailable(true);
        w.model()->setRefreshInterval(0);
        for (int i = 0; i <= 60; ++i) {
            const double wave = 0.5 + 0.5 * std::sin(i / 6.0);
            QList<CounterSample> samples;
            for (int e = 0; e < 3; ++e) {
                CounterSample s;
                s.shelf = e == 2 ? 1 : 9;
                s.slot = e == 1 ? 1 : 0;
                s.msecs = 1000 + i * 500;
                const quint64 base = quint64(i) * (e == 0 ? 9000 : e == 2 ? 3000 : 0);
                s.framesIn = s.framesOut = base + quint64(wave * 1000 * (e == 1 ? 0 : 1));
                s.bytesIn = quint64(i) * (e == 0 ? 40000000ull : e == 2 ? 9000000ull : 0) + quint64(wave * 30000000 * (e == 0));
                s.bytesOut = s.bytesIn / 3;
                s.drops = e == 0 ? 12 : 0;
                samples << s;
            }
            backend.pushCounters(samples);
            w.model()->refresh();
        }
        w.selectExport(9, 0);
        w.resize(w.defaultSize());   // what a first start looks like (no remembered geometry)
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(200);
        save(w.grab(), QStringLiteral("main-window-%1.png").arg(variant));

        ExportDialog* dialog = w.openExportDialog();
        dialog->setSpec([] {
            ExportSpec s;
            s.shelf = 9;
            s.slot = 1;   // taken: the inline message shows
            s.path = kImages + QStringLiteral("/debian-12.img");
            s.interfaces = {QStringLiteral("enp3s0")};
            s.allowedMacs = {QStringLiteral("52:54:00:12:34:56")};
            s.readOnly = true;
            s.durable = true;   // as a new export has it
            return s;
        }());
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QTest::qWait(200);
        QVERIFY(!dialog->addressError().isEmpty());
        if (variant == QLatin1String("scale2")) {
            // With Advanced open: taller than 800×500 logical pixels, so its options scroll.
            for (QToolButton* b : dialog->findChildren<QToolButton*>())
                if (b->isCheckable() && !b->isChecked()) b->click();
            QTest::qWait(200);
            QVERIFY(dialog->frameGeometry().height() <= dialog->screen()->availableGeometry().height());
        }
        // No wrapped paragraph squeezed into fewer lines than it needs (German's are longer).
        for (QLabel* label : dialog->findChildren<QLabel*>())
            if (label->isVisible() && label->wordWrap() && !label->text().isEmpty())
                QVERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->text().left(40)));
        save(dialog->grab(), QStringLiteral("export-dialog-%1.png").arg(variant));
        dialog->close();
        if (!full) return;

        TeachingView* view = w.openTeachingView();
        view->model()->setTickInterval(0);
        backend.pushFrames(demoFrames());
        backend.pushSampling(169000, 50, 1.0);
        view->model()->flush();
        QVERIFY(QTest::qWaitForWindowExposed(view));   // at its default size
        // The failed read's reply, its status field selected: decoded, its byte highlighted.
        view->selectFrame(view->model()->rowCount() - 1);
        for (QTreeWidgetItemIterator it(view->fieldTree()); *it; ++it)
            if ((*it)->text(0) == QLatin1String("Cmd/Status")) view->fieldTree()->setCurrentItem(*it);
        QTest::qWait(200);
        save(view->grab(), QStringLiteral("teaching-view-%1.png").arg(variant));
        view->close();

        // The Network window: what an initiator on enp3s0 finds, ours in bold, a conflict in red.
        auto target = [](quint16 shelf, quint8 slot, const QString& mac, int buffers, const QString& config, bool ours) {
            NetworkTarget t;
            t.interface = QStringLiteral("enp3s0");
            t.shelf = shelf;
            t.slot = slot;
            t.mac = mac;
            t.bufferCount = buffers;
            t.firmware = 0x4019;
            t.sectorsPerFrame = 17;
            t.configString = config;
            t.ours = ours;
            return t;
        };
        backend.setNetwork(QStringLiteral("enp3s0"),
                           {target(1, 0, QStringLiteral("52:54:00:3a:10:01"), 16, {}, true),
                            target(3, 0, QStringLiteral("00:25:90:4c:1e:22"), 64, QStringLiteral("san1 lun0"), false),
                            target(3, 1, QStringLiteral("00:25:90:4c:1e:22"), 64, QStringLiteral("san1 lun1"), false),
                            target(5, 5, QStringLiteral("52:54:00:3b:77:02"), 16, QStringLiteral("lab disk"), false),
                            target(5, 5, QStringLiteral("52:54:00:9e:01:c4"), 16, QStringLiteral("old lab disk"), false),
                            target(9, 0, QStringLiteral("52:54:00:3a:10:01"), 16, {}, true),
                            target(9, 1, QStringLiteral("52:54:00:3a:10:01"), 16, {}, true)});
        NetworkView* network = w.openNetworkView();
        network->setRefreshInterval(3600 * 1000);
        network->interfaceBox()->setCurrentText(QStringLiteral("enp3s0"));
        network->resize(900, 330);
        QVERIFY(QTest::qWaitForWindowExposed(network));
        QTRY_COMPARE(network->model()->rowCount(), 7);
        QTest::qWait(200);
        save(network->grab(), QStringLiteral("network-view-%1.png").arg(lang));
        network->close();

        // An export's details: what the initiators did and set.
        CounterSample detail;
        detail.shelf = 9;
        detail.slot = 0;
        detail.msecs = 40000;
        detail.framesIn = detail.framesOut = 1284113;
        detail.bytesIn = 1251221504;
        detail.bytesOut = 417073834;
        detail.ataReads = 903117;
        detail.ataWrites = 380950;
        detail.sectorsRead = 1806234;
        detail.flushes = 46;
        detail.errors = 2;
        detail.ioErrors = 0;
        detail.drops = 12;
        detail.aoeErrors = {0, 0, 2, 0, 0, 0, 0};
        detail.initiators = {QStringLiteral("52:54:00:12:34:56")};
        detail.details.known = true;
        detail.details.configString = QStringLiteral("lab disk");
        detail.details.maskList = {QStringLiteral("52:54:00:12:34:56")};
        detail.details.initiatorsSeen = {{QStringLiteral("52:54:00:12:34:56"), 1764748800, 1764752400}};
        backend.pushCounters({detail});
        ExportDetailsDialog* details = w.openDetails(9, 0);
        QVERIFY(details);
        QVERIFY(QTest::qWaitForWindowExposed(details));
        QTest::qWait(200);
        save(details->grab(), QStringLiteral("export-details-%1.png").arg(lang));
        details->close();

        TrayIcon tray(&w, &backend);
        tray.trayIcon()->show();
        QTRY_VERIFY_WITH_TIMEOUT(tray.trayIcon()->geometry().isValid() && tray.trayIcon()->geometry().width() > 0, 10000);
        w.hide();
        QTest::qWait(500);   // trayer lays out the new icon
        const QRect icon = tray.trayIcon()->geometry();
        qInfo() << "tray icon at" << icon;
        tray.menu()->popup(QPoint(icon.right() - tray.menu()->sizeHint().width(), icon.bottom() + 2));
        QVERIFY(QTest::qWaitForWindowExposed(tray.menu()));
        QTest::qWait(300);
        const QRect area = icon.united(tray.menu()->geometry()).adjusted(-8, -4, 8, 8);
        save(QGuiApplication::primaryScreen()->grabWindow(0, area.x(), area.y(), area.width(), area.height()),
             QStringLiteral("tray-menu-%1.png").arg(variant));
        tray.menu()->hide();
        w.hide();
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
