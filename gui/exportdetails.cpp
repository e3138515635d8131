// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/exportdetails.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/aoe_wire.h"
#include "core/mac_lists.h"
#include "gui/colors.h"
#include "gui/fittingscrollarea.h"
#include "gui/inlinemessage.h"
#include "gui/macnote.h"
#include "gui/usermessages.h"

namespace qvblade::gui {

namespace {

// The AoE error codes by the names the AoE specification gives them (index = code).
QString aoeErrorName(int code) {
    switch (code) {
    case 1: return ExportDetailsDialog::tr("Unrecognized command");
    case 2: return ExportDetailsDialog::tr("Bad argument");
    case 3: return ExportDetailsDialog::tr("Device unavailable");
    case 4: return ExportDetailsDialog::tr("Config string present");
    case 5: return ExportDetailsDialog::tr("Unsupported version");
    case 6: return ExportDetailsDialog::tr("Target reserved");
    }
    return {};
}

QString seenText(qint64 seconds) {
    if (seconds <= 0) return ExportDetailsDialog::tr("unknown");
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds), QLocale::ShortFormat);
}

}  // namespace

ExportDetailsDialog::ExportDetailsDialog(ExportBackend* backend, quint16 shelf, quint8 slot, QWidget* parent)
    : QDialog(parent), backend_(backend), shelf_(shelf), slot_(slot) {
    setObjectName(QStringLiteral("exportDetails"));
    setWindowTitle(tr("Details of %1").arg(exportName(shelf, slot)));

    auto* content = new QWidget;
    auto* inner = new QVBoxLayout(content);
    inner->setContentsMargins(0, 0, 0, 0);

    owner_ = new QLabel;
    owner_->setWordWrap(true);
    inner->addWidget(owner_);

    auto* settings = new QGroupBox(tr("Export"));
    auto* settingsForm = new QFormLayout(settings);
    flags_ = new QLabel;
    flags_->setWordWrap(true);
    settingsForm->addRow(tr("Options:"), flags_);
    readOnly_ = new QCheckBox(tr("&Read-only: writes are refused"));
    settingsForm->addRow(readOnly_);
    config_ = new QLabel;
    config_->setWordWrap(true);
    config_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    settingsForm->addRow(tr("Config string:"), config_);
    reservations_ = new QLabel;
    reservations_->setWordWrap(true);
    reservations_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    settingsForm->addRow(tr("Reserved by:"), reservations_);
    inner->addWidget(settings);

    auto* totals = new QGroupBox(tr("Totals since the export started"));
    auto* grid = new QGridLayout(totals);
    grid->setHorizontalSpacing(12);
    grid->setColumnStretch(2, 1);   // a gap between the two columns
    addTotal(grid, 0, QStringLiteral("framesIn"), tr("Frames received:"));
    addTotal(grid, 0, QStringLiteral("framesOut"), tr("Frames sent:"));
    addTotal(grid, 0, QStringLiteral("bytesIn"), tr("Bytes received:"));
    addTotal(grid, 0, QStringLiteral("bytesOut"), tr("Bytes sent:"));
    addTotal(grid, 0, QStringLiteral("ataReads"), tr("Reads:"));
    addTotal(grid, 0, QStringLiteral("ataWrites"), tr("Writes:"));
    addTotal(grid, 0, QStringLiteral("flushes"), tr("Flushes:"));
    addTotal(grid, 0, QStringLiteral("busyDrops"), tr("Dropped, all buffers busy:"));
    addTotal(grid, 0, QStringLiteral("kernelDrops"), tr("Dropped by the kernel (its interfaces):"));
    addTotal(grid, 1, QStringLiteral("ataErrors"), tr("ATA errors answered:"));
    addTotal(grid, 1, QStringLiteral("ioErrors"), tr("… of those, I/O errors of the image:"));
    for (int code = 1; code < int(aoe::kErrorCodeCount); ++code)
        addTotal(grid, 1, QStringLiteral("aoeError%1").arg(code), tr("AoE error “%1”:").arg(aoeErrorName(code)));
    addTotal(grid, 1, QStringLiteral("maskRefused"), tr("Ignored, not on the Mac Mask List:"));
    inner->addWidget(totals);

    auto* who = new QGroupBox(tr("Initiators"));
    auto* whoLayout = new QVBoxLayout(who);
    initiators_ = new QTreeWidget;
    initiators_->setRootIsDecorated(false);
    initiators_->setHeaderLabels({tr("MAC address"), tr("First seen"), tr("Last seen")});
    initiators_->setAccessibleName(tr("Initiators"));
    initiators_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    initiators_->setMinimumHeight(5 * initiators_->fontMetrics().height());
    initiators_->setMaximumHeight(11 * initiators_->fontMetrics().height());   // the helper keeps 8
    whoLayout->addWidget(initiators_);
    inner->addWidget(who);

    auto* masks = new QGroupBox(tr("Mac Mask List: only these initiators; empty: everyone"));
    auto* maskLayout = new QVBoxLayout(masks);
    macList_ = new QListWidget;
    macList_->setAccessibleName(tr("Allowed initiator MAC addresses"));
    macList_->setMinimumHeight(4 * macList_->fontMetrics().height());
    macList_->setMaximumHeight(8 * macList_->fontMetrics().height());   // up to 32 entries scroll
    macEdit_ = new QLineEdit;
    macEdit_->setPlaceholderText(QStringLiteral("52:54:00:12:34:56"));
    macEdit_->setAccessibleName(tr("MAC address to allow"));
    addMac_ = new QPushButton(tr("A&dd"));
    removeMac_ = new QPushButton(tr("Re&move"));
    applyMacs_ = new QPushButton(tr("A&pply list"));
    applyMacs_->setEnabled(false);
    auto* macRow = new QHBoxLayout;
    macRow->addWidget(macEdit_, 1);
    macRow->addWidget(addMac_);
    macRow->addWidget(removeMac_);
    macRow->addWidget(applyMacs_);
    maskLayout->addWidget(macList_);
    maskLayout->addLayout(macRow);
    maskLayout->addWidget(makeMacSecurityNote());
    inner->addWidget(masks);

    message_ = new InlineMessage;
    message_->setWordWrap(true);
    message_->hide();
    inner->addWidget(message_);
    inner->addStretch();

    scroll_ = new FittingScrollArea([this] {
        const QScreen* s = screen();
        return s ? s->availableGeometry().height() * 8 / 10 : 100000;
    });
    scroll_->setWidget(content);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* top = new QVBoxLayout(this);
    top->addWidget(scroll_, 1);
    top->addWidget(buttons);

    connect(readOnly_, &QCheckBox::clicked, this, &ExportDetailsDialog::toggleReadOnly);
    connect(addMac_, &QPushButton::clicked, this, &ExportDetailsDialog::addMac);
    connect(macEdit_, &QLineEdit::returnPressed, this, &ExportDetailsDialog::addMac);
    connect(removeMac_, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = macList_->currentItem()) {
            delete item;
            macsEdited_ = true;
            updateEditable();
        }
    });
    connect(applyMacs_, &QPushButton::clicked, this, &ExportDetailsDialog::applyMacs);
    connect(backend_, &ExportBackend::exportsChanged, this, &ExportDetailsDialog::setExports);
    connect(backend_, &ExportBackend::countersUpdated, this, &ExportDetailsDialog::setCounters);
    connect(backend_, &ExportBackend::requestFinished, this, &ExportDetailsDialog::onRequestFinished);
    connect(backend_, &ExportBackend::stateChanged, this, [this] { updateEditable(); });
    setExports(backend_->exports());
}

