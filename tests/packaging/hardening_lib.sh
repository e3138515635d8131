# SPDX-License-Identifier: GPL-2.0-or-later
# What the package promises about hardening (issue #21), for package_test.sh (which defines
# fail()): its programs carry Debian's hardening flags, its systemd units are confined.

# check_programs_hardened ELF...: hardening-check passes on each (PIE, stack protector,
# fortified functions, RELRO, BIND_NOW) and each was built with -fcf-protection.
check_programs_hardened() {
  local out p n
  # hardening-check's control-flow check reads the IBT/SHSTK property note, which the linker
  # keeps only if every object has it; Debian 12's glibc start files (Scrt1.o) do not, so no
  # Debian 12 program carries it. What -fcf-protection leaves is an endbr64 at the start of every
  # function: the C runtime's own objects bring 2, a program of ours hundreds.
  out=$(hardening-check --nocfprotection "$@" 2>&1) || { echo "$out"; fail "hardening-check: a program lacks a hardening feature"; }
  for p in "$@"; do
    n=$(objdump -d --no-show-raw-insn "$p" | grep -c endbr64)
    [ "$n" -gt 50 ] || fail "$p has $n endbr64 instructions: built without -fcf-protection"
  done
}

# check_units_confined MAX UNIT...: systemd-analyze security --offline=yes rates each unit file
# at most MAX (lower is better); above, prints what it found exposed.
check_units_confined() {
  local max=$1 u out level
  shift
  for u in "$@"; do
    out=$(systemd-analyze security --offline=yes "$u" 2>&1)
    level=$(sed -n 's/^→ Overall exposure level for .*: \([0-9.]*\) .*/\1/p' <<<"$out")
    [ -n "$level" ] || { echo "$out"; fail "systemd-analyze security $u gives no exposure level"; }
    echo "$(basename "$u"): exposure $level"
    awk -v l="$level" -v m="$max" 'BEGIN { exit !(l <= m) }' || { grep '✗' <<<"$out"; fail "$u: exposure $level is above $max"; }
  done
}
