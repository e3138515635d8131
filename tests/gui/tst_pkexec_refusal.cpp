// SPDX-License-Identifier: GPL-2.0-or-later
// The GUI's "not authorised" and "helper died" states through the real chain, not simulated
// exit codes: a real non-root user runs the real MainWindow and HelperBackend
// (user_gui); the backend starts the helper with the real pkexec, which asks the real
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
#include "tests/gui/user_gui.h"

using namespace qvblade::test;

namespace {

QString rulesSaying(const char* result, const QString& user) { return rulesAnswering("tst_pkexec_refusal", user, result); }

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
    UserGui gui_;
    QSet<qint64> helperPids_;
    QString log_;
    qint64 helperPid_ = 0;

    QString guiOutput() { return gui_.running() ? gui_->errors() + "\nhelper log:\n" + readAll(log_) : QString(); }

    QJsonObject nextState(const char* state, int timeoutMs = 30000) {
        const QJsonObject o = gui_->next([state](const QJsonObject& l) { return isState(l, state) || l.value("event") == "error"; },
                                         timeoutMs);
        if (isState(o, state) && o.value("helperPid").toInteger() > 0) helperPids_ << o.value("helperPid").toInteger();
        return o;
    }
    void command(const char* line) { gui_.command(line); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(::geteuid() == 0, "tst_pkexec_refusal needs root: it creates a user, polkit rules and runs polkitd");
        const QString missing = missingPolkitTools();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        // pkexec runs a program only when a policy's exec.path names it: the installed policy
        // must name the helper this test runs.
        QVERIFY2(readAll(QStringLiteral(QVBLADE_TEST_POLICY)).contains(">" QVBLADE_HELPER_BIN "<"),
                 "the test policy's org.freedesktop.policykit.exec.path is not " QVBLADE_HELPER_BIN);

        QString error;
        QVERIFY2(user_.create(error), qPrintable(error));
        QVERIFY2(polkit_.setUp(QStringLiteral(QVBLADE_TEST_POLICY), rulesSaying("NO", user_.name()), error), qPrintable(error));
        QVERIFY2(polkit_.waitForRules(user_, qvblade::helper::action::kManageExports, error, false), qPrintable(error));

        // The GUI runs from a copy in a directory the user can traverse, with a home of its own.
        log_ = dir_.filePath("home/helper.log");
        QVERIFY2(gui_.start(user_, dir_, QStringLiteral(QVBLADE_USER_GUI), {QStringLiteral(QVBLADE_HELPER_BIN), log_}, error),
                 qPrintable(error));
    }

    void cleanupTestCase() {
        QString errors;
        gui_.quit(errors, 10000);
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
        QVERIFY(gui_.running());
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
        QString errors;
        QVERIFY2(gui_.quit(errors), qPrintable(errors));
        // A helper with no exports ends with its client.
        QTRY_VERIFY_WITH_TIMEOUT(!isRootHelper(helperPid_), 10000);
    }
};

QTEST_GUILESS_MAIN(TestPkexecRefusal)
#include "tst_pkexec_refusal.moc"
