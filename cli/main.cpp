// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade-cli: a drop-in for vblade's command line, plus --config for many exports in one
// process and --daemon for what the vbladed script did.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cli/daemonize.h"
#include "cli/log.h"
#include "core/address_probe.h"
#include "core/engine.h"
#include "core/export_args.h"
#ifdef QVBLADE_HAVE_RBD
#include "core/rbd/rbd_store.h"
#endif

using namespace qvblade;
using cli::Level;
using cli::logMessage;

namespace {

constexpr const char* kVersion = "qvblade-cli 0.1.0 (AoE target, vblade 25 compatible)";

Engine* theEngine = nullptr;
std::atomic<bool> reportRequested{false};

void onStopSignal(int) {
    if (theEngine) theEngine->requestStop();
}

void onReportSignal(int) {
    reportRequested.store(true);
    if (theEngine) theEngine->wake();
}

void printUsage(FILE* to) {
    std::fprintf(to,
                 "usage: qvblade-cli %s\n"
                 "       qvblade-cli --config FILE\n"
                 "       qvblade-cli --check-config FILE\n"
                 "options:\n"
                 "  -b bufcnt     buffers advertised to initiators (default 16, at least 2)\n"
                 "  -o offset     first exported sector of the file\n"
                 "  -l length     number of sectors to export\n"
                 "  -d            O_DIRECT: bypass the page cache\n"
                 "  -s            safe writes: every write is on stable storage before it is acknowledged\n"
                 "  -r            read-only export\n"
                 "  -m mac,...    only these initiators may see the export\n"
                 "  --allow-shared-address  serve although another target answers for shelf.slot (only\n"
                 "                for several targets in front of the same shared storage)\n"
                 "  netif may list several interfaces separated by commas.\n"
                 "  filename may be a Ceph RBD image, rbd:POOL/IMAGE or rbd:POOL/IMAGE@SNAPSHOT (read-only, -r):\n"
                 "  --ceph-conf FILE  the cluster's configuration (default: librados' search, /etc/ceph/ceph.conf)\n"
                 "  --ceph-id NAME    Ceph user, without \"client.\" (default admin)\n"
                 "  --keyring FILE    its key (default: what the configuration names)\n"
                 "  --ceph-osd-timeout S  fail an I/O after S seconds without an OSD (default 0: wait, the\n"
                 "                initiator retransmits); the image's options go with its export\n"
                 "  --config FILE serve every export listed in FILE (one per line, the arguments above)\n"
                 "  --check-config FILE  parse FILE, print each export's line as it was understood, exit\n"
                 "                (0: every line is valid; nothing is opened or served)\n"
                 "  --daemon      detach, log to syslog (what vbladed did)\n"
                 "  --pidfile F   write the daemon's pid to F\n"
                 "  --null        answer reads and writes without touching the file (benchmark ceiling)\n"
                 "  --busy-poll US  after serving, poll this many microseconds before sleeping (default 200, 0: never)\n"
                 "  --no-map      read with pread only, never send cached data from a mapping of the image\n"
                 "  --help, --version\n"
                 "SIGUSR1 prints the counters; SIGINT/SIGTERM stop after in-flight writes are flushed.\n",
                 kExportUsage);
}

struct Invocation {
    std::vector<ExportSettings> exports;
    bool daemon = false;
    bool nullStore = false;
    bool mapReads = EngineOptions{}.mapReads;
    unsigned busyPollMicros = EngineOptions{}.busyPollMicros;
    std::string pidFile;
    bool checkOnly = false;   // --check-config: parse, print, exit
};

// Returns 0 to go on, or an exit code (help/version print and exit 0; errors exit 1).
int parseCommandLine(int argc, char** argv, Invocation& inv) {
    std::vector<std::string> exportArgs;
    std::string configFile;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](const char* opt) -> std::optional<std::string> {
            if (i + 1 >= argc) {
                logMessage(Level::Error, std::string(opt) + " needs a value");
                return std::nullopt;
            }
            return std::string(argv[++i]);
        };
        if (a == "--help" || a == "-h") { printUsage(stdout); return -1; }
        if (a == "--version") { std::printf("%s\n", kVersion); return -1; }
        if (a == "--daemon") { inv.daemon = true; continue; }
        if (a == "--null") { inv.nullStore = true; continue; }
        if (a == "--no-map") { inv.mapReads = false; continue; }
        if (a == "--config") { auto v = value("--config"); if (!v) return 1; configFile = *v; continue; }
        if (a == "--check-config") { auto v = value("--check-config"); if (!v) return 1; configFile = *v; inv.checkOnly = true; continue; }
        if (a == "--pidfile") { auto v = value("--pidfile"); if (!v) return 1; inv.pidFile = *v; continue; }
        if (a == "--busy-poll") {
            auto v = value("--busy-poll");
            if (!v) return 1;
            const auto us = parseUnsigned(*v, 10);
            if (!us || *us > 100000) {
                logMessage(Level::Error, "--busy-poll: '" + *v + "' is not a number of microseconds from 0 to 100000");
                return 1;
            }
            inv.busyPollMicros = unsigned(*us);
            continue;
        }
        if (a == kAllowSharedAddress) { exportArgs.push_back(a); continue; }   // an export's own option
        if (isExportValueOption(a)) {   // also an export's own, with its value
            exportArgs.push_back(a);
            if (a.find('=') == std::string::npos && i + 1 < argc) exportArgs.push_back(argv[++i]);
            continue;
        }
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            logMessage(Level::Error, "unknown option " + a + " (see --help)");
            return 1;
        }
        exportArgs.push_back(a);
    }
    std::string error;
    if (!configFile.empty()) {
        if (!exportArgs.empty()) {
            logMessage(Level::Error, "give either --config FILE or one export's arguments, not both");
            return 1;
        }
        std::ifstream in(configFile);
        if (!in) {
            logMessage(Level::Error, configFile + ": " + std::strerror(errno));
            return 1;
        }
        std::stringstream text;
        text << in.rdbuf();
        auto list = parseExportConfig(text.str(), error);
        if (!list) {
            logMessage(Level::Error, configFile + ": " + error);
            return 1;
        }
        inv.exports = std::move(*list);
        return 0;
    }
    auto one = parseExportArgs(exportArgs, error);
    if (!one) {
        // One line, as every other start-up error: the usage is one --help away.
        logMessage(Level::Error, error + " (see --help)");
        return 1;
    }
    inv.exports.push_back(std::move(*one));
    return 0;
}

