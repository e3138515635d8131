// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade-helper's server: accepts clients (the pkexec socketpair on stdin, and/or a listening
// UNIX socket), authorises each privileged request (pkexec owner, root, or polkit), validates
// every field and runs the request on the engine thread. Errors are replies, never a dropped
// connection; a client that goes away leaves its exports running.
// server.cpp: connections and the request table; authorization.cpp: who may do what;
// export_requests.cpp, rmem_requests.cpp, capture_requests.cpp: the requests themselves.
#pragma once

#include <sys/types.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>
#include <optional>

#include "privhelper/address_prober.h"
#include "privhelper/audit_log.h"
#include "privhelper/connection.h"
#include "privhelper/engine_host.h"
#include "privhelper/frame_tap.h"
#include "privhelper/peer.h"
#include "privhelper/polkit.h"
#include "privhelper/service_manager.h"
#include "privhelper/protocol/message_io.h"
#include "privhelper/sysctl_conf.h"

namespace qvblade::helper {

class Server;
struct StoreEntry;
struct RbdSource;
struct StoreCopy;
class Fields;

struct ServerOptions {
    bool pkexec = false;                 // started by pkexec: the owner is PKEXEC_UID
    std::optional<uid_t> ownerUid;       // may manage exports without asking polkit
    QString helperName = QStringLiteral("qvblade-helper 0.1.0");
    // Where persist-rmem writes 60-qvblade.conf: fixed at start-up, never chosen by a client.
    QString sysctlDir = QString::fromLatin1(kSysctlConfDir);
    // Start at boot: "" is the machine itself (/etc/qvblade, systemctl on the running system);
    // tests give a directory (--boot-root) that stands for "/" in both (systemctl --root=DIR).
    QString bootRoot;
    // Per non-root uid (root sets them with --max-exports-per-user / --max-clients-per-user).
    int maxExportsPerUid = 64;
    int maxClientsPerUid = 16;
    // Descriptors kept free for connections (root's and new clients', who are then told why
    // they cannot add more) and the engine's sockets: add-export is refused below this.
    int descriptorReserve = 64;
    // Service mode under systemd: every export (but removeOnDisconnect ones) goes into the
    // service manager's descriptor store, so a restarted helper gets it back (stored_exports.h).
    bool fdStore = false;
    QString journalSocket = QString::fromLatin1(AuditLog::kJournalSocket);
};

class Server : public QObject {
    Q_OBJECT
public:
    explicit Server(ServerOptions options, QObject* parent = nullptr);
    ~Server() override;

    // Creates the directory (0755, root's) and the socket (0666) and accepts clients on it.
    bool listen(const QString& path, QString& error);
    // Serves the client on `fd` (a connected stream socket), e.g. the pkexec socketpair.
    bool serveStdio(int fd, QString& error);
    // Stops the engine: in-flight writes land and every store is flushed.
    void shutdown();
    // Exports again what systemd's descriptor store handed back at start (takePassedDescriptors),
    // each with the owner it was stored with; what cannot be restored is logged and dropped from
    // the store.
    void restoreStoredExports(std::vector<PassedFd> passed);

Q_SIGNALS:
    // The helper has nothing more to do (stdio client gone and no exports left).
    void finished();

private:
    friend class Connection;
    struct Request;
    using RequestPtr = std::shared_ptr<Request>;
    using Handler = void (Server::*)(const RequestPtr&);

    void onAcceptable();
    void handle(Connection* c, Incoming& in);
    void connectionClosed(Connection* c);
    void authorize(const RequestPtr& r, const char* action, std::function<void()> allowed);
    void ok(const RequestPtr& r, const QJsonObject& result);
    void fail(const RequestPtr& r, const QString& code, const QString& message);
    // `exportName` (e.g. "e5.1") goes into the journal's QVBLADE_EXPORT field.
    void audit(const RequestPtr& r, const QString& what, const QString& exportName = {}, bool refused = false);
    // Runs `allowed` when the client may change export `name`: its owner, root, or a client
    // polkit authorises for org.qvblade.manage-any-export. An unknown name is allowed (the
    // request then answers not-found).
    void authorizeOwner(const RequestPtr& r, const QString& name, std::function<void()> allowed);
    // `full` (an export object as the engine describes it) as the client `peer` may see it:
    // with its owner, and only name, size and state when the export is someone else's.
    QJsonObject exportView(const PeerCredentials& peer, QJsonObject full) const;
    bool seesDetails(const PeerCredentials& peer, const QString& exportName) const;
    // Descriptors this process may still open before its RLIMIT_NOFILE.
    static int descriptorsLeft();

