// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/helperbackend.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

#include "privhelper/protocol/helper_client.h"
#include "privhelper/protocol/protocol.h"

#ifndef QVBLADE_HELPER_PATH
#define QVBLADE_HELPER_PATH "/usr/libexec/qvblade/qvblade-helper"
#endif

namespace qvblade::gui {

namespace {
// The export list and rmem status are fetched this often from a helper that does not push
// export changes; with export-changed events, only as a safety net.
constexpr int kPollMsecs = 2000;
constexpr int kResyncMsecs = 30000;
constexpr int kPkexecDismissed = 126, kPkexecNotAuthorized = 127;

bool parseName(const QString& name, quint16& shelf, quint8& slot) {
    const QStringList parts = name.mid(1).split(QLatin1Char('.'));
    bool a = false, b = false;
    if (parts.size() == 2) {
        shelf = quint16(parts[0].toUInt(&a));
        slot = quint8(parts[1].toUInt(&b));
    }
    return a && b;
}

QStringList strings(const QJsonValue& v) {
    QStringList out;
    for (const QJsonValue& s : v.toArray()) out << s.toString();
    return out;
}
}  // namespace

HelperBackend::Options HelperBackend::defaultOptions() {
    return {QString::fromLatin1(helper::kDefaultSocketPath),
            {QStringLiteral("pkexec"), QStringLiteral(QVBLADE_HELPER_PATH), QStringLiteral("--stdio"),
             QStringLiteral("--serve-socket")},
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/helper.log")};
}

HelperBackend::HelperBackend(Options options, QObject* parent)
    : ExportBackend(parent), options_(std::move(options)), client_(new helper::HelperClient(this)), resyncMsecs_(kResyncMsecs) {
    connect(client_, &helper::HelperClient::eventReceived, this, &HelperBackend::onEvent);
    connect(client_, &helper::HelperClient::disconnected, this, &HelperBackend::onDisconnected);
    poll_.setInterval(kPollMsecs);
    connect(&poll_, &QTimer::timeout, this, [this] {
        refreshExports();
        refreshRmem();
    });
}

HelperBackend::~HelperBackend() {
    stopping_ = true;
    client_->disconnectFromHelper();
    if (process_) {
        process_->disconnect(this);
        // A helper with no exports ends when its client goes; one that keeps serving is left running.
        process_->waitForFinished(2000);
        if (process_->state() != QProcess::NotRunning) process_->setParent(nullptr);
    }
}

void HelperBackend::setState(HelperState state, const QString& detail) {
    state_ = state;
    detail_ = detail;
    if (state != HelperState::Running) {
        poll_.stop();
        if (!exports_.isEmpty()) {
            exports_.clear();
            emit exportsChanged(exports_);
        }
    }
    emit stateChanged(state);
}

void HelperBackend::start() {
    stopping_ = false;
    client_->disconnectFromHelper();
    if (process_) {
        process_->disconnect(this);
        process_->kill();
        process_->deleteLater();
    }
    setState(HelperState::Authorising);
    if (!options_.socketPath.isEmpty() && client_->connectToPath(options_.socketPath)) {
        connected();
        return;
    }
    if (options_.launchCommand.isEmpty()) {
        setState(HelperState::NotRunning, tr("No helper is listening on %1.").arg(options_.socketPath));
        return;
    }
    if (const QString why = launchProblem(options_.launchCommand); !why.isEmpty()) {
        setState(HelperState::NotRunning, why);
        return;
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        setState(HelperState::Died, tr("Cannot create a socket pair: %1.").arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    const int childEnd = pair[1];
    auto* process = new QProcess(this);
    process_ = process;
    process->setProgram(options_.launchCommand.first());
    process->setArguments(options_.launchCommand.mid(1));
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    if (!options_.logPath.isEmpty()) {
        QDir().mkpath(QFileInfo(options_.logPath).absolutePath());
        process->setStandardErrorFile(options_.logPath);   // truncated: this run's messages only
    }
    // The helper talks on its standard input and output: the child's end of the pair goes there.
    process->setChildProcessModifier([childEnd] {
        ::dup2(childEnd, 0);
        ::dup2(childEnd, 1);
    });
    connect(process, &QProcess::finished, this, &HelperBackend::onProcessFinished);
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart && process == process_)
            setState(HelperState::Died, tr("Cannot start %1: %2").arg(process->program(), process->errorString()));
    });
    process->start();
    ::close(childEnd);
    client_->adoptSocket(pair[0]);
    connected();
}

QString HelperBackend::launchProblem(const QStringList& command) {
    if (command.isEmpty() || !QFileInfo(command.first()).fileName().startsWith(QLatin1String("pkexec"))) return {};
    if (QStandardPaths::findExecutable(command.first()).isEmpty() && !QFileInfo(command.first()).isExecutable())
        return tr("pkexec is not installed, so the helper cannot ask for your authorisation. Install it with: "
                  "sudo apt-get install pkexec");
    // pkexec would say "not authorised" (127) for a missing program too: say what is wrong.
    if (command.size() > 1 && !QFileInfo(command.at(1)).isExecutable())
        return tr("The helper is not installed: %1 is missing. Install it from qvblade's source directory with "
                  "./scripts/install-package.sh (it builds and installs the Debian package; sudo apt-get purge qvblade "
                  "removes it).")
            .arg(command.at(1));
    return {};
}

QString HelperBackend::pkexecRefusal(int exitCode, const QString& output) {
    // pkexec exits 127 for "not authorised" and when no agent could ask; its message tells them apart.
    // Without a desktop agent pkexec tries a text one on the controlling terminal, which a window
    // started from a menu has not: that failure is the missing agent too (seen from tst_first_run).
    if (output.contains(QLatin1String("No authentication agent found"))
        || output.contains(QLatin1String("Error creating textual authentication agent")))
        return tr("No polkit authentication agent is running, so nothing could ask for your password. Start your "
                  "desktop's agent (polkit-gnome-authentication-agent-1, polkit-kde-authentication-agent-1, lxpolkit, "
                  "mate-polkit, …) or log in to a full desktop session, then try again.");
    if (exitCode == kPkexecDismissed)
        return tr("The authorisation dialog was dismissed. Choose Try again and enter the password it asks for.");
    return tr("You are not authorised to run the helper. Try again with an administrator's password, or ask an "
              "administrator to allow you to export disks with qvblade.");
}

QString HelperBackend::firstErrorLine(const QString& output) {
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        const QString l = line.trimmed();
        // What a helper writes while it works normally says nothing about why it ended.
        static const QRegularExpression routine(QStringLiteral("^qvblade-helper: (serving uid|uid \\d+ pid \\d+ )"));
        if (!l.isEmpty() && !routine.match(l).hasMatch()) return l;
    }
    return {};
}

