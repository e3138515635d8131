#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the Markdown report of a bench/compare.sh run to standard output: the section of
# docs/performance.md between its "compare.sh" markers is exactly this output.
#
#   bench/report.sh RESULTS_DIR [all | ceilings | rbd]
#
# RESULTS_DIR (compare.sh writes one per run, under bench/results/) holds:
#   results     one line per run of a case, "mtu|store|workload|target|iops|mbps|p50_us|p99_us|retransmits|timeouts|errors".
#               Target "store" is bench/page-cache-write on that store: blocks stored per second, no network;
#               target "buffered" is qvblade without -s on the durable store (where qvblade and vblade run -s);
#               target "rbd-bench" is Ceph's `rbd bench` on the rbd store's image (librbd itself, no AoE).
#   conditions  KEY=value lines: ROUNDS, SECS, MTUS, GGAOED, BUILT, DATE, MACHINE, LOAD_BEFORE, LOAD_AFTER, COMMAND.
# Every number shown is the median over the rounds; retransmits, timeouts and errors are summed.
# "ceilings" prints only the ceilings table (for a short run that measures one store); "rbd" only
# issue #23's goals (a run of the rbd store alone).
#
# The ceilings: null is qvblade's engine answering without touching the file, so it never depends on
# the store, and its figure from whichever store it ran beside serves every store of that MTU. A
# target that stores a write's data also pays what storing it costs: "null + store" adds the two
# times, 1 / (1/null + 1/store), which bounds a target whose packet path and store share one CPU.
set -euo pipefail
D=${1:-}
PART=${2:-all}
[ -n "$D" ] && [ -r "$D/results" ] && [ -r "$D/conditions" ] ||
  { echo "report.sh: no results directory ${D:-(none given)} (it needs results and conditions)" >&2; exit 1; }
case $PART in all|ceilings|rbd) ;; *) echo "report.sh: unknown part '$PART' (all, ceilings, rbd)" >&2; exit 1 ;; esac
R=$D/results
ROUNDS=? SECS=? MTUS=? GGAOED=none BUILT=? DATE=? MACHINE=? LOAD_BEFORE=? LOAD_AFTER=? COMMAND=?
while IFS= read -r line; do
  k=${line%%=*}
  case $k in ROUNDS|SECS|MTUS|GGAOED|BUILT|DATE|MACHINE|LOAD_BEFORE|LOAD_AFTER|COMMAND) printf -v "$k" '%s' "${line#*=}" ;; esac
done < "$D/conditions"

