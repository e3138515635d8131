// SPDX-License-Identifier: GPL-2.0-or-later
// The export dialog's "Ceph RBD image" source (docs/rbd.md, "In the GUI"): the user picks the
// cluster's configuration and a keyring; the panel reads the monitors and client.ID's key from
// them as the user, then lists the cluster's pools, the chosen pool's images and the image's
// snapshots (librados/librbd, unprivileged, on a worker thread: the window never waits). Errors
// (unreadable file, no monitor, wrong key, no pools) show inline.
#pragma once

#include <QWidget>

#include <functional>
#include <optional>

#include "gui/exportbackend.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace qvblade::gui {

class RbdSourcePanel : public QWidget {
    Q_OBJECT
public:
    explicit RbdSourcePanel(QWidget* parent = nullptr);

    // What is chosen so far (files, values read, pool, image, snapshot).
    RbdImageSpec source() const;
    // Prefills the files and the choice (restoring, tests); reads the files and lists again.
    void setSource(const RbdImageSpec& spec);
    // The files are read and the lists loaded again (after the user changed a file or the user).
    void reload();

    // Shows what is missing; true when a pool and an image are chosen from a cluster that answered.
    bool check(bool showEmpty);
    QString error() const;     // the inline message when it is an error, for tests
    bool isLoading() const { return loading_ > 0; }
    bool hasSnapshot() const;

    // Whether this build can list a cluster (QVBLADE_RBD); the dialog offers the source only then.
    static bool available();

Q_SIGNALS:
    void changed();       // the choice changed (the dialog revalidates, e.g. read-only for a snapshot)
    void loaded();        // a list finished loading (tests wait for it)

private:
    void browse(QLineEdit* edit, const QString& title, const QString& filter);
    // Runs `work` on a worker thread, then `done` here unless a newer request superseded it.
    void inBackground(std::function<std::function<void()>()> work);
    void loadPools();
    void loadImages();
    void loadSnapshots();
    void setMessage(const QString& text, bool error = true);
    static void fill(QComboBox* box, const QStringList& items, const QString& keep, const QString& none = {});

    QLineEdit* conf_ = nullptr;
    QLineEdit* keyring_ = nullptr;
    QLineEdit* id_ = nullptr;
    QComboBox* pool_ = nullptr;
    QComboBox* image_ = nullptr;
    QComboBox* snapshot_ = nullptr;
    QSpinBox* osdTimeout_ = nullptr;
    QLabel* message_ = nullptr;
    QString monitors_, key_;         // read from the files
    QString wantPool_, wantImage_, wantSnapshot_;   // setSource's choice, kept while lists load
    int generation_ = 0;             // answers of older loads are dropped
    int loading_ = 0;
    bool clusterOk_ = false;
};

}  // namespace qvblade::gui
