#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the lab's guest scripts (mkinitrd.sh puts it at /guest-lib.sh in the initramfs).
fail() { echo "FAIL $*"; exit 1; }

# discover_disks DEVICE...: loads the aoe driver on eth0 and asks for discovery until every
# DEVICE exists (20 s at most), then lets the driver settle.
discover_disks() {
    insmod /lib/modules/aoe.ko aoe_iflist=eth0 || fail "insmod aoe"
    i=0
    while [ $i -lt 100 ]; do
        missing=
        for d in "$@"; do [ -b "$d" ] || missing=$d; done
        [ -z "$missing" ] && break
        echo discover >/dev/etherd/discover 2>/dev/null
        sleep 0.2
        i=$((i + 1))
    done
    for d in "$@"; do [ -b "$d" ] || fail "no device $d after discovery"; done
    sleep 0.5
}
