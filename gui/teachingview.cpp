// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/teachingview.h"

#include <QDateTime>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/aoe_dissector.h"
#include "core/aoe_wire.h"
#include "gui/colors.h"
#include "gui/hexdumpview.h"
#include "gui/usermessages.h"

namespace qvblade::gui {

namespace {
constexpr int kOffsetRole = Qt::UserRole;
constexpr int kLengthRole = Qt::UserRole + 1;
constexpr double kRateWindowSeconds = 1.0;

QString pairKey(quint32 tag, const QString& initiator) { return QString::number(tag) + QLatin1Char('|') + initiator; }
}  // namespace

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

QString FramesModel::durationText(qint64 usecs) {
    if (usecs < 1000) return tr("%1 µs").arg(QLocale().toString(usecs));
    return tr("%1 ms").arg(QLocale().toString(double(usecs) / 1000.0, 'f', 2));
}

int FramesModel::requestRow(int row) const {
    const qint64 seq = rows_[row].requestSeq;
    if (seq < firstSeq_) return -1;
    return int(seq - firstSeq_);
}

QVariant FramesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = rows_[index.row()];
    const FrameSummary& f = row.frame;
    if (role == Qt::ToolTipRole && index.column() == Details) return f.detail;
    if (role == Qt::ToolTipRole && index.column() == RoundTrip && row.rttUsecs >= 0)
        return tr("The time from the request with this tag to this reply, as the helper saw them");
    if (role == Qt::TextAlignmentRole && (index.column() == Tag || index.column() == Length || index.column() == RoundTrip))
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
    case RoundTrip: return row.rttUsecs >= 0 ? durationText(row.rttUsecs) : QString();
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
    case RoundTrip: return tr("Round trip");
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

void FramesModel::pair(Row& row) {
    const FrameSummary& f = row.frame;
    if (!f.aoe) return;
    if (!f.response) {
        requests_.insert(pairKey(f.tag, f.source), {row.seq, f.usecs, f.shelf, f.slot});
        return;
    }
    // A reply goes back to the initiator that asked: its destination is the request's source.
    // One broadcast Query Config may be answered by many targets, so the request stays.
    const auto it = requests_.constFind(pairKey(f.tag, f.destination));
    if (it == requests_.cend() || !aoe::addressMatches(it->shelf, it->slot, f.shelf, f.slot)) return;
    row.requestSeq = it->seq;
    row.rttUsecs = std::max<qint64>(0, f.usecs - it->usecs);
}

void FramesModel::flush() {
    if (pending_.isEmpty()) return;
    const qsizetype overflow = rows_.size() + pending_.size() - kMaxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        rows_.remove(0, overflow);
        firstSeq_ += overflow;
        endRemoveRows();
    }
    beginInsertRows({}, int(rows_.size()), int(rows_.size() + pending_.size()) - 1);
    for (const FrameSummary& f : std::as_const(pending_)) {
        Row row{f, nextSeq_++};
        pair(row);
        rows_ << row;
    }
    pending_.clear();
    endInsertRows();
    // Requests never answered would pile up: forget those that scrolled out of the list.
    if (requests_.size() > 2 * kMaxRows)
        requests_.removeIf([this](const QHash<QString, Outstanding>::iterator& it) { return it->seq < firstSeq_; });
}

