#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the Markdown report of a bench/compare.sh run to standard output.
#
#   bench/report.sh RESULTS
#
# RESULTS: one line per run, "mtu|store|workload|target|iops|mbps|p50_us|p99_us|retransmits|timeouts|errors".
# Rows of target "page-cache" are bench/page-cache-write (iops = blocks stored per second, no network).
# The run's conditions come from the environment (ROUNDS, SECS, MTUS, GGAOED, BUILT, LOAD_BEFORE,
# LOAD_AFTER, COMMAND; compare.sh sets them). Every number shown is the median over the rounds;
# retransmits, timeouts and errors are summed.
set -euo pipefail
R=$1
[ -r "$R" ] || { echo "report.sh: no results file $R" >&2; exit 1; }

# col MTU STORE WORKLOAD TARGET FIELD -> the values of one column for one (mtu, store, workload, target)
col() { awk -F'|' -v m="$1" -v s="$2" -v w="$3" -v t="$4" -v f="$5" '$1==m && $2==s && $3==w && $4==t {print $f}' "$R"; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
spread() { sort -n | awk 'NR==1{lo=$1} {hi=$1} END {if (NR) printf "%d–%d", lo, hi}'; }
total() { awk '{s+=$1} END {print s+0}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f", a / b; else print "–" }'; }
int() { awk -v a="$1" 'BEGIN { if (a == "") print "–"; else printf "%.0f", a }'; }
iops() { col "$1" "$2" "$3" "$4" 5 | median; }
workloads() { awk -F'|' -v m="$1" -v s="$2" '$1==m && $2==s && !seen[$3]++ {print $3}' "$R"; }
stores() { awk -F'|' -v m="$1" '$1==m && !seen[$2]++ {print $2}' "$R"; }
mtus() { awk -F'|' '!seen[$1]++ {print $1}' "$R"; }
has_target() { awk -F'|' -v t="$1" '$4==t {f=1} END {exit !f}' "$R"; }

# The targets of issue #6, measured at MTU 9000 on tmpfs (the conditions the issue names).
goal() {   # label workload peer minimum-ratio [store]
  local q p r met
  q=$(iops 9000 "${5:-tmpfs}" "$2" qvblade) p=$(iops 9000 "${5:-tmpfs}" "$2" "$3")
  r=$(ratio "$q" "$p")
  if [ "$r" = – ]; then met="not measured"
  elif awk -v r="$r" -v m="$4" 'BEGIN {exit !(r >= m)}'; then met="met"
  else met="**not met**"; fi
  echo "| $1 | $(int "$q") / $(int "$p") | $r | $met |"
}
ahead() {   # peer -> "n of m" workloads where qvblade's median IOPS is at least the peer's
  local n=0 m=0 mtu s w q p
  for mtu in $(mtus); do for s in $(stores "$mtu"); do while read -r w; do
    q=$(iops "$mtu" "$s" "$w" qvblade) p=$(iops "$mtu" "$s" "$w" "$1")
    [ -n "$p" ] || continue
    m=$((m + 1)); awk -v q="$q" -v p="$p" 'BEGIN {exit !(q >= p)}' && n=$((n + 1))
  done < <(workloads "$mtu" "$s"); done; done
  echo "$n of $m"
}

echo "## Targets of issue #6 (this run)"
echo
echo "Measured at MTU 9000 with the image in tmpfs; \"measured\" is qvblade's median IOPS / the peer's."
echo
echo "| target | qvblade / peer IOPS | ratio | |"
echo "|---|---:|---:|---|"
reads16="read 4096B x16 random"   # the first goal's workload; the ceiling note below is about it too
goal "≥ 2× vblade 25 at 16 outstanding 4 KiB random reads" "$reads16" vblade 2.0
goal "≥ 90 % of null at 16 outstanding 8.5 KiB sequential writes" "write 8704B x16" null 0.90
goal "≥ 95 % of null at 1 outstanding 4 KiB read" "read 4096B x1" null 0.95
for peer in vblade ggaoed; do
  has_target $peer || continue
  a=$(ahead $peer)
  echo "| ahead of $peer on every workload (all MTUs and stores) | $a | | $([ "${a%% *}" = "${a##* }" ] && echo met || echo '**not met**') |"
done
# No target passes the packet path's ceiling: say where the ceiling itself stood for the first goal.
n=$(iops 9000 tmpfs "$reads16" null)
if [ -n "$n" ]; then
  echo
  echo "At 16 outstanding 4 KiB random reads the ceiling (null) itself reached $(ratio "$n" "$(iops 9000 tmpfs "$reads16" vblade)")× vblade 25"
  echo "in this run, and qvblade $(ratio "$(iops 9000 tmpfs "$reads16" qvblade)" "$n") of the ceiling."
fi
# The one-outstanding goal's case starts against a freshly started target: its first touch of each
# block costs what a target serving for a while no longer pays. Say where the same case stood run again.
again="read 4096B x1, run again"
n=$(iops 9000 tmpfs "$again" null) q=$(iops 9000 tmpfs "$again" qvblade)
if [ -n "$n" ]; then
  echo
  echo "Run again against the same target processes (\"run again\" below), one outstanding 4 KiB read gave"
  echo "qvblade $(int "$q") against null's $(int "$n"): $(ratio "$q" "$n") of the ceiling."
fi
# Nor can a target that stores a write's data skip the cost of storing it: set that cost, measured
# alone on the target's CPU (bench/page-cache-write), against null's time per frame.
stored=$(awk -F'|' '$4=="page-cache" && !seen[$1 FS $3]++ {print $1 "|" $3}' "$R")
if [ -n "$stored" ]; then
  echo
  echo "Storing the write workloads' data by itself: \`bench/page-cache-write\` writes the same blocks into the"
  echo "tmpfs image, 16 per \`pwritev\`, on the target's CPU without any network. Where the target's CPU is the"
  echo "limit, that cost adds to null's time per frame: \"expected\" is then about the best ratio to null a target that"
  echo "stores the data through the page cache can reach."
  echo
  echo "| MTU | workload | storing alone, µs a block | null, µs a frame | expected / null | qvblade / null |"
  echo "|---|---|---:|---:|---:|---:|"
  while IFS='|' read -r mtu w; do
    n=$(iops "$mtu" tmpfs "$w" null) pc=$(iops "$mtu" tmpfs "$w" page-cache)
    [ -n "$n" ] || continue
    echo "| $mtu | $w | $(awk -v p="$pc" 'BEGIN {printf "%.2f", 1e6 / p}') | $(awk -v n="$n" 'BEGIN {printf "%.2f", 1e6 / n}') |" \
         "$(awk -v n="$n" -v p="$pc" 'BEGIN {printf "%.2f", p / (p + n)}') | $(ratio "$(iops "$mtu" tmpfs "$w" qvblade)" "$n") |"
  done <<<"$stored"
fi
# The targets of issue #22: durable writes (qvblade -s) against vblade -s and qvblade's own
# buffered writes to the same file on disk.
if [ -n "$(workloads 9000 durable)" ]; then
  echo
  echo "## Targets of issue #22 (this run)"
  echo
  echo "Durable writes (\`-s\`: every acknowledged write on stable storage) at MTU 9000 to a file on disk written full;"
  echo "\"buffered\" is qvblade without \`-s\` on the same file."
  echo
  echo "| target | qvblade -s / peer IOPS | ratio | |"
  echo "|---|---:|---:|---|"
  for w in "write 4096B x16 random|4 KiB random writes" "write 8704B x16|8.5 KiB sequential writes"; do
    goal "≥ 10× vblade -s at 16 outstanding ${w#*|}" "${w%|*}" vblade 10 durable
    goal "≥ 50 % of buffered at 16 outstanding ${w#*|}" "${w%|*}" buffered 0.5 durable
  done
fi
echo
echo "## Results"
echo
echo "Command: \`$COMMAND\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $ROUNDS rounds of $SECS s per case."
echo "Binaries: $BUILT."
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), kernel $(uname -r);"
echo "load average (1/5/15 min) $LOAD_BEFORE before the run, $LOAD_AFTER after it. Target pinned to CPU 0,"
echo "\`bench/aoe-load\` (sends in batches with sendmmsg, spins on a memory-mapped receive ring that keeps only each reply's first bytes) to CPU 1, veth pair between two network namespaces."
echo "Targets alternate within every round. \"null\" is qvblade's engine answering without touching the"
echo "file: the ceiling of this packet path and load generator. \"tmpfs\" is a 1 GiB file in /dev/shm written full"
echo "of zeros before each session (every block exists, as in an image with contents); \"disk\" is a fresh"
echo "sparse file on disk: reads see holes (the page cache fills with zeros as they are read). \"direct\" is a"
echo "1 GiB file on the same disk written full once (\`dd oflag=direct conv=fsync\`), served by every target"
echo "with O_DIRECT (qvblade and vblade \`-d\`, ggaoed \`direct-io = true\`): its transfers reach the virtual disk."
echo "Cases up to 16 outstanding run against the targets' default 16 advertised buffers, 64 outstanding"
echo "against 64 (\`-b 64\`, ggaoed \`queue-length = 64\`). At MTU 1500 a frame carries 1 KiB, so the 4 KiB"
echo "cases read 1 KiB there. \"run again\" is the sequential case before it repeated against the same"
echo "target process: it reads, from the start of the span, blocks that process has served before."
echo "\"durable\" is another 1 GiB file on the disk written full once: qvblade and vblade run with \`-s\` there,"
echo "\"buffered\" is qvblade without it; the file is synced before each session."
[ "$GGAOED" = none ] && echo "**ggaoed was not run** (no binary; build it with \`bench/build-ggaoed.sh\`)."
echo
for mtu in $(mtus); do
  echo "### MTU $mtu"
  echo
  echo "| store | workload | target | IOPS | range | MB/s | p50 µs | p99 µs | retransmits | timeouts | errors |"
  echo "|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|"
  for s in $(stores "$mtu"); do while read -r w; do
    for t in qvblade vblade ggaoed null buffered; do
      [ -n "$(col "$mtu" "$s" "$w" $t 5)" ] || continue
      echo "| $s | $w | $t | $(int "$(iops "$mtu" "$s" "$w" $t)") | $(col "$mtu" "$s" "$w" $t 5 | spread) |" \
           "$(col "$mtu" "$s" "$w" $t 6 | median) | $(int "$(col "$mtu" "$s" "$w" $t 7 | median)") |" \
           "$(int "$(col "$mtu" "$s" "$w" $t 8 | median)") | $(col "$mtu" "$s" "$w" $t 9 | total) |" \
           "$(col "$mtu" "$s" "$w" $t 10 | total) | $(col "$mtu" "$s" "$w" $t 11 | total) |"
    done
  done < <(workloads "$mtu" "$s"); done
  echo
done
echo "### Ratios of the median IOPS"
echo
echo "null / vblade shows the load generator's headroom: how far above vblade it drives the ceiling."
echo
echo "| MTU | store | workload | qvblade / vblade | qvblade / ggaoed | qvblade / null | null / vblade |"
echo "|---|---|---|---:|---:|---:|---:|"
for mtu in $(mtus); do for s in $(stores "$mtu"); do while read -r w; do
  q=$(iops "$mtu" "$s" "$w" qvblade) v=$(iops "$mtu" "$s" "$w" vblade)
  g=$(iops "$mtu" "$s" "$w" ggaoed) n=$(iops "$mtu" "$s" "$w" null)
  echo "| $mtu | $s | $w | $(ratio "$q" "$v") | $(ratio "$q" "$g") | $(ratio "$q" "$n") | $(ratio "$n" "$v") |"
done < <(workloads "$mtu" "$s"); done; done