QLabel* ExportDetailsDialog::message() const { return message_; }

void ExportDetailsDialog::addTotal(QGridLayout* grid, int column, const QString& name, const QString& label) {
    auto* value = new QLabel(QStringLiteral("0"));
    value->setObjectName(name);
    value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* text = new QLabel(label);
    text->setBuddy(value);
    int row = 0;
    while (grid->itemAtPosition(row, column * 3)) ++row;
    grid->addWidget(text, row, column * 3);
    grid->addWidget(value, row, column * 3 + 1);
    totals_.insert(name, value);
}

QString ExportDetailsDialog::total(const QString& name) const {
    const QLabel* l = totals_.value(name);
    return l ? l->text() : QString();
}

void ExportDetailsDialog::setTotal(const QString& name, quint64 value, bool bytes) {
    if (QLabel* l = totals_.value(name))
        l->setText(bytes ? QStringLiteral("%1 (%2)").arg(QLocale().formattedDataSize(qint64(value), 1), QLocale().toString(value))
                         : QLocale().toString(value));
}

void ExportDetailsDialog::setExports(const QList<ExportInfo>& exports) {
    present_ = false;
    for (const ExportInfo& e : exports)
        if (e.key() == key()) {
            export_ = e;
            present_ = true;
        }
    if (!present_) {
        owner_->setText(tr("%1 is no longer exported.").arg(exportName(shelf_, slot_)));
        updateEditable();
        return;
    }
    const ExportInfo& e = export_;
    QStringList flags;
    flags << (e.spec.readOnly ? tr("read-only") : tr("read-write"));
    flags << (e.spec.direct ? tr("direct I/O") : tr("through the page cache"));
    flags << (e.spec.durable ? tr("safe writes (acknowledged once on stable storage)") : tr("writes acknowledged from the page cache"));
    if (e.spec.allowSharedAddress) flags << tr("shared address");
    flags_->setText(e.detailsHidden ? hiddenDetailsReason(e) : flags.join(QStringLiteral(", ")));
    QString who = e.detailsHidden ? QString() : e.spec.path;
    if (!ownerText(e).isEmpty()) who += (who.isEmpty() ? QString() : QStringLiteral(" — ")) + tr("owned by %1").arg(ownerText(e));
    owner_->setText(who);
    {
        const QSignalBlocker quiet(readOnly_);
        readOnly_->setChecked(e.spec.readOnly);
    }
    if (e.details.known) {
        showDetails(e.details);
    } else if (!macsEdited_) {
        // An older helper: the list the export was added with.
        macList_->clear();
        macList_->addItems(e.spec.allowedMacs);
    }
    updateEditable();
}

