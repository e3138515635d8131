// SPDX-License-Identifier: GPL-2.0-or-later
// The helper's audit trail: one line per privileged decision (who, which request, which export,
// what happened). Every string in it may come from a client (an image's file name, an interface
// name), so control characters are escaped before anything is written: a name with a newline
// cannot forge a second line. Where the systemd journal runs, each event also goes there as
// structured fields (QVBLADE_CLIENT_UID, QVBLADE_REQUEST, ...) through its native socket.
#pragma once

#include <sys/types.h>

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace qvblade::helper {

// Control characters (C0, DEL, C1) and the backslash become "\xNN" / "\\"; the rest is kept.
QString escapeForLog(QStringView text);

struct AuditEvent {
    uid_t uid = 0;
    pid_t pid = 0;
    QString request;      // "add-export"
    QString exportName;   // "e5.1", or empty
    QString outcome;      // "e5.1 added: /srv/a.img on eth0", "refused: ..."
    bool refused = false;
};

class AuditLog {
public:
    static constexpr const char* kJournalSocket = "/run/systemd/journal/socket";
    explicit AuditLog(QString journalSocket = QString::fromLatin1(kJournalSocket));
    ~AuditLog();
    AuditLog(const AuditLog&) = delete;
    AuditLog& operator=(const AuditLog&) = delete;

    void write(const AuditEvent& event);
    // The journal's native datagram for `event` (one "FIELD=value" line per field).
    static QByteArray journalEntry(const AuditEvent& event);
    static QString line(const AuditEvent& event);

private:
    bool sendToJournal(const QByteArray& entry);
    QByteArray journalSocket_;
    int fd_ = -1;
    bool stderrIsJournal_ = false;
};

}  // namespace qvblade::helper
