// SPDX-License-Identifier: GPL-2.0-or-later
// The window over the build tree's helper started on a socketpair, as root starts it (no
// pkexec), shown and started; counters fold into the table every 250 ms. Needs
// QVBLADE_HELPER_BIN. Used by tst_helper_e2e and tst_demo_e2e.
#pragma once

#include "gui/exportsmodel.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"

namespace qvblade::test {

struct HelperWindow {
    // `logPath`: the helper's standard error.
    explicit HelperWindow(const QString& logPath)
        : backend({QString(), {QStringLiteral(QVBLADE_HELPER_BIN), QStringLiteral("--stdio")}, logPath}), window(&backend) {
        window.model()->setRefreshInterval(250);
        window.show();
        backend.start();
    }
    gui::HelperBackend backend;
    gui::MainWindow window;   // after the backend: destroyed first
};

}  // namespace qvblade::test
