// SPDX-License-Identifier: GPL-2.0-or-later
// "Start at boot" (issue #24): enable-boot-export, disable-boot-export and list-boot-exports by
// real users against a real helper, polkitd and dbus-daemon. No systemd runs as init here, so the
// helper gets --boot-root: its NAME.conf goes to ROOT/etc/qvblade and the real systemctl runs
// offline with --root=ROOT (what `systemctl enable` does on a machine without a running systemd:
// the multi-user.target.wants link next to the unit template this build makes).
// The path checks are the point: root opens the image's path at every boot, so
//  - a path that is not the kernel's name of the descriptor the user opened is refused (a
//    root-only 0600 file named with another file's descriptor; a symbolic link; a file moved
//    away and a link to root's file put at its name after the user opened it);
//  - a descriptor open for reading only does not make a writable boot export;
//  - names that are paths or need escaping, and paths that are not plain, are refused.
#include <sys/stat.h>

#include <QJsonArray>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/helper_fixture.h"
#include "tests/privhelper/polkit_env.h"

using namespace qvblade::test;
using namespace qvblade::helper;

namespace {

QString errorCode(const QJsonObject& line) { return line.value("error").toObject().value("code").toString(); }
QString errorMessage(const QJsonObject& line) { return line.value("error").toObject().value("message").toString(); }

QJsonObject enableRequest(const QString& name, const QString& path, const QString& fdPath, const QString& mode, QJsonObject extra = {}) {
    QJsonObject r{{"type", "enable-boot-export"}, {"name", name}, {"path", path}, {"shelf", 91}, {"slot", 2},
                  {"interfaces", QJsonArray{"qvt0"}}, {"_fd", fdPath}, {"_mode", mode}};
    for (auto it = extra.begin(); it != extra.end(); ++it) r.insert(it.key(), it.value());
    return r;
}

}  // namespace

class TestBootExports : public QObject {
    Q_OBJECT

    TestUser owner_{"qvbbt"}, other_{"qvbbt"}, denied_{"qvbbt"};
    PolkitEnvironment polkit_;
    NetNs target_, initiator_;
    SpawnedHelper helper_;
    QTemporaryDir dir_;
    QString socket_, client_, root_, confDir_, wants_, ownImage_, secret_;

