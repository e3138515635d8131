// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade-helper: the only part of qvblade that runs as root. It owns the raw sockets and the
// AoE engine and serves unprivileged clients (the GUI) over a local socket; see
// docs/protocol.md. Two ways in:
//   pkexec qvblade-helper --stdio [--serve-socket]   the client's socketpair end is stdin
//   qvblade-helper --listen PATH                      service mode (systemd), polkit per request
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>
#include <linux/capability.h>

#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "privhelper/boot_exports.h"
#include "privhelper/file_credentials.h"
#include "privhelper/privileges.h"
#include "privhelper/protocol/protocol.h"
#include "privhelper/server.h"
#include "privhelper/service_manager.h"
#include "privhelper/sysctl_conf.h"

using namespace qvblade::helper;

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char c = 's';
    [[maybe_unused]] ssize_t r = ::write(signalPipe[1], &c, 1);
}

void usage(FILE* to) {
    std::fprintf(to,
                 "usage: qvblade-helper --stdio [--serve-socket]\n"
                 "       qvblade-helper [--stdio] --listen [PATH]     (not through pkexec)\n"
                 "  --stdio         serve the client on standard input (a UNIX socket; what pkexec uses)\n"
                 "  --serve-socket  with --stdio: also accept clients on %s, so a later\n"
                 "                  GUI finds the exports that outlive this client\n"
                 "  --listen PATH   service mode: accept clients on PATH (default %s);\n"
                 "                  polkit authorises each privileged request\n"
                 "  --sysctl-dir DIR  (tests) the directory persist-rmem writes %s into, not %s;\n"
                 "                  refused through pkexec or setuid\n"
                 "  --boot-root DIR  (tests) DIR stands for / in Start at boot: DIR%s/NAME.conf,\n"
                 "                  systemctl --root=DIR; refused through pkexec or setuid\n"
                 "  --max-exports-per-user N  exports one non-root user may run (default 64)\n"
                 "  --max-clients-per-user N  connections one non-root user may hold (default 16)\n"
                 "  --journal-socket PATH     (tests) the journal's native socket, not %s\n"
                 "                  (these three: not through pkexec or setuid)\n"
                 "Not for use by hand: qvblade's GUI starts it.\n",
                 kDefaultSocketPath, kDefaultSocketPath, kSysctlConfName, kSysctlConfDir, kBootConfDir, AuditLog::kJournalSocket);
}

int die(const QString& message) {
    std::fprintf(stderr, "qvblade-helper: %s\n", qPrintable(message));
    return 1;
}

}  // namespace

#if defined(__SANITIZE_ADDRESS__)
// Sanitizer builds only: LeakSanitizer stops the threads with ptrace at exit, which the kernel
// refuses here (the saved uid is nobody, file_credentials.h, and no CAP_SYS_PTRACE is kept), so
// it would end every run with a fatal error. AddressSanitizer's other checks stay on.
extern "C" const char* __asan_default_options() { return "detect_leaks=0"; }
#endif

