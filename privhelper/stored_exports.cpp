// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/stored_exports.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <cctype>
#include <charconv>
#include <cstring>
#include <map>

namespace qvblade::helper {

namespace {

constexpr const char* kFormat = "qvb1";
constexpr size_t kMaxExtrasBytes = 64 * 1024;

bool plain(unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-'; }

std::string encodeInterface(const std::string& name) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : name) {
        if (plain(c)) out += char(c);
        else out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

bool decodeInterface(const std::string& text, std::string& out) {
    out.clear();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            if (!plain((unsigned char)text[i])) return false;
            out += text[i];
            continue;
        }
        unsigned value = 0;
        if (i + 2 >= text.size()) return false;
        const auto r = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
        if (r.ec != std::errc() || r.ptr != text.data() + i + 3) return false;
        out += char(value);
        i += 2;
    }
    return !out.empty();
}

std::vector<std::string> split(const std::string& s, char by) {
    std::vector<std::string> out;
    for (size_t start = 0;;) {
        const size_t at = s.find(by, start);
        out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return out;
        start = at + 1;
    }
}

// "<letter><decimal>" -> the number; false for anything else.
bool field(const std::string& part, char letter, uint64_t& value) {
    if (part.size() < 2 || part.size() > 21 || part[0] != letter) return false;
    const auto r = std::from_chars(part.data() + 1, part.data() + part.size(), value);
    return r.ec == std::errc() && r.ptr == part.data() + part.size();
}

std::string exportKey(uint64_t shelf, uint64_t slot) { return "e" + std::to_string(shelf) + "." + std::to_string(slot); }

// "e5.1" -> 5, 1
bool parseKey(const std::string& key, uint64_t& shelf, uint64_t& slot) {
    const auto dot = key.find('.');
    return dot != std::string::npos && field(key.substr(0, dot), 'e', shelf) && field("e" + key.substr(dot + 1), 'e', slot);
}

// A memfd holding `json`, sealed: what systemd keeps is what was written, nobody holding a copy
// can change it.
UniqueFd sealedMemfd(const QJsonObject& json, std::string& error) {
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    UniqueFd fd(::memfd_create("qvblade-export", MFD_CLOEXEC | MFD_ALLOW_SEALING));
    if (!fd.valid() || ::write(fd.get(), bytes.constData(), size_t(bytes.size())) != bytes.size() ||
        ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0) {
        error = std::strerror(errno);
        return {};
    }
    return fd;
}

// The JSON object a stored memfd holds, if it is one and no larger than kMaxExtrasBytes.
std::optional<QJsonObject> storedObject(int fd) {
    char buffer[kMaxExtrasBytes + 1];
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
    if (n <= 0 || size_t(n) > kMaxExtrasBytes) return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(buffer, qsizetype(n)));
    if (!doc.isObject()) return std::nullopt;
    return doc.object();
}

}  // namespace

std::optional<StoreEntry> makeStoreEntry(const ExportSettings& s, uid_t owner, std::string& error, const QJsonObject* rbd) {
    const std::string key = exportKey(s.shelf, s.slot);
    std::string interfaces;
    for (const std::string& i : s.interfaces) interfaces += (interfaces.empty() ? "" : "+") + encodeInterface(i);
    const auto name = [&](bool withInterfaces, bool extras) {
        std::string flags = std::string(s.store.readOnly ? "r" : "") + (s.store.direct ? "d" : "") + (s.store.durable ? "s" : "") +
                            (s.allowSharedAddress ? "a" : "") + (extras ? "x" : "") + (rbd ? "c" : "");
        return std::string(kFormat) + "," + key + ",u" + std::to_string(owner) + ",f" + flags + ",o" + std::to_string(s.store.offsetSectors) +
               ",l" + std::to_string(s.store.lengthSectors) + ",b" + std::to_string(s.bufferCount) + ",i" + (withInterfaces ? interfaces : "");
    };
    const bool interfacesFit = validFdName(name(true, true));
    const bool extras = !s.allowedMacs.empty() || !s.configString.empty() || !interfacesFit;
    StoreEntry e;
    e.imageName = name(interfacesFit, extras);
    if (rbd && !(e.rbdValues = sealedMemfd(*rbd, error)).valid()) {
        error = "cannot keep the RBD image's values: " + error;
        return std::nullopt;
    }
    if (!extras) return e;

    QJsonObject o;
    QJsonArray macs, names;
    for (const auto& m : s.allowedMacs) macs << QString::fromStdString(m.toString());
    if (!macs.isEmpty()) o.insert("macs", macs);
    if (!s.configString.empty()) o.insert("configString", QString::fromStdString(s.configString));
    for (const std::string& i : s.interfaces) names << QString::fromStdString(i);
    if (!interfacesFit) o.insert("interfaces", names);
    e.extrasName = std::string(kFormat) + "," + key + ",x";
    if (!(e.extras = sealedMemfd(o, error)).valid()) {
        error = "cannot keep the export's MAC list and config string: " + error;
        return std::nullopt;
    }
    return e;
}

