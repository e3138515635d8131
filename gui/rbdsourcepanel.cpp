// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/rbdsourcepanel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QThreadPool>

#include "core/ceph_config.h"
#include "gui/colors.h"
#include "gui/inlinemessage.h"
#ifdef QVBLADE_HAVE_RBD
#include "core/rbd/rbd_catalog.h"
#endif

namespace qvblade::gui {

namespace {

constexpr qint64 kMaxCephFileBytes = 1 << 20;   // a ceph.conf or keyring is a few KiB

// The text of a file the user chose, read as the user; empty and `error` set on failure.
std::optional<std::string> readUserFile(const QString& path, QString& error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = RbdSourcePanel::tr("Cannot read %1: %2.").arg(path, f.errorString());
        return std::nullopt;
    }
    return f.read(kMaxCephFileBytes).toStdString();
}

QStringList toList(const std::vector<std::string>& v) {
    QStringList out;
    for (const std::string& s : v) out << QString::fromStdString(s);
    return out;
}

}  // namespace

bool RbdSourcePanel::available() {
#ifdef QVBLADE_HAVE_RBD
    return true;
#else
    return false;
#endif
}

RbdSourcePanel::RbdSourcePanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto fileRow = [&](QLineEdit*& edit, const QString& label, const QString& placeholder, const QString& title,
                             const QString& filter) {
        edit = new QLineEdit;
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        auto* browseButton = new QPushButton(tr("Browse…"));
        browseButton->setAccessibleName(title);
        auto* row = new QHBoxLayout;
        row->addWidget(edit, 1);
        row->addWidget(browseButton);
        auto* l = new QLabel(label);
        l->setBuddy(edit);
        form->addRow(l, row);
        connect(browseButton, &QPushButton::clicked, this, [this, edit, title, filter] { browse(edit, title, filter); });
        connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
            if (edit->isModified()) reload();
            edit->setModified(false);
        });
    };
    fileRow(conf_, tr("Ceph &configuration:"), tr("The cluster's ceph.conf, e.g. /etc/ceph/ceph.conf"),
            tr("Choose the cluster's configuration file"), tr("Ceph configuration (*.conf);;All files (*)"));
    fileRow(keyring_, tr("&Keyring:"), tr("A keyring with the user's key, e.g. /etc/ceph/ceph.client.admin.keyring"),
            tr("Choose the keyring"), tr("Keyrings (*.keyring);;All files (*)"));
    id_ = new QLineEdit(QStringLiteral("admin"));
    id_->setAccessibleName(tr("Ceph user, without client."));
    auto* idLabel = new QLabel(tr("Ceph &ID:"));
    idLabel->setBuddy(id_);
    form->addRow(idLabel, id_);
    connect(id_, &QLineEdit::editingFinished, this, [this] {
        if (id_->isModified()) reload();
        id_->setModified(false);
    });
    const auto comboRow = [&](QComboBox*& box, const QString& label, const QString& accessible) {
        box = new QComboBox;
        box->setObjectName(QStringLiteral("rbd ") + accessible);   // for tests
        box->setAccessibleName(accessible);
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        auto* l = new QLabel(label);
        l->setBuddy(box);
        form->addRow(l, box);
    };
    comboRow(pool_, tr("&Pool:"), tr("Pool"));
    comboRow(image_, tr("R&BD image:"), tr("RBD image"));
    comboRow(snapshot_, tr("&Snapshot:"), tr("Snapshot (exported read-only)"));
    // What happens to I/O while an OSD is down (docs/rbd.md): waiting keeps the initiator's file
    // system whole once the OSD is back; a timeout hands it errors instead.
    osdTimeout_ = new QSpinBox;
    osdTimeout_->setObjectName(QStringLiteral("rbd OSD timeout"));   // for tests
    osdTimeout_->setRange(0, 86400);
    osdTimeout_->setSuffix(tr(" s"));
    osdTimeout_->setSpecialValueText(tr("Wait until the OSD is back"));
    osdTimeout_->setAccessibleName(tr("OSD timeout in seconds, 0 to wait"));
    osdTimeout_->setToolTip(tr("While an OSD does not answer, writes wait for it and the initiator retransmits. "
                               "With a timeout they fail after it, and the initiator's file system sees I/O errors."));
    auto* timeoutLabel = new QLabel(tr("Gi&ve up on a silent OSD after:"));
    timeoutLabel->setBuddy(osdTimeout_);
    form->addRow(timeoutLabel, osdTimeout_);
    message_ = new InlineMessage;
    form->addRow(QString(), message_);
    connect(pool_, &QComboBox::activated, this, [this] {
        wantPool_ = pool_->currentText();
        wantImage_.clear();
        loadImages();
        Q_EMIT changed();
    });
    connect(image_, &QComboBox::activated, this, [this] {
        wantImage_ = image_->currentText();
        wantSnapshot_.clear();
        loadSnapshots();
        Q_EMIT changed();
    });
    connect(snapshot_, &QComboBox::activated, this, [this] {
        wantSnapshot_ = snapshot_->currentData().toString();
        Q_EMIT changed();
    });
    for (QComboBox* b : {pool_, image_, snapshot_}) b->setEnabled(false);
}

