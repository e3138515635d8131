// SPDX-License-Identifier: GPL-2.0-or-later
// What the helper and the system say, in the user's words: a failed request's reason as the GUI
// shows it. Polkit action ids, libpcap's and the socket layer's phrases ("recv failed when
// changing filter: Network is down") become a sentence that says what is wrong and what to do;
// anything else is shown as it came, as a sentence (capital letter, full stop).
#pragma once

#include <QString>

namespace qvblade::gui {

QString userMessage(const QString& raw);

// What a polkit action lets the user do ("export disks"), for sentences about a refusal.
QString actionDescription(const QString& actionId);

// "the helper closed the connection" -> "The helper closed the connection."
QString asSentence(const QString& text);

}  // namespace qvblade::gui
