# SPDX-License-Identifier: GPL-2.0-or-later
# netns_lib.sh: helpers for qvblade's end-to-end tests. Source it from bash.
#
# Every run gets its own pair of network namespaces (target side and initiator side) joined by
# a veth pair that is created directly inside them, so no test frame ever reaches a real
# interface and parallel runs never share a name. An EXIT trap stops what the run started and
# deletes the namespaces and the scratch directory.
#
#   e2e_init NAME            root check, scratch dir $WORK, cleanup trap
#   e2e_require CMD...       a missing command is a FAILURE (exit 1), never a skip
#   ns_create                $NS_T/$NS_I with $IF_T/$IF_I (veth, up) and their MACs $MAC_T/$MAC_I
#   in_t CMD... / in_i CMD...  run in the target's / the initiator's namespace
#   target_start ARGS...     start "$TARGET ARGS" in $NS_T, wait for its "pid N:" line; sets $TPID,
#                            $TOUT and $TERR (its stdout and stderr files)
#   target_stop              SIGTERM the target and wait; its exit status in $TRC
#   ok/not_ok/check/check_eq record results; e2e_finish prints "N passed, N failed" and exits
# shellcheck shell=bash

E2E_PASSED=0
E2E_FAILED=0
E2E_PIDS=()
E2E_LOOPS=()   # loop devices the run set up
E2E_NAMESPACES=()

e2e_log() { printf '%s\n' "$*" >&2; }

# A fatal problem with the test's own prerequisites: say it clearly and fail.
e2e_die() {
    printf 'FAIL: %s\n' "$*" >&2
    exit 1
}

e2e_cleanup() {
    local pid ns dev
    for pid in "${E2E_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in "${E2E_PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    for dev in "${E2E_LOOPS[@]}"; do losetup -d "$dev" 2>/dev/null; done
    for ns in "${E2E_NAMESPACES[@]}"; do
        # Anything still running in our own namespaces was started by this run.
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        ip netns del "$ns" 2>/dev/null
    done
    [ -n "${WORK:-}" ] && [ -d "$WORK" ] && [ -z "${E2E_KEEP:-}" ] && rm -rf "$WORK"
    return 0
}

e2e_init() {
    E2E_NAME=$1
    [ "$(id -u)" = 0 ] || e2e_die "$E2E_NAME needs root (network namespaces, raw sockets); run it as root"
    e2e_require ip mktemp cksum cmp dd
    E2E_ID="$$$RANDOM"
    WORK=$(mktemp -d "/tmp/qvb-e2e-$E2E_NAME.XXXXXX") || e2e_die "mktemp failed"
    trap e2e_cleanup EXIT
    trap 'exit 130' INT TERM
}

e2e_require() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || e2e_die "$E2E_NAME: required command '$c' is not installed"
    done
}

# Checks that a file exists and is executable (the binaries under test are given as paths).
e2e_require_binary() {
    [ -n "$1" ] && [ -x "$1" ] || e2e_die "$E2E_NAME: '$1' is not an executable file"
}

ns_create() {
    NS_T="qvb-$E2E_ID-t"
    NS_I="qvb-$E2E_ID-i"
    IF_T=qvt0
    IF_I=qvi0
    ip netns add "$NS_T" || e2e_die "ip netns add $NS_T failed"
    E2E_NAMESPACES+=("$NS_T")
    ip netns add "$NS_I" || e2e_die "ip netns add $NS_I failed"
    E2E_NAMESPACES+=("$NS_I")
    ip link add "$IF_T" netns "$NS_T" type veth peer name "$IF_I" netns "$NS_I" ||
        e2e_die "cannot create the veth pair (is the veth module available?)"
    local ns
    for ns in "$NS_T" "$NS_I"; do ip -n "$ns" link set lo up; done
    ip -n "$NS_T" link set "$IF_T" up
    ip -n "$NS_I" link set "$IF_I" up
    MAC_T=$(ip -n "$NS_T" -o link show "$IF_T" | grep -o 'link/ether [0-9a-f:]*' | cut -d' ' -f2)
    MAC_I=$(ip -n "$NS_I" -o link show "$IF_I" | grep -o 'link/ether [0-9a-f:]*' | cut -d' ' -f2)
    [ -n "$MAC_T" ] && [ -n "$MAC_I" ] || e2e_die "cannot read the veth MAC addresses"
}

in_t() { ip netns exec "$NS_T" "$@"; }
in_i() { ip netns exec "$NS_I" "$@"; }

E2E_TARGET_RUNS=0
target_start() {
    E2E_TARGET_RUNS=$((E2E_TARGET_RUNS + 1))
    TOUT="$WORK/target.$E2E_TARGET_RUNS.out"
    TERR="$WORK/target.$E2E_TARGET_RUNS.err"
    ip netns exec "$NS_T" "$TARGET" "$@" >"$TOUT" 2>"$TERR" &
    TPID=$!
    E2E_PIDS+=("$TPID")
    local i
    for i in $(seq 1 50); do
        if grep -q '^pid [0-9]*:' "$TOUT" 2>/dev/null; then return 0; fi
        if ! kill -0 "$TPID" 2>/dev/null; then
            e2e_log "target exited at startup: $TARGET $*"
            e2e_log "$(cat "$TERR")"
            return 1
        fi
        sleep 0.1
    done
    e2e_log "target printed no 'pid N:' line within 5 s: $TARGET $*"
    return 1
}

target_stop() {
    TRC=
    [ -n "${TPID:-}" ] || return 0
    kill -TERM "$TPID" 2>/dev/null
    local i
    for i in $(seq 1 100); do kill -0 "$TPID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$TPID" 2>/dev/null; then
        e2e_log "target $TPID ignored SIGTERM for 10 s; killing it"
        kill -KILL "$TPID" 2>/dev/null
    fi
    wait "$TPID" 2>/dev/null
    TRC=$?
    TPID=
}

ok() {
    E2E_PASSED=$((E2E_PASSED + 1))
    printf 'ok %d - %s\n' "$((E2E_PASSED + E2E_FAILED))" "$*"
}

not_ok() {
    E2E_FAILED=$((E2E_FAILED + 1))
    printf 'not ok %d - %s\n' "$((E2E_PASSED + E2E_FAILED))" "$1"
    shift
    local line
    for line in "$@"; do printf '#   %s\n' "$line"; done
}

# check DESCRIPTION CMD...: passes when CMD succeeds.
check() {
    local desc=$1
    shift
    if "$@"; then ok "$desc"; else not_ok "$desc" "command failed: $*"; fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: '$2'" "actual:   '$3'"; fi
}

# field KEY LINE: the value of KEY=VALUE in an aoe_request reply line (empty when absent).
field() {
    local kv
    for kv in $2; do
        case $kv in "$1="*) printf '%s' "${kv#*=}"; return 0 ;; esac
    done
    return 1
}

# Bytes COUNT sectors at LBA of an image, as cksum prints them ("CRC LENGTH").
image_cksum() {
    dd if="$1" bs=512 skip="$2" count="$3" 2>/dev/null | cksum
}

e2e_finish() {
    printf '%s: %d passed, %d failed\n' "$E2E_NAME" "$E2E_PASSED" "$E2E_FAILED"
    [ "$E2E_FAILED" -eq 0 ] && [ "$E2E_PASSED" -gt 0 ]
    exit $?
}
