#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest side of bench/lab-dd.sh, run by the Linux aoe driver in the lab VM (tests/e2e/lab).
# Two targets serve e$SHELF.0 and e$SHELF.1 on the same interface; the guest discovers both, then
# REPS times does a direct-I/O dd write and read of DD_MB MiB in 1 MiB blocks on each, in
# alternating order, so that each pair is measured in the same boot and the same minute.
# Timed with /proc/uptime (busybox's date counts whole seconds). One THROUGHPUT line per dd pair:
#   THROUGHPUT rep=K slot=L mb=MB write_mbps=W read_mbps=R
S=${SHELF:-9} MB=${DD_MB:-128} REPS=${REPS:-4}
fail() { echo "FAIL $*"; exit 1; }
now() { cut -d' ' -f1 /proc/uptime; }
mbps() { awk -v mb="$MB" -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", mb * 1.048576 / (b - a) }'; }

insmod /lib/modules/aoe.ko aoe_iflist=eth0 || fail "insmod aoe"
i=0
while { [ ! -b /dev/etherd/e$S.0 ] || [ ! -b /dev/etherd/e$S.1 ]; } && [ $i -lt 100 ]; do
    echo discover >/dev/etherd/discover 2>/dev/null; sleep 0.2; i=$((i + 1))
done
for L in 0 1; do [ -b /dev/etherd/e$S.$L ] || fail "no device e$S.$L after discovery"; done
sleep 0.5
echo "INFO $(dmesg | grep -o 'setting [0-9]* byte data frames' | tail -1)"
run() {   # slot rep
    D=/dev/etherd/e$S.$1
    t0=$(now)
    dd if=/dev/zero of=$D bs=1M count=$MB oflag=direct 2>/dev/null || fail "direct-I/O dd write e$S.$1"
    t1=$(now)
    dd if=$D of=/dev/null bs=1M count=$MB iflag=direct 2>/dev/null || fail "direct-I/O dd read e$S.$1"
    t2=$(now)
    echo "THROUGHPUT rep=$2 slot=$1 mb=$MB write_mbps=$(mbps $t0 $t1) read_mbps=$(mbps $t1 $t2)"
}
k=1
while [ $k -le $REPS ]; do
    if [ $((k % 2)) = 1 ]; then run 0 $k; run 1 $k; else run 1 $k; run 0 $k; fi
    k=$((k + 1))
done
echo "GUEST-DONE"
