#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs qvblade, Debian's vblade 25, ggaoed 1.1 and qvblade's null target (the packet-path ceiling)
# side by side on one veth pair inside private network namespaces, at every MTU asked for,
# alternating the targets within each round, keeps the raw results in a results directory and has
# bench/report.sh write the medians into docs/performance.md (between its "compare.sh" markers; the
# rest of the file is kept).
#
#   sudo bench/compare.sh [BUILD_DIR]
#   env: ROUNDS (3), SECONDS_PER_RUN (3), MTUS ("9000 1500"), STORES ("tmpfs disk direct durable";
#        "rbd" too, when asked for, needs Ceph: scripts/install-deps.sh --test),
#        CLI / LOAD / PCW (default BUILD_DIR/cli/qvblade-cli, BUILD_DIR/bench/aoe-load,
#        BUILD_DIR/bench/page-cache-write),
#        GGAOED (ggaoed binary; default /var/cache/qvblade-bench/ggaoed/ggaoed, built by
#        bench/build-ggaoed.sh; GGAOED=none, or no binary there, runs without it and says so),
#        RESULTS_DIR (default bench/results/DATE-COMMIT: results and conditions, report.sh's input),
#        SECTION (the section of docs/performance.md to replace, default compare.sh; none leaves it),
#        PART (what report.sh writes there: all, ceilings for a short run of one store, or rbd for a
#        run of the rbd store alone: STORES=rbd MTUS=9000 SECTION=compare-rbd PART=rbd)
#
# Target pinned to CPU 0, load generator to CPU 1. Stores: a file in tmpfs, every block written (an
# image with contents; reading a tmpfs hole copies the kernel's one shared zero page, which no real
# image does), a sparse file on disk, and ("direct") a file on disk written full, served by every
# target with O_DIRECT: the one store whose reads and writes reach the device rather than the page
# cache. The null target runs beside the first store only: it never touches the file. After each
# store's sessions (durable's aside, whose reference is qvblade buffered) bench/page-cache-write
# stores the write workload's blocks in it alone (target "store"): report.sh's "null + store".
# "durable": another file on disk written full, written to by qvblade -s and vblade -s (every
# acknowledged write on stable storage; issue #22) and by qvblade without -s ("buffered", what
# durability costs it).
# "rbd" (only when STORES names it): a 512 MiB Ceph RBD image, written full, of a single-node test
# cluster the run starts (tests/ceph/ceph-cluster.sh, its own namespace) and stops. qvblade serves
# it from the cluster's namespace on a veth pair of its own to the initiator's namespace; its
# reference is `rbd bench` (target "rbd-bench": librbd itself, same size, pattern and 16 threads),
# the other AoE targets cannot serve RBD. Issue #23's goal: qvblade at 80 % of rbd bench.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
ROUNDS=${ROUNDS:-3}
SECS=${SECONDS_PER_RUN:-3}
MTUS=${MTUS:-9000 1500}
STORES=${STORES:-tmpfs disk direct durable}
CLI=${CLI:-$B/cli/qvblade-cli}
LOAD=${LOAD:-$B/bench/aoe-load}
PCW=${PCW:-$B/bench/page-cache-write}
GGAOED=${GGAOED:-/var/cache/qvblade-bench/ggaoed/ggaoed}
die() { echo "compare.sh: $*" >&2; exit 1; }
for s in $STORES; do case $s in tmpfs|disk|direct|durable|rbd) ;; *) die "unknown store '$s' (tmpfs, disk, direct, durable, rbd)" ;; esac; done
# null runs beside the first store that has it among its targets (every store but durable and rbd).
first_store=$(tr ' ' '\n' <<<"$STORES" | grep -vxE 'durable|rbd' | head -1 || true)
SECTION=${SECTION:-compare.sh}
PART=${PART:-all}
case $PART in all|ceilings|rbd) ;; *) die "unknown PART '$PART' (all, ceilings, rbd)" ;; esac
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
for x in "$CLI" "$LOAD" "$PCW"; do [ -x "$x" ] || die "build first ($x missing)"; done
command -v vblade >/dev/null || die "Debian's vblade is not installed (apt-get install vblade)"
targets=(qvblade vblade null)
if [ "$GGAOED" != none ] && [ -x "$GGAOED" ]; then
  targets+=(ggaoed)
