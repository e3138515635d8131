#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds ggaoed 1.1 (github realloc/cirrostratus, master) as a benchmark peer for bench/compare.sh.
# ggaoed is not in Debian 12 and its code is not part of qvblade: bring your own checkout.
#
#   bench/build-ggaoed.sh SRC_DIR OUT_DIR      e.g.  bench/build-ggaoed.sh ~/cirrostratus /var/cache/qvblade-bench/ggaoed
#
# SRC_DIR is left untouched: it is copied to OUT_DIR/src, patched there for current glibc/GCC and
# built; the binary ends up as OUT_DIR/ggaoed. Then: GGAOED=OUT_DIR/ggaoed sudo bench/compare.sh ...
# Build dependencies (Debian): libglib2.0-dev libaio-dev libblkid-dev libatomic-ops-dev autoconf
# automake pkg-config (apt-get install them first).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SRC_DIR OUT_DIR" >&2; exit 2; }
SRC=$1 OUT=$2
[ -f "$SRC/ggaoed.c" ] && [ -f "$SRC/device.c" ] || { echo "build-ggaoed.sh: $SRC is not a ggaoed checkout (no ggaoed.c/device.c)" >&2; exit 1; }
for t in autoreconf make cc pkg-config; do
  command -v $t >/dev/null || { echo "build-ggaoed.sh: $t missing (apt-get install autoconf automake make gcc pkg-config)" >&2; exit 1; }
done
for h in glib-2.0/glib.h libaio.h blkid/blkid.h atomic_ops.h; do
  [ -f /usr/include/$h ] || { echo "build-ggaoed.sh: /usr/include/$h missing (apt-get install libglib2.0-dev libaio-dev libblkid-dev libatomic-ops-dev)" >&2; exit 1; }
done

mkdir -p "$OUT"
rm -rf "$OUT/src"
cp -a "$SRC" "$OUT/src"
cd "$OUT/src"
# 1. major()/minor() moved to <sys/sysmacros.h>, struct stat needs <sys/stat.h> (glibc >= 2.28).
grep -q '<sys/sysmacros.h>' device.c ||
  sed -i 's|^#include <sys/types.h>$|#include <sys/types.h>\n#include <sys/stat.h>\n#include <sys/sysmacros.h>|' device.c
grep -q '<sys/sysmacros.h>' device.c || { echo "build-ggaoed.sh: could not patch device.c" >&2; exit 1; }
# 2. GCC >= 10 defaults to -fno-common; ggaoed defines globals in headers (link with -fcommon).
#    Only the programs are built: the man pages need docbook2x and a generated ggaoed.8.in.
autoreconf -fi >"$OUT/build.log" 2>&1
./configure >>"$OUT/build.log" 2>&1
make -j"$(nproc)" ggaoed ggaoectl CFLAGS="-O2 -g -fcommon" LDFLAGS="-Wl,--allow-multiple-definition" >>"$OUT/build.log" 2>&1 ||
  { tail -30 "$OUT/build.log" >&2; echo "build-ggaoed.sh: build failed, log in $OUT/build.log" >&2; exit 1; }
cp ggaoed "$OUT/ggaoed"
"$OUT/ggaoed" -V
echo "built $OUT/ggaoed"
