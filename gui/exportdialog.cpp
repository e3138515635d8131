// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/exportdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QTimer>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QNetworkInterface>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QScreen>
#include <QStyle>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cerrno>
#include <cstring>

#include "core/aoe_wire.h"
#include "core/export_target.h"
#include "core/os/os.h"
#include "gui/colors.h"
#include "gui/fittingscrollarea.h"
#include "gui/macnote.h"
#include "gui/inlinemessage.h"
#include "gui/usermessages.h"
#include "gui/networkscanner.h"
#include "gui/rbdsourcepanel.h"

namespace qvblade::gui {

namespace {
constexpr qint64 kGiB = qint64(1) << 30;
constexpr int kMacRowsShown = 4;         // the allow-list's visible rows
constexpr int kInterfaceRowsShown = 8;   // more interfaces than this scroll

QString errnoText(int e) { return QString::fromLocal8Bit(std::strerror(e)); }

// Size of a regular file or block device; -1 with a sentence when it is neither.
qint64 imageSize(const QString& path, QString& why) {
    struct stat st{};
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) != 0) {
        why = errno == ENOENT ? ExportDialog::tr("There is no file called %1.").arg(path)
                              : ExportDialog::tr("%1: %2.").arg(path, errnoText(errno));
        return -1;
    }
    if (S_ISREG(st.st_mode)) return st.st_size;
    if (!S_ISBLK(st.st_mode)) {
        why = ExportDialog::tr("%1 is neither a regular file nor a block device.").arg(path);
        return -1;
    }
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        why = ExportDialog::tr("You may not read %1 (%2).").arg(path, errnoText(errno));
        return -1;
    }
    const auto size = os::blockDeviceSize(fd);
    ::close(fd);
    if (!size) {
        why = ExportDialog::tr("The size of %1 cannot be read.").arg(path);
        return -1;
    }
    return qint64(*size);
}
}  // namespace

UniqueFd openImage(const ExportSpec& spec, QString& error) {
    int flags = (spec.readOnly ? O_RDONLY : O_RDWR) | O_CLOEXEC;
    if (spec.direct) flags |= O_DIRECT;
    UniqueFd fd(::open(QFile::encodeName(spec.path).constData(), flags));
    if (!fd.valid()) error = ExportDialog::tr("Cannot open %1: %2.").arg(spec.path, errnoText(errno));
    return fd;
}

QList<NetInterface> systemInterfaces() {
    QList<NetInterface> out;
    for (const QNetworkInterface& i : QNetworkInterface::allInterfaces()) {
        if (i.flags() & QNetworkInterface::IsLoopBack) continue;
        if (i.type() != QNetworkInterface::Ethernet && i.type() != QNetworkInterface::Virtual
            && i.type() != QNetworkInterface::Unknown)
            continue;
        NetInterface n;
        n.name = i.name();
        n.mac = i.hardwareAddress().toLower();
        n.mtu = i.maximumTransmissionUnit();
        n.up = i.flags() & QNetworkInterface::IsUp;
        n.running = i.flags() & QNetworkInterface::IsRunning;
        out << n;
    }
    return out;
}

ExportDialog::ExportDialog(ExportBackend* backend, TakenFn taken, const QList<NetInterface>& interfaces,
                           QWidget* parent)
    : QDialog(parent), backend_(backend), taken_(std::move(taken)), interfaces_(interfaces) {
    setWindowTitle(tr("Export disk image"));
    buildUi();
    pickFreeAddress();
    resize(initialSize());
    proposeFromNetwork();
    connect(backend_, &ExportBackend::requestFinished, this, &ExportDialog::onRequestFinished);
    connect(backend_, &ExportBackend::addressProbed, this, &ExportDialog::onAddressProbed);
    // The helper's view of the interfaces, live (docs/protocol.md, subscribe-interfaces).
    connect(backend_, &ExportBackend::interfacesChanged, this, &ExportDialog::setInterfaces);
    connect(backend_, &ExportBackend::addressTaken, this, [this](int id, const QString& message) {
        if (id != pending_) return;
        refusedAddress_ = true;
        setMessage(addressMessage_, message);
        shelf_->setFocus();
    });
    probeTimer_->start();
}

void ExportDialog::fillInterfaceList(const QStringList& checked) {
    const QSignalBlocker quiet(interfaceList_);
    interfaceList_->clear();
    for (const NetInterface& n : interfaces_) {
        auto* item = new QTreeWidgetItem(interfaceList_);
        item->setText(0, n.name);
        item->setText(1, n.mac);
        item->setText(2, QString::number(n.mtu));
        item->setText(3, !n.up ? tr("down") : n.running ? tr("up") : tr("no carrier"));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, checked.contains(n.name) ? Qt::Checked : Qt::Unchecked);
    }
}