else
  echo "compare.sh: no ggaoed binary ($GGAOED): running without it (build it with bench/build-ggaoed.sh)" >&2
  GGAOED=none
fi

T=qvbt$$ I=qvbi$$ W=$(mktemp -d) CLUSTER_NS=
TPIDS=()
cleanup() {
  set +e
  [ ${#TPIDS[@]} -gt 0 ] && kill "${TPIDS[@]}" 2>/dev/null
  ip netns pids $T 2>/dev/null | xargs -r kill 2>/dev/null
  [ -n "$CLUSTER_NS" ] && ip -n "$CLUSTER_NS" link del tgr0 2>/dev/null
  [ -f "$W/cluster/pids" ] && tests/ceph/ceph-cluster.sh stop "$W/cluster" >/dev/null 2>&1
  ip netns del $T 2>/dev/null || true; ip netns del $I 2>/dev/null || true
  rm -rf "$W" /dev/shm/qvbench-$$.img
}
trap cleanup EXIT
# Run a copy: a build directory that is rebuilt during the run must not change the binaries under it.
BUILT="qvblade-cli built $(date -u -r "$CLI" '+%Y-%m-%d %H:%M UTC') in a tree at $(git rev-parse --short HEAD)"
git diff --quiet HEAD -- core cli 2>/dev/null || BUILT+=" with uncommitted changes in core/ or cli/"
cp "$CLI" "$W/qvblade-cli"; cp "$LOAD" "$W/aoe-load"; cp "$PCW" "$W/page-cache-write"
CLI=$W/qvblade-cli LOAD=$W/aoe-load PCW=$W/page-cache-write
ip netns add $T; ip netns add $I
ip link add tgt0 netns $T type veth peer name ini0 netns $I
# The RBD store: the cluster, a veth pair from its namespace to the initiator's, the image written
# full (reads of never-written objects would cost the OSD nothing).
RBD_IMAGE=bench-$$
rbd_() { ip netns exec "$CLUSTER_NS" timeout 600 rbd -c "$W/cluster/ceph.conf" "$@"; }
if [[ " $STORES " == *" rbd "* ]]; then
  tests/ceph/ceph-cluster.sh start "$W/cluster" >&2 || die "the Ceph test cluster did not start (scripts/install-deps.sh --test installs Ceph)"
  CLUSTER_NS=$(cat "$W/cluster/netns")
  ip link add tgr0 netns "$CLUSTER_NS" type veth peer name inr0 netns $I
  rbd_ create --size 512M "rbd/$RBD_IMAGE" || die "rbd create failed"
  rbd_ bench --io-type write --io-size 4M --io-threads 4 --io-total 512M --io-pattern seq "rbd/$RBD_IMAGE" >/dev/null ||
    die "cannot write the RBD image full"
fi
set_mtu() {
  for ns in $T:tgt0 $I:ini0 ${CLUSTER_NS:+$CLUSTER_NS:tgr0 $I:inr0}; do ip -n ${ns%%:*} link set ${ns#*:} mtu "$1" up; done
}
declare -A image=([tmpfs]=/dev/shm/qvbench-$$.img [disk]=$W/qvbench-$$.img [direct]=$W/qvbench-direct-$$.img
                  [durable]=$W/qvbench-durable-$$.img)
# The direct and durable stores are written once (every block allocated, none of it in the page
# cache): their sessions overwrite blocks that exist, so each target finds the file as the one
# before it did.
for s in direct durable; do
  [[ " $STORES " == *" $s "* ]] && dd if=/dev/zero of="${image[$s]}" bs=1M count=1024 oflag=direct conv=fsync status=none
done

start_target() {   # name image buffers [slot]: the loaded target serves 1.1; idle neighbours other slots
  # DIRECT=1: the target opens the image with O_DIRECT. DURABLE=1: -s (buffered: qvblade without it).
  local cmd slot=${4:-1} pid d=${DIRECT:+-d } s=${DURABLE:+-s }
  case $1 in
    qvblade) cmd="$CLI $d$s-b $3 1 $slot $TIF $2" ;;
    buffered) cmd="$CLI $d-b $3 1 $slot tgt0 $2" ;;
    vblade)  cmd="vblade $d$s-b $3 1 $slot tgt0 $2" ;;
    null)    cmd="$CLI --null -b $3 1 $slot tgt0 $2" ;;
    ggaoed)  # -n: foreground without -d's per-request trace; it needs a writable state directory.
             mkdir -p "$W/ggaoed-state-$slot"
             cat > "$W/ggaoed-$slot.conf" <<EOF
