// SPDX-License-Identifier: GPL-2.0-or-later
// Saves the machine's net.core.rmem_max and rmem_default and puts them back however the test
// ends: when the guard goes (a failed QVERIFY returns through it), from cleanupTestCase, and
// from a fatal signal (abort, crash, Ctrl-C, ctest's SIGTERM) through an async-signal-safe
// handler. These limits are global, not per network namespace: a test that lowers them must
// never leave them lowered.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <QByteArray>
#include <QFile>

#include <cstdio>
#include <cstring>
#include <iterator>

class RmemLimitsGuard {
public:
    static qint64 read(const char* name) {
        QFile f(QStringLiteral("/proc/sys/net/core/%1").arg(QLatin1String(name)));
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : -1;
    }
    static bool write(const char* name, qint64 value) {
        QFile f(QStringLiteral("/proc/sys/net/core/%1").arg(QLatin1String(name)));
        return f.open(QIODevice::WriteOnly) && f.write(QByteArray::number(value) + '\n') > 0 && f.flush();
    }

    RmemLimitsGuard() {
        max_ = read("rmem_max");
        default_ = read("rmem_default");
        if (!saved()) return;
        // Preformatted for the signal handler, which may not allocate.
        std::snprintf(signalMax_, sizeof signalMax_, "%lld\n", static_cast<long long>(max_));
        std::snprintf(signalDefault_, sizeof signalDefault_, "%lld\n", static_cast<long long>(default_));
        struct sigaction sa {};
        sa.sa_handler = &RmemLimitsGuard::onFatalSignal;
        sigemptyset(&sa.sa_mask);
        for (int s : kSignals) sigaction(s, &sa, &previous_[index(s)]);
        armed_ = true;
    }
    ~RmemLimitsGuard() {
        restore();
        if (armed_)
            for (int s : kSignals) sigaction(s, &previous_[index(s)], nullptr);
        armed_ = false;
    }
    RmemLimitsGuard(const RmemLimitsGuard&) = delete;
    RmemLimitsGuard& operator=(const RmemLimitsGuard&) = delete;

    bool saved() const { return max_ > 0 && default_ > 0; }
    qint64 savedMax() const { return max_; }
    qint64 savedDefault() const { return default_; }
    // Puts the saved values back; true when both are in place.
    bool restore() {
        if (!saved()) return false;
        const bool ok = write("rmem_max", max_) && write("rmem_default", default_);
        return ok && read("rmem_max") == max_ && read("rmem_default") == default_;
    }

private:
    static constexpr int kSignals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTERM, SIGINT};
    static int index(int s) {
        for (int i = 0; i < int(std::size(kSignals)); ++i)
            if (kSignals[i] == s) return i;
        return 0;
    }
    static void writeRaw(const char* path, const char* text) {
        const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0) return;
        [[maybe_unused]] ssize_t n = ::write(fd, text, std::strlen(text));
        ::close(fd);
    }
    static void onFatalSignal(int signal) {
        writeRaw("/proc/sys/net/core/rmem_max", signalMax_);
        writeRaw("/proc/sys/net/core/rmem_default", signalDefault_);
        // Then whatever was there before (QTest's crash report, or the default action).
        sigaction(signal, &previous_[index(signal)], nullptr);
        ::raise(signal);
    }

    qint64 max_ = -1, default_ = -1;
    bool armed_ = false;
    static inline struct sigaction previous_[std::size(kSignals)] = {};
    static inline char signalMax_[32] = {}, signalDefault_[32] = {};
};