# col MTU STORE WORKLOAD TARGET FIELD -> one column's values for (mtu, store, workload, target); STORE * = any
col() { awk -F'|' -v m="$1" -v s="$2" -v w="$3" -v t="$4" -v f="$5" '$1==m && (s=="*" || $2==s) && $3==w && $4==t {print $f}' "$R"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
spread() { sort -n | awk 'NR==1{lo=$1} {hi=$1} END {if (NR) printf "%d–%d", lo, hi}'; }
total() { awk '{s+=$1} END {print s+0}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f", a / b; else print "–" }'; }
int() { awk -v a="$1" 'BEGIN { if (a == "") print "–"; else printf "%.0f", a }'; }
us() { awk -v a="$1" 'BEGIN { if (a == "" || a <= 0) print "–"; else printf "%.2f", 1e6 / a }'; }
iops() { col "$1" "$2" "$3" "$4" 5 | median; }
null_iops() { iops "$1" '*' "$2" null; }
# The serial sum of null's time per frame and the store's time per block, as a rate; empty without both.
null_store() {
  local n p
  n=$(null_iops "$1" "$3") p=$(iops "$1" "$2" "$3" store)
  [ -n "$n" ] && [ -n "$p" ] && awk -v n="$n" -v p="$p" 'BEGIN {printf "%.0f", n * p / (n + p)}' || true
}
workloads() { awk -F'|' -v m="$1" -v s="$2" '$1==m && $2==s && $4!="store" && !seen[$3]++ {print $3}' "$R"; }
stores() { awk -F'|' -v m="$1" '$1==m && $4!="store" && !seen[$2]++ {print $2}' "$R"; }
mtus() { awk -F'|' '!seen[$1]++ {print $1}' "$R"; }
has_target() { awk -F'|' -v t="$1" '$4==t {f=1} END {exit !f}' "$R"; }
cases() { local mtu s; for mtu in $(mtus); do for s in $(stores "$mtu"); do workloads "$mtu" "$s" | sed "s/^/$mtu|$s|/"; done; done; }

ceilings() {
  local mtu s w n p ns q found=
  while IFS='|' read -r mtu s w; do
    p=$(iops "$mtu" "$s" "$w" store)
    [ -n "$p" ] || continue
    if [ -z "$found" ]; then
      found=1
      echo "| MTU | store | workload | null, µs a frame | storing alone, µs a block | null + store, IOPS | qvblade IOPS | qvblade / null | qvblade / (null + store) |"
      echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
    fi
    n=$(null_iops "$mtu" "$w") ns=$(null_store "$mtu" "$s" "$w") q=$(iops "$mtu" "$s" "$w" qvblade)
    echo "| $mtu | $s | $w | $(us "$n") | $(us "$p") | $(int "$ns") | $(int "$q") | $(ratio "$q" "$n") | $(ratio "$q" "$ns") |"
  done < <(cases)
  [ -n "$found" ] || echo "No store was measured alone in this run."
}

if [ "$PART" = ceilings ]; then
  echo "Run: \`$COMMAND\` on $DATE; $ROUNDS round(s) of $SECS s per case. Binaries: $BUILT."
  echo "Machine: $MACHINE; load average (1/5/15 min) $LOAD_BEFORE before the run, $LOAD_AFTER after it."
  echo
  ceilings
  exit 0
fi

# The goals of issues #6 and #22, measured at MTU 9000 on tmpfs (#6) and the durable store (#22).
goal() {   # label workload peer minimum-ratio [store]
  local q p r met st=${5:-tmpfs}
  q=$(iops 9000 "$st" "$2" qvblade)
  if [ "$3" = null ]; then p=$(null_iops 9000 "$2"); else p=$(iops 9000 "$st" "$2" "$3"); fi
  r=$(ratio "$q" "$p")
  if [ "$r" = – ]; then met="not measured"
  elif awk -v r="$r" -v m="$4" 'BEGIN {exit !(r >= m)}'; then met="met"
  else met="**not met**"; fi
  echo "| $1 | $(int "$q") / $(int "$p") | $r | $met |"
}
results_header() {
  echo "| store | workload | target | IOPS | range | MB/s | p50 µs | p99 µs | retransmits | timeouts | errors |"
  echo "|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|"
}
result_rows() {   # mtu store: a row per workload and target measured there
  local w t
  while read -r w; do
    for t in qvblade vblade ggaoed null buffered rbd-bench; do
      [ -n "$(col "$1" "$2" "$w" $t 5)" ] || continue
      echo "| $2 | $w | $t | $(int "$(iops "$1" "$2" "$w" $t)") | $(col "$1" "$2" "$w" $t 5 | spread) |" \
           "$(col "$1" "$2" "$w" $t 6 | median) | $(int "$(col "$1" "$2" "$w" $t 7 | median)") |" \
           "$(int "$(col "$1" "$2" "$w" $t 8 | median)") | $(col "$1" "$2" "$w" $t 9 | total) |" \
           "$(col "$1" "$2" "$w" $t 10 | total) | $(col "$1" "$2" "$w" $t 11 | total) |"
    done
  done < <(workloads "$1" "$2")
}
# Issue #23: qvblade serving an RBD image against librbd itself (rbd bench) on the same cluster.
rbd_goals() {
  echo "### Goals of issue #23"
  echo
  echo "At MTU 9000, a Ceph RBD image of a single-node test cluster on this machine (one OSD, bluestore on a file):"
  echo "qvblade serving it over AoE against \`rbd bench\` (librbd in one process, same I/O size, pattern and 16 threads,"
  echo "librbd's cache off in both: what they count is on the OSD)."
  echo
  echo "| goal | qvblade / rbd bench IOPS | ratio | |"
  echo "|---|---:|---:|---|"
  goal "≥ 80 % of rbd bench at 16 outstanding 4 KiB random reads" "read 4096B x16 random" rbd-bench 0.8 rbd
  goal "≥ 80 % of rbd bench at 16 outstanding 4 KiB random writes" "write 4096B x16 random" rbd-bench 0.8 rbd
}
if [ "$PART" = rbd ]; then
  echo "Run: \`$COMMAND\` on $DATE; $ROUNDS round(s) of $SECS s per case. Binaries: $BUILT."
  echo "Machine: $MACHINE; load average (1/5/15 min) $LOAD_BEFORE before the run, $LOAD_AFTER after it."
  echo
  rbd_goals
  echo
  results_header
  result_rows 9000 rbd
  exit 0
fi
peer_iops() {   # mtu store workload peer -> its median IOPS; peers null and null+store are the ceilings
  case $4 in
    null) null_iops "$1" "$3" ;;
    null+store) null_store "$1" "$2" "$3" ;;
    *) iops "$1" "$2" "$3" "$4" ;;
  esac
}
against() {   # peer label [store] -> one summary row: where qvblade stands against that peer over every case (of that store)
  local mtu s w q p n m list
  list=$(while IFS='|' read -r mtu s w; do
    [ -z "${3:-}" ] || [ "$s" = "$3" ] || continue
    q=$(iops "$mtu" "$s" "$w" qvblade) p=$(peer_iops "$mtu" "$s" "$w" "$1")
    [ -n "$q" ] && [ -n "$p" ] || continue
    # the verdict on the medians themselves: a ratio rounded to 1.00 may be just short of it
    echo "$(ratio "$q" "$p")|$(awk -v q="$q" -v p="$p" 'BEGIN {print (q >= p) ? 1 : 0}')|$mtu $s $w"
  done < <(cases) | sort -t'|' -k1,1n)
  [ -n "$list" ] || return 0
  m=$(wc -l <<<"$list")
  n=$(awk -F'|' '{c+=$2} END {print c+0}' <<<"$list")
  echo "| $2 | $m | $n | $(cut -d'|' -f1 <<<"$list" | median | awk '{printf "%.2f", $1}') |" \
       "$(head -1 <<<"$list" | awk -F'|' '{print $1 " (" $3 ")"}') | $(tail -1 <<<"$list" | awk -F'|' '{print $1 " (" $3 ")"}') |"
}

