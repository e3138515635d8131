#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the dependencies, builds, and runs every test (unit and end-to-end). The end-to-end
# tests create network namespaces and boot a QEMU guest, so they need root.
# `--sanitize` does the same in an AddressSanitizer + UndefinedBehaviorSanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test
./scripts/build.sh "$@"
dir=${BUILD_DIR:-build}
[ "${1:-}" = --sanitize ] && dir=${BUILD_DIR:-build-asan}
ctest --test-dir "$dir" --output-on-failure --no-tests=error
