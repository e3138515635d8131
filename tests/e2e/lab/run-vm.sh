#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Boots a small Linux guest whose in-kernel AoE initiator (aoe.ko) talks to a target served on a
# tap interface inside a private network namespace: no frame reaches a real interface.
#
# Usage: run-vm.sh GUEST_SCRIPT TARGET_COMMAND [ARGS...]
#   Every argument "@IF@" in the target command becomes the tap's name (tap0, inside the namespace).
# Env: LAB_NETNS (run in this existing namespace instead of a new one, e.g. the Ceph test cluster's,
#      tests/ceph: only the tap and the target are removed afterwards), MTU (1500), VM_ACCEL (tcg; kvm to use /dev/kvm), GUEST_ENV ("KEY=VAL ..." handed to the guest), VM_TIMEOUT (seconds, 300),
#      VM_MEMORY (MiB, 512), QVB_LAB_CACHE, KVER, CONSOLE_LOG (keep the guest console there),
#      TARGET_LOG (keep the target's output there), VM_SHOW (regex of console lines to print),
#      CONSOLE_LIVE (a file that gets the console line by line while the guest runs).
# Exit 0 only when the guest printed GUEST-DONE and no FAIL line, and the target was still
# running when the guest finished. Errors are reported as "FAIL ..." lines.
set -uo pipefail
LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fail() { echo "FAIL run-vm: $*" >&2; exit 1; }
[ $# -ge 2 ] || fail "usage: run-vm.sh GUEST_SCRIPT TARGET_COMMAND [ARGS...]"
[ "$(id -u)" = 0 ] || fail "needs root (network namespace, tap device)"
GUEST=$1
shift
for c in qemu-system-x86_64 ip timeout setsid; do command -v $c >/dev/null || fail "'$c' is missing"; done
MTU=${MTU:-1500}
KVER=$("$LAB/fetch-kernel.sh") || fail "no guest kernel (see fetch-kernel.sh's message above)"
KROOT=${QVB_LAB_CACHE:-/var/cache/qvblade-lab}/root

WORK=$(mktemp -d /tmp/qvb-lab.XXXXXX)
NS="qvb-lab-$$-$RANDOM"
IF=tap0
if [ -n "${LAB_NETNS:-}" ]; then
    NS=$LAB_NETNS
    IF="qvbtap$((RANDOM % 10000))"   # a name of its own among the namespace's other tests
fi
TPID=
cleanup() {
    if [ -n "$TPID" ]; then kill -TERM -- "-$TPID" 2>/dev/null; sleep 0.2; kill -KILL -- "-$TPID" 2>/dev/null; fi
    if [ -n "${LAB_NETNS:-}" ]; then
        # Not ours to empty: only the tap goes.
        ip -n "$NS" link del "$IF" 2>/dev/null
    else
        for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$NS" 2>/dev/null
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

"$LAB/mkinitrd.sh" "$KROOT" "$KVER" "$GUEST" "$WORK/initrd.gz" || fail "mkinitrd failed"
if [ -z "${LAB_NETNS:-}" ]; then
    ip netns add "$NS" || fail "ip netns add $NS failed"
    ip -n "$NS" link set lo up
fi
ip -n "$NS" tuntap add "$IF" mode tap || fail "cannot create a tap device (is /dev/net/tun there?)"
ip -n "$NS" link set "$IF" mtu "$MTU" up || fail "cannot set $IF's MTU to $MTU"

args=()
for a in "$@"; do args+=("${a//@IF@/$IF}"); done
setsid ip netns exec "$NS" "${args[@]}" >"$WORK/target.log" 2>&1 &
TPID=$!
for _ in $(seq 1 50); do
    grep -q '^pid [0-9]*:' "$WORK/target.log" 2>/dev/null && break
    kill -0 "$TPID" 2>/dev/null || break
    sleep 0.1
done
grep -q '^pid [0-9]*:' "$WORK/target.log" || { cat "$WORK/target.log" >&2; fail "the target did not start: ${args[*]}"; }

ACCEL=(-accel tcg -cpu max)
# KVM only on request: nested KVM on some hosts hangs in the firmware, and TCG is always there.
[ "${VM_ACCEL:-tcg}" = kvm ] && ACCEL=(-accel kvm -cpu host,-arch-capabilities)
start=$(date +%s)
timeout "${VM_TIMEOUT:-300}" ip netns exec "$NS" qemu-system-x86_64 "${ACCEL[@]}" -m "${VM_MEMORY:-512}" -smp 2 \
    -nographic -nodefaults -serial stdio -no-reboot \
    -kernel "$KROOT/boot/vmlinuz-$KVER" -initrd "$WORK/initrd.gz" \
    -append "console=ttyS0 quiet panic=-1 MTU=$MTU ${GUEST_ENV:-}" \
    -netdev tap,id=n0,ifname="$IF",script=no,downscript=no -device virtio-net-pci,netdev=n0 \
    </dev/null 2>&1 | stdbuf -oL tr -d '\r' | tee "${CONSOLE_LIVE:-/dev/null}" >"$WORK/console.log"
qrc=${PIPESTATUS[0]}
elapsed=$(($(date +%s) - start))
[ -n "${CONSOLE_LOG:-}" ] && cp "$WORK/console.log" "$CONSOLE_LOG"

status=0
grep -aE "${VM_SHOW:-^(GUEST|INFO|CHECK|PATTERN|FAIL|READBACK|FSCK|THROUGHPUT)}" "$WORK/console.log"
if [ "$qrc" = 124 ]; then echo "FAIL run-vm: the guest did not finish within ${VM_TIMEOUT:-300} s"; status=1; fi
if ! kill -0 "$TPID" 2>/dev/null; then echo "FAIL run-vm: the target exited while the guest was running"; status=1; fi
kill -TERM -- "-$TPID" 2>/dev/null
for _ in $(seq 1 50); do kill -0 "$TPID" 2>/dev/null || break; sleep 0.1; done
wait "$TPID" 2>/dev/null
echo "INFO target exit status $? after SIGTERM; vm ran ${elapsed}s"
TPID=
[ -n "${TARGET_LOG:-}" ] && cp "$WORK/target.log" "$TARGET_LOG"
grep -aq '^GUEST-DONE' "$WORK/console.log" || { echo "FAIL run-vm: the guest never printed GUEST-DONE"; status=1; }
grep -aq 'FAIL' "$WORK/console.log" && status=1
if [ $status != 0 ]; then
    echo "--- guest console (last 30 lines)"; tail -30 "$WORK/console.log"
    echo "--- target output (last 10 lines)"; tail -10 "$WORK/target.log"
fi
exit $status