    void hello(const RequestPtr& r);
    void listInterfaces(const RequestPtr& r);
    void listExports(const RequestPtr& r);
    void addExport(const RequestPtr& r);
    // add-export's second half, once the backing store is open: into the engine, on record.
    void addWithStore(const RequestPtr& r, ExportSettings s, std::unique_ptr<BackingStore> store, bool removeOnDisconnect,
                      std::shared_ptr<StoreCopy> toStore);
    // What of export `s` goes into systemd's descriptor store once it runs: a duplicate of
    // `imageFd`, or for an RBD image (imageFd -1) its add-export "rbd" values; nothing without a
    // store, for one that ends with its client, or for one the store handed back.
    std::shared_ptr<StoreCopy> copyForStore(const RequestPtr& r, const ExportSettings& s, bool removeOnDisconnect, int imageFd) const;
    // An "rbd" source: opened on a worker thread (librados blocks for seconds on a missing
    // cluster), then addWithStore on this thread.
    void openRbdExport(const RequestPtr& r, ExportSettings s, const RbdSource& source, bool removeOnDisconnect);
    void removeExport(const RequestPtr& r);
    void pauseExport(const RequestPtr& r);
    void resumeExport(const RequestPtr& r);
    void setPaused(const RequestPtr& r, bool paused);
    void setExportOptions(const RequestPtr& r);
    void subscribeCounters(const RequestPtr& r);
    void subscribeExports(const RequestPtr& r);
    // Live interfaces (link_requests.cpp): the watcher's changes go to subscribed clients as
    // interface-changed events, to the engine, and to the exports' state (interfacesDown).
    void subscribeInterfaces(const RequestPtr& r);
    void watchLinks();
    void linksChanged();
    // The interfaces of an export object that do not serve now (down, without carrier, gone).
    QJsonArray interfacesDown(const QJsonObject& exportJson) const;
    // Tells every client that subscribed to export changes; `exportJson` is empty for "removed".
    void announceExportChange(const QString& change, const QString& name, QJsonObject exportJson = {});
    void rmemStatus(const RequestPtr& r);
    void applyRmem(const RequestPtr& r);
    void persistRmem(const RequestPtr& r);
    // The bytes an rmem request asked for, or (0) what the running exports need; fails the
    // request when neither gives a value.
    void withRmemTarget(const RequestPtr& r, qint64 asked, std::function<void(long)> then);
    void startCapture(const RequestPtr& r);
    void stopCapture(const RequestPtr& r);
    void subscribeFrames(const RequestPtr& r);
    // Start at boot (boot_requests.cpp): NAME.conf and qvblade-export@NAME.service.
    void enableBootExport(const RequestPtr& r);
    void disableBootExport(const RequestPtr& r);
    void listBootExports(const RequestPtr& r);
    QString bootConfDir() const;
    // Runs systemctl (with --root= for a --boot-root) with `args`; `done` gets its exit code (-1:
    // it did not run) and what it printed.
    void runSystemctl(const QStringList& args, std::function<void(int exitCode, const QString& output)> done);
    // The export fields add-export and enable-boot-export share, read into `s` (interfaces
    // checked, shelf, slot and an interface required); faults `f` otherwise.
    static void readExportSettings(Fields& f, ExportSettings& s);
    void probeAddress(const RequestPtr& r);
    // Every target answering a broadcast Query Config on one interface, and this helper's own there.
    void scanNetwork(const RequestPtr& r);
    // Interface names of a request field, checked (each must exist); faults `f` otherwise.
    static std::vector<std::string> interfaceNames(Fields& f, const QStringList& names);
    // Runs `free` unless another target answers for the request's shelf.slot on its interfaces
    // (for a shared export, askStorage: unless one of them serves other storage than
    // `storageId`, core/address_probe.h addressRefusal); then (or when the probe fails) the
    // request is refused.
    void unlessAddressTaken(const RequestPtr& r, AddressProbeRequest request, const std::string& storageId,
                            std::function<void()> free);
    // The engine saw another target answer as `name` (engine thread → here): log it, tell the clients.
    void watchAddressConflicts();
    void addressConflict(const QString& name, const QString& interface, const QString& mac, bool shared);

    // The demo (demo_requests.cpp): qvblade-demo's namespace, veth pair and built-in initiator.
    struct Demo;
    void startDemo(const RequestPtr& r);
    void stopDemo(const RequestPtr& r);
    void demoLinkReady();
    // Ends the demo: its export removed (announced), its process stopped; `why` goes to the log,
    // and to the start request when one still waits.
    void endDemo(const QString& why);
    bool isDemo(const QString& exportName) const;

    void pushCounters();
    void drainTap();
    void updateTap();
    void maybeFinish();

    ServerOptions options_;
    QString listenPath_;
    int listenFd_ = -1;
    std::unique_ptr<QSocketNotifier> acceptNotifier_;
    std::vector<QPointer<Connection>> connections_;
    PolkitAuthority polkit_;
    struct ExportOwner {
        uid_t uid;
        QString userName;   // looked up once, when the export is added
        std::vector<std::string> fdStoreNames;   // its entries in systemd's descriptor store
        QJsonObject rbdValues;   // an RBD image's add-export "rbd" object (key included), for those entries
    };
    // Drops a removed export's owner and its descriptor-store entries.
    void forgetExport(const QString& name);
    // Puts an added export's descriptors into the service manager's store; their names.
    std::vector<std::string> keepInStore(const QString& name, const StoreEntry& entry, const UniqueFd& image);
    // Asks the service manager to close the stored descriptors of these names.
    void removeFromStore(const std::vector<std::string>& names);
    // Replaces an export's entries in systemd's descriptor store with ones for `settings` (after
    // set-export-options); nothing for an export that is not kept there.
    void updateStoreEntries(const QString& name, const ExportSettings& settings, const UniqueFd& image);
    std::map<QString, ExportOwner> exportOwners_;   // "e1.0" -> who added it
    AuditLog auditLog_;
    int spareFd_ = -1;   // given up to accept (and refuse) a client when descriptors run out
    bool stdioClientGone_ = false;
    bool hadStdio_ = false;
    QTimer countersTimer_, tapTimer_;
    FrameTap tap_;
    QElapsedTimer tapClock_;   // the time each drain of the tap covers (the sampling rate)
    bool observerInstalled_ = false;
    AddressProber prober_{this};
    std::unique_ptr<Demo> demo_;
    std::unique_ptr<os::LinkWatcher> links_;
    std::unique_ptr<QSocketNotifier> linksNotifier_;
    QTimer linksPoll_;   // a watcher without a descriptor (the portable build's) is polled
    int demoCount_ = 0;
    int rbdOpening_ = 0;   // RBD images being opened on workers (at most kMaxRbdOpening)
    std::unique_ptr<EngineHost> engine_;   // last member: stopped first, before the rest goes
};

}  // namespace qvblade::helper
