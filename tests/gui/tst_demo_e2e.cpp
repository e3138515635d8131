// SPDX-License-Identifier: GPL-2.0-or-later
// "Try it on this computer" (issue #26) from the window against the real helper and the real
// qvblade-demo built beside it (root needed: the helper runs as root, as under pkexec): the
// empty window's button starts the demo, its row is labelled a demo, the teaching view (opened
// by the window) shows the built-in initiator's frames and the counters move; one click on the
// File menu's "Stop the demo" ends it, and then no process, namespace or interface of the demo
// is left and its image in the cache directory is gone.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include "gui/banners.h"
#include "gui/exportsmodel.h"
#include "gui/helperbackend.h"
#include "gui/mainwindow.h"
#include "gui/teachingview.h"
#include "tests/gui/helper_window.h"

using namespace qvblade::gui;

namespace {

QString netnsOf(qint64 pid) { return QFile::symLinkTarget(QStringLiteral("/proc/%1/ns/net").arg(pid)); }

// Processes whose network namespace is `ns` ("net:[4026532...]").
QStringList processesIn(const QString& ns) {
    QStringList out;
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
        if (pid.toInt() > 0 && netnsOf(pid.toLongLong()) == ns) out << pid;
    return out;
}

// Running copies of this tree's qvblade-demo.
QList<qint64> demoProcesses() {
    QList<qint64> out;
    const QString demo = QFileInfo(QStringLiteral(QVBLADE_DEMO_BIN)).canonicalFilePath();
    for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs))
        if (pid.toInt() > 0 && QFileInfo(QStringLiteral("/proc/%1/exe").arg(pid)).canonicalFilePath() == demo) out << pid.toLongLong();
    return out;
}

// The named network namespaces (`ip netns`) that are `ns`.
QStringList namedNamespacesThatAre(const QString& ns) {
    QStringList out;
    const QString inode = QString(ns).remove(QStringLiteral("net:[")).remove(QLatin1Char(']'));
    for (const QString& name : QDir(QStringLiteral("/run/netns")).entryList(QDir::Files | QDir::System)) {
        struct stat st {};
        if (::stat(QStringLiteral("/run/netns/%1").arg(name).toLocal8Bit().constData(), &st) == 0 && QString::number(st.st_ino) == inode)
            out << name;
    }
    return out;
}

int openFds(qint64 pid) { return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size()); }

// This machine's interfaces whose name says they are the demo's.
QStringList demoInterfacesHere() {
    QStringList out;
    for (const QString& name : QDir(QStringLiteral("/sys/class/net")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (name.startsWith(QLatin1String("demo"))) out << name;
    return out;
}

}  // namespace

class TestDemoE2e : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "tst_demo_e2e runs the helper, which needs root");
        QVERIFY2(QFileInfo(QStringLiteral(QVBLADE_DEMO_BIN)).isExecutable(), "qvblade-demo is not built beside the helper");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QFile::remove(MainWindow::demoImagePath());
    }

    void theDemoStartsFromTheEmptyWindowAndStopsWithOneClick() {
        QVERIFY(demoInterfacesHere().isEmpty());
        qvblade::test::HelperWindow hw(dir_.filePath(QStringLiteral("helper.log")));
        HelperBackend& backend = hw.backend;
        MainWindow& w = hw.window;
        QTRY_COMPARE_WITH_TIMEOUT(backend.state(), HelperState::Running, 15000);

        // The empty window offers the demo.
        auto* offer = w.findChild<Banner*>(QStringLiteral("emptyOffer"));
        QVERIFY(offer);
        QTRY_VERIFY_WITH_TIMEOUT(offer->isVisible(), 5000);
        QToolButton* button = nullptr;
        for (QToolButton* b : offer->findChildren<QToolButton*>())
            if (b->defaultAction() == w.demoAction()) button = b;
        QVERIFY(button);
        QTRY_VERIFY(button->isEnabled());
        QCOMPARE(button->text(), QStringLiteral("Try it on this computer"));   // (a tool button drops the &)
        const int helperFds = openFds(backend.helperPid());
        button->click();

        // The demo's row, labelled so, with the image the window made in the cache directory.
        QTRY_VERIFY2_WITH_TIMEOUT(w.demoExport(), qPrintable(readLog()), 15000);
        QCOMPARE(w.model()->rowCount(), 1);
        QCOMPARE(w.model()->index(0, ExportsModel::Name).data().toString(), QStringLiteral("e42.0 (demo)"));
        const QString image = MainWindow::demoImagePath();
        QVERIFY(QFileInfo::exists(image));
        QVERIFY(!offer->isVisible());

        // Its process: one qvblade-demo, a child of this helper, on a network of its own.
        const QList<qint64> demos = demoProcesses();
        QCOMPARE(demos.size(), 1);
        const qint64 demoPid = demos.first();
        const QString demoNs = netnsOf(demoPid);
        QVERIFY(!demoNs.isEmpty() && demoNs != netnsOf(::getpid()) && demoNs != netnsOf(backend.helperPid()));
        QVERIFY(demoInterfacesHere().isEmpty());

        // The teaching view (the window opens it) shows the initiator's frames; the counters move.
        auto* view = w.findChild<TeachingView*>();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isVisible(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 4, 15000);
        bool write = false, read = false;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QString d = view->model()->index(r, FramesModel::Details).data().toString();
            write = write || d.contains(QStringLiteral("WRITE"));
            read = read || d.contains(QStringLiteral("READ"));
        }
        QVERIFY2(write && read, "the teaching view shows no demo writes and reads");
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->index(0, ExportsModel::FramesInRate).data(ExportsModel::SortRole).toDouble() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(w.model()->index(0, ExportsModel::MBps).data(ExportsModel::SortRole).toDouble() > 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.model()->exportAt(0)->initiators.isEmpty(), 10000);

        // One click: the File menu's entry, which now stops the demo.
        QAction* stop = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->menu() && a->text() == QStringLiteral("&File"))
                for (QAction* item : a->menu()->actions())
                    if (item->text() == QStringLiteral("Stop the &demo")) stop = item;
        QVERIFY2(stop, "the File menu has no 'Stop the demo'");
        QVERIFY(stop->isEnabled());
        stop->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(w.model()->rowCount(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(image), 5000);
        QCOMPARE(w.demoAction()->text(), QStringLiteral("&Try it on this computer"));

        // Nothing of it is left: no qvblade-demo, nothing in its namespace, no name for it, no
        // interface of it here.
        QTRY_VERIFY_WITH_TIMEOUT(demoProcesses().isEmpty(), 5000);
        QVERIFY(::kill(pid_t(demoPid), 0) != 0);
        QVERIFY2(processesIn(demoNs).isEmpty(), qPrintable(processesIn(demoNs).join(QLatin1Char(' '))));
        QVERIFY2(namedNamespacesThatAre(demoNs).isEmpty(), qPrintable(namedNamespacesThatAre(demoNs).join(QLatin1Char(' '))));
        QVERIFY(demoInterfacesHere().isEmpty());
        // The helper holds none of the demo's sockets (which would keep its namespace alive).
        QTRY_COMPARE_WITH_TIMEOUT(openFds(backend.helperPid()), helperFds, 5000);
        QVERIFY(backend.state() == HelperState::Running);
        backend.shutdown(false);
    }

private:
    QString readLog() {
        QFile f(dir_.filePath(QStringLiteral("helper.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
    }
};

QTEST_MAIN(TestDemoE2e)
#include "tst_demo_e2e.moc"
