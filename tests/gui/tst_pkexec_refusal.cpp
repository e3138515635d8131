// SPDX-License-Identifier: GPL-2.0-or-later
// The GUI's "not authorised" and "helper died" states through the real chain, not simulated
// exit codes: a real non-root user runs the real MainWindow and HelperBackend
// (pkexec_refusal_gui); the backend starts the helper with the real pkexec, which asks the real
// polkitd on the real system bus, whose rules file in /etc/polkit-1/rules.d says no for that
// user. The window must say so and offer to try again; the rules then say yes, and "Try again"
// brings up the real helper, as root, answering requests. Then the helper is killed: the
// window says so, and "Restart helper" starts a new one through pkexec.
//
// This test (root) sets up and removes the user, the policy, the rules and any bus or polkitd it
// started (tests/privhelper/polkit_env.h, whose lock keeps it apart from tst_polkit).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "privhelper/protocol/protocol.h"
#include "tests/privhelper/polkit_env.h"

using namespace qvblade::test;

namespace {

QString rulesSaying(const char* result, const QString& user) {
    return QStringLiteral(
               "// qvblade test rules (tst_pkexec_refusal, removed when it ends)\n"
               "polkit.addRule(function(action, subject) {\n"
               "  if (action.id.indexOf(\"org.qvblade.\") === 0 && subject.user === \"%1\") return polkit.Result.%2;\n"
               "  return polkit.Result.NOT_HANDLED;\n"
               "});\n")
        .arg(user, QLatin1String(result));
}

bool isState(const QJsonObject& o, const char* state) {
    return o.value("event").toString() == "state" && o.value("state").toString() == QLatin1String(state);
}
auto isEvent(const char* name) {
    return [name](const QJsonObject& o) { return o.value("event").toString() == QLatin1String(name); };
}

QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QStringLiteral("(cannot read %1)").arg(path);
}

// The process `pid` is the helper from the build tree, running as root.
bool isRootHelper(qint64 pid) {
    if (pid <= 0) return false;
    const QString proc = QStringLiteral("/proc/%1").arg(pid);
    if (QFileInfo(proc + "/exe").canonicalFilePath() != QFileInfo(QStringLiteral(QVBLADE_HELPER_BIN)).canonicalFilePath())
        return false;
    struct stat st {};
    return ::stat(proc.toLocal8Bit().constData(), &st) == 0 && st.st_uid == 0;
}

}  // namespace

class TestPkexecRefusal : public QObject {
    Q_OBJECT

    // Destroyed in reverse: the GUI first (userdel refuses a user with processes), the user last.
    TestUser user_{"qvbui"};
    PolkitEnvironment polkit_;
    QTemporaryDir dir_;
    std::unique_ptr<ClientRun> gui_;
    QSet<qint64> helperPids_;
    QString log_;
    qint64 helperPid_ = 0;

    QString guiOutput() { return gui_ ? gui_->errors() + "\nhelper log:\n" + readAll(log_) : QString(); }

    QJsonObject nextState(const char* state, int timeoutMs = 30000) {
        const QJsonObject o = gui_->next([state](const QJsonObject& l) { return isState(l, state) || l.value("event") == "error"; },
                                         timeoutMs);
        if (isState(o, state) && o.value("helperPid").toInteger() > 0) helperPids_ << o.value("helperPid").toInteger();
        return o;
    }
    void command(const char* line) { gui_->process().write(QByteArray(line) + '\n'); }

