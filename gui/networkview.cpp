// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/networkview.h"

#include <QComboBox>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QPalette>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

#include "gui/networkscanner.h"

namespace qvblade::gui {

namespace {

// A red that stays readable (about 5:1 or more) on the palette's base colour, light or dark.
QColor conflictRed(const QPalette& palette) {
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xb0, 0x1c, 0x1c);
}

}  // namespace

NetworkModel::NetworkModel(QObject* parent) : QAbstractTableModel(parent) {}

int NetworkModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(targets_.size()); }
int NetworkModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

void NetworkModel::setTargets(const QList<NetworkTarget>& targets) {
    beginResetModel();
    targets_ = targets;
    conflicts_ = NetworkScanner::conflicts(targets);
    endResetModel();
}

QVariant NetworkModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const NetworkTarget& t = targets_[index.row()];
    const bool conflict = conflicts_.contains(t.key());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Address: return exportName(t.shelf, t.slot);
        case Mac: return t.mac;
        case Host:
            if (!t.ours) return QString();
            return t.paused ? tr("this computer (paused)") : tr("this computer");
        case SectorsPerFrame: return t.sectorsPerFrame;
        case Buffers: return t.bufferCount;
        case Firmware: return QStringLiteral("0x%1").arg(t.firmware, 4, 16, QLatin1Char('0'));
        case ConfigString: return t.configString;
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        if (conflict) {
            QStringList macs;
            for (const NetworkTarget& o : targets_)
                if (o.key() == t.key() && !macs.contains(o.mac)) macs << o.mac;
            lines << tr("%1 is answered by %2 targets (%3): an initiator takes them for paths to one disk and mixes "
                        "their data. Stop all but one, unless they serve the same shared storage.")
                         .arg(exportName(t.shelf, t.slot))
                         .arg(macs.size())
                         .arg(macs.join(QStringLiteral(", ")));
        }
        if (t.ours) lines << tr("Exported by this computer.");
        if (index.column() == SectorsPerFrame) lines << tr("The most 512-byte sectors one request may carry.");
        return lines.isEmpty() ? QVariant() : lines.join(QLatin1Char('\n'));
    }
    case Qt::ForegroundRole:
        if (conflict) return conflictRed(QPalette());
        return {};
    case Qt::FontRole:
        if (t.ours) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SectorsPerFrame || index.column() == Buffers) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ConflictRole: return conflict;
    }
    return {};
}

QVariant NetworkModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Address: return tr("Address");
    case Mac: return tr("MAC address");
    case Host: return tr("Served by");
    case SectorsPerFrame: return tr("Sectors per request");
    case Buffers: return tr("Buffers");
    case Firmware: return tr("Firmware");
    case ConfigString: return tr("Config string");
    }
    return {};
}

