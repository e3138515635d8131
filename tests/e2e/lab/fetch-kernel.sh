#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetches a Debian 6.1 kernel (vmlinuz and modules, aoe.ko among them) for the lab's guest.
# Idempotent: a kernel already unpacked in the cache is reused.
#   cache: $QVB_LAB_CACHE (default /var/cache/qvblade-lab); unpacked into $CACHE/root,
#   its version written to $CACHE/kver. KVER=6.1.0-N-amd64 pins a version; otherwise the
#   newest linux-image-6.1.0-N-amd64 the configured Debian archive has.
# Prints the version on stdout; errors are one line on stderr and exit 1.
set -euo pipefail
CACHE=${QVB_LAB_CACHE:-/var/cache/qvblade-lab}
fail() { echo "fetch-kernel: $*" >&2; exit 1; }
for c in apt-get apt-cache dpkg-deb depmod flock; do command -v $c >/dev/null || fail "'$c' is missing (this lab needs a Debian system)"; done
mkdir -p "$CACHE" || fail "cannot create $CACHE"
exec 9>"$CACHE/.lock"
flock 9   # parallel runs wait for one download

have() {
    [ -f "$CACHE/root/boot/vmlinuz-$1" ] && [ -f "$CACHE/root/lib/modules/$1/kernel/drivers/block/aoe/aoe.ko" ] &&
        [ -s "$CACHE/root/lib/modules/$1/modules.dep" ]
}
if [ -z "${KVER:-}" ] && [ -s "$CACHE/kver" ] && have "$(cat "$CACHE/kver")"; then
    cat "$CACHE/kver"
    exit 0
fi
newest() {
    apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' | cut -d' ' -f1 |
        sed 's/^linux-image-//' | sort -V | tail -1
}
if [ -z "${KVER:-}" ]; then
    KVER=$(newest)
    if [ -z "$KVER" ]; then
        apt-get update -qq >/dev/null 2>&1 || fail "apt-get update failed"
        KVER=$(newest)
    fi
    [ -n "$KVER" ] || fail "no linux-image-6.1.0-N-amd64 package in the apt sources"
fi
if ! have "$KVER"; then
    tmp=$(mktemp -d "$CACHE/dl.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && apt-get download "linux-image-$KVER" >/dev/null 2>"$tmp/apt.err") ||
        fail "apt-get download linux-image-$KVER failed: $(tail -1 "$tmp/apt.err")"
    dpkg-deb -x "$tmp"/linux-image-"$KVER"_*.deb "$tmp/root" || fail "cannot unpack linux-image-$KVER"
    [ -f "$tmp/root/boot/vmlinuz-$KVER" ] || fail "linux-image-$KVER has no /boot/vmlinuz-$KVER"
    # The package leaves modules.dep to its postinst: make it here (mkinitrd resolves dependencies with it).
    depmod -b "$tmp/root" "$KVER" || fail "depmod failed for $KVER"
    rm -rf "$CACHE/root"
    mv "$tmp/root" "$CACHE/root"
fi
have "$KVER" || fail "kernel $KVER in $CACHE/root lacks aoe.ko"
echo "$KVER" >"$CACHE/kver"
echo "$KVER"
