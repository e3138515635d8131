#!/bin/sh
# Guest side of bench/lab-dd.sh, run by the Linux aoe driver in the lab VM (tests/e2e/lab):
# discover e$SHELF.$SLOT, then a direct-I/O dd write and read of DD_MB MiB in 1 MiB blocks,
# timed with /proc/uptime (busybox's date counts whole seconds). Prints a THROUGHPUT line.
S=${SHELF:-9} L=${SLOT:-0} MB=${DD_MB:-64}
D=/dev/etherd/e$S.$L
fail() { echo "FAIL $*"; exit 1; }
now() { cut -d' ' -f1 /proc/uptime; }
mbps() { awk -v mb="$MB" -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", mb * 1.048576 / (b - a) }'; }

insmod /lib/modules/aoe.ko aoe_iflist=eth0 || fail "insmod aoe"
i=0
while [ ! -b $D ] && [ $i -lt 100 ]; do echo discover >/dev/etherd/discover 2>/dev/null; sleep 0.2; i=$((i + 1)); done
[ -b $D ] || fail "no device $D after discovery"
sleep 0.5
echo "INFO $(dmesg | grep -o 'setting [0-9]* byte data frames' | tail -1)"
t0=$(now)
dd if=/dev/zero of=$D bs=1M count=$MB oflag=direct 2>/dev/null || fail "direct-I/O dd write"
t1=$(now)
dd if=$D of=/dev/null bs=1M count=$MB iflag=direct 2>/dev/null || fail "direct-I/O dd read"
t2=$(now)
echo "THROUGHPUT mb=$MB write_mbps=$(mbps $t0 $t1) read_mbps=$(mbps $t1 $t2)"
echo "GUEST-DONE"