NetworkView::NetworkView(ExportBackend* backend, const QList<NetInterface>& interfaces, QWidget* parent)
    : QWidget(parent, Qt::Window), backend_(backend), scanner_(new NetworkScanner(backend, this)), model_(new NetworkModel(this)) {
    setWindowTitle(tr("Network — AoE targets"));
    setObjectName(QStringLiteral("NetworkView"));

    interface_ = new QComboBox;
    interface_->setAccessibleName(tr("Interface to look on"));
    auto* ifLabel = new QLabel(tr("&Interface:"));
    ifLabel->setBuddy(interface_);
    refresh_ = new QPushButton(tr("&Refresh"));
    refresh_->setToolTip(tr("Ask again who answers (F5); while this window is open it asks every %1 seconds.")
                             .arg(kRefreshMsecs / 1000));
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    table_ = new QTableView;
    table_->setModel(model_);
    table_->setAccessibleName(tr("AoE targets on the interface"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(NetworkModel::ConfigString, QHeaderView::Stretch);

    auto* top = new QHBoxLayout;
    top->addWidget(ifLabel);
    top->addWidget(interface_, 1);
    top->addWidget(refresh_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(table_, 1);
    layout->addWidget(status_);
    resize(760, 360);

    for (const QKeySequence& k : {QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)})
        connect(new QShortcut(k, this), &QShortcut::activated, this, &QWidget::close);
    connect(new QShortcut(QKeySequence(QKeySequence::Refresh), this), &QShortcut::activated, this, &NetworkView::refresh);
    connect(refresh_, &QPushButton::clicked, this, &NetworkView::refresh);
    connect(interface_, &QComboBox::currentIndexChanged, this, [this] {
        model_->setTargets({});
        refresh();
    });
    connect(scanner_, &NetworkScanner::finished, this, &NetworkView::onScanned);
    connect(backend_, &ExportBackend::interfacesChanged, this, &NetworkView::setInterfaces);
    timer_.setInterval(kRefreshMsecs);
    connect(&timer_, &QTimer::timeout, this, &NetworkView::refresh);
    setInterfaces(backend_->hasLiveInterfaces() ? backend_->interfaces() : interfaces);
}

void NetworkView::setInterfaces(const QList<NetInterface>& interfaces) {
    const QString current = interface_->currentText();
    QStringList names;
    for (const NetInterface& n : interfaces)
        if (!n.loopback) names << n.name;
    QStringList shown;
    for (int i = 0; i < interface_->count(); ++i) shown << interface_->itemText(i);
    if (names == shown) return;
    {
        const QSignalBlocker quiet(interface_);
        interface_->clear();
        interface_->addItems(names);
        // Where the user looked, if it is still there; else where the first export is served;
        // else the first interface that is up.
        int pick = int(names.indexOf(current));
        for (const ExportInfo& e : backend_->exports())
            for (const QString& i : e.spec.interfaces)
                if (pick < 0) pick = int(names.indexOf(i));
        for (qsizetype i = 0; pick < 0 && i < interfaces.size(); ++i)
            if (interfaces[i].up && interfaces[i].running) pick = int(names.indexOf(interfaces[i].name));
        interface_->setCurrentIndex(std::max(0, pick));
    }
    if (interface_->currentText() != current) {
        model_->setTargets({});
        if (isVisible()) refresh();
    }
    if (names.isEmpty()) status_->setText(tr("No Ethernet interface found."));
}

void NetworkView::refresh() {
    const QString name = interface_->currentText();
    if (name.isEmpty() || scanner_->isScanning()) return;
    if (!scanner_->scan({name})) {
        status_->setText(tr("The helper cannot look for targets (it is not running, or too old)."));
        return;
    }
    scanning_ = name;
    if (model_->rowCount() == 0) status_->setText(tr("Asking who answers on %1…").arg(name));
}

void NetworkView::onScanned(const QList<NetworkTarget>& targets, const QStringList& errors) {
    // An answer about an interface no longer chosen is not shown.
    if (scanning_ != interface_->currentText()) {
        refresh();
        return;
    }
    if (!errors.isEmpty()) {
        model_->setTargets({});
        status_->setText(errors.join(QLatin1Char('\n')));
        return;
    }
    model_->setTargets(targets);
    const QString when = QLocale().toString(QTime::currentTime(), QLocale::ShortFormat);
    const qsizetype conflicts = NetworkScanner::conflicts(targets).size();
    QString text = targets.isEmpty()      ? tr("No AoE target answers on %1 (at %2).").arg(scanning_, when)
                   : targets.size() == 1 ? tr("1 target on %1 (at %2).").arg(scanning_, when)
                                         : tr("%1 targets on %2 (at %3).").arg(targets.size()).arg(scanning_, when);
    if (conflicts == 1) text += QLatin1Char(' ') + tr("1 address answered by more than one target, in red.");
    else if (conflicts > 1) text += QLatin1Char(' ') + tr("%1 addresses answered by more than one target, in red.").arg(conflicts);
    status_->setText(text);
}

void NetworkView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    timer_.start();
    refresh();
}

void NetworkView::hideEvent(QHideEvent* event) {
    timer_.stop();
    QWidget::hideEvent(event);
}

}  // namespace qvblade::gui
