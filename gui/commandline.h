// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade's command line: --help and --version (QCommandLineParser, translated), and the
// environment variables that point the GUI at another helper, described in the help.
#pragma once

class QCommandLineParser;

namespace qvblade::gui {

// Adds the options and the translated description to `parser`.
void describeCommandLine(QCommandLineParser& parser);

// True when the arguments ask only for text (help or version): then no display is needed.
bool asksOnlyForText(int argc, char** argv);

}  // namespace qvblade::gui
