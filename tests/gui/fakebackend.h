// SPDX-License-Identifier: GPL-2.0-or-later
// An ExportBackend for GUI tests: keeps exports in memory, answers on the next event-loop turn
// (like a helper would), and lets a test script failures, helper states and rmem status.
#pragma once

#include <QList>
#include <QMap>

#include "gui/exportbackend.h"

namespace qvblade::gui {

class FakeBackend : public ExportBackend {
    Q_OBJECT
public:
    using ExportBackend::ExportBackend;

    HelperState state() const override { return state_; }
    QString stateDetail() const override { return detail_; }
    qint64 clientUid() const override { return uid_; }
    void start() override;
    void shutdown(bool keepExports) override;
    int addExport(const ExportSpec& spec, UniqueFd fd) override;
    int removeExport(quint16 shelf, quint8 slot) override;
    int setPaused(quint16 shelf, quint8 slot, bool paused) override;
    int setExportOptions(quint16 shelf, quint8 slot, std::optional<bool> readOnly, std::optional<QStringList> macs) override;
    int applyRmem(qint64 bytes) override;
    bool canMakeRmemPermanent() const override { return canPersist_; }
    int makeRmemPermanent(qint64 bytes) override;
    bool supportsFrameStream() const override { return true; }
    // Answers like the helper: streaming, or refused once with failNextFrameStream's message.
    void setFrameStream(bool on) override;
    bool supportsCapture() const override { return true; }
    int startCapture(UniqueFd fd) override;
    int stopCapture() override;
    bool supportsDemo() const override { return true; }
    // The demo as e42.0 on "demo1:veth", marked demo, as the helper lists it.
    int startDemo(UniqueFd image) override;
    int stopDemo() override;
    QList<ExportInfo> exports() const override { return exports_; }
    QList<RmemStatus> rmemStatus() const override { return rmem_; }
    int probeAddress(quint16 shelf, quint8 slot, const QStringList& interfaces) override;
    int scanNetwork(const QString& interface) override;
    bool supportsStartAtBoot() const override { return true; }
    int setStartAtBoot(const ExportSpec& spec, UniqueFd fd, bool on) override;
    QSet<quint32> startAtBoot() const override { return startAtBoot_; }
    bool hasLiveInterfaces() const override { return liveInterfaces_; }
    QList<NetInterface> interfaces() const override { return interfaces_; }

    // Test controls
    void setState(HelperState s, const QString& detail = {});
    // What the next start() ends in, and the detail it gives (Refused: "Not authorised." unless set).
    void setStartResult(HelperState s, const QString& detail = {}) {
        startResult_ = s;
        startDetail_ = detail;
    }
    void failNext(const QString& message) { failNext_ = message; }
    void setExportsDirect(const QList<ExportInfo>& exports);
    void setRmem(const QList<RmemStatus>& status);
    void setCanPersist(bool on) { canPersist_ = on; }
    // Who the GUI is (hello's uid) and the name its new exports get as their owner.
    void setClient(qint64 uid, const QString& user) {
        uid_ = uid;
        user_ = user;
    }
    void pushCounters(const QList<CounterSample>& samples) { emit countersUpdated(samples); }
    void pushFrames(const QList<FrameSummary>& frames) { emit framesReceived(frames); }
    void pushSampling(qint64 seen, qint64 sent, double seconds) { emit frameSampling(seen, sent, seconds); }
    void failNextFrameStream(const QString& message) { frameStreamError_ = message; }
    // setFrameStream answers on the next event-loop turn unless held (the "not subscribed yet" state).
    bool holdFrameStreamAnswer = false;
    // Another target answering for shelf.slot (what probe-address finds, add-export refuses).
    void setAnsweredBy(quint16 shelf, quint8 slot, const QStringList& macs) { answeredBy_[exportKey(shelf, slot)] = macs; }
    void pushConflict(const QString& name, const QString& mac, bool shared) { emit addressConflict(name, mac, shared); }
    QList<quint32> probeCalls;
    // What scan-network answers on an interface (nothing set: no target), or its refusal.
    void setNetwork(const QString& interface, const QList<NetworkTarget>& targets) { network_[interface] = targets; }
    void failScan(const QString& interface, const QString& error) { scanErrors_[interface] = error; }
    QStringList scanCalls;
    // The helper's live interface list: set and announced (interfacesChanged), as its events do.
    void pushInterfaces(const QList<NetInterface>& interfaces) {
        liveInterfaces_ = true;
        interfaces_ = interfaces;
        emit interfacesChanged(interfaces);
    }

    // What the GUI asked for
    struct AddCall { ExportSpec spec; int openFlags = -1; qint64 fileSize = -1; };
    QList<AddCall> addCalls;
    QList<QPair<quint32, bool>> pauseCalls;
    QList<quint32> removeCalls;
    struct OptionsCall { quint32 key; std::optional<bool> readOnly; std::optional<QStringList> macs; };
    QList<OptionsCall> optionCalls;
    QList<qint64> rmemApplied, rmemPersisted;
    QString persistPath = QStringLiteral("/etc/sysctl.d/60-qvblade.conf");   // where "the helper" wrote it
    int startCalls = 0;
    int shutdownCalls = 0;
    bool lastShutdownKeptExports = false;
    bool frameStream_ = false;
    int captureFd = -1;   // a dup of the capture descriptor while capturing
    AddCall demoCall;     // the demo image's descriptor as the backend got it
    int demoStops = 0;
    // Start at boot as asked: the spec, on/off, the descriptor's open flags (-1: none).
    struct BootCall { ExportSpec spec; bool on = false; int openFlags = -1; };
    QList<BootCall> bootCalls;

private:
    int answer(bool ok, const QString& error = {});
    int refuse(const ExportInfo& e);

    HelperState state_ = HelperState::Running;
    HelperState startResult_ = HelperState::Running;
    QString startDetail_;
    QString detail_;
    QString failNext_;
    QList<ExportInfo> exports_;
    QList<RmemStatus> rmem_;
    bool canPersist_ = true;
    qint64 uid_ = 1000;
    QString user_ = QStringLiteral("tester");
    int nextId_ = 1;
    QMap<quint32, QStringList> answeredBy_;
    QMap<QString, QList<NetworkTarget>> network_;
    QMap<QString, QString> scanErrors_;
    QList<NetInterface> interfaces_;
    bool liveInterfaces_ = false;
    QString frameStreamError_;
    QSet<quint32> startAtBoot_;
};

}  // namespace qvblade::gui
