#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest side of the two-exports scenario: e$SHELF.0 and e$SHELF.1 served by one target process
# on one interface. Both are discovered with their own sizes, and data written to one does not
# appear in the other. Prints each export's first-MiB md5 for the host to compare with the files.
# Env: SHELF SECTORS0 SECTORS1
S=${SHELF:-9}
. /guest-lib.sh
discover_disks /dev/etherd/e$S.0 /dev/etherd/e$S.1
echo "INFO devices: $(ls /dev/etherd | grep '^e' | tr '\n' ' ')"
s0=$(cat "/sys/block/etherd!e$S.0/size") s1=$(cat "/sys/block/etherd!e$S.1/size")
[ "$s0" = "${SECTORS0:-}" ] && [ "$s1" = "${SECTORS1:-}" ] && echo "CHECK sizes $s0 $s1 OK" ||
    fail "sizes e$S.0=$s0 e$S.1=$s1, want ${SECTORS0:-} ${SECTORS1:-}"

md5() { md5sum | cut -d' ' -f1; }
first() { dd if=/dev/etherd/e$S.$1 bs=1M count=1 iflag=direct 2>/dev/null | md5; }
before1=$(first 1)
dd if=/dev/urandom of=/tmp/a bs=1M count=1 2>/dev/null
dd if=/dev/urandom of=/tmp/b bs=1M count=1 2>/dev/null
a=$(md5 </tmp/a) b=$(md5 </tmp/b)
dd if=/tmp/a of=/dev/etherd/e$S.0 bs=1M oflag=direct 2>/dev/null || fail "write e$S.0"
echo 3 >/proc/sys/vm/drop_caches
[ "$(first 0)" = "$a" ] && echo "CHECK e$S.0 holds what was written" || fail "e$S.0 read-back differs"
[ "$(first 1)" = "$before1" ] && echo "CHECK e$S.1 unchanged by the write to e$S.0" || fail "e$S.1 changed after writing e$S.0"
dd if=/tmp/b of=/dev/etherd/e$S.1 bs=1M oflag=direct 2>/dev/null || fail "write e$S.1"
echo 3 >/proc/sys/vm/drop_caches
[ "$(first 1)" = "$b" ] && echo "CHECK e$S.1 holds what was written" || fail "e$S.1 read-back differs"
[ "$(first 0)" = "$a" ] && echo "CHECK e$S.0 unchanged by the write to e$S.1" || fail "e$S.0 changed after writing e$S.1"
echo "PATTERN e0=$a e1=$b"
echo "GUEST-DONE"