[defaults]
interfaces = tgt0
direct-io = $([ -n "${DIRECT:-}" ] && echo true || echo false)
queue-length = $3
pid-file = $W/ggaoed-$slot.pid
control-socket = $W/ggaoed-$slot.sock
state-directory = $W/ggaoed-state-$slot

[qvbench]
path = $2
shelf = 1
slot = $slot
EOF
             cmd="$GGAOED -n -c $W/ggaoed-$slot.conf" ;;
  esac
  ip netns exec $TNS taskset -c 0 $cmd >>"$W/target.log" 2>&1 &
  pid=$!
  TPIDS+=("$pid")
  sleep 0.5
  kill -0 $pid 2>/dev/null || { cat "$W/target.log" >&2; die "$1 did not start"; }
  # An RBD export serves once it has connected to the cluster: its "pid N:" line says so.
  if [ "$TNS" = "${CLUSTER_NS:-}" ]; then
    local i
    for i in $(seq 1 300); do
      [ "$(grep -c "^pid $pid:" "$W/target.log")" -gt 0 ] && break
      kill -0 $pid 2>/dev/null || { cat "$W/target.log" >&2; die "$1 did not start on the RBD image"; }
      sleep 0.1
    done
  fi
}
stop_targets() {
  local pid
  for pid in "${TPIDS[@]}"; do kill $pid 2>/dev/null || echo "compare.sh: a target had exited" >&2; done
  for pid in "${TPIDS[@]}"; do wait $pid 2>/dev/null || true; done
  TPIDS=()
}

field() { grep -oE "(^| )$1=[0-9.]+" <<<"$2" | head -1 | cut -d= -f2 || echo 0; }
run_case() {   # mtu store target op bytes outstanding [--random | again]; NEIGHBOURS: idle targets beside it
  # "again": the sequential case once more against the same target process; both runs read from
  # the start of the span, so the second reads blocks the target has served before (how a target
  # that has been serving a while stands, rather than one started a second ago).
  local out flag=${7:-} label=
  case $flag in --random) label=" random" ;; again) flag= label=", run again" ;; esac
  if [ "$3" = rbd-bench ]; then
    out=$(rbd_bench "$4" "$5" "$6" "$flag")
  else
    out=$(timeout $((SECS + 30)) ip netns exec $I taskset -c 1 "$LOAD" $IIF 1 1 --op $4 --bytes $5 --outstanding $6 $flag $LOAD_FLAGS \
            --seconds $SECS --span-mib 512 2>>"$W/load.log" || true)
  fi
  echo "round $r MTU $1 $2 $3 $4 $5 x$6 ${7:-}${NEIGHBOURS:+ +$NEIGHBOURS idle}: ${out:-no result}" >&2
  [ -n "$out" ] || out="iops=0 timeouts=-1"
  printf '%s|%s|%s %sB x%s%s%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$1" "$2" "$4" "$5" "$6" "$label" \
    "${NEIGHBOURS:+, $NEIGHBOURS idle targets beside}" "$3" \
    "$(field iops "$out")" "$(field mbps "$out")" "$(field p50_us "$out")" "$(field p99_us "$out")" \
    "$(field retransmits "$out")" "$(field timeouts "$out")" "$(field errors "$out")" >> "$RESULTS"
}

