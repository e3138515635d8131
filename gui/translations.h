// SPDX-License-Identifier: GPL-2.0-or-later
// Loads the embedded translation of qvblade (and Qt's own) for a locale.
#pragma once

#include <QLocale>

namespace qvblade::gui {

// Installs the translators for `locale` on the application, replacing earlier ones. Returns
// false when qvblade has no translation for it (English is built in).
bool installTranslations(const QLocale& locale);

}  // namespace qvblade::gui
