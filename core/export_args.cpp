// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/export_args.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace qvblade {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(s);
    while (std::getline(in, part, sep)) parts.push_back(part);
    return parts;
}

constexpr const char* kCephConf = "--ceph-conf";
constexpr const char* kCephId = "--ceph-id";
constexpr const char* kKeyring = "--keyring";
constexpr const char* kCephOsdTimeout = "--ceph-osd-timeout";
constexpr const char* kValueOptions[] = {kCephConf, kCephId, kKeyring, kCephOsdTimeout};

}  // namespace

bool isExportValueOption(const std::string& arg) {
    for (const char* o : kValueOptions) {
        const std::string opt = o;
        if (arg == opt || arg.rfind(opt + "=", 0) == 0) return true;
    }
    return false;
}

std::optional<uint64_t> parseUnsigned(const std::string& s, int base) {
    if (s.empty() || s[0] == '-' || s[0] == '+') return std::nullopt;
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(s.c_str(), &end, base);
    if (errno || *end != '\0') return std::nullopt;
    return v;
}

std::optional<ExportSettings> parseExportArgs(const std::vector<std::string>& args, std::string& error) {
    ExportSettings s;
    std::vector<std::string> positional;
    std::string cephOption;   // the first Ceph option given: only for rbd: images
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            positional.insert(positional.end(), args.begin() + long(i) + 1, args.end());
            break;
        }
        if (a.size() < 2 || a[0] != '-') {
            positional.push_back(a);
            continue;
        }
        if (a == kAllowSharedAddress) {
            s.allowSharedAddress = true;
            continue;
        }
        if (isExportValueOption(a)) {
            // --opt VALUE or --opt=VALUE
            const size_t eq = a.find('=');
            const std::string opt = a.substr(0, eq);
            std::string value;
            if (eq != std::string::npos) value = a.substr(eq + 1);
            else if (++i < args.size()) value = args[i];
            else { error = "option " + opt + " needs a value"; return std::nullopt; }
            if (value.empty()) { error = opt + ": empty value"; return std::nullopt; }
            if (cephOption.empty()) cephOption = opt;
            if (opt == kCephConf) s.ceph.confFile = value;
            else if (opt == kCephId) s.ceph.id = value.rfind("client.", 0) == 0 ? value.substr(7) : value;
            else if (opt == kKeyring) s.ceph.keyring = value;
            else {
                auto v = parseUnsigned(value, 10);
                if (!v || *v > 86400) { error = opt + ": '" + value + "' is not a number of seconds from 0 to 86400"; return std::nullopt; }
                s.ceph.osdTimeoutSeconds = unsigned(*v);
            }
            continue;
        }
        if (a.rfind("--", 0) == 0) {
            error = "unknown option " + a;
            return std::nullopt;
        }
        // Bundled flags (-rs) and attached values (-b16) as getopt accepts them.
        for (size_t j = 1; j < a.size(); ++j) {
            const char f = a[j];
            if (f == 'd') { s.store.direct = true; continue; }
            if (f == 's') { s.store.durable = true; continue; }
            if (f == 'r') { s.store.readOnly = true; continue; }
            if (f != 'b' && f != 'm' && f != 'o' && f != 'l') {
                error = std::string("unknown option -") + f;
                return std::nullopt;
            }
            std::string value = a.substr(j + 1);
            if (value.empty()) {
                if (++i >= args.size()) { error = std::string("option -") + f + " needs a value"; return std::nullopt; }
                value = args[i];
            }
            if (f == 'm') {
                for (const std::string& m : split(value, ',')) {
                    auto mac = aoe::MacAddress::parse(m);
                    if (!mac) { error = "-m: '" + m + "' is not a MAC address"; return std::nullopt; }
                    s.allowedMacs.push_back(*mac);
                }
            } else {
                auto v = parseUnsigned(value);
                if (!v) { error = std::string("-") + f + ": '" + value + "' is not a non-negative number"; return std::nullopt; }
                if (f == 'b') {
                    if (*v < kMinBufferCount || *v > kMaxBufferCount) {
                        error = "-b: buffer count must be " + std::to_string(kMinBufferCount) + "-" +
                                std::to_string(kMaxBufferCount) + " (the Linux initiator keeps half of it in flight)";
                        return std::nullopt;
                    }
                    s.bufferCount = uint16_t(*v);
                } else if (f == 'o') {
                    s.store.offsetSectors = *v;
                } else {
                    if (*v == 0) { error = "-l: length must be at least 1 sector"; return std::nullopt; }
                    s.store.lengthSectors = *v;
                }
            }
            break;  // the value consumed the rest of this argument
        }
    }
    if (positional.size() != 4) {
        error = positional.size() < 4 ? "missing arguments" : "too many arguments";
        return std::nullopt;
    }
    auto shelf = parseUnsigned(positional[0]);
    if (!shelf || *shelf > aoe::kMaxShelf) { error = "shelf '" + positional[0] + "' is not a number from 0 to 65534"; return std::nullopt; }
    auto slot = parseUnsigned(positional[1]);
    if (!slot || *slot > aoe::kMaxSlot) { error = "slot '" + positional[1] + "' is not a number from 0 to 254"; return std::nullopt; }
    s.shelf = uint16_t(*shelf);
    s.slot = uint8_t(*slot);
    for (const std::string& ifname : split(positional[2], ','))
        if (!ifname.empty()) s.interfaces.push_back(ifname);
    if (s.interfaces.empty()) { error = "no network interface given"; return std::nullopt; }
    s.path = positional[3];
    if (s.path.empty()) { error = "no file given"; return std::nullopt; }
    if (isRbdPath(s.path)) {
        auto spec = parseRbdPath(s.path, error);
        if (!spec) return std::nullopt;
        if (!spec->snapshot.empty() && !s.store.readOnly) {
            error = s.path + ": a snapshot is read-only: export it with -r";
            return std::nullopt;
        }
        if (s.store.direct) { error = s.path + ": -d is for files and block devices (librbd does the I/O)"; return std::nullopt; }
    } else if (!cephOption.empty()) {
        error = cephOption + " is for Ceph RBD images (rbd:POOL/IMAGE), not for " + s.path;
        return std::nullopt;
    }
    return s;
}

