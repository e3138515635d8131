// SPDX-License-Identifier: GPL-2.0-or-later
// The export requests: list, add (every field and the image descriptor checked; limits per user
// and on descriptors), remove, pause, resume, set-export-options. (Subscriptions:
// subscription_requests.cpp; systemd's descriptor store: descriptor_store.cpp.)
#include <linux/if.h>
#include <pwd.h>
#include <sys/resource.h>

#include <QDir>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QJsonArray>
#include <QCoreApplication>
#include <QThreadPool>

#include "core/os/os.h"
#include "privhelper/export_json.h"
#include "privhelper/file_credentials.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server_internal.h"
#include "privhelper/rbd_source.h"
#include "privhelper/stored_exports.h"
#ifdef QVBLADE_HAVE_RBD
#include "core/rbd/rbd_store.h"
#endif
#include "core/mac_lists.h"

namespace qvblade::helper {

// A copy of an export's descriptor for systemd's descriptor store, kept once the export runs.
struct StoreCopy {
    UniqueFd image;
    std::optional<StoreEntry> entry;
};

namespace {
// RBD images opened at once at most: each takes a worker thread for up to the mount timeout.
constexpr int kMaxRbdOpening = 8;
}  // namespace

int rlimitDescriptors() {
    rlimit l{};
    return ::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < RLIM_INFINITY ? int(std::min<rlim_t>(l.rlim_cur, 1 << 30)) : 1 << 30;
}

// The owner's name for lists; a uid without a passwd entry is shown as its number.
QString userName(uid_t uid) {
    passwd pw{}, *found = nullptr;
    char buffer[4096];
    if (::getpwuid_r(uid, &pw, buffer, sizeof buffer, &found) == 0 && found) return QString::fromLocal8Bit(pw.pw_name);
    return QString::number(uid);
}

QString imageDescriptorProblem(int fd, bool readOnly, bool blockDevices) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || (flags & O_PATH))
        return QStringLiteral("the descriptor is not open for reading (O_PATH descriptors cannot be exported)");
    struct stat st {};
    if (::fstat(fd, &st) < 0 || !(S_ISREG(st.st_mode) || (blockDevices && S_ISBLK(st.st_mode))))
        return blockDevices ? QStringLiteral("the descriptor is not a regular file or block device")
                            : QStringLiteral("the descriptor is not a regular file");
    if ((flags & O_ACCMODE) == O_WRONLY)
        return QStringLiteral("the descriptor is open for writing only; open the image for reading%1").arg(readOnly ? "" : " and writing");
    return {};
}

std::string descriptorPath(int fd) {
    // The name shown in lists is what the kernel says the descriptor is, never a client's claim.
    char target[4096];
    const ssize_t n = ::readlink(QStringLiteral("/proc/self/fd/%1").arg(fd).toLatin1().constData(), target, sizeof target - 1);
    return n > 0 ? std::string(target, size_t(n)) : "descriptor";
}

int Server::descriptorsLeft() {
    int open = 0;
    for (const QString& entry : QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
        Q_UNUSED(entry);
        ++open;
    }
    return rlimitDescriptors() - open;
}
void Server::listExports(const RequestPtr& r) {
    Fields f(r->args, {});
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    engine_->call<QJsonArray>(
        [](Engine& e) {
            QJsonArray list;
            for (const auto& t : e.exports()) list << exportJson(*t, e.isPaused(t->shelf(), t->slot()));
            return list;
        },
        [this, r](QJsonArray list) {
            for (auto it = list.begin(); it != list.end(); ++it) *it = exportView(r->peer, it->toObject());
            ok(r, {{"exports", list}});
        });
}

