// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/macnote.h"

#include <QCoreApplication>
#include <QDesktopServices>
#include <QLabel>
#include <QUrl>

#include "gui/inlinemessage.h"

namespace qvblade::gui {

QLabel* makeMacSecurityNote(QWidget* parent) {
    // Sized to the lines its text needs at its width (a plain wrapped QLabel in a form row gets a
    // blank line or two above it).
    auto* note = new InlineMessage(parent);
    note->setObjectName(QStringLiteral("macSecurityNote"));
    note->setWordWrap(true);
    note->setTextFormat(Qt::RichText);
    note->setText(QCoreApplication::translate("MacSecurityNote",
                                              "AoE has no authentication: this list is not security, a MAC address is forged "
                                              "with one command. <a href=\"%1\">Why (qvblade-cli(8))</a>")
                      .arg(QString::fromLatin1(kMacNoteLink)));
    // Opened here rather than by the label: a test can watch the link, and man: URLs go to the
    // desktop's handler (yelp, khelpcenter) where there is one.
    note->setOpenExternalLinks(false);
    note->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    QObject::connect(note, &QLabel::linkActivated, note, [](const QString& link) { QDesktopServices::openUrl(QUrl(link)); });
    return note;
}

}  // namespace qvblade::gui
