// SPDX-License-Identifier: GPL-2.0-or-later
// What the GUI needs from whoever serves the exports: the privileged helper in the product
// (HelperBackend, an adapter over the helper's client library), a fake in the tests.
// Everything is asynchronous: requests return at once, answers and pushed state come as signals,
// so the UI thread never waits for the helper.
#pragma once

#include <QHash>
#include <QSet>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QDateTime>

#include <optional>

#include "privhelper/protocol/unique_fd.h"

namespace qvblade::gui {

using UniqueFd = qvblade::helper::UniqueFd;

// A Ceph RBD image as the export's source (docs/rbd.md, "In the GUI"): the files the user chose,
// and what the GUI read from them as the user. Only the values go to the helper; the key is kept
// in memory only (never in QSettings, never in cliCommand).
struct RbdImageSpec {
    QString confFile;      // the cluster's configuration (ceph.conf) the user picked
    QString keyringFile;   // the keyring the user picked
    QString id = QStringLiteral("admin");   // the Ceph user, without "client."
    QString monitors;      // mon_host, read from confFile
    QString key;           // client.<id>'s key, read from keyringFile
    QString pool, image, snapshot;   // snapshot empty: the image itself
    // rados_osd_op_timeout (--ceph-osd-timeout): 0 waits for an OSD that is down as long as it
    // takes, while the initiator retransmits; otherwise the initiator sees I/O errors after it.
    quint32 osdTimeoutSeconds = 0;
    bool operator==(const RbdImageSpec&) const = default;
};

// What the user asked for: the GUI's view of qvblade-cli's options for one export.
struct ExportSpec {
    quint16 shelf = 0;
    quint8 slot = 0;
    QString path;                 // display name; the backend gets the open descriptor
    QStringList interfaces;
    bool readOnly = false;
    bool direct = false;          // -d
    bool durable = false;         // -s: every acknowledged write on stable storage
    quint16 bufferCount = 16;     // -b
    quint64 offsetSectors = 0;    // -o
    quint64 lengthSectors = 0;    // -l (0: to the end)
    QStringList allowedMacs;      // -m
    // --allow-shared-address: serve although another target answers for shelf.slot (several
    // targets in front of the same shared storage); otherwise the helper refuses a taken address.
    bool allowSharedAddress = false;
    // Set: the export serves this RBD image (path is "rbd:POOL/IMAGE[@SNAP]"), no descriptor.
    std::optional<RbdImageSpec> rbd;
    quint32 key() const { return quint32(shelf) << 8 | slot; }
    bool operator==(const ExportSpec&) const = default;
};

// "e9.0"
QString exportName(quint16 shelf, quint8 slot);
inline quint32 exportKey(quint16 shelf, quint8 slot) { return quint32(shelf) << 8 | slot; }

// The qvblade-cli command line equivalent to a spec (for "copy command" and logs).
QString cliCommand(const ExportSpec& spec);

// An initiator the helper saw, with when (Unix seconds; 0: the helper did not say).
struct InitiatorSeen {
    QString mac;
    qint64 firstSeen = 0, lastSeen = 0;
    bool operator==(const InitiatorSeen&) const = default;
};

// What initiators changed or did to an export, the owner's and root's to see (the helper's
// maskList, reservations, configString, initiatorsSeen; docs/protocol.md).
struct ExportDetails {
    bool known = false;           // the helper sent them (not for another user's export, nor an older helper)
    QStringList maskList;         // the Mac Mask List as it is now (initiators may change it)
    QStringList reservations;     // who reserved the export (AoE Reserve/Release)
    QString configString;
    QList<InitiatorSeen> initiatorsSeen;
    bool operator==(const ExportDetails&) const = default;
};

// Stopped: the GUI's memory of an export that ran when the helper exited (nothing serves it).
enum class ExportState { Serving, Paused, Failed, Stopped };

struct ExportInfo {
    ExportSpec spec;
    quint64 sizeBytes = 0;        // exported bytes
    ExportState state = ExportState::Serving;
    QString stateDetail;          // why it failed, when it did
    QStringList initiators;       // MACs seen, most recent first
    QString owner;                // the owner's user name (the uid as text without a passwd entry)
    qint64 ownerUid = -1;         // -1: the helper did not say
    // Another user's export as a client that is neither its owner nor root sees it: the helper
    // sent only name, address, size, state and owner (spec holds shelf and slot alone).
    bool detailsHidden = false;
    bool demo = false;            // the helper's "Try it on this computer" demo (start-demo)
    // Its interfaces that are down, without carrier or gone: nobody reaches it there until they
    // come back (the helper keeps the export and serves again by itself).
    QStringList interfacesDown;
    // Its image descriptor is open for writing: read-only can be switched off in place.
    bool writable = true;
    ExportDetails details;
    quint32 key() const { return exportKey(spec.shelf, spec.slot); }
    bool operator==(const ExportInfo&) const = default;
};

// The helper lets only an export's owner, root, or a client polkit authorises for
// org.qvblade.manage-any-export pause, resume, remove or change it. The GUI cannot know the
// polkit answer beforehand, so it offers the change to the owner and to root only; an unknown
// uid on either side (-1) leaves the decision to the helper.
bool mayChange(const ExportInfo& e, qint64 clientUid);
// The client's own export: the one it remembers for the next start and stops when it quits.
bool isOwnExport(const ExportInfo& e, qint64 clientUid);
// The owner as shown: the user name, else the uid, else empty.
QString ownerText(const ExportInfo& e);
// Why the client may not change e ("Owned by alice: only alice or an administrator can change it.").
QString notOwnerReason(const ExportInfo& e);
// Why its file and options are not shown.
QString hiddenDetailsReason(const ExportInfo& e);

// Cumulative counters of one export at one moment (the model derives rates from two of them).
struct CounterSample {
    quint16 shelf = 0;
    quint8 slot = 0;
    qint64 msecs = 0;             // monotonic time of the sample
    quint64 framesIn = 0, framesOut = 0, bytesIn = 0, bytesOut = 0;
    quint64 errors = 0;           // ATA errors answered
    quint64 drops = 0;            // requests dropped because all the export's buffers were busy
    // Frames the kernel dropped on each of the export's interfaces (ring or receive buffer full):
    // shared by every export on that interface.
    QHash<QString, quint64> interfaceDrops;
    QStringList initiators;       // empty: unchanged
    // The counts by kind, for the details window (the totals above are what the table shows).
    quint64 ataReads = 0, ataWrites = 0, flushes = 0, ioErrors = 0, maskRefused = 0, sectorsRead = 0, sectorsWritten = 0;
    QList<quint64> aoeErrors;     // replies by AoE error code (index = code)
    ExportDetails details;
};

struct NetInterface {
    QString name;
    QString mac;
    int mtu = 0;
    bool up = false;
    bool running = false;         // carrier
    bool loopback = false;
    bool operator==(const NetInterface&) const = default;
};

// A target that answered a Query Config on an interface (the network view; the helper's
// scan-network), or one of this helper's own exports there (ours).
struct NetworkTarget {
    QString interface;
    quint16 shelf = 0;
    quint8 slot = 0;
    QString mac;
    int bufferCount = 0;
    int firmware = 0;
    int sectorsPerFrame = 0;      // the most sectors one ATA request may carry
    QString configString;
    bool ours = false;            // served by this computer's helper
    bool paused = false;          // ours, paused: it does not answer initiators now
    quint32 key() const { return quint32(shelf) << 8 | slot; }
    bool operator==(const NetworkTarget&) const = default;
};

// The kernel receive-buffer limit against what one interface's exports need.
struct RmemStatus {
    QString interface;
    int mtu = 0;
    qint64 requiredBytes = 0;
    qint64 grantedBytes = -1;
    qint64 rmemMax = -1;
    qint64 rmemDefault = -1;
    bool sufficient() const { return grantedBytes >= requiredBytes; }
};

// One decoded AoE frame for the teaching view (decoded by the helper).
struct FrameSummary {
    qint64 usecs = 0;             // wall clock, microseconds since the epoch
    bool outgoing = false;
    QString interface;
    bool aoe = true;              // false: too short to decode (only length is set)
    QString source, destination;
    quint16 shelf = 0;
    quint8 slot = 0;
    bool response = false;
    quint8 error = 0;             // AoE error code of a response with the error flag
    QString command;              // "ata", "query-config", "mac-mask", "reserve-release"
    quint32 tag = 0;
    QString detail;               // "READ SECTORS EXT lba 2048 count 8", "read config", ...
    int length = 0;
    QByteArray head;              // the frame's first bytes (up to 128; empty from an older helper)
};

enum class HelperState {
    NotRunning,   // not started yet, or stopped on purpose
    Authorising,  // polkit is asking the user
    Refused,      // authorisation refused or cancelled
    Running,
    Died,         // ended unexpectedly
};

class ExportBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~ExportBackend() override;