# rbd bench with the load generator's pattern (op bytes threads [--random]) for about SECS seconds,
# printed as aoe-load prints ("iops=N mbps=M"): rbd bench stops after a byte count, so a short run
# measures the rate first. Pinned to CPU 0, where qvblade and its librbd run (the OSD runs where
# it may): the librbd client has the same CPU in both.
# With librbd's cache off, as qvblade runs it (docs/rbd.md): with its default writeback cache rbd
# bench counts writes that only reached its memory (6.6 k against 1 k a second here).
rbd_bench() {
  local pattern=seq ops=2000 rate out
  [ "$4" = --random ] && pattern=rand
  for pass in calibrate measure; do
    out=$(ip netns exec "$CLUSTER_NS" taskset -c 0 timeout $((SECS * 4 + 60)) rbd -c "$W/cluster/ceph.conf" --rbd_cache=false bench \
            --io-type "$1" --io-size "$2" --io-threads "$3" --io-pattern $pattern --io-total $(($2 * ops)) \
            "rbd/$RBD_IMAGE" 2>>"$W/load.log" | grep -o 'ops/sec: [0-9.]*' | tail -1 | cut -d' ' -f2)
    [ -n "$out" ] || return 0
    rate=$out
    ops=$(awk -v r="$rate" -v s="$SECS" 'BEGIN {printf "%d", r * s + 1}')
  done
  awk -v r="$rate" -v b="$2" 'BEGIN {printf "iops=%.0f mbps=%.1f\n", r, r * b / 1e6}'
}