qint64 HelperBackend::helperPid() const { return process_ ? process_->processId() : 0; }

void HelperBackend::connected() {
    // The hello answer comes once the helper runs: after pkexec's authorisation, if any.
    client_->hello(QStringLiteral("qvblade"), [this](const helper::Reply& r) {
        if (!r.ok) {
            if (r.errorCode == QLatin1String("disconnected")) return;   // onDisconnected/onProcessFinished tell why
            setState(r.errorCode == QLatin1String(helper::err::kNotAuthorized) ? HelperState::Refused : HelperState::Died,
                     r.errorMessage);
            client_->disconnectFromHelper();
            return;
        }
        listed_ = false;
        liveInterfaces_ = false;
        exportEvents_ = false;
        clientUid_ = r.result.value(QStringLiteral("uid")).toInteger(-1);
        setState(HelperState::Running);
        send(QStringLiteral("subscribe-counters"), {{QStringLiteral("enabled"), true}}, {});
        // Subscribed before the first list: every change after that list comes as an event.
        client_->request(QStringLiteral("subscribe-exports"), {{QStringLiteral("enabled"), true}}, {},
                         [this](const helper::Reply& r) {
                             exportEvents_ = r.ok;   // an older helper: "unknown-request", keep polling
                             poll_.setInterval(exportEvents_ ? resyncMsecs_ : kPollMsecs);
                         });
        // The interfaces as the helper sees them, then each change (an older helper: unknown-request,
        // the GUI keeps its own list).
        client_->request(QStringLiteral("subscribe-interfaces"), {{QStringLiteral("enabled"), true}}, {},
                         [this](const helper::Reply& r) {
                             liveInterfaces_ = r.ok;
                             if (!r.ok) return;
                             interfaces_.clear();
                             for (const QJsonValue& v : r.result.value(QStringLiteral("interfaces")).toArray())
                                 interfaces_ << interfaceFromJson(v.toObject());
                             emit interfacesChanged(interfaces_);
                         });
        if (frameStream_) setFrameStream(true);
        refreshExports();
        refreshRmem();
        refreshStartAtBoot();
        poll_.setInterval(kPollMsecs);
        poll_.start();
    });
}

