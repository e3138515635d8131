// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/ceph_config.h"

#include <functional>
#include <map>
#include <sstream>

namespace qvblade {

namespace {

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// Ceph treats ' ', '_' and '-' in option names alike: "mon host" is mon_host.
std::string optionName(std::string s) {
    s = trim(s);
    for (char& c : s)
        if (c == ' ' || c == '-') c = '_';
    return s;
}

// The value after '=': comments (# or ;) end it unless quoted; quotes are removed.
std::string optionValue(const std::string& raw) {
    std::string v = trim(raw);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) {
        const size_t end = v.find(v.front(), 1);
        if (end != std::string::npos) return v.substr(1, end - 1);
    }
    const size_t comment = v.find_first_of("#;");
    return trim(comment == std::string::npos ? v : v.substr(0, comment));
}

// Calls `each(section, name, value)` for every option line of INI-style Ceph text.
void forEachOption(const std::string& text, const std::function<void(const std::string&, const std::string&, const std::string&)>& each) {
    std::istringstream in(text);
    std::string line, section;
    while (std::getline(in, line)) {
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#' || t[0] == ';') continue;
        if (t[0] == '[') {
            const size_t end = t.find(']');
            section = optionName(t.substr(1, end == std::string::npos ? std::string::npos : end - 1));
            continue;
        }
        const size_t eq = t.find('=');
        if (eq == std::string::npos) continue;
        each(section, optionName(t.substr(0, eq)), optionValue(t.substr(eq + 1)));
    }
}

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

bool isCephKey(const std::string& key) {
    // 28 bytes: type (2), creation time (8), length (2), a 16-byte secret: 40 base64 characters.
    // Longer secrets are allowed (up to 256 characters), the layout is checked by the monitor.
    if (key.size() < 8 || key.size() > 256 || key.size() % 4 != 0) return false;
    size_t pad = 0;
    for (size_t i = 0; i < key.size(); ++i) {
        if (key[i] == '=') {
            if (i < key.size() - 2) return false;
            ++pad;
        } else if (pad || base64Value(key[i]) < 0) {
            return false;
        }
    }
    return (key.size() / 4) * 3 - pad >= 12 + 16;
}

std::optional<std::string> cephMonHost(const std::string& text, const std::string& id, std::string& error) {
    std::map<std::string, std::string> monHost;   // section -> mon_host
    std::string monAddrs;
    forEachOption(text, [&](const std::string& section, const std::string& name, const std::string& value) {
        if (name == "mon_host") monHost[section] = value;
        if (name == "mon_addr" && section.rfind("mon.", 0) == 0 && !value.empty()) monAddrs += (monAddrs.empty() ? "" : ",") + value;
    });
    for (const std::string& section : {"client." + id, std::string("client"), std::string("global")})
        if (auto it = monHost.find(section); it != monHost.end() && !it->second.empty()) return it->second;
    if (!monAddrs.empty()) return monAddrs;
    error = "the configuration names no monitor (no mon_host in [global], [client] or [client." + id + "], no [mon.NAME] with mon_addr)";
    return std::nullopt;
}

std::optional<std::string> cephKeyringKey(const std::string& text, const std::string& id, std::string& error) {
    std::optional<std::string> key;
    forEachOption(text, [&](const std::string& section, const std::string& name, const std::string& value) {
        if (section == "client." + id && name == "key") key = value;
    });
    if (key && !key->empty()) return key;
    const std::vector<std::string> clients = cephKeyringClients(text);
    std::string has;
    for (const std::string& c : clients) has += (has.empty() ? "" : ", ") + ("client." + c);
    error = key ? "the keyring's [client." + id + "] has an empty key"
                : "the keyring has no key for client." + id + (has.empty() ? std::string(" (it has no client at all)") : " (it has " + has + ")");
    return std::nullopt;
}

std::vector<std::string> cephKeyringClients(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const std::string t = trim(line);
        if (t.size() > 9 && t.rfind("[client.", 0) == 0 && t.back() == ']') out.push_back(t.substr(8, t.size() - 9));
    }
    return out;
}

}  // namespace qvblade
