#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Runs the two systemd units of the build tree under a real systemd, with every confinement
# directive they ship, and checks the programs still do their work inside (issue #21).
# systemd runs as PID 1 of new PID, mount and cgroup namespaces (and, with --netns, in a network
# namespace of its own, where frames may be sent); nothing outside them changes: /run, /srv,
# /home and /etc/sysctl.d are fresh tmpfs inside, the units come from /run/systemd/system, and
# every unit of the host is left alone (ours have DefaultDependencies=no: no sysinit.target).
# Usage: units_live.sh BUILD_DIR          host network namespace: what the sandbox lets through
#        units_live.sh BUILD_DIR --netns  own network namespace: exports, frames, block devices
set -uo pipefail
B=$(cd "$1" && pwd)
mode=${2:-host}
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root"
cg2=$(findmnt -n -o TARGET -t cgroup2 | head -1)
[ -n "$cg2" ] || fail "no cgroup2 hierarchy is mounted"
work=$(mktemp -d /tmp/qvblade-units.XXXXXX)
cg="$cg2/qvblade-units-$$"
pids=(); loops=(); ns=""
pid1=""
cleanup() {
  # SIGKILL to the namespace's PID 1 ends every process in it.
  [ -n "$pid1" ] && kill -KILL "$pid1" 2>/dev/null
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
  for l in "${loops[@]}"; do losetup -d "$l"; done
  for n in $ns; do ip netns delete "$n"; done
  [ -d "$cg" ] && find "$cg" -depth -type d -exec rmdir {} \;
  rm -rf "$work"
}
trap cleanup EXIT

helper="$B/privhelper/qvblade-helper"; cli="$B/cli/qvblade-cli"
client="$B/tests/privhelper/qvblade-ph-client"; aoe="$B/tests/tools/aoe_request"
for f in "$helper" "$cli" "$client" "$aoe"; do [ -x "$f" ] || fail "$f is not built"; done
for t in unshare nsenter losetup ip findmnt truncate /lib/systemd/systemd; do
  command -v $t >/dev/null || fail "$t is missing (./scripts/install-deps.sh --test installs it)"
done

# The units as installed, run from the build tree; output to files (no journald inside), the
# export@ unit reading its configuration from /run/qvblade-units (outside, /etc stays as it is).
units=$work/units; mkdir -p "$units"
dropin() { mkdir -p "$units/$1.d"; printf '[Unit]\nDefaultDependencies=no\n[Service]\nStandardOutput=append:/run/qvblade-units/%s.log\nStandardError=inherit\n' "$2" > "$units/$1.d/live.conf"; }
sed "s|/usr/libexec/qvblade/qvblade-helper|$helper|" "$B/privhelper/qvblade-helper.service" > "$units/qvblade-helper.service"
sed -e "s|/usr/bin/qvblade-cli|$cli|" -e "s|/etc/qvblade/|/run/qvblade-units/|g" "$B/packaging/qvblade-export@.service" > "$units/qvblade-export@.service"
dropin qvblade-helper.service helper
dropin qvblade-export@.service export-%i
# The same confinement as the helper, to see what the sandbox lets a shell do.
sed -e "s|^ExecStart=.*|ExecStart=/bin/sh /run/qvblade-units/probe.sh|" -e '/^\[Install\]/,$d' "$units/qvblade-helper.service" > "$units/qvblade-probe.service"
printf 'Type=oneshot\n' >> "$units/qvblade-probe.service"
dropin qvblade-probe.service probe
printf '[Unit]\nDefaultDependencies=no\n' > "$units/qvblade-units.target"

# Inside the namespaces, then systemd as PID 1.
cat > "$work/init.sh" <<EOF
set -e
mount --make-rprivate /
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/systemd/system /run/qvblade-units
cp -r $units/. /run/systemd/system/
cp $work/probe.sh /run/qvblade-units/ 2>/dev/null || true
# (ip netns exec mounted a sysfs of the network namespace, without the cgroup hierarchies)
umount -R /sys/fs/cgroup 2>/dev/null || true
mount -t cgroup2 cgroup2 /sys/fs/cgroup
# /etc as an overlay on a tmpfs: what the units write there (Start at boot's /etc/qvblade, the
# links systemctl enable makes) stays inside.
mkdir -p $work/etc && mount -t tmpfs -o mode=0755 tmpfs $work/etc && mkdir $work/etc/up $work/etc/work
mount -t overlay overlay -o lowerdir=/etc,upperdir=$work/etc/up,workdir=$work/etc/work /etc
for d in /srv /home /etc/sysctl.d; do mount -t tmpfs -o mode=0755 tmpfs \$d; done
exec env container=qvblade-units /lib/systemd/systemd --system --unit=qvblade-units.target --log-target=console --log-level=notice
EOF

