// The German translation is complete and embedded, and the GUI shows it when loaded.
#include <QDomDocument>
#include <QFile>
#include <QHeaderView>
#include <QTableView>
#include <QTest>

#include "fakebackend.h"
#include "gui/exportsmodel.h"
#include "gui/mainwindow.h"
#include "gui/translations.h"

using namespace qvblade::gui;

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void germanIsComplete() {
        QFile ts(QStringLiteral(QVBLADE_SOURCE_DIR "/translations/qvblade_de.ts"));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        QDomDocument doc;
        QVERIFY(doc.setContent(&ts));
        const QDomNodeList messages = doc.elementsByTagName(QStringLiteral("message"));
        QVERIFY(messages.count() > 150);
        QStringList unfinished;
        for (int i = 0; i < messages.count(); ++i) {
            const QDomElement m = messages.at(i).toElement();
            const QDomElement t = m.firstChildElement(QStringLiteral("translation"));
            if (t.attribute(QStringLiteral("type")) == QLatin1String("unfinished") || t.text().isEmpty())
                unfinished << m.firstChildElement(QStringLiteral("source")).text();
        }
        QVERIFY2(unfinished.isEmpty(), qPrintable(QStringLiteral("untranslated: ") + unfinished.join(QStringLiteral(" | "))));
    }

    void embeddedAndApplied() {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/qvblade_de.qm")));
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/qvblade_en.qm")));
        QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
        {
            FakeBackend backend;
            MainWindow w(&backend);
            QCOMPARE(w.model()->headerData(ExportsModel::Size, Qt::Horizontal).toString(), QStringLiteral("Größe"));
            QCOMPARE(w.exportAction()->text(), QStringLiteral("Disk-Image &freigeben …"));
            QCOMPARE(helperStateText(HelperState::Running), QStringLiteral("Helfer läuft"));
        }
        QVERIFY(installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)));
        FakeBackend backend;
        MainWindow w(&backend);
        QCOMPARE(w.model()->headerData(ExportsModel::Size, Qt::Horizontal).toString(), QStringLiteral("Size"));
        // A language without a translation falls back to English.
        QVERIFY(!installTranslations(QLocale(QLocale::Japanese, QLocale::Japan)));
        QCOMPARE(helperStateText(HelperState::Running), QStringLiteral("Helper running"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
