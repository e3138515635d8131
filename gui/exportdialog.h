// SPDX-License-Identifier: GPL-2.0-or-later
// "Export disk image…": picks a file or block device, a free shelf.slot, interfaces and
// qvblade-cli's options, validates everything inline, opens the image as the user and hands
// the descriptor to the backend. It closes when the backend reports the export is serving.
#pragma once

#include <QDialog>
#include <QList>
#include <QSet>

#include <functional>

#include "gui/exportbackend.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLayout;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QToolButton;
class QTreeWidget;
class QWidget;

namespace qvblade::gui {

class RbdSourcePanel;

// Opens the image of `spec` as the user, with the mode its options ask for (O_RDONLY or
// O_RDWR, O_DIRECT; never O_SYNC: the helper commits a durable export's writes in groups); an
// invalid descriptor and a sentence in `error` on failure.
UniqueFd openImage(const ExportSpec& spec, QString& error);

// Interfaces as an unprivileged process sees them (QNetworkInterface), loopback left out.
QList<NetInterface> systemInterfaces();

class FittingScrollArea;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    using TakenFn = std::function<bool(quint16 shelf, quint8 slot)>;
    ExportDialog(ExportBackend* backend, TakenFn taken, const QList<NetInterface>& interfaces,
                 QWidget* parent = nullptr);

    // The interfaces to offer, as they are now (the backend's interfacesChanged): the list is
    // rebuilt, keeping what was chosen among those still there.
    void setInterfaces(const QList<NetInterface>& interfaces);

    // Prefills the fields (restoring a remembered export, tests).
    void setSpec(const ExportSpec& spec);
    ExportSpec spec() const;

    // Validates every field and shows the messages inline; true when all are fine.
    bool validate();
    // Validates, opens the file and sends the request; the dialog accepts when the backend says ok.
    void submit();

    // The inline messages (empty when fine), for tests.
    QString fileError() const;   // the RBD source's message when that is the source
    QString addressError() const;
    QString interfaceError() const;
    QString advancedError() const;
    QString submitError() const;
    bool isBusy() const { return pending_ >= 0; }

    // Creates a sparse file of `bytes` at `path` (never overwrites); empty string on success.
    static QString createSparseImage(const QString& path, qint64 bytes);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    bool event(QEvent* event) override;

private:
    void buildUi();
    void fillInterfaceList(const QStringList& checked);
    void browse();
    void createImage();
    void toggleAdvanced(bool on);
    void addMac();
    void removeMac();
    void updateFileInfo();
    bool isRbd() const;
    void sourceChanged();
    void rbdChanged();
    bool checkFile(bool showEmpty);
    bool checkAddress();
    bool checkInterfaces(bool showEmpty);
    bool checkAdvanced();
    void showRow(QWidget* field, bool on) const;
    void fitInterfaceList();
    QSize initialSize() const;
    // The most height the scrolling part may take on the dialog's screen.
    int contentHeightLimit() const;
    QLayout* findFormLayout(QWidget* field) const;
    void setMessage(QLabel* label, const QString& text, bool error = true);
    void onRequestFinished(int id, bool ok, const QString& error);
    void pickFreeAddress();
    // Scans the interfaces that are up and proposes an address none of their targets answers for.
    void proposeFromNetwork();
    // Asks the backend who else answers for the chosen address, once the choice settles.
    void probeAddress();
    void onAddressProbed(int id, const QStringList& answeredBy);

    ExportBackend* backend_;
    TakenFn taken_;
    QList<NetInterface> interfaces_;
    int pending_ = -1;
    int probe_ = -1;                  // the probe whose answer counts (older ones are stale)
    QString probedFor_;               // "e3.3 eth0,eth1": what answeredBy_ is about
    QStringList answeredBy_;          // other targets' MACs answering for it
    bool refusedAddress_ = false;     // the last add-export was refused: address taken
    class QTimer* probeTimer_ = nullptr;
    bool submitted_ = false;
    QSet<quint32> onNetwork_;         // addresses other targets answer for (exportKey)
    bool addressChosen_ = false;      // the user (or setSpec) set the address: no more proposals
    bool picking_ = false;
    qint64 fileBytes_ = -1;   // size of the chosen file or device, -1 unknown
    QSize sizeWithoutAdvanced_;   // the size before Advanced opened

    QComboBox* source_ = nullptr;     // disk image or block device / Ceph RBD image
    RbdSourcePanel* rbd_ = nullptr;
    QWidget* pathBox_ = nullptr;
    QLineEdit* path_ = nullptr;
    QPushButton* browse_ = nullptr;
    QLabel* fileMessage_ = nullptr;
    QWidget* createRow_ = nullptr;
    QSpinBox* createSize_ = nullptr;
    QPushButton* createButton_ = nullptr;
    QSpinBox* shelf_ = nullptr;
    QSpinBox* slot_ = nullptr;
    QLabel* addressMessage_ = nullptr;
    QTreeWidget* interfaceList_ = nullptr;
    QLabel* interfaceMessage_ = nullptr;
    QToolButton* advancedToggle_ = nullptr;
    QWidget* advanced_ = nullptr;
    QCheckBox* readOnly_ = nullptr;
    QCheckBox* direct_ = nullptr;
    QCheckBox* durable_ = nullptr;   // "Safe writes" (-s), on by default
    QCheckBox* sharedAddress_ = nullptr;
    QSpinBox* bufferCount_ = nullptr;
    QLineEdit* offset_ = nullptr;
    QLineEdit* length_ = nullptr;
    QListWidget* macList_ = nullptr;
    FittingScrollArea* scroll_ = nullptr;
    QLineEdit* macEdit_ = nullptr;
    QPushButton* macAdd_ = nullptr;
    QPushButton* macRemove_ = nullptr;
    QLabel* advancedMessage_ = nullptr;
    QLabel* submitMessage_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QPushButton* exportButton_ = nullptr;

    friend class TestExportDialog;
};

}  // namespace qvblade::gui
