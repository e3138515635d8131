// SPDX-License-Identifier: GPL-2.0-or-later
// An ExportSpec for GUI tests: an address, a path and eth0, the rest default.
#pragma once

#include "gui/exportbackend.h"

namespace qvblade::gui {

inline ExportSpec specFor(quint16 shelf, quint8 slot, const QString& path) {
    ExportSpec s;
    s.shelf = shelf;
    s.slot = slot;
    s.path = path;
    s.interfaces = {QStringLiteral("eth0")};
    return s;
}

}  // namespace qvblade::gui