void HelperBackend::onDisconnected(const QString& reason) {
    if (stopping_) return;
    if (process_ && process_->state() != QProcess::NotRunning) {
        // pkexec or the helper is ending: its exit status says why.
        return;
    }
    if (state_ == HelperState::Authorising || state_ == HelperState::Running)
        setState(HelperState::Died, reason);
}

void HelperBackend::onProcessFinished(int exitCode, QProcess::ExitStatus status) {
    auto* process = qobject_cast<QProcess*>(sender());
    if (process != process_) return;
    QString err = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
    if (!options_.logPath.isEmpty()) {
        QFile log(options_.logPath);
        if (log.open(QIODevice::ReadOnly)) {
            // From the start: the first error line says why (firstErrorLine).
            err = QString::fromLocal8Bit(log.read(16384)).trimmed();
        }
    }
    process_->deleteLater();
    if (stopping_) return;
    if (status == QProcess::NormalExit && (exitCode == kPkexecDismissed || exitCode == kPkexecNotAuthorized)
        && state_ == HelperState::Authorising) {
        setState(HelperState::Refused, pkexecRefusal(exitCode, err));
        return;
    }
    if (state_ == HelperState::NotRunning) return;
    const QString first = firstErrorLine(err);
    setState(HelperState::Died, status == QProcess::CrashExit ? tr("It crashed. %1").arg(first)
                                                              : tr("It exited with status %1. %2").arg(exitCode).arg(first));
    client_->disconnectFromHelper();
}

void HelperBackend::shutdown(bool keepExports) {
    if (!keepExports && client_->isConnected()) {
        // Remove every export of this user (others' are theirs to stop, root's GUI included) and
        // wait (bounded) for the answers before going.
        int open = 0;
        for (const ExportInfo& e : exports_) {
            if (!isOwnExport(e, clientUid_)) continue;
            ++open;
            if (client_->request(QStringLiteral("remove-export"),
                                 {{QStringLiteral("shelf"), e.spec.shelf}, {QStringLiteral("slot"), e.spec.slot}}, {},
                                 [&open](const helper::Reply&) { --open; }) < 0)
                --open;
        }
        QElapsedTimer clock;
        clock.start();
        while (open > 0 && client_->isConnected() && clock.elapsed() < 3000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents | QEventLoop::ExcludeUserInputEvents, 100);
    }
    stopping_ = true;
    client_->disconnectFromHelper();
    setState(HelperState::NotRunning);
}

int HelperBackend::send(const QString& type, const QJsonObject& args, const std::vector<int>& fds, Handler then) {
    const int id = nextId_++;
    const qint64 sent = client_->request(type, args, fds, [this, id, then](const helper::Reply& r) {
        if (then) then(r);
        // A helper that outlived an upgrade of qvblade may not know a newer request.
        const QString error = r.errorCode == QLatin1String(helper::err::kUnknownRequest)
                                  ? tr("The running helper is older than this qvblade. Quit qvblade, choosing to stop "
                                       "the exports, and start it again.")
                                  : r.errorMessage;
        emit requestFinished(id, r.ok, r.ok ? QString() : error);
    });
    if (sent < 0)
        QMetaObject::invokeMethod(this, [this, id] { emit requestFinished(id, false, tr("The helper is not running.")); },
                                  Qt::QueuedConnection);
    return id;
}

// An export's settings as add-export and enable-boot-export take them (docs/protocol.md).
QJsonObject rbdRequestJson(const RbdImageSpec& rbd) {
    QJsonObject o{{QStringLiteral("monitors"), rbd.monitors}, {QStringLiteral("id"), rbd.id},
                  {QStringLiteral("key"), rbd.key},           {QStringLiteral("pool"), rbd.pool},
                  {QStringLiteral("image"), rbd.image}};
    if (!rbd.snapshot.isEmpty()) o.insert(QStringLiteral("snapshot"), rbd.snapshot);
    if (rbd.osdTimeoutSeconds) o.insert(QStringLiteral("osdTimeout"), qint64(rbd.osdTimeoutSeconds));
    return o;
}

