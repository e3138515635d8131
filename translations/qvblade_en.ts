<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>Exports disk images and block devices over ATA over Ethernet (AoE), through qvblade&apos;s privileged helper.

Environment:
  QVBLADE_HELPER_SOCKET   the socket of a running helper (default %1)
  QVBLADE_HELPER_COMMAND  the command that starts a helper (default: pkexec %2 --stdio --serve-socket)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MacSecurityNote</name>
    <message>
        <source>AoE has no authentication: this list is not security, a MAC address is forged with one command. &lt;a href=&quot;%1&quot;&gt;Why (qvblade-cli(8))&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserMessages</name>
    <message>
        <source>export disks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change other users&apos; exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change the kernel&apos;s receive-buffer limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capture AoE frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may %1 only with an administrator&apos;s password, and no authentication agent is running to ask for it. Start your desktop&apos;s polkit agent and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not allowed to %1: the system&apos;s rules say no. An administrator can allow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network interface %1 is down. Bring it up (for example: sudo ip link set %1 up) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no network interface called %1 (any more). Choose another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper may not use the network interface %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A network interface it needs is down. Bring it up and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start exports at boot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade</name>
    <message>
        <source>Helper not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for authorisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorisation refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helper running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Helper stopped unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owned by %1: only %1 or an administrator can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owned by %1: only %1 or an administrator can see its file and options.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ConflictBanner</name>
    <message>
        <source>Address conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another device answers as %1: %2. Initiators mix the two disks&apos; data: stop one of them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportBackend</name>
    <message>
        <source>This backend has no demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportDetailsDialog</name>
    <message>
        <source>Unrecognized command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config string present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-only: writes are refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config string:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserved by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Totals since the export started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes received:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flushes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ATA errors answered:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… of those, I/O errors of the image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AoE error “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped, all buffers busy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped by the kernel (its interfaces):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignored, not on the Mac Mask List:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initiators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mac Mask List: only these initiators; empty: everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed initiator MAC addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address to allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct I/O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>through the page cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>safe writes (acknowledged once on stable storage)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writes acknowledged from the page cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owned by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody (every initiator may write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image was opened read-only: export it again to allow writes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a MAC address (write it as 52:54:00:12:34:56).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Mac Mask List holds at most %1 addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This helper cannot change an export while it serves: remove it and export it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportDialog</name>
    <message>
        <source>There is no file called %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is neither a regular file nor a block device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not read %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The size of %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export disk image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk image file or block device, e.g. /dev/sdb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image file or block device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for an image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of the new sparse image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;sparse image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a sparse image of this size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create it as an empty sparse image of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;lot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;helf:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network interfaces to serve on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;nterfaces:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show advanced options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-only: writes are refused (-r)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset in sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length in sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Len&amp;gth, sectors (-l):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed initiator MAC addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address to allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a disk image or block device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk images (*.img *.raw *.iso *.bin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make %1 %2 bytes long: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide advanced options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a MAC address (write it as 52:54:00:12:34:56).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The allow-list holds at most %1 addresses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a disk image or block device to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no file called %1. You can create it here:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may not write to %1: tick “Read-only” under Advanced to export it read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is smaller than one 512-byte sector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 sectors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already exported: choose another shelf or slot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initiators will see it as /dev/etherd/%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Ethernet interface found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one interface.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is down: bring it up before exporting on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset and length are numbers of 512-byte sectors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offset is past the end of the image (%1 sectors).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset plus length runs past the end of the image (%1 sectors).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the helper to export %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only when every target on this address serves the same storage: initiators spread reads and writes over all of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is also answered by %2: allowed, since both serve the same shared storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already answered by %2: another device serves this address. Choose another shelf or slot (or “Shared storage” under Advanced if both serve the same storage).</source>
        <translation></translation>
    </message>
    <message>
        <source>The Linux initiator never asks the target to flush its cache, so without this a power loss on this computer can lose writes the initiator&apos;s file system counts as done. It costs write speed: writes are committed to the disk in groups, each waiting for one flush.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every acknowledged write is on disk (-s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safe writes: every acknowledged write is on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safe &amp;writes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct I/&amp;O, bypassing the page cache (-d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared s&amp;torage: serve even if another target answers for this address (--allow-shared-address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;uffer count (-b):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ffset, sectors (-o):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onl&amp;y these initiators (-m);
empty: everyone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk image or block device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceph RBD image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A snapshot is always exported read-only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportsModel</name>
    <message>
        <source>Serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initiators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: helper exited</source>
        <translation></translation>
    </message>
    <message>
        <source>safe writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 request(s) dropped while all buffers were busy</source>
        <translation>
            <numerusform>%1 request dropped while all buffers were busy</numerusform>
            <numerusform>%1 requests dropped while all buffers were busy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 frame(s) dropped by the kernel on %2</source>
        <translation>
            <numerusform>%1 frame dropped by the kernel on %2</numerusform>
            <numerusform>%1 frames dropped by the kernel on %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Interface down: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still exported: it serves again by itself as soon as %1 is up and has a link.</source>
        <translation></translation>
    </message>
    <message>
        <source>Frames received per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames sent per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests and frames dropped (the tooltip of a cell says where)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, starts at boot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::FramesModel</name>
    <message>
        <source>ATA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mac Mask List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reserve/Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not AoE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source MAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination MAC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shelf.slot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ATA command / sub-command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time from the request with this tag to this reply, as the helper saw them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::HelperBackend</name>
    <message>
        <source>No helper is listening on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a socket pair: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It crashed. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It exited with status %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The running helper is older than this qvblade. Quit qvblade, choosing to stop the exports, and start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pkexec is not installed, so the helper cannot ask for your authorisation. Install it with: sudo apt-get install pkexec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper is not installed: %1 is missing. Install it from qvblade&apos;s source directory with ./scripts/install-package.sh (it builds and installs the Debian package; sudo apt-get purge qvblade removes it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No polkit authentication agent is running, so nothing could ask for your password. Start your desktop&apos;s agent (polkit-gnome-authentication-agent-1, polkit-kde-authentication-agent-1, lxpolkit, mate-polkit, …) or log in to a full desktop session, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorisation dialog was dismissed. Choose Try again and enter the password it asks for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not authorised to run the helper. Try again with an administrator&apos;s password, or ask an administrator to allow you to export disks with qvblade.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::HelperBanner</name>
    <message>
        <source>&amp;Restart helper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the helper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The qvblade helper is not running. It serves the exports and needs your authorisation to start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start helper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the helper: authorise it in the dialog your desktop shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper was not authorised, so nothing can be exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper stopped unexpectedly; its exports are no longer served.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The qvblade helper cannot start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried again at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::MainWindow</name>
    <message>
        <source>qvblade — ATA over Ethernet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raising the limit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export disk image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;initiator command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy “%1” to the clipboard: run it on a Linux initiator to see the exports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy qvblade-&amp;cli command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Teaching view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch the AoE frames as they pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is exported. On a Linux initiator run: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit qvblade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the exports running after qvblade quits? The helper goes on serving them, and qvblade finds them again when you start it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper exited, so nothing serves this export. Once a helper runs again, Restore exports it again.</source>
        <translation></translation>
    </message>
    <message>
        <source>Nothing is exported yet. Export a disk image for the computers on your network, or try qvblade on this computer alone: the demo makes a private network with an initiator that writes and reads a test pattern, so the counters, the graph and the teaching view come alive. It touches none of your network interfaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Try it on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demo with its own private network: no second machine needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the &amp;demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo runs: its initiator writes and reads a test pattern on a private network. Stop it from the File menu or the tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo is stopped and its image removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not be stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the demo image %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the sysctl.d file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sysctl.d file is written: the limit is set at every boot. “Apply” raises it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to %1: the limit is set at every boot. “Apply” raises it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ATA over Ethernet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About qvblade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No exports: the helper is not running (see above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is exported yet. Choose Export disk image… (%1) to export one, or Try it on this computer in the File menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About qvblade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;qvblade %1&lt;/h3&gt;&lt;p&gt;Exports disk images and block devices over ATA over Ethernet (AoE), for diskless machines, classrooms and labs.&lt;/p&gt;&lt;p&gt;AoE has no authentication: export only on networks you trust.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 2 or later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2, %3 serving, %4, %5 MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n export(s)</source>
        <translation>
            <numerusform>%n export</numerusform>
            <numerusform>%n exports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n initiator(s)</source>
        <translation>
            <numerusform>%n initiator</numerusform>
            <numerusform>%n initiators</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is in use right now (%2 MB/s) by %3. Removing it takes the disk away from under them: what they have not written yet is lost, and their file systems may be damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an initiator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has been used by %2 and may still be mounted there. Removing it takes the disk away from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No initiator has used %1. Removing it stops exporting it; the image file stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AoE targets an initiator finds on each interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the demo image when it stops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo is stopped; its image stays in %1.</source>
        <translation></translation>
    </message>
    <message>
        <source>Start at &amp;boot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by qvblade-export@%1.service at every boot, also without qvblade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve this export at every boot, also without qvblade (asks for an administrator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot start at boot: %2 cannot be opened (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 at boot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not starting %1 at boot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;tails…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Totals, initiators, Mac Mask List and options of the export (Enter, double click)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::MessageBanner</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss these messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::NetworkModel</name>
    <message>
        <source>this computer (paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is answered by %2 targets (%3): an initiator takes them for paths to one disk and mixes their data. Stop all but one, unless they serve the same shared storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported by this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most 512-byte sectors one request may carry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Served by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sectors per request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::NetworkView</name>
    <message>
        <source>Network — AoE targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface to look on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask again who answers (F5); while this window is open it asks every %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AoE targets on the interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Ethernet interface found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper cannot look for targets (it is not running, or too old).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking who answers on %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AoE target answers on %1 (at %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 target on %1 (at %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 targets on %2 (at %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 address answered by more than one target, in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 addresses answered by more than one target, in red.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::Notifier</name>
    <message>
        <source>An initiator &amp;attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An initiator &amp;left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames &amp;dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Errors answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper &amp;stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initiator attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is using %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Initiator left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 has not used %2 for %n second(s).</source>
        <translation>
            <numerusform>%1 has not used %2 for %n second.</numerusform>
            <numerusform>%1 has not used %2 for %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Frames dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dropped requests: all its buffers were busy. Initiators retransmit, but more buffers (-b) help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 dropped %n more request(s).</source>
        <translation>
            <numerusform>%1 dropped %n more request.</numerusform>
            <numerusform>%1 dropped %n more requests.</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 answered %n request(s) with an error.</source>
        <translation>
            <numerusform>%1 answered %n request with an error.</numerusform>
            <numerusform>%1 answered %n requests with an error.</numerusform>
        </translation>
    </message>
    <message>
        <source>The helper stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qvblade&apos;s helper ended: nothing is served until it is started again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::RbdSourcePanel</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceph &amp;configuration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster&apos;s ceph.conf, e.g. /etc/ceph/ceph.conf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the cluster&apos;s configuration file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceph configuration (*.conf);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyring:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A keyring with the user&apos;s key, e.g. /etc/ceph/ceph.client.admin.keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyrings (*.keyring);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceph user, without client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ceph &amp;ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;BD image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RBD image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Snapshot:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot (exported read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the key of client.%2 is not a cephx key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the cluster (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster did not list its pools: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster has no pools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This qvblade was built without Ceph RBD support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster did not list the images: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool %1 has no RBD images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cluster did not list the snapshots: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the image itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the cluster&apos;s configuration file and a keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still asking the cluster; wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a pool and an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the OSD is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OSD timeout in seconds, 0 to wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While an OSD does not answer, writes wait for it and the initiator retransmits. With a timeout they fail after it, and the initiator&apos;s file system sees I/O errors.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gi&amp;ve up on a silent OSD after:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::RestoreBanner</name>
    <message>
        <source>Re&amp;store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not restore the exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last time you exported %1. Export again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some exports could not be restored:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper exited while serving %1. Export again?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::RmemBanner</name>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise the receive-buffer limit now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;permanent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the receive-buffer limit after a reboot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep the limit after a reboot, run this as root (copied to the clipboard):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now:    net.core.rmem_max = %1    net.core.rmem_default = %2
needed: net.core.rmem_max = %3    net.core.rmem_default = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames will be dropped on %1: the kernel&apos;s receive-buffer limit lets the socket hold %2, but the frames initiators may send at once need %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Linux doubles the size a socket asks for, to have room for its own bookkeeping, and charges each frame its whole in-kernel buffer: what a socket holds is not what net.core.rmem_max says.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::TeachingView</name>
    <message>
        <source>qvblade — Teaching view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: e.g. e9.0, READ, 52:54:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the frame list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the frame list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This helper does not stream frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet captures (*.pcap)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the capture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop capture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capturing every AoE frame to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The capture did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1. Open it with Wireshark, or: tshark -r %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The capture could not be stopped cleanly: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why no frames are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded fields of the selected frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected frame&apos;s bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a frame to see its fields and bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the request this reply answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture &amp;everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture every AoE frame to a pcap file, not sampled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list shows a sample; a capture file keeps every frame (open it with Wireshark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper shows at most 50 frames a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AoE frames the helper receives (←) and sends (→). An initiator finds targets with Query Config, then reads and writes sectors with ATA commands; each reply echoes the request&apos;s tag. Select a frame to see its fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capture everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This helper does not stream frames. “Capture everything…” still writes them to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper is not running, so no frames can be shown. Start it from the main window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your authorisation to start the helper…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorisation was refused (polkit), so the helper is not running and no frames can be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The helper refused to show you its frames: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not subscribed yet: asking the helper for its frames…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: frames that arrive now are not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on the wire yet: no AoE frame has reached or left an export. Start an initiator (for example: sudo aoe-discover) or “Try it on this computer”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No frames on the wire at the moment (the list shows at most 50 a second).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing all %1 frames/s (at most 50 a second are shown).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of %2 frames/s: a sample. “Capture everything…” keeps every frame.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This helper sends no frame bytes (it is older than this qvblade): only the summary is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to the request at %1; round trip %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply; its request has scrolled out of the list (round trip %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply; its request is not in the list (sampled out, or sent before the view opened).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request; the reply echoes its tag 0x%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame is truncated: it ends before its fields do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only its first %1 bytes are shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ThroughputGraph</name>
    <message>
        <source>Throughput of the selected export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an export to see its throughput.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: read %2 MB/s, write %3 MB/s now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 MB/s now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qvblade::gui::TrayIcon</name>
    <message>
        <source>qvblade: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qvblade: nothing exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receive buffer too small: frames may be dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hide qvblade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show qvblade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export disk image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo running (%1): stop it from the File menu or here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qvblade keeps running here, and the helper goes on serving your exports. Click this icon to show the window again; “Quit” in its menu ends qvblade.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qvblade is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qvblade: %1, %2 serving, %3, %4 MB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n export(s)</source>
        <translation>
            <numerusform>%n export</numerusform>
            <numerusform>%n exports</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n initiator(s)</source>
        <translation>
            <numerusform>%n initiator</numerusform>
            <numerusform>%n initiators</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 frame(s) dropped</source>
        <translation>
            <numerusform>%1 frame dropped</numerusform>
            <numerusform>%1 frames dropped</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
