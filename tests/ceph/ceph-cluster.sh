#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A real single-node Ceph cluster for the RBD tests, without systemd or cephadm: one monitor, one
# OSD (bluestore on a sparse file), pool `rbd` of size 1, cephx on, no manager (RBD I/O does not
# need one). It lives in a network namespace of its own and listens on that namespace's
# 127.0.0.1 only, so it never collides with another cluster on the host and no test frame or
# Ceph message leaves the namespace. Clients run in the namespace too (`exec`).
#
# Usage: ceph-cluster.sh start DIR     builds and starts the cluster in DIR (must not exist yet,
#                                      be empty or hold a stopped or dead cluster); prints "CLUSTER-UP seconds=N" when
#                                      `rbd create` works
#        ceph-cluster.sh stop DIR      stops exactly the daemons `start` started (their pids are
#                                      in DIR/pids), deletes the namespace and DIR
#        ceph-cluster.sh exec DIR CMD...   runs CMD in the cluster's namespace
#        ceph-cluster.sh kill-osd DIR / start-osd DIR   for the OSD failure tests
#        ceph-cluster.sh silence-osd DIR / unsilence-osd DIR   a silent OSD: the namespace drops
#                                      every packet to the OSD's ports (nftables), while the OSD
#                                      runs on and still talks to the monitor. (SIGSTOP is no
#                                      substitute: a size-1 pool's PGs then stay "laggy", waiting
#                                      for a read lease that nobody renews.)
# DIR afterwards holds ceph.conf (CEPH_CONF for clients), keyring (client.admin), netns (the
# namespace's name), pids and the daemons' logs in log/.
# Needs root, ceph-mon, ceph-osd, ceph-common (scripts/install-deps.sh --test), iproute2, uuidgen.
set -uo pipefail
fail() { echo "FAIL ceph-cluster: $*" >&2; exit 1; }
cmd=${1:-}
DIR=${2:-}
[ -n "$cmd" ] && [ -n "$DIR" ] || fail "usage: ceph-cluster.sh start|stop|exec|kill-osd|start-osd|silence-osd|unsilence-osd DIR [CMD...]"
[ "$(id -u)" = 0 ] || fail "needs root (network namespace)"
DIR=$(readlink -m "$DIR")

ns_of() { cat "$DIR/netns" 2>/dev/null; }
inns() { ip netns exec "$(ns_of)" "$@"; }
ceph_() { inns timeout 60 ceph -c "$DIR/ceph.conf" "$@"; }

start_osd() {
    # `ip netns exec` execs the daemon itself, so $! is the OSD's pid.
    ip netns exec "$(ns_of)" ceph-osd -f -i 0 -c "$DIR/ceph.conf" >>"$DIR/log/osd.0.out" 2>&1 &
    echo "osd $!" >>"$DIR/pids"
}

stop_pid() {  # stop_pid PID: SIGTERM, then SIGKILL after 10 s; only a daemon of this cluster
    local pid=$1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-c $DIR/ceph.conf" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
}

case $cmd in
start)
    for c in ceph-mon ceph-osd ceph ceph-authtool monmaptool rbd uuidgen ip; do
        command -v $c >/dev/null || fail "'$c' is missing (scripts/install-deps.sh --test installs ceph-mon ceph-osd ceph-common)"
    done
    # What a run that died left behind (its daemons, if still there, are stopped by pid).
    [ -f "$DIR/pids" ] && "$0" stop "$DIR"
    [ ! -e "$DIR" ] || [ -z "$(ls -A "$DIR")" ] || fail "$DIR exists and is not empty"
    mkdir -p "$DIR"/{log,run,mon/ceph-a,osd/ceph-0} || fail "cannot create $DIR"
    t0=$(date +%s.%N)
    ns="qvb-ceph-$$-$RANDOM"
    ip netns add "$ns" || fail "ip netns add $ns failed"
    echo "$ns" >"$DIR/netns"
    ip -n "$ns" link set lo up
    : >"$DIR/pids"
    fsid=$(uuidgen)
    cat >"$DIR/ceph.conf" <<CONF