OUT=${RESULTS_DIR:-bench/results/$(date -u +%Y-%m-%d-%H%M)-$(git rev-parse --short HEAD)}
mkdir -p "$OUT"
RESULTS=$OUT/results
: > "$RESULTS"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$ROUNDS"); do
  for mtu in $MTUS; do
    set_mtu "$mtu"
    big=$(( (mtu - 36) / 512 * 512 ))   # the largest write a frame carries (8704 at MTU 9000, 1024 at 1500)
    small=$(( big < 4096 ? big : 4096 ))
    # Target sessions: the cases up to 16 outstanding against the default 16 advertised
    # buffers, then 64 outstanding against 64 (a target drops what exceeds its buffers). Reads
    # come before the write, and each session starts from a fresh image, so that every target
    # reads the same blocks: zeros written on tmpfs, never written on disk. The third (tmpfs
    # only) adds three idle processes of the same target on the interface (shelf 1, slots 2-4:
    # one process per export, as vblade is run), each of which is handed the loaded target's
    # traffic unless its kernel filter keeps it out.
    sessions=("16:read $small 1;read $small 1 again;read $small 1 --random;read $small 16 --random;write $big 16"
              "64:read $small 64 --random"
              "16+3:read $small 16 --random;write $big 16")
    # The durable store: 16 outstanding small random and full-frame sequential writes, the targets
    # of issue #22, by qvblade -s, vblade -s and qvblade buffered (neither null nor ggaoed: ggaoed
    # has no such mode).
    durable_sessions=("16:write $small 16 --random;write $big 16")
    # The RBD store: issue #23's cases, 16 outstanding 4 KiB random reads and writes.
    rbd_sessions=("16:read 4096 16 --random;write 4096 16 --random")
    for store in $STORES; do
      img=${image[$store]:-} DIRECT= DURABLE= TNS=$T TIF=tgt0 IIF=ini0 LOAD_FLAGS=
      [ "$store" = direct ] && DIRECT=1
      [ "$store" = durable ] && DURABLE=1
      store_targets=("${targets[@]}")
      [ "$store" = durable ] && store_targets=(qvblade vblade buffered)
      if [ "$store" = rbd ]; then
        # The load generator waits for replies in poll() here, as rbd bench does: spinning, it
        # would take a CPU from the OSD, which the two CPUs of this bench share with both.
        store_targets=(qvblade rbd-bench) TNS=$CLUSTER_NS TIF=tgr0 IIF=inr0 LOAD_FLAGS=--no-spin
        img="--ceph-conf $W/cluster/ceph.conf rbd:rbd/$RBD_IMAGE"
      fi
      for t in "${store_targets[@]}"; do
        [ "$t" = null ] && [ "$store" != "$first_store" ] && continue
        store_sessions=("${sessions[@]}")
        [ "$store" = durable ] && store_sessions=("${durable_sessions[@]}")
        [ "$store" = rbd ] && store_sessions=("${rbd_sessions[@]}")
        for s in "${store_sessions[@]}"; do
          size=${s%%:*} NEIGHBOURS=
          [[ $size == *+* ]] && NEIGHBOURS=${size#*+} size=${size%+*}
          [ -n "$NEIGHBOURS" ] && [ "$store" != tmpfs ] && continue
          case $store in
            tmpfs) rm -f "$img"; dd if=/dev/zero of="$img" bs=1M count=1024 status=none ;;
            disk)  rm -f "$img"; truncate -s 1G "$img"; sync ;;
            durable) sync "$img" ;;   # dirty pages the target before left (buffered) are not this one's to write
          esac
          [ "$t" = rbd-bench ] || start_target "$t" "$img" "$size"
          for n in $(seq 2 $((1 + ${NEIGHBOURS:-0}))); do start_target "$t" "$img" "$size" "$n"; done
          IFS=';' read -ra cases <<<"${s#*:}"
          for c in "${cases[@]}"; do run_case "$mtu" "$store" "$t" $c; done
          stop_targets
        done
      done
      # What storing the write workload's data costs by itself on the target's CPU, without any
      # network, on the image as its sessions found it (report.sh adds it to null's time per frame).
      # Not for durable (qvblade buffered on the same file is its reference) nor rbd (rbd bench is).
      [ "$store" = durable ] || [ "$store" = rbd ] && continue
      case $store in
        tmpfs) rm -f "$img"; dd if=/dev/zero of="$img" bs=1M count=1024 status=none ;;
        disk)  rm -f "$img"; truncate -s 1G "$img"; sync ;;
      esac
      out=$(taskset -c 0 "$PCW" "$img" --bytes $big --batch 16 --seconds "$SECS" --span-mib 512 ${DIRECT:+--direct})
      echo "round $r MTU $mtu $store store alone write $big x16: $out" >&2
      printf '%s|%s|write %sB x16|store|%s|%s|0|0|0|0|0\n' "$mtu" "$store" "$big" \
        "$(field writes_per_s "$out")" "$(field mbps "$out")" >> "$RESULTS"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

cat > "$OUT/conditions" <<EOF
ROUNDS=$ROUNDS
SECS=$SECS
MTUS=$MTUS
GGAOED=$GGAOED
BUILT=$BUILT
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
MACHINE=$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), kernel $(uname -r)
LOAD_BEFORE=$load_before
LOAD_AFTER=$load_after
COMMAND=ROUNDS=$ROUNDS SECONDS_PER_RUN=$SECS MTUS="$MTUS" STORES="$STORES" sudo bench/compare.sh $B
EOF
bench/report.sh "$OUT" "$PART" > "$W/report.md"
if [ "$SECTION" != none ]; then
  . bench/doc_section.sh
  replace_section "$SECTION" docs/performance.md < "$W/report.md"
fi
cat "$W/report.md"
echo "compare.sh: raw results in $OUT (bench/report.sh $OUT)" >&2
if grep -qi 'warn\|error' "$W/target.log"; then echo "target messages:" >&2; sort -u "$W/target.log" | head -20 >&2; fi
