#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest side of the OSD failure scenario (lab_test.sh rbd-osd-restart, rbd-osd-timeout): writes
# WRITE_MB MiB of pseudo-random data to e$SHELF.$SLOT one MiB at a time with direct I/O, printing
# "CHUNK i" after each; the host kills the cluster's OSD after CHUNK 2 and starts it again 10 s later.
# EXPECT=ok      every write succeeds (the initiator retransmits while the OSD is away) and the data
#                reads back as written
# EXPECT=errors  some writes fail (the target's --ceph-osd-timeout ran out: the initiator gets ATA
#                errors, not silent success); the failed MiBs are then written again until they
#                succeed (the OSD is back), and the data reads back as written
# PATHS=N        (the two-target scenario, rbd-ha, where the host kills one target after CHUNK 2)
#                the initiator must see N paths (MACs) to the disk before writing (debugfs); the
#                writes each path carried are printed before and after
S=${SHELF:-9} L=${SLOT:-0}
D=/dev/etherd/e$S.$L
. /guest-lib.sh

discover_disks $D
# aoe's debugfs file lists each target (MAC) of the disk with its frame counts (aoeblk.c).
paths() { grep -c '^falloc' "$DBG" 2>/dev/null; }
path_writes() { awk '/^[0-9a-f]+:[0-9]+:/ {m = substr($0, 1, 12)} /^\tw:/ {sub(/^\tw:/, ""); printf "%s w=%s ", m, $0}' "$DBG"; }
if [ -n "${PATHS:-}" ]; then
    mkdir -p /sys/kernel/debug
    mount -t debugfs none /sys/kernel/debug 2>/dev/null
    DBG=/sys/kernel/debug/aoe/e$S.$L
    i=0
    while [ "$(paths)" != "$PATHS" ] && [ $i -lt 50 ]; do echo discover >/dev/etherd/discover 2>/dev/null; sleep 0.2; i=$((i + 1)); done
    [ "$(paths)" = "$PATHS" ] && echo "CHECK the initiator has $PATHS paths to e$S.$L" ||
        fail "the initiator has $(paths) paths to e$S.$L, want $PATHS ($(cat $DBG 2>&1 | head -3))"
    echo "INFO paths before: $(path_writes)"
fi
MB=${WRITE_MB:-12}
dd if=/dev/urandom of=/tmp/pattern bs=1M count=$MB 2>/dev/null || fail "cannot make the pattern"
want=$(md5sum </tmp/pattern | cut -d' ' -f1)
failed=""
i=0
while [ $i -lt $MB ]; do
    dd if=/tmp/pattern of=$D bs=1M skip=$i seek=$i count=1 oflag=direct conv=notrunc 2>/tmp/dd.err || failed="$failed $i"
    echo "CHUNK $i t=$(date +%s)"
    i=$((i + 1))
done
echo "INFO failed MiBs:${failed:- none} t=$(date +%s)"
[ -n "${PATHS:-}" ] && echo "INFO paths after: $(path_writes)"
case ${EXPECT:-ok} in
ok) [ -z "$failed" ] && echo "CHECK every write succeeded across the failure" || fail "writes failed:$failed" ;;
errors)
    [ -n "$failed" ] && echo "CHECK the initiator saw failed writes while the OSD was away:$failed" ||
        fail "no write failed although the target's OSD timeout should have run out"
    for c in $failed; do
        n=0
        until dd if=/tmp/pattern of=$D bs=1M skip=$c seek=$c count=1 oflag=direct conv=notrunc 2>/dev/null; do
            n=$((n + 1))
            [ $n -lt 60 ] || fail "MiB $c still cannot be written after 60 tries"
            sleep 1
        done
    done
    echo "CHECK the failed MiBs were written once the OSD was back"
    ;;
esac
echo 3 >/proc/sys/vm/drop_caches
got=$(dd if=$D bs=1M count=$MB iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
[ "$got" = "$want" ] && echo "CHECK direct-I/O read-back OK" || { dmesg | tail -15 | sed 's/^/INFO dmesg: /'; fail "read-back md5 $got, wrote $want"; }
echo "PATTERN md5=$want mb=$MB"
echo "GUEST-DONE"