void RbdSourcePanel::browse(QLineEdit* edit, const QString& title, const QString& filter) {
    const QString start = edit->text().isEmpty() ? QStringLiteral("/etc/ceph") : QFileInfo(edit->text()).absolutePath();
    const QString chosen = QFileDialog::getOpenFileName(this, title, QDir(start).exists() ? start : QDir::homePath(), filter);
    if (chosen.isEmpty()) return;
    edit->setText(chosen);
    reload();
}

void RbdSourcePanel::setMessage(const QString& text, bool error) {
    message_->setText(text);
    message_->setVisible(!text.isEmpty());
    message_->setProperty("isError", error && !text.isEmpty());
    QPalette p = palette();
    if (error) p.setColor(QPalette::WindowText, errorTextColor(p));   // as the dialog's own messages
    message_->setPalette(p);
    message_->setAccessibleDescription(text);
}

QString RbdSourcePanel::error() const { return message_->property("isError").toBool() ? message_->text() : QString(); }

void RbdSourcePanel::fill(QComboBox* box, const QStringList& items, const QString& keep, const QString& none) {
    box->clear();
    if (!none.isNull()) box->addItem(none, QString());
    for (const QString& i : items) box->addItem(i, i);
    const int at = box->findData(keep);
    if (at >= 0) box->setCurrentIndex(at);
    box->setEnabled(box->count() > 0);
}

RbdImageSpec RbdSourcePanel::source() const {
    RbdImageSpec s;
    s.confFile = conf_->text().trimmed();
    s.keyringFile = keyring_->text().trimmed();
    s.id = id_->text().trimmed();
    if (s.id.startsWith(QLatin1String("client."))) s.id = s.id.mid(7);
    s.monitors = monitors_;
    s.key = key_;
    s.pool = pool_->currentIndex() >= 0 ? pool_->currentText() : wantPool_;
    s.image = image_->currentIndex() >= 0 ? image_->currentText() : wantImage_;
    s.snapshot = snapshot_->currentIndex() >= 0 ? snapshot_->currentData().toString() : wantSnapshot_;
    s.osdTimeoutSeconds = quint32(osdTimeout_->value());
    return s;
}

bool RbdSourcePanel::hasSnapshot() const { return !source().snapshot.isEmpty(); }

void RbdSourcePanel::setSource(const RbdImageSpec& s) {
    conf_->setText(s.confFile);
    keyring_->setText(s.keyringFile);
    id_->setText(s.id);
    osdTimeout_->setValue(int(s.osdTimeoutSeconds));
    wantPool_ = s.pool;
    wantImage_ = s.image;
    wantSnapshot_ = s.snapshot;
    reload();
}

void RbdSourcePanel::reload() {
    ++generation_;
    loading_ = 0;
    clusterOk_ = false;
    monitors_.clear();
    key_.clear();
    for (QComboBox* b : {pool_, image_, snapshot_}) fill(b, {}, {});
    const QString conf = conf_->text().trimmed(), keyring = keyring_->text().trimmed();
    QString id = id_->text().trimmed();
    if (id.startsWith(QLatin1String("client."))) id = id.mid(7);
    if (conf.isEmpty() || keyring.isEmpty() || id.isEmpty()) {
        setMessage(QString());
        Q_EMIT changed();
        return;
    }
    QString why;
    std::string error;
    const auto confText = readUserFile(conf, why);
    if (!confText) return setMessage(why);
    const auto monitors = cephMonHost(*confText, id.toStdString(), error);
    if (!monitors) return setMessage(tr("%1: %2.").arg(conf, QString::fromStdString(error)));
    const auto keyringText = readUserFile(keyring, why);
    if (!keyringText) return setMessage(why);
    const auto key = cephKeyringKey(*keyringText, id.toStdString(), error);
    if (!key) return setMessage(tr("%1: %2.").arg(keyring, QString::fromStdString(error)));
    if (!isCephKey(*key)) return setMessage(tr("%1: the key of client.%2 is not a cephx key.").arg(keyring, id));
    monitors_ = QString::fromStdString(*monitors);
    key_ = QString::fromStdString(*key);
    loadPools();
}