    virtual HelperState state() const = 0;
    virtual QString stateDetail() const = 0;           // the helper's or polkit's sentence
    // The GUI's uid as the helper sees it (hello's `uid`); -1 while unknown.
    virtual qint64 clientUid() const = 0;

    // Starts (or restarts) the helper; state changes are signalled.
    virtual void start() = 0;
    // Ends this client's session. keepExports: the helper goes on serving without a GUI.
    virtual void shutdown(bool keepExports) = 0;

    // Requests; each answer comes as requestFinished(id, ok, error) with the returned id.
    virtual int addExport(const ExportSpec& spec, UniqueFd fd) = 0;
    virtual int removeExport(quint16 shelf, quint8 slot) = 0;
    virtual int setPaused(quint16 shelf, quint8 slot, bool paused) = 0;
    // Changes read-only and/or the Mac Mask List of a running export in place (the helper's
    // set-export-options); -1 when this backend cannot.
    virtual int setExportOptions(quint16 shelf, quint8 slot, std::optional<bool> readOnly, std::optional<QStringList> macs);
    virtual int applyRmem(qint64 bytes) = 0;
    // Writes a sysctl.d file; false when this backend cannot (the GUI then shows the command).
    virtual bool canMakeRmemPermanent() const = 0;
    virtual int makeRmemPermanent(qint64 bytes) = 0;

