#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# qvblade-cli serving Ceph RBD images of the test cluster (ceph-cluster.sh, started by the CTest
# fixture ceph.cluster.start). Target and initiator (aoe_request) run in the cluster's network
# namespace, on a veth pair of the run's own; each run creates its own images and removes them.
# Usage: rbd_test.sh TARGET AOE_REQUEST CLUSTER_DIR GROUP
#   io      reads and writes land in the image (checked with `rbd export`), -o/-l, -r, -s, FLUSH,
#           a snapshot exported with -r, a --config line with the Ceph options
#   shared  two targets of one image on one address (--allow-shared-address); another image,
#           a target without the flag, or Debian's vblade on that address is refused
#   errors  each bad input is one line on stderr and exit status 1: no such pool, image or
#           snapshot, a wrong key, an unreachable monitor (within seconds), an image locked by
#           another target, a snapshot exported read-write
#   osd-silent  a silent OSD: an image does not open (10 s), a serving export waits for it
# shellcheck source=../e2e/netns_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/netns_lib.sh"
TARGET=${1:-} AOE_REQUEST=${2:-} CLUSTER=${3:-} GROUP=${4:-}
e2e_init "rbd-$GROUP"
[ -n "$GROUP" ] || e2e_die "usage: $0 TARGET AOE_REQUEST CLUSTER_DIR GROUP"
e2e_require_binary "$TARGET"
e2e_require_binary "$AOE_REQUEST"
e2e_require rbd ceph-authtool timeout cksum
[ -f "$CLUSTER/ceph.conf" ] && [ -f "$CLUSTER/netns" ] ||
    e2e_die "no test cluster in $CLUSTER (the fixture ceph.cluster.start starts it: ctest -R rbd runs it first)"
TARGET=$(readlink -f "$TARGET")
AOE_REQUEST=$(readlink -f "$AOE_REQUEST")
CONF=$CLUSTER/ceph.conf
CLUSTER_SH=$(dirname "${BASH_SOURCE[0]}")/ceph-cluster.sh
NS_T=$(cat "$CLUSTER/netns")
NS_I=$NS_T
# Interface names unique within the shared namespace (at most 15 characters).
IF_T="r${E2E_ID: -6}a" IF_I="r${E2E_ID: -6}b"
IMAGES=()
rbd_() { ip netns exec "$NS_T" timeout 60 rbd -c "$CONF" "$@"; }
cleanup_rbd() {
    [ -n "${SILENCED:-}" ] && "$CLUSTER_SH" unsilence-osd "$CLUSTER"
    e2e_cleanup
    local i
    for i in "${IMAGES[@]}"; do rbd_ snap purge "rbd/$i" >/dev/null 2>&1; rbd_ rm "rbd/$i" >/dev/null 2>&1; done
    ip -n "$NS_T" link del "$IF_T" 2>/dev/null
    return 0
}
trap cleanup_rbd EXIT
ip -n "$NS_T" link add "$IF_T" type veth peer name "$IF_I" || e2e_die "cannot create a veth pair in $NS_T"
# Jumbo frames: a request of 16 sectors, as the Linux initiator sends them at MTU 9000.
ip -n "$NS_T" link set "$IF_T" mtu 9000 up
ip -n "$NS_T" link set "$IF_I" mtu 9000 up