void ExportDetailsDialog::showDetails(const ExportDetails& d) {
    config_->setText(d.configString.isEmpty() ? tr("(empty)") : d.configString);
    reservations_->setText(d.reservations.isEmpty() ? tr("nobody (every initiator may write)") : d.reservations.join(QStringLiteral(", ")));
    if (!macsEdited_) {
        QStringList shown;
        for (int i = 0; i < macList_->count(); ++i) shown << macList_->item(i)->text();
        if (shown != d.maskList) {
            macList_->clear();
            macList_->addItems(d.maskList);
        }
    }
    // Keep the selection and the scroll position: rewrite the rows in place.
    while (initiators_->topLevelItemCount() > d.initiatorsSeen.size()) delete initiators_->topLevelItem(initiators_->topLevelItemCount() - 1);
    for (int i = 0; i < d.initiatorsSeen.size(); ++i) {
        QTreeWidgetItem* item = i < initiators_->topLevelItemCount() ? initiators_->topLevelItem(i) : new QTreeWidgetItem(initiators_);
        item->setText(0, d.initiatorsSeen[i].mac);
        item->setText(1, seenText(d.initiatorsSeen[i].firstSeen));
        item->setText(2, seenText(d.initiatorsSeen[i].lastSeen));
    }
}

void ExportDetailsDialog::setCounters(const QList<CounterSample>& samples) {
    for (const CounterSample& s : samples) {
        if (exportKey(s.shelf, s.slot) != key()) continue;
        setTotal(QStringLiteral("framesIn"), s.framesIn);
        setTotal(QStringLiteral("framesOut"), s.framesOut);
        setTotal(QStringLiteral("bytesIn"), s.bytesIn, true);
        setTotal(QStringLiteral("bytesOut"), s.bytesOut, true);
        setTotal(QStringLiteral("ataReads"), s.ataReads);
        setTotal(QStringLiteral("ataWrites"), s.ataWrites);
        setTotal(QStringLiteral("flushes"), s.flushes);
        setTotal(QStringLiteral("ataErrors"), s.errors);
        setTotal(QStringLiteral("ioErrors"), s.ioErrors);
        for (int code = 1; code < int(aoe::kErrorCodeCount); ++code)
            setTotal(QStringLiteral("aoeError%1").arg(code), code < s.aoeErrors.size() ? s.aoeErrors[code] : 0);
        setTotal(QStringLiteral("busyDrops"), s.drops);
        quint64 kernel = 0;
        for (quint64 n : s.interfaceDrops) kernel += n;
        setTotal(QStringLiteral("kernelDrops"), kernel);
        setTotal(QStringLiteral("maskRefused"), s.maskRefused);
        if (s.details.known) showDetails(s.details);
    }
}