    // Teaching view: the decoded-frame stream and pcap capture to a descriptor the GUI opened.
    virtual bool supportsFrameStream() const = 0;
    virtual void setFrameStream(bool on) = 0;
    virtual bool supportsCapture() const = 0;
    virtual int startCapture(UniqueFd fd) = 0;
    virtual int stopCapture() = 0;

    // Asks who else answers for shelf.slot on `interfaces` (the helper's probe-address); the
    // answer comes as addressProbed(id, macs). -1 when this backend cannot ask.
    virtual int probeAddress(quint16 shelf, quint8 slot, const QStringList& interfaces);
    // Who answers a Query Config on `interface` (the network view); the answer comes as
    // networkScanned(id, interface, targets), a failure as requestFinished(id, false, why).
    // -1 when this backend cannot ask.
    virtual int scanNetwork(const QString& interface);
    // "Try it on this computer": the helper exports `image` (a sparse file the GUI created) on a
    // private network of its own, with an initiator on the other end; one demo at a time.
    virtual bool supportsDemo() const { return false; }
    virtual int startDemo(UniqueFd image);
    virtual int stopDemo();

    // The interfaces as the helper sees them, kept current by its interface events
    // (interfacesChanged); false (and an empty list) when this backend does not know them live.
    // Start at boot (the helper's enable-boot-export): the export's settings go to
    // /etc/qvblade/NAME.conf (NAME from bootExportName) and qvblade-export@NAME.service is
    // enabled. `fd` is the image opened again by the GUI with the user's own rights (the helper
    // checks the path against it); `on` false disables it (no descriptor). -1 when this backend
    // cannot (supportsStartAtBoot false).
    virtual bool supportsStartAtBoot() const { return false; }
    virtual int setStartAtBoot(const ExportSpec& spec, UniqueFd fd, bool on);
    // The addresses (exportKey) that start at boot, as the helper last listed them.
    virtual QSet<quint32> startAtBoot() const { return {}; }

    virtual bool hasLiveInterfaces() const { return false; }
    virtual QList<NetInterface> interfaces() const { return {}; }

    virtual QList<ExportInfo> exports() const = 0;
    virtual QList<RmemStatus> rmemStatus() const = 0;

signals:
    void stateChanged(qvblade::gui::HelperState state);
    void requestFinished(int id, bool ok, const QString& error);
    // The whole list, whenever an export appears, goes, or changes state.
    void exportsChanged(const QList<qvblade::gui::ExportInfo>& exports);
    // Pushed counters; may arrive at any rate, one export or many at a time.
    void countersUpdated(const QList<qvblade::gui::CounterSample>& samples);
    void rmemChanged(const QList<qvblade::gui::RmemStatus>& status);
    // makeRmemPermanent `id` wrote `path` (the helper's answer; before requestFinished(id, true)).
    void rmemFileWritten(int id, const QString& path);
    void framesReceived(const QList<qvblade::gui::FrameSummary>& frames);
    // The sampling behind the frame stream: the helper saw `seen` frames in `seconds` and sent
    // `sent` of them (each frames event; absent from an older helper).
    void frameSampling(qint64 seen, qint64 sent, double seconds);
    // The answer to setFrameStream: streaming (or stopped) as asked, or refused with `error`
    // (e.g. polkit said no to org.qvblade.capture).
    void frameStreamStatus(bool streaming, const QString& error);
    // The answer to probeAddress: the MACs of other targets answering for the address (none: free).
    void addressProbed(int id, const QStringList& answeredBy);
    // addExport `id` was refused because another target answers for its address (then
    // requestFinished(id, false, message) follows, as for any refusal).
    void addressTaken(int id, const QString& message);
    // The answer to scanNetwork `id`.
    void networkScanned(int id, const QString& interface, const QList<qvblade::gui::NetworkTarget>& targets);
    // The interfaces changed (one appeared, went, went up or down, got another MTU): the whole list.
    void interfacesChanged(const QList<qvblade::gui::NetInterface>& interfaces);
    // Another target answers as the export `name` while it serves; once per export and MAC.
    void addressConflict(const QString& name, const QString& mac, bool shared);
    // startAtBoot() changed.
    void startAtBootChanged(const QSet<quint32>& keys);
};

// The NAME of /etc/qvblade/NAME.conf for an export: "e9-0" (the helper allows [A-Za-z0-9_-]).
QString bootExportName(const ExportSpec& spec);

QString helperStateText(HelperState state);
// The name shown for an export: "e42.0", or "e42.0 (demo)".
QString exportLabel(const ExportInfo& e);

}  // namespace qvblade::gui

Q_DECLARE_METATYPE(qvblade::gui::ExportInfo)
Q_DECLARE_METATYPE(qvblade::gui::CounterSample)
Q_DECLARE_METATYPE(qvblade::gui::RmemStatus)
Q_DECLARE_METATYPE(qvblade::gui::FrameSummary)
Q_DECLARE_METATYPE(qvblade::gui::NetInterface)
Q_DECLARE_METATYPE(qvblade::gui::NetworkTarget)