void RbdSourcePanel::inBackground(std::function<std::function<void()>()> work) {
    ++loading_;
    setMessage(tr("Asking the cluster (%1)…").arg(monitors_), false);
    QPointer<RbdSourcePanel> self(this);
    const int generation = generation_;
    QThreadPool::globalInstance()->start([self, generation, work = std::move(work)] {
        auto done = std::make_shared<std::function<void()>>(work());
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, generation, done] {
            if (!self || generation != self->generation_) return;
            --self->loading_;
            (*done)();
            Q_EMIT self->loaded();
        });
    });
}

namespace {
#ifdef QVBLADE_HAVE_RBD
CephSettings settingsOf(const RbdImageSpec& s) {
    CephSettings c;
    c.id = s.id.toStdString();
    c.monHost = s.monitors.toStdString();
    c.key = s.key.toStdString();
    return c;
}
#endif
}  // namespace

void RbdSourcePanel::loadPools() {
#ifdef QVBLADE_HAVE_RBD
    const CephSettings ceph = settingsOf(source());
    inBackground([this, ceph]() -> std::function<void()> {
        std::vector<std::string> pools;
        std::string error;
        const bool ok = listCephPools(ceph, pools, error);
        return [this, ok, pools = toList(pools), error = QString::fromStdString(error)] {
            if (!ok) return setMessage(tr("The cluster did not list its pools: %1.").arg(error));
            if (pools.isEmpty()) return setMessage(tr("The cluster has no pools."));
            clusterOk_ = true;
            fill(pool_, pools, wantPool_);
            setMessage(QString());
            loadImages();
        };
    });
#else
    setMessage(tr("This qvblade was built without Ceph RBD support."));
#endif
}

void RbdSourcePanel::loadImages() {
#ifdef QVBLADE_HAVE_RBD
    fill(image_, {}, {});
    fill(snapshot_, {}, {});
    const RbdImageSpec s = source();
    if (s.pool.isEmpty()) return;
    const CephSettings ceph = settingsOf(s);
    inBackground([this, ceph, pool = s.pool.toStdString()]() -> std::function<void()> {
        std::vector<std::string> images;
        std::string error;
        const bool ok = listRbdImages(ceph, pool, images, error);
        return [this, ok, images = toList(images), error = QString::fromStdString(error), pool = QString::fromStdString(pool)] {
            if (!ok) return setMessage(tr("The cluster did not list the images: %1.").arg(error));
            if (images.isEmpty()) return setMessage(tr("Pool %1 has no RBD images.").arg(pool));
            fill(image_, images, wantImage_);
            setMessage(QString());
            loadSnapshots();
            Q_EMIT changed();
        };
    });
#endif
}

void RbdSourcePanel::loadSnapshots() {
#ifdef QVBLADE_HAVE_RBD
    fill(snapshot_, {}, {});
    const RbdImageSpec s = source();
    if (s.pool.isEmpty() || s.image.isEmpty()) return;
    const CephSettings ceph = settingsOf(s);
    inBackground([this, ceph, pool = s.pool.toStdString(), image = s.image.toStdString()]() -> std::function<void()> {
        std::vector<std::string> snapshots;
        std::string error;
        const bool ok = listRbdSnapshots(ceph, pool, image, snapshots, error);
        return [this, ok, snapshots = toList(snapshots), error = QString::fromStdString(error)] {
            if (!ok) return setMessage(tr("The cluster did not list the snapshots: %1.").arg(error));
            fill(snapshot_, snapshots, wantSnapshot_, tr("None: the image itself"));
            setMessage(QString());
            Q_EMIT changed();
        };
    });
#endif
}

bool RbdSourcePanel::check(bool showEmpty) {
    const RbdImageSpec s = source();
    if (!error().isEmpty()) return false;
    if (s.confFile.isEmpty() || s.keyringFile.isEmpty()) {
        setMessage(showEmpty ? tr("Choose the cluster's configuration file and a keyring.") : QString());
        return false;
    }
    if (isLoading()) {
        if (showEmpty) setMessage(tr("Still asking the cluster; wait a moment."));
        return false;
    }
    if (!clusterOk_ || s.pool.isEmpty() || s.image.isEmpty()) {
        if (showEmpty) setMessage(tr("Choose a pool and an image."));
        return false;
    }
    return true;
}

}  // namespace qvblade::gui