int main(int argc, char** argv) {
    // pkexec sets PKEXEC_UID itself (it clears the caller's environment), so under pkexec it
    // names the user who authenticated; the arguments then come from that user and are trusted
    // no further than the fixed forms below.
    const char* pkexecUid = std::getenv("PKEXEC_UID");
    bool stdio = false, serveSocket = false;
    QString listenPath, sysctlDir, journalSocket, bootRoot;
    int maxExports = 0, maxClients = 0;   // 0: the defaults (ServerOptions)
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == QLatin1String("--stdio")) stdio = true;
        else if (a == QLatin1String("--serve-socket")) serveSocket = true;
        else if (a == QLatin1String("--listen")) {
            listenPath = QString::fromLatin1(kDefaultSocketPath);
            if (i + 1 < argc && argv[i + 1][0] != '-') listenPath = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--sysctl-dir") && i + 1 < argc) {
            sysctlDir = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--boot-root") && i + 1 < argc) {
            bootRoot = QString::fromLocal8Bit(argv[++i]);
        } else if (a == QLatin1String("--journal-socket") && i + 1 < argc) {
            journalSocket = QString::fromLocal8Bit(argv[++i]);
        } else if ((a == QLatin1String("--max-exports-per-user") || a == QLatin1String("--max-clients-per-user")) && i + 1 < argc) {
            bool ok = false;
            const int n = QString::fromLocal8Bit(argv[++i]).toInt(&ok);
            if (!ok || n < 1 || n > 100000) return die(QStringLiteral("%1 needs a number from 1 to 100000").arg(a));
            (a == QLatin1String("--max-exports-per-user") ? maxExports : maxClients) = n;
        } else if (a == QLatin1String("--help")) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return die(QStringLiteral("unknown argument %1").arg(a));
        }
    }
    if (!stdio && listenPath.isEmpty()) {
        usage(stderr);
        return die(QStringLiteral("give --stdio or --listen"));
    }
    if (serveSocket && (!stdio || !listenPath.isEmpty())) return die(QStringLiteral("--serve-socket goes with --stdio, without --listen"));
    if (pkexecUid && !listenPath.isEmpty()) return die(QStringLiteral("--listen is not available through pkexec"));
    if (serveSocket) listenPath = QString::fromLatin1(kDefaultSocketPath);
    // The user behind pkexec (or a setuid bit) must not pick the directory root writes into.
    if (!sysctlDir.isEmpty() && (pkexecUid || ::getuid() != ::geteuid()))
        return die(QStringLiteral("--sysctl-dir is not available through pkexec or setuid"));
    if (!sysctlDir.isEmpty() && !QDir::isAbsolutePath(sysctlDir)) return die(QStringLiteral("--sysctl-dir needs an absolute path"));
    if (!bootRoot.isEmpty() && (pkexecUid || ::getuid() != ::geteuid()))
        return die(QStringLiteral("--boot-root is not available through pkexec or setuid"));
    if (!bootRoot.isEmpty() && (!QDir::isAbsolutePath(bootRoot) || QDir::cleanPath(bootRoot) == QLatin1String("/")))
        return die(QStringLiteral("--boot-root needs an absolute path other than /"));
    // Limits and the journal are root's to set, not the user's behind pkexec.
    if ((maxExports || maxClients || !journalSocket.isEmpty()) && (pkexecUid || ::getuid() != ::geteuid()))
        return die(QStringLiteral("--max-exports-per-user, --max-clients-per-user and --journal-socket are not available through pkexec or setuid"));

    // Run by systemd as the service (root's choice of arguments and environment, never through
    // pkexec or a setuid bit): exports go into its descriptor store, and the ones it hands back
    // at start are exported again, so a crash of this process does not end them.
    const bool service = !listenPath.isEmpty() && !serveSocket && !pkexecUid && ::getuid() == ::geteuid();
    std::vector<PassedFd> passed;
    if (service) passed = takePassedDescriptors();

    ServerOptions options;
    options.pkexec = pkexecUid != nullptr;
    options.fdStore = service && serviceManagerListening();
    if (!sysctlDir.isEmpty()) options.sysctlDir = QDir::cleanPath(sysctlDir);
    if (!bootRoot.isEmpty()) options.bootRoot = QDir::cleanPath(bootRoot);
    if (!journalSocket.isEmpty()) options.journalSocket = journalSocket;
    if (maxExports) options.maxExportsPerUid = maxExports;
    if (maxClients) options.maxClientsPerUid = maxClients;
    // Every export holds descriptors: use all the hard limit allows (the soft one is often 1024).
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    if (pkexecUid) {
        char* end = nullptr;
        const unsigned long uid = std::strtoul(pkexecUid, &end, 10);
        if (!*pkexecUid || *end) return die(QStringLiteral("PKEXEC_UID is not a number"));
        options.ownerUid = uid_t(uid);
    }

    // Before any thread exists (Qt's, the engine's, D-Bus's): capabilities and the file-system
    // identity are per thread on Linux, and threads inherit them from the one that creates them.
    // From here on: raw packet sockets only, and files touched as nobody (file_credentials.h).
    // Files come as descriptors from clients; writing the rmem sysctls needs no capability as
    // uid 0 owns them, and the socket directory and /etc/sysctl.d are written as root in
    // a RootFileAccess scope.
    QString error;
    if (!adoptUnprivilegedFileIdentity(error)) return die(QStringLiteral("cannot change the file-system identity: %1").arg(error));
    if (!dropCapabilities({CAP_NET_RAW}, error)) return die(QStringLiteral("cannot drop capabilities: %1").arg(error));

    // The stdio socket moves away from 0 and 1, which then point to /dev/null: nothing else
    // (a library printing to stdout) can write into the protocol stream.
    int stdioFd = -1;
    if (stdio) {
        stdioFd = ::fcntl(0, F_DUPFD_CLOEXEC, 3);
        const int devnull = ::open("/dev/null", O_RDWR);
        if (stdioFd < 0 || devnull < 0) return die(QStringLiteral("cannot set up standard input"));
        ::dup2(devnull, 0);
        ::dup2(devnull, 1);
        if (devnull > 2) ::close(devnull);
    }

    QCoreApplication app(argc, argv);
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) < 0) return die(QStringLiteral("pipe failed"));
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, nullptr);

    Server server(options);
    QObject::connect(&server, &Server::finished, &app, [] { QCoreApplication::quit(); });
    QSocketNotifier signalNotifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });

    if (stdio && !server.serveStdio(stdioFd, error)) return die(error);
    if (!listenPath.isEmpty() && !server.listen(listenPath, error)) {
        // A second pkexec helper while one already serves the socket still serves its client.
        if (!serveSocket) return die(error);
        std::fprintf(stderr, "qvblade-helper: not serving the socket: %s\n", qPrintable(error));
    }
    if (!passed.empty()) server.restoreStoredExports(std::move(passed));
    if (options.fdStore) {
        // Type=notify: systemd counts the service as started once the socket accepts clients.
        std::string why;
        if (!notifyServiceManager("READY=1", {}, why)) std::fprintf(stderr, "qvblade-helper: %s\n", why.c_str());
    }


    const int rc = app.exec();
    server.shutdown();
    return rc;
}
