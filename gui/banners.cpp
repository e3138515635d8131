// SPDX-License-Identifier: GPL-2.0-or-later
#include "gui/banners.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>
#include <QFontDatabase>
#include <QStyle>
#include <QTime>
#include <QScopeGuard>
#include <QSettings>
#include <QVBoxLayout>

#include "gui/colors.h"
#include "gui/usermessages.h"

#include <algorithm>

namespace qvblade::gui {

Banner::Banner(QWidget* parent) : QFrame(parent) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    text_ = new QLabel;
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttonArea_ = new QWidget;
    auto* buttons = new QHBoxLayout(buttonArea_);
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(text_);
    layout->addWidget(buttonArea_);
    setKind(Kind::Info);
    hide();
}

void Banner::setKind(Kind kind) {
    kind_ = kind;
    // The theme's window colour tinted blue, amber or red, and its own text colour on it (made
    // lighter or darker where the tint took its contrast): readable on light and dark themes.
    const QPalette theme = QApplication::palette(this);
    const QColor window = theme.color(QPalette::Window);
    const bool dark = relativeLuminance(window) < 0.18;
    const QColor tints[] = {QColor(0x35, 0x84, 0xe4), QColor(0xe5, 0xa5, 0x0a), QColor(0xe0, 0x1b, 0x24)};
    const QColor background = mix(window, tints[int(kind)], dark ? 0.30 : 0.22);
    QPalette p = palette();
    p.setColor(QPalette::Window, background);
    p.setColor(QPalette::WindowText, withContrast(theme.color(QPalette::WindowText), background, kTextContrast));
    setPalette(p);
}

void Banner::changeEvent(QEvent* event) {
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange) setKind(kind_);   // the theme changed
}

QPushButton* Banner::addButton(const QString& text, const QString& accessibleName) {
    auto* b = new QPushButton(text);
    b->setAccessibleName(accessibleName);
    static_cast<QHBoxLayout*>(buttonArea_->layout())->addWidget(b);
    return b;
}

// Address conflicts

ConflictBanner::ConflictBanner(QWidget* parent) : Banner(parent) {
    setKind(Kind::Error);   // red on any theme
    text_->setAccessibleName(tr("Address conflict"));
}

void ConflictBanner::addConflict(const QString& name, const QString& mac) {
    if (!conflicts_.contains(qMakePair(name, mac))) conflicts_.append(qMakePair(name, mac));
    update();
}

void ConflictBanner::forgetExport(const QString& name) {
    conflicts_.removeIf([&](const QPair<QString, QString>& c) { return c.first == name; });
    update();
}

QStringList ConflictBanner::exportNames() const {
    QStringList names;
    for (const auto& c : conflicts_)
        if (!names.contains(c.first)) names << c.first;
    return names;
}

void ConflictBanner::update() {
    QStringList lines;
    for (const auto& [name, mac] : conflicts_)
        lines << tr("Another device answers as %1: %2. Initiators mix the two disks' data: stop one of them.").arg(name, mac);
    text_->setText(lines.join(QLatin1Char('\n')));
    setVisible(!lines.isEmpty());
}

QToolButton* Banner::addActionButton(QAction* action) {
    auto* b = new QToolButton;
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    static_cast<QHBoxLayout*>(buttonArea_->layout())->addWidget(b);
    return b;
}

// Helper state

HelperBanner::HelperBanner(QWidget* parent) : Banner(parent) {
    restart_ = addButton(tr("&Restart helper"), tr("Restart the helper"));
    connect(restart_, &QPushButton::clicked, this, [this] {
        retried_ = true;
        emit restartRequested();
    });
}

