// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/exportsmodel.h"

#include <QFileInfo>
#include <QLocale>
#include <QPalette>
#include <QSet>

#include <utility>

#include <algorithm>
#include <climits>

namespace qvblade::gui {

namespace {
constexpr qint64 kStaleMsecs = 1500;   // no sample for this long: the export is idle

QString stateText(ExportState s) {
    switch (s) {
    case ExportState::Serving: return ExportsModel::tr("Serving");
    case ExportState::Paused: return ExportsModel::tr("Paused");
    case ExportState::Failed: return ExportsModel::tr("Failed");
    case ExportState::Stopped: return ExportsModel::tr("Stopped: helper exited");
    }
    return {};
}

quint64 kernelDrops(const CounterSample& s) {
    quint64 n = 0;
    for (quint64 d : s.interfaceDrops) n += d;
    return n;
}

// What a column the helper did not send shows (another user's export): not an empty cell
// that looks like "nothing", not a default that looks like a value.
const QString kHidden = QStringLiteral("\u2014");

double perSecond(quint64 now, quint64 before, qint64 msecs) {
    if (msecs <= 0 || now < before) return 0;
    return double(now - before) * 1000.0 / double(msecs);
}
}  // namespace

ExportsModel::ExportsModel(QObject* parent) : QAbstractTableModel(parent) {
    timer_.setInterval(kTickMsecs);
    connect(&timer_, &QTimer::timeout, this, &ExportsModel::refresh);
    timer_.start();
}

int ExportsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int ExportsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString ExportsModel::modeText(const ExportSpec& spec) {
    QStringList parts{spec.readOnly ? tr("ro") : tr("rw")};
    if (spec.direct) parts << tr("direct");
    if (spec.durable) parts << tr("safe writes");
    return parts.join(QStringLiteral(", "));
}

QVariant ExportsModel::displayData(const Row& r, int column) const {
    const ExportSpec& s = r.info.spec;
    QLocale locale;
    if (r.info.detailsHidden && (column == File || column == Interfaces || column == Mode || column == Initiators))
        return kHidden;
    switch (column) {
    case Name: return exportLabel(r.info);
    case Owner: return ownerText(r.info);
    case File: return QFileInfo(s.path).fileName();
    case Size: return locale.formattedDataSize(qint64(r.info.sizeBytes), 1);
    case Interfaces: return s.interfaces.join(QStringLiteral(", "));
    case Mode: return modeText(s);
    case State:
        // Still exported, but nobody reaches it until its interfaces come back.
        if (r.info.state == ExportState::Serving && !r.info.interfacesDown.isEmpty())
            return tr("Interface down: %1").arg(r.info.interfacesDown.join(QStringLiteral(", ")));
        if (startAtBoot_.contains(r.info.key())) return tr("%1, starts at boot").arg(stateText(r.info.state));
        return stateText(r.info.state);
    case Initiators: return r.info.initiators.isEmpty() ? QString() : r.info.initiators.join(QStringLiteral(", "));
    case FramesInRate: return locale.toString(r.framesInRate, 'f', 0);
    case FramesOutRate: return locale.toString(r.framesOutRate, 'f', 0);
    case MBps: return locale.toString(r.mbps, 'f', 1);
    case Errors: return locale.toString(r.last.errors);
    case Drops: return locale.toString(r.last.drops + kernelDrops(r.last));
    }
    return {};
}

QVariant ExportsModel::sortData(const Row& r, int column) const {
    switch (column) {
    case Name: return r.info.key();
    case Size: return r.info.sizeBytes;
    case State: return int(r.info.state);
    case Initiators: return int(r.info.initiators.size());
    case FramesInRate: return r.framesInRate;
    case FramesOutRate: return r.framesOutRate;
    case MBps:
    case Graph: return r.mbps;
    case Errors: return r.last.errors;
    case Drops: return r.last.drops + kernelDrops(r.last);
    }
    return displayData(r, column);
}

QVariant ExportsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_[index.row()];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole: return displayData(r, c);
    case Qt::ToolTipRole:
        if (r.info.detailsHidden && (c == File || c == Interfaces || c == Mode || c == Initiators))
            return hiddenDetailsReason(r.info);
        if (c == File) return r.info.spec.path;
        if (c == State && !r.info.stateDetail.isEmpty()) return r.info.stateDetail;
        if (c == State && !r.info.interfacesDown.isEmpty())
            return tr("Still exported: it serves again by itself as soon as %1 is up and has a link.")
                .arg(r.info.interfacesDown.join(QStringLiteral(", ")));
        if (c == Initiators) return r.info.initiators.join(QLatin1Char('\n'));
        if (c == Drops) {
            auto plural = [](quint64 n) { return int(std::min<quint64>(n, INT_MAX)); };   // picks the form only
            const QLocale locale;
            QStringList lines{tr("%1 request(s) dropped while all buffers were busy", "", plural(r.last.drops))
                                  .arg(locale.toString(r.last.drops))};
            for (auto it = r.last.interfaceDrops.begin(); it != r.last.interfaceDrops.end(); ++it)
                lines << tr("%1 frame(s) dropped by the kernel on %2", "", plural(it.value())).arg(locale.toString(it.value()), it.key());
            return lines.join(QLatin1Char('\n'));
        }
        // Anywhere else on another user's row: why its actions are disabled.
        if (!mayChange(r.info, clientUid_)) return notOwnerReason(r.info);
        return {};
    case Qt::ForegroundRole:
        // Greyed: what ran before the helper exited, not served now.
        if (r.info.state == ExportState::Stopped) return QPalette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (c == Size || (c >= FramesInRate && c <= Drops)) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole: return sortData(r, c);
    case KeyRole: return r.info.key();
    case HistoryRole: return QVariant::fromValue(r.history);
    case ReadHistoryRole: return QVariant::fromValue(r.readHistory);
    case WriteHistoryRole: return QVariant::fromValue(r.writeHistory);
    case StateRole: return int(r.info.state);
    }
    return {};
}

