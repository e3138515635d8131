#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# End-to-end tests of qvblade-cli against aoetools (aoeping, aoecfg), a raw-socket initiator
# (aoe_request) and tshark, with the target in one network namespace and the initiator in
# another, joined by a veth pair.
#
# Usage: aoetools_test.sh TARGET_BINARY AOE_REQUEST_BINARY [GROUP...]
# Groups: identify config mac readonly io malformed multi cli signals daemon padding direct4k direct512 burst merge mapped shared conflict (default: all)
# Needs root and: iproute2, aoetools, tshark, coreutils. A missing one is a failure, not a skip.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=netns_lib.sh
. "$HERE/netns_lib.sh"

TARGET=${1:-}
AOE_REQUEST=${2:-}
AOE_LOAD=${AOE_LOAD:-}   # bench/aoe-load, for the checks under a steady load (set by tests/e2e/CMakeLists.txt)
shift 2 2>/dev/null
GROUPS_TO_RUN=("$@")
[ ${#GROUPS_TO_RUN[@]} -gt 0 ] || GROUPS_TO_RUN=(identify config mac readonly io malformed multi cli signals daemon padding direct4k direct512 burst merge mapped shared conflict)

e2e_init "aoetools-$(IFS=-; echo "${GROUPS_TO_RUN[*]}")"
[ -n "$TARGET" ] && [ -n "$AOE_REQUEST" ] || e2e_die "usage: $0 TARGET_BINARY AOE_REQUEST_BINARY [GROUP...]"
e2e_require_binary "$TARGET"
e2e_require_binary "$AOE_REQUEST"
e2e_require aoeping aoecfg tshark timeout hostname od awk seq losetup blockdev
TARGET=$(readlink -f "$TARGET")
AOE_REQUEST=$(readlink -f "$AOE_REQUEST")

SECTORS=8192  # a 4 MiB image of random bytes
new_image() {
    dd if=/dev/urandom of="$1" bs=512 count="${2:-$SECTORS}" 2>/dev/null || e2e_die "cannot create $1"
}

# req SHELF SLOT ARGS...: one aoe_request from the initiator's namespace; prints its reply line.
req() {
    local shelf=$1 slot=$2
    shift 2
    in_i "$AOE_REQUEST" -i "$IF_I" -t "$shelf" -n "$slot" --timeout 1500 "$@" 2>/dev/null
}

# expect_fields DESC LINE KEY=VALUE...: every KEY in the reply LINE has VALUE.
expect_fields() {
    local desc=$1 line=$2 kv bad=()
    shift 2
    [ -n "$line" ] || { not_ok "$desc" "no reply"; return; }
    for kv in "$@"; do
        [ "$(field "${kv%%=*}" "$line")" = "${kv#*=}" ] || bad+=("want $kv")
    done
    if [ ${#bad[@]} -eq 0 ]; then ok "$desc"; else not_ok "$desc" "${bad[@]}" "reply: $line"; fi
}

# reply_at_least_60 DESC LINE: the reply frame was padded to the Ethernet minimum.
reply_at_least_60() {
    local n
    n=$(field frame_len "$2")
    if [ -n "$n" ] && [ "$n" -ge 60 ]; then ok "$1: reply is $n bytes (>= 60)"; else not_ok "$1: reply shorter than 60 bytes" "reply: $2"; fi
}

sectors_of() {  # sectors_of FILE LBA COUNT: those sectors' bytes
    dd if="$1" bs=512 skip="$2" count="$3" 2>/dev/null
}

# Loads `aoeping -i`'s hex dump of the IDENTIFY page into IDENT (one byte per element).
load_identify_dump() {
    IDENT=()
    local tok on=0
    for tok in $(cat "$1"); do
        if [ "$on" = 1 ]; then
            [[ $tok =~ ^[0-9a-f][0-9a-f]$ ]] && IDENT+=($((16#$tok)))
        fi
        [ "$tok" = "response:" ] && on=1
    done
}

identify_word() {  # identify_word N: word N of IDENT (little-endian), 0 when absent
    echo $(( ${IDENT[$((2 * $1))]:-0} + 256 * ${IDENT[$((2 * $1 + 1))]:-0} ))
}

serial_expected() {
    local s
    s="$1:$(hostname)"
    printf '%s' "${s:0:20}"
}

aoeping_field() {  # aoeping_field FILE NAME: the value aoeping -I printed for NAME, trailing spaces removed
    sed -n "s/^$2: //p" "$1" | sed 's/ *$//'
}

# ---------------------------------------------------------------------------------------------
group_identify() {
    local img=$WORK/id.img out=$WORK/aoeping.out dump=$WORK/aoeping.dump
    new_image "$img" 12345
    target_start 9 0 "$IF_T" "$img" || { not_ok "identify: target starts"; return; }
    check_eq "identify: startup line" "e9.0, 12345 sectors O_RDWR" "$(sed -n 's/^pid [0-9]*: //p' "$TOUT")"
    in_i timeout 10 aoeping -I -s 3 9 0 "$IF_I" >"$out" 2>&1
    check_eq "identify: aoeping -I serial is shelf.slot:hostname" "$(serial_expected 9.0)" "$(aoeping_field "$out" serial_number)"
    check_eq "identify: aoeping -I firmware" "V25" "$(aoeping_field "$out" firmware_rev)"
    local model
    model=$(aoeping_field "$out" model)
    if [ -n "$model" ]; then ok "identify: aoeping -I model '$model'"; else not_ok "identify: aoeping -I printed no model" "$(cat "$out")"; fi
    in_i timeout 10 aoeping -i -s 3 9 0 "$IF_I" >"$dump" 2>&1
    local w60 w61 w83 w86 lba28 lba48
    load_identify_dump "$dump"
    check_eq "identify: aoeping -i dumps the 512-byte page" 512 "${#IDENT[@]}"
    w60=$(identify_word 60); w61=$(identify_word 61)
    w83=$(identify_word 83); w86=$(identify_word 86)
    lba28=$((w60 + 65536 * w61))
    lba48=$(($(identify_word 100) + ($(identify_word 101) << 16) + ($(identify_word 102) << 32) + ($(identify_word 103) << 48)))
    check_eq "identify: LBA48 capacity (words 100-103) is the image's sectors" 12345 "$lba48"
    check_eq "identify: LBA28 capacity (words 60-61) is the image's sectors" 12345 "$lba28"
    check_eq "identify: LBA48 supported (word 83 bit 10) and enabled (word 86 bit 10)" "1 1" \
        "$(((w83 >> 10) & 1)) $(((w86 >> 10) & 1))"
    local line
    line=$(req 9 0 identify)
    expect_fields "identify: aoe_request identify succeeds" "$line" error_flag=0 ata_status=0x40 ata_error=0x00 data_len=512
    line=$(req 9 0 identify --no-padding)
    expect_fields "identify: an unpadded 36-byte request (as the Linux driver sends) is answered" "$line" error_flag=0 ata_status=0x40
    target_stop
    check_eq "identify: target exits 0 on SIGTERM" 0 "$TRC"
}

# ---------------------------------------------------------------------------------------------
group_config() {
    local img=$WORK/cfg.img
    new_image "$img"
    target_start 9 0 "$IF_T" "$img" || { not_ok "config: target starts"; return; }
    cfg() { in_i timeout 10 aoecfg -t 2 "$@" 9 0 "$IF_I" 2>&1; }
    expect_fields "config: a fresh export has an empty config string" "$(req 9 0 config --ccmd read)" error_flag=0 cfg_len=0
    check_eq "config: aoecfg -c set stores the string" "qvb-test-1" "$(cfg -c set -s qvb-test-1)"
    check_eq "config: aoecfg -c read returns it" "qvb-test-1" "$(cfg -c read)"
    check_eq "config: test (exact) match answers" "qvb-test-1" "$(cfg -c test -s qvb-test-1)"
    check_eq "config: test (exact) mismatch gets no reply" "" "$(cfg -c test -s qvb-test)"
    check_eq "config: prefix match answers" "qvb-test-1" "$(cfg -c prefix -s qvb-)"
    check_eq "config: prefix mismatch gets no reply" "" "$(cfg -c prefix -s zzz)"
    check_eq "config: set of a different string reports the error" "*badcfg*" "$(cfg -c set -s other)"
    check_eq "config: ... and leaves the string alone" "qvb-test-1" "$(cfg -c read)"
    check_eq "config: set of the same string succeeds" "qvb-test-1" "$(cfg -c set -s qvb-test-1)"
    check_eq "config: force set replaces it" "forced" "$(cfg -c fset -s forced)"
    local line
    line=$(req 9 0 config --ccmd read)
    expect_fields "config: reply fields (buffer count 16, 2 sectors per frame at MTU 1500)" "$line" \
        error_flag=0 bufcnt=16 cfg_sectors=2 cfg_len=6 'cfg="forced"'
    reply_at_least_60 "config: query config reply" "$line"
    line=$(req 9 0 config --ccmd set --string other)
    expect_fields "config: set conflict is AoE error 4 with the current string" "$line" error_flag=1 aoe_error=4 'cfg="forced"'
    line=$(req 9 0 config --ccmd test --string nomatch)
    check_eq "config: aoe_request test mismatch times out" "timeout=1" "$line"
    target_stop
}

# ---------------------------------------------------------------------------------------------
group_mac() {
    local img=$WORK/mac.img
    new_image "$img"
    target_start -m 02:00:00:00:00:01,02:00:00:00:00:02 9 0 "$IF_T" "$img" || { not_ok "mac: target starts"; return; }
    local out
    out=$(in_i timeout 10 aoeping -I -s 2 9 0 "$IF_I" 2>&1)
    if ! grep -q serial_number <<<"$out"; then ok "mac: aoeping from a MAC not on -m's list times out"; else not_ok "mac: unlisted MAC got an identify" "$out"; fi
    check_eq "mac: aoe_request identify from an unlisted MAC times out" "timeout=1" "$(req 9 0 identify)"
    check_eq "mac: wildcard aoecfg discovery does not reveal the export" "" "$(in_i timeout 10 aoecfg -t 2 "$IF_I" 2>&1)"
    target_stop
    target_start -m "02:00:00:00:00:01,$MAC_I" 9 0 "$IF_T" "$img" || { not_ok "mac: target starts (listed)"; return; }
    out=$(in_i timeout 10 aoeping -I -s 3 9 0 "$IF_I" 2>&1)
    if grep -q "serial_number: $(serial_expected 9.0)" <<<"$out"; then ok "mac: aoeping from the listed MAC gets the identify"; else not_ok "mac: listed MAC got no identify" "$out"; fi
    target_stop
    # vblade's bare 12-digit form
    target_start -m "${MAC_I//:/}" 9 0 "$IF_T" "$img" || { not_ok "mac: target starts (bare MAC form)"; return; }
    expect_fields "mac: -m accepts vblade's bare hex MAC form" "$(req 9 0 identify)" error_flag=0 ata_status=0x40
    target_stop
}

# ---------------------------------------------------------------------------------------------
group_readonly() {
    local img=$WORK/ro.img before line
    new_image "$img"
    before=$(cksum <"$img")
    target_start -r 9 0 "$IF_T" "$img" || { not_ok "readonly: target starts"; return; }
    check "readonly: startup line says O_RDONLY" grep -q '^pid [0-9]*: e9.0, 8192 sectors O_RDONLY$' "$TOUT"
    line=$(req 9 0 write --lba 10 --count 2 --pattern 0xa5)
    expect_fields "readonly: LBA48 write is refused with ATA ABRT (status 0x41, error 0x04), AoE error flag clear" \
        "$line" error_flag=0 aoe_error=0 ata_status=0x41 ata_error=0x04
    reply_at_least_60 "readonly: refused write" "$line"
    line=$(req 9 0 write --lba 10 --count 1 --pattern 0xa5 --lba28)
    expect_fields "readonly: LBA28 write is refused the same way" "$line" error_flag=0 ata_status=0x41 ata_error=0x04
    line=$(req 9 0 read --lba 10 --count 2)
    expect_fields "readonly: reads still work and return the image's bytes" "$line" ata_status=0x40 \
        "data_cksum=$(image_cksum "$img" 10 2 | cut -d' ' -f1)"
    target_stop
    check_eq "readonly: the image is byte-identical afterwards" "$before" "$(cksum <"$img")"
}

# ---------------------------------------------------------------------------------------------
group_io() {
    local img=$WORK/io.img data=$WORK/data.bin line before
    new_image "$img"
    dd if=/dev/urandom of="$data" bs=512 count=2 2>/dev/null
    local want
    want=$(cksum <"$data" | cut -d' ' -f1)
    target_start 9 0 "$IF_T" "$img" || { not_ok "io: target starts"; return; }

    line=$(req 9 0 write --lba 100 --count 2 --data-file "$data")
    expect_fields "io: LBA48 write of 2 sectors succeeds" "$line" error_flag=0 ata_status=0x40 ata_error=0x00
    reply_at_least_60 "io: write acknowledgement" "$line"
    check_eq "io: the image holds the written bytes at LBA 100" "$(cksum <"$data")" "$(image_cksum "$img" 100 2)"
    line=$(req 9 0 read --lba 100 --count 2)
    expect_fields "io: LBA48 read returns what was written" "$line" ata_status=0x40 data_len=1024 "data_cksum=$want"

    line=$(req 9 0 write --lba 0x123 --count 1 --pattern 0x5a --lba28)
    expect_fields "io: LBA28 write (device bits 0xE0 in LBA byte 3) succeeds" "$line" error_flag=0 ata_status=0x40
    check_eq "io: the LBA28 write landed at LBA 0x123" "$(head -c 512 /dev/zero | tr '\0' '\132' | cksum)" "$(image_cksum "$img" $((0x123)) 1)"
    line=$(req 9 0 read --lba 0x123 --count 1 --lba28)
    expect_fields "io: LBA28 read returns it" "$line" ata_status=0x40 "data_cksum=$(image_cksum "$img" $((0x123)) 1 | cut -d' ' -f1)"

    line=$(req 9 0 read --lba $((SECTORS - 1)) --count 1)
    expect_fields "io: the last sector can be read" "$line" ata_status=0x40 "data_cksum=$(image_cksum "$img" $((SECTORS - 1)) 1 | cut -d' ' -f1)"
    before=$(cksum <"$img")
    line=$(req 9 0 read --lba $SECTORS --count 1)
    expect_fields "io: a read at LBA = size gets IDNF" "$line" error_flag=0 ata_status=0x41 ata_error=0x10
    line=$(req 9 0 read --lba $((SECTORS - 1)) --count 2)
    expect_fields "io: a read crossing the end gets IDNF" "$line" error_flag=0 ata_status=0x41 ata_error=0x10
    line=$(req 9 0 write --lba $((SECTORS - 1)) --count 2 --pattern 0xee)
    expect_fields "io: a write crossing the end gets IDNF" "$line" error_flag=0 ata_status=0x41 ata_error=0x10
    line=$(req 9 0 read --lba 0xFFFFFFFFFFFF --count 1)
    expect_fields "io: a read at the largest LBA48 gets IDNF" "$line" error_flag=0 ata_status=0x41 ata_error=0x10
    line=$(req 9 0 write --lba 0x0FFFFFFF --count 1 --pattern 0xee --lba28)
    expect_fields "io: an LBA28 write beyond the end gets IDNF" "$line" error_flag=0 ata_status=0x41 ata_error=0x10
    check_eq "io: refused writes left the image untouched" "$before" "$(cksum <"$img")"
    target_stop

    # -o/-l export a window of the file
    target_start -o 16 -l 64 9 0 "$IF_T" "$img" || { not_ok "io: target starts with -o 16 -l 64"; return; }
    check "io: -o 16 -l 64 exports 64 sectors" grep -q '^pid [0-9]*: e9.0, 64 sectors O_RDWR$' "$TOUT"
    line=$(req 9 0 read --lba 0 --count 2)
    expect_fields "io: with -o 16, LBA 0 is the file's sector 16" "$line" ata_status=0x40 "data_cksum=$(image_cksum "$img" 16 2 | cut -d' ' -f1)"
    line=$(req 9 0 read --lba 64 --count 1)
    expect_fields "io: with -l 64, LBA 64 gets IDNF" "$line" ata_status=0x41 ata_error=0x10
    before=$(image_cksum "$img" 0 16)
    line=$(req 9 0 write --lba 0 --count 1 --pattern 0x11)
    expect_fields "io: a write at LBA 0 with -o 16 succeeds" "$line" ata_status=0x40
    check_eq "io: ... lands in the file's sector 16" "$(head -c 512 /dev/zero | tr '\0' '\021' | cksum)" "$(image_cksum "$img" 16 1)"
    check_eq "io: ... and sectors 0-15 of the file are untouched" "$before" "$(image_cksum "$img" 0 16)"
    target_stop
}

# ---------------------------------------------------------------------------------------------
group_malformed() {
    local img=$WORK/bad.img before line
    new_image "$img"
    before=$(cksum <"$img")
    target_start 9 0 "$IF_T" "$img" || { not_ok "malformed: target starts"; return; }
    # raw HEX: bytes after the Ethernet header. Header: ver/flags err shelf(2) slot cmd tag(4).
    local H="10 00 00 09 00"
    raw() { in_i "$AOE_REQUEST" -i "$IF_I" --timeout 500 raw --no-padding --hex "$1" 2>/dev/null; }
    check_eq "malformed: a frame shorter than the AoE header is ignored" "timeout=1" "$(raw "10 00 00 09")"
    check_eq "malformed: an ATA request cut inside its argument is ignored" "timeout=1" "$(raw "$H 00 00 00 00 21 40 00 01 24 00 00")"
    check_eq "malformed: a Query Config cut inside its argument is ignored" "timeout=1" "$(raw "$H 01 00 00 00 22 00 10 00")"
    line=$(raw "$H 01 00 00 00 23 00 00 00 00 00 13 04 00")
    # vblade 25 stays silent here; an AoE "bad argument" error is as good.
    if [ "$line" = "timeout=1" ] || { [ "$(field error_flag "$line")" = 1 ] && [ "$(field aoe_error "$line")" = 2 ]; }; then
        ok "malformed: a config set whose length (1024) overruns the frame gets silence or AoE error 2"
    else
        not_ok "malformed: a config set whose length overruns the frame gets silence or AoE error 2" "reply: $line"
    fi
    check_eq "malformed: ... and stores nothing" "" "$(in_i timeout 10 aoecfg -t 2 -c read 9 0 "$IF_I" 2>&1)"
    line=$(raw "$H 09 00 00 00 24")
    expect_fields "malformed: an unknown AoE command gets AoE error 1" "$line" error_flag=1 aoe_error=1
    line=$(raw "$H 00 00 00 00 25 40 00 00 24 00 00 00 00 00 00 00 00")
    expect_fields "malformed: an ATA read of 0 sectors is aborted" "$line" ata_status=0x41 ata_error=0x04
    line=$(raw "$H 00 00 00 00 26 40 00 ff 24 00 00 00 00 00 00 00 00")
    expect_fields "malformed: an ATA read of 255 sectors (more than a 1500-byte frame) is aborted" "$line" ata_status=0x41 ata_error=0x04
    line=$(in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 1000 raw --hex \
        "$H 00 00 00 00 27 41 00 02 34 05 00 00 00 00 00 00 00 $(printf '77 %.0s' $(seq 1 512))" 2>/dev/null)
    expect_fields "malformed: a 2-sector write carrying 1 sector of data is aborted" "$line" ata_status=0x41 ata_error=0x04
    line=$(raw "$H 00 00 00 00 28 00 00 01 c7 00 00 00 00 00 00 00 00")
    expect_fields "malformed: an unsupported ATA command (0xC7) is aborted" "$line" error_flag=0 ata_status=0x41 ata_error=0x04
    check_eq "malformed: a frame with the response flag set is not answered" "timeout=1" \
        "$(raw "18 00 00 09 00 00 00 00 00 29 00 00 01 ec 00 00 00 00 00 00 00 00")"
    raw "$H 02 00 00 00 2a 00 01 00 05" >/dev/null           # mask list edit claiming 5 directives, none sent
    raw "$H 03 00 00 00 2b 01 c8" >/dev/null                 # reserve with 200 MACs, none sent
    raw "20 00 00 09 00 00 00 00 00 2c 40 00 01 24" >/dev/null  # AoE version 2
    raw "$H 00 00 00 00 2d 40 00 01 24 ff ff ff ff ff ff 00 00" >/dev/null
    raw "ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff" >/dev/null
    check "malformed: the target is still running after the malformed frames" kill -0 "$TPID"
    line=$(req 9 0 identify)
    expect_fields "malformed: the target still answers afterwards" "$line" error_flag=0 ata_status=0x40 data_len=512
    check_eq "malformed: the image is byte-identical" "$before" "$(cksum <"$img")"
    target_stop
    check_eq "malformed: target exits 0 on SIGTERM" 0 "$TRC"
}

# ---------------------------------------------------------------------------------------------
group_multi() {
    local a=$WORK/a.img b=$WORK/b.img conf=$WORK/two.conf line bsum
    new_image "$a"
    new_image "$b" 4096
    printf '# two exports on one interface\n9 0 %s %s\n\n9 1 %s %s   # second\n' "$IF_T" "$a" "$IF_T" "$b" >"$conf"
    target_start --config "$conf" || { not_ok "multi: target starts with two exports"; return; }
    sleep 0.3
    check "multi: startup lines for e9.0 and e9.1" \
        bash -c "grep -q '^pid [0-9]*: e9.0, 8192 sectors O_RDWR$' '$TOUT' && grep -q '^pid [0-9]*: e9.1, 4096 sectors O_RDWR$' '$TOUT'"
    local out0 out1
    out0=$(in_i timeout 10 aoeping -I -s 3 9 0 "$IF_I" 2>&1)
    out1=$(in_i timeout 10 aoeping -I -s 3 9 1 "$IF_I" 2>&1)
    if grep -q "serial_number: $(serial_expected 9.0)" <<<"$out0"; then ok "multi: e9.0 answers aoeping"; else not_ok "multi: e9.0 answers aoeping" "$out0"; fi
    if grep -q "serial_number: $(serial_expected 9.1)" <<<"$out1"; then ok "multi: e9.1 answers aoeping"; else not_ok "multi: e9.1 answers aoeping" "$out1"; fi
    in_i timeout 10 aoecfg -t 2 -c set -s "slot-one" 9 1 "$IF_I" >/dev/null 2>&1
    check_eq "multi: wildcard aoecfg discovery lists both exports" "$(printf '9.0\t\n9.1\tslot-one')" \
        "$(in_i timeout 10 aoecfg -t 2 "$IF_I" 2>&1 | sort)"
    check_eq "multi: shelf 0xffff slot 0xff reaches both, replies carry the real addresses" "9.0 9.1" \
        "$(req 0xffff 0xff config --all | while read -r l; do echo "$(field shelf "$l").$(field slot "$l")"; done | sort | xargs)"
    check_eq "multi: shelf 9 slot 0xff reaches both" "9.0 9.1" \
        "$(req 9 0xff config --all | while read -r l; do echo "$(field shelf "$l").$(field slot "$l")"; done | sort | xargs)"
    check_eq "multi: shelf 0xffff slot 1 reaches only e9.1" "9.1" \
        "$(req 0xffff 1 config --all | while read -r l; do echo "$(field shelf "$l").$(field slot "$l")"; done | sort | xargs)"
    check_eq "multi: shelf 8 reaches nobody" "timeout=1" "$(req 8 0xff config --all)"
    bsum=$(cksum <"$b")
    line=$(req 9 0 write --lba 0 --count 2 --pattern 0x3c)
    expect_fields "multi: write to e9.0" "$line" ata_status=0x40
    check_eq "multi: it landed in e9.0's file" "$(head -c 1024 /dev/zero | tr '\0' '\074' | cksum)" "$(image_cksum "$a" 0 2)"
    line=$(req 9 1 read --lba 0 --count 2)
    expect_fields "multi: e9.1 still returns its own data" "$line" ata_status=0x40 "data_cksum=$(image_cksum "$b" 0 2 | cut -d' ' -f1)"
    check_eq "multi: e9.1's file is untouched" "$bsum" "$(cksum <"$b")"
    line=$(req 9 1 read --lba 4096 --count 1)
    expect_fields "multi: e9.1 has its own size (LBA 4096 is IDNF)" "$line" ata_status=0x41 ata_error=0x10
    target_stop
    check_eq "multi: target exits 0 on SIGTERM" 0 "$TRC"

    # the same shelf.slot twice
    local asum
    asum=$(cksum <"$a")
    printf '9 0 %s %s\n9 0 %s %s\n' "$IF_T" "$a" "$IF_T" "$b" >"$conf"
    local rc
    in_t timeout 10 "$TARGET" --config "$conf" >"$WORK/dup.out" 2>"$WORK/dup.err"
    rc=$?
    check_eq "multi: the same shelf.slot twice in --config exits 1" 1 "$rc"
    check_eq "multi: ... with one line on stderr" 1 "$(wc -l <"$WORK/dup.err")"
    if grep -q '9\.0' "$WORK/dup.err"; then ok "multi: ... that names e9.0: $(cat "$WORK/dup.err")"; else not_ok "multi: the error names the duplicate" "$(cat "$WORK/dup.err")"; fi
    check_eq "multi: ... and serves nothing" "" "$(cat "$WORK/dup.out")"
    check_eq "multi: ... and leaves both files alone" "$asum $bsum" "$(cksum <"$a") $(cksum <"$b")"
}

# ---------------------------------------------------------------------------------------------
group_cli() {
    local img=$WORK/cli.img small=$WORK/small.img
    new_image "$img"
    head -c 300 /dev/urandom >"$small"
    ip -n "$NS_T" link add qvdown0 type veth peer name qvdown1 || e2e_die "cannot create a down interface"
    bad() {  # bad DESCRIPTION FILE ARGS...
        local desc=$1 file=$2 before rc
        shift 2
        before=$(cksum <"$file")
        in_t timeout 10 "$TARGET" "$@" >"$WORK/cli.out" 2>"$WORK/cli.err"
        rc=$?
        local problems=()
        [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] || problems+=("exit status $rc (want non-zero, and no hang)")
        [ "$(grep -c . "$WORK/cli.err")" -eq 1 ] || problems+=("stderr has $(grep -c . "$WORK/cli.err") lines, want 1:" "$(cat "$WORK/cli.err")")
        ! grep -q '^pid' "$WORK/cli.out" || problems+=("it started serving: $(cat "$WORK/cli.out")")
        [ "$before" = "$(cksum <"$file")" ] || problems+=("the file changed")
        if [ ${#problems[@]} -eq 0 ]; then ok "cli: $desc -> exit $rc: $(cat "$WORK/cli.err")"; else not_ok "cli: $desc" "${problems[@]}"; fi
    }
    bad "unknown flag -x" "$img" -x 9 0 "$IF_T" "$img"
    bad "unknown long option --bogus" "$img" --bogus 9 0 "$IF_T" "$img"
    bad "slot 255 (the broadcast slot)" "$img" 9 255 "$IF_T" "$img"
    bad "shelf 65535 (the broadcast shelf)" "$img" 65535 0 "$IF_T" "$img"
    bad "missing file" "$img" 9 0 "$IF_T" "$WORK/does-not-exist.img"
    bad "file smaller than 512 bytes" "$small" 9 0 "$IF_T" "$small"
    bad "offset beyond the end of the file" "$img" -o $((SECTORS + 1)) 9 0 "$IF_T" "$img"
    bad "nonexistent interface" "$img" 9 0 nosuch0 "$img"
    bad "interface that is down" "$img" 9 0 qvdown0 "$img"
    bad "too few arguments" "$img" 9 0 "$IF_T"
    bad "buffer count 1 (-b 1)" "$img" -b 1 9 0 "$IF_T" "$img"
    bad "--config with a missing file" "$img" --config "$WORK/nope.conf"
    bad "--daemon with a missing file" "$img" --daemon 9 0 "$IF_T" "$WORK/does-not-exist.img"
    bad "--busy-poll with a non-number" "$img" --busy-poll fast 9 0 "$IF_T" "$img"
    bad "--busy-poll above 100000 µs" "$img" --busy-poll 100001 9 0 "$IF_T" "$img"
    # Without busy polling the loop sleeps in poll() after every frame: it must still answer.
    target_start --busy-poll 0 9 0 "$IF_T" "$img" || { not_ok "cli: target starts with --busy-poll 0"; return; }
    expect_fields "cli: with --busy-poll 0 a read is answered" "$(req 9 0 read --lba 5 --count 1)" ata_status=0x40 \
        "data_cksum=$(image_cksum "$img" 5 1 | cut -d' ' -f1)"
    target_stop
}

# ---------------------------------------------------------------------------------------------
group_signals() {
    local img=$WORK/sig.img line
    new_image "$img"
    target_start 9 0 "$IF_T" "$img" || { not_ok "signals: target starts"; return; }
    req 9 0 identify >/dev/null
    req 9 0 read --lba 1 --count 2 >/dev/null
    kill -USR1 "$TPID"
    local i
    for i in $(seq 1 20); do grep -q 'e9.0' "$TERR" && break; sleep 0.1; done
    line=$(grep 'e9.0:' "$TERR" | tail -1)
    if [[ $line =~ frames_in\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 2 ]; then
        ok "signals: SIGUSR1 prints the export's counters on stderr: $line"
    else
        not_ok "signals: SIGUSR1 prints counters (frames_in >= 2 after two requests)" "stderr: $(cat "$TERR")"
    fi
    if [[ $line =~ sectors_read\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -eq 2 ]; then ok "signals: sectors_read counts the 2-sector read"; else not_ok "signals: sectors_read is 2" "$line"; fi
    if grep -q "$IF_T:" "$TERR"; then ok "signals: SIGUSR1 prints the interface's counters"; else not_ok "signals: interface counters" "$(cat "$TERR")"; fi
    check "signals: the target keeps running after SIGUSR1" kill -0 "$TPID"
    expect_fields "signals: and keeps answering" "$(req 9 0 identify)" ata_status=0x40
    target_stop
    check_eq "signals: SIGTERM exits 0" 0 "$TRC"
    # Under a steady load the loop spins and polls its ports and completion ring, not the wake pipe: a signal
    # must still be seen at once, not when the load stops. (A spin window of 100 ms, so that the
    # loop does not fall asleep, and see the pipe that way, between two frames of the load.)
    if [ -z "$AOE_LOAD" ]; then
        not_ok "signals: a SIGUSR1 under load needs bench/aoe-load (AOE_LOAD is not set)"
    elif ! target_start --busy-poll 100000 9 0 "$IF_T" "$img"; then
        not_ok "signals: target starts with --busy-poll 100000"
    else
        in_i "$AOE_LOAD" "$IF_I" 9 0 --op read --bytes 512 --outstanding 1 --seconds 4 --span-mib 2 >"$WORK/sigload.out" 2>&1 &
        local lp=$! before printed=
        sleep 1.5
        before=$(grep -c 'e9.0:' "$TERR")
        kill -USR1 "$TPID"
        for i in $(seq 1 10); do   # printed while the load still runs
            [ "$(grep -c 'e9.0:' "$TERR")" -gt "$before" ] && { kill -0 "$lp" 2>/dev/null && printed=1; break; }
            sleep 0.1
        done
        line=$(grep 'e9.0:' "$TERR" | tail -1)
        if [ -n "$printed" ] && [[ $line =~ frames_in\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 1000 ]; then
            ok "signals: SIGUSR1 under a steady load prints the counters within a second: $line"
        else
            not_ok "signals: SIGUSR1 under load prints the counters while the load runs" "stderr: $(tail -3 "$TERR")"
        fi
        wait "$lp"
        expect_fields "signals: the load saw no error" "$(cat "$WORK/sigload.out")" errors=0 timeouts=0
        target_stop
    fi
    target_start 9 0 "$IF_T" "$img" || { not_ok "signals: target restarts"; return; }
    kill -INT "$TPID"
    for i in $(seq 1 50); do kill -0 "$TPID" 2>/dev/null || break; sleep 0.1; done
    wait "$TPID" 2>/dev/null
    check_eq "signals: SIGINT exits 0" 0 "$?"
    TPID=
}

# ---------------------------------------------------------------------------------------------
group_daemon() {
    local img=$WORK/daemon.img pidfile=$WORK/qvb.pid rc pid
    new_image "$img"
    in_t timeout 10 "$TARGET" --daemon --pidfile "$pidfile" 9 0 "$IF_T" "$img" >"$WORK/d.out" 2>"$WORK/d.err"
    rc=$?
    check_eq "daemon: --daemon returns 0 once the export is up" 0 "$rc"
    pid=$(cat "$pidfile" 2>/dev/null)
    if [[ $pid =~ ^[0-9]+$ ]]; then
        E2E_PIDS+=("$pid")
        ok "daemon: --pidfile holds a pid ($pid)"
    else
        not_ok "daemon: --pidfile holds a pid" "pid file: '$pid'" "stderr: $(cat "$WORK/d.err")"
        return
    fi
    check "daemon: the pid is a running qvblade process" grep -q qvblade "/proc/$pid/cmdline"
    check_eq "daemon: it detached (its parent is not this shell)" "no" "$([ "$(awk '{print $4}' "/proc/$pid/stat")" = $$ ] && echo yes || echo no)"
    check_eq "daemon: it left this session" "no" "$([ "$(awk '{print $6}' "/proc/$pid/stat")" = "$(awk '{print $6}' /proc/$$/stat)" ] && echo yes || echo no)"
    if grep -q "^pid $pid: e9.0, 8192 sectors O_RDWR$" "$WORK/d.out"; then ok "daemon: printed the startup line with the daemon's pid"; else not_ok "daemon: startup line" "$(cat "$WORK/d.out")"; fi
    expect_fields "daemon: the daemon answers" "$(req 9 0 identify)" ata_status=0x40
    kill -TERM "$pid"
    local i
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    check_eq "daemon: SIGTERM stops it" "gone" "$(kill -0 "$pid" 2>/dev/null && echo running || echo gone)"
    check_eq "daemon: SIGTERM removes the pid file" "absent" "$([ -e "$pidfile" ] && echo present || echo absent)"
}

# ---------------------------------------------------------------------------------------------
group_padding() {
    local img=$WORK/pad.img cap=$WORK/cap.pcap tpid
    new_image "$img"
    target_start 9 0 "$IF_T" "$img" || { not_ok "padding: target starts"; return; }
    # ip netns exec execs tshark, so $! is tshark's own pid (a subshell would ignore SIGINT while waiting)
    ip netns exec "$NS_I" tshark -n -i "$IF_I" -f "ether proto 0x88a2" -w "$cap" >"$WORK/tshark.log" 2>&1 &
    tpid=$!
    E2E_PIDS+=("$tpid")
    local i
    for i in $(seq 1 100); do grep -q 'Capturing on' "$WORK/tshark.log" && break; sleep 0.1; done
    grep -q 'Capturing on' "$WORK/tshark.log" || { not_ok "padding: tshark starts capturing" "$(cat "$WORK/tshark.log")"; return; }
    # tshark says "Capturing on" a moment before dumpcap really captures: probe until a reply of
    # the target shows up in the file, then count from there.
    target_frames() { tshark -n -r "$cap" -Y "eth.src == $MAC_T" -T fields -e frame.len 2>/dev/null | wc -l; }
    local base=0
    for i in $(seq 1 50); do
        req 9 0 config --ccmd read >/dev/null
        base=$(target_frames)
        [ "$base" -gt 0 ] && break
        sleep 0.1
    done
    [ "$base" -gt 0 ] || { not_ok "padding: the capture sees the target's replies" "$(cat "$WORK/tshark.log")"; return; }
    # Every exchange below must get exactly one reply; count those the clients saw, so the capture
    # can be checked against them (and waited for: dumpcap writes the file a little behind the wire).
    local seen=0 line
    in_i timeout 10 aoecfg -t 2 -c read 9 0 "$IF_I" >/dev/null 2>&1 && seen=$((seen + 1))
    in_i timeout 10 aoeping -s 3 9 0 "$IF_I" >/dev/null 2>&1 && seen=$((seen + 1))
    for line in "write --lba 1 --count 1 --pattern 0" "read --lba $SECTORS --count 1" \
                "config --ccmd set --string x" "config --ccmd set --string y"; do
        # shellcheck disable=SC2086  # the request's arguments are split on purpose
        [ -n "$(req 9 0 $line)" ] && seen=$((seen + 1))
    done
    check_eq "padding: the target answered all six exchanges" 6 "$seen"
    local lens count=0
    for i in $(seq 1 100); do
        lens=$(tshark -n -r "$cap" -Y "eth.src == $MAC_T" -T fields -e frame.len 2>/dev/null | xargs)
        count=$(wc -w <<<"$lens")
        [ "$count" -ge $((base + seen)) ] && break
        sleep 0.1
    done
    kill -INT "$tpid"
    for i in $(seq 1 50); do kill -0 "$tpid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$tpid" 2>/dev/null
    wait "$tpid" 2>/dev/null
    lens=$(tshark -n -r "$cap" -Y "eth.src == $MAC_T" -T fields -e frame.len 2>/dev/null | xargs)
    count=$(wc -w <<<"$lens")
    local short
    short=$(for n in $lens; do [ "$n" -lt 60 ] && echo "$n"; done | xargs)
    if [ "$count" -ge $((base + seen)) ] && [ -z "$short" ]; then
        ok "padding: all $count frames the target sent are >= 60 bytes ($lens)"
    else
        not_ok "padding: every reply is captured and padded to 60 bytes" \
            "replies the clients saw: $seen after $base probe replies; captured lengths from the target: '$lens'" \
            "$(tshark -n -r "$cap" 2>&1 | head -20)"
    fi
    local bad
    bad=$(tshark -n -r "$cap" -Y "_ws.malformed || _ws.expert.severity >= warning" 2>/dev/null)
    check_eq "padding: tshark's AoE dissector finds nothing malformed" "" "$bad"
    target_stop
}

# ---------------------------------------------------------------------------------------------
# -d on a loop device with SECTOR-byte logical sectors. On 4096 (a 4Kn disk) O_DIRECT refuses
# 512-byte-aligned transfers, yet the initiator sends them (partition probing, 1 KiB file system
# blocks): they must go through the page cache, aligned ones straight down. On 512 every request
# goes straight down, into and out of the engine's page-aligned buffers (core/buffer_layout.h).
direct_on_loop() {
    local size=$1 name=direct$1 backing=$WORK/direct$1.img dev line data=$WORK/sector.bin
    new_image "$backing"
    dev=$(losetup --find --show --sector-size "$size" "$backing") || { not_ok "$name: a loop device with $size-byte sectors can be set up (losetup -b $size)"; return; }
    E2E_LOOPS+=("$dev")
    check_eq "$name: the loop device has $size-byte logical sectors" "$size" "$(blockdev --getss "$dev")"
    # Jumbo frames, so that one request can carry a whole 4 KiB block (8 sectors) and more.
    ip -n "$NS_T" link set "$IF_T" mtu 9000 && ip -n "$NS_I" link set "$IF_I" mtu 9000 || { not_ok "$name: MTU 9000 on the veth pair"; return; }
    target_start -d 9 0 "$IF_T" "$dev" || { not_ok "$name: target starts with -d on $dev"; return; }
    check "$name: no warning about misaligned requests" bash -c "! grep -q 'misaligned' '$TERR'"
    line=$(req 9 0 read --lba 1 --count 1)
    expect_fields "$name: a 1-sector read at LBA 1 is served" "$line" ata_status=0x40 \
        "data_cksum=$(image_cksum "$dev" 1 1 | cut -d' ' -f1)"
    line=$(req 9 0 read --lba 8 --count 16)
    expect_fields "$name: an aligned 8 KiB read at LBA 8 is served" "$line" ata_status=0x40 \
        "data_cksum=$(image_cksum "$dev" 8 16 | cut -d' ' -f1)"
    dd if=/dev/urandom of="$data" bs=512 count=1 2>/dev/null
    line=$(req 9 0 write --lba 3 --count 1 --data-file "$data")
    expect_fields "$name: a 1-sector write at LBA 3 succeeds" "$line" error_flag=0 ata_status=0x40
    line=$(req 9 0 read --lba 0 --count 8)
    expect_fields "$name: an aligned direct read of that 4 KiB block sees the new sector" "$line" ata_status=0x40 \
        "data_cksum=$( (sectors_of "$backing" 0 3; cat "$data"; sectors_of "$backing" 4 4) | cksum | cut -d' ' -f1)"
    target_stop
    ip -n "$NS_T" link set "$IF_T" mtu 1500; ip -n "$NS_I" link set "$IF_I" mtu 1500
    sync
    check_eq "$name: the sector reached the backing file" "$(cksum <"$data")" "$(image_cksum "$backing" 3 1)"
}
group_direct4k() { direct_on_loop 4096; }
group_direct512() { direct_on_loop 512; }

# ---------------------------------------------------------------------------------------------
# A burst far beyond the export's 16 buffers arrives while the target cannot run (several
# initiators at once do this): every request must be answered once it runs again, none dropped.
# libpcap would size its ring for 64 KiB frames on an interface with segmentation offload (a veth
# pair, most NICs) and hold only 64 of them; and replies only queued must free their buffers.
group_burst() {
    local img=$WORK/burst.img line rp i
    new_image "$img"
    ip -n "$NS_T" link set "$IF_T" mtu 9000 && ip -n "$NS_I" link set "$IF_I" mtu 9000 || { not_ok "burst: MTU 9000 on the veth pair"; return; }
    target_start 9 0 "$IF_T" "$img" || { not_ok "burst: target starts"; return; }
    expect_fields "burst: the target answers a 16-sector read" "$(req 9 0 read --lba 0 --count 16)" ata_status=0x40
    # Bound to AoE alone (not every EtherType, as libpcap binds), the socket is not handed the
    # interface's other traffic nor what other programs send (/proc/net/packet: Proto 88a2).
    # The send socket has no protocol and is not running: it receives nothing at all.
    check_eq "burst: the target's receiving packet socket is bound to EtherType 88a2 only" "88a2" \
        "$(in_t cat /proc/net/packet | awk 'NR > 1 && $6 != 0 { print $4 }' | sort -u | tr '\n' ' ' | sed 's/ $//')"
    check_eq "burst: the target's other packet socket (for sending) has no protocol" "0000" \
        "$(in_t cat /proc/net/packet | awk 'NR > 1 && $6 == 0 { print $4 }' | sort -u | tr '\n' ' ' | sed 's/ $//')"
    kill -STOP "$TPID"
    in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 15000 --repeat 400 read --lba 0 --count 16 >"$WORK/burst.out" 2>&1 &
    rp=$!
    sleep 1
    kill -CONT "$TPID"
    wait "$rp"
    line=$(cat "$WORK/burst.out")
    expect_fields "burst: 400 jumbo requests sent to a stopped target are all answered" "$line" sent=400 replies=400 errors=0
    kill -USR1 "$TPID"
    for i in $(seq 1 20); do grep -q 'e9.0:' "$TERR" && break; sleep 0.1; done
    line=$(grep 'e9.0:' "$TERR" | tail -1)
    if [[ $line =~ busy_drops\ 0\  ]] && [[ $line =~ frames_in\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 401 ]; then
        ok "burst: the counters show every frame in and no busy drop: $line"
    else
        not_ok "burst: counters show >= 401 frames in and busy_drops 0" "stderr: $line"
    fi
    target_stop
    ip -n "$NS_T" link set "$IF_T" mtu 1500; ip -n "$NS_I" link set "$IF_I" mtu 1500
}

# ---------------------------------------------------------------------------------------------
# An initiator streaming data has many writes to consecutive sectors in flight; the target
# gathers the ones of one receive batch into a single vectored write (core/write_run.h). Here 48
# such writes and then a read of sectors they cover reach a stopped target, so that one batch
# holds them all: every write must land whole and in place, the read (which came later) must
# see its write, and the counters must show the writes gathered.
group_merge() {
    local img=$WORK/merge.img data=$WORK/merge.bin line rp i sent0 n=48 count=16 lba=64
    new_image "$img"
    (sectors_of "$img" 0 $lba; sectors_of "$img" $((lba + n * count)) 64) >"$WORK/merge.before"
    dd if=/dev/urandom of="$data" bs=512 count=$((n * count)) 2>/dev/null
    ip -n "$NS_T" link set "$IF_T" mtu 9000 && ip -n "$NS_I" link set "$IF_I" mtu 9000 || { not_ok "merge: MTU 9000 on the veth pair"; return; }
    # 64 buffers: the writes and the read fit at once (with 16, the writes would wait for buffers).
    target_start -b 64 9 0 "$IF_T" "$img" || { not_ok "merge: target starts"; return; }
    expect_fields "merge: the target answers a 16-sector read" "$(req 9 0 read --lba 0 --count 16)" ata_status=0x40
    kill -STOP "$TPID"
    sent0=$(in_i cat "/sys/class/net/$IF_I/statistics/tx_packets")
    in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 15000 --repeat $n --stride \
        write --lba $lba --count $count --data-file "$data" >"$WORK/merge.out" 2>&1 &
    rp=$!
    # The read must leave after the last write (a slow start-up, e.g. under ASan, must not reorder them).
    wait_sent() { for i in $(seq 1 100); do [ "$(in_i cat "/sys/class/net/$IF_I/statistics/tx_packets")" -ge $((sent0 + $1)) ] && return; sleep 0.1; done; }
    wait_sent $n
    in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 15000 read --lba $((lba + 40 * count)) --count $count \
        >"$WORK/merge-read.out" 2>&1 &
    wait_sent $((n + 1))
    kill -CONT "$TPID"
    wait "$rp"
    wait $!
    expect_fields "merge: $n adjacent writes sent to a stopped target are all answered without error" \
        "$(cat "$WORK/merge.out")" sent=$n replies=$n errors=0
    expect_fields "merge: a read that arrived after them in the same batch sees the written data" \
        "$(cat "$WORK/merge-read.out")" ata_status=0x40 "data_cksum=$(sectors_of "$data" $((40 * count)) $count | cksum | cut -d' ' -f1)"
    kill -USR1 "$TPID"
    for i in $(seq 1 20); do grep -q 'e9.0:' "$TERR" && break; sleep 0.1; done
    line=$(grep 'e9.0:' "$TERR" | tail -1)
    if [[ $line =~ merged_writes\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge $((n / 2)) ]; then
        ok "merge: most writes went to the file together with the one before them: $line"
    else
        not_ok "merge: counters show merged_writes >= $((n / 2))" "stderr: $line"
    fi
    target_stop
    ip -n "$NS_T" link set "$IF_T" mtu 1500; ip -n "$NS_I" link set "$IF_I" mtu 1500
    check_eq "merge: the image holds every write in place" "$(cksum <"$data")" "$(image_cksum "$img" $lba $((n * count)))"
    check_eq "merge: the sectors before and after the writes are untouched" \
        "$(cksum <"$WORK/merge.before")" "$( (sectors_of "$img" 0 $lba; sectors_of "$img" $((lba + n * count)) 64) | cksum)"
}

# Two target processes on one interface, one export each (the way vblade is run): the kernel
# filter of each one's socket (core/receive_filter.h) keeps the other's frames away from it, so
# neither copies nor wakes for the other's traffic; broadcasts still reach both.
group_shared() {
    local a=$WORK/shared-a.img b=$WORK/shared-b.img bpid berr
    new_image "$a"
    new_image "$b"
    target_start 9 1 "$IF_T" "$b" || { not_ok "shared: the target of e9.1 starts"; return; }
    bpid=$TPID berr=$TERR
    target_start 9 0 "$IF_T" "$a" || { not_ok "shared: the target of e9.0 starts"; kill "$bpid"; return; }
    expect_fields "shared: 300 reads of e9.0 are all answered" \
        "$(in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 15000 --repeat 300 read --lba 0 --count 2 2>&1)" \
        sent=300 replies=300 errors=0
    expect_fields "shared: e9.1 answers with its own data" "$(req 9 1 read --lba 0 --count 2)" \
        ata_status=0x40 "data_cksum=$(image_cksum "$b" 0 2 | cut -d' ' -f1)"
    local na nb
    na=$(counter_of "$TPID" "$TERR" "$IF_T" frames_in)
    nb=$(counter_of "$bpid" "$berr" "$IF_T" frames_in)
    if [ -n "$na" ] && [ "$na" -eq 300 ]; then ok "shared: e9.0's process received its 300 requests and nothing else"
    else not_ok "shared: e9.0's process received exactly its 300 requests" "frames_in ${na:-?}"; fi
    check_eq "shared: e9.1's process received only its own request, none of the 300 for e9.0" 1 "$nb"
    check_eq "shared: a broadcast Query Config is answered by both" "9.0 9.1" \
        "$(req 0xffff 0xff config --all | while read -r l; do echo "$(field shelf "$l").$(field slot "$l")"; done | sort | xargs)"
    check_eq "shared: ... and reached e9.1's process" 2 "$(counter_of "$bpid" "$berr" "$IF_T" frames_in)"
    target_stop
    check_eq "shared: e9.0's target exits 0 on SIGTERM" 0 "$TRC"
    TPID=$bpid
    target_stop
    check_eq "shared: e9.1's target exits 0 on SIGTERM" 0 "$TRC"
}

# counter_of PID ERRFILE LABEL NAME: one counter of the line LABEL ("e9.0", an interface) in the
# SIGUSR1 report of the target PID, which writes its stderr to ERRFILE.
counter_of() {
    local before i line
    before=$(grep -c "$3:" "$2")
    kill -USR1 "$1"
    for i in $(seq 1 30); do [ "$(grep -c "$3:" "$2")" -gt "$before" ] && break; sleep 0.1; done
    line=$(grep "$3:" "$2" | tail -1)
    [[ $line =~ $4\ ([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
}

# export_counter NAME SHELF.SLOT: one counter of the running target's SIGUSR1 report.
export_counter() { counter_of "$TPID" "$TERR" "e$2" "$1"; }

# Reads of pages known to be in the page cache are sent straight from a mapping of the image
# (core/image_map.h). The data must be the file's; a hole of a sparse tmpfs image must stay a hole
# (a read fault there would allocate a page); a file shrunk underneath must give an error, not a crash.
group_mapped() {
    local img data=$WORK/mapped.data other=$WORK/mapped.other zeros mapped0 mapped1 line i
    [ "$(stat -f -c %T /dev/shm)" = tmpfs ] || { not_ok "mapped: /dev/shm is a tmpfs"; return; }
    img=$(mktemp /dev/shm/qvblade-e2e-mapped.XXXXXX) || { not_ok "mapped: a file in /dev/shm"; return; }
    truncate -s 4M "$img"
    dd if=/dev/urandom of="$data" bs=4096 count=1 2>/dev/null
    dd if=/dev/urandom of="$other" bs=4096 count=1 2>/dev/null
    zeros=$(head -c 4096 /dev/zero | cksum | cut -d' ' -f1)
    # Whole pages in one frame.
    ip -n "$NS_T" link set "$IF_T" mtu 9000 && ip -n "$NS_I" link set "$IF_I" mtu 9000 || { not_ok "mapped: MTU 9000 on the veth pair"; rm -f "$img"; return; }
    target_start 9 0 "$IF_T" "$img" || { not_ok "mapped: target starts"; rm -f "$img"; return; }
    for i in 1 2; do
        expect_fields "mapped: a hole of a sparse tmpfs image reads as zeros (read $i)" \
            "$(req 9 0 read --lba 64 --count 8)" ata_status=0x40 "data_cksum=$zeros"
    done
    check_eq "mapped: reading the hole twice allocated nothing in tmpfs (blocks)" 0 "$(stat -c %b "$img")"
    check_eq "mapped: no hole was sent from the mapping" 0 "$(export_counter mapped_reads 9.0)"
    expect_fields "mapped: a page is written" "$(req 9 0 write --lba 128 --count 8 --data-file "$data")" ata_status=0x40
    for i in 1 2; do
        expect_fields "mapped: the written page reads back (read $i)" "$(req 9 0 read --lba 128 --count 8)" \
            ata_status=0x40 "data_cksum=$(cksum <"$data" | cut -d' ' -f1)"
    done
    mapped0=$(export_counter mapped_reads 9.0)
    # Read once through pread since the target wrote it, then from the mapping.
    check_eq "mapped: the written page's second read was sent from the mapping" 1 "$mapped0"
    # Written by another program: the first read learns that it is cached, the second is mapped.
    dd if="$other" of="$img" bs=4096 seek=64 conv=notrunc 2>/dev/null
    for i in 1 2; do
        expect_fields "mapped: a page written by another program reads back (read $i)" \
            "$(req 9 0 read --lba 512 --count 8)" ata_status=0x40 "data_cksum=$(cksum <"$other" | cut -d' ' -f1)"
    done
    mapped1=$(export_counter mapped_reads 9.0)
    check_eq "mapped: its second read was sent from the mapping" $((mapped0 + 1)) "$mapped1"
    # A read that arrives in the same batch as a write of the same page, before it, gets the old data.
    kill -STOP "$TPID"
    in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 15000 read --lba 128 --count 8 >"$WORK/mapped-read.out" 2>&1 &
    local rp=$!
    sleep 0.3
    in_i "$AOE_REQUEST" -i "$IF_I" -t 9 -n 0 --timeout 15000 write --lba 128 --count 8 --data-file "$other" >"$WORK/mapped-write.out" 2>&1 &
    local wp=$!
    sleep 0.3
    kill -CONT "$TPID"
    wait "$rp" "$wp"
    expect_fields "mapped: a read queued before a write of its page carries the data from before the write" \
        "$(cat "$WORK/mapped-read.out")" ata_status=0x40 "data_cksum=$(cksum <"$data" | cut -d' ' -f1)"
    expect_fields "mapped: the write after it is done" "$(cat "$WORK/mapped-write.out")" ata_status=0x40
    # Shrunk underneath: the page the target knows as cached is gone. The kernel cannot copy the
    # reply's data (EFAULT): that read is answered with an error at once (aoe_request does not
    # retransmit), and the next takes the read path (the map forgot) and gets one too.
    mapped1=$(export_counter mapped_reads 9.0)
    truncate -s 256K "$img"
    for i in 1 2; do
        line=$(req 9 0 read --lba 512 --count 8)
        expect_fields "mapped: a page past the end of a file shrunk underneath reads as an error (read $i)" "$line" ata_status=0x41 ata_error=0x04
    done
    check_eq "mapped: the failed send was not counted as a mapped read" "$mapped1" "$(export_counter mapped_reads 9.0)"
    if kill -0 "$TPID" 2>/dev/null; then ok "mapped: the target is still running"; else not_ok "mapped: the target died"; fi
    target_stop
    rm -f "$img"
    # A block device caches what it reads (its node sits on devtmpfs, which must not make it look
    # like tmpfs, where an uncached page of a block already asked about stays a hole).
    local backing=$WORK/mapped-loop.img dev
    new_image "$backing"
    dev=$(losetup --find --show "$backing") || { not_ok "mapped: a loop device can be set up"; return; }
    E2E_LOOPS+=("$dev")
    blockdev --flushbufs "$dev"
    target_start 9 0 "$IF_T" "$dev" || { not_ok "mapped: target starts on $dev"; return; }
    expect_fields "mapped: a page of the block device reads back" "$(req 9 0 read --lba 4096 --count 8)" \
        ata_status=0x40 "data_cksum=$(image_cksum "$backing" 4096 8 | cut -d' ' -f1)"
    mapped0=$(export_counter mapped_reads 9.0)
    for i in 1 2; do
        expect_fields "mapped: the next page of the same block reads back (read $i)" "$(req 9 0 read --lba 4104 --count 8)" \
            ata_status=0x40 "data_cksum=$(image_cksum "$backing" 4104 8 | cut -d' ' -f1)"
    done
    check_eq "mapped: on a block device the next page's second read was sent from the mapping" \
        $((mapped0 + 1)) "$(export_counter mapped_reads 9.0)"
    target_stop
    ip -n "$NS_T" link set "$IF_T" mtu 1500; ip -n "$NS_I" link set "$IF_I" mtu 1500
}

# Two targets on one address (issue #22): a target on the initiator's side of the veth pair
# ("theirs": Debian's vblade, or a second qvblade-cli) against ours, in both orders.
# theirs_start ARGS...: "$@" in the initiator's namespace; sets THEIRS (pid), THEIRS_OUT/THEIRS_ERR.
THEIRS_RUNS=0
theirs_start() {
    THEIRS_RUNS=$((THEIRS_RUNS + 1))
    THEIRS_OUT=$WORK/theirs.$THEIRS_RUNS.out THEIRS_ERR=$WORK/theirs.$THEIRS_RUNS.err
    ip netns exec "$NS_I" "$@" >"$THEIRS_OUT" 2>"$THEIRS_ERR" &   # not in_i: $! must be the target itself
    THEIRS=$!
    E2E_PIDS+=("$THEIRS")
    local i
    for i in $(seq 1 50); do grep -q '^pid [0-9]*:' "$THEIRS_OUT" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}
theirs_stop() { kill -TERM "$THEIRS" 2>/dev/null; wait "$THEIRS" 2>/dev/null; }

# refused_start DESC MAC ARGS...: ours, started with ARGS, exits non-zero with one line naming MAC.
refused_start() {
    local desc=$1 mac=$2 rc err=$WORK/refused.err
    shift 2
    in_t timeout 10 "$TARGET" "$@" >/dev/null 2>"$err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; then ok "$desc: exits $rc"; else not_ok "$desc: exits non-zero" "exit $rc"; fi
    check_eq "$desc: one line on stderr" 1 "$(wc -l <"$err")"
    if grep -q "e3.3 is already answered by $mac on $IF_T" "$err"; then ok "$desc: the line names $mac"
    else not_ok "$desc: the line names the other MAC $mac" "stderr: $(cat "$err")"; fi
}

group_conflict() {
    local a=$WORK/conflict-a.img b=$WORK/conflict-b.img conf=$WORK/conflict.conf
    new_image "$a"
    new_image "$b"
    # Theirs first: nothing of ours starts on the taken address.
    theirs_start vblade 3 3 "$IF_I" "$b" || { not_ok "conflict: vblade starts"; return; }
    refused_start "conflict: vblade serves e3.3, qvblade-cli 3 3" "$MAC_I" 3 3 "$IF_T" "$a"
    printf '3 2 %s %s\n3 3 %s %s\n' "$IF_T" "$a" "$IF_T" "$a" >"$conf"
    refused_start "conflict: vblade serves e3.3, a --config file with e3.2 and e3.3" "$MAC_I" --config "$conf"
    # The one legitimate case: both serve the same shared storage.
    target_start --allow-shared-address 3 3 "$IF_T" "$b" || { not_ok "conflict: --allow-shared-address starts beside vblade"; theirs_stop; return; }
    ok "conflict: --allow-shared-address starts beside vblade"
    target_stop
    theirs_stop
    theirs_start "$TARGET" 3 3 "$IF_I" "$b" || { not_ok "conflict: a second qvblade-cli starts"; return; }
    refused_start "conflict: qvblade-cli serves e3.3, qvblade-cli 3 3" "$MAC_I" 3 3 "$IF_T" "$a"
    theirs_stop
    # Ours first; theirs started without probing (vblade) is seen by its announcement.
    target_start 3 3 "$IF_T" "$a" || { not_ok "conflict: ours starts on the free address"; return; }
    ok "conflict: e3.3 starts once the other target is gone"
    theirs_start vblade 3 3 "$IF_I" "$b" || { not_ok "conflict: vblade starts beside ours"; return; }
    local i
    for i in $(seq 1 30); do grep -q "another device answers as e3.3" "$TERR" && break; sleep 0.1; done
    if grep -q "another device answers as e3.3: $MAC_I on $IF_T" "$TERR"; then ok "conflict: ours warns, naming vblade's MAC"
    else not_ok "conflict: ours warns that $MAC_I answers as e3.3" "stderr: $(cat "$TERR")"; fi
    theirs_stop
    theirs_start vblade 3 3 "$IF_I" "$b"   # announces again: counted, not logged again
    sleep 0.5
    check_eq "conflict: the warning is logged once per peer" 1 "$(grep -c "another device answers as e3.3" "$TERR")"
    local n
    n=$(export_counter address_conflicts 3.3)
    if [ -n "$n" ] && [ "$n" -ge 2 ]; then ok "conflict: address_conflicts counts both announcements ($n)"
    else not_ok "conflict: address_conflicts counts both announcements" "address_conflicts ${n:-?}"; fi
    if grep "e3.3:" "$TERR" | tail -1 | grep -q "also_answered_by $MAC_I"; then ok "conflict: the counters name the peer"
    else not_ok "conflict: the counters name the peer" "$(grep "e3.3:" "$TERR" | tail -1)"; fi
    theirs_stop
    target_stop
    # Ours first; a second qvblade-cli probes, finds ours and refuses; ours hears nothing.
    target_start 3 3 "$IF_T" "$a" || { not_ok "conflict: ours starts again"; return; }
    local err=$WORK/second.err rc
    in_i timeout 10 "$TARGET" 3 3 "$IF_I" "$b" >/dev/null 2>"$err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q "e3.3 is already answered by $MAC_T on $IF_I" "$err"; then
        ok "conflict: a second qvblade-cli refuses e3.3, naming ours"
    else not_ok "conflict: a second qvblade-cli refuses e3.3, naming ours" "exit $rc" "stderr: $(cat "$err")"; fi
    check_eq "conflict: its probe is not a conflict for ours" 0 "$(export_counter address_conflicts 3.3)"
    # ... but a shared one started beside it announces itself and ours, not shared, warns.
    theirs_start "$TARGET" --allow-shared-address 3 3 "$IF_I" "$b" || { not_ok "conflict: a shared qvblade-cli starts beside ours"; return; }
    ok "conflict: a second qvblade-cli with --allow-shared-address starts beside ours"
    for i in $(seq 1 30); do grep -q "another device answers as e3.3" "$TERR" && break; sleep 0.1; done
    if grep -q "another device answers as e3.3: $MAC_I on $IF_T" "$TERR"; then ok "conflict: ours warns about the shared one"
    else not_ok "conflict: ours warns about the shared one" "stderr: $(cat "$TERR")"; fi
    theirs_stop
    target_stop
    check_eq "conflict: ours exits 0 on SIGTERM" 0 "$TRC"
}

ns_create
for g in "${GROUPS_TO_RUN[@]}"; do
    if declare -F "group_$g" >/dev/null; then "group_$g"; else e2e_die "unknown group '$g'"; fi
done
e2e_finish