static QJsonObject exportSettingsJson(const ExportSpec& spec) {
    QJsonObject args{{QStringLiteral("shelf"), spec.shelf},
                     {QStringLiteral("slot"), spec.slot},
                     {QStringLiteral("interfaces"), QJsonArray::fromStringList(spec.interfaces)},
                     {QStringLiteral("readOnly"), spec.readOnly},
                     {QStringLiteral("direct"), spec.direct},
                     {QStringLiteral("durable"), spec.durable},
                     {QStringLiteral("bufferCount"), spec.bufferCount},
                     {QStringLiteral("offset"), qint64(spec.offsetSectors)},
                     {QStringLiteral("length"), qint64(spec.lengthSectors)}};
    if (!spec.allowedMacs.isEmpty()) args.insert(QStringLiteral("macs"), QJsonArray::fromStringList(spec.allowedMacs));
    if (spec.allowSharedAddress) args.insert(QStringLiteral("allowSharedAddress"), true);
    return args;
}

int HelperBackend::addExport(const ExportSpec& spec, UniqueFd fd) {
    QJsonObject args = exportSettingsJson(spec);
    // An RBD image goes by the values the GUI read as the user (docs/protocol.md): no descriptor.
    std::vector<int> fds;
    if (spec.rbd) {
        args.insert(QStringLiteral("rbd"), rbdRequestJson(*spec.rbd));
    } else {
        fds.push_back(fd.get());   // the client library duplicates it; ours closes when `fd` goes
    }
    const int id = nextId_;   // the id send() hands out
    return send(QStringLiteral("add-export"), args, fds, [this, id](const helper::Reply& r) {
        if (r.errorCode == QLatin1String(helper::err::kAddressTaken)) emit addressTaken(id, r.errorMessage);
        refreshUnlessAnnounced();
    });
}

int HelperBackend::probeAddress(quint16 shelf, quint8 slot, const QStringList& interfaces) {
    const int id = nextId_;
    return send(QStringLiteral("probe-address"),
                {{QStringLiteral("shelf"), shelf}, {QStringLiteral("slot"), slot},
                 {QStringLiteral("interfaces"), QJsonArray::fromStringList(interfaces)}},
                {}, [this, id](const helper::Reply& r) {
                    // A helper without probe-address (older) or too busy to probe: nothing is known.
                    if (!r.ok) return;
                    QStringList macs;
                    for (const QJsonValue& v : r.result.value(QStringLiteral("answeredBy")).toArray()) {
                        const QString mac = v.toObject().value(QStringLiteral("mac")).toString();
                        if (!macs.contains(mac)) macs << mac;
                    }
                    emit addressProbed(id, macs);
                });
}

void HelperBackend::noteConflict(const QString& name, const QString& mac, bool shared) {
    if (mac.isEmpty() || conflicts_.contains(name + QLatin1Char(' ') + mac)) return;
    conflicts_.insert(name + QLatin1Char(' ') + mac);
    emit addressConflict(name, mac, shared);
}

int HelperBackend::removeExport(quint16 shelf, quint8 slot) {
    return send(QStringLiteral("remove-export"), {{QStringLiteral("shelf"), shelf}, {QStringLiteral("slot"), slot}}, {},
                [this](const helper::Reply&) { refreshUnlessAnnounced(); });
}

int HelperBackend::setPaused(quint16 shelf, quint8 slot, bool paused) {
    return send(paused ? QStringLiteral("pause-export") : QStringLiteral("resume-export"),
                {{QStringLiteral("shelf"), shelf}, {QStringLiteral("slot"), slot}}, {},
                [this](const helper::Reply&) { refreshUnlessAnnounced(); });
}

int HelperBackend::applyRmem(qint64 bytes) {
    return send(QStringLiteral("apply-rmem"), {{QStringLiteral("bytes"), bytes}}, {},
                [this](const helper::Reply&) { refreshRmem(); });
}

int HelperBackend::makeRmemPermanent(qint64 bytes) {
    const int id = nextId_;   // the id send() hands out
    return send(QStringLiteral("persist-rmem"), {{QStringLiteral("bytes"), bytes}}, {}, [this, id](const helper::Reply& r) {
        if (r.ok) emit rmemFileWritten(id, r.result.value(QStringLiteral("path")).toString());
    });
}

void HelperBackend::setFrameStream(bool on) {
    frameStream_ = on;
    if (state_ == HelperState::Running)
        send(QStringLiteral("subscribe-frames"), {{QStringLiteral("enabled"), on}, {QStringLiteral("maxPerSecond"), 50}}, {},
             [this, on](const helper::Reply& r) {
                 emit frameStreamStatus(r.ok && on, r.ok ? QString() : r.errorMessage);
             });
}

int HelperBackend::startCapture(UniqueFd fd) { return send(QStringLiteral("start-capture"), {}, {fd.get()}); }

int HelperBackend::stopCapture() { return send(QStringLiteral("stop-capture"), {}, {}); }

