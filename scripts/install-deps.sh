#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what qvblade needs on Debian 12. `--test` adds what the tests use (aoetools, vblade,
# QEMU and friends for the end-to-end tests against the Linux aoe initiator, a Ceph monitor and
# OSD for the RBD tests, tests/ceph, and nftables to silence that OSD).
set -euo pipefail
build=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
       libgl-dev libpcap-dev liburing-dev libqt6svg6 qt6-translations-l10n librbd-dev librados-dev)
test=(iproute2 aoetools devscripts vblade tshark qemu-system-x86 busybox-static kmod cpio e2fsprogs procps
      xvfb xauth x11-utils trayer polkitd pkexec dbus systemd lintian desktop-file-utils appstream man-db
      ceph-mon ceph-osd ceph-common uuid-runtime nftables)
want=("${build[@]}")
[ "${1:-}" = --test ] && want+=("${test[@]}")
missing=()
for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing: ${missing[*]}"
$sudo apt-get update
# tshark asks whether non-root users may capture; the default answer is fine.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
