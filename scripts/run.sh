#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the dependencies, builds, and starts qvblade.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
if [ -x build/gui/qvblade ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/gui/qvblade "$@"
fi
cat <<'TXT'
qvblade is built. The desktop application is not available yet (or there is no display);
serve a disk image from the command line with qvblade-cli, vblade's arguments:

  truncate -s 1G disk.img                          # a sparse image (any file or block device works)
  sudo build/cli/qvblade-cli 9 0 eth0 disk.img     # export it as e9.0 on eth0

  then on any Linux host on that LAN:  modprobe aoe; aoe-discover; aoe-stat   (/dev/etherd/e9.0)

  build/cli/qvblade-cli --help                     # every option (-r read-only, -m MAC list, --daemon, ...)
TXT