# The probe: what the helper's sandbox allows, from inside it.
cat > "$work/probe.sh" <<'EOF2'
# Opened for writing, nothing written: a read-only mount refuses the open already, and the
# machine's limits stay as they are.
for f in rmem_max rmem_default; do
  : >> /proc/sys/net/core/$f && echo "probe: may write $f"
done
(echo x > /proc/sys/kernel/domainname) 2>/dev/null || echo "probe: /proc/sys/kernel read-only"
touch /usr/qvblade-probe 2>/dev/null || echo "probe: /usr read-only"
touch /etc/sysctl.d/probe && rm /etc/sysctl.d/probe && echo "probe: /etc/sysctl.d writable"
touch /etc/qvblade-probe 2>/dev/null || echo "probe: /etc read-only"
ls /home >/dev/null 2>&1 || echo "probe: /home inaccessible"
[ -z "$(find /dev -type b)" ] && echo "probe: no block device nodes"
EOF2

netargs=()
if [ "$mode" = --netns ]; then
  ns="qvu-t$$ qvu-i$$"
  for n in $ns; do ip netns add "$n" || fail "ip netns add $n"; done
  ip link add qvt0 netns "qvu-t$$" type veth peer name qvi0 netns "qvu-i$$" || fail "veth"
  ip -n "qvu-t$$" link set qvt0 mtu 9000 up; ip -n "qvu-i$$" link set qvi0 mtu 9000 up; ip -n "qvu-t$$" link set lo up
  netargs=(ip netns exec "qvu-t$$")
fi
mkdir "$cg" || fail "cannot create $cg"
bash -c "echo \$\$ > $cg/cgroup.procs && exec ${netargs[*]} unshare --pid --fork --kill-child --mount-proc --cgroup bash $work/init.sh" >"$work/systemd.log" 2>&1 &
pids+=("$!")
for i in $(seq 50); do pid1=$(cat /proc/$!/task/$!/children 2>/dev/null | awk '{print $1}'); [ -n "$pid1" ] && break; sleep 0.1; done
[ -n "$pid1" ] || { cat "$work/systemd.log"; fail "systemd did not start"; }
nsflags=(-m -p -C); [ "$mode" = --netns ] && nsflags+=(-n)
inside() { nsenter -t "$pid1" "${nsflags[@]}" -- "$@"; }
for i in $(seq 100); do st=$(inside systemctl is-system-running 2>/dev/null); case $st in running|degraded) break;; esac; sleep 0.1; done
[ "$st" = running ] || { cat "$work/systemd.log"; inside systemctl --failed --no-pager; fail "systemd is $st"; }
echo "systemd $(inside systemctl --version | head -1 | cut -d' ' -f2) runs as PID 1 of its namespaces"

# unit_log NAME: what a unit printed.
unit_log() { inside cat "/run/qvblade-units/$1.log" 2>/dev/null; }
# client REQUEST...: one connection to the service-mode helper, as root (authorised without polkit).
client() { inside "$client" --connect /run/qvblade/helper.sock "$@"; }
start_helper() {
  inside systemctl start qvblade-helper.service || { unit_log helper; fail "qvblade-helper.service did not start"; }
  for i in $(seq 50); do inside test -S /run/qvblade/helper.sock && break; sleep 0.1; done
  hpid=$(inside systemctl show -p MainPID --value qvblade-helper.service)
  out=$(client '{"type":"hello","version":1}') || { unit_log helper; fail "hello: $out"; }
  grep -q '"ioBackend":"io_uring"' <<<"$out" || { echo "$out"; fail "the helper under its system-call filter does not use io_uring"; }
  inside grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' "/proc/$hpid/status" | tr '\n' ' '; echo
  [ "$(inside awk '/^CapEff:/ {print $2}' "/proc/$hpid/status")" = 0000000000002000 ] || fail "the helper has capabilities beyond CAP_NET_RAW"
  # Its start-up raises the soft descriptor limit to the hard one (prlimit64: not in @resources).
  inside awk '/^Max open files/ { exit !($4 == $5) }' "/proc/$hpid/limits" || fail "the helper's descriptor limit was not raised"
  echo "helper: $(head -1 <<<"$out")"
}