std::optional<std::vector<ExportSettings>> parseExportConfig(const std::string& text, std::string& error) {
    std::vector<ExportSettings> out;
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        std::string why;
        auto args = splitShellWords(line, why);
        if (!args) { error = "line " + std::to_string(n) + ": " + why; return std::nullopt; }
        if (args->empty()) continue;
        auto s = parseExportArgs(*args, why);
        if (!s) { error = "line " + std::to_string(n) + ": " + why; return std::nullopt; }
        out.push_back(std::move(*s));
    }
    if (out.empty()) { error = "no exports in the file"; return std::nullopt; }
    return out;
}

std::string formatExportArgs(const ExportSettings& s) {
    std::ostringstream o;
    if (s.bufferCount != kDefaultBufferCount) o << "-b " << s.bufferCount << ' ';
    if (s.store.offsetSectors) o << "-o " << s.store.offsetSectors << ' ';
    if (s.store.lengthSectors) o << "-l " << s.store.lengthSectors << ' ';
    if (s.store.direct) o << "-d ";
    if (s.store.durable) o << "-s ";
    if (s.store.readOnly) o << "-r ";
    if (s.allowSharedAddress) o << kAllowSharedAddress << ' ';
    if (isRbdPath(s.path)) {
        const CephSettings defaults;
        if (!s.ceph.confFile.empty()) o << kCephConf << ' ' << shellQuote(s.ceph.confFile) << ' ';
        if (s.ceph.id != defaults.id) o << kCephId << ' ' << shellQuote(s.ceph.id) << ' ';
        if (!s.ceph.keyring.empty()) o << kKeyring << ' ' << shellQuote(s.ceph.keyring) << ' ';
        if (s.ceph.osdTimeoutSeconds) o << kCephOsdTimeout << ' ' << s.ceph.osdTimeoutSeconds << ' ';
    }
    if (!s.allowedMacs.empty()) {
        o << "-m ";
        for (size_t i = 0; i < s.allowedMacs.size(); ++i) o << (i ? "," : "") << s.allowedMacs[i].toString();
        o << ' ';
    }
    o << s.shelf << ' ' << int(s.slot) << ' ';
    for (size_t i = 0; i < s.interfaces.size(); ++i) o << (i ? "," : "") << s.interfaces[i];
    o << ' ' << (s.path.rfind('-', 0) == 0 ? "-- " : "") << shellQuote(s.path);
    return o.str();
}

std::optional<std::vector<std::string>> splitShellWords(const std::string& line, std::string& error) {
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            if (inWord) words.push_back(std::move(word)), word.clear(), inWord = false;
        } else if (c == '#' && !inWord) {
            break;   // a comment runs to the end of the line
        } else if (c == '\\') {
            if (++i == line.size()) { error = "a backslash ends the line"; return std::nullopt; }
            word += line[i], inWord = true;
        } else if (c == '\'') {
            const size_t close = line.find('\'', i + 1);
            if (close == std::string::npos) { error = "unmatched '"; return std::nullopt; }
            word.append(line, i + 1, close - i - 1);
            i = close, inWord = true;
        } else if (c == '"') {
            // Inside double quotes a backslash escapes only " and itself, as in the shell.
            size_t j = i + 1;
            for (; j < line.size() && line[j] != '"'; ++j) {
                if (line[j] == '\\' && j + 1 < line.size() && (line[j + 1] == '"' || line[j + 1] == '\\')) ++j;
                word += line[j];
            }
            if (j == line.size()) { error = "unmatched \""; return std::nullopt; }
            i = j, inWord = true;
        } else {
            word += c, inWord = true;
        }
    }
    if (inWord) words.push_back(std::move(word));
    return words;
}

std::string shellQuote(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-+:,=@%") == std::string::npos;
    if (plain) return word;
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace qvblade