void FramesModel::clear() {
    beginResetModel();
    rows_.clear();
    pending_.clear();
    requests_.clear();
    firstSeq_ = nextSeq_;
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
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setWordWrap(false);
    table_->setAlternatingRowColors(true);
    // Columns as wide as their usual content, so the details column keeps the rest of the
    // window's width at the default size (instead of 100 px each and a scrollbar).
    const QFontMetrics fm(table_->font());
    const auto fit = [&](int column, const QString& sample) {
        const int header = fm.horizontalAdvance(model_->headerData(column, Qt::Horizontal).toString());
        table_->setColumnWidth(column, std::max(fm.horizontalAdvance(sample), header) + 16);
    };
    fit(FramesModel::Time, QStringLiteral("00:00:00.000"));
    fit(FramesModel::Direction, FramesModel::tr("→ out"));
    fit(FramesModel::Interface, QStringLiteral("eth0"));
    fit(FramesModel::Source, QStringLiteral("52:54:00:00:00:00"));
    fit(FramesModel::Destination, QStringLiteral("52:54:00:00:00:00"));
    fit(FramesModel::Target, QStringLiteral("e99.9"));
    fit(FramesModel::Command, FramesModel::tr("Query Config"));
    fit(FramesModel::Type, FramesModel::tr("response"));
    fit(FramesModel::Tag, QStringLiteral("0x00000000"));
    fit(FramesModel::RoundTrip, QStringLiteral("000.00 ms"));
    fit(FramesModel::Length, QStringLiteral("9000"));

    empty_ = new QLabel;
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    empty_->setMargin(24);
    empty_->setAccessibleName(tr("Why no frames are shown"));
    stack_ = new QStackedWidget;
    stack_->addWidget(empty_);
    stack_->addWidget(table_);

    tree_ = new QTreeWidget;
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Field"), tr("Value")});
    tree_->setAccessibleName(tr("Decoded fields of the selected frame"));
    tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree_->setColumnWidth(0, fm.horizontalAdvance(QStringLiteral("Config String Length")) + 64);
    tree_->setUniformRowHeights(true);
    hex_ = new HexDumpView;
    hex_->setAccessibleName(tr("The selected frame's bytes"));
    hex_->setMinimumWidth(hex_->fontMetrics().horizontalAdvance(QString(74, QLatin1Char('0'))) + 24);
    pairLabel_ = new QLabel(tr("Select a frame to see its fields and bytes."));
    pairLabel_->setWordWrap(true);
    goToRequest_ = new QPushButton(tr("&Go to request"));
    goToRequest_->setAccessibleName(tr("Select the request this reply answers"));
    goToRequest_->setEnabled(false);

    filter_ = new QLineEdit;
    filter_->setPlaceholderText(tr("Filter: e.g. e9.0, READ, 52:54:00"));
    filter_->setAccessibleName(tr("Filter frames"));
    filter_->setClearButtonEnabled(true);
    pause_ = new QPushButton(tr("&Pause"));
    pause_->setCheckable(true);
    pause_->setAccessibleName(tr("Pause the frame list"));
    clear_ = new QPushButton(tr("&Clear"));
    clear_->setAccessibleName(tr("Clear the frame list"));
    capture_ = new QPushButton(QIcon::fromTheme(QStringLiteral("media-record")), tr("Capture &everything…"));
    capture_->setAccessibleName(tr("Capture every AoE frame to a pcap file, not sampled"));
    capture_->setToolTip(tr("The list shows a sample; a capture file keeps every frame (open it with Wireshark)"));
    captureStatus_ = new QLabel;
    captureStatus_->setWordWrap(true);
    sampling_ = new QLabel(tr("The helper shows at most 50 frames a second."));
    sampling_->setWordWrap(true);
    sampling_->setAccessibleName(tr("Sampling"));

    auto* samplingRow = new QHBoxLayout;
    samplingRow->addWidget(sampling_, 1);
    samplingRow->addWidget(capture_);
    auto* bar = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Filter:"));
    filterLabel->setBuddy(filter_);
    bar->addWidget(filterLabel);
    bar->addWidget(filter_, 1);
    bar->addWidget(pause_);
    bar->addWidget(clear_);
    auto* intro = new QLabel(tr("The AoE frames the helper receives (←) and sends (→). An initiator finds targets "
                                "with Query Config, then reads and writes sectors with ATA commands; each reply "
                                "echoes the request's tag. Select a frame to see its fields."));
    intro->setWordWrap(true);

    auto* details = new QWidget;
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    auto* pairRow = new QHBoxLayout;
    pairRow->addWidget(pairLabel_, 1);
    pairRow->addWidget(goToRequest_);
    detailsLayout->addLayout(pairRow);
    auto* detailSplit = new QSplitter(Qt::Horizontal);
    detailSplit->addWidget(tree_);
    detailSplit->addWidget(hex_);
    detailSplit->setStretchFactor(0, 3);
    detailSplit->setStretchFactor(1, 2);
    detailsLayout->addWidget(detailSplit, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(stack_);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(samplingRow);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(captureStatus_);

    if (!backend_->supportsFrameStream()) captureStatus_->setText(tr("This helper does not stream frames."));
    capture_->setEnabled(backend_->supportsCapture());

    connect(backend_, &ExportBackend::framesReceived, model_, &FramesModel::append);
    connect(backend_, &ExportBackend::frameSampling, this, &TeachingView::onSampling);
    connect(backend_, &ExportBackend::frameStreamStatus, this, [this](bool streaming, const QString& error) {
        streaming_ = streaming;
        streamError_ = error;
        updateEmptyState();
    });
    connect(backend_, &ExportBackend::stateChanged, this, [this](HelperState s) {
        if (s != HelperState::Running) streaming_ = false;
        updateEmptyState();
    });
    connect(backend_, &ExportBackend::requestFinished, this, &TeachingView::onRequestFinished);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    connect(pause_, &QPushButton::toggled, this, [this](bool on) {
        model_->setPaused(on);
        pause_->setText(on ? tr("&Resume") : tr("&Pause"));
    });
    connect(clear_, &QPushButton::clicked, model_, &FramesModel::clear);
    connect(model_, &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow the newest frames unless paused or a frame is being looked at.
        if (!pause_->isChecked() && selectedFrame() < 0) table_->scrollToBottom();
        updateEmptyState();
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        showFrame(-1);
        updateEmptyState();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showFrame(current.isValid() ? proxy_->mapToSource(current).row() : -1); });
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (!item) return hex_->highlight(0, 0);
        hex_->highlight(item->data(0, kOffsetRole).toLongLong(), item->data(0, kLengthRole).toLongLong());
    });
    connect(goToRequest_, &QPushButton::clicked, this, &TeachingView::goToRequest);
    connect(capture_, &QPushButton::clicked, this, [this] {
        if (capturing_) {
            stopCapture();
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Capture everything"), QStringLiteral("aoe.pcap"),
                                                          tr("Packet captures (*.pcap)"));
        if (!path.isEmpty()) startCaptureTo(path);
    });
    // Esc and Ctrl+W close the window (a QKeySequence::Close would add Ctrl+F4 on some platforms,
    // and two shortcuts on one key cancel each other out).
    for (const QKeySequence& key : {QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_W)}) {
        auto* shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, &QWidget::close);
    }

    // Big enough for the table's columns, the details column included, but inside the screen
    // (scale factor 2 on a small screen).
    QSize size(1280, 760);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    resize(size);
    // More of the height to the list than the details' size hints would give it.
    split->setSizes({size.height() * 11 / 20, size.height() * 9 / 20});
    updateEmptyState();
}

