#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Resident memory of the targets: does it grow with the export's size, and what does each further
# export cost? Serves sparse images (nothing is allocated on disk) on a veth pair inside private
# network namespaces, drives some I/O with bench/aoe-load, reads VmRSS from /proc, and writes the
# table into docs/performance.md (between its "memory.sh" markers).
#
#   sudo bench/memory.sh [BUILD_DIR]     env: CLI, LOAD (default BUILD_DIR/...), EXPORTS ("1 16 64"),
#                                             MTU (9000), GGAOED (as in compare.sh; none to skip)
#
# qvblade-cli serves N exports from one process (--config, one export a line, all on one
# interface); vblade 25 serves one export a process, so N vblade exports are N processes;
# ggaoed serves N devices from one process. qvblade-helper runs the same Engine as qvblade-cli.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
CLI=${CLI:-$B/cli/qvblade-cli}
LOAD=${LOAD:-$B/bench/aoe-load}
EXPORTS=${EXPORTS:-1 16 64}
MTU=${MTU:-9000}
GGAOED=${GGAOED:-/var/cache/qvblade-bench/ggaoed/ggaoed}
die() { echo "memory.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
for x in "$CLI" "$LOAD"; do [ -x "$x" ] || die "build first ($x missing)"; done
command -v vblade >/dev/null || die "Debian's vblade is not installed (apt-get install vblade)"
[ "$GGAOED" != none ] && [ -x "$GGAOED" ] || { echo "memory.sh: no ggaoed binary ($GGAOED): running without it" >&2; GGAOED=none; }

T=qvmt$$ I=qvmi$$ W=$(mktemp -d /var/tmp/qvbench-mem.XXXXXX)
PIDS=()
cleanup() {
  set +e
  ((${#PIDS[@]})) && kill "${PIDS[@]}" 2>/dev/null
  ip netns pids $T 2>/dev/null | xargs -r kill 2>/dev/null
  ip netns del $T 2>/dev/null || true; ip netns del $I 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT
ip netns add $T; ip netns add $I
ip link add tgt0 netns $T type veth peer name ini0 netns $I
for ns in $T:tgt0 $I:ini0; do ip -n ${ns%%:*} link set ${ns#*:} mtu "$MTU" up; done
big=$(( (MTU - 36) / 512 * 512 ))

spawn() { ip netns exec $T taskset -c 0 "$@" >>"$W/target.log" 2>&1 & PIDS+=($!); }
stop_all() { kill "${PIDS[@]}" 2>/dev/null || echo "memory.sh: a target had exited" >&2; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; PIDS=(); }
# The resident KiB of every process started, summed (ip netns exec execs the target: the pid is its own).
rss() { local s=0 p v; for p in "${PIDS[@]}"; do v=$(awk '/^VmRSS/ {print $2}' /proc/$p/status 2>/dev/null); s=$((s + ${v:-0})); done; echo $s; }
load() {   # slot span-mib: 16 random reads and 16 largest-frame writes, a quarter of a second each
  ip netns exec $I taskset -c 1 "$LOAD" ini0 1 "$1" --op read --bytes 4096 --outstanding 16 --random --seconds 0.25 --span-mib "$2" >/dev/null || echo "memory.sh: load on slot $1 failed" >&2
  ip netns exec $I taskset -c 1 "$LOAD" ini0 1 "$1" --op write --bytes $big --outstanding 16 --seconds 0.25 --span-mib 64 >/dev/null || echo "memory.sh: load on slot $1 failed" >&2
  # qvblade sends cached reads from a mapping of the image, and those page-cache pages count in
  # VmRSS while mapped; it unmaps them after a quarter second idle (core/image_map.h). Measure
  # every target at rest, after that.
  sleep 0.6
}
start() {   # target n-exports size
  local n=$2 s
  for s in $(seq 1 "$n"); do truncate -s "$3" "$W/img$s"; done
  case $1 in
    qvblade) for s in $(seq 1 "$n"); do echo "1 $s tgt0 $W/img$s"; done > "$W/exports.conf"
             spawn "$CLI" --config "$W/exports.conf" ;;
    vblade)  for s in $(seq 1 "$n"); do spawn vblade 1 "$s" tgt0 "$W/img$s"; done ;;
    ggaoed)  mkdir -p "$W/state"
             printf '[defaults]\ninterfaces = tgt0\ndirect-io = false\npid-file = %s\ncontrol-socket = %s\nstate-directory = %s\n' \
               "$W/ggaoed.pid" "$W/ggaoed.sock" "$W/state" > "$W/ggaoed.conf"
             for s in $(seq 1 "$n"); do printf '[e%s]\npath = %s\nshelf = 1\nslot = %s\n' "$s" "$W/img$s" "$s"; done >> "$W/ggaoed.conf"
             spawn "$GGAOED" -n -c "$W/ggaoed.conf" ;;
  esac
  sleep 0.5
  for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null || { cat "$W/target.log" >&2; die "$1 did not start"; }; done
}
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

targets=(qvblade vblade); [ "$GGAOED" != none ] && targets+=(ggaoed)
out=$W/memory.md
{
  echo "## Memory"
  echo
  echo "Measured by \`sudo bench/memory.sh $B\` on $(date -u '+%Y-%m-%d %H:%M UTC') at MTU $MTU: VmRSS of the target"
  echo "(summed over its processes) after serving 16 outstanding 4 KiB random reads and ${big}-byte writes for"
  echo "a quarter of a second to each export. Images are sparse files on disk."
  echo
  echo "### Export size"
  echo
  echo "| target | 1 GiB image | 1 TiB image |"
  echo "|---|---:|---:|"
  for t in "${targets[@]}"; do
    row="| $t |"
    for size in 1G 1T; do
      span=512; [ $size = 1T ] && span=$((1024 * 1024))   # random reads over the whole export
      start $t 1 $size; load 1 $span
      row+=" $(mib "$(rss)") MiB |"
      stop_all; rm -f "$W"/img*
    done
    echo "$row"
  done
  echo
  echo "### Number of exports"
  echo
  echo "Each export a 1 GiB sparse image, I/O to every one of them. qvblade and ggaoed: one process;"
  echo "vblade 25: one process per export. Per export = (RSS at the most exports − RSS at one) / (the difference in exports)."
  echo
  header="| target |"; sep="|---|"
  for n in $EXPORTS; do header+=" $n export$([ "$n" = 1 ] || echo s) |"; sep+="---:|"; done
  echo "$header per export |"; echo "$sep---:|"
  for t in "${targets[@]}"; do
    row="| $t |"; first= last= nfirst= nlast=
    for n in $EXPORTS; do
      start $t "$n" 1G
      for s in $(seq 1 "$n"); do load "$s" 512; done
      k=$(rss); row+=" $(mib "$k") MiB |"
      [ -n "$first" ] || { first=$k nfirst=$n; }; last=$k nlast=$n
      stop_all; rm -f "$W"/img*
    done
    per=–; [ "$nlast" != "$nfirst" ] && per="$(awk -v a="$first" -v b="$last" -v n=$((nlast - nfirst)) 'BEGIN {printf "%.0f", (b - a) / n}') KiB"
    echo "$row $per |"
  done
} > "$out"
. bench/doc_section.sh
replace_section memory.sh docs/performance.md < "$out"
cat "$out"
