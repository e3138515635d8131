// SPDX-License-Identifier: GPL-2.0-or-later
// The receive-buffer requests: rmem-status, apply-rmem (the running limits), persist-rmem (the
// sysctl.d file), both bounded by what the running exports need.
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QJsonArray>

#include "core/os/os.h"
#include "privhelper/export_json.h"
#include "privhelper/file_credentials.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"

namespace qvblade::helper {

namespace {

constexpr long kMaxRmemBytes = 1L << 30;          // what a request may name; the bound is below
// apply-rmem and persist-rmem never go past what the running exports need, nor past this: the
// most any export can need ((4096 buffers + 1) x 16 KiB, jumbo frames).
constexpr long kRmemCeiling = (4096L + 1) * 16384;

// Writes a /proc/sys value; the helper's only writes outside client-passed descriptors.
bool writeSysctl(const char* path, long value, QString& error) {
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::number(qint64(value)) + '\n') < 0 || !f.flush()) {
        // The limits are global: outside the host's network namespace they are read-only.
        error = QStringLiteral("cannot write %1: %2 (only a helper in the host's network namespace can change it)")
                    .arg(QString::fromLatin1(path), f.errorString());
        return false;
    }
    return true;
}

}  // namespace

void Server::rmemStatus(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    engine_->call<QJsonObject>(
        [](Engine& e) {
            QJsonArray ports;
            qint64 recommended = 0;
            for (const PortStatus& p : e.ports()) {
                ports << rmemJson(p.rmem);
                recommended = std::max(recommended, qint64(p.rmem.requiredBytes));
            }
            return QJsonObject{{"rmemMax", qint64(os::rmemMax().value_or(-1))},
                               {"rmemDefault", qint64(os::rmemDefault().value_or(-1))},
                               {"recommended", recommended},
                               {"interfaces", ports}};
        },
        [this, r](QJsonObject status) { ok(r, status); });
}

void Server::withRmemTarget(const RequestPtr& r, qint64 asked, std::function<void(long)> then) {
    engine_->call<qint64>(
        [](Engine& e) {
            qint64 need = 0;
            for (const PortStatus& p : e.ports()) need = std::max(need, qint64(p.rmem.requiredBytes));
            return need;
        },
        [this, r, asked, then = std::move(then)](qint64 needed) {
            // Never more than the running exports need: rmem_default applies to every socket
            // on the host (and persist-rmem's file at every boot).
            const long bound = long(std::min<qint64>(needed, kRmemCeiling));
            if (bound <= 0)
                return fail(r, err::kInvalidArgument, QStringLiteral("no running export needs a larger receive buffer"));
            if (asked > bound)
                return fail(r, err::kInvalidArgument,
                            QStringLiteral("the running exports need %1 bytes of receive buffer; %2 is more than that").arg(bound).arg(asked));
            then(long(asked ? asked : bound));
        });
}

void Server::applyRmem(const RequestPtr& r) {
    Fields f(r->args, {"bytes"});
    const qint64 asked = f.integer("bytes", 4096, kMaxRmemBytes, 0);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    withRmemTarget(r, asked, [this, r](long target) {
        // Raise only: lowering a limit other programs rely on is not this helper's business.
        QString error;
        const long max = os::rmemMax().value_or(0), def = os::rmemDefault().value_or(0);
        if (target > max && !writeSysctl("/proc/sys/net/core/rmem_max", target, error)) return fail(r, err::kFailed, error);
        if (target > def && !writeSysctl("/proc/sys/net/core/rmem_default", target, error)) return fail(r, err::kFailed, error);
        audit(r, QStringLiteral("net.core.rmem_max and rmem_default raised to at least %1").arg(target));
        // Running exports ask for their buffers again under the new limit.
        engine_->post([](Engine& e) { e.refreshReceiveBuffers(); });
        ok(r, {{"rmemMax", qint64(os::rmemMax().value_or(-1))}, {"rmemDefault", qint64(os::rmemDefault().value_or(-1))}});
    });
}

void Server::persistRmem(const RequestPtr& r) {
    Fields f(r->args, {"bytes"});
    const qint64 asked = f.integer("bytes", 4096, kMaxRmemBytes, 0);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    withRmemTarget(r, asked, [this, r](long target) {
        // rmem_max as apply-rmem leaves it: a limit already above the target is kept (up to the
        // ceiling), so the next boot does not take away what the machine has now. rmem_default,
        // which every socket gets, is never written above what the running exports need.
        const qint64 max = std::max<qint64>(target, std::min<qint64>(os::rmemMax().value_or(0), kRmemCeiling));
        const qint64 def = target;
        QString error;
        RootFileAccess asRoot;   // /etc/sysctl.d is root's
        if (!replaceFileAtomically(options_.sysctlDir, QString::fromLatin1(kSysctlConfName), rmemSysctlConf(max, def), error)) {
            audit(r, QStringLiteral("not written: %1").arg(error));
            return fail(r, err::kFailed, error);
        }
        const QString path = options_.sysctlDir + QLatin1Char('/') + QLatin1String(kSysctlConfName);
        audit(r, QStringLiteral("%1 written: rmem_max %2, rmem_default %3").arg(path).arg(max).arg(def));
        ok(r, {{"path", path}, {"rmemMax", max}, {"rmemDefault", def}});
    });
}

}  // namespace qvblade::helper
