#!/bin/bash
# The Linux initiator (aoe.ko in the QEMU lab guest of tests/e2e/lab) doing direct-I/O dd against
# qvblade and Debian's vblade 25, one guest boot per target and round, alternating the targets.
# Under TCG the guest is the bottleneck: this only shows qvblade is not slower with the real driver.
# Writes its table into docs/performance.md (between its "lab-dd.sh" markers).
#
#   sudo bench/lab-dd.sh [BUILD_DIR]     env: CLI (BUILD_DIR/cli/qvblade-cli), ROUNDS (2), DD_MB (64),
#                                             MTU (9000), VM_ACCEL (tcg; kvm), as run-vm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
CLI=${CLI:-$B/cli/qvblade-cli}
ROUNDS=${ROUNDS:-2}
export MTU=${MTU:-9000} DD_MB=${DD_MB:-64}
die() { echo "lab-dd.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (network namespace, tap device)"
[ -x "$CLI" ] || die "build first ($CLI missing)"
command -v vblade >/dev/null || die "Debian's vblade is not installed (apt-get install vblade)"
CLI=$(readlink -f "$CLI")
W=$(mktemp -d /dev/shm/qvbench-lab.XXXXXX)
trap 'rm -rf "$W"' EXIT
export GUEST_ENV="SHELF=9 SLOT=0 DD_MB=$DD_MB" VM_TIMEOUT=${VM_TIMEOUT:-300} VM_SHOW='^(THROUGHPUT|FAIL|INFO setting)'

: > "$W/results"
for r in $(seq 1 "$ROUNDS"); do
  for t in qvblade vblade; do
    rm -f "$W/disk.img"; truncate -s 256M "$W/disk.img"
    case $t in qvblade) cmd=("$CLI" 9 0 @IF@ "$W/disk.img") ;; vblade) cmd=(vblade 9 0 @IF@ "$W/disk.img") ;; esac
    out=$(tests/e2e/lab/run-vm.sh bench/lab/guest-dd.sh "${cmd[@]}" 2>&1) || { echo "$out" >&2; echo "lab-dd.sh: round $r $t failed" >&2; continue; }
    line=$(grep -m1 '^THROUGHPUT' <<<"$out")
    echo "round $r $t: $line" >&2
    echo "$t $(grep -o 'write_mbps=[0-9.]*' <<<"$line" | cut -d= -f2) $(grep -o 'read_mbps=[0-9.]*' <<<"$line" | cut -d= -f2)" >> "$W/results"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "–"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v t="$1" -v f="$2" '$1==t {print $f}' "$W/results"; }
{
  echo "## Linux initiator in the lab VM (direct-I/O dd)"
  echo
  echo "Measured by \`sudo bench/lab-dd.sh $B\` on $(date -u '+%Y-%m-%d %H:%M UTC'): the guest of tests/e2e/lab"
  echo "(QEMU ${VM_ACCEL:-tcg}, 2 vCPUs, virtio-net on a tap in a private namespace, MTU $MTU) writes then reads"
  echo "$DD_MB MiB with \`dd bs=1M oflag=direct\` / \`iflag=direct\`; image in tmpfs; median of $ROUNDS boots per target."
  echo "The emulated guest is the bottleneck here: this shows only that qvblade is not slower with the real driver."
  echo
  echo "| target | write MB/s | read MB/s | runs |"
  echo "|---|---:|---:|---:|"
  for t in qvblade vblade; do echo "| $t | $(col $t 2 | median) | $(col $t 3 | median) | $(col $t 2 | wc -l) |"; done
} > "$W/lab.md"
. bench/doc_section.sh
replace_section lab-dd.sh docs/performance.md < "$W/lab.md"
cat "$W/lab.md"
