// SPDX-License-Identifier: GPL-2.0-or-later
// Internals of qvblade-helper's server shared by its request files, not for other code: a request
// in flight, the strict reader of a request's fields, small helpers.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "privhelper/protocol/unique_fd.h"
#include "privhelper/server.h"

namespace qvblade::helper {

constexpr int kCountersIntervalMs = 250;
constexpr int kTapIntervalMs = 100;
constexpr qint64 kMaxSafeInteger = (qint64(1) << 53) - 1;   // exact in a JSON number

inline QString errnoText() { return QString::fromLocal8Bit(std::strerror(errno)); }
inline QString q(const std::string& s) { return QString::fromStdString(s); }
inline QString exportName(qint64 shelf, qint64 slot) { return QStringLiteral("e%1.%2").arg(shelf).arg(slot); }

// Strict reading of request fields: unknown fields, wrong types and out-of-range values are
// errors with a sentence naming the field.
class Fields {
public:
    Fields(const QJsonObject& o, std::initializer_list<const char*> allowed) : o_(o) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("id") || it.key() == QLatin1String("type")) continue;
            bool known = false;
            for (const char* a : allowed) known = known || it.key() == QLatin1String(a);
            if (!known && error.isEmpty()) error = QStringLiteral("unknown field \"%1\"").arg(it.key());
        }
    }
    bool has(const char* key) const { return o_.contains(QLatin1String(key)); }
    qint64 integer(const char* key, qint64 min, qint64 max, std::optional<qint64> fallback = std::nullopt) {
        const QJsonValue v = o_.value(QLatin1String(key));
        if (v.isUndefined() && fallback) return *fallback;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || std::floor(d) != d || d < double(min) || d > double(max)) {
            fault(QStringLiteral("\"%1\" must be an integer from %2 to %3").arg(key).arg(min).arg(max));
            return min;
        }
        return qint64(d);
    }
    bool boolean(const char* key, bool fallback) {
        const QJsonValue v = o_.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        if (!v.isBool()) fault(QStringLiteral("\"%1\" must be true or false").arg(key));
        return v.toBool();
    }
    QString string(const char* key, qsizetype maxBytes, QString fallback = {}) {
        const QJsonValue v = o_.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        if (!v.isString() || v.toString().toUtf8().size() > maxBytes)
            fault(QStringLiteral("\"%1\" must be a string of at most %2 bytes").arg(key).arg(maxBytes));
        return v.toString();
    }
    QStringList strings(const char* key, qsizetype maxCount, qsizetype maxBytes) {
        const QJsonValue v = o_.value(QLatin1String(key));
        QStringList out;
        if (v.isUndefined()) return out;
        if (!v.isArray() || v.toArray().size() > maxCount) {
            fault(QStringLiteral("\"%1\" must be a list of at most %2 strings").arg(key).arg(maxCount));
            return out;
        }
        for (const QJsonValue& e : v.toArray()) {
            if (!e.isString() || e.toString().toUtf8().size() > maxBytes) {
                fault(QStringLiteral("\"%1\" must be a list of strings of at most %2 bytes").arg(key).arg(maxBytes));
                return {};
            }
            out << e.toString();
        }
        return out;
    }
    void fault(const QString& e) {
        if (error.isEmpty()) error = e;
    }
    QString error;

private:
    const QJsonObject& o_;
};

struct Server::Request {
    QPointer<Connection> conn;
    PeerCredentials peer;
    qint64 id = 0;
    QString type;
    QJsonObject args;
    std::vector<UniqueFd> fds;
    bool done = false;
    // An export systemd's descriptor store handed back at start: no client, `peer.uid` is the
    // owner it was stored with, `fdStoreNames` are its entries there (already stored).
    bool restored = false;
    std::vector<std::string> fdStoreNames;
    // Told the outcome when there is no client to answer (a restored export).
    std::function<void(bool ok, const QString& error)> finished;
};

// Why a client's image descriptor cannot be served (O_PATH, not a regular file, or a block
// device where `blockDevices`, its access mode), or "".
QString imageDescriptorProblem(int fd, bool readOnly, bool blockDevices);
// The kernel's name for the descriptor (/proc/self/fd/N), shown in lists.
std::string descriptorPath(int fd);

// A uid's user name (its number when it has none).
QString userName(uid_t uid);

// RLIMIT_NOFILE's soft limit (descriptors this process may hold).
int rlimitDescriptors();

}  // namespace qvblade::helper