void Server::readExportSettings(Fields& f, ExportSettings& s) {
    s.shelf = uint16_t(f.integer("shelf", 0, aoe::kMaxShelf));
    s.slot = uint8_t(f.integer("slot", 0, aoe::kMaxSlot));
    const QStringList interfaces = f.strings("interfaces", 16, IFNAMSIZ - 1);
    s.store.readOnly = f.boolean("readOnly", false);
    s.store.direct = f.boolean("direct", false);
    s.store.durable = f.boolean("durable", false) || f.boolean("sync", false);   // "sync": its older name
    s.store.offsetSectors = uint64_t(f.integer("offset", 0, kMaxSafeInteger, 0));
    s.store.lengthSectors = uint64_t(f.integer("length", 0, kMaxSafeInteger, 0));
    const QStringList macs = f.strings("macs", qsizetype(kMaskListCapacity), 17);
    s.bufferCount = uint16_t(f.integer("bufferCount", kMinBufferCount, kMaxBufferCount, kDefaultBufferCount));
    s.configString = f.string("configString", qsizetype(aoe::kMaxConfigString)).toStdString();
    s.allowSharedAddress = f.boolean("allowSharedAddress", false);
    if (f.error.isEmpty() && !f.has("shelf")) f.fault(QStringLiteral("\"shelf\" is missing"));
    if (f.error.isEmpty() && !f.has("slot")) f.fault(QStringLiteral("\"slot\" is missing"));
    if (f.error.isEmpty() && interfaces.isEmpty()) f.fault(QStringLiteral("\"interfaces\" must name at least one interface"));
    for (const QString& m : macs) {
        auto mac = aoe::MacAddress::parse(m.toStdString());
        if (!mac) f.fault(QStringLiteral("\"%1\" is not a MAC address").arg(m));
        else s.allowedMacs.push_back(*mac);
    }
    s.interfaces = interfaceNames(f, interfaces);
}

// So that the export survives a crash of this process (privhelper/stored_exports.h). Not one
// that ends with its client, nor one the store handed back (it is there already).
std::shared_ptr<StoreCopy> Server::copyForStore(const RequestPtr& r, const ExportSettings& s, bool removeOnDisconnect, int imageFd) const {
    auto copy = std::make_shared<StoreCopy>();
    if (!options_.fdStore || removeOnDisconnect || r->restored) return copy;
    std::string why;
    const QJsonObject rbd = r->args.value("rbd").toObject();
    copy->entry = makeStoreEntry(s, r->peer.uid, why, imageFd < 0 ? &rbd : nullptr);
    if (copy->entry) copy->image = imageFd < 0 ? std::move(copy->entry->rbdValues) : UniqueFd(::fcntl(imageFd, F_DUPFD_CLOEXEC, 3));
    if (!copy->entry || !copy->image.valid())
        qWarning("qvblade-helper: %s will not survive a crash of the helper: %s", qPrintable(exportName(s.shelf, s.slot)),
                 why.empty() ? std::strerror(errno) : why.c_str());
    return copy;
}

void Server::addExport(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot", "interfaces", "readOnly", "direct", "durable", "sync", "offset", "length", "macs",
                       "bufferCount", "configString", "removeOnDisconnect", "allowSharedAddress", "rbd"});
    ExportSettings s;
    readExportSettings(f, s);
    const bool removeOnDisconnect = f.boolean("removeOnDisconnect", false);
    std::optional<RbdSource> rbd;
    if (f.error.isEmpty() && f.has("rbd")) {
        RbdSource source;
        QString why;
        if (!r->args.value("rbd").isObject()) f.fault(QStringLiteral("\"rbd\" must be an object (docs/protocol.md, \"Ceph RBD images\")"));
        else if (!parseRbdSource(r->args.value("rbd").toObject(), source, why)) f.fault(why);
        else rbd = std::move(source);
    }
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);

    if (r->peer.uid != 0) {
        const auto mine = std::count_if(exportOwners_.begin(), exportOwners_.end(), [&](const auto& o) { return o.second.uid == r->peer.uid; });
        if (mine >= options_.maxExportsPerUid)
            return fail(r, err::kLimitReached,
                        QStringLiteral("you already have %1 exports, the most this helper allows one user; remove one first").arg(mine));
    }
    if (const int left = descriptorsLeft(); left < options_.descriptorReserve)
        return fail(r, err::kLimitReached,
                    QStringLiteral("the helper has only %1 file descriptors left (limit %2): no more exports until some are removed").arg(left).arg(rlimitDescriptors()));

    if (rbd) {
        if (!r->fds.empty())
            return fail(r, err::kBadFd, QStringLiteral("an add-export with \"rbd\" takes no descriptor, not %1").arg(r->fds.size()));
        return openRbdExport(r, std::move(s), *rbd, removeOnDisconnect);
    }
    if (r->fds.size() != 1)
        return fail(r, err::kBadFd, QStringLiteral("add-export needs exactly one descriptor (the image, opened by the client), not %1").arg(r->fds.size()));
    const int fd = r->fds[0].get();
    if (const QString bad = imageDescriptorProblem(fd, s.store.readOnly, true); !bad.isEmpty()) return fail(r, err::kBadFd, bad);
    s.path = descriptorPath(fd);
    auto toStore = copyForStore(r, s, removeOnDisconnect, fd);
    std::string why;
    std::unique_ptr<BackingStore> store;
    {
        // A direct export on a 4 KiB-sector device reopens the client's descriptor through
        // /proc/self/fd, with the access mode the client opened it with: as root, so that a
        // root:disk device the client could open is reopened too (as before the helper touched
        // files as nobody; without CAP_DAC_OVERRIDE a file root does not own is still refused).
        RootFileAccess asRoot;
        store = BackingStore::adopt(r->fds[0].release(), s.path, s.store, why);
    }
    if (!store) return fail(r, err::kBadFd, q(why));
    // A direct export that cannot serve every request (no buffered second descriptor for
    // requests under the device's alignment) is refused rather than half-working.
    if (!store->warning().empty()) return fail(r, err::kFailed, q(store->warning()));
    addWithStore(r, std::move(s), std::move(store), removeOnDisconnect, toStore);
}

