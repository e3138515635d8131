#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The install layouts packagers use, each checked against installed_files.txt (paths relative
# to the prefix):
#   prefix       `cmake --install BUILD --prefix DIR`: every file under DIR, nothing elsewhere
#   destdir      `DESTDIR=DIR cmake --install BUILD`: the same tree under DIR/<prefix>
#   plain-cpack  a second configure of the source WITHOUT -DCMAKE_INSTALL_PREFIX (so /usr/local),
#                built and packed with `cpack -G DEB`: the package is in /usr and lintian-clean
# In each, the installed policy, unit and GUI name the helper under QVBLADE_PACKAGING_PREFIX.
# plain-cpack builds in BUILD-plain next to BUILD with BUILD's generator, build type and compiler
# launcher, so that a compiler cache serves it, and keeps it for the next run.
# Usage: install_test.sh BUILD_DIR MODE
set -uo pipefail
B=$(cd "$1" && pwd) mode=$2
here=$(cd "$(dirname "$0")" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
cache() { sed -n "s/^$1:[A-Z]*=//p" "$B/CMakeCache.txt"; }
S=$(cache CMAKE_HOME_DIRECTORY)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sort "$here/installed_files.txt" > "$work/expected"

# check_tree ROOT PACKAGING_PREFIX: the files under ROOT are the expected ones, and what names
# the helper names it where the package puts it.
check_tree() {
  local root=$1 pp=$2 helper=$2/libexec/qvblade/qvblade-helper
  (cd "$root" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort) > "$work/found"
  diff -u "$work/expected" "$work/found" || fail "the installed files differ from installed_files.txt"
  grep -q "<annotate key=\"org.freedesktop.policykit.exec.path\">$helper</annotate>" \
    "$root/share/polkit-1/actions/org.qvblade.policy" || fail "the policy's exec.path is not $helper"
  grep -q "^ExecStart=$helper " "$root/lib/systemd/system/qvblade-helper.service" || fail "qvblade-helper.service does not start $helper"
  grep -q "^ExecStart=$pp/bin/qvblade-cli " "$root/lib/systemd/system/qvblade-export@.service" || fail "qvblade-export@.service does not start $pp/bin/qvblade-cli"
  # QStringLiteral: the GUI holds the path in UTF-16.
  { strings "$root/bin/qvblade"; strings -el "$root/bin/qvblade"; } | grep -qx "$helper" || fail "the GUI does not run $helper"
}

pp=$(cache QVBLADE_PACKAGING_PREFIX)
case "$mode" in
prefix)
  cmake --install "$B" --prefix "$work/p" >"$work/log" 2>&1 || { cat "$work/log"; fail "cmake --install --prefix"; }
  # Everything cmake installed, by its own account, is under the prefix.
  outside=$(grep -v "^$work/p/" "$B/install_manifest.txt")
  [ -z "$outside" ] || { echo "$outside"; fail "cmake --install --prefix wrote outside the prefix"; }
  check_tree "$work/p" "$pp"
  echo "PASS: cmake --install --prefix puts all $(wc -l < "$work/found") files under the prefix" ;;
destdir)
  prefix=$(cache CMAKE_INSTALL_PREFIX)
  DESTDIR="$work/d" cmake --install "$B" >"$work/log" 2>&1 || { cat "$work/log"; fail "DESTDIR= cmake --install"; }
  outside=$(cd "$work/d" && find . \( -type f -o -type l \) | sed 's|^\.||' | grep -v "^$prefix/")
  [ -z "$outside" ] || { echo "$outside"; fail "the staged install has files outside $prefix"; }
  check_tree "$work/d$prefix" "$pp"
  echo "PASS: a DESTDIR install stages all $(wc -l < "$work/found") files under DESTDIR$prefix" ;;
plain-cpack)
  [ "$(id -u)" -eq 0 ] || fail "needs root (lintian on a package with root-owned files)"
  for t in cpack lintian dpkg-deb; do command -v $t >/dev/null || fail "$t is missing"; done
  P=$B-plain
  args=(-G "$(cache CMAKE_GENERATOR)" -DCMAKE_BUILD_TYPE="$(cache CMAKE_BUILD_TYPE)" -DQVBLADE_WERROR="$(cache QVBLADE_WERROR)")
  launcher=$(cache CMAKE_CXX_COMPILER_LAUNCHER)
  [ -n "$launcher" ] && args+=(-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher")
  [ -f "$P/CMakeCache.txt" ] && args=()   # configured on an earlier run: keep it
  # ccache hashes the build directory into -g builds unless told not to; the base directory
  # makes both trees' paths relative, so BUILD's objects serve BUILD-plain.
  export CCACHE_NOHASHDIR=1 CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$B")}
  cmake -S "$S" -B "$P" "${args[@]}" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
  grep -q '^CMAKE_INSTALL_PREFIX:PATH=/usr/local$' "$P/CMakeCache.txt" || fail "the plain configure's prefix is not /usr/local"
  # Only what the package holds (the tests and benchmarks are not in it).
  cmake --build "$P" --target qvblade qvblade-cli qvblade-helper packaging_docs >"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log"; fail "build"; }
  (cd "$P" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
  deb=$(ls "$work"/pkg/qvblade_*.deb) || fail "no package was produced"
  lintian --fail-on error --display-info "$deb" >"$work/lintian.log" 2>&1; rc=$?
  grep -v 'root privileges' "$work/lintian.log"
  [ $rc -eq 0 ] || fail "lintian reports errors"
  grep -q ': hardening-' "$work/lintian.log" && fail "lintian reports missing hardening"
  dpkg-deb -x "$deb" "$work/x" || fail "dpkg-deb -x"
  outside=$(cd "$work/x" && find . \( -type f -o -type l \) | sed 's|^\.||' | grep -v '^/usr/')
  [ -z "$outside" ] || { echo "$outside"; fail "the package has files outside /usr"; }
  check_tree "$work/x/usr" /usr
  echo "PASS: the plain configure (prefix /usr/local) packs $(wc -l < "$work/found") files in /usr, lintian-clean" ;;
*) fail "unknown mode $mode" ;;
esac
