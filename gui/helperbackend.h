// SPDX-License-Identifier: GPL-2.0-or-later
// ExportBackend over the privileged helper (privhelper/, docs/protocol.md), spoken through its
// client library: connects to a running helper's socket, or starts one through pkexec with one
// end of a socketpair as its standard input and output. No protocol code here: only the
// mapping between the helper's JSON fields and the GUI's structs.
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include "gui/exportbackend.h"

namespace qvblade::helper {
class HelperClient;
struct Reply;
}  // namespace qvblade::helper

namespace qvblade::gui {

// add-export's `rbd` object (docs/protocol.md): the values the GUI read as the user.
QJsonObject rbdRequestJson(const RbdImageSpec& rbd);

class HelperBackend : public ExportBackend {
    Q_OBJECT
public:
    struct Options {
        QString socketPath;          // a running helper to try first; empty: none
        QStringList launchCommand;   // started with the socketpair on stdin/stdout; empty: none
        // Where the started helper's standard error goes. A file, not a pipe to the GUI: a helper
        // that keeps serving after the GUI quit must not die writing to a closed pipe.
        QString logPath;
    };
    // The installed helper: its /run socket, else pkexec.
    static Options defaultOptions();

    explicit HelperBackend(Options options, QObject* parent = nullptr);
    ~HelperBackend() override;

    HelperState state() const override { return state_; }
    QString stateDetail() const override { return detail_; }
    qint64 clientUid() const override { return clientUid_; }
    void start() override;
    void shutdown(bool keepExports) override;
    int addExport(const ExportSpec& spec, UniqueFd fd) override;
    int removeExport(quint16 shelf, quint8 slot) override;
    int setPaused(quint16 shelf, quint8 slot, bool paused) override;
    int setExportOptions(quint16 shelf, quint8 slot, std::optional<bool> readOnly, std::optional<QStringList> macs) override;
    int applyRmem(qint64 bytes) override;
    bool canMakeRmemPermanent() const override { return true; }   // persist-rmem
    int makeRmemPermanent(qint64 bytes) override;
    bool supportsFrameStream() const override { return true; }
    void setFrameStream(bool on) override;
    bool supportsCapture() const override { return true; }
    int startCapture(UniqueFd fd) override;
    int stopCapture() override;
    int probeAddress(quint16 shelf, quint8 slot, const QStringList& interfaces) override;
    int scanNetwork(const QString& interface) override;
    bool supportsDemo() const override { return true; }
    bool supportsStartAtBoot() const override { return true; }
    int setStartAtBoot(const ExportSpec& spec, UniqueFd fd, bool on) override;
    QSet<quint32> startAtBoot() const override { return startAtBoot_; }
    int startDemo(UniqueFd image) override;
    int stopDemo() override;
    bool hasLiveInterfaces() const override { return liveInterfaces_; }
    QList<NetInterface> interfaces() const override { return interfaces_; }
    QList<ExportInfo> exports() const override { return exports_; }
    QList<RmemStatus> rmemStatus() const override { return rmem_; }

    // How often the export list and rmem status are fetched although the helper pushes export
    // changes (a safety net for dropped events); a helper without export events is polled every 2 s.
    void setResyncInterval(int msecs) { resyncMsecs_ = msecs; }
    // True when the helper pushes export changes (subscribe-exports was accepted).
    bool hasExportEvents() const { return exportEvents_; }

    // The helper (or pkexec) process this backend started; 0 when it started none.
    qint64 helperPid() const;

    // Why `command` cannot start the helper before trying (pkexec or the helper missing), or "".
    static QString launchProblem(const QStringList& command);
    // What pkexec's exit 126/127 with `output` (its standard error) means, in words a user can act on.
    static QString pkexecRefusal(int exitCode, const QString& output);
    // The first line of a helper's standard error that says why it ended (its routine lines skipped).
    static QString firstErrorLine(const QString& output);

    // Mapping from the helper's JSON (public for tests).
    static ExportInfo exportFromJson(const QJsonObject& o);
    static FrameSummary frameFromJson(const QJsonObject& o);
    static NetInterface interfaceFromJson(const QJsonObject& o);
    static NetworkTarget targetFromJson(const QJsonObject& o);

private:
    using Handler = std::function<void(const helper::Reply&)>;
    int send(const QString& type, const QJsonObject& args, const std::vector<int>& fds, Handler then = {});
    void setState(HelperState state, const QString& detail = {});
    void connected();
    void onEvent(const QString& name, const QJsonObject& event);
    void onDisconnected(const QString& reason);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void refreshExports();
    // list-boot-exports: which addresses start at boot (an older helper: none).
    void refreshStartAtBoot();
    void refreshRmem();
    // After one of our own changes: a helper without export events is asked for the list.
    void refreshUnlessAnnounced();
    void applyExportChange(const QJsonObject& event);
    void applyInterfaceChange(const QJsonObject& event);
    // Emits addressConflict the first time `mac` is reported for `name` (by event or counters).
    void noteConflict(const QString& name, const QString& mac, bool shared);

    Options options_;
    helper::HelperClient* client_;
    QPointer<QProcess> process_;
    HelperState state_ = HelperState::NotRunning;
    QString detail_;
    QList<ExportInfo> exports_;
    QList<RmemStatus> rmem_;
    QList<NetInterface> interfaces_;
    bool liveInterfaces_ = false;   // subscribe-interfaces was accepted
    QTimer poll_;
    int nextId_ = 1;
    bool stopping_ = false;
    bool frameStream_ = false;
    QSet<quint32> startAtBoot_;
    bool listed_ = false;   // an export list arrived since connecting
    bool exportEvents_ = false;
    qint64 clientUid_ = -1;
    int resyncMsecs_;
    QSet<QString> conflicts_;   // "e3.3 52:54:00:..." already reported
};

}  // namespace qvblade::gui