void Server::openRbdExport(const RequestPtr& r, ExportSettings s, const RbdSource& source, bool removeOnDisconnect) {
    s.path = rbdSourcePath(source.spec);
    if (!source.spec.snapshot.empty()) s.store.readOnly = true;   // a snapshot cannot be written
#ifdef QVBLADE_HAVE_RBD
    if (rbdOpening_ >= kMaxRbdOpening)
        return fail(r, err::kBusy, QStringLiteral("%1 RBD images are being opened already; try again in a few seconds").arg(rbdOpening_));
    ++rbdOpening_;
    auto toStore = copyForStore(r, s, removeOnDisconnect, -1);
    // The settings travel to the worker and back by value; the key is in them and nowhere else
    // (no log line, no audit entry, no list-exports field names it: docs/protocol.md).
    const RbdOpenOptions options{.spec = source.spec, .ceph = source.ceph, .store = s.store, .shared = s.allowSharedAddress,
                                 .depth = unsigned(s.bufferCount) + 1u};
    auto settings = std::make_shared<ExportSettings>(std::move(s));
    auto opened = std::make_shared<std::unique_ptr<BackingStore>>();
    auto why = std::make_shared<std::string>();
    QPointer<Server> self(this);
    QThreadPool::globalInstance()->start([self, r, options, settings, opened, why, removeOnDisconnect, toStore] {
        *opened = openRbdStore(options, *why);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, r, settings, opened, why, removeOnDisconnect, toStore] {
            if (!self) return;
            --self->rbdOpening_;
            const QString name = exportName(settings->shelf, settings->slot);
            if (!*opened) {
                self->audit(r, QStringLiteral("%1 not added: %2").arg(name, q(*why)), name);
                return self->fail(r, err::kFailed, q(*why));
            }
            // Its client went away while the image opened and wanted it gone with it.
            if (removeOnDisconnect && !r->conn) return;
            self->addWithStore(r, std::move(*settings), std::move(*opened), removeOnDisconnect, toStore);
        });
    });
#else
    Q_UNUSED(removeOnDisconnect);
    fail(r, err::kFailed, QStringLiteral("%1: this helper was built without Ceph RBD support").arg(q(s.path)));
#endif
}

