// SPDX-License-Identifier: GPL-2.0-or-later
// `qvblade --help` and `--version`: the real binary, run without a display (as over ssh), prints
// its options and the helper's environment variables in the user's language and exits 0; an
// unknown option is an error that names it.
#include <QProcess>
#include <QTest>

namespace {
struct Result {
    int exitCode = -1;
    QString out, err;
};

Result runQvblade(const QStringList& args, const QString& language, bool offscreen = false) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display at all: --help and --version must not need one.
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(QLatin1String(name));
    if (offscreen) env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LANGUAGE"), language);
    env.insert(QStringLiteral("LC_ALL"), language == QLatin1String("de") ? QStringLiteral("de_DE.UTF-8") : QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANG"), language == QLatin1String("de") ? QStringLiteral("de_DE.UTF-8") : QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(QVBLADE_GUI_BIN), args);
    Result r;
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromLocal8Bit(p.readAllStandardOutput());
    r.err += QString::fromLocal8Bit(p.readAllStandardError());
    return r;
}
}  // namespace

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void helpListsTheOptionsAndTheEnvironment() {
        const Result r = runQvblade({QStringLiteral("--help")}, QStringLiteral("en"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const char* text : {"Usage:", "-h, --help", "-v, --version", "ATA over Ethernet", "QVBLADE_HELPER_SOCKET",
                                 "/run/qvblade/helper.sock", "QVBLADE_HELPER_COMMAND", "pkexec"})
            QVERIFY2(r.out.contains(QLatin1String(text)), qPrintable(QStringLiteral("no “%1” in:\n%2").arg(QLatin1String(text), r.out)));
        QCOMPARE(runQvblade({QStringLiteral("-h")}, QStringLiteral("en")).out, r.out);
    }

    void helpIsTranslated() {
        const Result r = runQvblade({QStringLiteral("--help")}, QStringLiteral("de"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Umgebung:")), qPrintable(r.out));                         // ours
        QVERIFY2(r.out.contains(QStringLiteral("der Socket eines laufenden Helfers")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Optionen:")), qPrintable(r.out));                         // Qt's
    }

    void versionPrintsTheVersion() {
        const Result r = runQvblade({QStringLiteral("--version")}, QStringLiteral("en"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.trimmed(), QStringLiteral("qvblade " QVBLADE_VERSION));
        QCOMPARE(runQvblade({QStringLiteral("-v")}, QStringLiteral("en")).out, r.out);
    }

    void anUnknownOptionIsAnError() {
        // The GUI's own start (offscreen here) refuses it before any window or helper.
        const Result r = runQvblade({QStringLiteral("--frobnicate")}, QStringLiteral("en"), true);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("frobnicate")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
