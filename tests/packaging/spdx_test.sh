#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every tracked source file says its licence in an SPDX line near its top: C++, CMake, shell
# (and any script with a #! line), and the configured .in files.
# Usage: spdx_test.sh SOURCE_DIR
set -uo pipefail
S=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
git -C "$S" rev-parse --is-inside-work-tree >/dev/null 2>&1 || fail "$S is not a git checkout (the check lists tracked files)"
n=0; missing=()
while IFS= read -r -d '' f; do
  case "$f" in
    *.cpp|*.h|*.sh|*.cmake|*CMakeLists.txt|*.in) ;;
    *) head -c 2 "$S/$f" | grep -q '^#!' || continue ;;
  esac
  n=$((n + 1))
  head -n 3 "$S/$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-or-later' || missing+=("$f")
done < <(git -C "$S" ls-files -z)
[ "$n" -gt 100 ] || fail "only $n source files found in $S"
[ ${#missing[@]} -eq 0 ] || { printf '%s\n' "${missing[@]}"; fail "${#missing[@]} of $n source files lack 'SPDX-License-Identifier: GPL-2.0-or-later' in their first 3 lines"; }
echo "PASS: all $n source files carry the SPDX line"