# new_image NAME MiB: an image of random bytes (the same bytes in $WORK/NAME.orig).
new_image() {
    IMAGES+=("$1")
    dd if=/dev/urandom of="$WORK/$1.orig" bs=1M count="$2" 2>/dev/null
    rbd_ import --no-progress "$WORK/$1.orig" "rbd/$1" >/dev/null 2>&1 || e2e_die "rbd import rbd/$1 failed"
}
# image_sectors NAME LBA COUNT: cksum of those sectors as the cluster has them now.
image_sectors() { rbd_ export --no-progress "rbd/$1" - 2>/dev/null | dd bs=512 skip="$2" count="$3" 2>/dev/null | cksum; }
req() {
    local shelf=$1 slot=$2
    shift 2
    ip netns exec "$NS_I" "$AOE_REQUEST" -i "$IF_I" -t "$shelf" -n "$slot" --timeout 5000 "$@" 2>/dev/null
}
expect_fields() {
    local desc=$1 line=$2 kv bad=()
    shift 2
    [ -n "$line" ] || { not_ok "$desc" "no reply"; return; }
    for kv in "$@"; do [ "$(field "${kv%%=*}" "$line")" = "${kv#*=}" ] || bad+=("want $kv"); done
    if [ ${#bad[@]} -eq 0 ]; then ok "$desc"; else not_ok "$desc" "${bad[@]}" "reply: $line"; fi
}
sum_of() { cut -d' ' -f1 <<<"$1"; }

group_io() {
    local img=io$E2E_ID data=$WORK/data.bin line want
    new_image "$img" 8
    dd if=/dev/urandom of="$data" bs=512 count=16 2>/dev/null
    want=$(cksum <"$data")
    target_start --ceph-conf "$CONF" 9 0 "$IF_T" "rbd:rbd/$img" || { not_ok "io: target starts on rbd:rbd/$img" "$(cat "$TERR")"; return; }
    check "io: startup line gives the image's size (rbd_stat)" grep -q '^pid [0-9]*: e9.0, 16384 sectors O_RDWR$' "$TOUT"
    line=$(req 9 0 read --lba 4000 --count 16)
    expect_fields "io: a read returns the image's bytes" "$line" ata_status=0x40 data_len=8192 \
        "data_cksum=$(dd if="$WORK/$img.orig" bs=512 skip=4000 count=16 2>/dev/null | cksum | cut -d' ' -f1)"
    line=$(req 9 0 write --lba 100 --count 16 --data-file "$data")
    expect_fields "io: a write of 16 sectors succeeds" "$line" error_flag=0 ata_status=0x40 ata_error=0x00
    line=$(req 9 0 read --lba 100 --count 16)
    expect_fields "io: reading it back returns what was written" "$line" ata_status=0x40 "data_cksum=$(sum_of "$want")"
    # ATA FLUSH CACHE (0xE7): rbd_aio_flush
    line=$(req 9 0 raw --hex "10000009000000000001000000e70000000000000000")
    expect_fields "io: FLUSH CACHE is answered with success" "$line" error_flag=0 ata_status=0x40
    line=$(req 9 0 read --lba 16384 --count 1)
    expect_fields "io: a read past the end gets IDNF" "$line" ata_status=0x41 ata_error=0x10
    target_stop
    check_eq "io: the target exits 0 on SIGTERM (its final flush succeeded)" 0 "$TRC"
    check_eq "io: the cluster holds the written sectors at LBA 100" "$want" "$(image_sectors "$img" 100 16)"

    # -s (durable), -o/-l, from a --config line with the Ceph options
    printf -- '-s -o 64 -l 1024 --ceph-conf %s --ceph-id admin --keyring %s 9 1 %s rbd:rbd/%s\n' \
        "$CONF" "$CLUSTER/keyring" "$IF_T" "$img" >"$WORK/exports.conf"
    target_start --config "$WORK/exports.conf" || { not_ok "io: target starts from --config" "$(cat "$TERR")"; return; }
    check "io: -o 64 -l 1024 exports 1024 sectors" grep -q '^pid [0-9]*: e9.1, 1024 sectors O_RDWR$' "$TOUT"
    line=$(req 9 1 write --lba 0 --count 2 --pattern 0x5a)
    expect_fields "io: a durable write succeeds" "$line" ata_status=0x40
    check_eq "io: with -o 64 it landed at sector 64" "$(head -c 1024 /dev/zero | tr '\0' '\132' | cksum)" "$(image_sectors "$img" 64 2)"
    line=$(req 9 1 read --lba 1024 --count 1)
    expect_fields "io: with -l 1024, LBA 1024 gets IDNF" "$line" ata_status=0x41 ata_error=0x10
    target_stop

    # A snapshot (read-only with -r) serves the data as it was when it was taken.
    rbd_ snap create "rbd/$img@s1" >/dev/null 2>&1 || { not_ok "io: rbd snap create"; return; }
    before=$(image_sectors "$img" 100 16)
    target_start -r --ceph-conf "$CONF" 9 2 "$IF_T" "rbd:rbd/$img@s1" || { not_ok "io: target starts on a snapshot with -r" "$(cat "$TERR")"; return; }
    check "io: a snapshot is exported O_RDONLY" grep -q '^pid [0-9]*: e9.2, 16384 sectors O_RDONLY$' "$TOUT"
    line=$(req 9 2 write --lba 100 --count 1 --pattern 0x11)
    expect_fields "io: a write to the snapshot gets ATA ABRT" "$line" error_flag=0 ata_status=0x41 ata_error=0x04
    # The image itself changes while the snapshot is served (-r, no lock: both may be open).
    target_start --ceph-conf "$CONF" 9 3 "$IF_T" "rbd:rbd/$img" || { not_ok "io: the image itself is served beside its snapshot" "$(cat "$TERR")"; return; }
    line=$(req 9 3 write --lba 100 --count 16 --pattern 0x77)
    expect_fields "io: writing the image beside its snapshot succeeds" "$line" ata_status=0x40
    line=$(req 9 2 read --lba 100 --count 16)
    expect_fields "io: the snapshot still reads as it was taken" "$line" ata_status=0x40 "data_cksum=$(sum_of "$before")"
    target_stop
}

# expect_refusal DESC EXPECTED_TEXT MAX_SECONDS ARGS...: the target exits 1 with one line naming it.
expect_refusal() {
    local desc=$1 text=$2 max=$3 out err rc start elapsed
    shift 3
    out=$WORK/refusal.out err=$WORK/refusal.err
    start=$(date +%s)
    ip netns exec "$NS_T" timeout 120 "$TARGET" "$@" >"$out" 2>"$err"
    rc=$? elapsed=$(($(date +%s) - start))
    if [ "$rc" = 1 ] && [ "$(wc -l <"$err")" = 1 ] && grep -qF -- "$text" "$err" && [ ! -s "$out" ] && [ "$elapsed" -le "$max" ]; then
        ok "$desc: $(cat "$err")"
    else
        not_ok "$desc" "want exit 1 within $max s and one line with '$text'" "got exit $rc after $elapsed s" \
            "stderr: $(head -c 600 "$err")" "stdout: $(head -c 200 "$out")"
    fi
}

group_errors() {
    local img=err$E2E_ID
    new_image "$img" 1
    rbd_ snap create "rbd/$img@s1" >/dev/null 2>&1 || e2e_die "rbd snap create failed"
    local c=(--ceph-conf "$CONF")
    expect_refusal "errors: no such pool" "rbd:nopool$E2E_ID/$img: no such pool 'nopool$E2E_ID'" 60 "${c[@]}" 9 0 "$IF_T" "rbd:nopool$E2E_ID/$img"
    expect_refusal "errors: no such image" "rbd:rbd/no$img: no such image 'no$img' in pool 'rbd'" 60 "${c[@]}" 9 0 "$IF_T" "rbd:rbd/no$img"
    expect_refusal "errors: no such snapshot" "image '$img' has no snapshot 'nosnap'" 60 -r "${c[@]}" 9 0 "$IF_T" "rbd:rbd/$img@nosnap"
    expect_refusal "errors: a snapshot exported read-write" "rbd:rbd/$img@s1: a snapshot is read-only: export it with -r" 60 \
        "${c[@]}" 9 0 "$IF_T" "rbd:rbd/$img@s1"
    ceph-authtool --create-keyring "$WORK/wrong.keyring" --gen-key -n client.admin >/dev/null
    expect_refusal "errors: a wrong key" "the monitors refused client.admin: wrong key" 60 \
        "${c[@]}" --keyring "$WORK/wrong.keyring" 9 0 "$IF_T" "rbd:rbd/$img"
    expect_refusal "errors: an unknown user" "the monitors refused client.nobody$E2E_ID" 60 \
        "${c[@]}" --ceph-id "nobody$E2E_ID" 9 0 "$IF_T" "rbd:rbd/$img"
    expect_refusal "errors: a missing keyring" "--keyring $WORK/none.keyring: No such file or directory" 60 \
        "${c[@]}" --keyring "$WORK/none.keyring" 9 0 "$IF_T" "rbd:rbd/$img"
    # Nothing listens on port 1 of the namespace's loopback: the monitor is unreachable. librados
    # would wait 300 s (client_mount_timeout); qvblade sets 5 s. The bound here is loose (noisy
    # machines), but far below 300 s.
    sed 's|^mon_host = .*|mon_host = v2:127.0.0.1:1|' "$CONF" >"$WORK/nomon.conf"
    expect_refusal "errors: an unreachable monitor is an error within seconds" "no Ceph monitor answered within 5 s" 60 \
        --ceph-conf "$WORK/nomon.conf" 9 0 "$IF_T" "rbd:rbd/$img"
    # One target holds the image's exclusive lock: a second one is refused.
    target_start "${c[@]}" 9 0 "$IF_T" "rbd:rbd/$img" || { not_ok "errors: the first target starts" "$(cat "$TERR")"; return; }
    line=$(req 9 0 write --lba 0 --count 1 --pattern 0x42)
    expect_fields "errors: the lock holder writes" "$line" ata_status=0x40
    expect_refusal "errors: an image locked by another client" "rbd:rbd/$img: the image is locked by another client" 60 \
        "${c[@]}" 9 1 "$IF_T" "rbd:rbd/$img"
    line=$(req 9 0 write --lba 1 --count 1 --pattern 0x43)
    expect_fields "errors: the lock holder still writes after the refusal" "$line" ata_status=0x40
    target_stop
}

# Two targets on one address of one RBD image (--allow-shared-address, core/storage_identity.h):
# "ours" on IF_T, the second on IF_I, each hearing the other over the veth pair; an initiator on
# either end reaches only the target on the other end.
bg_start() {  # bg_start OUT ERR COMMAND...: in the namespace, in the background; BG is its pid
    local out=$1 err=$2 i
    shift 2
    ip netns exec "$NS_T" "$@" >"$out" 2>"$err" &
    BG=$!
    E2E_PIDS+=("$BG")
    for i in $(seq 1 100); do
        grep -q '^pid [0-9]*:' "$out" 2>/dev/null && return 0
        kill -0 "$BG" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
bg_stop() { kill -TERM "$BG" 2>/dev/null; wait "$BG" 2>/dev/null; }
req_t() {  # an initiator on IF_T: it reaches the target on IF_I
    local shelf=$1 slot=$2
    shift 2
    ip netns exec "$NS_T" "$AOE_REQUEST" -i "$IF_T" -t "$shelf" -n "$slot" --timeout 5000 "$@" 2>/dev/null
}

group_shared() {
    local x=shx$E2E_ID y=shy$E2E_ID c=(--ceph-conf "$CONF") mac_t line
    new_image "$x" 4
    new_image "$y" 4
    mac_t=$(ip netns exec "$NS_T" cat "/sys/class/net/$IF_T/address")
    target_start --allow-shared-address "${c[@]}" 9 4 "$IF_T" "rbd:rbd/$x" ||
        { not_ok "shared: the first target of rbd/$x starts" "$(cat "$TERR")"; return; }
    ok "shared: the first target of rbd/$x starts (no exclusive lock)"
    # The same image: a second path to one disk.
    if bg_start "$WORK/second.out" "$WORK/second.err" "$TARGET" --allow-shared-address "${c[@]}" 9 4 "$IF_I" "rbd:rbd/$x"; then
        ok "shared: a second target of the same image starts on the same address"
        line=$(req 9 4 write --lba 10 --count 8 --pattern 0x3c)
        expect_fields "shared: a write through the first target succeeds" "$line" ata_status=0x40
        line=$(req_t 9 4 read --lba 10 --count 8)
        expect_fields "shared: the second target reads what the first wrote" "$line" ata_status=0x40 \
            "data_cksum=$(head -c 4096 /dev/zero | tr '\0' '\074' | cksum | cut -d' ' -f1)"
        bg_stop
    else
        not_ok "shared: a second target of the same image starts on the same address" "$(cat "$WORK/second.err")"
    fi
    # Another image on the same address: two disks behind one address, refused.
    expect_refusal "shared: a shared target of another image is refused" \
        "e9.4 is already answered by $mac_t on $IF_I, which serves other storage (rbd:" 60 \
        --allow-shared-address "${c[@]}" 9 4 "$IF_I" "rbd:rbd/$y"
    # Without the flag, as for any taken address.
    expect_refusal "shared: a target without --allow-shared-address is refused" \
        "e9.4 is already answered by $mac_t on $IF_I: not serving a second disk at that address" 60 \
        "${c[@]}" 9 4 "$IF_I" "rbd:rbd/$y"
    target_stop
    # A target that does not say which storage it serves (not shared, or Debian's vblade) is
    # not taken for another path to this image.
    target_start "${c[@]}" 9 5 "$IF_T" "rbd:rbd/$y" || { not_ok "shared: a plain target of rbd/$y starts" "$(cat "$TERR")"; return; }
    expect_refusal "shared: beside a target without --allow-shared-address, a shared one is refused" \
        "e9.5 is already answered by $mac_t on $IF_I, which does not say which storage it serves" 60 \
        --allow-shared-address "${c[@]}" 9 5 "$IF_I" "rbd:rbd/$y"
    target_stop
    command -v vblade >/dev/null || e2e_die "'vblade' is missing (apt-get install vblade)"
    truncate -s 4M "$WORK/vblade.img"
    bg_start "$WORK/vblade.out" "$WORK/vblade.err" vblade 9 6 "$IF_T" "$WORK/vblade.img" ||
        { not_ok "shared: Debian's vblade starts" "$(cat "$WORK/vblade.err")"; return; }
    expect_refusal "shared: beside Debian's vblade, a shared RBD export is refused" \
        "e9.6 is already answered by $mac_t on $IF_I, which does not say which storage it serves" 60 \
        --allow-shared-address "${c[@]}" 9 6 "$IF_I" "rbd:rbd/$y"
    bg_stop
}

# The OSD silenced until unsilence_osd, or until the run ends (cleanup_rbd): the other tests need it.
SILENCED=
silence_osd() { "$CLUSTER_SH" silence-osd "$CLUSTER" && SILENCED=1; }
unsilence_osd() { "$CLUSTER_SH" unsilence-osd "$CLUSTER" && SILENCED=; }

# A silent OSD (ceph-cluster.sh silence-osd: its packets dropped, it runs on): opening an image
# gives up after 10 s with one line, where librbd would wait forever; an export that is already
# serving waits for it as long as --ceph-osd-timeout says (0: until it is back), well past those 10 s.
group_osd_silent() {
    local img=silent$E2E_ID data=$WORK/silent.bin c=(--ceph-conf "$CONF") w
    e2e_require nft
    new_image "$img" 4
    silence_osd || { not_ok "osd-silent: the OSD is silenced"; return; }
    expect_refusal "osd-silent: opening an image on a silent OSD is an error within seconds" \
        "rbd:rbd/$img: cannot open the image: no OSD answered within 10 s (is the OSD down?)" 40 "${c[@]}" 9 7 "$IF_T" "rbd:rbd/$img"
    unsilence_osd
    target_start "${c[@]}" 9 7 "$IF_T" "rbd:rbd/$img" || { not_ok "osd-silent: the target starts" "$(cat "$TERR")"; return; }
    dd if=/dev/urandom of="$data" bs=512 count=16 2>/dev/null
    silence_osd || { not_ok "osd-silent: the OSD is silenced again"; return; }
    ip netns exec "$NS_I" "$AOE_REQUEST" -i "$IF_I" -t 9 -n 7 --timeout 120000 write --lba 64 --count 16 --data-file "$data" \
        >"$WORK/silent.reply" 2>&1 &
    w=$!
    E2E_PIDS+=("$w")
    sleep 15
    unsilence_osd
    wait "$w"
    expect_fields "osd-silent: a write to a silent OSD completes once it answers again (15 s silence, no --ceph-osd-timeout)" \
        "$(cat "$WORK/silent.reply")" error_flag=0 ata_status=0x40
    target_stop
    check_eq "osd-silent: the write reached the image" "$(sum_of "$(cksum <"$data")")" "$(sum_of "$(image_sectors "$img" 64 16)")"
}

case $GROUP in
io) group_io ;;
errors) group_errors ;;
shared) group_shared ;;
osd-silent) group_osd_silent ;;
*) e2e_die "unknown group '$GROUP' (io, errors, shared, osd-silent)" ;;
esac
e2e_finish