std::string startupLine(const ExportTarget& t) {
    return "pid " + std::to_string(::getpid()) + ": " + t.name() + ", " + std::to_string(t.store().sectors()) +
           " sectors " + (t.store().options().readOnly ? "O_RDONLY" : "O_RDWR");
}

void reportCounters(const Engine& engine) {
    for (const auto& e : engine.exports())
        logMessage(Level::Info, e->name() + ": " + formatCounters(e->counters()));
    for (const auto& p : engine.ports())
        logMessage(Level::Info, p.interface + ": " + formatCounters(*p.counters));
}

void installSignals() {
    struct sigaction sa {};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sa.sa_handler = onReportSignal;
    sigaction(SIGUSR1, &sa, nullptr);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
}

int fail(bool daemon, const std::string& message) {
    if (daemon) cli::daemonFailed("qvblade-cli: " + message + "\n");
    logMessage(Level::Error, message);
    return 1;
}

// Asks the wire who else answers for each address before serving any (one probe for all of
// them); an empty string when every export may serve, else the refusal. A shared export asks
// the others which storage they serve, so its store is open by now (stores[i] is exports[i]'s).
std::string checkAddressesFree(const std::vector<ExportSettings>& exports,
                               const std::vector<std::unique_ptr<BackingStore>>& stores) {
    std::vector<AddressProbeRequest> requests;
    for (size_t i = 0; i < exports.size(); ++i) {
        const ExportSettings& s = exports[i];
        // A shared export of a store without an identity accepts whoever answers: no need to ask.
        if (s.allowSharedAddress && stores[i]->storageId().empty()) continue;
        requests.push_back({s.shelf, s.slot, s.interfaces, s.allowSharedAddress});
    }
    if (requests.empty()) return {};
    std::string error;
    auto peers = probeAddresses(requests, error);
    if (!peers) return error;
    for (size_t i = 0; i < exports.size(); ++i) {
        const ExportSettings& s = exports[i];
        std::string refusal = addressRefusal(s.shelf, s.slot, s.allowSharedAddress, stores[i]->storageId(), *peers,
                                             kAllowSharedAddress);
        if (!refusal.empty()) return refusal;
    }
    return {};
}

