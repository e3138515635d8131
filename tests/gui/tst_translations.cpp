// SPDX-License-Identifier: GPL-2.0-or-later
// The German translation is complete and embedded, and the GUI shows it when loaded.
#include <QDomDocument>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTableView>
#include <QTest>

#include "fakebackend.h"
#include "gui/exportsmodel.h"
#include "gui/mainwindow.h"
#include "gui/translations.h"

using namespace qvblade::gui;

namespace {
// context + source of every message in a .ts file
QSet<QString> sourcesOf(const QString& path) {
    QSet<QString> out;
    QFile f(path);
    QDomDocument doc;
    if (!f.open(QIODevice::ReadOnly) || !doc.setContent(&f)) return out;
    const QDomNodeList contexts = doc.elementsByTagName(QStringLiteral("context"));
    for (int c = 0; c < contexts.count(); ++c) {
        const QString name = contexts.at(c).firstChildElement(QStringLiteral("name")).text();
        for (QDomElement m = contexts.at(c).firstChildElement(QStringLiteral("message")); !m.isNull();
             m = m.nextSiblingElement(QStringLiteral("message")))
            out << name + QLatin1Char('|') + m.firstChildElement(QStringLiteral("source")).text();
    }
    return out;
}
}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void tsFilesHaveEveryString() {
        // lupdate over the sources now must find exactly the strings the .ts files hold.
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(QVBLADE_LUPDATE), {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                                                        QStringLiteral("-I"), QStringLiteral(QVBLADE_SOURCE_DIR),
                                                        QStringLiteral(QVBLADE_SOURCE_DIR "/gui"), QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QSet<QString> now = sourcesOf(fresh);
        QVERIFY(now.size() > 150);
        for (const char* name : {"qvblade_de.ts", "qvblade_en.ts"}) {
            const QSet<QString> committed = sourcesOf(QStringLiteral(QVBLADE_SOURCE_DIR "/translations/") + QLatin1String(name));
            QVERIFY2(committed.contains(now), qPrintable(QStringLiteral("%1 lacks: %2 (run the update_translations target)")
                                                             .arg(QLatin1String(name), QStringList((now - committed).values()).join(QStringLiteral(" | ")))));
        }
    }

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
            const QString type = t.attribute(QStringLiteral("type"));
            if (type == QLatin1String("vanished") || type == QLatin1String("obsolete")) continue;
            if (type == QLatin1String("unfinished") || t.text().isEmpty())
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
