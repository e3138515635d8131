#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every measurement docs/performance.md reports, one after the other, each replacing its own
# section of the report: the compare run (four stores, both MTUs, against vblade 25, ggaoed 1.1
# and the ceilings), the Ceph RBD store against `rbd bench` (a test cluster of its own,
# tests/ceph/ceph-cluster.sh), resident memory, and the Linux initiator in the QEMU lab.
# About 45 minutes on two cores; leave the machine alone meanwhile (docs/performance.md, "Limits").
#
#   sudo bench/reproduce.sh [BUILD_DIR]    env: GGAOED as for compare.sh; ONLY="compare rbd memory lab"
#                                          runs only those parts
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
ONLY=${ONLY:-compare rbd memory lab}
[ -x "$B/cli/qvblade-cli" ] || { echo "reproduce.sh: no $B/cli/qvblade-cli (scripts/build.sh builds it)" >&2; exit 1; }
for part in $ONLY; do
    echo "== $part" >&2
    case $part in
    compare) bench/compare.sh "$B" ;;
    rbd) ROUNDS=3 SECONDS_PER_RUN=10 MTUS=9000 STORES=rbd SECTION=compare-rbd PART=rbd bench/compare.sh "$B" ;;
    memory) bench/memory.sh "$B" ;;
    lab) bench/lab-dd.sh "$B" ;;
    *) echo "reproduce.sh: unknown part '$part' (compare, rbd, memory, lab)" >&2; exit 1 ;;
    esac
done
