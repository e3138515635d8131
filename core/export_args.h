// SPDX-License-Identifier: GPL-2.0-or-later
// vblade's command-line grammar for one export, shared by qvblade-cli's arguments and its
// --config files:  [-b count] [-d] [-s] [-r] [-m mac[,mac...]] [-o sectors] [-l sectors]
//                  [--allow-shared-address] [--ceph-conf F] [--ceph-id NAME] [--keyring F]
//                  [--ceph-osd-timeout S] shelf slot netif[,netif...] file
// where file may be a Ceph RBD image, rbd:POOL/IMAGE[@SNAPSHOT] (core/rbd_spec.h, docs/rbd.md).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/export_target.h"

namespace qvblade {

constexpr const char* kExportUsage =
    "[-b bufcnt] [-o offset] [-l length] [-d] [-s] [-r] [-m mac[,mac...]] [--allow-shared-address] shelf slot netif filename";
constexpr const char* kAllowSharedAddress = "--allow-shared-address";
// The export options that take a value and start with "--" (the Ceph cluster of an rbd: image).
bool isExportValueOption(const std::string& arg);

// A whole string as an unsigned number (base 0, as vblade's strtoll: 0x hex, leading-0 octal);
// nullopt for signs, trailing characters or overflow.
std::optional<uint64_t> parseUnsigned(const std::string& s, int base = 0);

// Parses vblade's flags and positionals from `args` (options may come before or after the
// positionals, as GNU getopt allows). Unknown options and malformed values are errors.
std::optional<ExportSettings> parseExportArgs(const std::vector<std::string>& args, std::string& error);

// Parses a --config file: one export per line in the grammar above, split into words as the
// shell would ('single' and "double" quotes, backslash escapes), '#' at the start of a word
// starts a comment, blank lines are ignored. Errors name the line.
std::optional<std::vector<ExportSettings>> parseExportConfig(const std::string& text, std::string& error);

// The command line that reproduces `settings` (for logs and the GUI's "copy command"); a file
// name with spaces or shell characters is quoted, so the line also works in a --config file.
std::string formatExportArgs(const ExportSettings& settings);

// One line split into words by the quoting rules above; nullopt and a reason on unmatched quotes.
std::optional<std::vector<std::string>> splitShellWords(const std::string& line, std::string& error);
// `word` quoted for a POSIX shell (unchanged when it needs no quoting).
std::string shellQuote(const std::string& word);

}  // namespace qvblade