void ExportDetailsDialog::updateEditable() {
    const bool running = backend_->state() == HelperState::Running;
    const bool allowed = present_ && running && !export_.detailsHidden && mayChange(export_, backend_->clientUid())
                         && export_.state != ExportState::Stopped && export_.state != ExportState::Failed;
    const bool busy = pending_ != -1;
    QString why;
    if (present_ && !mayChange(export_, backend_->clientUid())) why = notOwnerReason(export_);
    // Writes can be switched on only where the helper holds the image open for writing.
    const bool canWrite = export_.writable || !export_.spec.readOnly;
    readOnly_->setEnabled(allowed && !busy && canWrite);
    readOnly_->setToolTip(!why.isEmpty() ? why
                          : !canWrite    ? tr("The image was opened read-only: export it again to allow writes.")
                                         : QString());
    for (QWidget* w : std::initializer_list<QWidget*>{macList_, macEdit_, addMac_, removeMac_}) {
        w->setEnabled(allowed && !busy);
        w->setToolTip(why);
    }
    applyMacs_->setEnabled(allowed && !busy && macsEdited_);
}

void ExportDetailsDialog::addMac() {
    const QString text = macEdit_->text().trimmed();
    if (text.isEmpty()) return;
    const auto mac = aoe::MacAddress::parse(text.toStdString());
    if (!mac || mac->isBroadcast()) {
        showMessage(tr("“%1” is not a MAC address (write it as 52:54:00:12:34:56).").arg(text));
        return;
    }
    if (macList_->count() >= int(kMaskListCapacity)) {
        showMessage(tr("The Mac Mask List holds at most %1 addresses.").arg(kMaskListCapacity));
        return;
    }
    const QString normal = QString::fromStdString(mac->toString());
    if (macList_->findItems(normal, Qt::MatchExactly).isEmpty()) macList_->addItem(normal);
    macEdit_->clear();
    showMessage({});
    macsEdited_ = true;
    updateEditable();
}

void ExportDetailsDialog::applyMacs() {
    QStringList macs;
    for (int i = 0; i < macList_->count(); ++i) macs << macList_->item(i)->text();
    pending_ = backend_->setExportOptions(shelf_, slot_, std::nullopt, macs);
    if (pending_ == -1) showMessage(tr("This helper cannot change an export while it serves: remove it and export it again."));
    updateEditable();
}

void ExportDetailsDialog::toggleReadOnly(bool on) {
    pending_ = backend_->setExportOptions(shelf_, slot_, on, std::nullopt);
    if (pending_ == -1) {
        showMessage(tr("This helper cannot change an export while it serves: remove it and export it again."));
        const QSignalBlocker quiet(readOnly_);
        readOnly_->setChecked(export_.spec.readOnly);
    }
    updateEditable();
}

void ExportDetailsDialog::onRequestFinished(int id, bool ok, const QString& error) {
    if (id != pending_) return;
    pending_ = -1;
    if (ok) {
        macsEdited_ = false;
        showMessage({});
    } else {
        showMessage(tr("Not changed: %1").arg(userMessage(error)));
    }
    // The helper's list is what counts now, whichever way it went.
    macsEdited_ = false;
    setExports(backend_->exports());
}

void ExportDetailsDialog::showMessage(const QString& text) {
    message_->setText(text);
    message_->setVisible(!text.isEmpty());
    QPalette p = palette();
    p.setColor(QPalette::WindowText, errorTextColor(p));
    message_->setPalette(p);
}

}  // namespace qvblade::gui
