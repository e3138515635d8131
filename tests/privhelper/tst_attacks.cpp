// SPDX-License-Identifier: GPL-2.0-or-later
// The helper attacked the way issue #21 found it could be, by ordinary users polkit allows to
// manage exports, against a real helper, polkitd and dbus-daemon; the AoE side on a veth pair in
// private namespaces. Each test failed on the helper before the fix it names:
//  - anotherUsersExport...: one user paused, removed and read the details of another's export;
//  - aLeasedImage...: a write lease on the image stalled the helper's main thread for 45 s;
//  - oneUsersExportsAreLimited / descriptorsRunningOut...: exports without bound took every
//    descriptor, and then nobody (root included) could connect;
//  - writesDoNotTakeRootsReservedBlocks: the helper's writes used the blocks ext4 keeps for root;
//  - auditLinesCannotBeForged: an image name with a newline wrote a fake line into the log;
//  - theReceiveBufferLimitsAreBounded: apply-/persist-rmem took 1 GiB for every socket;
//  - otherClientsOfAPkexecHelperAskPolkit: any process of the pkexec user managed exports
//    through --serve-socket without polkit.
// And set-export-options (issue #24), new: only the owner changes read-only and the Mac Mask
// List in place, every field is checked, and the change is what the wire sees
// (optionsChangeInPlaceOnlyForTheOwner).
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/aoe_probe.h"
#include "tests/privhelper/helper_fixture.h"
#include "tests/privhelper/polkit_env.h"

using namespace qvblade::test;
using namespace qvblade::helper;

namespace {

// A small ext4 file system on a loop device, mounted in a directory of the test's.
class LoopFs {
public:
    ~LoopFs() {
        if (mounted_) ::umount2(mountPoint_.toLocal8Bit().constData(), MNT_DETACH);
        if (!device_.isEmpty()) run({"losetup", "-d", device_});
    }
    bool create(const QString& image, const QString& mountPoint, const QStringList& mkfsOptions, int sectorSize, QString& error) {
        mountPoint_ = mountPoint;
        QString out;
        if (run({"truncate", "-s", "64M", image}, &out) != 0 ||
            run({"losetup", "--find", "--show", "--sector-size", QString::number(sectorSize), image}, &out) != 0) {
            error = "cannot set up a loop device (losetup): " + out;
            return false;
        }
        device_ = out.trimmed();
        if (run(QStringList{"mkfs.ext4", "-q", "-F"} + mkfsOptions + QStringList{device_}, &out) != 0) {
            error = "mkfs.ext4 failed: " + out;
            return false;
        }
        if (!QDir().mkpath(mountPoint) || run({"mount", device_, mountPoint}, &out) != 0) {
            error = "cannot mount " + device_ + ": " + out;
            return false;
        }
        mounted_ = true;
        return ::chmod(mountPoint.toLocal8Bit().constData(), 01777) == 0;
    }

private:
    QString device_, mountPoint_;
    bool mounted_ = false;
};

QJsonObject addExportRequest(int shelf, int slot, const QString& image, QJsonObject extra = {}) {
    QJsonObject r{{"type", "add-export"}, {"shelf", shelf}, {"slot", slot}, {"interfaces", QJsonArray{"qvt0"}},
                  {"_fd", image}, {"_mode", "rw"}};
    for (auto it = extra.begin(); it != extra.end(); ++it) r.insert(it.key(), it.value());
    return r;
}

QString errorCode(const QJsonObject& line) { return line.value("error").toObject().value("code").toString(); }
QString errorMessage(const QJsonObject& line) { return line.value("error").toObject().value("message").toString(); }

}  // namespace

class TestAttacks : public QObject {
    Q_OBJECT

    TestUser a_{"qvbok"}, b_{"qvbok"}, admin_{"qvbok"};
    PolkitEnvironment polkit_;
    NetNs target_, initiator_;
    SpawnedHelper helper_;
    QTemporaryDir dir_;
    QString socket_, client_, imageA_, imageB_, rules_;
    QByteArray firstSectorA_;

