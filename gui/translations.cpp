// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace qvblade::gui {

bool installTranslations(const QLocale& locale) {
    static QTranslator* ours = nullptr;
    static QTranslator* qt = nullptr;
    for (QTranslator** t : {&ours, &qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    QLocale::setDefault(locale);
    qt = new QTranslator;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    ours = new QTranslator;
    // qt_add_translations embeds qvblade_<lang>.qm under :/i18n.
    if (!ours->load(locale, QStringLiteral("qvblade"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        // No translation for this language (or the C locale): English, whose .qm holds the
        // plural forms ("1 export", "2 exports") that the sources write as "%n export(s)".
        if (ours->load(QStringLiteral(":/i18n/qvblade_en.qm"))) QCoreApplication::installTranslator(ours);
        return false;
    }
    QCoreApplication::installTranslator(ours);
    return true;
}

}  // namespace qvblade::gui
