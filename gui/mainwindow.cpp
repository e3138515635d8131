// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QKeyEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

#include "gui/banners.h"
#include "gui/columnfitter.h"
#include "gui/exportdetails.h"
#include "gui/exportdialog.h"
#include "gui/exportsmodel.h"
#include "gui/hinttableview.h"
#include "gui/networkview.h"
#include "gui/teachingview.h"
#include "gui/throughputgraph.h"
#include "gui/usermessages.h"

namespace qvblade::gui {

void rememberExports(const QList<ExportSpec>& specs) {
    QSettings settings;
    settings.beginWriteArray(QStringLiteral("exports"), int(specs.size()));
    for (int i = 0; i < specs.size(); ++i) {
        const ExportSpec& s = specs[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("path"), s.path);
        settings.setValue(QStringLiteral("shelf"), s.shelf);
        settings.setValue(QStringLiteral("slot"), s.slot);
        settings.setValue(QStringLiteral("interfaces"), s.interfaces);
        settings.setValue(QStringLiteral("readOnly"), s.readOnly);
        settings.setValue(QStringLiteral("direct"), s.direct);
        settings.setValue(QStringLiteral("durable"), s.durable);
        settings.setValue(QStringLiteral("bufferCount"), s.bufferCount);
        settings.setValue(QStringLiteral("offset"), s.offsetSectors);
        settings.setValue(QStringLiteral("length"), s.lengthSectors);
        settings.setValue(QStringLiteral("macs"), s.allowedMacs);
    }
    settings.endArray();
}

QList<ExportSpec> rememberedExports() {
    QSettings settings;
    QList<ExportSpec> out;
    const int n = settings.beginReadArray(QStringLiteral("exports"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        ExportSpec s;
        s.path = settings.value(QStringLiteral("path")).toString();
        s.shelf = quint16(settings.value(QStringLiteral("shelf")).toUInt());
        s.slot = quint8(settings.value(QStringLiteral("slot")).toUInt());
        s.interfaces = settings.value(QStringLiteral("interfaces")).toStringList();
        s.readOnly = settings.value(QStringLiteral("readOnly")).toBool();
        s.direct = settings.value(QStringLiteral("direct")).toBool();
        // (remembered under "sync" before it was called durable)
        s.durable = settings.value(QStringLiteral("durable"), settings.value(QStringLiteral("sync"))).toBool();
        s.bufferCount = quint16(settings.value(QStringLiteral("bufferCount"), 16).toUInt());
        s.offsetSectors = settings.value(QStringLiteral("offset")).toULongLong();
        s.lengthSectors = settings.value(QStringLiteral("length")).toULongLong();
        s.allowedMacs = settings.value(QStringLiteral("macs")).toStringList();
        if (!s.path.isEmpty() && !s.interfaces.isEmpty()) out << s;
    }
    settings.endArray();
    return out;
}

MainWindow::MainWindow(ExportBackend* backend, QWidget* parent)
    : QMainWindow(parent), backend_(backend), interfaces_(systemInterfaces()) {
    // The helper's live list replaces the GUI's own view once it comes (the dialog follows it too).
    connect(backend_, &ExportBackend::interfacesChanged, this, [this](const QList<NetInterface>& list) { interfaces_ = list; });
    // The desktop adds the application's display name ("… — qvblade"): not in the title again.
    setWindowTitle(QGuiApplication::applicationDisplayName() == QLatin1String("qvblade") ? tr("ATA over Ethernet")
                                                                                        : tr("qvblade — ATA over Ethernet"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/qvblade.svg")));
    setObjectName(QStringLiteral("MainWindow"));

    model_ = new ExportsModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(ExportsModel::SortRole);

    table_ = new HintTableView;
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ExportsModel::Name, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    table_->setItemDelegateForColumn(ExportsModel::Graph, new ThroughputDelegate(table_));
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setObjectName(QStringLiteral("exportsHeader"));
    table_->setAccessibleName(tr("Exports"));
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    columns_ = new ColumnFitter(table_, QStringLiteral("window/columnWidths"), this);
    // Where room is short, the file name and the MACs elide first; the numbers stay readable.
    columns_->setShrinkFirst({ExportsModel::File, ExportsModel::Initiators, ExportsModel::Interfaces, ExportsModel::Mode,
                              ExportsModel::Owner, ExportsModel::Graph});

    graph_ = new ThroughputGraph;
    helperBanner_ = new HelperBanner;
    rmemBanner_ = new RmemBanner;
    restoreBanner_ = new RestoreBanner;
    conflictBanner_ = new ConflictBanner;
    conflictBanner_->setObjectName(QStringLiteral("conflictBanner"));
    messageBanner_ = new MessageBanner;
    messageBanner_->setObjectName(QStringLiteral("messageBanner"));

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->addWidget(table_);
    splitter->addWidget(graph_);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    // A third for the graph, whatever the height; on a small screen it shrinks to a thin plot.
    splitter->setSizes({400, 200});
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(conflictBanner_);   // first: data is being mixed up right now
    layout->addWidget(helperBanner_);
    layout->addWidget(messageBanner_);
    layout->addWidget(rmemBanner_);
    layout->addWidget(restoreBanner_);
    // What an empty window offers: export a disk, or try qvblade without a second machine.
    auto* emptyOffer = new Banner;
    emptyOffer_ = emptyOffer;
    emptyOffer_->setObjectName(QStringLiteral("emptyOffer"));
    emptyOffer->text()->setText(tr("Nothing is exported yet. Export a disk image for the computers on your network, or "
                                    "try qvblade on this computer alone: the demo makes a private network with an "
                                    "initiator that writes and reads a test pattern, so the counters, the graph and the "
                                    "teaching view come alive. It touches none of your network interfaces."));
    layout->addWidget(emptyOffer_);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    status_ = new QLabel;
    statusBar()->addPermanentWidget(status_);

    buildActions();
    emptyOffer->addActionButton(exportAction_);
    emptyOffer->addActionButton(demoAction_);

    connect(backend_, &ExportBackend::stateChanged, this, &MainWindow::onStateChanged);
    connect(backend_, &ExportBackend::exportsChanged, this, &MainWindow::onExportsChanged);
    connect(backend_, &ExportBackend::countersUpdated, model_, &ExportsModel::pushCounters);
    // The last counters of each export, for a details window opened between two samples.
    connect(backend_, &ExportBackend::countersUpdated, this, [this](const QList<CounterSample>& samples) {
        for (const CounterSample& s : samples) lastSamples_.insert(exportKey(s.shelf, s.slot), s);
    });
    connect(backend_, &ExportBackend::rmemChanged, this,
            [this](const QList<RmemStatus>& s) { rmemBanner_->setStatus(s, backend_->canMakeRmemPermanent()); });
    connect(backend_, &ExportBackend::requestFinished, this, &MainWindow::onRequestFinished);
    connect(backend_, &ExportBackend::startAtBootChanged, this, [this](const QSet<quint32>& keys) {
        model_->setStartAtBoot(keys);
        updateActions();
    });
    // A shared export expects other targets on its address; only a real conflict is shown.
    connect(backend_, &ExportBackend::addressConflict, this, [this](const QString& name, const QString& mac, bool shared) {
        if (!shared) conflictBanner_->addConflict(name, mac);
    });
    connect(backend_, &ExportBackend::exportsChanged, this, [this](const QList<ExportInfo>& exports) {
        for (const QString& name : conflictBanner_->exportNames()) {
            const bool present = std::any_of(exports.begin(), exports.end(), [&](const ExportInfo& e) {
                return exportName(e.spec.shelf, e.spec.slot) == name;
            });
            if (!present) conflictBanner_->forgetExport(name);
        }
    });
    connect(model_, &ExportsModel::refreshed, this, [this] {
        updateStatus();
        updateGraph();
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        updateGraph();
    });
    connect(table_, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(model_, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyHint);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyHint);
    // A double click asks for the export's details (issue #24; the details view connects to
    // detailsRequested). It never pauses or removes: a stray double click must not cut off an
    // initiator.
    connect(table_, &QTableView::doubleClicked, this, [this] {
        if (const ExportInfo* e = selectedExport()) emit detailsRequested(e->spec.shelf, e->spec.slot);
    });
    // Enter on a row as well: a key press the table itself receives (not a shortcut, which could
    // take Return from the banners' buttons or from another window).
    table_->installEventFilter(this);
    connect(this, &MainWindow::detailsRequested, this, [this](quint16 shelf, quint8 slot) { openDetails(shelf, slot); });
    connect(helperBanner_, &HelperBanner::restartRequested, backend_, &ExportBackend::start);
    connect(rmemBanner_, &RmemBanner::applyRequested, this, [this](qint64 bytes) {
        rmemBanner_->showResult(tr("Raising the limit…"), false);
        rmemApplyId_ = backend_->applyRmem(bytes);
    });
    connect(rmemBanner_, &RmemBanner::makePermanentRequested, this, [this](qint64 bytes) {
        rmemBanner_->showResult(tr("Writing the sysctl.d file…"), false);
        rmemPersistBytes_ = bytes;
        persistedPath_.clear();
        rmemPersistId_ = backend_->makeRmemPermanent(bytes);
    });
    connect(backend_, &ExportBackend::rmemFileWritten, this, [this](int id, const QString& path) {
        if (id != rmemPersistId_) return;
        persistedPath_ = path;
        rmemBanner_->setMadePermanent(rmemPersistBytes_, path);
    });
    connect(restoreBanner_, &RestoreBanner::restoreRequested, this, &MainWindow::restoreExports);
    connect(restoreBanner_, &RestoreBanner::dismissed, this, &MainWindow::dismissRestore);

    model_->setExports(backend_->exports());
    rmemBanner_->setStatus(backend_->rmemStatus(), backend_->canMakeRmemPermanent());
    onStateChanged(backend_->state());
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    exportAction_ = new QAction(QIcon::fromTheme(QStringLiteral("document-send"), QIcon(QStringLiteral(":/icons/qvblade.svg"))),
                                tr("&Export disk image…"), this);
    exportAction_->setShortcut(QKeySequence::New);
    pauseAction_ = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause"), this);
    pauseAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));   // nothing to print here
    resumeAction_ = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("Res&ume"), this);
    resumeAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    removeAction_ = new QAction(QIcon::fromTheme(QStringLiteral("list-remove")), tr("&Remove"), this);
    removeAction_->setShortcut(QKeySequence::Delete);
    copyCommandAction_ = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy &initiator command"), this);
    copyCommandAction_->setToolTip(tr("Copy “%1” to the clipboard: run it on a Linux initiator to see the exports.")
                                       .arg(QString::fromLatin1(kInitiatorCommand)));
    copyCliAction_ = new QAction(tr("Copy qvblade-&cli command"), this);
    detailsAction_ = new QAction(QIcon::fromTheme(QStringLiteral("document-properties")), tr("De&tails…"), this);
    detailsAction_->setToolTip(tr("Totals, initiators, Mac Mask List and options of the export (Enter, double click)"));
    connect(detailsAction_, &QAction::triggered, this, [this] {
        if (const ExportInfo* e = selectedExport()) emit detailsRequested(e->spec.shelf, e->spec.slot);
    });
    startAtBootAction_ = new QAction(QIcon::fromTheme(QStringLiteral("system-run")), tr("Start at &boot"), this);
    startAtBootAction_->setCheckable(true);
    teachingAction_ = new QAction(QIcon::fromTheme(QStringLiteral("view-list-details")), tr("&Teaching view"), this);
    teachingAction_->setToolTip(tr("Watch the AoE frames as they pass"));
    demoAction_ = new QAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Try it on this computer"), this);
    demoAction_->setToolTip(tr("A demo with its own private network: no second machine needed"));
    // The demo leaves nothing behind unless the user asks to keep its image (to look at what the
    // initiator wrote, or to start the next demo on the same data).
    keepDemoImageAction_ = new QAction(tr("&Keep the demo image when it stops"), this);
    keepDemoImageAction_->setCheckable(true);
    keepDemoImageAction_->setChecked(QSettings().value(QStringLiteral("demo/keepImage"), false).toBool());
    connect(keepDemoImageAction_, &QAction::toggled, this,
            [](bool keep) { QSettings().setValue(QStringLiteral("demo/keepImage"), keep); });
    quitAction_ = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    // The platform's Quit keys; some themes give none, and Ctrl+Q is what users try then.
    QList<QKeySequence> quitKeys = QKeySequence::keyBindings(QKeySequence::Quit);
    if (!quitKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Q))) quitKeys << QKeySequence(Qt::CTRL | Qt::Key_Q);
    quitAction_->setShortcuts(quitKeys);

    connect(exportAction_, &QAction::triggered, this, [this] { openExportDialog(); });
    connect(pauseAction_, &QAction::triggered, this, [this] {
        if (const ExportInfo* e = selectedExport()) pauseExport(e->spec.shelf, e->spec.slot, true);
    });
    connect(resumeAction_, &QAction::triggered, this, [this] {
        if (const ExportInfo* e = selectedExport()) pauseExport(e->spec.shelf, e->spec.slot, false);
    });
    connect(removeAction_, &QAction::triggered, this, [this] {
        if (const ExportInfo* e = selectedExport()) removeExport(e->spec.shelf, e->spec.slot);
    });
    connect(copyCommandAction_, &QAction::triggered, this, [this] {
        QApplication::clipboard()->setText(QString::fromLatin1(kInitiatorCommand));
        statusBar()->showMessage(tr("Copied “%1”.").arg(QString::fromLatin1(kInitiatorCommand)), 5000);
    });
    connect(copyCliAction_, &QAction::triggered, this, [this] {
        if (const ExportInfo* e = selectedExport()) QApplication::clipboard()->setText(cliCommand(e->spec));
    });
    connect(startAtBootAction_, &QAction::triggered, this, &MainWindow::setStartAtBoot);
    connect(teachingAction_, &QAction::triggered, this, [this] { openTeachingView(); });
    connect(quitAction_, &QAction::triggered, this, [this] { quitApplication(); });
    connect(demoAction_, &QAction::triggered, this, [this] {
        if (demoExport()) stopDemo();
        else startDemo();
    });

    auto* toolbar = addToolBar(tr("Exports"));
    toolbar->setObjectName(QStringLiteral("exportsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(exportAction_);
    toolbar->addSeparator();
    toolbar->addAction(pauseAction_);
    toolbar->addAction(resumeAction_);
    toolbar->addAction(removeAction_);
    toolbar->addSeparator();
    toolbar->addAction(copyCommandAction_);
    toolbar->addAction(teachingAction_);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(exportAction_);
    file->addAction(demoAction_);
    file->addAction(keepDemoImageAction_);
    file->addSeparator();
    file->addAction(quitAction_);
    QMenu* exportMenu = menuBar()->addMenu(tr("E&xport"));
    // A disabled entry's tooltip is the only place that says why it is disabled: menus do not
    // show tooltips unless told to, and Qt shows no status tip for a disabled entry.
    exportMenu->setToolTipsVisible(true);
    exportMenu->addAction(exportAction_);
    exportMenu->addSeparator();
    for (QAction* a : exportActions()) exportMenu->addAction(a);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(teachingAction_);
    // The Network window (issue #24): who answers on each interface.
    auto* networkAction = view->addAction(QIcon::fromTheme(QStringLiteral("network-wired")), tr("&Network…"));
    networkAction->setObjectName(QStringLiteral("networkAction"));
    networkAction->setToolTip(tr("The AoE targets an initiator finds on each interface"));
    connect(networkAction, &QAction::triggered, this, [this] { openNetworkView(); });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    aboutAction_ = help->addAction(tr("&About qvblade"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    updateActions();
}

QList<QAction*> MainWindow::exportActions() const {
    return {detailsAction_, pauseAction_, resumeAction_, removeAction_, startAtBootAction_, copyCommandAction_, copyCliAction_};
}

const ExportInfo* MainWindow::selectedExport() const {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return nullptr;
    return model_->exportAt(proxy_->mapToSource(rows.first()).row());
}

void MainWindow::selectExport(quint16 shelf, quint8 slot) {
    const int row = model_->rowOf(exportKey(shelf, slot));
    if (row < 0) return;
    table_->selectRow(proxy_->mapFromSource(model_->index(row, 0)).row());
}

namespace {
// An action disabled for a reason shows the reason as its tooltip (toolbar, menus with visible
// tooltips) and status tip; without one it goes back to Qt's default (its text).
void setReason(QAction* action, const QString& reason) {
    action->setToolTip(reason);
    action->setStatusTip(reason);
}
}  // namespace

void MainWindow::updateActions() {
    const bool running = backend_->state() == HelperState::Running;
    const ExportInfo* e = selectedExport();
    const bool allowed = e && mayChange(*e, backend_->clientUid());
    const QString why = e && !allowed ? notOwnerReason(*e) : QString();
    exportAction_->setEnabled(running);
    detailsAction_->setEnabled(e && e->state != ExportState::Stopped);
    pauseAction_->setEnabled(running && allowed && e->state == ExportState::Serving);
    resumeAction_->setEnabled(running && allowed && e->state == ExportState::Paused);
    removeAction_->setEnabled(running && allowed && e->state != ExportState::Stopped);
    for (QAction* a : {pauseAction_, resumeAction_, removeAction_}) setReason(a, why);
    // Whoever may change the export (the helper checks the image's path against their rights),
    // not for the demo (its image lives in the GUI's cache).
    const bool boots = e && backend_->startAtBoot().contains(e->key());
    startAtBootAction_->setEnabled(running && backend_->supportsStartAtBoot() && allowed &&
                                   !e->detailsHidden && !e->demo && e->state != ExportState::Stopped);
    startAtBootAction_->setChecked(boots);
    setReason(startAtBootAction_, boots ? tr("Served by qvblade-export@%1.service at every boot, also without qvblade").arg(bootExportName(e->spec))
                                        : tr("Serve this export at every boot, also without qvblade (asks for an administrator)"));
    // Without its path and options there is no command to copy.
    copyCliAction_->setEnabled(e && !e->detailsHidden);
    setReason(copyCliAction_, e && e->detailsHidden ? hiddenDetailsReason(*e) : QString());
    teachingAction_->setEnabled(backend_->supportsFrameStream() || backend_->supportsCapture());
    const bool demo = demoExport() != nullptr;
    demoAction_->setText(demo ? tr("Stop the &demo") : tr("&Try it on this computer"));
    demoAction_->setEnabled(running && backend_->supportsDemo() && demoStartId_ < 0 && demoStopId_ < 0);
    // Offered while nothing is exported (once the helper runs: before, the helper banner leads).
    emptyOffer_->setVisible(running && model_->rowCount() == 0);
}

const ExportInfo* MainWindow::demoExport() const {
    for (int row = 0; row < model_->rowCount(); ++row)
        if (const ExportInfo* e = model_->exportAt(row); e && e->demo) return e;
    return nullptr;
}

QString MainWindow::demoImagePath() {
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/demo.img");
}

void MainWindow::startDemo() {
    // A sparse 64 MiB file of the user's own: the helper gets the descriptor, never the path.
    const QString path = demoImagePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    if (!fd.valid() || ::ftruncate(fd.get(), 64 << 20) != 0) {
        showError(tr("Cannot create the demo image %1: %2.").arg(path, QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    statusBar()->showMessage(tr("Starting the demo…"), 15000);
    demoStartId_ = backend_->startDemo(std::move(fd));
    updateActions();
}

void MainWindow::stopDemo() {
    statusBar()->showMessage(tr("Stopping the demo…"), 15000);
    demoStopId_ = backend_->stopDemo();
    updateActions();
}

void MainWindow::updateEmptyHint() {
    auto* table = static_cast<HintTableView*>(table_);
    if (backend_->state() != HelperState::Running)
        table->setEmptyHint(tr("No exports: the helper is not running (see above)."));
    else
        table->setEmptyHint(tr("Nothing is exported yet. Choose Export disk image… (%1) to export one, or Try it on this "
                               "computer in the File menu.")
                                .arg(exportAction_->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About qvblade"),
                       tr("<h3>qvblade %1</h3><p>Exports disk images and block devices over ATA over Ethernet (AoE), "
                          "for diskless machines, classrooms and labs.</p><p>AoE has no authentication: export only on "
                          "networks you trust.</p><p>Free software under the GNU General Public License, version 2 or "
                          "later.</p>")
                           .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::updateStatus() {
    const ExportsModel::Summary s = model_->summary();
    QLocale locale;
    // Initiators are hosts (distinct MACs): one machine using two exports is one initiator.
    status_->setText(tr("%1 — %2, %3 serving, %4, %5 MB/s")
                         .arg(helperStateText(backend_->state()))
                         .arg(tr("%n export(s)", "", s.exports))
                         .arg(s.serving)
                         .arg(tr("%n initiator(s)", "", s.initiators))
                         .arg(locale.toString(s.mbps, 'f', 1)));
}

void MainWindow::updateGraph() {
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        graph_->setHistory({}, {});
        return;
    }
    const QModelIndex source = proxy_->mapToSource(rows.first());
    const QModelIndex graph = model_->index(source.row(), ExportsModel::Graph);
    graph_->setSeries(model_->index(source.row(), ExportsModel::Name).data().toString(),
                      graph.data(ExportsModel::ReadHistoryRole).value<QList<double>>(),
                      graph.data(ExportsModel::WriteHistoryRole).value<QList<double>>());
}

void MainWindow::onStateChanged(HelperState state) {
    helperBanner_->setState(state, backend_->stateDetail());
    updateEmptyHint();
    rmemBanner_->setHelperRunning(state == HelperState::Running);
    if (state != HelperState::Running) {
        if (state == HelperState::Died) {
            // Its exports are not served any more; the window keeps them, to restore them once
            // a helper is back.
            for (ExportInfo e : live_) {
                if (std::any_of(stopped_.begin(), stopped_.end(), [&](const ExportInfo& s) { return s.key() == e.key(); })) continue;
                e.state = ExportState::Stopped;
                e.stateDetail = tr("The helper exited, so nothing serves this export. Once a helper runs again, "
                                   "Restore exports it again.");
                e.initiators.clear();
                stopped_ << e;
            }
            stoppedOffered_ = false;
        }
        live_.clear();
        restoreBanner_->hide();   // restoring needs a helper
        showExports();
    }
    updateActions();
    updateStatus();
}

bool MainWindow::isLive(quint16 shelf, quint8 slot) const {
    return std::any_of(live_.begin(), live_.end(), [key = exportKey(shelf, slot)](const ExportInfo& e) { return e.key() == key; });
}

void MainWindow::showExports() {
    QList<ExportInfo> shown = live_;
    for (const ExportInfo& e : stopped_)
        if (!isLive(e.spec.shelf, e.spec.slot)) shown << e;
    model_->setExports(shown);
}

QList<ExportSpec> MainWindow::stoppedSpecs() const {
    // Only the user's own, as for the remembered list; another user's are theirs to restore.
    QList<ExportSpec> specs;
    for (const ExportInfo& e : stopped_)
        if (isOwnExport(e, backend_->clientUid()) && !isLive(e.spec.shelf, e.spec.slot)) specs << e.spec;
    return specs;
}

void MainWindow::dismissRestore() {
    // The user chose: the stopped rows go, and what is remembered is what runs.
    stopped_.clear();
    showExports();
    updateActions();
    updateStatus();
    if (backend_->state() != HelperState::Running) return;
    QList<ExportSpec> specs;
    for (const ExportInfo& e : live_)
        if (isOwnExport(e, backend_->clientUid())) specs << e.spec;
    rememberExports(specs);
}

void MainWindow::onExportsChanged(const QList<ExportInfo>& exports) {
    model_->setClientUid(backend_->clientUid());
    if (backend_->state() == HelperState::Running) {
        live_ = exports;
        // Served again (restored, or kept by a helper that survived): no longer stopped.
        stopped_.removeIf([this](const ExportInfo& e) { return isLive(e.spec.shelf, e.spec.slot); });
    }
    showExports();
    if (!table_->selectionModel()->hasSelection() && model_->rowCount()) table_->selectRow(0);
    updateActions();
    updateStatus();
    updateGraph();
    if (backend_->state() != HelperState::Running || quitting_) return;
    // Only the user's own exports: another user's are theirs to restore (and their files may be
    // readable to this user, who would then export them as their own).
    QList<ExportSpec> specs;
    for (const ExportInfo& e : exports)
        if (isOwnExport(e, backend_->clientUid()) && !e.demo) specs << e.spec;   // a demo is not restored
    if (!restoreOffered_) {
        // First list from a running helper: offer last session's exports that are not served now.
        restoreOffered_ = true;
        QList<ExportSpec> missing;
        for (const ExportSpec& s : rememberedExports())
            if (!isLive(s.shelf, s.slot)) missing << s;
        restoreBanner_->offer(missing);
        if (!missing.isEmpty() && stopped_.isEmpty()) return;   // keep remembering them until restored or dismissed
    }
    const QList<ExportSpec> stopped = stoppedSpecs();
    auto listed = [](const QList<ExportSpec>& list, const ExportSpec& s) {
        return std::any_of(list.begin(), list.end(), [&](const ExportSpec& o) { return o.shelf == s.shelf && o.slot == s.slot; });
    };
    if (!stopped.isEmpty() && !stoppedOffered_) {
        // A helper is back after one exited: one click exports them again (with what was
        // offered before, if anything).
        stoppedOffered_ = true;
        QList<ExportSpec> offer = stopped;
        for (const ExportSpec& s : restoreBanner_->offered())
            if (!isLive(s.shelf, s.slot) && !listed(offer, s)) offer << s;
        restoreBanner_->offerStopped(offer);
    }
    if (restoreBanner_->isVisible() && !restoreBanner_->offered().isEmpty()) {
        for (const ExportSpec& s : restoreBanner_->offered())
            if (!isLive(s.shelf, s.slot) && !listed(specs, s)) specs << s;
    }
    // A crash does not make the remembered list forget what ran: only the user's choice does.
    for (const ExportSpec& s : stopped)
        if (!listed(specs, s)) specs << s;
    rememberExports(specs);
}

void MainWindow::onRequestFinished(int id, bool ok, const QString& error) {
    if (id == demoStartId_ || id == demoStopId_) {
        const bool starting = id == demoStartId_;
        (starting ? demoStartId_ : demoStopId_) = -1;
        if (starting && ok) {
            statusBar()->showMessage(tr("The demo runs: its initiator writes and reads a test pattern on a private network. "
                                        "Stop it from the File menu or the tray."),
                                     15000);
            openTeachingView();
        } else if (starting) {
            if (!keepDemoImageAction_->isChecked()) QFile::remove(demoImagePath());
            showError(tr("The demo did not start: %1").arg(userMessage(error)));
        } else if (ok) {
            // Its network and process are gone; the image too unless the user chose to keep it.
            if (keepDemoImageAction_->isChecked()) {
                statusBar()->showMessage(tr("The demo is stopped; its image stays in %1.").arg(demoImagePath()), 15000);
            } else {
                QFile::remove(demoImagePath());
                statusBar()->showMessage(tr("The demo is stopped and its image removed."), 15000);
            }
        } else {
            showError(tr("The demo could not be stopped: %1").arg(userMessage(error)));
        }
        updateActions();
        return;
    }
    if (id == rmemApplyId_) {
        rmemApplyId_ = -1;
        rmemBanner_->showResult(ok ? QString() : tr("The limit was not changed: %1").arg(userMessage(error)), !ok);
        return;
    }
    if (id == rmemPersistId_) {
        rmemPersistId_ = -1;
        // The path the helper wrote (it chooses the directory), not the one it usually writes.
        if (ok)
            rmemBanner_->showResult(persistedPath_.isEmpty()
                                        ? tr("The sysctl.d file is written: the limit is set at every boot. “Apply” raises it now.")
                                        : tr("Written to %1: the limit is set at every boot. “Apply” raises it now.").arg(persistedPath_),
                                    false);
        else
            rmemBanner_->offerCommand(tr("The file was not written: %1").arg(userMessage(error)));
        return;
    }
    if (restoring_.contains(id)) {
        const QString name = restoring_.take(id);
        if (!ok) restoreErrors_ << QStringLiteral("%1: %2").arg(name, userMessage(error));
        if (restoring_.isEmpty()) restoreBanner_->showErrors(restoreErrors_);
        return;
    }
    if (!pending_.contains(id)) return;
    const QString what = pending_.take(id);
    if (!ok) showError(tr("%1 failed: %2").arg(what, userMessage(error)));
    updateActions();
}

void MainWindow::showError(const QString& text) { messageBanner_->showMessage(text); }

void MainWindow::setStartAtBoot(bool on) {
    const ExportInfo* e = selectedExport();
    if (!e) return;
    UniqueFd fd;
    if (on) {
        // Opened again, with this user's rights: what the helper checks the path against.
        fd.reset(::open(e->spec.path.toLocal8Bit().constData(), (e->spec.readOnly ? O_RDONLY : O_RDWR) | O_CLOEXEC));
        if (!fd.valid()) {
            showError(tr("%1 cannot start at boot: %2 cannot be opened (%3).")
                          .arg(exportLabel(*e), e->spec.path, QString::fromLocal8Bit(strerror(errno))));
            updateActions();
            return;
        }
    }
    const int id = backend_->setStartAtBoot(e->spec, std::move(fd), on);
    if (id >= 0) pending_.insert(id, on ? tr("Starting %1 at boot").arg(exportLabel(*e)) : tr("Not starting %1 at boot").arg(exportLabel(*e)));
    updateActions();   // the check follows the helper's answer, not the click
}

bool MainWindow::refuseChange(quint16 shelf, quint8 slot) {
    const ExportInfo* e = model_->exportAt(model_->rowOf(exportKey(shelf, slot)));
    if (!e || mayChange(*e, backend_->clientUid())) return false;
    showError(notOwnerReason(*e));
    return true;
}

void MainWindow::pauseExport(quint16 shelf, quint8 slot, bool paused) {
    if (refuseChange(shelf, slot)) return;
    const int id = backend_->setPaused(shelf, slot, paused);
    pending_.insert(id, paused ? tr("Pausing %1").arg(exportName(shelf, slot)) : tr("Resuming %1").arg(exportName(shelf, slot)));
}

void MainWindow::removeExport(quint16 shelf, quint8 slot) {
    if (refuseChange(shelf, slot)) return;
    if (confirmRemove_) {
        // Says whether anyone uses it, and names what each button does.
        const QString name = exportName(shelf, slot);
        const int row = model_->rowOf(exportKey(shelf, slot));
        const ExportInfo* e = model_->exportAt(row);
        const QStringList initiators = e ? e->initiators : QStringList();
        const double mbps = row >= 0 ? model_->index(row, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble() : 0;
        QString text;
        if (mbps > 0)
            text = tr("%1 is in use right now (%2 MB/s) by %3. Removing it takes the disk away from under them: what they "
                      "have not written yet is lost, and their file systems may be damaged.")
                       .arg(name, QLocale().toString(mbps, 'f', 1), initiators.isEmpty() ? tr("an initiator") : initiators.join(QStringLiteral(", ")));
        else if (!initiators.isEmpty())
            text = tr("%1 has been used by %2 and may still be mounted there. Removing it takes the disk away from them.")
                       .arg(name, initiators.join(QStringLiteral(", ")));
        else
            text = tr("No initiator has used %1. Removing it stops exporting it; the image file stays as it is.").arg(name);
        QMessageBox box(QMessageBox::Warning, tr("Remove %1").arg(name), text, QMessageBox::NoButton, this);
        QPushButton* remove = box.addButton(tr("&Remove %1").arg(name), QMessageBox::DestructiveRole);
        QPushButton* keep = box.addButton(tr("&Keep exporting"), QMessageBox::RejectRole);
        box.setDefaultButton(keep);
        box.setEscapeButton(keep);
        box.exec();
        if (box.clickedButton() != remove) return;
    }
    pending_.insert(backend_->removeExport(shelf, slot), tr("Removing %1").arg(exportName(shelf, slot)));
}

void MainWindow::restoreExports(const QList<ExportSpec>& specs) {
    restoreErrors_.clear();
    for (const ExportSpec& s : specs) {
        QString error;
        UniqueFd fd = openImage(s, error);
        if (!fd.valid()) {
            restoreErrors_ << QStringLiteral("%1: %2").arg(exportName(s.shelf, s.slot), error);
            continue;
        }
        restoring_.insert(backend_->addExport(s, std::move(fd)), exportName(s.shelf, s.slot));
    }
    if (restoring_.isEmpty()) restoreBanner_->showErrors(restoreErrors_);
}

ExportDialog* MainWindow::openExportDialog() {
    auto* dialog = new ExportDialog(
        backend_, [this](quint16 shelf, quint8 slot) { return model_->isTaken(shelf, slot); }, interfaces_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ExportSpec s = dialog->spec();
        statusBar()->showMessage(tr("%1 is exported. On a Linux initiator run: %2")
                                     .arg(exportName(s.shelf, s.slot), QString::fromLatin1(kInitiatorCommand)),
                                 15000);
    });
    dialog->show();
    return dialog;
}

NetworkView* MainWindow::openNetworkView() {
    if (!network_) {
        network_ = new NetworkView(backend_, interfaces_, this);
        network_->setAttribute(Qt::WA_DeleteOnClose);
    }
    network_->show();
    network_->raise();
    return network_;
}

TeachingView* MainWindow::openTeachingView() {
    if (!teaching_) {
        teaching_ = new TeachingView(backend_, this);
        teaching_->setAttribute(Qt::WA_DeleteOnClose);
    }
    teaching_->show();
    teaching_->raise();
    return teaching_;
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            detailsAction_->trigger();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

ExportDetailsDialog* MainWindow::openDetails(quint16 shelf, quint8 slot) {
    // A stopped export (what ran when the helper exited) has no counters nor options to change.
    const int row = model_->rowOf(exportKey(shelf, slot));
    const ExportInfo* e = row >= 0 ? model_->exportAt(row) : nullptr;
    if (!e || e->state == ExportState::Stopped) return nullptr;
    QPointer<ExportDetailsDialog>& d = details_[exportKey(shelf, slot)];
    if (!d) {
        d = new ExportDetailsDialog(backend_, shelf, slot, this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        if (const auto last = lastSamples_.constFind(exportKey(shelf, slot)); last != lastSamples_.constEnd()) d->setCounters({*last});
        d->resize(d->sizeHint());
    }
    d->show();
    d->raise();
    d->activateWindow();
    return d;
}

void MainWindow::showContextMenu(const QPoint& pos) {
    const QModelIndex index = table_->indexAt(pos);
    if (index.isValid()) table_->selectRow(index.row());
    QMenu menu(this);
    menu.setToolTipsVisible(true);   // the reasons of disabled entries
    if (selectedExport()) {
        for (QAction* a : exportActions()) menu.addAction(a);
    } else {
        menu.addAction(exportAction_);
        menu.addAction(copyCommandAction_);
    }
    menu.exec(table_->viewport()->mapToGlobal(pos));
}

bool MainWindow::quitApplication(QuitChoice choice) {
    const QList<ExportInfo> exports = model_->exportList();
    const bool ownExports = std::any_of(exports.begin(), exports.end(),
                                        [this](const ExportInfo& e) { return isOwnExport(e, backend_->clientUid()); });
    // Stopping ends only the user's own exports: nothing to ask when all are someone else's.
    if (choice == QuitChoice::Ask && backend_->state() == HelperState::Running && ownExports) {
        QMessageBox box(QMessageBox::Question, tr("Quit qvblade"),
                        tr("Keep the exports running after qvblade quits? The helper goes on serving them, and "
                           "qvblade finds them again when you start it."),
                        QMessageBox::NoButton, this);
        QPushButton* keep = box.addButton(tr("&Keep serving"), QMessageBox::AcceptRole);
        QPushButton* stop = box.addButton(tr("&Stop exports"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() == keep) choice = QuitChoice::KeepExports;
        else if (box.clickedButton() == stop) choice = QuitChoice::StopExports;
        else return false;
    }
    quitting_ = true;
    saveWindowState();
    backend_->shutdown(choice != QuitChoice::StopExports);
    emit quitRequested();
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveWindowState();
    if (trayAvailable_ && !quitting_) {
        hide();
        event->ignore();
        // Said once: a window that vanishes on close looks like a quit that left the exports behind.
        QSettings settings;
        const bool first = !settings.value(QStringLiteral("tray/closeExplained")).toBool();
        settings.setValue(QStringLiteral("tray/closeExplained"), true);
        emit closedToTray(first);
        return;
    }
    if (quitting_ || quitApplication()) {
        event->accept();
        return;
    }
    event->ignore();
}

void MainWindow::saveWindowState() {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    columns_->save();
    settings.setValue(QStringLiteral("window/sortColumn"), table_->horizontalHeader()->sortIndicatorSection());
    settings.setValue(QStringLiteral("window/sortOrder"), int(table_->horizontalHeader()->sortIndicatorOrder()));
}

QSize MainWindow::defaultSize() const {
    // Room for every column on a common screen; on a small one (or at scale factor 2, where a
    // 1600×1000 screen is 800×500) no more than the screen offers, frame and panels included,
    // so the banners' buttons and the status bar stay on it.
    QSize size(1100, 560);
    if (const QScreen* s = screen()) {
        const QRect available = s->availableGeometry();
        size = size.boundedTo(QSize(available.width() * 9 / 10, available.height() * 85 / 100));
    }
    return size;
}

void MainWindow::restoreWindowState() {
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(defaultSize());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // Column widths: the fitter's (the user's where they dragged a divider, else fitted).
    const int sortColumn = settings.value(QStringLiteral("window/sortColumn"), int(ExportsModel::Name)).toInt();
    if (sortColumn >= 0 && sortColumn < ExportsModel::ColumnCount)
        table_->sortByColumn(sortColumn, Qt::SortOrder(settings.value(QStringLiteral("window/sortOrder"), 0).toInt()));
    columns_->fit();
}

}  // namespace qvblade::gui
