#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the lab guest's initramfs: busybox, the kernel modules for virtio networking, ext4 and
# AoE (dependencies resolved from the kernel's modules.dep), mke2fs and e2fsck with their
# libraries, an /init that brings eth0 up and runs the guest script, then powers off.
# Usage: mkinitrd.sh KERNEL_ROOT KVER GUEST_SCRIPT OUT.cpio.gz
set -euo pipefail
KROOT=$1 KVER=$2 GUEST=$3 OUT=$4
fail() { echo "mkinitrd: $*" >&2; exit 1; }
BUSYBOX=$(command -v busybox) || fail "busybox is missing (apt-get install busybox-static)"
ldd "$BUSYBOX" >/dev/null 2>&1 && fail "$BUSYBOX is dynamically linked: install busybox-static"
for c in cpio gzip modprobe ldd; do command -v $c >/dev/null || fail "'$c' is missing"; done
[ -f "$GUEST" ] || fail "no guest script $GUEST"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W"/{bin,sbin,proc,sys,dev,mnt,tmp,lib/modules/boot}
cp "$BUSYBOX" "$W/bin/busybox"

# Modules the init loads (in dependency order), and aoe.ko that the guest script loads itself.
n=0
for m in virtio_pci virtio_net crc32c_generic ext4; do
    modprobe --show-depends -d "$KROOT" -S "$KVER" "$m" 2>/dev/null | awk '$1 == "insmod" {print $2}' ||
        fail "cannot resolve module $m in $KROOT"
done | awk '!seen[$0]++' | while read -r ko; do
    n=$((n + 1))
    cp "$ko" "$W/lib/modules/boot/$(printf '%02d' $n)-$(basename "$ko")"
done
ls "$W/lib/modules/boot" | grep -q virtio_net || fail "virtio_net.ko not found for $KVER"
aoe=$(modprobe --show-depends -d "$KROOT" -S "$KVER" aoe | awk '$1 == "insmod" {print $2}' | tail -1)
[ -f "$aoe" ] || fail "aoe.ko not found for $KVER"
cp "$aoe" "$W/lib/modules/aoe.ko"

for b in mke2fs e2fsck; do
    p=$(PATH=/sbin:/usr/sbin:$PATH command -v $b) || fail "$b is missing (apt-get install e2fsprogs)"
    cp "$p" "$W/sbin/$b"
    for lib in $(ldd "$p" | grep -o '/[^ ]*'); do
        mkdir -p "$W$(dirname "$lib")"
        cp -L "$lib" "$W$lib"
    done
done
ln -s mke2fs "$W/sbin/mkfs.ext3"
ln -s mke2fs "$W/sbin/mkfs.ext4"
cp "$GUEST" "$W/guest.sh"
chmod +x "$W/guest.sh"
cp "$(dirname "${BASH_SOURCE[0]}")/guest-lib.sh" "$W/guest-lib.sh"   # what the guest scripts share

cat >"$W/init" <<'EOI'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/sbin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for ko in /lib/modules/boot/*.ko; do insmod "$ko" 2>/dev/null; done
ip link set lo up
ip link set eth0 mtu "${MTU:-1500}" || echo "FAIL cannot set eth0 mtu ${MTU:-1500}"
ip link set eth0 up || echo "FAIL no eth0"
echo "GUEST-START mtu=$(cat /sys/class/net/eth0/mtu 2>/dev/null)"
/guest.sh
echo "GUEST-EXIT $?"
sync
poweroff -f
EOI
chmod +x "$W/init"
(cd "$W" && find . | cpio -o -H newc 2>/dev/null | gzip -1) >"$OUT" || fail "cannot write $OUT"