int HelperBackend::startDemo(UniqueFd image) {
    return send(QStringLiteral("start-demo"), {}, {image.get()}, [this](const helper::Reply&) { refreshUnlessAnnounced(); });
}

int HelperBackend::setStartAtBoot(const ExportSpec& spec, UniqueFd fd, bool on) {
    const QString name = bootExportName(spec);
    if (!on) return send(QStringLiteral("disable-boot-export"), {{QStringLiteral("name"), name}}, {}, [this](const helper::Reply&) { refreshStartAtBoot(); });
    QJsonObject args = exportSettingsJson(spec);
    args.insert(QStringLiteral("name"), name);
    args.insert(QStringLiteral("path"), spec.path);
    return send(QStringLiteral("enable-boot-export"), args, {fd.get()}, [this](const helper::Reply&) { refreshStartAtBoot(); });
}

void HelperBackend::refreshStartAtBoot() {
    client_->request(QStringLiteral("list-boot-exports"), {}, {}, [this](const helper::Reply& r) {
        if (!r.ok) return;
        QSet<quint32> keys;
        for (const QJsonValue& b : r.result.value(QStringLiteral("bootExports")).toArray()) {
            if (!b.toObject().value(QStringLiteral("enabled")).toBool()) continue;
            for (const QJsonValue& e : b.toObject().value(QStringLiteral("exports")).toArray())
                keys.insert(exportKey(quint16(e.toObject().value(QStringLiteral("shelf")).toInt()), quint8(e.toObject().value(QStringLiteral("slot")).toInt())));
        }
        if (keys == startAtBoot_) return;
        startAtBoot_ = keys;
        emit startAtBootChanged(startAtBoot_);
    });
}

int HelperBackend::stopDemo() {
    return send(QStringLiteral("stop-demo"), {}, {}, [this](const helper::Reply&) { refreshUnlessAnnounced(); });
}

int HelperBackend::setExportOptions(quint16 shelf, quint8 slot, std::optional<bool> readOnly, std::optional<QStringList> macs) {
    QJsonObject args{{QStringLiteral("shelf"), shelf}, {QStringLiteral("slot"), slot}};
    if (readOnly) args.insert(QStringLiteral("readOnly"), *readOnly);
    if (macs) args.insert(QStringLiteral("macs"), QJsonArray::fromStringList(*macs));
    // The export-changed event ("options-changed") brings the export as it is now.
    return send(QStringLiteral("set-export-options"), args, {}, [this](const helper::Reply&) { refreshUnlessAnnounced(); });
}

// maskList, reservations, configString, initiatorsSeen: in list-exports and the counters events.
static ExportDetails detailsFromJson(const QJsonObject& o) {
    ExportDetails d;
    d.known = o.contains(QStringLiteral("maskList"));
    if (!d.known) return d;
    d.maskList = strings(o.value(QStringLiteral("maskList")));
    d.reservations = strings(o.value(QStringLiteral("reservations")));
    d.configString = o.value(QStringLiteral("configString")).toString();
    for (const QJsonValue& v : o.value(QStringLiteral("initiatorsSeen")).toArray()) {
        const QJsonObject i = v.toObject();
        d.initiatorsSeen << InitiatorSeen{i.value(QStringLiteral("mac")).toString(), i.value(QStringLiteral("firstSeen")).toInteger(),
                                          i.value(QStringLiteral("lastSeen")).toInteger()};
    }
    return d;
}