echo "## Results"
echo
echo "Run: \`$COMMAND\` on $DATE; $ROUNDS rounds of $SECS s per case, the targets alternating within each round."
echo "Binaries: $BUILT. Machine: $MACHINE; load average (1/5/15 min) $LOAD_BEFORE before the run, $LOAD_AFTER after it."
[ "$GGAOED" = none ] && echo "**ggaoed was not run** (no binary; build it with \`bench/build-ggaoed.sh\`)."
echo
echo "### qvblade against each peer and the ceilings"
echo
echo "Every case of the run (all MTUs, stores and workloads) where both were measured; ratio = qvblade's median IOPS / the other's."
echo
echo "| against | cases | qvblade at least as fast | median ratio | lowest (case) | highest (case) |"
echo "|---|---:|---:|---:|---|---|"
has_target vblade && against vblade "vblade 25"
has_target ggaoed && against ggaoed "ggaoed 1.1"
# The ceilings store by store: what null leaves to a target differs with what the store costs.
# (Not durable: its reference is qvblade's own buffered writes, issue #22's goals below.)
for s in $(awk -F'|' '$4!="store" && $2!="durable" && $2!="rbd" && !seen[$2]++ {print $2}' "$R"); do
  has_target null && against null "null (packet path only), $s" "$s"
  has_target store && against null+store "null + store, $s (writes with the store measured alone)" "$s"