void HelperBanner::setState(HelperState state, const QString& detail) {
    const QString why = detail.isEmpty() ? QString() : QLatin1Char(' ') + userMessage(detail);
    switch (state) {
    case HelperState::Running:
        retried_ = false;
        hide();
        return;
    case HelperState::NotRunning:
        setKind(Kind::Info);
        // With a detail the helper cannot start as things are (not installed, no pkexec): say that instead.
        text_->setText(detail.isEmpty() ? tr("The qvblade helper is not running. It serves the exports and needs your "
                                             "authorisation to start.")
                                        : tr("The qvblade helper cannot start.") + why);
        restart_->setText(tr("&Start helper"));
        restart_->show();
        break;
    case HelperState::Authorising:
        setKind(Kind::Info);
        text_->setText(tr("Starting the helper: authorise it in the dialog your desktop shows."));
        restart_->hide();
        break;
    case HelperState::Refused:
        setKind(Kind::Error);
        text_->setText(tr("The helper was not authorised, so nothing can be exported.") + why);
        restart_->setText(tr("&Try again"));
        restart_->show();
        break;
    case HelperState::Died:
        setKind(Kind::Error);
        text_->setText(tr("The helper stopped unexpectedly; its exports are no longer served.") + why);
        restart_->setText(tr("&Restart helper"));
        restart_->show();
        break;
    }
    // The same sentence after a click would look as if nothing happened: say it was tried.
    if (retried_ && state != HelperState::Authorising)
        text_->setText(text_->text() + QLatin1Char('\n')
                       + tr("Tried again at %1.").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    show();
}

// Failed actions

MessageBanner::MessageBanner(QWidget* parent) : Banner(parent) {
    setKind(Kind::Error);
    text_->setAccessibleName(tr("Messages"));
    // No mnemonic: the restore banner's “Dismiss” has one, and both may show.
    dismiss_ = addButton(tr("Dismiss"), tr("Dismiss these messages"));
    connect(dismiss_, &QPushButton::clicked, this, &MessageBanner::dismiss);
}

void MessageBanner::showMessage(const QString& text) {
    messages_.removeAll(text);   // again: once, as the newest
    messages_ << text;
    while (messages_.size() > 5) messages_.removeFirst();
    text_->setText(messages_.join(QLatin1Char('\n')));
    show();
}

void MessageBanner::dismiss() {
    messages_.clear();
    text_->clear();
    hide();
}

// Receive buffer

RmemBanner::RmemBanner(QWidget* parent) : Banner(parent) {
    setKind(Kind::Warning);
    values_ = new QLabel;
    values_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    values_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    result_ = new QLabel;
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    result_->hide();
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->insertWidget(1, values_);
    layout->insertWidget(2, result_);
    apply_ = addButton(tr("&Apply"), tr("Raise the receive-buffer limit now"));
    permanent_ = addButton(tr("Make &permanent"), tr("Keep the receive-buffer limit after a reboot"));
    connect(apply_, &QPushButton::clicked, this, [this] { emit applyRequested(recommended_); });
    connect(permanent_, &QPushButton::clicked, this, [this] {
        if (canMakePermanent_) {
            emit makePermanentRequested(recommended_);
            return;
        }
        offerCommand();
    });
}

void RmemBanner::offerCommand(const QString& why) {
    QApplication::clipboard()->setText(permanentCommand(recommended_));
    showResult((why.isEmpty() ? QString() : why + QLatin1Char('\n'))
                   + tr("To keep the limit after a reboot, run this as root (copied to the clipboard):") + QLatin1Char('\n')
                   + permanentCommand(recommended_),
               !why.isEmpty());
}

QString RmemBanner::sysctlFile(qint64 bytes) {
    return QStringLiteral("net.core.rmem_max = %1\nnet.core.rmem_default = %1\n").arg(bytes);
}

QString RmemBanner::permanentCommand(qint64 bytes) {
    return QStringLiteral("printf 'net.core.rmem_max = %1\\nnet.core.rmem_default = %1\\n' | sudo tee "
                          "/etc/sysctl.d/60-qvblade.conf")
        .arg(bytes);
}

void RmemBanner::setHelperRunning(bool running) {
    helperRunning_ = running;
    updateButtons();
}

void RmemBanner::setMadePermanent(qint64 bytes, const QString& path) {
    QSettings settings;
    settings.setValue(QStringLiteral("rmem/permanentBytes"), bytes);
    settings.setValue(QStringLiteral("rmem/permanentPath"), path);
    updateButtons();
}

void RmemBanner::updateButtons() {
    const QString notRunning = tr("The helper is not running.");
    apply_->setEnabled(helperRunning_);
    apply_->setToolTip(helperRunning_ ? QString() : notRunning);
    // Without the helper's persist-rmem the button shows the command instead: that needs no helper.
    permanent_->setEnabled(helperRunning_ || !canMakePermanent_);
    permanent_->setToolTip(permanent_->isEnabled() ? QString() : notRunning);
    // Done already for at least this much: the file is there, only Apply is left.
    const qint64 done = QSettings().value(QStringLiteral("rmem/permanentBytes"), 0).toLongLong();
    permanent_->setVisible(!(canMakePermanent_ && recommended_ > 0 && done >= recommended_));
}

void RmemBanner::setStatus(const QList<RmemStatus>& status, bool canMakePermanent) {
    canMakePermanent_ = canMakePermanent;
    const auto buttons = qScopeGuard([this] { updateButtons(); });
    QList<RmemStatus> low;
    for (const RmemStatus& s : status)
        if (!s.sufficient()) low << s;
    if (low.isEmpty()) {
        recommended_ = 0;
        result_->hide();
        hide();
        return;
    }
    recommended_ = 0;
    QStringList names;
    for (const RmemStatus& s : low) {
        recommended_ = std::max(recommended_, s.requiredBytes);
        names << QStringLiteral("%1 (MTU %2)").arg(s.interface).arg(s.mtu);
    }
    const RmemStatus& first = low.constFirst();
    const QLocale locale;
    text_->setText(tr("Frames will be dropped on %1: the kernel's receive-buffer limit lets the socket hold "
                      "%2, but the frames initiators may send at once need %3.")
                       .arg(names.join(QStringLiteral(", ")), locale.formattedDataSize(first.grantedBytes, 0),
                            locale.formattedDataSize(recommended_, 0))
                   + QLatin1Char(' ')
                   + tr("(Linux doubles the size a socket asks for, to have room for its own bookkeeping, and charges "
                        "each frame its whole in-kernel buffer: what a socket holds is not what net.core.rmem_max says.)"));
    // The sysctl values in bytes, as sysctl takes them, and readable beside them.
    auto value = [&locale](qint64 bytes) {
        return bytes < 0 ? tr("unknown") : QStringLiteral("%1 (%2)").arg(bytes).arg(locale.formattedDataSize(bytes, 0));
    };
    values_->setText(tr("now:    net.core.rmem_max = %1    net.core.rmem_default = %2\n"
                        "needed: net.core.rmem_max = %3    net.core.rmem_default = %3")
                         .arg(value(first.rmemMax), value(first.rmemDefault), value(recommended_)));
    show();
}

void RmemBanner::showResult(const QString& text, bool error) {
    result_->setText(text);
    QPalette p = palette();   // the banner's: its background, its text colour
    if (error) p.setColor(QPalette::WindowText, errorTextColor(p));
    result_->setPalette(p);
    result_->setVisible(!text.isEmpty());
}

// Restore

RestoreBanner::RestoreBanner(QWidget* parent) : Banner(parent) {
    restore_ = addButton(tr("Re&store"), tr("Export them again"));
    auto* dismiss = addButton(tr("&Dismiss"), tr("Do not restore the exports"));
    connect(restore_, &QPushButton::clicked, this, [this] { emit restoreRequested(offered_); });
    connect(dismiss, &QPushButton::clicked, this, [this] {
        offered_.clear();
        hide();
        emit dismissed();
    });
}

void RestoreBanner::offer(const QList<ExportSpec>& specs) { present(specs, tr("Last time you exported %1. Export again?")); }

void RestoreBanner::offerStopped(const QList<ExportSpec>& specs) {
    present(specs, tr("The helper exited while serving %1. Export again?"));
}

void RestoreBanner::present(const QList<ExportSpec>& specs, const QString& sentence) {
    offered_ = specs;
    if (specs.isEmpty()) {
        hide();
        return;
    }
    QStringList names;
    for (const ExportSpec& s : specs) names << QStringLiteral("%1 (%2)").arg(exportName(s.shelf, s.slot), s.path);
    text_->setText(sentence.arg(names.join(QStringLiteral(", "))));
    setKind(Kind::Info);
    show();
}

void RestoreBanner::showErrors(const QStringList& errors) {
    if (errors.isEmpty()) {
        offered_.clear();
        hide();
        return;
    }
    setKind(Kind::Warning);
    text_->setText(tr("Some exports could not be restored:") + QLatin1Char('\n') + errors.join(QLatin1Char('\n')));
    show();
}

}  // namespace qvblade::gui
