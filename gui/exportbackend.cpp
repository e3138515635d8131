// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/exportbackend.h"

#include <QCoreApplication>

namespace qvblade::gui {

ExportBackend::~ExportBackend() = default;

int ExportBackend::startDemo(UniqueFd) {
    QMetaObject::invokeMethod(this, [this] { emit requestFinished(-2, false, tr("This backend has no demo.")); }, Qt::QueuedConnection);
    return -2;
}

int ExportBackend::stopDemo() { return startDemo(UniqueFd()); }

QString exportLabel(const ExportInfo& e) {
    const QString name = exportName(e.spec.shelf, e.spec.slot);
    return e.demo ? ExportBackend::tr("%1 (demo)").arg(name) : name;
}

QString exportName(quint16 shelf, quint8 slot) {
    return QStringLiteral("e%1.%2").arg(shelf).arg(slot);
}

bool mayChange(const ExportInfo& e, qint64 clientUid) {
    return clientUid == 0 || isOwnExport(e, clientUid);
}

bool isOwnExport(const ExportInfo& e, qint64 clientUid) {
    return !e.detailsHidden && (e.ownerUid < 0 || clientUid < 0 || e.ownerUid == clientUid);
}

QString ownerText(const ExportInfo& e) {
    if (!e.owner.isEmpty()) return e.owner;
    return e.ownerUid >= 0 ? QString::number(e.ownerUid) : QString();
}

QString notOwnerReason(const ExportInfo& e) {
    return QCoreApplication::translate("qvblade", "Owned by %1: only %1 or an administrator can change it.").arg(ownerText(e));
}

QString hiddenDetailsReason(const ExportInfo& e) {
    return QCoreApplication::translate("qvblade", "Owned by %1: only %1 or an administrator can see its file and options.")
        .arg(ownerText(e));
}

int ExportBackend::probeAddress(quint16, quint8, const QStringList&) { return -1; }

int ExportBackend::setStartAtBoot(const ExportSpec&, UniqueFd, bool) { return -1; }

QString bootExportName(const ExportSpec& spec) { return QStringLiteral("e%1-%2").arg(spec.shelf).arg(spec.slot); }

int ExportBackend::scanNetwork(const QString&) { return -1; }

int ExportBackend::setExportOptions(quint16, quint8, std::optional<bool>, std::optional<QStringList>) { return -1; }

namespace {
QString shellWord(QString word) {
    if (word.contains(QLatin1Char(' ')) || word.contains(QLatin1Char('\'')))
        word = QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    return word;
}
}  // namespace

QString cliCommand(const ExportSpec& spec) {
    QStringList args{QStringLiteral("qvblade-cli")};
    if (spec.bufferCount != 16) args << QStringLiteral("-b") << QString::number(spec.bufferCount);
    if (spec.offsetSectors) args << QStringLiteral("-o") << QString::number(spec.offsetSectors);
    if (spec.lengthSectors) args << QStringLiteral("-l") << QString::number(spec.lengthSectors);
    if (spec.direct) args << QStringLiteral("-d");
    if (spec.durable) args << QStringLiteral("-s");
    if (spec.readOnly) args << QStringLiteral("-r");
    if (!spec.allowedMacs.isEmpty()) args << QStringLiteral("-m") << spec.allowedMacs.join(QLatin1Char(','));
    if (spec.allowSharedAddress) args << QStringLiteral("--allow-shared-address");
    // The files the GUI read the cluster's values from (never the key itself).
    if (spec.rbd) {
        if (!spec.rbd->confFile.isEmpty()) args << QStringLiteral("--ceph-conf") << shellWord(spec.rbd->confFile);
        if (spec.rbd->id != QLatin1String("admin")) args << QStringLiteral("--ceph-id") << shellWord(spec.rbd->id);
        if (!spec.rbd->keyringFile.isEmpty()) args << QStringLiteral("--keyring") << shellWord(spec.rbd->keyringFile);
        if (spec.rbd->osdTimeoutSeconds)
            args << QStringLiteral("--ceph-osd-timeout") << QString::number(spec.rbd->osdTimeoutSeconds);
    }
    args << QString::number(spec.shelf) << QString::number(spec.slot) << spec.interfaces.join(QLatin1Char(','));
    QString path = spec.path;
    if (path.contains(QLatin1Char(' ')) || path.contains(QLatin1Char('\'')))
        path = QLatin1Char('\'') + path.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    args << path;
    return args.join(QLatin1Char(' '));
}

QString helperStateText(HelperState state) {
    switch (state) {
    case HelperState::NotRunning: return QCoreApplication::translate("qvblade", "Helper not running");
    case HelperState::Authorising: return QCoreApplication::translate("qvblade", "Waiting for authorisation…");
    case HelperState::Refused: return QCoreApplication::translate("qvblade", "Authorisation refused");
    case HelperState::Running: return QCoreApplication::translate("qvblade", "Helper running");
    case HelperState::Died: return QCoreApplication::translate("qvblade", "Helper stopped unexpectedly");
    }
    return {};
}

}  // namespace qvblade::gui
