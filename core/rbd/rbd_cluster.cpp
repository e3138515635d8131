// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rbd/rbd_cluster.h"

#include "core/ceph_config.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qvblade {

namespace {

std::string confValue(rados_t cluster, const char* option) {
    char buf[512] = {};
    if (rados_conf_get(cluster, option, buf, sizeof buf - 1) < 0) return {};
    return buf;
}

// Settings from files: the configuration (or librados' search), CEPH_ARGS, the keyring.
bool configureFromFiles(rados_t cluster, const CephSettings& c, std::string& error) {
    if (!c.confFile.empty() && ::access(c.confFile.c_str(), R_OK) < 0) {
        error = "--ceph-conf " + c.confFile + ": " + std::strerror(errno);
        return false;
    }
    if (int r = rados_conf_read_file(cluster, c.confFile.empty() ? nullptr : c.confFile.c_str()); r < 0) {
        error = c.confFile.empty() ? "no Ceph configuration found (/etc/ceph/ceph.conf; give --ceph-conf FILE)"
                                   : "--ceph-conf " + c.confFile + ": cannot parse it (" + std::strerror(-r) + ")";
        return false;
    }
    rados_conf_parse_env(cluster, nullptr);   // CEPH_ARGS, as the ceph tools honour it
    if (!c.keyring.empty()) {
        if (::access(c.keyring.c_str(), R_OK) < 0) {
            error = "--keyring " + c.keyring + ": " + std::strerror(errno);
            return false;
        }
        rados_conf_set(cluster, "keyring", c.keyring.c_str());
    }
    return true;
}

// Settings from values only: librados reads no file and writes none (no keyring search, no admin
// socket, no log file); the key is handed over in memory.
bool configureFromValues(rados_t cluster, const CephSettings& c, std::string& error) {
    if (!isCephKey(c.key)) {
        error = "the key of client." + c.id + " is not a cephx key (base64, as `ceph auth get-key` prints it)";
        return false;
    }
    for (const auto& [option, value] : {std::pair{"keyring", ""}, {"keyfile", ""}, {"admin_socket", ""}, {"log_file", ""},
                                        {"mon_host", c.monHost.c_str()}, {"key", c.key.c_str()}})
        if (int r = rados_conf_set(cluster, option, value); r < 0) {
            // Never the value: it may be the key.
            error = std::string("librados refused the setting ") + option + " (" + std::strerror(-r) + ")";
            return false;
        }
    return true;
}

}  // namespace

rados_t connectCephCluster(const CephSettings& c, std::string& error) {
    const std::string client = "client." + c.id;
    rados_t cluster = nullptr;
    if (int r = rados_create(&cluster, c.id.c_str()); r < 0) {
        error = "cannot make a Ceph cluster handle for " + client + ": " + std::strerror(-r);
        return nullptr;
    }
    const auto failed = [&](const std::string& why) -> rados_t {
        error = why;
        rados_shutdown(cluster);
        return nullptr;
    };
    // Before the configuration file, so that the file cannot turn them back on: librados must not
    // write to our stderr (one line per error is ours to print).
    rados_conf_set(cluster, "log_to_stderr", "false");
    rados_conf_set(cluster, "err_to_stderr", "false");
    const bool fromValues = !c.monHost.empty();
    if (!(fromValues ? configureFromValues(cluster, c, error) : configureFromFiles(cluster, c, error))) return failed(error);
    // docs/rbd.md, "Settings": why each is set.
    rados_conf_set(cluster, "client_mount_timeout", std::to_string(kCephMountTimeoutSeconds).c_str());
    rados_conf_set(cluster, "rados_osd_op_timeout", std::to_string(openOsdTimeoutSeconds(c)).c_str());
    rados_conf_set(cluster, "rbd_cache", "false");
    if (int r = rados_connect(cluster); r < 0) {
        const std::string monitors = confValue(cluster, "mon_host");
        const std::string keyring = fromValues ? "the key given" : "keyring " + confValue(cluster, "keyring");
        if (r == -ETIMEDOUT)
            return failed("no Ceph monitor answered within " + std::to_string(kCephMountTimeoutSeconds) + " s (mon_host " +
                          (monitors.empty() ? "not set" : monitors) + ")");
        if (r == -EACCES || r == -EPERM) return failed("the monitors refused " + client + ": wrong key, or no such user (" + keyring + ")");
        if (r == -ENOENT) return failed("no key for " + client + " found (" + keyring + "; give --keyring FILE)");
        if (r == -EINVAL && monitors.empty()) return failed("no monitor address in the Ceph configuration (mon_host)");
        if (r == -EINVAL && fromValues) return failed("the monitor addresses '" + monitors + "' are not usable (mon_host syntax: ADDR[:PORT],...)");
        return failed("cannot connect to the Ceph cluster as " + client + ": " + std::strerror(-r));
    }
    return cluster;
}

int openOsdTimeoutSeconds(const CephSettings& c) {
    return c.osdTimeoutSeconds > 0 ? c.osdTimeoutSeconds : kCephOpenOsdTimeoutSeconds;
}

bool serveWithOsdTimeout(rados_t cluster, const CephSettings& c) {
    // librados applies the change to the connected client: operations submitted from now on.
    return rados_conf_set(cluster, "rados_osd_op_timeout", std::to_string(c.osdTimeoutSeconds).c_str()) == 0;
}

std::string osdErrorText(int r, const CephSettings& c) {
    if (r == -ETIMEDOUT) return "no OSD answered within " + std::to_string(openOsdTimeoutSeconds(c)) + " s (is the OSD down?)";
    return std::strerror(-r);
}

}  // namespace qvblade