[global]
fsid = $fsid
mon_host = v2:127.0.0.1:3300
public_addr = 127.0.0.1
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
keyring = $DIR/keyring
run_dir = $DIR/run
log_file = $DIR/log/\$name.log
pid_file =
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
mon_allow_pool_delete = true
osd_crush_chooseleaf_type = 0
mon_warn_on_pool_no_redundancy = false
mon_data_avail_warn = 1
# A small test OSD: little memory, no scrubbing in the middle of a test.
osd_memory_target = 939524096
bluestore_cache_autotune = false
bluestore_cache_size = 134217728
osd_scrub_begin_hour = 0
osd_scrub_end_hour = 0
osd_op_num_shards = 1
osd_op_num_threads_per_shard = 2
[mon]
admin_socket = $DIR/run/\$cluster-\$name.asok
mon_data = $DIR/mon/ceph-\$id
mon_osd_down_out_interval = 0
[osd]
admin_socket = $DIR/run/\$cluster-\$name.asok
osd_data = $DIR/osd/ceph-\$id
keyring = $DIR/osd/ceph-\$id/keyring
osd_objectstore = bluestore
# The block "device" is a sparse file bluestore creates in osd_data.
bluestore_block_create = true
bluestore_block_size = 10737418240
bluestore_fsck_on_mount = false
osd_max_object_name_len = 256
osd_max_object_namespace_len = 64
CONF
    ceph-authtool --create-keyring "$DIR/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null || fail "ceph-authtool (mon)"
    ceph-authtool --create-keyring "$DIR/keyring" --gen-key -n client.admin \
        --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null || fail "ceph-authtool (admin)"
    ceph-authtool "$DIR/mon.keyring" --import-keyring "$DIR/keyring" >/dev/null || fail "ceph-authtool (import)"
    monmaptool --create --addv a '[v2:127.0.0.1:3300]' --fsid "$fsid" "$DIR/monmap" >/dev/null || fail "monmaptool"
    ceph-mon --mkfs -i a -c "$DIR/ceph.conf" --monmap "$DIR/monmap" --keyring "$DIR/mon.keyring" \
        >"$DIR/log/mon-mkfs.out" 2>&1 || { cat "$DIR/log/mon-mkfs.out" >&2; fail "ceph-mon --mkfs"; }
    ip netns exec "$ns" ceph-mon -f -i a -c "$DIR/ceph.conf" >"$DIR/log/mon.a.out" 2>&1 &
    echo "mon $!" >>"$DIR/pids"
    ceph_ --connect-timeout 30 mon stat >/dev/null 2>&1 || fail "the monitor does not answer (see $DIR/log)"
    uuid=$(uuidgen)
    secret=$(ceph-authtool --gen-print-key)
    id=$(echo "{\"cephx_secret\": \"$secret\"}" | ceph_ osd new "$uuid" -i -) || fail "ceph osd new"
    [ "$id" = 0 ] || fail "ceph osd new gave osd.$id, want osd.0"
    ceph-authtool --create-keyring "$DIR/osd/ceph-0/keyring" --name osd.0 --add-key "$secret" >/dev/null || fail "ceph-authtool (osd)"
    inns ceph-osd -i 0 -c "$DIR/ceph.conf" --mkfs --osd-uuid "$uuid" --keyring "$DIR/osd/ceph-0/keyring" \
        >"$DIR/log/osd-mkfs.out" 2>&1 || { tail -20 "$DIR/log/osd-mkfs.out" >&2; fail "ceph-osd --mkfs"; }
    start_osd
    ceph_ osd pool create rbd 8 8 >/dev/null 2>&1 || fail "ceph osd pool create rbd"
    ceph_ osd pool set rbd size 1 --yes-i-really-mean-it >/dev/null 2>&1 || fail "ceph osd pool set rbd size 1"
    ceph_ osd pool application enable rbd rbd >/dev/null 2>&1 || fail "ceph osd pool application enable rbd rbd"
    # Up when an image can be created (the OSD has booted and the PGs are active).
    for _ in $(seq 1 120); do
        if inns timeout 20 rbd -c "$DIR/ceph.conf" create --size 1M rbd/cluster-check >/dev/null 2>&1; then
            inns timeout 20 rbd -c "$DIR/ceph.conf" rm rbd/cluster-check >/dev/null 2>&1
            printf 'CLUSTER-UP seconds=%.1f dir=%s netns=%s\n' "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$DIR" "$ns"
            exit 0
        fi
        sleep 0.5
    done
    fail "rbd create did not work within 60 s (see $DIR/log)"
    ;;
stop)
    [ -f "$DIR/pids" ] || fail "$DIR/pids is missing: no cluster started there"
    # The OSD first: it reports to the monitor as it goes.
    for role in osd mon; do
        while read -r r pid; do [ "$r" = "$role" ] && stop_pid "$pid"; done <"$DIR/pids"
    done
    [ -n "$(ns_of)" ] && ip netns del "$(ns_of)" 2>/dev/null
    rm -rf "$DIR"
    ;;
exec)
    shift 2
    inns "$@"
    ;;
kill-osd)
    while read -r r pid; do
        [ "$r" = osd ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-c $DIR/ceph.conf" && kill -KILL "$pid"
    done <"$DIR/pids"
    sed -i '/^osd /d' "$DIR/pids"
    ;;
start-osd)
    start_osd
    ;;
silence-osd)
    # Ceph daemons other than the monitor (3300) bind ms_bind_port_min..max, 6800-7300.
    inns nft -f - <<'NFT' || fail "nft refused the rule (is nftables installed?)"
table inet qvb_silent_osd {
    chain input {
        type filter hook input priority 0; policy accept;
        tcp dport 6800-7300 drop
    }
}
NFT
    ;;
unsilence-osd)
    inns nft delete table inet qvb_silent_osd || fail "no silencing rule to delete"
    ;;
*) fail "unknown command '$cmd'" ;;
esac