ExportInfo HelperBackend::exportFromJson(const QJsonObject& o) {
    ExportInfo e;
    e.spec.shelf = quint16(o.value(QStringLiteral("shelf")).toInt());
    e.spec.slot = quint8(o.value(QStringLiteral("slot")).toInt());
    e.spec.path = o.value(QStringLiteral("path")).toString();
    e.spec.interfaces = strings(o.value(QStringLiteral("interfaces")));
    e.spec.readOnly = o.value(QStringLiteral("readOnly")).toBool();
    e.spec.direct = o.value(QStringLiteral("direct")).toBool();
    // "sync": its name from helpers before "durable".
    e.spec.durable = o.value(QStringLiteral("durable")).toBool() || o.value(QStringLiteral("sync")).toBool();
    e.spec.bufferCount = quint16(o.value(QStringLiteral("bufferCount")).toInt(16));
    e.spec.offsetSectors = quint64(o.value(QStringLiteral("offset")).toInteger());
    e.spec.lengthSectors = quint64(o.value(QStringLiteral("length")).toInteger());
    e.spec.allowedMacs = strings(o.value(QStringLiteral("macs")));
    e.spec.allowSharedAddress = o.value(QStringLiteral("allowSharedAddress")).toBool();
    e.sizeBytes = quint64(o.value(QStringLiteral("sectors")).toInteger()) * 512;
    e.initiators = strings(o.value(QStringLiteral("initiators")));
    e.state = o.value(QStringLiteral("paused")).toBool() ? ExportState::Paused : ExportState::Serving;
    e.ownerUid = o.value(QStringLiteral("ownerUid")).toInteger(-1);
    e.owner = o.value(QStringLiteral("owner")).toString();
    // Another user's export, seen by neither its owner nor root: the helper leaves out the path
    // and everything after it (docs/protocol.md), and bufferCount's default above is not real.
    e.detailsHidden = !o.contains(QStringLiteral("path"));
    e.demo = o.value(QStringLiteral("demo")).toBool();
    e.interfacesDown = strings(o.value(QStringLiteral("interfacesDown")));
    // An older helper does not say: the GUI then lets the helper refuse (true).
    e.writable = o.value(QStringLiteral("writable")).toBool(true);
    e.details = detailsFromJson(o);
    return e;
}

int HelperBackend::scanNetwork(const QString& interface) {
    const int id = nextId_;
    return send(QStringLiteral("scan-network"), {{QStringLiteral("interface"), interface}}, {},
                [this, id](const helper::Reply& r) {
                    if (!r.ok) return;   // requestFinished says why
                    QList<NetworkTarget> targets;
                    for (const QJsonValue& v : r.result.value(QStringLiteral("targets")).toArray())
                        targets << targetFromJson(v.toObject());
                    emit networkScanned(id, r.result.value(QStringLiteral("interface")).toString(), targets);
                });
}

NetworkTarget HelperBackend::targetFromJson(const QJsonObject& o) {
    NetworkTarget t;
    t.interface = o.value(QStringLiteral("interface")).toString();
    t.shelf = quint16(o.value(QStringLiteral("shelf")).toInt());
    t.slot = quint8(o.value(QStringLiteral("slot")).toInt());
    t.mac = o.value(QStringLiteral("mac")).toString();
    t.bufferCount = o.value(QStringLiteral("bufferCount")).toInt();
    t.firmware = o.value(QStringLiteral("firmware")).toInt();
    t.sectorsPerFrame = o.value(QStringLiteral("sectorsPerFrame")).toInt();
    t.configString = o.value(QStringLiteral("configString")).toString();
    t.ours = o.value(QStringLiteral("ours")).toBool();
    t.paused = o.value(QStringLiteral("paused")).toBool();
    return t;
}

NetInterface HelperBackend::interfaceFromJson(const QJsonObject& o) {
    NetInterface n;
    n.name = o.value(QStringLiteral("name")).toString();
    n.mac = o.value(QStringLiteral("mac")).toString();
    n.mtu = o.value(QStringLiteral("mtu")).toInt();
    n.up = o.value(QStringLiteral("up")).toBool();
    n.running = o.value(QStringLiteral("running")).toBool();
    return n;
}

void HelperBackend::applyInterfaceChange(const QJsonObject& event) {
    if (!liveInterfaces_) return;   // before the subscription's list: that list holds the change
    const QString name = event.value(QStringLiteral("name")).toString();
    const auto it = std::find_if(interfaces_.begin(), interfaces_.end(), [&](const NetInterface& n) { return n.name == name; });
    if (event.value(QStringLiteral("change")).toString() == QLatin1String("removed")) {
        if (it == interfaces_.end()) return;
        interfaces_.erase(it);
    } else {
        const NetInterface n = interfaceFromJson(event.value(QStringLiteral("interface")).toObject());
        if (n.name != name) return;
        if (it != interfaces_.end()) *it = n;
        else interfaces_ << n;
    }
    emit interfacesChanged(interfaces_);
}

