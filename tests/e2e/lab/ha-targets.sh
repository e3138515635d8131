#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The target side of the two-target scenario (lab_test.sh rbd-ha): two qvblade-cli processes, as
# two hosts would run them, each on an interface and MAC of its own, export the same RBD image at
# the same shelf.slot with --allow-shared-address; a bridge joins both and the guest's tap into one
# segment. Both run in the test cluster's namespace: the cluster listens only on its 127.0.0.1.
# Usage (as run-vm.sh's target command): ha-targets.sh DIR TAP TARGET ARGS...
#   "@HAIF@" in ARGS becomes each target's interface. DIR gets links (the bridge and veth ends
#   made here, for the caller to remove if this script is killed), pids ("A B") and each target's
#   output. Prints the first target's "pid N:" line once both serve; SIGTERM stops both.
set -u
DIR=$1 TAP=$2
shift 2
fail() { echo "FAIL ha-targets: $*" >&2; exit 1; }
p="h$((RANDOM % 10000))"
BR=${p}br
echo "$BR ${p}a0 ${p}b0" >"$DIR/links"
ip link add "$BR" type bridge || fail "cannot create a bridge"
ip link set "$BR" up
ip link set "$TAP" master "$BR" || fail "cannot add $TAP to the bridge"
for n in a b; do
    ip link add "${p}${n}0" mtu "${MTU:-1500}" type veth peer name "${p}${n}1" mtu "${MTU:-1500}" || fail "cannot create a veth pair"
    ip link set "${p}${n}0" master "$BR" up
    ip link set "${p}${n}1" up
done
A= B=
stop() {
    kill -TERM $A $B 2>/dev/null
    wait $A $B 2>/dev/null
    ip link del "$BR" 2>/dev/null
    ip link del "${p}a0" 2>/dev/null
    ip link del "${p}b0" 2>/dev/null
    exit 0
}
trap stop TERM INT
start() {  # start NAME INTERFACE: the target with @HAIF@ set; waits for its "pid N:" line
    local args=() a i
    for a in "${CMD[@]}"; do args+=("${a//@HAIF@/$2}"); done
    "${args[@]}" >"$DIR/$1.out" 2>"$DIR/$1.err" &
    PID=$!
    for i in $(seq 1 100); do
        grep -q '^pid [0-9]*:' "$DIR/$1.out" 2>/dev/null && return 0
        kill -0 $PID 2>/dev/null || break
        sleep 0.1
    done
    cat "$DIR/$1.err" >&2
    fail "target $1 did not start: ${args[*]}"
}
CMD=("$@")
start a "${p}a1"
A=$PID
# The second probes the address, finds the first and asks which storage it serves: the same image.
start b "${p}b1"
B=$PID
echo "$A $B" >"$DIR/pids"
cat "$DIR/a.out"
while kill -0 $B 2>/dev/null || kill -0 $A 2>/dev/null; do wait 2>/dev/null; done
