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
    if (!ours->load(locale, QStringLiteral("qvblade"), QStringLiteral("_"), QStringLiteral(":/i18n"))) return false;
    QCoreApplication::installTranslator(ours);
    return true;
}

}  // namespace qvblade::gui