TeachingView::~TeachingView() {
    if (capturing_) backend_->stopCapture();
    backend_->setFrameStream(false);
}

bool TeachingView::showsEmptyState() const { return stack_->currentWidget() == empty_; }

void TeachingView::updateEmptyState() {
    QString why;
    const HelperState state = backend_->state();
    if (model_->rowCount() > 0) {
        // Frames to show: the list (the reason new ones may not come is in the status line).
    } else if (!backend_->supportsFrameStream()) {
        why = tr("This helper does not stream frames. “Capture everything…” still writes them to a file.");
    } else if (state == HelperState::NotRunning || state == HelperState::Died) {
        why = tr("The helper is not running, so no frames can be shown. Start it from the main window.");
        if (state == HelperState::Died && !backend_->stateDetail().isEmpty()) why += QLatin1Char('\n') + backend_->stateDetail();
    } else if (state == HelperState::Authorising) {
        why = tr("Waiting for your authorisation to start the helper…");
    } else if (state == HelperState::Refused) {
        why = tr("The authorisation was refused (polkit), so the helper is not running and no frames can be shown.");
        if (!backend_->stateDetail().isEmpty()) why += QLatin1Char('\n') + backend_->stateDetail();
    } else if (!streamError_.isEmpty()) {
        why = tr("The helper refused to show you its frames: %1").arg(userMessage(streamError_));
    } else if (!streaming_) {
        why = tr("Not subscribed yet: asking the helper for its frames…");
    } else if (model_->rowCount() == 0) {
        why = model_->isPaused() ? tr("Paused: frames that arrive now are not kept.")
                                 : tr("Nothing on the wire yet: no AoE frame has reached or left an export. Start an "
                                      "initiator (for example: sudo aoe-discover) or “Try it on this computer”.");
    }
    empty_->setText(why);
    stack_->setCurrentWidget(why.isEmpty() ? static_cast<QWidget*>(table_) : empty_);
}