    // One client run as `user`: hello and `requests`; the replies after hello.
    QList<QJsonObject> as(const TestUser& user, const QList<QJsonObject>& requests) {
        ClientRun run(user, client_, clientArgsFor(socket_, requests));
        QList<QJsonObject> lines = run.lines(int(requests.size()) + 1);
        run.finish();
        if (!lines.isEmpty()) lines.removeFirst();
        return lines;
    }
    QStringList confFiles() const { return QDir(confDir_).entryList(QDir::Files | QDir::Hidden); }
    QString unitLink(const QString& name) const { return wants_ + "/qvblade-export@" + name + ".service"; }
    void refusedWithoutTrace(const QJsonObject& reply, const char* code, const QString& message, const QString& name) {
        QVERIFY2(errorCode(reply) == QLatin1String(code), qPrintable(json(reply)));
        QVERIFY2(errorMessage(reply).contains(message), qPrintable(json(reply)));
        QVERIFY2(confFiles().isEmpty(), qPrintable(confFiles().join(' ')));
        QVERIFY(!QFileInfo(unitLink(name)).isSymLink());
    }

private Q_SLOTS:
    void initTestCase() {
        QString error;
        QVERIFY2(::geteuid() == 0, "tst_boot_exports needs root: it creates users, namespaces and polkit rules");
        QVERIFY2(QFileInfo::exists("/usr/lib/polkit-1/polkitd"), "polkitd must be installed (apt-get install polkitd)");
        QVERIFY2(QFileInfo(QStringLiteral("/usr/bin/systemctl")).isExecutable() || QFileInfo(QStringLiteral("/bin/systemctl")).isExecutable(),
                 "systemctl must be installed (apt-get install systemd)");
        QVERIFY2(owner_.create(error), qPrintable(error));
        QVERIFY2(other_.create(error), qPrintable(error));
        QVERIFY2(denied_.create(error), qPrintable(error));
        const QString rules = qvbladeRules("tst_boot_exports", QStringLiteral(
            "  if (action.id === \"org.qvblade.manage-any-export\") return polkit.Result.NO;\n"
            "  if (subject.user === \"%3\" && action.id === \"org.qvblade.boot-exports\") return polkit.Result.NO;\n"
            "  if (subject.user === \"%1\" || subject.user === \"%2\" || subject.user === \"%3\") return polkit.Result.YES;\n")
            .arg(owner_.name(), other_.name(), denied_.name()));
        QVERIFY2(polkit_.setUp(QStringLiteral(QVBLADE_TEST_POLICY), rules, error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(owner_, action::kBootExports, error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(denied_, action::kBootExports, error, false), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(other_, action::kManageAnyExport, error, false), qPrintable(error));

        client_ = installForUsers(dir_, QStringLiteral(QVBLADE_PH_CLIENT_BIN));
        QVERIFY2(!client_.isEmpty(), "cannot copy the test client where the test users can run it");
        // The machine's / for the helper's Start at boot: the unit template this build makes.
        root_ = dir_.filePath("root");
        confDir_ = root_ + "/etc/qvblade";
        wants_ = root_ + "/etc/systemd/system/multi-user.target.wants";
        QVERIFY(QDir().mkpath(root_ + "/usr/lib/systemd/system") && QDir().mkpath(root_ + "/etc/systemd/system"));
        QVERIFY(QFile::copy(QStringLiteral(QVBLADE_EXPORT_UNIT), root_ + "/usr/lib/systemd/system/qvblade-export@.service"));
        // The images: the owner's, and root's own that no test user may open.
        const QString images = dir_.filePath("images");
        QVERIFY(QDir().mkpath(images));
        ::chmod(images.toLocal8Bit().constData(), 0755);
        ownImage_ = images + "/own.img";
        secret_ = images + "/secret.img";
        for (const QString& p : {ownImage_, secret_}) {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.resize(1 << 20));
        }
        ::chown(ownImage_.toLocal8Bit().constData(), owner_.uid(), owner_.gid());
        ::chmod(ownImage_.toLocal8Bit().constData(), 0600);
        ::chmod(secret_.toLocal8Bit().constData(), 0600);

        QVERIFY2(linkTargetAndInitiator(target_, initiator_, error), qPrintable(error));
        socket_ = dir_.filePath("helper.sock");
        QVERIFY2(helper_.start({"--listen", socket_, "--sysctl-dir", dir_.filePath("sysctl.d"), "--boot-root", root_}, target_.name(), error),
                 qPrintable(error));
        for (int i = 0; i < 250 && !QFileInfo::exists(socket_) && !helper_.exited(); ++i) ::usleep(20000);
        QVERIFY2(QFileInfo::exists(socket_), qPrintable("the helper did not start: " + helper_.stderrText()));
    }

    void cleanupTestCase() { helper_.stop(); }

    void enableWritesAConfTheCliReadsAndEnablesTheUnit() {
        const auto replies = as(owner_, {enableRequest("lab_1", ownImage_, ownImage_, "rw",
                                                       {{"bufferCount", 8}, {"durable", true}, {"macs", QJsonArray{"02:00:00:00:00:01"}}})});
        QVERIFY2(replies.size() == 1 && replies[0].value("ok").isObject(), qPrintable(text(replies) + helper_.stderrText()));
        const QJsonObject ok = replies[0].value("ok").toObject();
        const QString conf = confDir_ + "/lab_1.conf";
        QCOMPARE(ok.value("config").toString(), conf);
        QCOMPARE(ok.value("unit").toString(), QStringLiteral("qvblade-export@lab_1.service"));
        // The unit's file system is read-only outside its ReadWritePaths: the client is told.
        QVERIFY2(ok.value("warning").toString().contains("read-only"), qPrintable(json(ok)));

        // Root's file, not readable by others (it says where the user's image is).
        struct stat st {};
        QVERIFY(::stat(conf.toLocal8Bit().constData(), &st) == 0);
        QCOMPARE(int(st.st_uid), 0);
        QCOMPARE(int(st.st_mode & 07777), 0600);
        // What qvblade-export@lab_1.service will serve, as qvblade-cli's own parser reads it.
        QString out;
        QCOMPARE(run({QStringLiteral(QVBLADE_CLI_BIN), "--check-config", conf}, &out), 0);
        QCOMPARE(out.trimmed(), QStringLiteral("-b 8 -s -m 02:00:00:00:00:01 91 2 qvt0 ") + ownImage_);
        // Enabled the way systemctl enables (the link), and systemctl agrees.
        QVERIFY(QFileInfo(unitLink("lab_1")).isSymLink());
        QCOMPARE(QFileInfo(unitLink("lab_1")).symLinkTarget(), QStringLiteral("/usr/lib/systemd/system/qvblade-export@.service"));
        QCOMPARE(run({"systemctl", "--root=" + root_, "is-enabled", "qvblade-export@lab_1.service"}, &out), 0);
        QCOMPARE(out.trimmed(), QStringLiteral("enabled"));
        QVERIFY2(helper_.stderrText().contains("lab_1.service enabled"), qPrintable(helper_.stderrText()));

        // The owner sees where the image is; another user only that it exists and whose it is.
        const auto mine = as(owner_, {{{"type", "list-boot-exports"}}});
        QVERIFY2(mine.size() == 1, qPrintable(text(mine)));
        const QJsonObject entry = mine[0].value("ok").toObject().value("bootExports").toArray().at(0).toObject();
        QCOMPARE(entry.value("name").toString(), QStringLiteral("lab_1"));
        QVERIFY(entry.value("enabled").toBool());
        QCOMPARE(entry.value("owner").toString(), owner_.name());
        QCOMPARE(entry.value("exports").toArray().at(0).toObject().value("path").toString(), ownImage_);
        QCOMPARE(entry.value("exports").toArray().at(0).toObject().value("name").toString(), QStringLiteral("e91.2"));
        const auto theirs = as(other_, {{{"type", "list-boot-exports"}}});
        const QJsonObject seen = theirs.value(0).value("ok").toObject().value("bootExports").toArray().at(0).toObject();
        QCOMPARE(seen.value("owner").toString(), owner_.name());
        QVERIFY2(!seen.value("exports").toArray().at(0).toObject().contains("path"), qPrintable(json(seen)));

        // Another user may neither take the name nor (without manage-any-export) disable it.
        QFile other(dir_.filePath("images/other.img"));
        QVERIFY(other.open(QIODevice::WriteOnly) && other.resize(1 << 20));
        other.close();
        ::chown(other.fileName().toLocal8Bit().constData(), other_.uid(), other_.gid());
        const auto taken = as(other_, {enableRequest("lab_1", other.fileName(), other.fileName(), "rw"),
                                       {{"type", "disable-boot-export"}, {"name", "lab_1"}}});
        QVERIFY2(taken.size() == 2 && errorCode(taken[0]) == err::kExists, qPrintable(text(taken)));
        QVERIFY2(errorCode(taken[1]) == err::kNotAuthorized, qPrintable(text(taken)));
        QVERIFY(QFile::exists(conf) && QFileInfo(unitLink("lab_1")).isSymLink());

        // Disabling removes both.
        const auto disabled = as(owner_, {{{"type", "disable-boot-export"}, {"name", "lab_1"}}});
        QVERIFY2(disabled.size() == 1 && disabled[0].value("ok").isObject(), qPrintable(text(disabled)));
        QVERIFY(!QFile::exists(conf));
        QVERIFY(!QFileInfo(unitLink("lab_1")).isSymLink());
        QVERIFY(confFiles().isEmpty());
        const auto again = as(owner_, {{{"type", "disable-boot-export"}, {"name", "lab_1"}}});
        QVERIFY2(errorCode(again.value(0)) == err::kNotFound, qPrintable(text(again)));
    }

    void aFileTheUserCannotOpenIsRefused() {
        // The user cannot open root's 0600 file at all...
        const auto direct = as(owner_, {enableRequest("secret", secret_, secret_, "r", {{"readOnly", true}})});
        QVERIFY2(errorCode(direct.value(0)) == QLatin1String("open"), qPrintable(text(direct)));
        // ...so names it with a descriptor of a file it can open.
        const auto named = as(owner_, {enableRequest("secret", secret_, ownImage_, "r", {{"readOnly", true}})});
        refusedWithoutTrace(named.value(0), err::kBadFd, "is not the name of the file you opened (that is " + ownImage_ + ")", "secret");
        QVERIFY2(helper_.stderrText().contains("secret refused"), qPrintable(helper_.stderrText()));
    }

    void aSymbolicLinkIsRefused() {
        // Opened through a link to the user's own image: the path is not the file's name.
        const QString link = dir_.filePath("images/link.img");
        QVERIFY(QFile::link(ownImage_, link));
        const auto viaLink = as(owner_, {enableRequest("linked", link, link, "rw")});
        refusedWithoutTrace(viaLink.value(0), err::kBadFd, "not through a symbolic link", "linked");

        // Swapped after the user opened the image: the file moved away and a link to root's file
        // put at its name. The descriptor is the moved file; the path would be root's at boot.
        const QString moved = dir_.filePath("images/moved.img");
        QVERIFY(QFile::rename(ownImage_, moved));
        QVERIFY(QFile::link(secret_, ownImage_));
        const auto swapped = as(owner_, {enableRequest("swapped", ownImage_, moved, "rw")});
        refusedWithoutTrace(swapped.value(0), err::kBadFd, "(that is " + moved + ")", "swapped");
        QVERIFY(QFile::remove(ownImage_) && QFile::rename(moved, ownImage_) && QFile::remove(link));
    }

    void aReadOnlyDescriptorDoesNotMakeAWritableExport() {
        const auto replies = as(owner_, {enableRequest("ro", ownImage_, ownImage_, "r")});
        refusedWithoutTrace(replies.value(0), err::kBadFd, "open the image for reading and writing", "ro");
    }

    void badNamesAndPathsAreRefused() {
        QList<QJsonObject> requests;
        const QStringList names{"../evil", "a/b", "", "a.b", "x y", QString(65, 'x'), QStringLiteral("caf\u00e9"), "a\\x2fb"};
        for (const QString& n : names) requests << enableRequest(n, ownImage_, ownImage_, "rw");
        for (const QString& p : {QString("images/own.img"), dir_.path() + "/images/../images/own.img", dir_.path() + "//images/own.img",
                                 dir_.path() + "/images/own.img\n-r 1 1 qvt0 /etc/shadow"})
            requests << enableRequest("plain", p, ownImage_, "rw");
        requests << QJsonObject{{"type", "disable-boot-export"}, {"name", "../qvblade/x"}};
        const auto replies = as(owner_, requests);
        QCOMPARE(replies.size(), requests.size());
        for (const auto& r : replies) QVERIFY2(errorCode(r) == err::kInvalidArgument, qPrintable(json(r)));
        QVERIFY(confFiles().isEmpty());
    }

    void polkitDecides() {
        QFile mine(dir_.filePath("images/denied.img"));
        QVERIFY(mine.open(QIODevice::WriteOnly) && mine.resize(1 << 20));
        mine.close();
        ::chown(mine.fileName().toLocal8Bit().constData(), denied_.uid(), denied_.gid());
        const auto refused = as(denied_, {enableRequest("denied", mine.fileName(), mine.fileName(), "rw")});
        refusedWithoutTrace(refused.value(0), err::kNotAuthorized, "", "denied");
    }
};

QTEST_GUILESS_MAIN(TestBootExports)
#include "tst_boot_exports.moc"
