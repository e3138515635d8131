#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The Linux initiator (aoe.ko in the QEMU lab guest of tests/e2e/lab) doing direct-I/O dd against
# qvblade and Debian's vblade 25. Both serve the same tap in one guest boot (e9.0 and e9.1, each
# its own image), and the guest alternates between them (bench/lab/guest-dd.sh), so
# every qvblade run has a vblade run of the same boot and minute beside it: under TCG the speed
# of one boot varies by 2-3x, far more than the targets differ. The guest is the bottleneck there:
# this only shows whether qvblade is slower with the real driver. Writes its table into
# docs/performance.md (between its "lab-dd.sh" markers).
#
#   sudo bench/lab-dd.sh [BUILD_DIR]     env: CLI (BUILD_DIR/cli/qvblade-cli), ROUNDS (boots, 2),
#                                             REPS (pairs per boot, 4), DD_MB (128), MTU (9000),
#                                             QVBLADE_ARGS (options for qvblade-cli, e.g. --no-map),
#                                             VM_ACCEL (tcg; kvm), as run-vm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
CLI=${CLI:-$B/cli/qvblade-cli}
ROUNDS=${ROUNDS:-2}
export MTU=${MTU:-9000} DD_MB=${DD_MB:-128} REPS=${REPS:-4}
die() { echo "lab-dd.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (network namespace, tap device)"
[ -x "$CLI" ] || die "build first ($CLI missing)"
command -v vblade >/dev/null || die "Debian's vblade is not installed (apt-get install vblade)"
CLI=$(readlink -f "$CLI")
W=$(mktemp -d /dev/shm/qvbench-lab.XXXXXX)
trap 'rm -rf "$W"' EXIT
export GUEST_ENV="SHELF=9 DD_MB=$DD_MB REPS=$REPS" VM_TIMEOUT=${VM_TIMEOUT:-600} VM_SHOW='^(THROUGHPUT|FAIL|INFO setting)'

: > "$W/results"   # lines "target rep write read", and "pair write_ratio read_ratio"
for r in $(seq 1 "$ROUNDS"); do
  rm -f "$W/q.img" "$W/v.img"; truncate -s 256M "$W/q.img" "$W/v.img"
  # The slots swap every boot (qvblade e9.0 in odd boots, e9.1 in even ones): two processes of
  # the same target measured this way differ by up to 10 % between the slots of one boot.
  qs=$(( (r + 1) % 2 )) vs=$(( r % 2 ))
  # run-vm.sh keeps the first process (and its group) as the target: vblade runs beside it.
  cmd=(sh -c '"$1" $5 9 "$6" "$2" "$3" & exec vblade 9 "$7" "$2" "$4"' lab-dd "$CLI" @IF@ "$W/q.img" "$W/v.img"
       "${QVBLADE_ARGS:-}" $qs $vs)
  out=$(tests/e2e/lab/run-vm.sh bench/lab/guest-dd.sh "${cmd[@]}" 2>&1) || { echo "$out" >&2; echo "lab-dd.sh: boot $r failed" >&2; continue; }
  grep '^THROUGHPUT' <<<"$out" | sed "s/^/boot $r: /" >&2
  grep '^THROUGHPUT' <<<"$out" | awk -v r="$r" -v qs=$qs '{
      for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      t = f["slot"] == qs ? "qvblade" : "vblade"
      print t, r "." f["rep"], f["write_mbps"], f["read_mbps"] }' >> "$W/results"
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "–"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v t="$1" -v f="$2" '$1==t {print $f}' "$W/results"; }
# ratios of each pair (same boot, same rep): qvblade / vblade
pairs() { awk -v f="$1" '{v[$2 SUBSEP $1] = $f; reps[$2]} END {for (k in reps) if ((k SUBSEP "qvblade") in v && (k SUBSEP "vblade") in v && v[k SUBSEP "vblade"] > 0) printf "%.3f\n", v[k SUBSEP "qvblade"] / v[k SUBSEP "vblade"]}' "$W/results"; }
ahead() { pairs "$1" | awk '$1 >= 1 {n++} END {printf "%d of %d", n, NR}'; }
{
  echo "## Linux initiator in the lab VM (direct-I/O dd)"
  echo
  echo "Measured by \`${QVBLADE_ARGS:+QVBLADE_ARGS=\"$QVBLADE_ARGS\" }sudo bench/lab-dd.sh $B\` on $(date -u '+%Y-%m-%d %H:%M UTC') at $(git rev-parse --short HEAD) (ROUNDS=$ROUNDS boots, REPS=$REPS): the guest"
  echo "of tests/e2e/lab (QEMU ${VM_ACCEL:-tcg}, 2 vCPUs, virtio-net on a tap in a private namespace, MTU $MTU) sees"
  echo "qvblade and vblade 25 on the same tap (as e9.0 and e9.1, swapped every boot) and writes then reads $DD_MB MiB"
  echo "on each with \`dd bs=1M oflag=direct\` / \`iflag=direct\`, alternating which goes first; images in tmpfs. A pair is one"
  echo "qvblade and one vblade run of the same boot and minute. The emulated guest is the bottleneck here."
  echo
  echo "| target | write MB/s | read MB/s | runs |"
  echo "|---|---:|---:|---:|"
  for t in qvblade vblade; do echo "| $t | $(col $t 3 | median) | $(col $t 4 | median) | $(col $t 3 | wc -l) |"; done
  echo
  echo "| per pair, qvblade / vblade | write | read |"
  echo "|---|---:|---:|"
  echo "| median | $(pairs 3 | median) | $(pairs 4 | median) |"
  echo "| qvblade at least as fast | $(ahead 3) | $(ahead 4) |"
} > "$W/lab.md"
. bench/doc_section.sh
replace_section lab-dd.sh docs/performance.md < "$W/lab.md"
cat "$W/lab.md"