void TeachingView::onSampling(qint64 seen, qint64 sent, double seconds) {
    samples_.push_back({seen, sent, seconds});
    double total = 0;
    for (const Sample& s : samples_) total += s.seconds;
    // About the last second: enough to be steady at 10 events a second, recent enough to follow.
    while (samples_.size() > 1 && total - samples_.front().seconds >= kRateWindowSeconds - 1e-6) {
        total -= samples_.front().seconds;
        samples_.pop_front();
    }
    qint64 allSeen = 0, allSent = 0;
    for (const Sample& s : samples_) {
        allSeen += s.seen;
        allSent += s.sent;
    }
    const double per = total > 0 ? 1.0 / total : 1.0;
    const qint64 seenRate = qRound64(double(allSeen) * per), sentRate = qRound64(double(allSent) * per);
    const QLocale locale;
    if (allSeen == 0) sampling_->setText(tr("No frames on the wire at the moment (the list shows at most 50 a second)."));
    else if (sentRate >= seenRate)
        sampling_->setText(tr("Showing all %1 frames/s (at most 50 a second are shown).").arg(locale.toString(seenRate)));
    else
        sampling_->setText(tr("Showing %1 of %2 frames/s: a sample. “Capture everything…” keeps every frame.")
                               .arg(locale.toString(sentRate), locale.toString(seenRate)));
}

int TeachingView::selectedFrame() const {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    if (!current.isValid() || !table_->selectionModel()->isRowSelected(current.row(), {})) return -1;
    return proxy_->mapToSource(current).row();
}

void TeachingView::selectFrame(int row) {
    if (row < 0 || row >= model_->rowCount()) return;
    QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
    if (!index.isValid()) {   // filtered out: show everything again
        filter_->clear();
        index = proxy_->mapFromSource(model_->index(row, 0));
    }
    table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(index);
    table_->setFocus();
}

void TeachingView::goToRequest() {
    const int row = selectedFrame();
    if (row < 0) return;
    selectFrame(model_->requestRow(row));
}

namespace {

void addFields(QTreeWidgetItem* parent, QTreeWidget* tree, const std::vector<aoe::DissectedField>& fields, const QColor& bad) {
    for (const aoe::DissectedField& f : fields) {
        auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
        item->setText(0, QString::fromStdString(f.name));
        item->setText(1, QString::fromStdString(f.value));
        item->setData(0, kOffsetRole, qlonglong(f.offset));
        item->setData(0, kLengthRole, qlonglong(f.length));
        item->setToolTip(1, QString::fromStdString(f.value));
        if (f.truncated) item->setForeground(1, bad);
        addFields(item, tree, f.children, bad);
    }
}

}  // namespace

void TeachingView::showFrame(int row) {
    tree_->clear();
    hex_->setBytes({});
    goToRequest_->setEnabled(false);
    if (row < 0 || row >= model_->rowCount()) {
        pairLabel_->setText(tr("Select a frame to see its fields and bytes."));
        return;
    }
    const FrameSummary& f = model_->frame(row);
    if (f.head.isEmpty()) {
        pairLabel_->setText(tr("This helper sends no frame bytes (it is older than this qvblade): only the summary "
                               "is shown."));
        return;
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(f.head.constData());
    const aoe::Dissection d = aoe::dissect(bytes, size_t(f.head.size()), size_t(std::max<qsizetype>(f.length, f.head.size())));
    addFields(nullptr, tree_, d.layers, errorTextColor(tree_->palette(), QPalette::Base));
    tree_->expandAll();
    hex_->setBytes(f.head);

    QString text;
    const int request = model_->requestRow(row);
    if (f.response && request >= 0)
        text = tr("Reply to the request at %1; round trip %2.")
                   .arg(model_->index(request, FramesModel::Time).data().toString(), FramesModel::durationText(model_->roundTripUsecs(row)));
    else if (f.response && model_->roundTripUsecs(row) >= 0)
        text = tr("Reply; its request has scrolled out of the list (round trip %1).").arg(FramesModel::durationText(model_->roundTripUsecs(row)));
    else if (f.response)
        text = tr("Reply; its request is not in the list (sampled out, or sent before the view opened).");
    else
        text = tr("Request; the reply echoes its tag 0x%1.").arg(f.tag, 8, 16, QLatin1Char('0'));
    if (d.truncated) text += QLatin1Char(' ') + tr("The frame is truncated: it ends before its fields do.");
    else if (d.partial) text += QLatin1Char(' ') + tr("Only its first %1 bytes are shown.").arg(f.head.size());
    pairLabel_->setText(text);
    goToRequest_->setEnabled(request >= 0);
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
        capture_->setText(ok ? tr("&Stop capture") : tr("Capture &everything…"));
        captureStatus_->setText(ok ? tr("Capturing every AoE frame to %1.").arg(capturePath_)
                                   : tr("The capture did not start: %1").arg(error));
    } else if (id == stopRequest_) {
        stopRequest_ = -1;
        capturing_ = false;
        capture_->setText(tr("Capture &everything…"));
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
    streaming_ = false;
    QWidget::hideEvent(event);
}

}  // namespace qvblade::gui