void Server::addWithStore(const RequestPtr& r, ExportSettings s, std::unique_ptr<BackingStore> store, bool removeOnDisconnect,
                          std::shared_ptr<StoreCopy> toStore) {
    const QString name = exportName(s.shelf, s.slot);

    struct Added {
        bool ok = false;
        bool exists = false;
        QString error;
        QJsonObject json;
    };
    // Taken here: the engine says so. A shared export of a store without an identity (a file)
    // accepts whoever answers; one with an identity (an RBD image) asks them which storage they
    // serve (core/storage_identity.h).
    const std::string storageId = store->storageId();
    const bool probe = !exportOwners_.count(name) && (!s.allowSharedAddress || !storageId.empty());
    const bool sharedAddress = s.allowSharedAddress;
    const uint16_t shelf = s.shelf;
    const uint8_t slot = s.slot;
    const std::vector<std::string> probed = s.interfaces;
    auto shared = std::make_shared<std::pair<ExportSettings, std::unique_ptr<BackingStore>>>(std::move(s), std::move(store));
    auto start = [this, r, name, removeOnDisconnect, shared, toStore] {
    engine_->call<Added>(
        [shared](Engine& e) {
            Added a;
            auto& [settings, backing] = *shared;
            for (const auto& t : e.exports())
                if (t->shelf() == settings.shelf && t->slot() == settings.slot) {
                    a.exists = true;
                    a.error = QStringLiteral("%1 is already exported (on %2)").arg(q(t->name()), q(t->settings().interfaces.front()));
                    return a;
                }
            std::string error;
            auto target = e.addExport(std::move(settings), std::move(backing), error);
            if (!target) {
                a.error = q(error);
                return a;
            }
            a.ok = true;
            a.json = exportJson(*target, false);
            return a;
        },
        [this, r, name, removeOnDisconnect, toStore](Added a) {
            if (!a.ok) {
                audit(r, QStringLiteral("%1 not added: %2").arg(name, a.error), name);
                return fail(r, a.exists ? err::kExists : err::kFailed, a.error);
            }
            exportOwners_[name] = {r->peer.uid, userName(r->peer.uid), r->fdStoreNames, r->args.value("rbd").toObject()};
            if (toStore->entry && toStore->image.valid()) exportOwners_[name].fdStoreNames = keepInStore(name, *toStore->entry, toStore->image);
            a.json = exportView(r->peer, a.json);
            if (removeOnDisconnect && r->conn) r->conn->removeOnDisconnect.insert(name);
            audit(r, QStringLiteral("%1 added: %2 on %3").arg(name, a.json.value("path").toString(),
                                                               a.json.value("interfaces").toVariant().toStringList().join(',')), name);
            ok(r, {{"export", a.json}});
            announceExportChange(QStringLiteral("added"), name, a.json);
        });
    };
    if (!probe) return start();
    unlessAddressTaken(r, {shelf, slot, probed, sharedAddress}, storageId, start);
}

void Server::removeExport(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf), slot = f.integer("slot", 0, aoe::kMaxSlot);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString name = exportName(shelf, slot);
    authorizeOwner(r, name, [this, r, name, shelf, slot] {
        engine_->call<bool>([shelf, slot](Engine& e) { return e.removeExport(uint16_t(shelf), uint8_t(slot)); },
                            [this, r, name](bool removed) {
                                if (!removed) return fail(r, err::kNotFound, QStringLiteral("%1 is not exported").arg(name));
                                announceExportChange(QStringLiteral("removed"), name);
                                forgetExport(name);
                                if (isDemo(name)) endDemo(QStringLiteral("its export was removed"));
                                for (const auto& c : connections_)
                                    if (c) c->removeOnDisconnect.remove(name);
                                audit(r, name + QStringLiteral(" removed"), name);
                                ok(r, {{"removed", name}});
                            });
    });
}

void Server::pauseExport(const RequestPtr& r) { setPaused(r, true); }
void Server::resumeExport(const RequestPtr& r) { setPaused(r, false); }