if [ "$mode" = host ]; then
  inside systemctl start qvblade-probe.service || { unit_log probe; fail "qvblade-probe.service failed"; }
  unit_log probe
  [ "$(unit_log probe | grep -c '^probe:')" -eq 8 ] || fail "the sandbox is not what the helper's unit asks for"
  start_helper
  out=$(client '{"type":"rmem-status"}')
  grep -q '"rmemMax":[0-9]' <<<"$out" || { echo "$out"; unit_log helper; fail "rmem-status"; }
  echo "PASS: the helper's sandbox works in the host's network namespace"
  exit 0
fi

# --netns: images in /srv (writable), /home (read-only to the units), block devices: one with
# 512-byte sectors for the helper (a descriptor under PrivateDevices), one with 4096-byte sectors
# for qvblade-cli, whose direct I/O reopens it through /proc/self/fd for smaller requests (the
# device policy must admit it). (The helper, which opens files as nobody since 089b098, refuses
# a direct export that needs the reopen: nobody may not open a root:disk 0660 device node.)
inside sh -c 'truncate -s 8M /srv/rw.img /srv/cli.img && mkdir /home/u && truncate -s 8M /home/u/ro.img /home/u/rw.img'
truncate -s 8M "$work/block512.img" "$work/block4k.img"
loop=$(losetup --find --show "$work/block512.img") || fail "losetup"; loops+=("$loop")
loop4k=$(losetup --find --show --sector-size 4096 "$work/block4k.img") || fail "losetup"; loops+=("$loop4k")
I=(ip netns exec "qvu-i$$" "$aoe" -i qvi0 --timeout 2000)
# sector_rw SHELF SLOT: writes one sector at LBA 1 and reads it back.
sector_rw() {
  local w r
  w=$("${I[@]}" -t "$1" -n "$2" write --lba 1 --count 1 --pattern 0x5a) || fail "e$1.$2: no reply to a write"
  r=$("${I[@]}" -t "$1" -n "$2" read --lba 1 --count 1) || fail "e$1.$2: no reply to a read"
  grep -q 'error_flag=0' <<<"$w" && grep -q 'ata_status=0x40' <<<"$w" || { echo "$w"; return 1; }
  grep -q 'ata_status=0x40' <<<"$r" && grep -q "data_cksum=$(head -c 512 /dev/zero | tr '\0' 'Z' | cksum | cut -d' ' -f1)" <<<"$r" || { echo "$r"; return 1; }
}
start_helper
out=$(client '{"type":"add-export","shelf":1,"slot":0,"interfaces":["qvt0"],"bufferCount":4096,"_fd":"/srv/rw.img","_mode":"rw"}' \
             "{\"type\":\"add-export\",\"shelf\":1,\"slot\":1,\"interfaces\":[\"qvt0\"],\"direct\":true,\"_fd\":\"$loop\",\"_mode\":\"rw\"}")
