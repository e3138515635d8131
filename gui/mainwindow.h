// SPDX-License-Identifier: GPL-2.0-or-later
// The main window: banners (helper, receive buffer, restore), the exports table with its
// toolbar and context menu, and a throughput graph of the selected export.
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include "gui/exportbackend.h"

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace qvblade::gui {

class ExportsModel;
class HelperBanner;
class RmemBanner;
class RestoreBanner;
class ConflictBanner;
class MessageBanner;
class ThroughputGraph;
class ColumnFitter;
class ExportDialog;
class TeachingView;
class NetworkView;
class ExportDetailsDialog;

// The command an initiator runs to find the exports.
inline constexpr const char* kInitiatorCommand = "modprobe aoe; aoe-discover; aoe-stat";

// Exports remembered in QSettings for the next start.
void rememberExports(const QList<ExportSpec>& specs);
QList<ExportSpec> rememberedExports();

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(ExportBackend* backend, QWidget* parent = nullptr);
    ~MainWindow() override;

    ExportsModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    HelperBanner* helperBanner() const { return helperBanner_; }
    RmemBanner* rmemBanner() const { return rmemBanner_; }
    RestoreBanner* restoreBanner() const { return restoreBanner_; }
    // Failed actions, until dismissed.
    MessageBanner* messageBanner() const { return messageBanner_; }
    void showError(const QString& text);
    // The size of a first start: what the table wants, within the screen's available geometry.
    QSize defaultSize() const;
    ThroughputGraph* graph() const { return graph_; }
    QLabel* statusLabel() const { return status_; }

    // Interfaces the export dialog offers (tests set their own).
    void setInterfaces(const QList<NetInterface>& interfaces) { interfaces_ = interfaces; }
    // Closing the window hides it when a tray icon is there; otherwise it quits.
    void setTrayAvailable(bool on) { trayAvailable_ = on; }
    void setConfirmRemove(bool on) { confirmRemove_ = on; }

    enum class QuitChoice { Ask, KeepExports, StopExports };
    // Ends the application; asks whether the helper should keep serving when exports exist.
    // Returns false when the user cancelled.
    bool quitApplication(QuitChoice choice = QuitChoice::Ask);

    ExportDialog* openExportDialog();   // non-modal; returns the dialog
    TeachingView* openTeachingView();
    // The Network window: who answers on the interfaces (one window, raised when open already).
    NetworkView* openNetworkView();
    // An export's details (one window per export, raised when open already); nullptr for none.
    ExportDetailsDialog* openDetails(quint16 shelf, quint8 slot);
    QAction* detailsAction() const { return detailsAction_; }
    QList<QAction*> exportActions() const;
    QAction* exportAction() const { return exportAction_; }
    QAction* pauseAction() const { return pauseAction_; }
    QAction* resumeAction() const { return resumeAction_; }
    QAction* removeAction() const { return removeAction_; }
    QAction* quitAction() const { return quitAction_; }
    QAction* aboutAction() const { return aboutAction_; }
    QAction* copyCommandAction() const { return copyCommandAction_; }
    QAction* copyCliAction() const { return copyCliAction_; }
    // "Try it on this computer" / "Stop the demo" (File menu, tray, the empty window's offer).
    QAction* demoAction() const { return demoAction_; }
    // File › "Keep the demo image when it stops" (remembered; off: the demo leaves nothing behind).
    QAction* keepDemoImageAction() const { return keepDemoImageAction_; }
    QAction* startAtBootAction() const { return startAtBootAction_; }
    QWidget* emptyOffer() const { return emptyOffer_; }
    // The running demo's export, or nullptr.
    const ExportInfo* demoExport() const;
    // Creates the sparse demo image in the cache directory and asks the helper to start the demo.
    void startDemo();
    void stopDemo();
    // Where the demo image lives (the user's cache directory).
    static QString demoImagePath();

    // Selected export (or none).
    const ExportInfo* selectedExport() const;
    void selectExport(quint16 shelf, quint8 slot);
    void pauseExport(quint16 shelf, quint8 slot, bool paused);
    void removeExport(quint16 shelf, quint8 slot);
    // Opens the files of `specs` as the user and asks the backend to export them.
    void restoreExports(const QList<ExportSpec>& specs);

signals:
    // The user chose to quit and the backend was told what to do with the exports.
    void quitRequested();
    // Closing hid the window: qvblade goes on in the tray. firstTime: never said before (QSettings).
    void closedToTray(bool firstTime);
    // A double click on an export, Enter on it or "Details…": its details open (openDetails).
    void detailsRequested(quint16 shelf, quint8 slot);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildActions();
    void onStateChanged(HelperState state);
    void onExportsChanged(const QList<ExportInfo>& exports);
    // The table: the helper's exports and, greyed, those that ran when a helper exited.
    void showExports();
    bool isLive(quint16 shelf, quint8 slot) const;
    // The user's own stopped exports, as "Restore" offers them.
    QList<ExportSpec> stoppedSpecs() const;
    void dismissRestore();
    void onRequestFinished(int id, bool ok, const QString& error);
    void updateActions();
    // The selected export starts at every boot (on) or no longer does.
    void setStartAtBoot(bool on);
    // Another user's export that this user may not change: says so in the status bar.
    bool refuseChange(quint16 shelf, quint8 slot);
    void updateStatus();
    void updateGraph();
    void showContextMenu(const QPoint& pos);
    void updateEmptyHint();
    void showAbout();
    void saveWindowState();
    void restoreWindowState();

    ExportBackend* backend_;
    ExportsModel* model_;
    QSortFilterProxyModel* proxy_;
    QTableView* table_;
    ColumnFitter* columns_;
    ThroughputGraph* graph_;
    HelperBanner* helperBanner_;
    RmemBanner* rmemBanner_;
    RestoreBanner* restoreBanner_;
    ConflictBanner* conflictBanner_;
    MessageBanner* messageBanner_;
    QLabel* status_;
    QList<NetInterface> interfaces_;
    bool trayAvailable_ = false;
    bool confirmRemove_ = true;
    bool quitting_ = false;
    bool restoreOffered_ = false;
    QList<ExportInfo> live_;      // the helper's list, while it runs
    // What ran when the helper exited: kept (and remembered for the next start) until served
    // again or dismissed, whatever the next helper lists.
    QList<ExportInfo> stopped_;
    bool stoppedOffered_ = false;   // offered since the last exit
    QPointer<TeachingView> teaching_;
    QPointer<NetworkView> network_;
    QHash<quint32, QPointer<ExportDetailsDialog>> details_;
    QHash<quint32, CounterSample> lastSamples_;

    QAction* exportAction_ = nullptr;
    QAction* pauseAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QAction* removeAction_ = nullptr;
    QAction* copyCommandAction_ = nullptr;
    QAction* copyCliAction_ = nullptr;
    QAction* teachingAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* demoAction_ = nullptr;
    QAction* keepDemoImageAction_ = nullptr;
    QAction* startAtBootAction_ = nullptr;
    QAction* aboutAction_ = nullptr;
    QAction* detailsAction_ = nullptr;
    QWidget* emptyOffer_ = nullptr;
    int demoStartId_ = -1, demoStopId_ = -1;

    // Requests whose failure the window reports, and what they were.
    QHash<int, QString> pending_;
    int rmemApplyId_ = -1, rmemPersistId_ = -1;
    qint64 rmemPersistBytes_ = 0;
    QString persistedPath_;   // what the helper's persist-rmem answered
    QHash<int, QString> restoring_;
    QStringList restoreErrors_;
};

}  // namespace qvblade::gui
