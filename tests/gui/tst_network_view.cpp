// SPDX-License-Identifier: GPL-2.0-or-later
// The Network window and the export dialog's use of the network (issue #24), on the fake backend:
// targets listed with their Query Config facts, ours marked, two MACs on one address in red,
// refreshed on demand and periodically only while open, scan errors shown; the dialog proposes an
// address nobody answers for and follows the backend's live interface list. (Against a real
// helper, vblade and a second qvblade: tests/privhelper/tst_network_scan and tst_live_interfaces_e2e.)
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QTreeWidget>

#include "fakebackend.h"
#include "gui/exportdialog.h"
#include "gui/mainwindow.h"
#include "gui/networkview.h"

using namespace qvblade::gui;

namespace {

NetInterface nic(const QString& name, bool up = true) {
    NetInterface n;
    n.name = name;
    n.mac = QStringLiteral("52:54:00:00:00:0%1").arg(name.right(1));
    n.mtu = 1500;
    n.up = up;
    n.running = up;
    return n;
}

NetworkTarget target(quint16 shelf, quint8 slot, const QString& mac, bool ours = false) {
    NetworkTarget t;
    t.interface = QStringLiteral("eth0");
    t.shelf = shelf;
    t.slot = slot;
    t.mac = mac;
    t.bufferCount = 16;
    t.firmware = 0x4019;
    t.sectorsPerFrame = 2;
    t.configString = QStringLiteral("disk %1").arg(mac.right(2));
    t.ours = ours;
    return t;
}

int rowOf(const NetworkModel& m, const QString& address, const QString& mac) {
    for (int r = 0; r < m.rowCount(); ++r)
        if (m.index(r, NetworkModel::Address).data().toString() == address && m.index(r, NetworkModel::Mac).data().toString() == mac)
            return r;
    return -1;
}

}  // namespace

class TestNetworkView : public QObject {
    Q_OBJECT

private slots:
    void listsTargetsMarksOursAndConflicts() {
        FakeBackend backend;
        backend.setNetwork(QStringLiteral("eth0"), {target(3, 3, QStringLiteral("02:00:00:00:00:aa")),
                                                     target(3, 3, QStringLiteral("02:00:00:00:00:bb")),
                                                     target(7, 0, QStringLiteral("52:54:00:00:00:00"), true)});
        NetworkView view(&backend, {nic(QStringLiteral("eth0")), nic(QStringLiteral("eth1"))});
        view.show();
        QCOMPARE(backend.scanCalls, QStringList{QStringLiteral("eth0")});   // shown: scanned at once
        NetworkModel& m = *view.model();
        QTRY_COMPARE(m.rowCount(), 3);
        const int a = rowOf(m, QStringLiteral("e3.3"), QStringLiteral("02:00:00:00:00:aa"));
        const int b = rowOf(m, QStringLiteral("e3.3"), QStringLiteral("02:00:00:00:00:bb"));
        const int ours = rowOf(m, QStringLiteral("e7.0"), QStringLiteral("52:54:00:00:00:00"));
        QVERIFY(a >= 0 && b >= 0 && ours >= 0);
        for (int r : {a, b}) {
            QVERIFY(m.isConflict(r));
            QVERIFY(m.index(r, NetworkModel::Mac).data(NetworkModel::ConflictRole).toBool());
            const QColor red = m.index(r, NetworkModel::Address).data(Qt::ForegroundRole).value<QColor>();
            QVERIFY2(red.isValid() && red.red() > 2 * red.green(), "a conflict is not drawn in red");
            QVERIFY(m.index(r, NetworkModel::Address).data(Qt::ToolTipRole).toString().contains(QStringLiteral("02:00:00:00:00:bb")));
        }
        QVERIFY(!m.isConflict(ours));
        QVERIFY(!m.index(ours, NetworkModel::Address).data(Qt::ForegroundRole).isValid());
        QCOMPARE(m.index(ours, NetworkModel::Host).data().toString(), QStringLiteral("this computer"));
        QVERIFY(m.index(ours, NetworkModel::Host).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(m.index(a, NetworkModel::Host).data().toString(), QString());
        QCOMPARE(m.index(a, NetworkModel::SectorsPerFrame).data().toInt(), 2);
        QCOMPARE(m.index(a, NetworkModel::Buffers).data().toInt(), 16);
        QCOMPARE(m.index(a, NetworkModel::Firmware).data().toString(), QStringLiteral("0x4019"));
        QCOMPARE(m.index(a, NetworkModel::ConfigString).data().toString(), QStringLiteral("disk aa"));
        QVERIFY2(view.status()->text().contains(QStringLiteral("3 targets on eth0")), qPrintable(view.status()->text()));
        QVERIFY2(view.status()->text().contains(QStringLiteral("1 address answered by more than one target")),
                 qPrintable(view.status()->text()));
    }

    void refreshesOnDemandAndWhileOpenOnly() {
        FakeBackend backend;
        NetworkView view(&backend, {nic(QStringLiteral("eth0"))});
        view.setRefreshInterval(20);
        view.show();
        QTRY_VERIFY(backend.scanCalls.size() >= 3);   // every interval while open
        QTRY_VERIFY(view.status()->text().contains(QStringLiteral("No AoE target answers on eth0")));
        view.hide();
        QTest::qWait(50);   // let a scan in flight finish
        const qsizetype hidden = backend.scanCalls.size();
        QTest::qWait(200);   // ten intervals: a running timer would have scanned
        QCOMPARE(backend.scanCalls.size(), hidden);
        view.setRefreshInterval(3600 * 1000);
        view.show();
        QTRY_COMPARE(backend.scanCalls.size(), hidden + 1);   // shown again: at once
        QTest::qWait(20);
        QTest::mouseClick(view.refreshButton(), Qt::LeftButton);
        QTRY_COMPARE(backend.scanCalls.size(), hidden + 2);   // Refresh
        QTest::qWait(20);
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QTest::keyClick(&view, Qt::Key_F5);
        QTRY_COMPARE(backend.scanCalls.size(), hidden + 3);
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.isVisible());
    }