FrameSummary HelperBackend::frameFromJson(const QJsonObject& o) {
    FrameSummary f;
    f.usecs = qint64(o.value(QStringLiteral("time")).toDouble() * 1e6);
    f.interface = o.value(QStringLiteral("interface")).toString();
    f.outgoing = o.value(QStringLiteral("direction")).toString() == QLatin1String("out");
    f.length = o.value(QStringLiteral("length")).toInt();
    f.aoe = o.value(QStringLiteral("aoe")).toBool();
    f.source = o.value(QStringLiteral("source")).toString();
    f.destination = o.value(QStringLiteral("destination")).toString();
    f.shelf = quint16(o.value(QStringLiteral("shelf")).toInt());
    f.slot = quint8(o.value(QStringLiteral("slot")).toInt());
    f.response = o.value(QStringLiteral("response")).toBool();
    f.error = quint8(o.value(QStringLiteral("error")).toInt());
    f.command = o.value(QStringLiteral("command")).toString();
    f.tag = quint32(o.value(QStringLiteral("tag")).toInteger());
    f.detail = o.value(QStringLiteral("detail")).toString();
    f.head = QByteArray::fromBase64(o.value(QStringLiteral("bytes")).toString().toLatin1());
    return f;
}

void HelperBackend::refreshExports() {
    client_->request(QStringLiteral("list-exports"), {}, {}, [this](const helper::Reply& r) {
        if (!r.ok) return;
        QList<ExportInfo> list;
        for (const QJsonValue& v : r.result.value(QStringLiteral("exports")).toArray()) list << exportFromJson(v.toObject());
        // The first list after connecting is always announced, even an empty one: the window
        // waits for it (e.g. to offer last session's exports).
        bool changed = !listed_ || list.size() != exports_.size();
        listed_ = true;
        for (qsizetype i = 0; !changed && i < list.size(); ++i) changed = list[i] != exports_[i];
        if (!changed) return;
        exports_ = list;
        emit exportsChanged(exports_);
    });
}

void HelperBackend::refreshUnlessAnnounced() {
    if (exportEvents_) return;
    refreshExports();
    refreshRmem();
}

void HelperBackend::applyExportChange(const QJsonObject& event) {
    // Before the first list: that list, answered after this event, already holds the change.
    if (!listed_) return;
    quint16 shelf = 0;
    quint8 slot = 0;
    if (!parseName(event.value(QStringLiteral("name")).toString(), shelf, slot)) return;
    const QString change = event.value(QStringLiteral("change")).toString();
    const auto it = std::find_if(exports_.begin(), exports_.end(),
                                 [key = exportKey(shelf, slot)](const ExportInfo& e) { return e.key() == key; });
    if (change == QLatin1String("removed")) {
        // The same address exported again is a new export: its conflicts are reported anew.
        const QString prefix = event.value(QStringLiteral("name")).toString() + QLatin1Char(' ');
        for (auto c = conflicts_.begin(); c != conflicts_.end();) c = c->startsWith(prefix) ? conflicts_.erase(c) : std::next(c);
        if (it == exports_.end()) return;
        exports_.erase(it);
    } else {
        const QJsonObject o = event.value(QStringLiteral("export")).toObject();
        if (o.isEmpty()) return;
        if (it != exports_.end()) *it = exportFromJson(o);
        else exports_ << exportFromJson(o);
    }
    emit exportsChanged(exports_);
    // What the exports need from the receive buffer changes with them.
    if (change == QLatin1String("added") || change == QLatin1String("removed")) refreshRmem();
}

void HelperBackend::refreshRmem() {
    client_->request(QStringLiteral("rmem-status"), {}, {}, [this](const helper::Reply& r) {
        if (!r.ok) return;
        QList<RmemStatus> list;
        for (const QJsonValue& v : r.result.value(QStringLiteral("interfaces")).toArray()) {
            const QJsonObject o = v.toObject();
            RmemStatus s;
            s.interface = o.value(QStringLiteral("interface")).toString();
            s.mtu = o.value(QStringLiteral("mtu")).toInt();
            s.requiredBytes = o.value(QStringLiteral("requiredBytes")).toInteger();
            s.grantedBytes = o.value(QStringLiteral("grantedBytes")).toInteger(-1);
            s.rmemMax = r.result.value(QStringLiteral("rmemMax")).toInteger(-1);
            s.rmemDefault = r.result.value(QStringLiteral("rmemDefault")).toInteger(-1);
            list << s;
        }
        rmem_ = list;
        emit rmemChanged(rmem_);
    });
}

