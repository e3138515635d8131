// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/usermessages.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace qvblade::gui {

namespace {
// The interface a libpcap or socket message is about: "cannot open eth0: …", "… on eth0: …".
QString interfaceIn(const QString& raw) {
    static const QRegularExpression re(QStringLiteral("(?:cannot open|cannot send on|cannot probe on| on) ([^\\s:]+):"));
    const QRegularExpressionMatch m = re.match(raw);
    return m.hasMatch() ? m.captured(1) : QString();
}
}  // namespace

QString asSentence(const QString& text) {
    QString s = text.trimmed();
    if (s.isEmpty()) return s;
    s[0] = s[0].toUpper();
    if (!s.endsWith(QLatin1Char('.')) && !s.endsWith(QLatin1Char('!')) && !s.endsWith(QLatin1Char('?'))
        && !s.endsWith(QChar(0x2026)))
        s += QLatin1Char('.');
    return s;
}

QString actionDescription(const QString& actionId) {
    if (actionId == QLatin1String("org.qvblade.manage-exports")) return QCoreApplication::translate("UserMessages", "export disks");
    if (actionId == QLatin1String("org.qvblade.manage-any-export")) return QCoreApplication::translate("UserMessages", "change other users' exports");
    if (actionId == QLatin1String("org.qvblade.set-rmem")) return QCoreApplication::translate("UserMessages", "change the kernel's receive-buffer limit");
    if (actionId == QLatin1String("org.qvblade.capture")) return QCoreApplication::translate("UserMessages", "capture AoE frames");
    if (actionId == QLatin1String("org.qvblade.demo")) return QCoreApplication::translate("UserMessages", "run the demo");
    if (actionId == QLatin1String("org.qvblade.boot-exports")) return QCoreApplication::translate("UserMessages", "start exports at boot");
    return QCoreApplication::translate("UserMessages", "do this");
}

QString userMessage(const QString& raw) {
    const QString text = raw.trimmed();
    // The helper's polkit refusals (privhelper/polkit.cpp) name the action by its id.
    static const QRegularExpression polkit(QStringLiteral("not authori[sz]ed for (org\\.qvblade\\.[a-z-]+)(.*)"));
    if (const QRegularExpressionMatch m = polkit.match(text); m.hasMatch()) {
        const QString what = actionDescription(m.captured(1));
        if (m.captured(2).contains(QLatin1String("no polkit agent")))
            return QCoreApplication::translate("UserMessages", "You may %1 only with an administrator's password, and no authentication agent is running to ask "
                      "for it. Start your desktop's polkit agent and try again.")
                .arg(what);
        return QCoreApplication::translate("UserMessages", "You are not allowed to %1: the system's rules say no. An administrator can allow it.").arg(what);
    }
    const QString nic = interfaceIn(text);
    if (!nic.isEmpty()) {
        if (text.contains(QLatin1String("Network is down")))
            return QCoreApplication::translate("UserMessages", "The network interface %1 is down. Bring it up (for example: sudo ip link set %1 up) and try again.")
                .arg(nic);
        if (text.contains(QLatin1String("No such device")))
            return QCoreApplication::translate("UserMessages", "There is no network interface called %1 (any more). Choose another one.").arg(nic);
        if (text.contains(QLatin1String("Operation not permitted")) || text.contains(QLatin1String("Permission denied")))
            return QCoreApplication::translate("UserMessages", "The helper may not use the network interface %1.").arg(nic);
    }
    if (text.contains(QLatin1String("Network is down")))
        return QCoreApplication::translate("UserMessages", "A network interface it needs is down. Bring it up and try again.");
    if (text == QLatin1String("the helper closed the connection"))
        return QCoreApplication::translate("UserMessages", "The helper closed the connection.");
    return asSentence(text);
}

}  // namespace qvblade::gui