// Another target answering as one of ours, seen while serving: once per peer.
void reportConflict(const ExportTarget& t, const std::string& interface, const aoe::MacAddress& peer) {
    if (t.settings().allowSharedAddress)
        logMessage(Level::Info, t.name() + " is also answered by " + peer.toString() + " on " + interface +
                                    " (shared address allowed)");
    else
        logMessage(Level::Warning, "another device answers as " + t.name() + ": " + peer.toString() + " on " +
                                       interface + "; initiators will mix the two disks' data: stop one of them");
}

// The export's file or block device, or its RBD image.
std::unique_ptr<BackingStore> openStore(const ExportSettings& s, std::string& error) {
    if (!isRbdPath(s.path)) return BackingStore::open(s.path, s.store, error);
    auto spec = parseRbdPath(s.path, error);
    if (!spec) return nullptr;
#ifdef QVBLADE_HAVE_RBD
    return openRbdStore({.spec = *spec, .ceph = s.ceph, .store = s.store, .shared = s.allowSharedAddress,
                         .depth = unsigned(s.bufferCount) + 1u},
                        error);
#else
    error = s.path + ": this qvblade-cli was built without Ceph RBD support";
    return nullptr;
#endif
}

}  // namespace

int main(int argc, char** argv) {
    Invocation inv;
    if (int rc = parseCommandLine(argc, argv, inv)) return rc < 0 ? 0 : rc;
    if (inv.checkOnly) {
        // What the file means, in the form formatExportArgs gives: a reader (or a test) sees
        // every option as parsed, without any image opened or frame sent.
        for (const ExportSettings& s : inv.exports) std::printf("%s\n", formatExportArgs(s).c_str());
        return 0;
    }

    if (inv.daemon) {
        if (!cli::daemonize()) {
            logMessage(Level::Error, std::string("cannot start the daemon: ") + std::strerror(errno));
            return 1;
        }
        cli::logToSyslog("qvblade-cli");
    }
    installSignals();

    Engine engine(EngineOptions{.asyncIo = true, .nullStore = inv.nullStore, .mapReads = inv.mapReads, .busyPollMicros = inv.busyPollMicros});
    std::vector<std::unique_ptr<BackingStore>> stores;
    for (const ExportSettings& s : inv.exports) {
        std::string error;
        stores.push_back(openStore(s, error));
        if (!stores.back()) return fail(inv.daemon, error);
    }
    if (std::string taken = checkAddressesFree(inv.exports, stores); !taken.empty()) return fail(inv.daemon, taken);
    engine.setConflictObserver(reportConflict);
    std::string startup;
    for (size_t i = 0; i < inv.exports.size(); ++i) {
        std::string error;
        auto target = engine.addExport(std::move(inv.exports[i]), std::move(stores[i]), error);
        if (!target) return fail(inv.daemon, error);
        startup += startupLine(*target) + "\n";
    }
    if (!inv.pidFile.empty()) {
        std::string error;
        if (!cli::writePidFile(inv.pidFile, error)) return fail(inv.daemon, error);
    }
    std::string warnings;
    for (const auto& e : engine.exports())
        if (!e->store().warning().empty()) warnings += e->store().warning() + "\n";
    for (const auto& p : engine.ports())
        if (!p.rmem.sufficient()) warnings += p.rmem.warning() + "\n";

    if (inv.daemon) {
        cli::daemonReady(startup + warnings);
        for (const auto& e : engine.exports()) cli::logStartup(startupLine(*e));
        if (!warnings.empty()) logMessage(Level::Warning, warnings);
    } else {
        std::fputs(startup.c_str(), stdout);
        std::fflush(stdout);
        if (!warnings.empty()) std::fputs(warnings.c_str(), stderr);
    }

    theEngine = &engine;
    engine.setWakeHook([&engine] {
        if (reportRequested.exchange(false)) reportCounters(engine);
    });
    const bool flushed = engine.run();
    theEngine = nullptr;
    if (!flushed) {
        logMessage(Level::Error, "flushing the exported files failed: data may not be on stable storage");
        return 1;
    }
    return 0;
}
