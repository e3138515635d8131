#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the Debian package from the build tree and installs it: qvblade, qvblade-cli, the helper
# /usr/libexec/qvblade/qvblade-helper (with qvblade-demo beside it) and its polkit actions, which
# the window's "Start helper" needs (pkexec runs only a program a polkit policy names).
# Everything it installs goes again with:  sudo apt-get purge qvblade
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
[ -f "$dir/build.ninja" ] || ./scripts/build.sh
cmake --build "$dir"
rm -f "$dir"/qvblade_*.deb
(cd "$dir" && cpack -G DEB >cpack.log 2>&1) || { cat "$dir/cpack.log"; echo "cpack failed" >&2; exit 1; }
deb=$(ls "$dir"/qvblade_*.deb)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing $deb (remove it with: sudo apt-get purge qvblade)"
# --reinstall: a package of the same version from an older build would otherwise be kept.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --reinstall "$(realpath "$deb")"
