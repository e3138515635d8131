// SPDX-License-Identifier: GPL-2.0-or-later
#include "fakebackend.h"

#include <QTimer>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace qvblade::gui {

int FakeBackend::answer(bool ok, const QString& error) {
    const int id = nextId_++;
    QString message = error;
    if (!failNext_.isEmpty()) {
        ok = false;
        message = failNext_;
        failNext_.clear();
    }
    QTimer::singleShot(0, this, [this, id, ok, message] { emit requestFinished(id, ok, message); });
    return id;
}

int FakeBackend::refuse(const ExportInfo& e) {
    // The helper's not-authorized answer (docs/protocol.md) to a change of another user's export.
    return answer(false, QStringLiteral("%1 belongs to %2: not authorised to change another user's export.")
                             .arg(exportName(e.spec.shelf, e.spec.slot), ownerText(e)));
}

void FakeBackend::setState(HelperState s, const QString& detail) {
    state_ = s;
    detail_ = detail;
    emit stateChanged(s);
}

void FakeBackend::start() {
    ++startCalls;
    setState(HelperState::Authorising);
    QTimer::singleShot(0, this, [this] {
        setState(startResult_, !startDetail_.isEmpty() ? startDetail_
                               : startResult_ == HelperState::Refused ? tr("Not authorised.") : QString());
        if (startResult_ == HelperState::Running) emit exportsChanged(exports_);
    });
}

void FakeBackend::shutdown(bool keepExports) {
    ++shutdownCalls;
    lastShutdownKeptExports = keepExports;
    if (!keepExports) {
        // Like HelperBackend: the user's own exports stop, other users' go on.
        QList<ExportInfo> others;
        for (const ExportInfo& e : exports_)
            if (!isOwnExport(e, uid_)) others << e;
        setExportsDirect(others);
    }
    setState(HelperState::NotRunning);
}

int FakeBackend::probeAddress(quint16 shelf, quint8 slot, const QStringList&) {
    probeCalls << exportKey(shelf, slot);
    const int id = nextId_++;
    const QStringList macs = answeredBy_.value(exportKey(shelf, slot));
    QTimer::singleShot(0, this, [this, id, macs] { emit addressProbed(id, macs); });
    return id;
}

int FakeBackend::scanNetwork(const QString& interface) {
    scanCalls << interface;
    const int id = nextId_++;
    const QString error = scanErrors_.value(interface);
    QList<NetworkTarget> targets = network_.value(interface);
    QTimer::singleShot(0, this, [this, id, interface, error, targets] {
        if (error.isEmpty()) emit networkScanned(id, interface, targets);
        emit requestFinished(id, error.isEmpty(), error);
    });
    return id;
}

int FakeBackend::startDemo(UniqueFd image) {
    demoCall.openFlags = image.valid() ? ::fcntl(image.get(), F_GETFL) : -1;
    struct stat st{};
    if (image.valid() && ::fstat(image.get(), &st) == 0) demoCall.fileSize = st.st_size;
    if (!image.valid()) return answer(false, tr("No descriptor."));
    const int id = answer(true);
    ExportInfo info;
    info.spec.shelf = 42;
    info.spec.interfaces = {QStringLiteral("demo1:veth")};
    info.spec.path = QStringLiteral("/proc/self/fd/9");
    info.sizeBytes = quint64(st.st_size);
    info.ownerUid = uid_;
    info.owner = user_;
    info.demo = true;
    QTimer::singleShot(0, this, [this, info] {
        exports_ << info;
        emit exportsChanged(exports_);
    });
    return id;
}

int FakeBackend::setStartAtBoot(const ExportSpec& spec, UniqueFd fd, bool on) {
    bootCalls << BootCall{spec, on, fd.valid() ? ::fcntl(fd.get(), F_GETFL) : -1};
    const bool failing = !failNext_.isEmpty();
    const int id = answer(!on || fd.valid(), tr("No descriptor."));
    if (failing || (on && !fd.valid())) return id;
    // As the helper's reply and the list after it: the set changes before the request finishes.
    if (on) startAtBoot_.insert(spec.key());
    else startAtBoot_.remove(spec.key());
    emit startAtBootChanged(startAtBoot_);
    return id;
}

int FakeBackend::stopDemo() {
    ++demoStops;
    const int id = answer(true);
    QTimer::singleShot(0, this, [this] {
        exports_.removeIf([](const ExportInfo& e) { return e.demo; });
        emit exportsChanged(exports_);
    });
    return id;
}