    // The sanitizers' options for the GUI process: a suppressions file is copied where the user
    // can read it; a log_path is dropped (its standard error comes back to this test).
    QProcessEnvironment sanitizerEnvironment() {
        QProcessEnvironment env;
        for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"}) {
            if (!qEnvironmentVariableIsSet(name)) continue;
            QStringList kept;
            for (const QString& option : qEnvironmentVariable(name).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
                if (option.startsWith("log_path=")) continue;
                if (option.startsWith("suppressions=")) {
                    const QString copy = dir_.filePath(QLatin1String(name) + ".supp");
                    QFile::remove(copy);
                    if (!QFile::copy(option.mid(13), copy)) continue;
                    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
                    kept << "suppressions=" + copy;
                    continue;
                }
                kept << option;
            }
            env.insert(QLatin1String(name), kept.join(QLatin1Char(':')));
        }
        return env;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "tst_pkexec_refusal needs root: it creates a user, polkit rules and runs polkitd");
        for (const char* tool : {"/usr/bin/pkexec", "/usr/bin/pkcheck", "/usr/lib/polkit-1/polkitd"})
            QVERIFY2(QFileInfo(QLatin1String(tool)).isExecutable(),
                     qPrintable(QStringLiteral("%1 is missing (apt-get install pkexec polkitd)").arg(tool)));
        for (const char* tool : {"dbus-daemon", "dbus-send", "useradd", "userdel"})
            QVERIFY2(!QStandardPaths::findExecutable(QLatin1String(tool), {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}).isEmpty(),
                     qPrintable(QStringLiteral("%1 is missing (apt-get install dbus passwd)").arg(tool)));
        // pkexec runs a program only when a policy's exec.path names it: the installed policy
        // must name the helper this test runs.
        QVERIFY2(readAll(QStringLiteral(QVBLADE_TEST_POLICY)).contains(">" QVBLADE_HELPER_BIN "<"),
                 "the test policy's org.freedesktop.policykit.exec.path is not " QVBLADE_HELPER_BIN);

        QString error;
        QVERIFY2(user_.create(error), qPrintable(error));
        QVERIFY2(polkit_.setUp(QStringLiteral(QVBLADE_TEST_POLICY), rulesSaying("NO", user_.name()), error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(user_, qvblade::helper::action::kManageExports, error, false), qPrintable(error));

        // The GUI runs from a copy in a directory the user can traverse, with a home of its own.
        QVERIFY(QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                                       | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        const QString gui = dir_.filePath("pkexec_refusal_gui");
        QVERIFY(QFile::copy(QStringLiteral(QVBLADE_REFUSAL_GUI), gui));
        QVERIFY(::chmod(gui.toLocal8Bit().constData(), 0755) == 0);
        const QString home = dir_.filePath("home"), runtime = dir_.filePath("runtime");
        for (const QString& d : {home, runtime}) {
            QVERIFY(QDir().mkpath(d));
            QVERIFY(::chown(d.toLocal8Bit().constData(), user_.uid(), user_.gid()) == 0);
            QVERIFY(::chmod(d.toLocal8Bit().constData(), 0700) == 0);
        }
        log_ = home + "/helper.log";

        QProcessEnvironment env = sanitizerEnvironment();
        env.insert("HOME", home);
        env.insert("XDG_RUNTIME_DIR", runtime);
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("LANGUAGE", "en");
        env.insert("LC_ALL", "C.UTF-8");
        gui_ = std::make_unique<ClientRun>(user_, gui, QStringList{QStringLiteral(QVBLADE_HELPER_BIN), log_}, QString(), env);
        QVERIFY2(gui_->process().waitForStarted(5000), qPrintable(gui_->process().errorString()));
    }

    void cleanupTestCase() {
        if (gui_) {
            command("quit");
            gui_->finish(10000);
            gui_.reset();
        }
        for (qint64 pid : std::as_const(helperPids_))
            if (isRootHelper(pid)) ::kill(pid_t(pid), SIGKILL);
    }

    void refusedByPolkitTheWindowSaysSoAndOffersToTryAgain() {
        const QJsonObject refused = nextState("Refused");
        QVERIFY2(isState(refused, "Refused"), qPrintable(json(refused) + "\n" + text(gui_->lines(0)) + guiOutput()));
        QVERIFY2(refused.value("detail").toString().startsWith(QStringLiteral("You are not authorised to run the helper.")),
                 qPrintable(json(refused)));
        const QJsonObject banner = refused.value("banner").toObject();
        QVERIFY2(banner.value("visible").toBool(), qPrintable(json(refused)));
        QVERIFY2(banner.value("text").toString().contains("The helper was not authorised, so nothing can be exported.")
                     && banner.value("text").toString().contains("You are not authorised to run the helper."),
                 qPrintable(json(refused)));
        QCOMPARE(banner.value("button").toString(), QStringLiteral("&Try again"));
        QVERIFY(banner.value("buttonVisible").toBool() && banner.value("buttonEnabled").toBool());
        QVERIFY(!refused.value("canExport").toBool());
        // The refusal came from polkit's answer (the rule), not from a missing agent or program.
        QTRY_VERIFY2_WITH_TIMEOUT(readAll(log_).contains("Not authorized"), qPrintable(readAll(log_)), 5000);
        // Nothing ran as root.
        for (qint64 pid : std::as_const(helperPids_)) QVERIFY(!isRootHelper(pid));
    }

    void allowedTryAgainConnectsToTheRealHelper() {
        QVERIFY(gui_);
        QString error;
        QVERIFY2(polkit_.replaceRules(rulesSaying("YES", user_.name()), error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(user_, qvblade::helper::action::kManageExports, error), qPrintable(error));

        command("retry");
        QVERIFY(isState(nextState("Authorising"), "Authorising"));
        const QJsonObject running = nextState("Running");
        QVERIFY2(isState(running, "Running"), qPrintable(text(gui_->lines(0)) + guiOutput()));
        QVERIFY(!running.value("banner").toObject().value("visible").toBool());
        QVERIFY(running.value("canExport").toBool());
        helperPid_ = running.value("helperPid").toInteger();
        QVERIFY2(isRootHelper(helperPid_), qPrintable(QStringLiteral("pid %1 is not %2 running as root").arg(helperPid_).arg(QVBLADE_HELPER_BIN)));

        // It answers: the export list, the pushed counters, and a privileged request (granted
        // through pkexec's authorisation) that reaches the engine.
        // (The first counters event may come before or after the list.)
        QJsonObject exports, counters;
        for (int i = 0; i < 2; ++i) {
            const QJsonObject o = gui_->next([](const QJsonObject& l) { return isEvent("exports")(l) || isEvent("counters")(l); });
            (isEvent("exports")(o) ? exports : counters) = o;
        }
        QVERIFY2(!exports.isEmpty() && exports.value("count") == 0, qPrintable(json(exports) + guiOutput()));
        QVERIFY2(!counters.isEmpty(), qPrintable(guiOutput()));
        command("probe");
        const QJsonObject probe = gui_->next(isEvent("request"));
        QVERIFY2(probe.value("ok") == false && probe.value("error").toString() == "e77.7 is not exported", qPrintable(json(probe)));
    }

    void aKilledHelperIsReportedAndRestarted() {
        QVERIFY(isRootHelper(helperPid_));
        QCOMPARE(::kill(pid_t(helperPid_), SIGKILL), 0);
        const QJsonObject died = nextState("Died");
        QVERIFY2(isState(died, "Died"), qPrintable(text(gui_->lines(0)) + guiOutput()));
        QVERIFY2(died.value("detail").toString().startsWith("It crashed."), qPrintable(json(died)));
        const QJsonObject banner = died.value("banner").toObject();
        QVERIFY2(banner.value("visible").toBool()
                     && banner.value("text").toString().contains("The helper stopped unexpectedly; its exports are no longer served."),
                 qPrintable(json(died)));
        QCOMPARE(banner.value("button").toString(), QStringLiteral("&Restart helper"));
        QVERIFY(banner.value("buttonVisible").toBool() && banner.value("buttonEnabled").toBool());
        QVERIFY(!died.value("canExport").toBool());

        command("retry");
        QVERIFY(isState(nextState("Authorising"), "Authorising"));   // through pkexec again
        const QJsonObject running = nextState("Running");
        QVERIFY2(isState(running, "Running"), qPrintable(text(gui_->lines(0)) + guiOutput()));
        const qint64 pid = running.value("helperPid").toInteger();
        QVERIFY(pid != helperPid_);
        QVERIFY(isRootHelper(pid));
        QVERIFY(!running.value("banner").toObject().value("visible").toBool());
        QVERIFY2(!gui_->next(isEvent("counters")).isEmpty(), qPrintable(guiOutput()));
        helperPid_ = pid;
    }

    void quittingEndsTheGuiAndItsHelper() {
        command("quit");
        QVERIFY(gui_->finish(20000));
        const QString errors = gui_->errors();
        QVERIFY2(gui_->process().exitStatus() == QProcess::NormalExit && gui_->process().exitCode() == 0, qPrintable(errors));
        gui_.reset();
        // A helper with no exports ends with its client.
        QTRY_VERIFY_WITH_TIMEOUT(!isRootHelper(helperPid_), 10000);
    }
};

QTEST_GUILESS_MAIN(TestPkexecRefusal)
#include "tst_pkexec_refusal.moc"
