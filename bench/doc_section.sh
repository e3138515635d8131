# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the bench scripts: replace_section NAME FILE replaces the lines between
# "<!-- NAME begin -->" and "<!-- NAME end -->" in FILE with standard input (appending the
# marked section when FILE lacks it), so that each script rewrites only its own part of
# docs/performance.md and the hand-written notes around them stay.
replace_section() {
  local name=$1 file=$2 new
  new=$(mktemp)
  cat > "$new"
  touch "$file"
  if grep -q "^<!-- $name begin -->$" "$file"; then
    awk -v b="<!-- $name begin -->" -v e="<!-- $name end -->" -v new="$new" '
      $0 == b { print; while ((getline l < new) > 0) print l; skip = 1; next }
      $0 == e { skip = 0 }
      !skip' "$file" > "$file.new"
  else
    { cat "$file"; echo; echo "<!-- $name begin -->"; cat "$new"; echo "<!-- $name end -->"; } > "$file.new"
  fi
  mv "$file.new" "$file"
  rm -f "$new"
}