void HelperBackend::onEvent(const QString& name, const QJsonObject& event) {
    if (name == QLatin1String("counters")) {
        QList<CounterSample> samples;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QHash<QString, quint64> kernelDrops;
        for (const QJsonValue& v : event.value(QStringLiteral("interfaces")).toArray()) {
            const QJsonObject o = v.toObject();
            kernelDrops.insert(o.value(QStringLiteral("name")).toString(),
                               quint64(o.value(QStringLiteral("kernelDrops")).toInteger())
                                   + quint64(o.value(QStringLiteral("interfaceDrops")).toInteger()));
        }
        QSet<quint32> seen;
        bool pausedChanged = false;
        for (const QJsonValue& v : event.value(QStringLiteral("exports")).toArray()) {
            const QJsonObject o = v.toObject();
            CounterSample s;
            if (!parseName(o.value(QStringLiteral("name")).toString(), s.shelf, s.slot)) continue;
            s.msecs = now;
            s.framesIn = quint64(o.value(QStringLiteral("framesIn")).toInteger());
            s.framesOut = quint64(o.value(QStringLiteral("framesOut")).toInteger());
            s.bytesIn = quint64(o.value(QStringLiteral("bytesIn")).toInteger());
            s.bytesOut = quint64(o.value(QStringLiteral("bytesOut")).toInteger());
            s.errors = quint64(o.value(QStringLiteral("ataErrors")).toInteger());
            s.drops = quint64(o.value(QStringLiteral("busyDrops")).toInteger());
            s.initiators = strings(o.value(QStringLiteral("initiators")));
            s.ataReads = quint64(o.value(QStringLiteral("ataReads")).toInteger());
            s.ataWrites = quint64(o.value(QStringLiteral("ataWrites")).toInteger());
            s.sectorsRead = quint64(o.value(QStringLiteral("sectorsRead")).toInteger());
            s.sectorsWritten = quint64(o.value(QStringLiteral("sectorsWritten")).toInteger());
            s.flushes = quint64(o.value(QStringLiteral("flushes")).toInteger());
            s.ioErrors = quint64(o.value(QStringLiteral("ioErrors")).toInteger());
            s.maskRefused = quint64(o.value(QStringLiteral("maskRefused")).toInteger());
            for (const QJsonValue& n : o.value(QStringLiteral("aoeErrors")).toArray()) s.aoeErrors << quint64(n.toInteger());
            s.details = detailsFromJson(o);
            // A conflict that began before this client subscribed shows from the counters.
            for (const QString& mac : strings(o.value(QStringLiteral("conflictingMacs")))) {
                bool shared = false;
                for (const ExportInfo& e : exports_)
                    if (e.key() == exportKey(s.shelf, s.slot)) shared = e.spec.allowSharedAddress;
                noteConflict(o.value(QStringLiteral("name")).toString(), mac, shared);
            }
            for (const ExportInfo& e : exports_)
                if (e.key() == exportKey(s.shelf, s.slot))
                    for (const QString& i : e.spec.interfaces) s.interfaceDrops.insert(i, kernelDrops.value(i));
            for (ExportInfo& e : exports_)
                if (e.key() == exportKey(s.shelf, s.slot)) {
                    if (!s.initiators.isEmpty()) e.initiators = s.initiators;
                    if (s.details.known) e.details = s.details;   // what initiators changed shows without a new list
                }
            samples << s;
            seen.insert(exportKey(s.shelf, s.slot));
            for (const ExportInfo& e : exports_)
                if (e.key() == exportKey(s.shelf, s.slot)
                    && (e.state == ExportState::Paused) != o.value(QStringLiteral("paused")).toBool())
                    pausedChanged = true;
        }
        emit countersUpdated(samples);
        if (exportEvents_) return;
        // A helper without export events: another client added, removed or paused an export
        // when the counters show a different set; fetch the list again.
        bool listChanged = pausedChanged || seen.size() != exports_.size();
        for (const ExportInfo& e : exports_) listChanged = listChanged || !seen.contains(e.key());
        if (listChanged) refreshExports();
    } else if (name == QLatin1String("address-conflict")) {
        noteConflict(event.value(QStringLiteral("name")).toString(), event.value(QStringLiteral("mac")).toString(),
                     event.value(QStringLiteral("shared")).toBool());
    } else if (name == QLatin1String("export-changed")) {
        applyExportChange(event);
    } else if (name == QLatin1String("interface-changed")) {
        applyInterfaceChange(event);
    } else if (name == QLatin1String("frames")) {
        QList<FrameSummary> frames;
        for (const QJsonValue& v : event.value(QStringLiteral("frames")).toArray()) frames << frameFromJson(v.toObject());
        if (event.contains(QStringLiteral("seen")))
            emit frameSampling(event.value(QStringLiteral("seen")).toInteger(), frames.size(),
                               event.value(QStringLiteral("seconds")).toDouble());
        if (!frames.isEmpty()) emit framesReceived(frames);
    }
}

}  // namespace qvblade::gui
