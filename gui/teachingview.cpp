// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/teachingview.h"

#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qvblade::gui {

FramesModel::FramesModel(QObject* parent) : QAbstractTableModel(parent) {
    timer_.setInterval(250);
    connect(&timer_, &QTimer::timeout, this, &FramesModel::flush);
    timer_.start();
}

int FramesModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int FramesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString FramesModel::commandText(const QString& command) {
    if (command == QLatin1String("ata")) return tr("ATA");
    if (command == QLatin1String("query-config")) return tr("Query Config");
    if (command == QLatin1String("mac-mask")) return tr("Mac Mask List");
    if (command == QLatin1String("reserve-release")) return tr("Reserve/Release");
    return command;
}

QVariant FramesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const FrameSummary& f = rows_[index.row()];
    if (role == Qt::ToolTipRole && index.column() == Details) return f.detail;
    if (role == Qt::TextAlignmentRole && (index.column() == Tag || index.column() == Length))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Time: return QDateTime::fromMSecsSinceEpoch(f.usecs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Direction: return f.outgoing ? tr("→ out") : tr("← in");
    case Interface: return f.interface;
    case Source: return f.source;
    case Destination: return f.destination;
    case Target: return f.aoe ? exportName(f.shelf, f.slot) : QString();
    case Command: return f.aoe ? commandText(f.command) : tr("(not AoE)");
    case Type:
        if (!f.aoe) return {};
        if (!f.response) return tr("request");
        return f.error ? tr("error %1").arg(f.error) : tr("response");
    case Tag: return f.aoe ? QStringLiteral("0x%1").arg(f.tag, 8, 16, QLatin1Char('0')) : QString();
    case Details: return f.detail;
    case Length: return f.length;
    }
    return {};
}

QVariant FramesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case Time: return tr("Time");
    case Direction: return tr("Direction");
    case Interface: return tr("Interface");
    case Source: return tr("Source MAC");
    case Destination: return tr("Destination MAC");
    case Target: return tr("Shelf.slot");
    case Command: return tr("Command");
    case Type: return tr("Type");
    case Tag: return tr("Tag");
    case Details: return tr("ATA command / sub-command");
    case Length: return tr("Bytes");
    }
    return {};
}

void FramesModel::append(const QList<FrameSummary>& frames) {
    if (paused_) return;
    pending_ << frames;
    if (pending_.size() > kMaxRows) pending_.remove(0, pending_.size() - kMaxRows);
}

void FramesModel::flush() {
    if (pending_.isEmpty()) return;
    const qsizetype overflow = rows_.size() + pending_.size() - kMaxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        rows_.remove(0, overflow);
        endRemoveRows();
    }
    beginInsertRows({}, int(rows_.size()), int(rows_.size() + pending_.size()) - 1);
    rows_ << pending_;
    pending_.clear();
    endInsertRows();
}

void FramesModel::clear() {
    beginResetModel();
    rows_.clear();
    pending_.clear();
    endResetModel();
}

void FramesModel::setTickInterval(int msecs) {
    if (msecs <= 0) timer_.stop();
    else timer_.start(msecs);
}

TeachingView::TeachingView(ExportBackend* backend, QWidget* parent) : QWidget(parent, Qt::Window), backend_(backend) {
    setWindowTitle(tr("qvblade — Teaching view"));
    setObjectName(QStringLiteral("TeachingView"));
    model_ = new FramesModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    table_ = new QTableView;
    table_->setModel(proxy_);
    table_->setAccessibleName(tr("Frames"));
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->horizontalHeader()->setSectionResizeMode(FramesModel::Details, QHeaderView::Stretch);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);

    filter_ = new QLineEdit;
    filter_->setPlaceholderText(tr("Filter: e.g. e9.0, READ, 52:54:00"));
    filter_->setAccessibleName(tr("Filter frames"));
    filter_->setClearButtonEnabled(true);
    pause_ = new QPushButton(tr("&Pause"));
    pause_->setCheckable(true);
    pause_->setAccessibleName(tr("Pause the frame list"));
    clear_ = new QPushButton(tr("&Clear"));
    clear_->setAccessibleName(tr("Clear the frame list"));
    capture_ = new QPushButton(tr("&Save capture…"));
    capture_->setAccessibleName(tr("Save a capture to a pcap file"));
    captureStatus_ = new QLabel;
    captureStatus_->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Filter:"));
    filterLabel->setBuddy(filter_);
    bar->addWidget(filterLabel);
    bar->addWidget(filter_, 1);
    bar->addWidget(pause_);
    bar->addWidget(clear_);
    bar->addWidget(capture_);
    auto* intro = new QLabel(tr("Every AoE frame the helper receives (←) and sends (→). An initiator finds targets "
                                "with Query Config, then reads and writes sectors with ATA commands; each reply "
                                "echoes the request's tag."));
    intro->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(bar);
    layout->addWidget(table_, 1);
    layout->addWidget(captureStatus_);

    if (!backend_->supportsFrameStream()) captureStatus_->setText(tr("This helper does not stream frames."));
    capture_->setEnabled(backend_->supportsCapture());

    connect(backend_, &ExportBackend::framesReceived, model_, &FramesModel::append);
    connect(backend_, &ExportBackend::requestFinished, this, &TeachingView::onRequestFinished);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(pause_, &QPushButton::toggled, this, [this](bool on) {
        model_->setPaused(on);
        pause_->setText(on ? tr("&Resume") : tr("&Pause"));
    });
    connect(clear_, &QPushButton::clicked, model_, &FramesModel::clear);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!pause_->isChecked()) table_->scrollToBottom();
    });
    connect(capture_, &QPushButton::clicked, this, [this] {
        if (capturing_) {
            stopCapture();
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Save capture"), QStringLiteral("aoe.pcap"),
                                                          tr("Packet captures (*.pcap)"));
        if (!path.isEmpty()) startCaptureTo(path);
    });
    resize(1000, 480);
}

TeachingView::~TeachingView() {
    if (capturing_) backend_->stopCapture();
    backend_->setFrameStream(false);
}

QString TeachingView::startCaptureTo(const QString& path) {
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid()) {
        const QString error = tr("Cannot write %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        captureStatus_->setText(error);
        return error;
    }
    capturePath_ = path;
    captureRequest_ = backend_->startCapture(std::move(fd));
    captureStatus_->setText(tr("Starting the capture…"));
    return {};
}

void TeachingView::stopCapture() {
    if (!capturing_) return;
    stopRequest_ = backend_->stopCapture();
}

void TeachingView::onRequestFinished(int id, bool ok, const QString& error) {
    if (id == captureRequest_) {
        captureRequest_ = -1;
        capturing_ = ok;
        capture_->setText(ok ? tr("&Stop capture") : tr("&Save capture…"));
        captureStatus_->setText(ok ? tr("Capturing every AoE frame to %1.").arg(capturePath_)
                                   : tr("The capture did not start: %1").arg(error));
    } else if (id == stopRequest_) {
        stopRequest_ = -1;
        capturing_ = false;
        capture_->setText(tr("&Save capture…"));
        captureStatus_->setText(ok ? tr("Saved %1. Open it with Wireshark, or: tshark -r %1").arg(capturePath_)
                                   : tr("The capture could not be stopped cleanly: %1").arg(error));
    }
}

void TeachingView::showEvent(QShowEvent* event) {
    backend_->setFrameStream(true);
    QWidget::showEvent(event);
}

void TeachingView::hideEvent(QHideEvent* event) {
    backend_->setFrameStream(false);
    QWidget::hideEvent(event);
}

}  // namespace qvblade::gui