    QString policyRules(bool aMayManage) const {
        return qvbladeRules("tst_attacks", QStringLiteral(
                                               "  if (subject.user === \"%3\") return polkit.Result.YES;\n"
                                               "  if (action.id === \"org.qvblade.manage-any-export\") return polkit.Result.NO;\n"
                                               "  if (subject.user === \"%1\") return %4;\n"
                                               "  if (subject.user === \"%2\") return polkit.Result.YES;\n")
                                               .arg(a_.name(), b_.name(), admin_.name(), aMayManage ? "polkit.Result.YES" : "polkit.Result.NO"));
    }
    QStringList clientArgs(const QList<QJsonObject>& requests, bool hold = false, const QString& socket = {}) const {
        return clientArgsFor(socket.isEmpty() ? socket_ : socket, requests, hold);
    }
    Reply rootCall(const QString& type, const QJsonObject& args = {}, const QString& socket = {}) {
        return rootCallOn(socket.isEmpty() ? socket_ : socket, type, args);
    }
    QJsonObject exportNamed(const QJsonArray& list, const QString& name) {
        for (const auto& e : list)
            if (e.toObject().value("name").toString() == name) return e.toObject();
        return {};
    }
    // A file of `bytes` bytes owned by `owner` with `mode`; its first sector's bytes if `pattern`.
    QByteArray makeImage(const QString& path, const TestUser& owner, int mode, qint64 bytes, bool pattern) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) return {};
        QByteArray data(int(pattern ? bytes : 0), 0);
        for (int i = 0; i < data.size(); ++i) data[i] = char((i * 13 + i / 512 + owner.uid()) & 0xFF);
        f.write(data);
        if (!pattern) f.resize(bytes);
        f.close();
        ::chown(path.toLocal8Bit().constData(), owner.uid(), owner.gid());
        ::chmod(path.toLocal8Bit().constData(), mode_t(mode));
        return data.left(512);
    }

    // One ATA WRITE of sector 0 filled with `pattern` from the initiator's namespace: the reply's
    // ATA status (-1: no reply).
    int aoeWrite(int shelf, int slot, const char* pattern, QString& out) {
        const int rc = run({"ip", "netns", "exec", initiator_.name(), QStringLiteral(QVBLADE_AOE_REQUEST_BIN), "-i", "qvi0", "-t",
                            QString::number(shelf), "-n", QString::number(slot), "--timeout", "3000", "write", "--lba", "0",
                            "--count", "1", "--pattern", pattern},
                           &out);
        const QRegularExpressionMatch m = QRegularExpression("ata_status=0x([0-9a-f]{2})").match(out);
        return rc == 0 && m.hasMatch() ? m.captured(1).toInt(nullptr, 16) : -1;
    }
    QJsonObject setOptions(int shelf, int slot, QJsonObject fields) {
        fields.insert("type", "set-export-options");
        fields.insert("shelf", shelf);
        fields.insert("slot", slot);
        return fields;
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(::geteuid() == 0, "tst_attacks needs root: it creates users, namespaces, loop devices and polkit rules");
        QVERIFY2(QFileInfo::exists("/usr/lib/polkit-1/polkitd"), "polkitd must be installed (apt-get install polkitd)");
        QVERIFY2(a_.create(error), qPrintable(error));
        QVERIFY2(b_.create(error), qPrintable(error));
        QVERIFY2(admin_.create(error), qPrintable(error));
        QVERIFY2(polkit_.setUp(QStringLiteral(QVBLADE_TEST_POLICY), policyRules(true), error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(b_, action::kManageExports, error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(b_, action::kManageAnyExport, error, false), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(admin_, action::kManageAnyExport, error), qPrintable(error));

        client_ = installForUsers(dir_, QStringLiteral(QVBLADE_PH_CLIENT_BIN));
        QVERIFY2(!client_.isEmpty(), "cannot copy the test client where the test users can run it");
        imageA_ = dir_.filePath("a.img");
        imageB_ = dir_.filePath("b.img");
        firstSectorA_ = makeImage(imageA_, a_, 0600, 1 << 20, true);
        QCOMPARE(firstSectorA_.size(), 512);
        QCOMPARE(makeImage(imageB_, b_, 0600, 1 << 20, true).size(), 512);

        QVERIFY2(startServiceHelperOnVeth(target_, initiator_, helper_, dir_.path(), socket_, error), qPrintable(error));
    }

    void cleanupTestCase() { helper_.stop(); }

    void everyThreadKeepsOnlyCapNetRawAndTouchesFilesAsNobody() {
        // Capabilities and the file-system uid are per thread: the engine's and D-Bus's threads
        // too (before, the engine thread kept every capability root has).
        ClientRun owner(a_, client_, clientArgs({addExportRequest(81, 1, imageA_), {{"type", "remove-export"}, {"shelf", 81}, {"slot", 1}}}));
        QCOMPARE(owner.lines(3).size(), 3);   // the engine has served a request: all its threads exist
        const QStringList tasks = QDir(QStringLiteral("/proc/%1/task").arg(helper_.pid())).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY2(tasks.size() >= 2, qPrintable(tasks.join(' ')));
        for (const QString& task : tasks) {
            QFile f(QStringLiteral("/proc/%1/task/%2/status").arg(helper_.pid()).arg(task));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QString name, capEff, capPrm, capBnd, uids;
            for (const QByteArray& line : f.readAll().split('\n')) {
                const QString l = QString::fromLatin1(line);
                if (l.startsWith("Name:")) name = l.mid(5).trimmed();
                if (l.startsWith("CapEff:")) capEff = l.mid(7).trimmed();
                if (l.startsWith("CapPrm:")) capPrm = l.mid(7).trimmed();
                if (l.startsWith("CapBnd:")) capBnd = l.mid(7).trimmed();
                if (l.startsWith("Uid:")) uids = l.mid(4).simplified();
            }
            const QString what = QStringLiteral("thread %1 (%2): CapEff %3 CapPrm %4 CapBnd %5 Uid %6").arg(task, name, capEff, capPrm, capBnd, uids);
            QVERIFY2(capEff == "0000000000002000" && capPrm == "0000000000002000" && capBnd == "0000000000002000", qPrintable(what));
            QVERIFY2(uids == "0 0 65534 65534", qPrintable(what));
        }
    }

    void anotherUsersExportIsNotTheirs() {
        ClientRun owner(a_, client_, clientArgs({addExportRequest(82, 1, imageA_)}, true));
        const auto added = owner.lines(2);
        QVERIFY2(added.size() == 2 && added[1].value("ok").isObject(), qPrintable(text(added) + owner.errors()));
        const QJsonObject mine = added[1].value("ok").toObject().value("export").toObject();
        QCOMPARE(mine.value("owner").toString(), a_.name());
        QVERIFY(mine.contains("path"));

        ClientRun other(b_, client_,
                        clientArgs({{{"type", "list-exports"}},
                                    {{"type", "pause-export"}, {"shelf", 82}, {"slot", 1}},
                                    {{"type", "resume-export"}, {"shelf", 82}, {"slot", 1}},
                                    {{"type", "remove-export"}, {"shelf", 82}, {"slot", 1}},
                                    addExportRequest(82, 1, imageB_)}));
        const auto lines = other.lines(6);
        QVERIFY2(lines.size() == 6, qPrintable(text(lines) + other.errors()));
        // B sees that the export exists and whose it is, not where its data lives or who uses it.
        const QJsonObject seen = exportNamed(lines[1].value("ok").toObject().value("exports").toArray(), "e82.1");
        QCOMPARE(seen.value("owner").toString(), a_.name());
        QCOMPARE(seen.value("ownerUid").toInt(), int(a_.uid()));
        QCOMPARE(seen.value("sectors").toInt(), 2048);
        for (const char* hidden : {"path", "interfaces", "macs", "initiators", "configString"})
            QVERIFY2(!seen.contains(QLatin1String(hidden)), qPrintable(json(seen)));
        for (int i = 2; i <= 4; ++i) {
            QVERIFY2(errorCode(lines[i]) == err::kNotAuthorized, qPrintable(json(lines[i])));
            QVERIFY2(errorMessage(lines[i]).contains("belongs to " + a_.name()), qPrintable(json(lines[i])));
        }
        QVERIFY2(errorCode(lines[5]) == err::kExists, qPrintable(json(lines[5])));

        // Nothing changed: A's export serves A's data, unpaused; root sees everything.
        const QJsonObject asRoot = exportNamed(rootCall("list-exports").result.value("exports").toArray(), "e82.1");
        QVERIFY2(!asRoot.value("paused").toBool() && asRoot.value("path").toString().endsWith("a.img"), qPrintable(json(asRoot)));
        QByteArray data;
        QString error;
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 82, 1, 0, data, error), qPrintable(error));
        QCOMPARE(data, firstSectorA_);
        QVERIFY(helper_.stderrText().contains("refused: e82.1 belongs to " + a_.name()));

        // An administrator (org.qvblade.manage-any-export) may.
        ClientRun admin(admin_, client_,
                        clientArgs({{{"type", "pause-export"}, {"shelf", 82}, {"slot", 1}},
                                    {{"type", "remove-export"}, {"shelf", 82}, {"slot", 1}}}));
        const auto adminLines = admin.lines(3);
        QVERIFY2(adminLines.size() == 3 && adminLines[1].value("ok").isObject() && adminLines[2].value("ok").isObject(),
                 qPrintable(text(adminLines)));
    }

    void aLeasedImageDoesNotStallTheHelper() {
        // 4 KiB logical sectors: a direct export opens a second, buffered descriptor of the image.
        LoopFs fs;
        QString error;
        QVERIFY2(fs.create(dir_.filePath("fs4k.img"), dir_.filePath("fs4k"), {"-b", "4096"}, 4096, error), qPrintable(error));
        const QString leased = dir_.filePath("fs4k/leased.img");
        makeImage(leased, a_, 0666, 1 << 20, true);

        QElapsedTimer t;
        t.start();
        ClientRun attacker(a_, client_, clientArgs({addExportRequest(83, 1, leased, {{"direct", true}, {"_lease", true}})}, true));
        QCOMPARE(attacker.lines(1).size(), 1);   // hello; add-export is on its way
        QTest::qWait(200);
        QElapsedTimer quick;
        quick.start();
        const Reply others = rootCall("list-exports");
        QVERIFY2(others.ok, qPrintable(describe(others)));
        QVERIFY2(quick.elapsed() < 3000, qPrintable(QStringLiteral("list-exports waited %1 ms behind the leased open").arg(quick.elapsed())));
        const auto lines = attacker.lines(2, 10000);
        QVERIFY2(lines.size() == 2, qPrintable(QStringLiteral("no answer to add-export after %1 ms: %2").arg(t.elapsed()).arg(text(lines))));
        QVERIFY2(errorCode(lines[1]) == err::kFailed && errorMessage(lines[1]).contains("lease"), qPrintable(json(lines[1])));
        QVERIFY(exportNamed(rootCall("list-exports").result.value("exports").toArray(), "e83.1").isEmpty());
    }

    void oneUsersExportsAreLimited() {
        // The default: 64 exports per non-root user.
        QList<QJsonObject> requests;
        // allowSharedAddress: no probe of the wire before each (half a second each), not what is tested here.
        for (int slot = 0; slot < 65; ++slot)
            requests << addExportRequest(88, slot, imageA_, {{"readOnly", true}, {"_mode", "r"}, {"allowSharedAddress", true}});
        ClientRun many(a_, client_, clientArgs(requests));
        const auto lines = many.lines(66, 60000);
        QVERIFY2(lines.size() == 66, qPrintable(text(lines.mid(lines.size() - 3)) + many.errors()));
        for (int i = 1; i <= 64; ++i) QVERIFY2(lines[i].value("ok").isObject(), qPrintable(json(lines[i])));
        QVERIFY2(errorCode(lines[65]) == err::kLimitReached && errorMessage(lines[65]).contains("64 exports"), qPrintable(json(lines[65])));
        // Another user is not affected.
        ClientRun other(b_, client_, clientArgs({addExportRequest(88, 100, imageB_), {{"type", "remove-export"}, {"shelf", 88}, {"slot", 100}}}));
        const auto otherLines = other.lines(3);
        QVERIFY2(otherLines.size() == 3 && otherLines[1].value("ok").isObject(), qPrintable(text(otherLines)));
        QList<QJsonObject> removes;
        for (int slot = 0; slot < 64; ++slot) removes << QJsonObject{{"type", "remove-export"}, {"shelf", 88}, {"slot", slot}};
        ClientRun cleanup(a_, client_, clientArgs(removes));
        QCOMPARE(cleanup.lines(65, 60000).size(), 65);
        QCOMPARE(rootCall("list-exports").result.value("exports").toArray().size(), 0);
    }

    void descriptorsRunningOutLeaveRootAndNewClientsIn() {
        // A helper with 160 descriptors and no per-user export limit to speak of.
        NetNs ns;
        SpawnedHelper limited;
        QString error;
        QVERIFY2(ns.create(error) && ns.addVethPair("qvl0", "qvl0p", error), qPrintable(error));
        const QString socket = dir_.filePath("limited.sock");
        limited.setFileLimit(160);
        QVERIFY2(limited.start({"--listen", socket, "--max-exports-per-user", "1000"}, ns.name(), error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket) || limited.exited(), 5000);
        QVERIFY2(!limited.exited(), qPrintable(limited.stderrText()));

        QList<QJsonObject> requests;
        for (int slot = 0; slot < 200; ++slot) {
            QJsonObject r = addExportRequest(89, slot, imageA_, {{"readOnly", true}, {"_mode", "r"}, {"allowSharedAddress", true}});
            r.insert("interfaces", QJsonArray{"qvl0"});
            requests << r;
        }
        ClientRun flood(a_, client_, clientArgs(requests, true, socket));
        const auto lines = flood.lines(201, 90000);
        QVERIFY2(lines.size() == 201, qPrintable(text(lines.mid(std::max<qsizetype>(0, lines.size() - 3))) + flood.errors() + limited.stderrText()));
        int added = 0;
        for (int i = 1; i < lines.size(); ++i) added += lines[i].value("ok").isObject() ? 1 : 0;
        QVERIFY2(added > 10 && added < 160, qPrintable(QString::number(added)));
        QVERIFY2(errorCode(lines.last()) == err::kLimitReached && errorMessage(lines.last()).contains("file descriptors"),
                 qPrintable(json(lines.last())));

        // Root and a new client still get in, and the new client is told why it cannot add.
        const Reply asRoot = rootCall("list-exports", {}, socket);
        QVERIFY2(asRoot.ok, qPrintable(describe(asRoot)));
        QCOMPARE(asRoot.result.value("exports").toArray().size(), added);
        ClientRun other(b_, client_, clientArgs({[&] {
                                                    QJsonObject r = addExportRequest(89, 250, imageB_);
                                                    r.insert("interfaces", QJsonArray{"qvl0"});
                                                    return r;
                                                }()},
                                                false, socket));
        const auto otherLines = other.lines(2);
        QVERIFY2(otherLines.size() == 2 && otherLines[0].value("ok").isObject(), qPrintable(text(otherLines)));
        QVERIFY2(errorCode(otherLines[1]) == err::kLimitReached, qPrintable(json(otherLines[1])));
        QVERIFY(limited.alive());
        limited.stop();
    }

    void writesDoNotTakeRootsReservedBlocks() {
        // Half the file system is root's; A fills the other half, then exports a sparse file on it.
        LoopFs fs;
        QString error;
        const QString mnt = dir_.filePath("fsfull");
        QVERIFY2(fs.create(dir_.filePath("fsfull.img"), mnt, {"-m", "50", "-b", "4096"}, 512, error), qPrintable(error));
        const QString sparse = mnt + "/sparse.img";
        makeImage(sparse, a_, 0600, 8 << 20, false);
        // Written back, ext4 gives back what it had reserved for the delayed allocation: fill
        // again until (almost) nothing is left for the user.
        struct statvfs before {};
        for (int round = 0; round < 4; ++round) {
            QProcess fill;
            a_.runAs(fill);
            fill.start("/bin/dd", {"if=/dev/zero", QStringLiteral("of=%1/fill%2").arg(mnt).arg(round), "bs=4k"});
            QVERIFY(fill.waitForFinished(60000));
            QVERIFY2(QString::fromLocal8Bit(fill.readAllStandardError()).contains("No space left"), "dd as the user did not fill the file system");
            ::sync();
            QVERIFY(::statvfs(mnt.toLocal8Bit().constData(), &before) == 0);
            if (before.f_bavail < 4) break;
        }
        QVERIFY2(before.f_bavail < 4, qPrintable(QStringLiteral("%1 blocks still free for the user").arg(before.f_bavail)));
        QVERIFY(before.f_bfree > 1000);   // root's reserve

        ClientRun owner(a_, client_, clientArgs({addExportRequest(84, 1, sparse)}, true));
        const auto added = owner.lines(2);
        QVERIFY2(added.size() == 2 && added[1].value("ok").isObject(), qPrintable(text(added)));
        QString out;
        const int rc = run({"ip", "netns", "exec", initiator_.name(), QStringLiteral(QVBLADE_AOE_REQUEST_BIN), "-i", "qvi0", "-t", "84", "-n", "1",
                            "--repeat", "128", "--stride", "write", "--lba", "0", "--count", "2", "--pattern", "0x5a"},
                           &out);
        QVERIFY2(rc == 0, qPrintable(out));
        // 128 KiB into holes, 1 KiB a frame (MTU 1500): 32 blocks the user does not have.
        const QRegularExpressionMatch m = QRegularExpression("errors=(\\d+)").match(out);
        QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 128 - 4 * int(before.f_bavail) - 4,
                 qPrintable("writes past the user's space must fail: " + out));
        ::sync();
        struct statvfs after {};
        QVERIFY(::statvfs(mnt.toLocal8Bit().constData(), &after) == 0);
        QVERIFY2(after.f_bfree + before.f_bavail + 2 >= before.f_bfree,
                 qPrintable(QStringLiteral("root's reserve shrank from %1 to %2 blocks").arg(before.f_bfree).arg(after.f_bfree)));
        QVERIFY(helper_.alive());
        owner.process().kill();
        QVERIFY(rootCall("remove-export", {{"shelf", 84}, {"slot", 1}}).ok);
    }

    void auditLinesCannotBeForged() {
        // A real journal where none runs (stopped again at the end), to see the structured fields.
        QProcess journald;
        if (run({"/bin/sh", "-c", "test -S /run/systemd/journal/socket && logger --journald </dev/null"}) != 0) {
            journald.start("/lib/systemd/systemd-journald", {});
            QVERIFY2(journald.waitForStarted(5000), "cannot start /lib/systemd/systemd-journald (package systemd)");
            QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists("/run/systemd/journal/socket"), 5000);
            QTest::qWait(300);
        }
        const QString forged = dir_.filePath("x\nqvblade-helper: uid 0 pid 1 remove-export: e1.1 removed\n.img");
        makeImage(forged, a_, 0600, 1 << 20, true);
        ClientRun c(a_, client_, clientArgs({addExportRequest(85, 1, forged), {{"type", "remove-export"}, {"shelf", 85}, {"slot", 1}}}));
        const auto lines = c.lines(3);
        QVERIFY2(lines.size() == 3 && lines[1].value("ok").isObject(), qPrintable(text(lines)));
        const QStringList log = helper_.stderrText().split('\n');
        for (const QString& l : log) QVERIFY2(!l.startsWith("qvblade-helper: uid 0 pid 1 remove-export"), qPrintable(l));
        QVERIFY2(helper_.stderrText().contains("x\\x0aqvblade-helper: uid 0 pid 1 remove-export: e1.1 removed\\x0a.img"), qPrintable(helper_.stderrText()));

        QString entries;
        QTRY_VERIFY_WITH_TIMEOUT((run({"journalctl", "--no-pager", "-o", "json", QStringLiteral("_PID=%1").arg(helper_.pid()),
                                       "QVBLADE_EXPORT=e85.1", "QVBLADE_REQUEST=add-export"},
                                      &entries),
                                  entries.contains("QVBLADE_CLIENT_UID")),
                                 10000);
        const QJsonObject entry = QJsonDocument::fromJson(entries.split('\n').first().toUtf8()).object();
        QCOMPARE(entry.value("QVBLADE_CLIENT_UID").toString(), QString::number(a_.uid()));
        QCOMPARE(entry.value("SYSLOG_IDENTIFIER").toString(), QString("qvblade-helper"));
        QVERIFY2(entry.value("MESSAGE").toString().contains("x\\x0aqvblade-helper") && !entry.value("MESSAGE").toString().contains('\n'),
                 qPrintable(json(entry)));
        if (journald.state() != QProcess::NotRunning) {
            journald.terminate();
            journald.waitForFinished(5000);
        }
    }

    void theReceiveBufferLimitsAreBounded() {
        ClientRun owner(a_, client_,
                        clientArgs({addExportRequest(86, 1, imageA_), {{"type", "rmem-status"}}, {{"type", "apply-rmem"}, {"bytes", 1 << 30}},
                                    {{"type", "persist-rmem"}, {"bytes", 1 << 30}}, {{"type", "persist-rmem"}}},
                                   true));
        const auto lines = owner.lines(6);
        QVERIFY2(lines.size() == 6, qPrintable(text(lines)));
        const qint64 needed = lines[2].value("ok").toObject().value("recommended").toInteger();
        QVERIFY(needed > 0 && needed < (1 << 30));
        for (int i : {3, 4}) {
            QVERIFY2(errorCode(lines[i]) == err::kInvalidArgument && errorMessage(lines[i]).contains(QString::number(needed)),
                     qPrintable(json(lines[i])));
        }
        // Without "bytes": exactly what the exports need, for rmem_default too.
        QVERIFY2(lines[5].value("ok").toObject().value("rmemDefault").toInteger() == needed, qPrintable(json(lines[5])));
        QFile conf(dir_.filePath("sysctl.d/60-qvblade.conf"));
        QVERIFY(conf.open(QIODevice::ReadOnly));
        QVERIFY(conf.readAll().contains("net.core.rmem_default = " + QByteArray::number(needed) + "\n"));
        owner.process().kill();
        QVERIFY(rootCall("remove-export", {{"shelf", 86}, {"slot", 1}}).ok);
    }

    void optionsChangeInPlaceOnlyForTheOwner() {
        const QString image = dir_.filePath("c.img");
        const QByteArray firstSector = makeImage(image, a_, 0600, 1 << 20, true);
        QCOMPARE(firstSector.size(), 512);
        QJsonArray tooMany;
        for (int i = 0; i < 33; ++i) tooMany << QStringLiteral("02:00:00:00:01:%1").arg(i, 2, 16, QLatin1Char('0'));
        ClientRun owner(a_, client_,
                        clientArgs({addExportRequest(88, 1, image),
                                    setOptions(88, 1, {{"macs", QJsonArray{"52:54:00:zz:00:01"}}}),
                                    setOptions(88, 1, {{"macs", tooMany}}),
                                    setOptions(88, 1, {}),
                                    setOptions(88, 1, {{"readOnly", "yes"}}),
                                    setOptions(88, 1, {{"readOnly", true}, {"path", "/etc/shadow"}}),
                                    setOptions(88, 9, {{"readOnly", true}}),
                                    setOptions(88, 1, {{"readOnly", true}})},
                                   true));
        const auto lines = owner.lines(9);
        QVERIFY2(lines.size() == 9 && lines[1].value("ok").isObject(), qPrintable(text(lines) + owner.errors()));
        QVERIFY(lines[1].value("ok").toObject().value("export").toObject().value("writable").toBool());
        for (int i = 2; i <= 6; ++i) QVERIFY2(errorCode(lines[i]) == err::kInvalidArgument, qPrintable(json(lines[i])));
        QVERIFY2(errorMessage(lines[2]).contains("not a MAC address"), qPrintable(json(lines[2])));
        QVERIFY2(errorMessage(lines[3]).contains("at most 32"), qPrintable(json(lines[3])));
        QVERIFY2(errorCode(lines[7]) == err::kNotFound, qPrintable(json(lines[7])));
        const QJsonObject changed = lines[8].value("ok").toObject().value("export").toObject();
        QVERIFY2(changed.value("readOnly").toBool(), qPrintable(json(lines[8])));

        // On the wire: a write is refused (ATA ERR), a read still served.
        QString out;
        int status = aoeWrite(88, 1, "0x5a", out);
        QVERIFY2(status >= 0 && (status & 0x01), qPrintable("a write to a read-only export must fail: " + out));
        QByteArray data;
        QString error;
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 88, 1, 0, data, error), qPrintable(error));
        QCOMPARE(data, firstSector);

        // Another user may not change it back (nor anything else); nothing changes.
        {
            ClientRun other(b_, client_, clientArgs({setOptions(88, 1, {{"readOnly", false}}), setOptions(88, 1, {{"macs", QJsonArray{}}})}));
            const auto l = other.lines(3);
            QVERIFY2(l.size() == 3, qPrintable(text(l) + other.errors()));
            for (int i = 1; i <= 2; ++i) {
                QVERIFY2(errorCode(l[i]) == err::kNotAuthorized, qPrintable(json(l[i])));
                QVERIFY2(errorMessage(l[i]).contains("belongs to " + a_.name()), qPrintable(json(l[i])));
            }
        }
        QVERIFY2(helper_.stderrText().contains("refused: e88.1 belongs to " + a_.name()), qPrintable(helper_.stderrText().right(2000)));
        status = aoeWrite(88, 1, "0x5a", out);
        QVERIFY2(status >= 0 && (status & 0x01), qPrintable("still read-only: " + out));

        // The owner (another process of A) makes it writable again: the write lands.
        {
            ClientRun again(a_, client_, clientArgs({setOptions(88, 1, {{"readOnly", false}})}));
            const auto l = again.lines(2);
            QVERIFY2(l.size() == 2 && l[1].value("ok").isObject(), qPrintable(text(l) + again.errors()));
        }
        status = aoeWrite(88, 1, "0x5a", out);
        QVERIFY2(status >= 0 && !(status & 0x01), qPrintable("a write to the writable export must succeed: " + out));
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 88, 1, 0, data, error), qPrintable(error));
        QCOMPARE(data, QByteArray(512, char(0x5a)));

        // A Mac Mask List without the initiator: it no longer gets an answer; emptied, it does again.
        {
            ClientRun masks(a_, client_, clientArgs({setOptions(88, 1, {{"macs", QJsonArray{"02:00:00:00:00:01"}}})}));
            const auto l = masks.lines(2);
            QVERIFY2(l.size() == 2 && l[1].value("ok").isObject(), qPrintable(text(l)));
            const QJsonObject e = l[1].value("ok").toObject().value("export").toObject();
            QCOMPARE(e.value("maskList").toArray(), QJsonArray{"02:00:00:00:00:01"});
            QCOMPARE(e.value("macs").toArray(), QJsonArray{"02:00:00:00:00:01"});
        }
        int code = 0;
        QVERIFY2(!aoeReadSector(initiator_.name(), "qvi0", 88, 1, 0, data, error, &code), "a masked-out initiator was answered");
        QVERIFY2(code == 8, qPrintable(error));
        {
            ClientRun masks(a_, client_, clientArgs({setOptions(88, 1, {{"macs", QJsonArray{}}})}));
            QCOMPARE(masks.lines(2).size(), 2);
        }
        QVERIFY2(aoeReadSector(initiator_.name(), "qvi0", 88, 1, 0, data, error), qPrintable(error));
        // What initiators did shows to the owner: who, and since when.
        const QJsonObject listed = exportNamed(rootCall("list-exports").result.value("exports").toArray(), "e88.1");
        const QJsonArray seen = listed.value("initiatorsSeen").toArray();
        QVERIFY2(seen.size() == 1 && seen[0].toObject().value("firstSeen").toInteger() > 0
                     && seen[0].toObject().value("lastSeen").toInteger() >= seen[0].toObject().value("firstSeen").toInteger(),
                 qPrintable(json(listed)));

        // An image opened read-only cannot be made writable in place.
        {
            ClientRun ro(a_, client_,
                         clientArgs({addExportRequest(88, 2, image, {{"_mode", "r"}, {"readOnly", true}}), setOptions(88, 2, {{"readOnly", false}})}));
            const auto l = ro.lines(3);
            QVERIFY2(l.size() == 3 && l[1].value("ok").isObject(), qPrintable(text(l) + ro.errors()));
            QVERIFY(!l[1].value("ok").toObject().value("export").toObject().value("writable").toBool());
            QVERIFY2(errorCode(l[2]) == err::kFailed && errorMessage(l[2]).contains("opened read-only"), qPrintable(json(l[2])));
        }
        status = aoeWrite(88, 2, "0x33", out);
        QVERIFY2(status >= 0 && (status & 0x01), qPrintable(out));
        owner.process().kill();
        QVERIFY(rootCall("remove-export", {{"shelf", 88}, {"slot", 1}}).ok);
        QVERIFY(rootCall("remove-export", {{"shelf", 88}, {"slot", 2}}).ok);
    }

    void otherClientsOfAPkexecHelperAskPolkit() {
        const QString runSocket = QString::fromLatin1(kDefaultSocketPath);
        const bool runDirExisted = QFileInfo::exists(QFileInfo(runSocket).path());
        if (QFileInfo::exists(runSocket)) {
            HelperClient probe;
            QVERIFY2(!probe.connectToPath(runSocket), "a qvblade-helper already serves /run/qvblade/helper.sock; stop it first");
        }
        // The user's GUI starts the helper through pkexec (polkit says yes then) ...
        auto holder = std::make_unique<ClientRun>(a_, client_,
                                                  QStringList{"--pkexec", QStringLiteral(QVBLADE_HELPER_BIN), "--pkexec-arg", "--serve-socket",
                                                              "--hold", json(addExportRequest(87, 1, imageA_))},
                                                  target_.name());
        const auto lines = holder->lines(2, 30000);
        QVERIFY2(lines.size() == 2 && lines[1].value("ok").isObject(), qPrintable(text(lines) + holder->errors()));
        const int helperPid = lines[0].value("ok").toObject().value("pid").toInt();
        // ... then polkit stops allowing A: another process of A on the socket gets nowhere.
        QString error;
        QVERIFY2(polkit_.replaceRules(policyRules(false), error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(a_, action::kManageExports, error, false), qPrintable(error));
        {
            ClientRun other(a_, client_,
                            clientArgs({{{"type", "pause-export"}, {"shelf", 87}, {"slot", 1}}, addExportRequest(87, 2, imageA_)}, false, runSocket));
            const auto l = other.lines(3);
            QVERIFY2(l.size() == 3, qPrintable(text(l) + other.errors()));
            QVERIFY2(errorCode(l[1]) == err::kNotAuthorized && errorCode(l[2]) == err::kNotAuthorized, qPrintable(text(l)));
        }
        QVERIFY2(polkit_.replaceRules(policyRules(true), error), qPrintable(error));
        holder.reset();
        QVERIFY(rootCall("remove-export", {{"shelf", 87}, {"slot", 1}}, runSocket).ok);
        QTRY_VERIFY_WITH_TIMEOUT(::kill(helperPid, 0) != 0, 10000);
        if (!runDirExisted) QDir().rmdir(QFileInfo(runSocket).path());
    }
};

QTEST_GUILESS_MAIN(TestAttacks)
#include "tst_attacks.moc"
