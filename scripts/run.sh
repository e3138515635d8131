#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the dependencies, builds, installs the package (the helper and its polkit actions,
# scripts/install-package.sh; `sudo apt-get purge qvblade` removes it) and starts qvblade, which
# then runs in place of this script (its arguments are qvblade's).
# BUILD_DIR=DIR builds, packages and starts from DIR instead of build/, as scripts/build.sh does
# (tests/gui/tst_first_run runs this script on the tree it was built in).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
./scripts/install-deps.sh
./scripts/build.sh
./scripts/install-package.sh
if [ -x "$dir/gui/qvblade" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$dir/gui/qvblade" "$@"
fi
cat <<'TXT'
qvblade is built and installed (`qvblade` in the desktop menu; remove it with: sudo apt-get purge qvblade).
There is no display here; serve a disk image from the command line with qvblade-cli, vblade's arguments:

  truncate -s 1G disk.img                          # a sparse image (any file or block device works)
  sudo qvblade-cli 9 0 eth0 disk.img               # export it as e9.0 on eth0

  then on any Linux host on that LAN:  modprobe aoe; aoe-discover; aoe-stat   (/dev/etherd/e9.0)

  qvblade-cli --help                               # every option (-r read-only, -m MAC list, --daemon, ...)
TXT
