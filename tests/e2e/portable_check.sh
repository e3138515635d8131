#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The portable program uses only POSIX and libpcap: it needs no liburing, calls none of the
# Linux-only functions the Linux core uses, names no /proc file, and the portable core's
# sources include no Linux header. Its one ioctl is SIOCGIFMTU, a BSD socket ioctl Linux shares.
# Usage: portable_check.sh PROGRAM SOURCE_DIR "SOURCES (;-separated, relative to core/)"
set -uo pipefail
prog=$1 src=$2 sources=$3
fail() { echo "FAIL: $*" >&2; exit 1; }
for t in nm objdump strings; do command -v $t >/dev/null || fail "$t is missing (binutils)"; done
[ -x "$prog" ] || fail "$prog is not built"
needed=$(objdump -p "$prog" | awk '$1 == "NEEDED" {print $2}')
grep -q liburing <<<"$needed" && fail "$prog links liburing"
undefined=$(nm -D --undefined-only "$prog" | awk '{print $2}' | sed 's/@.*//')
bad=$(grep -E '^(io_uring_|__io_uring|statx$|preadv2$|pwritev2$|sendmmsg$|fstatfs$|statfs$)' <<<"$undefined")
[ -z "$bad" ] || { echo "$bad"; fail "$prog calls Linux-only functions"; }
strings "$prog" | grep -q '/proc/' && fail "$prog names a /proc file"
n=0
IFS=';' read -ra files <<<"$sources"
for f in "${files[@]}"; do
  case "$f" in *.cpp) ;; *) continue ;; esac   # not the build's generated rules (AUTOMOC)
  case "$f" in /*) path=$f ;; *) path=$src/core/$f ;; esac
  [ -f "$path" ] || fail "source $f not found"
  n=$((n + 1))
  grep -Hn '#include <linux/' "$path" && fail "$f includes a Linux header"
  case "$f" in *os/linux_*) fail "the portable core compiles $f" ;; esac
  grep -Hn 'ioctl(' "$path" | grep -v SIOCGIFMTU && fail "$f uses an ioctl other than SIOCGIFMTU"
done
[ "$n" -gt 10 ] || fail "only $n sources listed"
echo "PASS: $prog is built from $n portable sources and uses no Linux-only interface"