done
echo
echo "### Goals of issue #6"
echo
echo "At MTU 9000 with the image in tmpfs."
echo
echo "| goal | qvblade / other IOPS | ratio | |"
echo "|---|---:|---:|---|"
goal "≥ 2× vblade 25 at 16 outstanding 4 KiB random reads" "read 4096B x16 random" vblade 2.0
goal "≥ 90 % of null at 16 outstanding 8.5 KiB sequential writes" "write 8704B x16" null 0.90
goal "≥ 95 % of null at 1 outstanding 4 KiB read" "read 4096B x1" null 0.95
for peer in vblade ggaoed; do
  has_target $peer || continue
  a=$(while IFS='|' read -r mtu s w; do
        q=$(iops "$mtu" "$s" "$w" qvblade) p=$(iops "$mtu" "$s" "$w" $peer)
        [ -n "$p" ] || continue
        awk -v q="$q" -v p="$p" 'BEGIN {print (q >= p) ? 1 : 0}'
      done < <(cases) | awk '{n+=$1; m++} END {print n+0 " of " m+0}')
  echo "| ahead of $peer on every workload (all MTUs and stores) | $a | | $([ "${a%% *}" = "${a##* }" ] && echo met || echo '**not met**') |"
done
# Issue #22: durable writes (qvblade -s) against vblade -s and qvblade's own buffered writes to the
# same file on disk.
if [ -n "$(workloads 9000 durable)" ]; then
  echo
  echo "### Goals of issue #22"
  echo
  echo "At MTU 9000, durable writes (\`-s\`) to the durable store; \"buffered\" is qvblade without \`-s\` on the same file."
  echo
  echo "| goal | qvblade -s / other IOPS | ratio | |"
  echo "|---|---:|---:|---|"
  for w in "write 4096B x16 random|4 KiB random writes" "write 8704B x16|8.5 KiB sequential writes"; do
    goal "≥ 10× vblade -s at 16 outstanding ${w#*|}" "${w%|*}" vblade 10 durable
    goal "≥ 50 % of buffered at 16 outstanding ${w#*|}" "${w%|*}" buffered 0.5 durable
  done
fi
if [ -n "$(workloads 9000 rbd)" ]; then
  echo
  rbd_goals
fi
echo
echo "### Ceilings"
echo
echo "\"null + store\" adds null's time per frame and the time \`bench/page-cache-write\` takes to store one block of"
echo "the same workload on the same store, on the target's CPU, without any network."
echo
ceilings
echo
for mtu in $(mtus); do
  echo "### MTU $mtu"
  echo
  results_header
  for s in $(stores "$mtu"); do result_rows "$mtu" "$s"; done
  echo
done
echo "### Ratios of the median IOPS"
echo
echo "null is the same figure for every store of an MTU (it never touches the file); null / vblade, on the store"
echo "null ran beside, is the load generator's headroom: how far above vblade it drives the ceiling."
echo
echo "| MTU | store | workload | qvblade / vblade | qvblade / ggaoed | qvblade / null | qvblade / (null + store) | null / vblade |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
while IFS='|' read -r mtu s w; do
  [ "$s" = rbd ] && continue   # its reference is rbd bench (issue #23's goals above)
  q=$(iops "$mtu" "$s" "$w" qvblade) v=$(iops "$mtu" "$s" "$w" vblade)
  g=$(iops "$mtu" "$s" "$w" ggaoed) n=$(null_iops "$mtu" "$w")
  echo "| $mtu | $s | $w | $(ratio "$q" "$v") | $(ratio "$q" "$g") | $(ratio "$q" "$n") | $(ratio "$q" "$(null_store "$mtu" "$s" "$w")") | $(ratio "$(iops "$mtu" "$s" "$w" null)" "$v") |"
done < <(cases)