int FakeBackend::addExport(const ExportSpec& spec, UniqueFd fd) {
    AddCall call;
    call.spec = spec;
    call.openFlags = fd.valid() ? ::fcntl(fd.get(), F_GETFL) : -1;
    struct stat st{};
    if (fd.valid() && ::fstat(fd.get(), &st) == 0) call.fileSize = st.st_size;
    addCalls << call;
    // An RBD image comes as values (docs/protocol.md), a file as a descriptor.
    if (spec.rbd && fd.valid()) return answer(false, tr("An RBD export takes no descriptor."));
    if (!spec.rbd && !fd.valid()) return answer(false, tr("No descriptor."));
    for (const ExportInfo& e : exports_)
        if (e.key() == exportKey(spec.shelf, spec.slot)) return answer(false, tr("%1 is already exported.").arg(exportName(spec.shelf, spec.slot)));
    if (const QStringList macs = answeredBy_.value(spec.key()); !macs.isEmpty() && !spec.allowSharedAddress) {
        // As the helper: address-taken, then the refusal.
        const QString message = QStringLiteral("%1 is already answered by %2 on %3: not serving a second disk at that address")
                                    .arg(exportName(spec.shelf, spec.slot), macs.first(), spec.interfaces.value(0));
        const int id = nextId_;
        QTimer::singleShot(0, this, [this, id, message] { emit addressTaken(id, message); });
        return answer(false, message);
    }
    const bool willFail = !failNext_.isEmpty();
    const int id = answer(true);
    if (!willFail) {
        ExportInfo info;
        info.spec = spec;
        info.sizeBytes = quint64(call.fileSize);
        info.ownerUid = uid_;
        info.owner = user_;
        QTimer::singleShot(0, this, [this, info] {
            exports_ << info;
            emit exportsChanged(exports_);
        });
    }
    return id;
}

int FakeBackend::removeExport(quint16 shelf, quint8 slot) {
    removeCalls << exportKey(shelf, slot);
    for (int i = 0; i < exports_.size(); ++i)
        if (exports_[i].key() == exportKey(shelf, slot)) {
            if (!mayChange(exports_[i], uid_)) return refuse(exports_[i]);
            exports_.removeAt(i);
            emit exportsChanged(exports_);
            return answer(true);
        }
    return answer(false, tr("No such export."));
}

int FakeBackend::setPaused(quint16 shelf, quint8 slot, bool paused) {
    pauseCalls << qMakePair(exportKey(shelf, slot), paused);
    for (ExportInfo& e : exports_)
        if (e.key() == exportKey(shelf, slot)) {
            if (!mayChange(e, uid_)) return refuse(e);
            e.state = paused ? ExportState::Paused : ExportState::Serving;
            emit exportsChanged(exports_);
            return answer(true);
        }
    return answer(false, tr("No such export."));
}

int FakeBackend::setExportOptions(quint16 shelf, quint8 slot, std::optional<bool> readOnly, std::optional<QStringList> macs) {
    optionCalls << OptionsCall{exportKey(shelf, slot), readOnly, macs};
    if (!failNext_.isEmpty()) return answer(false);   // refused: nothing changes
    for (ExportInfo& e : exports_)
        if (e.key() == exportKey(shelf, slot)) {
            if (!mayChange(e, uid_)) return refuse(e);
            // As the helper: read-write only where the image was opened for writing.
            if (readOnly && !*readOnly && !e.writable)
                return answer(false, QStringLiteral("%1 cannot be made writable: its image was opened read-only").arg(exportName(shelf, slot)));
            if (readOnly) e.spec.readOnly = *readOnly;
            if (macs) e.spec.allowedMacs = e.details.maskList = *macs;
            emit exportsChanged(exports_);
            return answer(true);
        }
    return answer(false, tr("No such export."));
}

int FakeBackend::applyRmem(qint64 bytes) {
    rmemApplied << bytes;
    if (!failNext_.isEmpty()) return answer(true);   // answer() turns it into the scripted failure
    for (RmemStatus& r : rmem_) {
        r.rmemMax = r.rmemDefault = bytes;
        r.grantedBytes = bytes;
    }
    const int id = answer(true);
    QTimer::singleShot(0, this, [this] { emit rmemChanged(rmem_); });
    return id;
}

int FakeBackend::makeRmemPermanent(qint64 bytes) {
    rmemPersisted << bytes;
    // As the helper's answer: the path first, then requestFinished.
    if (failNext_.isEmpty()) QTimer::singleShot(0, this, [this, id = nextId_] { emit rmemFileWritten(id, persistPath); });
    return answer(true);
}

int FakeBackend::startCapture(UniqueFd fd) {
    captureFd = fd.release();
    return answer(true);
}

void FakeBackend::setFrameStream(bool on) {
    frameStream_ = on;
    if (holdFrameStreamAnswer) return;
    const QString error = std::exchange(frameStreamError_, QString());
    if (!error.isEmpty()) frameStream_ = false;
    QMetaObject::invokeMethod(this, [this, on, error] { emit frameStreamStatus(on && error.isEmpty(), error); },
                              Qt::QueuedConnection);
}

int FakeBackend::stopCapture() {
    if (captureFd >= 0) ::close(captureFd);
    captureFd = -1;
    return answer(true);
}

void FakeBackend::setExportsDirect(const QList<ExportInfo>& exports) {
    exports_ = exports;
    emit exportsChanged(exports_);
}

void FakeBackend::setRmem(const QList<RmemStatus>& status) {
    rmem_ = status;
    emit rmemChanged(rmem_);
}

}  // namespace qvblade::gui