std::vector<StoredExport> storedExports(std::vector<PassedFd> passed, std::vector<std::pair<std::string, QString>>& unusable) {
    std::map<std::string, PassedFd> extras;   // "e5.1" -> its extras descriptor
    std::vector<PassedFd> images;
    for (PassedFd& p : passed) {
        const auto parts = split(p.name, ',');
        uint64_t shelf = 0, slot = 0;
        if (parts.size() < 3 || parts[0] != kFormat || !parseKey(parts[1], shelf, slot)) {
            unusable.emplace_back(p.name, QStringLiteral("not a descriptor qvblade-helper stored"));
            continue;
        }
        if (parts.size() == 3 && parts[2] == "x") extras[parts[1]] = std::move(p);
        else images.push_back(std::move(p));
    }
    std::vector<StoredExport> out;
    for (PassedFd& p : images) {
        const auto parts = split(p.name, ',');
        uint64_t shelf = 0, slot = 0, uid = 0, offset = 0, length = 0, buffers = 0;
        const std::string flags = parts.size() > 3 && !parts[3].empty() && parts[3][0] == 'f' ? parts[3].substr(1) : "?";
        if (parts.size() != 8 || !parseKey(parts[1], shelf, slot) || !field(parts[2], 'u', uid) || uid > 0xFFFFFFFEu ||
            flags.find_first_not_of("rdsaxc") != std::string::npos || !field(parts[4], 'o', offset) ||
            !field(parts[5], 'l', length) || !field(parts[6], 'b', buffers) || parts[7].empty() || parts[7][0] != 'i') {
            unusable.emplace_back(p.name, QStringLiteral("the name is not in the form qvblade-helper stores"));
            continue;
        }
        StoredExport e;
        e.name = QString::fromStdString(exportKey(shelf, slot));
        e.owner = uid_t(uid);
        e.args = {{"shelf", qint64(shelf)}, {"slot", qint64(slot)}, {"readOnly", flags.find('r') != std::string::npos},
                  {"direct", flags.find('d') != std::string::npos}, {"durable", flags.find('s') != std::string::npos},
                  {"allowSharedAddress", flags.find('a') != std::string::npos},
                  {"offset", qint64(offset)}, {"length", qint64(length)}, {"bufferCount", qint64(buffers)}};
        QJsonArray interfaces;
        bool namesOk = true;
        if (parts[7].size() > 1)
            for (const std::string& i : split(parts[7].substr(1), '+')) {
                std::string decoded;
                namesOk = namesOk && decodeInterface(i, decoded);
                interfaces << QString::fromStdString(decoded);
            }
        if (!namesOk) {
            unusable.emplace_back(p.name, QStringLiteral("an interface name in it is not encoded as qvblade-helper encodes them"));
            continue;
        }
        if (!interfaces.isEmpty()) e.args.insert("interfaces", interfaces);
        e.fdNames.push_back(p.name);
        if (flags.find('x') != std::string::npos) {
            const auto it = extras.find(parts[1]);
            if (it == extras.end()) {
                unusable.emplace_back(p.name, QStringLiteral("its MAC list and config string were not handed back"));
                continue;
            }
            // The MAC list limits who sees the export: without it, it is not restored at all.
            const auto stored = storedObject(it->second.fd.get());
            const QJsonObject more = stored.value_or(QJsonObject());
            bool known = stored.has_value();
            for (const QString& k : more.keys())
                known = known && (k == QLatin1String("macs") || k == QLatin1String("configString") || k == QLatin1String("interfaces"));
            if (!known) {
                unusable.emplace_back(p.name, QStringLiteral("its MAC list and config string cannot be read back"));
                unusable.emplace_back(it->second.name, QStringLiteral("not readable"));
                extras.erase(it);
                continue;
            }
            for (auto v = more.begin(); v != more.end(); ++v) e.args.insert(v.key(), v.value());
            e.fdNames.push_back(it->second.name);
            extras.erase(it);
        }
        if (flags.find('c') != std::string::npos) {
            // An RBD image: the descriptor holds its values (add-export checks them again).
            const auto rbd = storedObject(p.fd.get());
            if (!rbd) {
                unusable.emplace_back(p.name, QStringLiteral("the RBD image's values cannot be read back"));
                for (size_t i = 1; i < e.fdNames.size(); ++i) unusable.emplace_back(e.fdNames[i], QStringLiteral("its image is not restored"));
                continue;
            }
            e.args.insert("rbd", *rbd);
        } else {
            e.image = std::move(p.fd);
        }
        out.push_back(std::move(e));
    }
    for (auto& [key, p] : extras) unusable.emplace_back(p.name, QStringLiteral("extras without their image descriptor"));
    return out;
}

}  // namespace qvblade::helper
