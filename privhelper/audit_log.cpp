// SPDX-License-Identifier: GPL-2.0-or-later
#include "privhelper/audit_log.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace qvblade::helper {

QString escapeForLog(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '\\') out += QLatin1String("\\\\");
        else if (u < 0x20 || (u >= 0x7F && u <= 0x9F) || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\x%1").arg(unsigned(u), 2, 16, QLatin1Char('0'));
        else out += c;
    }
    return out;
}

namespace {

// systemd sets JOURNAL_STREAM=DEV:INODE when our stderr is a stream into the journal; then the
// structured entry is enough and the plain line would only repeat it.
bool stderrGoesToJournal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    struct stat st {};
    if (!stream || ::fstat(2, &st) < 0) return false;
    unsigned long long dev = 0, ino = 0;
    return std::sscanf(stream, "%llu:%llu", &dev, &ino) == 2 && dev == st.st_dev && ino == st.st_ino;
}

// `value` is escaped (or ours), so never holds a newline: the simple "NAME=value\n" form is exact.
void addField(QByteArray& entry, const char* name, const QString& value) {
    entry += name;
    entry += '=';
    entry += value.toUtf8();
    entry += '\n';
}

}  // namespace

AuditLog::AuditLog(QString journalSocket) : journalSocket_(journalSocket.toLocal8Bit()), stderrIsJournal_(stderrGoesToJournal()) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
}

AuditLog::~AuditLog() {
    if (fd_ >= 0) ::close(fd_);
}

QString AuditLog::line(const AuditEvent& e) {
    return QStringLiteral("qvblade-helper: uid %1 pid %2 %3: %4").arg(e.uid).arg(e.pid).arg(escapeForLog(e.request), escapeForLog(e.outcome));
}

QByteArray AuditLog::journalEntry(const AuditEvent& e) {
    QByteArray entry;
    addField(entry, "MESSAGE", line(e).mid(int(std::strlen("qvblade-helper: "))));
    addField(entry, "PRIORITY", e.refused ? QStringLiteral("5") : QStringLiteral("6"));   // notice / info
    addField(entry, "SYSLOG_IDENTIFIER", QStringLiteral("qvblade-helper"));
    addField(entry, "QVBLADE_CLIENT_UID", QString::number(e.uid));
    addField(entry, "QVBLADE_CLIENT_PID", QString::number(e.pid));
    addField(entry, "QVBLADE_REQUEST", escapeForLog(e.request));
    if (!e.exportName.isEmpty()) addField(entry, "QVBLADE_EXPORT", escapeForLog(e.exportName));
    addField(entry, "QVBLADE_OUTCOME", escapeForLog(e.outcome));
    addField(entry, "QVBLADE_REFUSED", e.refused ? QStringLiteral("1") : QStringLiteral("0"));
    return entry;
}

bool AuditLog::sendToJournal(const QByteArray& entry) {
    sockaddr_un addr{};
    if (fd_ < 0 || size_t(journalSocket_.size()) >= sizeof addr.sun_path) return false;
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, journalSocket_.constData(), size_t(journalSocket_.size()));
    // Non-blocking: a journal that does not keep up loses the entry (the line on stderr stays),
    // it never stalls the helper.
    return ::sendto(fd_, entry.constData(), size_t(entry.size()), MSG_NOSIGNAL, reinterpret_cast<sockaddr*>(&addr), sizeof addr) ==
           entry.size();
}

void AuditLog::write(const AuditEvent& e) {
    const bool journaled = sendToJournal(journalEntry(e));
    if (!journaled || !stderrIsJournal_) std::fprintf(stderr, "%s\n", line(e).toUtf8().constData());
}

}  // namespace qvblade::helper