void Server::setPaused(const RequestPtr& r, bool paused) {
    Fields f(r->args, {"shelf", "slot"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf), slot = f.integer("slot", 0, aoe::kMaxSlot);
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString name = exportName(shelf, slot);
    authorizeOwner(r, name, [this, r, name, shelf, slot, paused] {
    // The export as it is now comes back with the answer, for the export-changed event.
    engine_->call<std::optional<QJsonObject>>(
        [shelf, slot, paused](Engine& e) -> std::optional<QJsonObject> {
            if (!e.setPaused(uint16_t(shelf), uint8_t(slot), paused)) return std::nullopt;
            for (const auto& t : e.exports())
                if (t->shelf() == shelf && t->slot() == slot) return exportJson(*t, paused);
            return QJsonObject{};
        },
        [this, r, name, paused](std::optional<QJsonObject> json) {
            if (!json) return fail(r, err::kNotFound, QStringLiteral("%1 is not exported").arg(name));
            audit(r, name + (paused ? QStringLiteral(" paused") : QStringLiteral(" resumed")), name);
            ok(r, {{"name", name}, {"paused", paused}});
            announceExportChange(paused ? QStringLiteral("paused") : QStringLiteral("resumed"), name, *json);
        });
    });
}

void Server::setExportOptions(const RequestPtr& r) {
    Fields f(r->args, {"shelf", "slot", "readOnly", "macs"});
    const qint64 shelf = f.integer("shelf", 0, aoe::kMaxShelf), slot = f.integer("slot", 0, aoe::kMaxSlot);
    Engine::OptionsChange change;
    if (f.has("readOnly")) change.readOnly = f.boolean("readOnly", false);
    if (f.has("macs")) {
        std::vector<aoe::MacAddress> list;
        for (const QString& m : f.strings("macs", qsizetype(kMaskListCapacity), 17)) {
            const auto mac = aoe::MacAddress::parse(m.toStdString());
            if (!mac) f.fault(QStringLiteral("\"%1\" is not a MAC address").arg(m));
            else list.push_back(*mac);
        }
        change.allowedMacs = std::move(list);
    }
    if (f.error.isEmpty() && !change.readOnly && !change.allowedMacs) f.fault(QStringLiteral("give \"readOnly\", \"macs\" or both"));
    if (!f.error.isEmpty()) return fail(r, err::kInvalidArgument, f.error);
    const QString name = exportName(shelf, slot);
    authorizeOwner(r, name, [this, r, name, shelf, slot, change] {
    struct Changed {
        bool ok = false;
        bool found = false;
        QString error;
        QJsonObject json;
        ExportSettings settings;   // as changed: what the descriptor store must hold now
        int image = -1;            // a duplicate of the image descriptor, for the store
    };
    const bool stored = exportOwners_.count(name) && !exportOwners_.at(name).fdStoreNames.empty();
    engine_->call<Changed>(
        [shelf, slot, change, stored](Engine& e) {
            Changed c;
            std::string error;
            for (const auto& t : e.exports()) c.found = c.found || (t->shelf() == shelf && t->slot() == slot);
            if (!c.found) return c;
            c.ok = e.setExportOptions(uint16_t(shelf), uint8_t(slot), change, error);
            c.error = q(error);
            for (const auto& t : e.exports())
                if (c.ok && t->shelf() == shelf && t->slot() == slot) {
                    c.json = exportJson(*t, e.isPaused(t->shelf(), t->slot()));
                    c.settings = t->settings();
                    if (stored && t->store().fd() >= 0) c.image = ::fcntl(t->store().fd(), F_DUPFD_CLOEXEC, 3);
                }
            return c;
        },
        [this, r, name, change](Changed c) {
            if (!c.found) return fail(r, err::kNotFound, QStringLiteral("%1 is not exported").arg(name));
            if (!c.ok) {
                audit(r, QStringLiteral("%1 not changed: %2").arg(name, c.error), name);
                return fail(r, err::kFailed, c.error);
            }
            QStringList what;
            if (change.readOnly) what << (*change.readOnly ? QStringLiteral("read-only") : QStringLiteral("read-write"));
            if (change.allowedMacs)
                what << QStringLiteral("mac mask list [%1]").arg(c.json.value("maskList").toVariant().toStringList().join(','));
            audit(r, QStringLiteral("%1 changed: %2").arg(name, what.join(QStringLiteral(", "))), name);
            // A helper restarted from systemd's descriptor store must bring the export back as it is
            // now: an export made read-only must not come back writable.
            const UniqueFd image(c.image);   // (none for an RBD image: its stored values are used)
            updateStoreEntries(name, c.settings, image);
            ok(r, {{"export", exportView(r->peer, c.json)}});
            announceExportChange(QStringLiteral("options-changed"), name, c.json);
        });
    });
}

}  // namespace qvblade::helper
