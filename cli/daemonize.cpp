// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli/daemonize.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace qvblade::cli {

namespace {
int statusPipe = -1;
std::string pidFilePath;

void removePidFile() {
    if (!pidFilePath.empty()) ::unlink(pidFilePath.c_str());
}

void report(char status, const std::string& message) {
    if (statusPipe < 0) return;
    std::string msg = status + message;
    [[maybe_unused]] ssize_t r = ::write(statusPipe, msg.data(), msg.size());
    ::close(statusPipe);
    statusPipe = -1;
}
}  // namespace

bool daemonize() {
    int p[2];
    if (::pipe(p) < 0) return false;
    const pid_t child = ::fork();
    if (child < 0) return false;
    if (child > 0) {
        ::close(p[1]);
        std::string msg;
        char buf[512];
        ssize_t n;
        while ((n = ::read(p[0], buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
            if (n > 0) msg.append(buf, size_t(n));
        if (msg.empty()) {
            std::fprintf(stderr, "qvblade-cli: the daemon exited during start-up\n");
            std::_Exit(1);
        }
        const bool ok = msg[0] == '+';
        std::fputs(msg.c_str() + 1, ok ? stdout : stderr);
        std::fflush(nullptr);
        std::_Exit(ok ? 0 : 1);
    }
    ::close(p[0]);
    statusPipe = p[1];
    ::setsid();
    // A second fork so the daemon can never reacquire a controlling terminal.
    if (pid_t grandchild = ::fork(); grandchild != 0) std::_Exit(grandchild < 0 ? 1 : 0);
    if (::chdir("/") < 0) {}
    ::umask(022);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
        ::dup2(null, 0), ::dup2(null, 1), ::dup2(null, 2);
        if (null > 2) ::close(null);
    }
    return true;
}

void daemonReady(const std::string& message) { report('+', message); }
void daemonFailed(const std::string& message) { report('-', message); }

bool writePidFile(const std::string& path, std::string& error) {
    FILE* f = std::fopen(path.c_str(), "w");
    if (!f) {
        error = "pid file " + path + ": " + std::strerror(errno);
        return false;
    }
    std::fprintf(f, "%ld\n", long(::getpid()));
    std::fclose(f);
    pidFilePath = path;
    std::atexit(removePidFile);
    return true;
}

}  // namespace qvblade::cli
