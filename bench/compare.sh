#!/bin/bash
# Runs qvblade, Debian's vblade 25 and qvblade's null target (the packet-path ceiling) side by side
# on one veth pair inside private network namespaces, alternating the targets within each round,
# and writes the medians to docs/performance.md.
#
#   sudo bench/compare.sh [BUILD_DIR]          env: ROUNDS (3), SECONDS_PER_RUN (3), MTU (9000),
#                                                   GGAOED (path to a ggaoed binary, optional)
# Target pinned to CPU 0, load generator to CPU 1. The image is a file in tmpfs and a sparse file on disk.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
ROUNDS=${ROUNDS:-3}
SECS=${SECONDS_PER_RUN:-3}
MTU=${MTU:-9000}
CLI=$B/cli/qvblade-cli LOAD=$B/bench/aoe-load
[ "$(id -u)" -eq 0 ] || { echo "compare.sh: needs root (network namespaces)" >&2; exit 1; }
for x in "$CLI" "$LOAD"; do [ -x "$x" ] || { echo "compare.sh: build first ($x missing)" >&2; exit 1; }; done
command -v vblade >/dev/null || { echo "compare.sh: Debian's vblade is not installed" >&2; exit 1; }

T=qvbt$$ I=qvbi$$ W=$(mktemp -d)
cleanup() { pkill -f "qvbench-$$" 2>/dev/null || true; ip netns del $T 2>/dev/null; ip netns del $I 2>/dev/null; rm -rf "$W" /dev/shm/qvbench-$$.img; }
trap cleanup EXIT
ip netns add $T; ip netns add $I
ip link add tgt0 netns $T type veth peer name ini0 netns $I
for ns in $T:tgt0 $I:ini0; do ip -n ${ns%%:*} link set ${ns#*:} mtu $MTU up; done
truncate -s 1G /dev/shm/qvbench-$$.img
truncate -s 1G "$W/qvbench-$$.img"

start_target() {   # name image
  local cmd
  case $1 in
    qvblade) cmd="$CLI 1 1 tgt0 $2" ;;
    vblade)  cmd="vblade 1 1 tgt0 $2" ;;
    null)    cmd="$CLI --null 1 1 tgt0 $2" ;;
    ggaoed)  printf '[default]\ninterfaces = tgt0\ndirect-io = false\n[qvbench]\npath = %s\nshelf = 1\nslot = 1\n' "$2" > "$W/ggaoed.conf"
             cmd="$GGAOED -d -c $W/ggaoed.conf" ;;
  esac
  # argv[0] tag so cleanup finds it
  ip netns exec $T taskset -c 0 bash -c "exec -a qvbench-$$ $cmd" >"$W/target.log" 2>&1 &
  TPID=$!
  sleep 0.5
}
stop_target() { kill $TPID 2>/dev/null; wait $TPID 2>/dev/null || true; }

big=$(( (MTU - 36) / 512 * 512 ))   # the largest write a frame carries (8704 at MTU 9000)
cases=("read 4096 16 --random" "write $big 16" "read 4096 1")
[ $big -lt 4096 ] && cases=("read $big 16 --random" "write $big 16" "read $big 1")
targets=(qvblade vblade null)
[ -n "${GGAOED:-}" ] && targets+=(ggaoed)
images=(/dev/shm/qvbench-$$.img "$W/qvbench-$$.img")
: > "$W/results"
for r in $(seq 1 $ROUNDS); do
  for img in "${images[@]}"; do
    store=tmpfs; [ "$img" = "${images[1]}" ] && store=disk
    for t in "${targets[@]}"; do
      [ "$t" = null ] && [ $store = disk ] && continue
      # Every target starts from a fresh sparse file: the first writer would otherwise pay
      # for the block allocation of those who follow.
      [ $store = disk ] && { rm -f "$img"; truncate -s 1G "$img"; sync; }
      start_target $t "$img"
      for c in "${cases[@]}"; do
        set -- $c
        out=$(ip netns exec $I taskset -c 1 "$LOAD" ini0 1 1 --op $1 --bytes $2 --outstanding $3 ${4:-} --seconds $SECS --span-mib 512 || true)
        iops=$(grep -o 'iops=[0-9]*' <<<"$out" | cut -d= -f2); iops=${iops:-0}
        echo "$store|$1 ${2}B x$3 ${4:+random}|$t|$iops|$(grep -o 'p99_us=[0-9]*' <<<"$out" | cut -d= -f2)|$(grep -o 'timeouts=[0-9]*' <<<"$out" | cut -d= -f2)" >> "$W/results"
        echo "round $r $store $t $c: $out" >&2
      done
      stop_target
    done
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
spread() { sort -n | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi}'; }
{
  echo "# Performance"
  echo
  echo "Measured by \`sudo bench/compare.sh\` (ROUNDS=$ROUNDS, ${SECS} s a run, MTU $MTU) on $(date -u +%Y-%m-%d):"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), kernel $(uname -r),"
  echo "target pinned to CPU 0 and \`bench/aoe-load\` (batched recvmmsg/sendmmsg initiator) to CPU 1, veth pair"
  echo "between two network namespaces. Targets alternate within every round; the table shows the median"
  echo "IOPS of the rounds, their range, and qvblade's ratio to each peer. \"null\" is qvblade's engine answering"
  echo "without touching the file: the ceiling of this packet path and load generator."
  echo "These machines are shared; only ratios measured in one run mean anything."
  echo
  echo "| store | workload | target | median IOPS | range | p99 µs (median) | timeouts |"
  echo "|---|---|---|---:|---|---:|---:|"
  cut -d'|' -f1-3 "$W/results" | sort -u | while IFS='|' read -r s w t; do
    rows=$(awk -F'|' -v s="$s" -v w="$w" -v t="$t" '$1==s && $2==w && $3==t' "$W/results")
    echo "| $s | $w | $t | $(cut -d'|' -f4 <<<"$rows" | median) | $(cut -d'|' -f4 <<<"$rows" | spread) | $(cut -d'|' -f5 <<<"$rows" | median) | $(cut -d'|' -f6 <<<"$rows" | awk '{s+=$1} END {print s}') |"
  done
  echo
  echo "| store | workload | qvblade / vblade | qvblade / null |"
  echo "|---|---|---:|---:|"
  cut -d'|' -f1-2 "$W/results" | sort -u | while IFS='|' read -r s w; do
    m() { awk -F'|' -v s="$s" -v w="$w" -v t="$1" '$1==s && $2==w && $3==t {print $4}' "$W/results" | median; }
    q=$(m qvblade) v=$(m vblade) n=$(m null)
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }'; }
    echo "| $s | $w | $(ratio $q $v) | $(ratio $q $n) |"
  done
} > docs/performance.md.new
mv docs/performance.md.new docs/performance.md
cat docs/performance.md