void ExportDialog::setInterfaces(const QList<NetInterface>& interfaces) {
    if (interfaces == interfaces_) return;
    const QString current = interfaceList_->currentItem() ? interfaceList_->currentItem()->text(0) : QString();
    const QStringList checked = spec().interfaces;
    interfaces_ = interfaces;
    fillInterfaceList(checked);
    fitInterfaceList();
    for (int i = 0; i < interfaceList_->topLevelItemCount(); ++i)
        if (interfaceList_->topLevelItem(i)->text(0) == current) interfaceList_->setCurrentItem(interfaceList_->topLevelItem(i));
    // A chosen interface that went away is no longer chosen: the address may be free there now.
    checkInterfaces(submitted_);
    checkAddress();
    probeTimer_->start();
}

void ExportDialog::buildUi() {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    // Source: a file or block device, or a Ceph RBD image (rbd_, when this build has librbd).
    source_ = new QComboBox;
    source_->addItem(tr("Disk image or block device"));
    source_->addItem(tr("Ceph RBD image"));
    source_->setAccessibleName(tr("What to export"));
    auto* sourceLabel = new QLabel(tr("E&xport from:"));
    sourceLabel->setBuddy(source_);
    form->addRow(sourceLabel, source_);

    // Image
    path_ = new QLineEdit;
    path_->setPlaceholderText(tr("Disk image file or block device, e.g. /dev/sdb"));
    path_->setAccessibleName(tr("Image file or block device"));
    path_->setClearButtonEnabled(true);
    browse_ = new QPushButton(tr("&Browse…"));
    browse_->setAccessibleName(tr("Browse for an image file"));
    pathBox_ = new QWidget;
    auto* pathRow = new QHBoxLayout(pathBox_);
    pathRow->setContentsMargins(0, 0, 0, 0);
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse_);
    auto* imageLabel = new QLabel(tr("&Image:"));
    imageLabel->setBuddy(path_);
    form->addRow(imageLabel, pathBox_);
    fileMessage_ = new InlineMessage;
    form->addRow(QString(), fileMessage_);

    createRow_ = new QWidget;
    auto* createLayout = new QHBoxLayout(createRow_);
    createLayout->setContentsMargins(0, 0, 0, 0);
    createSize_ = new QSpinBox;
    createSize_->setRange(1, 1 << 20);
    createSize_->setValue(1);
    createSize_->setSuffix(tr(" GiB"));
    createSize_->setAccessibleName(tr("Size of the new sparse image"));
    createButton_ = new QPushButton(tr("Create &sparse image"));
    createButton_->setAccessibleName(tr("Create a sparse image of this size"));
    auto* createLabel = new QLabel(tr("Create it as an empty sparse image of"));
    createLabel->setBuddy(createSize_);
    createLayout->addWidget(createLabel);
    createLayout->addWidget(createSize_);
    createLayout->addWidget(createButton_);
    createLayout->addStretch();
    form->addRow(QString(), createRow_);
    showRow(createRow_, false);
    rbd_ = new RbdSourcePanel;
    form->addRow(rbd_);
    showRow(rbd_, false);

    // Address
    shelf_ = new QSpinBox;
    shelf_->setRange(0, aoe::kMaxShelf);
    shelf_->setAccessibleName(tr("Shelf"));
    slot_ = new QSpinBox;
    slot_->setRange(0, aoe::kMaxSlot);
    slot_->setAccessibleName(tr("Slot"));
    auto* addressRow = new QHBoxLayout;
    auto* slotLabel = new QLabel(tr("S&lot:"));
    slotLabel->setBuddy(slot_);
    addressRow->addWidget(shelf_);
    addressRow->addWidget(slotLabel);
    addressRow->addWidget(slot_);
    addressRow->addStretch();
    auto* shelfLabel = new QLabel(tr("S&helf:"));
    shelfLabel->setBuddy(shelf_);
    form->addRow(shelfLabel, addressRow);
    addressMessage_ = new InlineMessage;
    form->addRow(QString(), addressMessage_);

    // Interfaces
    interfaceList_ = new QTreeWidget;
    interfaceList_->setAccessibleName(tr("Network interfaces to serve on"));
    interfaceList_->setHeaderLabels({tr("Interface"), tr("MAC address"), tr("MTU"), tr("Link")});
    interfaceList_->setRootIsDecorated(false);
    fillInterfaceList({});
    if (interfaces_.size() == 1) interfaceList_->topLevelItem(0)->setCheckState(0, Qt::Checked);
    interfaceList_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    interfaceList_->header()->setStretchLastSection(false);
    if (interfaceList_->topLevelItemCount()) interfaceList_->setCurrentItem(interfaceList_->topLevelItem(0));
    fitInterfaceList();
    auto* ifLabel = new QLabel(tr("I&nterfaces:"));
    ifLabel->setBuddy(interfaceList_);
    form->addRow(ifLabel, interfaceList_);
    interfaceMessage_ = new InlineMessage;
    form->addRow(QString(), interfaceMessage_);

    // Safe writes: not under Advanced, and on unless the user turns it off (issue #22).
    // The row's label and the box's text read as one sentence, narrower than the box's text alone.
    durable_ = new QCheckBox(tr("every acknowledged write is on disk (-s)"));
    durable_->setAccessibleName(tr("Safe writes: every acknowledged write is on disk"));
    durable_->setChecked(true);
    auto* durableWhy = new QLabel(tr("The Linux initiator never asks the target to flush its cache, so without this "
                                     "a power loss on this computer can lose writes the initiator's file system "
                                     "counts as done. It costs write speed: writes are committed to the disk in "
                                     "groups, each waiting for one flush."));
    durableWhy->setWordWrap(true);
    durableWhy->setForegroundRole(QPalette::PlaceholderText);
    auto* durableLabel = new QLabel(tr("Safe &writes:"));
    durableLabel->setBuddy(durable_);
    form->addRow(durableLabel, durable_);
    form->addRow(QString(), durableWhy);

    // Advanced
    advancedToggle_ = new QToolButton;
    advancedToggle_->setText(tr("&Advanced"));
    advancedToggle_->setAccessibleName(tr("Show advanced options"));
    advancedToggle_->setCheckable(true);
    advancedToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle_->setArrowType(Qt::RightArrow);
    advancedToggle_->setAutoRaise(true);
    advancedToggle_->setFocusPolicy(Qt::StrongFocus);

    advanced_ = new QWidget;
    auto* adv = new QFormLayout(advanced_);
    adv->setContentsMargins(16, 0, 0, 0);
    readOnly_ = new QCheckBox(tr("&Read-only: writes are refused (-r)"));
    direct_ = new QCheckBox(tr("Direct I/&O, bypassing the page cache (-d)"));
    sharedAddress_ = new QCheckBox(tr("Shared s&torage: serve even if another target answers for this address "
                                      "(--allow-shared-address)"));
    sharedAddress_->setToolTip(tr("Only when every target on this address serves the same storage: initiators "
                                  "spread reads and writes over all of them."));
    bufferCount_ = new QSpinBox;
    bufferCount_->setRange(kMinBufferCount, kMaxBufferCount);
    bufferCount_->setValue(kDefaultBufferCount);
    bufferCount_->setAccessibleName(tr("Buffer count"));
    offset_ = new QLineEdit(QStringLiteral("0"));
    offset_->setAccessibleName(tr("Offset in sectors"));
    length_ = new QLineEdit;
    length_->setPlaceholderText(tr("to the end"));
    length_->setAccessibleName(tr("Length in sectors"));
    auto* digits = new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,19}")), this);
    offset_->setValidator(digits);
    length_->setValidator(digits);
    adv->addRow(readOnly_);
    adv->addRow(direct_);
    adv->addRow(sharedAddress_);
    auto* bufLabel = new QLabel(tr("B&uffer count (-b):"));
    bufLabel->setBuddy(bufferCount_);
    adv->addRow(bufLabel, bufferCount_);
    auto* offLabel = new QLabel(tr("O&ffset, sectors (-o):"));
    offLabel->setBuddy(offset_);
    adv->addRow(offLabel, offset_);
    auto* lenLabel = new QLabel(tr("Len&gth, sectors (-l):"));
    lenLabel->setBuddy(length_);
    adv->addRow(lenLabel, length_);

    macList_ = new QListWidget;
    macList_->setAccessibleName(tr("Allowed initiator MAC addresses"));
    // Room for a few addresses: a form row gives a list only its minimum height, one row.
    macList_->addItem(QStringLiteral("52:54:00:12:34:56"));
    macList_->setFixedHeight(2 * macList_->frameWidth() + kMacRowsShown * macList_->sizeHintForRow(0));
    macList_->clear();
    macEdit_ = new QLineEdit;
    macEdit_->setPlaceholderText(QStringLiteral("52:54:00:12:34:56"));
    macEdit_->setAccessibleName(tr("MAC address to allow"));
    macAdd_ = new QPushButton(tr("A&dd"));
    macAdd_->setAccessibleName(tr("Add MAC address"));
    macRemove_ = new QPushButton(tr("Re&move"));
    macRemove_->setAccessibleName(tr("Remove selected MAC address"));
    auto* macRow = new QHBoxLayout;
    macRow->addWidget(macEdit_, 1);
    macRow->addWidget(macAdd_);
    macRow->addWidget(macRemove_);
    auto* macBox = new QVBoxLayout;
    macBox->addWidget(macList_);
    macBox->addLayout(macRow);
    auto* macLabel = new QLabel(tr("Onl&y these initiators (-m);\nempty: everyone:"));
    macLabel->setBuddy(macEdit_);
    adv->addRow(macLabel, macBox);
    adv->addRow(QString(), makeMacSecurityNote());   // under the list it is about
    advancedMessage_ = new InlineMessage;
    adv->addRow(advancedMessage_);
    advanced_->hide();

    submitMessage_ = new InlineMessage;

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel);
    exportButton_ = buttons_->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton_->setAccessibleName(tr("Export the image"));

    // Everything but the buttons scrolls once it is taller than the screen (scale factor 2 on a
    // 1600×1000 screen: 500 logical pixels, less than the dialog with Advanced open).
    auto* content = new QWidget;
    auto* inner = new QVBoxLayout(content);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addLayout(form);
    inner->addWidget(advancedToggle_, 0, Qt::AlignLeft);
    inner->addWidget(advanced_);
    inner->addWidget(submitMessage_);
    inner->addStretch();
    scroll_ = new FittingScrollArea([this] { return contentHeightLimit(); });
    scroll_->setWidget(content);
    auto* top = new QVBoxLayout(this);
    top->addWidget(scroll_, 1);
    top->addWidget(buttons_);
    exportButton_->setDefault(true);   // now that it has its dialog: Return submits from any field

    for (QLabel* l : {fileMessage_, addressMessage_, interfaceMessage_, advancedMessage_, submitMessage_}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        showRow(l, false);
    }

    // Keyboard: top to bottom, left to right.
    QWidget* order[] = {source_, path_, browse_, createSize_, createButton_, shelf_, slot_, interfaceList_, durable_, advancedToggle_,
                        readOnly_, direct_, sharedAddress_, bufferCount_, offset_, length_, macList_, macEdit_, macAdd_,
                        macRemove_, exportButton_, buttons_->button(QDialogButtonBox::Cancel)};
    for (size_t i = 1; i < std::size(order); ++i) setTabOrder(order[i - 1], order[i]);

    if (!RbdSourcePanel::available()) showRow(source_, false);
    connect(source_, &QComboBox::currentIndexChanged, this, &ExportDialog::sourceChanged);
    connect(rbd_, &RbdSourcePanel::changed, this, &ExportDialog::rbdChanged);
    connect(browse_, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(createButton_, &QPushButton::clicked, this, &ExportDialog::createImage);
    connect(path_, &QLineEdit::textChanged, this, [this] { updateFileInfo(); });
    // The probe waits until the address and interfaces stop changing (each probe takes the
    // helper a few hundred milliseconds and sends broadcast frames).
    probeTimer_ = new QTimer(this);
    probeTimer_->setSingleShot(true);
    probeTimer_->setInterval(300);
    connect(probeTimer_, &QTimer::timeout, this, &ExportDialog::probeAddress);
    connect(shelf_, &QSpinBox::valueChanged, this, [this] { checkAddress(); probeTimer_->start(); });
    connect(slot_, &QSpinBox::valueChanged, this, [this] { checkAddress(); probeTimer_->start(); });
    for (QSpinBox* box : {shelf_, slot_})
        connect(box, &QSpinBox::valueChanged, this, [this] { addressChosen_ = addressChosen_ || !picking_; });
    connect(interfaceList_, &QTreeWidget::itemChanged, this, [this] { checkInterfaces(submitted_); checkAddress(); probeTimer_->start(); });
    connect(sharedAddress_, &QCheckBox::toggled, this, [this] { checkAddress(); });
    connect(advancedToggle_, &QToolButton::toggled, this, &ExportDialog::toggleAdvanced);
    connect(readOnly_, &QCheckBox::toggled, this, [this] {
        if (!isRbd()) checkFile(submitted_);
    });
    for (QLineEdit* e : {offset_, length_}) connect(e, &QLineEdit::textChanged, this, [this] { checkAdvanced(); });
    connect(macAdd_, &QPushButton::clicked, this, &ExportDialog::addMac);
    macEdit_->installEventFilter(this);   // Return adds the address instead of submitting
    for (QPushButton* b : {browse_, createButton_, macAdd_, macRemove_}) b->setAutoDefault(false);
    connect(macRemove_, &QPushButton::clicked, this, &ExportDialog::removeMac);
    connect(buttons_, &QDialogButtonBox::accepted, this, &ExportDialog::submit);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ExportDialog::fitInterfaceList() {
    // Every column and (up to kInterfaceRowsShown) every row in view without scrolling: a
    // hidden fourth NIC or MTU column is a choice the user cannot see.
    QHeaderView* header = interfaceList_->header();
    int width = 2 * interfaceList_->frameWidth();
    for (int c = 0; c < interfaceList_->columnCount(); ++c)
        width += std::max(header->sectionSizeHint(c), static_cast<const QAbstractItemView*>(interfaceList_)->sizeHintForColumn(c));
    const int rows = int(std::min<qsizetype>(std::max<qsizetype>(interfaces_.size(), 1), kInterfaceRowsShown));
    const int rowHeight = interfaces_.isEmpty() ? interfaceList_->fontMetrics().height() + 6
                                                : interfaceList_->sizeHintForRow(0);
    int height = 2 * interfaceList_->frameWidth() + header->sizeHint().height() + rows * rowHeight;
    if (interfaces_.size() > kInterfaceRowsShown) width += interfaceList_->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    interfaceList_->setMinimumWidth(width);
    interfaceList_->setFixedHeight(height);
}

int ExportDialog::contentHeightLimit() const {
    const QScreen* screen = this->screen();
    if (!screen) return INT_MAX;
    // The window's frame (title bar) is not known before it is shown: a tenth of the screen for it.
    const QMargins m = layout() ? layout()->contentsMargins() : QMargins();
    const int spacing = layout() ? std::max(layout()->spacing(), 0) : 0;
    return screen->availableGeometry().height() * 9 / 10 - buttons_->sizeHint().height() - m.top() - m.bottom() - spacing;
}

QSize ExportDialog::initialSize() const {
    // Wide enough for what appears while the user types (the "create it" row, a path in the
    // messages), so the dialog does not grow under the pointer; the height follows the width.
    QLayout* top = layout();
    showRow(createRow_, true);
    top->activate();
    int width = std::max(sizeHint().width(), minimumSizeHint().width());
    showRow(createRow_, false);
    top->activate();
    width = std::max(width, minimumSizeHint().width());
    int height = top->hasHeightForWidth() ? top->totalHeightForWidth(width) : sizeHint().height();
    height = std::max(height, minimumSizeHint().height());
    if (const QScreen* screen = this->screen()) {
        const QRect available = screen->availableGeometry();
        width = std::min(width, available.width() * 9 / 10);
        height = std::min(height, available.height() * 9 / 10);
    }
    return {width, height};
}

void ExportDialog::pickFreeAddress() {
    for (int shelf = 0; shelf <= aoe::kMaxShelf; ++shelf)
        for (int slot = 0; slot <= aoe::kMaxSlot; ++slot)
            if ((!taken_ || !taken_(quint16(shelf), quint8(slot))) && !onNetwork_.contains(exportKey(quint16(shelf), quint8(slot)))) {
                picking_ = true;
                shelf_->setValue(shelf);
                slot_->setValue(slot);
                picking_ = false;
                checkAddress();
                return;
            }
}

void ExportDialog::proposeFromNetwork() {
    // Who answers on the interfaces that are up (the helper's scan-network, as the Network window
    // shows it): the proposal skips those addresses, until the user picks one.
    auto* scanner = new NetworkScanner(backend_, this);
    connect(scanner, &NetworkScanner::finished, this, [this](const QList<NetworkTarget>& targets) {
        onNetwork_ = NetworkScanner::addresses(targets);
        if (!addressChosen_ && onNetwork_.contains(exportKey(quint16(shelf_->value()), quint8(slot_->value()))))
            pickFreeAddress();
    });
    QStringList up;
    for (const NetInterface& n : interfaces_)
        if (n.up && n.running && up.size() < 4) up << n.name;   // the helper scans 4 at once at most
    scanner->scan(up);
}

void ExportDialog::showRow(QWidget* field, bool on) const {
    // A hidden form row takes no space (hiding only the widget would leave the row's spacing).
    if (auto* form = static_cast<QFormLayout*>(findFormLayout(field))) form->setRowVisible(field, on);
    else field->setVisible(on);
}

QLayout* ExportDialog::findFormLayout(QWidget* field) const {
    for (QFormLayout* form : findChildren<QFormLayout*>()) {
        int row = -1;
        QFormLayout::ItemRole role;
        form->getWidgetPosition(field, &row, &role);
        if (row >= 0) return form;
    }
    return nullptr;
}

void ExportDialog::setMessage(QLabel* label, const QString& text, bool error) {
    label->setText(text);
    showRow(label, !text.isEmpty());
    label->setProperty("isError", error && !text.isEmpty());
    QPalette p = palette();
    if (error) p.setColor(QPalette::WindowText, errorTextColor(p));   // 4.5:1 on this theme's window
    label->setPalette(p);
    label->setAccessibleDescription(text);
}

void ExportDialog::browse() {
    const QString start = path_->text().isEmpty() ? QDir::homePath() : QFileInfo(path_->text()).absolutePath();
    QFileDialog dialog(this, tr("Choose a disk image or block device"), start);
    dialog.setFileMode(QFileDialog::AnyFile);   // lets the user name a new image to create
    dialog.setNameFilters({tr("Disk images (*.img *.raw *.iso *.bin)"), tr("All files (*)")});
    dialog.setFilter(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);   // /dev/sd* too
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        path_->setText(dialog.selectedFiles().constFirst());
}

QString ExportDialog::createSparseImage(const QString& path, qint64 bytes) {
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return tr("Cannot create %1: %2.").arg(path, errnoText(errno));
    if (::ftruncate(fd, bytes) != 0) {
        const int e = errno;
        ::close(fd);
        ::unlink(native.constData());
        return tr("Cannot make %1 %2 bytes long: %3.").arg(path).arg(bytes).arg(errnoText(e));
    }
    ::close(fd);
    return {};
}

void ExportDialog::createImage() {
    const QString error = createSparseImage(path_->text(), createSize_->value() * kGiB);
    if (!error.isEmpty()) {
        setMessage(fileMessage_, error);
        return;
    }
    updateFileInfo();
}

void ExportDialog::toggleAdvanced(bool on) {
    if (on) sizeWithoutAdvanced_ = size();
    advanced_->setVisible(on);
    if (!on && isVisible()) {
        // Back to the size it had (or what its messages need now): a window only grows by itself.
        layout()->activate();
        resize(sizeWithoutAdvanced_.expandedTo(minimumSizeHint()));
    }
    advancedToggle_->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    advancedToggle_->setAccessibleName(on ? tr("Hide advanced options") : tr("Show advanced options"));
}

void ExportDialog::addMac() {
    const QString text = macEdit_->text().trimmed();
    if (text.isEmpty()) return;
    const auto mac = aoe::MacAddress::parse(text.toStdString());
    if (!mac || mac->isBroadcast()) {
        setMessage(advancedMessage_, tr("“%1” is not a MAC address (write it as 52:54:00:12:34:56).").arg(text));
        return;
    }
    if (macList_->count() >= int(kMaskListCapacity)) {
        setMessage(advancedMessage_, tr("The allow-list holds at most %1 addresses.").arg(kMaskListCapacity));
        return;
    }
    const QString normal = QString::fromStdString(mac->toString());
    if (macList_->findItems(normal, Qt::MatchExactly).isEmpty()) macList_->addItem(normal);
    macEdit_->clear();
    checkAdvanced();
}

bool ExportDialog::event(QEvent* event) {
    const bool handled = QDialog::event(event);
    // A window's minimum size knows the wrapped paragraphs' height only at the minimum width: at
    // the width it has they may need more lines, and would be squeezed over each other.
    if (event->type() == QEvent::LayoutRequest && isVisible() && layout() && layout()->hasHeightForWidth()) {
        int needed = layout()->totalHeightForWidth(width());
        if (const QScreen* screen = this->screen()) needed = std::min(needed, screen->availableGeometry().height() * 9 / 10);
        if (height() < needed) resize(width(), needed);
    }
    return handled;
}

bool ExportDialog::eventFilter(QObject* watched, QEvent* event) {
    if (watched == macEdit_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && !macEdit_->text().trimmed().isEmpty()) {
            addMac();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ExportDialog::removeMac() {
    delete macList_->currentItem();
}

bool ExportDialog::isRbd() const { return source_->currentIndex() == 1; }

void ExportDialog::sourceChanged() {
    const bool rbd = isRbd();
    showRow(pathBox_, !rbd);
    showRow(rbd_, rbd);
    if (rbd) {
        setMessage(fileMessage_, {});
        showRow(createRow_, false);
        fileBytes_ = -1;   // RBD images are sized by the helper (rbd_stat)
    } else {
        updateFileInfo();
    }
    rbdChanged();
}

void ExportDialog::rbdChanged() {
    // A snapshot cannot be written; O_DIRECT means nothing for librbd.
    const bool rbd = isRbd(), snapshot = rbd && rbd_->hasSnapshot();
    if (snapshot) readOnly_->setChecked(true);
    readOnly_->setEnabled(!snapshot);
    readOnly_->setToolTip(snapshot ? tr("A snapshot is always exported read-only.") : QString());
    direct_->setEnabled(!rbd);
    if (rbd) direct_->setChecked(false);
    if (submitted_ && rbd) rbd_->check(true);
}

void ExportDialog::updateFileInfo() {
    if (isRbd()) return;
    fileBytes_ = -1;
    checkFile(submitted_);
    checkAdvanced();
}

bool ExportDialog::checkFile(bool showEmpty) {
    const QString path = path_->text().trimmed();
    showRow(createRow_, false);
    if (path.isEmpty()) {
        setMessage(fileMessage_, showEmpty ? tr("Choose a disk image or block device to export.") : QString());
        return false;
    }
    QString why;
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink()) {
        fileBytes_ = -1;
        const bool canCreate = QFileInfo(info.absolutePath()).isDir();
        setMessage(fileMessage_, canCreate ? tr("There is no file called %1. You can create it here:").arg(path)
                                           : tr("There is no file called %1.").arg(path));
        showRow(createRow_, canCreate);
        return false;
    }
    fileBytes_ = imageSize(path, why);
    if (fileBytes_ < 0) {
        setMessage(fileMessage_, why);
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    if (::access(native.constData(), R_OK) != 0) {
        setMessage(fileMessage_, tr("You may not read %1.").arg(path));
        return false;
    }
    if (!readOnly_->isChecked() && ::access(native.constData(), W_OK) != 0) {
        setMessage(fileMessage_, tr("You may not write to %1: tick “Read-only” under Advanced to export it "
                                    "read-only.").arg(path));
        return false;
    }
    if (fileBytes_ < 512) {
        setMessage(fileMessage_, tr("%1 is smaller than one 512-byte sector.").arg(path));
        return false;
    }
    setMessage(fileMessage_, tr("%1, %2 sectors").arg(QLocale().formattedDataSize(fileBytes_, 1))
                                 .arg(fileBytes_ / 512), false);
    return true;
}

void ExportDialog::probeAddress() {
    const ExportSpec s = spec();
    if (s.interfaces.isEmpty() || (taken_ && taken_(s.shelf, s.slot))) return;
    const QString what = exportName(s.shelf, s.slot) + QLatin1Char(' ') + s.interfaces.join(QLatin1Char(','));
    if (what == probedFor_) return;
    probe_ = backend_->probeAddress(s.shelf, s.slot, s.interfaces);
    if (probe_ >= 0) probedFor_ = what;
}

void ExportDialog::onAddressProbed(int id, const QStringList& answeredBy) {
    if (id != probe_) return;
    answeredBy_ = answeredBy;
    checkAddress();
}

bool ExportDialog::checkAddress() {
    const auto shelf = quint16(shelf_->value());
    const auto slot = quint8(slot_->value());
    if (taken_ && taken_(shelf, slot)) {
        setMessage(addressMessage_, tr("%1 is already exported: choose another shelf or slot.").arg(exportName(shelf, slot)));
        return false;
    }
    const QString name = exportName(shelf, slot);
    if (refusedAddress_ && addressMessage_->property("isError").toBool() && addressMessage_->text().startsWith(name + QLatin1Char(' ')))
        return sharedAddress_->isChecked();   // the helper's refusal stays until the address or the choice changes
    refusedAddress_ = false;
    QStringList chosen;
    for (int i = 0; i < interfaceList_->topLevelItemCount(); ++i)
        if (interfaceList_->topLevelItem(i)->checkState(0) == Qt::Checked) chosen << interfaces_[i].name;
    if (!answeredBy_.isEmpty() && probedFor_ == name + QLatin1Char(' ') + chosen.join(QLatin1Char(','))) {
        const QString macs = answeredBy_.join(QStringLiteral(", "));
        if (sharedAddress_->isChecked()) {
            setMessage(addressMessage_, tr("%1 is also answered by %2: allowed, since both serve the same shared storage.")
                                            .arg(name, macs), false);
            return true;
        }
        setMessage(addressMessage_, tr("%1 is already answered by %2: another device serves this address. Choose another "
                                       "shelf or slot (or “Shared storage” under Advanced if both serve the same storage).")
                                        .arg(name, macs));
        return false;
    }
    setMessage(addressMessage_, tr("Initiators will see it as /dev/etherd/%1.").arg(exportName(shelf, slot)), false);
    return true;
}

bool ExportDialog::checkInterfaces(bool showEmpty) {
    QStringList down;
    int checked = 0;
    for (int i = 0; i < interfaceList_->topLevelItemCount(); ++i) {
        if (interfaceList_->topLevelItem(i)->checkState(0) != Qt::Checked) continue;
        ++checked;
        if (!interfaces_[i].up) down << interfaces_[i].name;
    }
    if (interfaces_.isEmpty()) {
        setMessage(interfaceMessage_, tr("No Ethernet interface found."));
        return false;
    }
    if (checked == 0) {
        setMessage(interfaceMessage_, showEmpty ? tr("Choose at least one interface.") : QString());
        return false;
    }
    if (!down.isEmpty()) {
        setMessage(interfaceMessage_, tr("%1 is down: bring it up before exporting on it.").arg(down.join(QStringLiteral(", "))));
        return false;
    }
    setMessage(interfaceMessage_, {});
    return true;
}

bool ExportDialog::checkAdvanced() {
    bool ok1 = true, ok2 = true;
    const quint64 offset = offset_->text().isEmpty() ? 0 : offset_->text().toULongLong(&ok1);
    const quint64 length = length_->text().isEmpty() ? 0 : length_->text().toULongLong(&ok2);
    QString error;
    if (!ok1 || !ok2) {
        error = tr("Offset and length are numbers of 512-byte sectors.");
    } else if (fileBytes_ >= 0) {
        const quint64 sectors = quint64(fileBytes_) / 512;
        if (offset >= sectors && sectors > 0)
            error = tr("The offset is past the end of the image (%1 sectors).").arg(sectors);
        else if (length && offset + length > sectors)
            error = tr("Offset plus length runs past the end of the image (%1 sectors).").arg(sectors);
    }
    setMessage(advancedMessage_, error);
    if (!error.isEmpty() && !advancedToggle_->isChecked()) advancedToggle_->setChecked(true);
    return error.isEmpty();
}

bool ExportDialog::validate() {
    submitted_ = true;
    const bool file = isRbd() ? rbd_->check(true) : checkFile(true);
    const bool address = checkAddress();
    const bool interfaces = checkInterfaces(true);
    const bool advanced = checkAdvanced();
    if (!file) isRbd() ? rbd_->setFocus() : path_->setFocus();
    else if (!address) shelf_->setFocus();
    else if (!interfaces) interfaceList_->setFocus();
    else if (!advanced) offset_->setFocus();
    return file && address && interfaces && advanced;
}

ExportSpec ExportDialog::spec() const {
    ExportSpec s;
    s.shelf = quint16(shelf_->value());
    s.slot = quint8(slot_->value());
    s.path = QFileInfo(path_->text().trimmed()).absoluteFilePath();
    for (int i = 0; i < interfaceList_->topLevelItemCount(); ++i)
        if (interfaceList_->topLevelItem(i)->checkState(0) == Qt::Checked) s.interfaces << interfaces_[i].name;
    s.readOnly = readOnly_->isChecked();
    s.direct = direct_->isChecked();
    s.durable = durable_->isChecked();
    s.allowSharedAddress = sharedAddress_->isChecked();
    s.bufferCount = quint16(bufferCount_->value());
    s.offsetSectors = offset_->text().toULongLong();
    s.lengthSectors = length_->text().toULongLong();
    for (int i = 0; i < macList_->count(); ++i) s.allowedMacs << macList_->item(i)->text();
    if (isRbd()) {
        s.rbd = rbd_->source();
        s.path = QStringLiteral("rbd:%1/%2").arg(s.rbd->pool, s.rbd->image);
        if (!s.rbd->snapshot.isEmpty()) s.path += QLatin1Char('@') + s.rbd->snapshot;
        s.readOnly = s.readOnly || !s.rbd->snapshot.isEmpty();
        s.direct = false;
    }
    return s;
}

void ExportDialog::setSpec(const ExportSpec& s) {
    source_->setCurrentIndex(s.rbd && RbdSourcePanel::available() ? 1 : 0);
    if (s.rbd) rbd_->setSource(*s.rbd);
    else path_->setText(s.path);
    shelf_->setValue(s.shelf);
    slot_->setValue(s.slot);
    for (int i = 0; i < interfaceList_->topLevelItemCount(); ++i)
        interfaceList_->topLevelItem(i)->setCheckState(0, s.interfaces.contains(interfaces_[i].name) ? Qt::Checked
                                                                                                    : Qt::Unchecked);
    readOnly_->setChecked(s.readOnly);
    direct_->setChecked(s.direct);
    durable_->setChecked(s.durable);
    sharedAddress_->setChecked(s.allowSharedAddress);
    bufferCount_->setValue(s.bufferCount);
    offset_->setText(QString::number(s.offsetSectors));
    length_->setText(s.lengthSectors ? QString::number(s.lengthSectors) : QString());
    macList_->clear();
    macList_->addItems(s.allowedMacs);
    const bool advanced = s.direct || s.readOnly || s.allowSharedAddress || s.bufferCount != kDefaultBufferCount
                          || s.offsetSectors || s.lengthSectors || !s.allowedMacs.isEmpty();
    advancedToggle_->setChecked(advanced);
    checkAddress();
}

void ExportDialog::submit() {
    if (isBusy()) return;
    setMessage(submitMessage_, {});
    if (!validate()) return;
    const ExportSpec s = spec();
    QString error;
    // An RBD image goes by values (the helper opens no file): no descriptor.
    UniqueFd fd = s.rbd ? UniqueFd() : openImage(s, error);
    if (!s.rbd && !fd.valid()) {
        setMessage(fileMessage_, error);
        path_->setFocus();
        return;
    }
    refusedAddress_ = false;
    pending_ = backend_->addExport(s, std::move(fd));
    exportButton_->setEnabled(false);
    setMessage(submitMessage_, tr("Asking the helper to export %1…").arg(exportName(s.shelf, s.slot)), false);
}

void ExportDialog::onRequestFinished(int id, bool ok, const QString& error) {
    if (id != pending_) return;
    pending_ = -1;
    exportButton_->setEnabled(true);
    if (ok) {
        setMessage(submitMessage_, {});
        accept();
        return;
    }
    if (refusedAddress_) return;   // shown next to the address (addressTaken)
    setMessage(submitMessage_, tr("The helper refused: %1").arg(userMessage(error)));
}

QString ExportDialog::fileError() const {
    if (isRbd()) return rbd_->error();
    return fileMessage_->property("isError").toBool() ? fileMessage_->text() : QString();
}
QString ExportDialog::addressError() const { return addressMessage_->property("isError").toBool() ? addressMessage_->text() : QString(); }
QString ExportDialog::interfaceError() const { return interfaceMessage_->property("isError").toBool() ? interfaceMessage_->text() : QString(); }
QString ExportDialog::advancedError() const { return advancedMessage_->property("isError").toBool() ? advancedMessage_->text() : QString(); }
QString ExportDialog::submitError() const { return submitMessage_->property("isError").toBool() ? submitMessage_->text() : QString(); }

}  // namespace qvblade::gui
