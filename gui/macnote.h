// SPDX-License-Identifier: GPL-2.0-or-later
// The one line shown wherever a Mac Mask List is set (the export dialog's Advanced part, an
// export's details): AoE has no authentication, and the list is no protection against a forged
// MAC. Its link opens the man page's SECURITY section through QDesktopServices.
#pragma once

class QLabel;
class QWidget;

namespace qvblade::gui {

inline constexpr const char* kMacNoteLink = "man:qvblade-cli(8)";

// A word-wrapped label (object name "macSecurityNote") whose link opens kMacNoteLink.
QLabel* makeMacSecurityNote(QWidget* parent = nullptr);

}  // namespace qvblade::gui
