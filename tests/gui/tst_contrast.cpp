// SPDX-License-Identifier: GPL-2.0-or-later
// Colours on a light and a dark palette: every banner's text, the inline error text and the
// rmem banner's error have WCAG AA contrast (4.5:1) on what they are drawn on, banners take
// their colours from the theme (dark on a dark one), and the throughput graph's line has 3:1
// against the graph's background.
#include <QApplication>
#include <QLabel>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

#include "dark_palette.h"
#include "fakebackend.h"
#include "test_image.h"
#include "test_spec.h"
#include "gui/banners.h"
#include "gui/colors.h"
#include "gui/exportdialog.h"
#include "gui/mainwindow.h"
#include "gui/throughputgraph.h"

namespace qvblade::gui {

namespace {
QString ratio(const QColor& a, const QColor& b) {
    return QStringLiteral("%1 on %2: %3:1").arg(a.name(), b.name()).arg(contrastRatio(a, b), 0, 'f', 2);
}
}  // namespace

class TestContrast : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("qvblade-test"));
        QApplication::setApplicationName(QStringLiteral("tst_contrast"));
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QVERIFY(dir_.isValid());
    }

    void contrastRatioIsWcags() {
        QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
        QCOMPARE(contrastRatio(Qt::white, Qt::white), 1.0);
        QVERIFY(qAbs(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);   // WCAG's own example
        QVERIFY(contrastRatio(withContrast(QColor(0xc0, 0x1c, 0x28), QColor(0x2d, 0x2d, 0x2d), 4.5), QColor(0x2d, 0x2d, 0x2d)) >= 4.5);
    }

    void readableOnLightAndDark_data() {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void readableOnLightAndDark() {
        QFETCH(bool, dark);
        QApplication::setPalette(dark ? darkTestPalette() : QApplication::style()->standardPalette());
        QSettings().clear();
        const QString image = makeTestImage(dir_, QStringLiteral("c.img"), 1 << 20);
        rememberExports({specFor(7, 7, image)});
        FakeBackend backend;
        MainWindow w(&backend);
        w.setInterfaces({{QStringLiteral("eth0"), QStringLiteral("52:54:00:aa:bb:01"), 1500, true, true, false}});
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ExportInfo e;
        e.spec = specFor(1, 1, image);
        backend.setExportsDirect({e});   // the restore offer (info)
        RmemStatus rmem;
        rmem.interface = QStringLiteral("eth0");
        rmem.mtu = 9000;
        rmem.requiredBytes = 278528;
        rmem.grantedBytes = rmem.rmemMax = rmem.rmemDefault = 212992;
        backend.setRmem({rmem});         // warning
        backend.pushConflict(QStringLiteral("e1.1"), QStringLiteral("52:54:00:12:34:56"), false);   // error
        w.showError(QStringLiteral("Pausing e1.1 failed: No such export."));                        // error
        w.rmemBanner()->showResult(QStringLiteral("The limit was not changed: not allowed."), true);

        QStringList failures;
        const QColor window = QApplication::palette().color(QPalette::Window);
        for (Banner* banner : w.findChildren<Banner*>()) {
            if (!banner->isVisible()) continue;
            const QColor background = banner->palette().color(QPalette::Window);
            for (QLabel* label : banner->findChildren<QLabel*>()) {
                if (!label->isVisible() || label->text().isEmpty()) continue;
                const QColor text = label->palette().color(QPalette::WindowText);
                if (contrastRatio(text, background) < kTextContrast)
                    failures << QStringLiteral("%1 “%2”: %3").arg(QString::fromLatin1(banner->metaObject()->className()),
                                                                 label->text().left(40), ratio(text, background));
            }
            // The theme's colours, tinted: dark on a dark theme, light on a light one.
            if ((relativeLuminance(background) < 0.18) != (relativeLuminance(window) < 0.18))
                failures << QStringLiteral("%1 background %2 on a window of %3")
                                .arg(QString::fromLatin1(banner->metaObject()->className()), background.name(), window.name());
        }
        QVERIFY(w.rmemBanner()->resultLabel()->isVisible());
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));

        // The dialog's inline error.
        ExportDialog* dialog = w.openExportDialog();
        dialog->setSpec(specFor(1, 1, image));   // taken: an error at the address
        QVERIFY(!dialog->addressError().isEmpty());
        for (QLabel* label : dialog->findChildren<QLabel*>()) {
            if (label->text() != dialog->addressError()) continue;
            const QColor text = label->palette().color(QPalette::WindowText);
            const QColor background = dialog->palette().color(QPalette::Window);
            QVERIFY2(contrastRatio(text, background) >= kTextContrast, qPrintable(ratio(text, background)));
            QVERIFY2(text.red() > text.green() && text.red() > text.blue(), qPrintable(text.name()));   // still red
        }
        dialog->close();

        // The graph: its line stands out from its background, on a drawn picture.
        ThroughputGraph graph;
        QList<double> history;
        for (int i = 0; i < 60; ++i) history << 5 + 5 * std::sin(i / 5.0);
        graph.setHistory(QStringLiteral("e1.1"), history);
        graph.resize(400, 120);
        const QImage picture = graph.grab().toImage();
        const QColor base = graph.palette().color(QPalette::Base);
        int visible = 0;
        for (int y = 0; y < picture.height(); ++y)
            for (int x = 0; x < picture.width(); ++x)
                visible += contrastRatio(picture.pixelColor(x, y), base) >= kGraphicContrast;
        QVERIFY2(visible > 300, qPrintable(QStringLiteral("%1 pixels with 3:1 against %2").arg(visible).arg(base.name())));
        QVERIFY(contrastRatio(throughputColor(graph.palette()), base) >= kGraphicContrast);
    }
};

}  // namespace qvblade::gui

QTEST_MAIN(qvblade::gui::TestContrast)
#include "tst_contrast.moc"
