#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Guest side of the vblade README scenario, run by the Linux aoe driver in the lab VM:
# discover e$SHELF.$SLOT, mkfs.ext3, mount, write "hooray", remount after dropping caches,
# read it back, e2fsck -fn; then a direct-I/O write of PATTERN_MB MiB of pseudo-random data at
# PATTERN_AT_MB MiB, read back and compared by md5 (printed for the host to compare with the file).
# Env (kernel command line): SHELF SLOT SECTORS (expected size) EXPECT_FRAME (bytes, optional)
#                            PATTERN_MB PATTERN_AT_MB
S=${SHELF:-9} L=${SLOT:-0}
D=/dev/etherd/e$S.$L
SYS="/sys/block/etherd!e$S.$L"
. /guest-lib.sh

discover_disks $D
size=$(cat "$SYS/size")
frames=$(dmesg | grep -o 'setting [0-9]* byte data frames' | tail -1)
echo "INFO sectors=$size payload=$(cat "$SYS/payload" 2>/dev/null) dmesg='$frames'"
[ "$size" = "${SECTORS:-}" ] && echo "CHECK size $size sectors OK" || fail "size: $SYS/size is '$size', want '${SECTORS:-}'"
if [ -n "${EXPECT_FRAME:-}" ]; then
    [ "$frames" = "setting $EXPECT_FRAME byte data frames" ] && echo "CHECK dmesg '$frames' OK" ||
        fail "dmesg says '$frames', want 'setting $EXPECT_FRAME byte data frames'"
fi

mkfs.ext3 -q $D || fail "mkfs.ext3 $D"
mkdir -p /mnt/e
mount -t ext4 $D /mnt/e || fail "mount"
echo hooray >/mnt/e/test.txt || fail "write test.txt"
sync
umount /mnt/e || fail "umount"
echo 3 >/proc/sys/vm/drop_caches
mount -t ext4 $D /mnt/e || fail "remount"
got=$(cat /mnt/e/test.txt)
umount /mnt/e || fail "second umount"
[ "$got" = hooray ] && echo "READBACK hooray OK" || fail "read back '$got', want 'hooray'"
e2fsck -fn $D >/tmp/fsck.log 2>&1 && echo "FSCK OK" || { cat /tmp/fsck.log; fail "e2fsck -fn"; }

MB=${PATTERN_MB:-16} AT=${PATTERN_AT_MB:-32}
dd if=/dev/urandom of=/tmp/pattern bs=1M count=$MB 2>/dev/null || fail "cannot make the pattern"
want=$(md5sum </tmp/pattern | cut -d' ' -f1)
dd if=/tmp/pattern of=$D bs=1M seek=$AT count=$MB oflag=direct 2>/dev/null || fail "direct-I/O dd write"
echo 3 >/proc/sys/vm/drop_caches
got=$(dd if=$D bs=1M skip=$AT count=$MB iflag=direct 2>/dev/null | md5sum | cut -d' ' -f1)
[ "$got" = "$want" ] && echo "CHECK direct-I/O read-back OK" || fail "direct-I/O read-back md5 $got, wrote $want"
echo "PATTERN md5=$want at_mb=$AT mb=$MB"
echo "GUEST-DONE"
