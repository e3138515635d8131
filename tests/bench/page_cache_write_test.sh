#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/page-cache-write stores what it says it stores: its blocks within the span, nothing beyond,
# and its report; bad input is refused with a message.
set -uo pipefail
TOOL=$1
# On disk, not in /tmp: --direct needs a file system that takes O_DIRECT, which tmpfs may not.
W=$(mktemp -d /var/tmp/pcw-test.XXXXXX); trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

head -c $((4 << 20)) /dev/zero > "$W/img"
out=$("$TOOL" "$W/img" --bytes 8704 --batch 4 --seconds 0.2 --span-mib 1) || fail "the tool failed: $out"
grep -Eq '^writes_per_s=[1-9][0-9]* us_per_write=[0-9.]+ mbps=[0-9.]+$' <<<"$out" || fail "unexpected report: $out"
# The span is rounded down to whole batches: 1 MiB holds 30 batches of 4 × 8704 bytes.
span=$((1048576 / (8704 * 4) * 8704 * 4))
written=$(head -c $span "$W/img" | tr -d '\132' | wc -c)
[ "$written" -eq 0 ] || fail "$written bytes inside the span were not written with the tool's pattern"
beyond=$(tail -c +$((span + 1)) "$W/img" | tr -d '\000' | wc -c)
[ "$beyond" -eq 0 ] || fail "$beyond bytes beyond the span were changed"

# --direct stores the same blocks through O_DIRECT (read back with O_DIRECT too, from the file
# rather than from its cached pages), and refuses blocks O_DIRECT cannot take.
head -c $((4 << 20)) /dev/zero > "$W/dimg"; sync "$W/dimg"
out=$("$TOOL" "$W/dimg" --bytes 8704 --batch 4 --seconds 0.2 --span-mib 1 --direct) || fail "--direct failed: $out"
grep -Eq '^writes_per_s=[1-9][0-9]* us_per_write=[0-9.]+ mbps=[0-9.]+$' <<<"$out" || fail "unexpected report with --direct: $out"
written=$(dd if="$W/dimg" iflag=direct bs=$span count=1 status=none | tr -d '\132' | wc -c)
[ "$written" -eq 0 ] || fail "--direct: $written bytes inside the span were not written with the tool's pattern"
msg=$("$TOOL" "$W/dimg" --bytes 1000 --direct 2>&1) && fail "accepted --direct with 1000-byte blocks"
grep -q 'multiple of 512' <<<"$msg" || fail "no message for --direct with 1000-byte blocks: $msg"

for args in "--bytes" "--batch 0" "--bogus 1" ; do
  msg=$("$TOOL" "$W/img" $args 2>&1) && fail "accepted $args"
  grep -q '^page-cache-write: ' <<<"$msg" || fail "no message for $args: $msg"
done
msg=$("$TOOL" "$W/missing" 2>&1) && fail "accepted a missing file"
grep -q 'cannot open' <<<"$msg" || fail "no message for a missing file: $msg"
echo "page-cache-write: ok"