    void anotherInterfaceAndErrors() {
        FakeBackend backend;
        backend.setNetwork(QStringLiteral("eth0"), {target(1, 1, QStringLiteral("02:00:00:00:00:aa"))});
        backend.failScan(QStringLiteral("eth1"), QStringLiteral("interface eth1 is down (ip link set eth1 up)"));
        NetworkView view(&backend, {nic(QStringLiteral("eth0")), nic(QStringLiteral("eth1"))});
        view.setRefreshInterval(3600 * 1000);
        view.show();
        QTRY_COMPARE(view.model()->rowCount(), 1);
        view.interfaceBox()->setCurrentIndex(1);
        QTRY_COMPARE(backend.scanCalls.last(), QStringLiteral("eth1"));
        QTRY_VERIFY2(view.status()->text().contains(QStringLiteral("interface eth1 is down")), qPrintable(view.status()->text()));
        QCOMPARE(view.model()->rowCount(), 0);   // eth0's targets are not shown for eth1
        // The helper's live list: an interface that appears is offered; the choice stays.
        backend.pushInterfaces({nic(QStringLiteral("eth0")), nic(QStringLiteral("eth1")), nic(QStringLiteral("eth2"))});
        QCOMPARE(view.interfaceBox()->count(), 3);
        QCOMPARE(view.interfaceBox()->currentText(), QStringLiteral("eth1"));
    }

    void theMainWindowOpensIt() {
        FakeBackend backend;
        MainWindow w(&backend);
        auto* action = w.findChild<QAction*>(QStringLiteral("networkAction"));
        QVERIFY(action);
        action->trigger();
        auto* view = w.findChild<NetworkView*>();
        QVERIFY(view && view->isVisible());
        action->trigger();   // one window, raised
        QCOMPARE(w.findChildren<NetworkView*>().size(), 1);
    }

    void theDialogProposesAnAddressNobodyAnswers() {
        FakeBackend backend;
        backend.setNetwork(QStringLiteral("eth0"), {target(0, 0, QStringLiteral("02:00:00:00:00:aa")),
                                                     target(0, 1, QStringLiteral("02:00:00:00:00:bb"))});
        backend.setNetwork(QStringLiteral("eth1"), {target(0, 2, QStringLiteral("02:00:00:00:00:cc"))});
        ExportDialog dialog(&backend, [](quint16 shelf, quint8 slot) { return shelf == 0 && slot == 3; },   // ours
                            {nic(QStringLiteral("eth0")), nic(QStringLiteral("eth1")), nic(QStringLiteral("eth2"), false)});
        QCOMPARE(dialog.spec().shelf, quint16(0));
        QCOMPARE(dialog.spec().slot, quint8(0));   // before the scan's answer
        QTRY_COMPARE(dialog.spec().slot, quint8(4));
        QCOMPARE(backend.scanCalls, (QStringList{QStringLiteral("eth0"), QStringLiteral("eth1")}));   // eth2 is down

        // An address the user chose stays, whatever the network says.
        FakeBackend other;
        other.setNetwork(QStringLiteral("eth0"), {target(5, 5, QStringLiteral("02:00:00:00:00:aa"))});
        ExportDialog chosen(&other, {}, {nic(QStringLiteral("eth0"))});
        ExportSpec spec = chosen.spec();
        spec.shelf = 5;
        spec.slot = 5;
        chosen.setSpec(spec);
        QTRY_COMPARE(other.scanCalls.size(), 1);
        QTest::qWait(20);
        QCOMPARE(chosen.spec().shelf, quint16(5));
        QCOMPARE(chosen.spec().slot, quint8(5));
    }

    void theDialogFollowsTheLiveInterfaces() {
        FakeBackend backend;
        ExportDialog dialog(&backend, {}, {nic(QStringLiteral("eth0")), nic(QStringLiteral("eth1"), false)});
        auto* list = dialog.findChild<QTreeWidget*>();
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 2);
        ExportSpec spec = dialog.spec();
        spec.interfaces = QStringList{QStringLiteral("eth1")};
        dialog.setSpec(spec);
        QVERIFY(!dialog.validate());
        QVERIFY(dialog.interfaceError().contains(QStringLiteral("eth1 is down")));
        backend.pushInterfaces({nic(QStringLiteral("eth0")), nic(QStringLiteral("eth1")), nic(QStringLiteral("eth3"))});
        QCOMPARE(list->topLevelItemCount(), 3);
        QCOMPARE(list->topLevelItem(1)->text(3), QStringLiteral("up"));
        QCOMPARE(list->topLevelItem(2)->text(0), QStringLiteral("eth3"));
        QCOMPARE(dialog.interfaceError(), QString());
        QCOMPARE(dialog.spec().interfaces, QStringList{QStringLiteral("eth1")});
        backend.pushInterfaces({nic(QStringLiteral("eth0"))});
        QCOMPARE(list->topLevelItemCount(), 1);
        QVERIFY(dialog.spec().interfaces.isEmpty());
    }
};

QTEST_MAIN(TestNetworkView)
#include "tst_network_view.moc"
