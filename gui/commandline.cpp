// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstring>

#include "privhelper/protocol/protocol.h"

namespace qvblade::gui {

void describeCommandLine(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine",
                                    "Exports disk images and block devices over ATA over Ethernet (AoE), through "
                                    "qvblade's privileged helper.\n"
                                    "\n"
                                    "Environment:\n"
                                    "  QVBLADE_HELPER_SOCKET   the socket of a running helper (default %1)\n"
                                    "  QVBLADE_HELPER_COMMAND  the command that starts a helper (default: pkexec %2 --stdio "
                                    "--serve-socket)")
            .arg(QString::fromLatin1(helper::kDefaultSocketPath), QStringLiteral(QVBLADE_HELPER_PATH)));
    parser.addHelpOption();
    parser.addVersionOption();
}

bool asksOnlyForText(int argc, char** argv) {
    // Not --help-all: it lists the GUI's own Qt options, which only a QApplication knows.
    for (int i = 1; i < argc; ++i)
        for (const char* option : {"-h", "-?", "--help", "-v", "--version"})
            if (std::strcmp(argv[i], option) == 0) return true;
    return false;
}

}  // namespace qvblade::gui