[ "$(grep -c '"name":"e1\.' <<<"$out")" -eq 2 ] || { echo "$out"; unit_log helper; fail "the helper did not add both exports"; }
sector_rw 1 0 || fail "helper, file in /srv: write and read back"
sector_rw 1 1 || fail "helper, block device, direct: write and read back"
echo "helper: a file and a block device (direct) served"
# A crash (issue #22): systemd restarts the helper (Restart=on-failure) and hands back the image
# descriptors it stored; the new helper serves the same exports and data, with no client.
inside kill -KILL "$hpid"
npid=$hpid
for i in $(seq 100); do
  npid=$(inside systemctl show -p MainPID --value qvblade-helper.service)
  [ "$npid" != "$hpid" ] && [ "$npid" != 0 ] && inside systemctl is-active -q qvblade-helper.service && break
  sleep 0.1
done
[ "$npid" != "$hpid" ] && [ "$npid" != 0 ] || { unit_log helper; fail "systemd did not restart the helper after SIGKILL"; }
zsum=$(head -c 512 /dev/zero | tr '\0' 'Z' | cksum | cut -d' ' -f1)
for slot in 0 1; do
  # A restored export probes its address first (about half a second), as every new export does.
  for try in 1 2 3; do
    r=$("${I[@]}" -t 1 -n $slot read --lba 1 --count 1) && grep -q "data_cksum=$zsum" <<<"$r" && break
  done
  grep -q "data_cksum=$zsum" <<<"$r" || { echo "$r"; unit_log helper; fail "e1.$slot: not served with its data after the helper was killed"; }
done
out=$(client '{"type":"list-exports"}')
[ "$(grep -o '"name":"e1\.[01]"' <<<"$out" | wc -l)" -eq 2 ] && grep -q '"ownerUid":0' <<<"$out" || { echo "$out"; fail "the restarted helper does not list both exports"; }
echo "helper: SIGKILLed (pid $hpid), restarted by systemd (pid $npid): both exports served again with their data"
hpid=$npid
# The 9000-byte MTU and 4096 buffers of e1.0 want more than the default receive buffer, so
# persist-rmem writes its file (a tmpfs in here).
out=$(client '{"type":"persist-rmem"}')
grep -q '"path":"/etc/sysctl.d/60-qvblade.conf"' <<<"$out" || { echo "$out"; unit_log helper; fail "persist-rmem"; }
inside grep -q '^net.core.rmem_max = [0-9]' /etc/sysctl.d/60-qvblade.conf || fail "persist-rmem wrote no file"
echo "persist-rmem: $(inside grep rmem_max /etc/sysctl.d/60-qvblade.conf)"

# The demo (issue #26) under the helper's confinement: qvblade-demo, its child, makes a user and
# a network namespace (RestrictNamespaces=user net), its initiator writes the pattern through the
# export, and stop-demo leaves no process behind. Its client holds the connection (a demo ends
# with its client); a second one stops it.
inside truncate -s 64M /srv/demo.img
inside "$client" --connect /run/qvblade/helper.sock --hold '{"type":"start-demo","_fd":"/srv/demo.img","_mode":"rw"}' >"$work/demo.out" 2>&1 &
pids+=("$!")
for i in $(seq 100); do grep -q '"demo":true\|"error"' "$work/demo.out" && break; sleep 0.1; done
grep -q '"name":"e42.0"' "$work/demo.out" || { cat "$work/demo.out"; unit_log helper; fail "start-demo under the unit"; }
dpid=$(grep -o '"pid":[0-9]*' "$work/demo.out" | tail -1 | cut -d: -f2)
inside grep -q 'qvblade-helper.service' "/proc/$dpid/cgroup" || fail "qvblade-demo (pid $dpid) does not run in the helper's unit"
for i in $(seq 100); do inside head -c 64 /srv/demo.img | grep -q '^qvblade demo: sector 0, round' && break; sleep 0.1; done
inside head -c 64 /srv/demo.img | grep -q '^qvblade demo: sector 0, round' || { unit_log helper; fail "the demo's initiator wrote nothing through the export"; }
out=$(client '{"type":"stop-demo"}')
grep -q '"stopped":"e42.0"' <<<"$out" || { echo "$out"; unit_log helper; fail "stop-demo"; }
for i in $(seq 50); do inside kill -0 "$dpid" 2>/dev/null || break; sleep 0.1; done
inside kill -0 "$dpid" 2>/dev/null && fail "qvblade-demo (pid $dpid) outlived stop-demo"
client '{"type":"list-exports"}' | grep -q '"name":"e42.0"' && fail "the demo's export outlived stop-demo"
echo "demo: qvblade-demo (pid $dpid) ran in the helper's sandbox, its initiator wrote through e42.0, stop-demo left nothing"

printf '3 0 qvt0 /srv/cli.img\n-r 3 1 qvt0 /home/u/ro.img\n-d 3 2 qvt0 %s\n' "$loop4k" | inside sh -c 'cat > /run/qvblade-units/demo.conf'
inside systemctl start qvblade-export@demo.service || { unit_log export-demo; fail "qvblade-export@demo did not start"; }
sleep 1
inside systemctl is-active -q qvblade-export@demo.service || { unit_log export-demo; fail "qvblade-export@demo stopped"; }
sector_rw 3 0 || fail "export@, file in /srv: write and read back"
sector_rw 3 2 || fail "export@, block device by path, direct, 512 bytes of a 4096-byte sector: write and read back"
r=$("${I[@]}" -t 3 -n 1 read --lba 1 --count 1) && grep -q 'ata_status=0x40' <<<"$r" || { echo "$r"; fail "export@, read-only image in /home: read"; }
cpid=$(inside systemctl show -p MainPID --value qvblade-export@demo.service)
inside ls -l "/proc/$cpid/fd" | grep -q 'io_uring' || fail "qvblade-cli under its system-call filter has no io_uring"
echo "export@: a file, a read-only image in /home and a block device served, with io_uring"
# ExecReload (kill -USR1 in the same sandbox) makes it print its counters.
inside systemctl reload qvblade-export@demo.service || fail "systemctl reload qvblade-export@demo"
for i in $(seq 20); do unit_log export-demo | grep -q 'e3\.0: frames_in' && break; sleep 0.1; done
unit_log export-demo | grep -q 'e3\.0: frames_in' || { unit_log export-demo; fail "reload printed no counters"; }
# A writable image in a home: the unit refuses it (ProtectHome=read-only), and says why.
printf '4 0 qvt0 /home/u/rw.img\n' | inside sh -c 'cat > /run/qvblade-units/home.conf'
inside systemctl start qvblade-export@home.service; sleep 1
unit_log export-home | grep -q 'Read-only file system' || { unit_log export-home; fail "export@ with a writable image in /home"; }
echo "export@: a writable image in /home is refused: $(unit_log export-home | head -1)"

# Start at boot (issue #24) under the helper's confinement and this systemd: the helper writes
# /etc/qvblade/live.conf (its unit's ConfigurationDirectory=) and systemctl enables the unit
# through systemd; the file is what the export@ unit serves (here from /run/qvblade-units/, as
# above); disabling removes the link and the file.
inside truncate -s 8M /srv/boot.img
out=$(client '{"type":"enable-boot-export","name":"live","path":"/srv/boot.img","shelf":5,"slot":0,"interfaces":["qvt0"],"_fd":"/srv/boot.img","_mode":"rw"}')
grep -q '"enabled":true' <<<"$out" || { echo "$out"; unit_log helper; fail "enable-boot-export under the helper's unit"; }
grep -q '"warning"' <<<"$out" && { echo "$out"; fail "enable-boot-export warned about an image in /srv"; }
st=$(inside systemctl is-enabled qvblade-export@live.service); [ "$st" = enabled ] || fail "qvblade-export@live.service is $st after enable-boot-export"
inside test -L /etc/systemd/system/multi-user.target.wants/qvblade-export@live.service || fail "no multi-user.target.wants link"
[ "$(inside stat -c '%u %a' /etc/qvblade/live.conf)" = "0 600" ] || fail "/etc/qvblade/live.conf is not root's 0600"
line=$(inside "$cli" --check-config /etc/qvblade/live.conf) && [ "$line" = "5 0 qvt0 /srv/boot.img" ] || fail "the written file reads as: $line"
inside cp /etc/qvblade/live.conf /run/qvblade-units/live.conf
inside systemctl start qvblade-export@live.service || { unit_log export-live; fail "qvblade-export@live did not start"; }
sleep 1
sector_rw 5 0 || { unit_log export-live; fail "export@live (written by the helper): write and read back"; }
inside systemctl stop qvblade-export@live.service
out=$(client '{"type":"disable-boot-export","name":"live"}')
grep -q '"enabled":false' <<<"$out" || { echo "$out"; unit_log helper; fail "disable-boot-export under the helper's unit"; }
st=$(inside systemctl is-enabled qvblade-export@live.service); [ "$st" = disabled ] || fail "qvblade-export@live.service is $st after disable-boot-export"
inside test -e /etc/qvblade/live.conf && fail "/etc/qvblade/live.conf outlived disable-boot-export"
echo "Start at boot: the helper wrote /etc/qvblade/live.conf, systemd enabled qvblade-export@live, the unit served it; disabled again"
echo "PASS: both units serve exports under their confinement"
