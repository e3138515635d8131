#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Configures and builds into $BUILD_DIR (default build/). `--sanitize` builds into build-asan/
# with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BUILD_DIR:-build}
extra=()
if [ "${1:-}" = --sanitize ]; then dir=${BUILD_DIR:-build-asan}; extra=(-DQVBLADE_SANITIZE=ON); fi
# Prefix /usr: the layout of the Debian package (`cpack -G DEB` in the build directory).
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr -DQVBLADE_WERROR=ON "${extra[@]}" >/dev/null
cmake --build "$dir"