QVariant ExportsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    // Short headers leave the width to file names and MACs; the tooltip says them in full.
    if (role == Qt::ToolTipRole) {
        if (section == FramesInRate) return tr("Frames received per second");
        if (section == FramesOutRate) return tr("Frames sent per second");
        if (section == Drops) return tr("Requests and frames dropped (the tooltip of a cell says where)");
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case Name: return tr("Export");
    case Owner: return tr("Owner");
    case File: return tr("File");
    case Size: return tr("Size");
    case Interfaces: return tr("Interfaces");
    case Mode: return tr("Mode");
    case State: return tr("State");
    case Initiators: return tr("Initiators");
    case FramesInRate: return tr("In/s");
    case FramesOutRate: return tr("Out/s");
    case MBps: return tr("MB/s");
    case Errors: return tr("Errors");
    case Drops: return tr("Drops");
    case Graph: return tr("Throughput");
    }
    return {};
}

void ExportsModel::setExports(const QList<ExportInfo>& exports) {
    QHash<quint32, const ExportInfo*> incoming;
    for (const ExportInfo& e : exports) incoming.insert(e.key(), &e);
    for (int row = int(rows_.size()) - 1; row >= 0; --row) {
        if (incoming.contains(rows_[row].info.key())) continue;
        beginRemoveRows({}, row, row);
        pending_.remove(rows_[row].info.key());
        rows_.removeAt(row);
        endRemoveRows();
    }
    for (int row = 0; row < rows_.size(); ++row) {
        const ExportInfo& e = *incoming.value(rows_[row].info.key());
        if (e == rows_[row].info) continue;
        rows_[row].info = e;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    QList<const ExportInfo*> added;
    for (const ExportInfo& e : exports)
        if (rowOf(e.key()) < 0) added << &e;
    if (added.isEmpty()) return;
    beginInsertRows({}, int(rows_.size()), int(rows_.size() + added.size()) - 1);
    for (const ExportInfo* e : added) {
        Row r;
        r.info = *e;
        rows_ << r;
    }
    endInsertRows();
}

void ExportsModel::setClientUid(qint64 uid) {
    if (uid == clientUid_) return;
    clientUid_ = uid;
    if (!rows_.isEmpty()) emit dataChanged(index(0, 0), index(int(rows_.size()) - 1, ColumnCount - 1), {Qt::ToolTipRole});
}

void ExportsModel::setStartAtBoot(const QSet<quint32>& keys) {
    if (keys == startAtBoot_) return;
    startAtBoot_ = keys;
    if (!rows_.isEmpty()) emit dataChanged(index(0, State), index(int(rows_.size()) - 1, State), {Qt::DisplayRole});
}

void ExportsModel::pushCounters(const QList<CounterSample>& samples) {
    for (const CounterSample& s : samples) {
        auto it = pending_.find(exportKey(s.shelf, s.slot));
        if (it == pending_.end()) {
            pending_.insert(exportKey(s.shelf, s.slot), s);
        } else {
            QStringList initiators = s.initiators.isEmpty() ? it->initiators : s.initiators;
            *it = s;
            it->initiators = initiators;
        }
        newestSample_ = std::max(newestSample_, s.msecs);
    }
}

void ExportsModel::refresh() {
    int first = -1, last = -1;
    auto touch = [&](int row) {
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    };
    bool initiatorsChanged = false;
    for (int row = 0; row < rows_.size(); ++row) {
        Row& r = rows_[row];
        auto it = pending_.find(r.info.key());
        if (it != pending_.end()) {
            const CounterSample& s = *it;
            if (r.haveSample && s.msecs > r.last.msecs) {
                const qint64 dt = s.msecs - r.last.msecs;
                r.framesInRate = perSecond(s.framesIn, r.last.framesIn, dt);
                r.framesOutRate = perSecond(s.framesOut, r.last.framesOut, dt);
                r.mbps = perSecond(s.bytesIn + s.bytesOut, r.last.bytesIn + r.last.bytesOut, dt) / 1e6;
                // What initiators read is what we send; what they write, we receive.
                r.readMbps = perSecond(s.bytesOut, r.last.bytesOut, dt) / 1e6;
                r.writeMbps = perSecond(s.bytesIn, r.last.bytesIn, dt) / 1e6;
            }
            if (!s.initiators.isEmpty() && s.initiators != r.info.initiators) {
                r.info.initiators = s.initiators;
                initiatorsChanged = true;
            }
            r.last = s;
            r.haveSample = true;
        } else if (r.haveSample && newestSample_ - r.last.msecs > kStaleMsecs) {
            r.framesInRate = r.framesOutRate = r.mbps = r.readMbps = r.writeMbps = 0;
        } else if (!r.haveSample) {
            continue;
        }
        for (auto [list, value] : {std::pair{&r.history, r.mbps}, {&r.readHistory, r.readMbps}, {&r.writeHistory, r.writeMbps}}) {
            *list << value;
            if (list->size() > kHistory) list->removeFirst();
        }
        touch(row);
    }
    pending_.clear();
    if (first < 0) return;
    emit dataChanged(index(first, initiatorsChanged ? Initiators : FramesInRate), index(last, Graph));
    emit refreshed();
}

void ExportsModel::setRefreshInterval(int msecs) {
    if (msecs <= 0) {
        timer_.stop();
        return;
    }
    timer_.setInterval(msecs);
    timer_.start();
}

int ExportsModel::refreshInterval() const { return timer_.isActive() ? timer_.interval() : 0; }

int ExportsModel::rowOf(quint32 key) const {
    for (int row = 0; row < rows_.size(); ++row)
        if (rows_[row].info.key() == key) return row;
    return -1;
}

const ExportInfo* ExportsModel::exportAt(int row) const {
    return row >= 0 && row < rows_.size() ? &rows_[row].info : nullptr;
}

QList<ExportInfo> ExportsModel::exportList() const {
    QList<ExportInfo> out;
    for (const Row& r : rows_) out << r.info;
    return out;
}

ExportsModel::Summary ExportsModel::summary() const {
    Summary s;
    QHash<QString, quint64> interfaceDrops;   // counted once per interface, however many exports share it
    QSet<QString> hosts;                       // initiators by MAC: a host on two exports is one
    for (const Row& r : rows_) {
        for (auto it = r.last.interfaceDrops.begin(); it != r.last.interfaceDrops.end(); ++it)
            interfaceDrops[it.key()] = std::max(interfaceDrops.value(it.key()), it.value());
        ++s.exports;
        if (r.info.state == ExportState::Serving) ++s.serving;
        if (r.info.state == ExportState::Paused) ++s.paused;
        if (r.info.state == ExportState::Failed) ++s.failed;
        for (const QString& mac : r.info.initiators) hosts.insert(mac.toLower());
        s.mbps += r.mbps;
        s.drops += r.last.drops;
        s.errors += r.last.errors;
    }
    for (quint64 d : interfaceDrops) s.drops += d;
    s.initiators = int(hosts.size());
    return s;
}

}  // namespace qvblade::gui
