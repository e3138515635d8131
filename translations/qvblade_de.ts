<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLine</name>
    <message>
        <source>Exports disk images and block devices over ATA over Ethernet (AoE), through qvblade&apos;s privileged helper.

Environment:
  QVBLADE_HELPER_SOCKET   the socket of a running helper (default %1)
  QVBLADE_HELPER_COMMAND  the command that starts a helper (default: pkexec %2 --stdio --serve-socket)</source>
        <translation>Gibt Disk-Images und Blockgeräte über ATA over Ethernet (AoE) frei, mit Hilfe des privilegierten Helfers von qvblade.

Umgebung:
  QVBLADE_HELPER_SOCKET   der Socket eines laufenden Helfers (Vorgabe %1)
  QVBLADE_HELPER_COMMAND  der Befehl, der einen Helfer startet (Vorgabe: pkexec %2 --stdio --serve-socket)</translation>
    </message>
</context>
<context>
    <name>MacSecurityNote</name>
    <message>
        <source>AoE has no authentication: this list is not security, a MAC address is forged with one command. &lt;a href=&quot;%1&quot;&gt;Why (qvblade-cli(8))&lt;/a&gt;</source>
        <translation>AoE kennt keine Authentifizierung: diese Liste ist kein Schutz, eine MAC-Adresse ist mit einem Befehl gefälscht. &lt;a href=&quot;%1&quot;&gt;Warum (qvblade-cli(8))&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>UserMessages</name>
    <message>
        <source>export disks</source>
        <translation>Disks freizugeben</translation>
    </message>
    <message>
        <source>change other users&apos; exports</source>
        <translation>Freigaben anderer Benutzer zu ändern</translation>
    </message>
    <message>
        <source>change the kernel&apos;s receive-buffer limit</source>
        <translation>das Empfangspuffer-Limit des Kernels zu ändern</translation>
    </message>
    <message>
        <source>capture AoE frames</source>
        <translation>AoE-Frames mitzuschneiden</translation>
    </message>
    <message>
        <source>run the demo</source>
        <translation>die Demo zu starten</translation>
    </message>
    <message>
        <source>do this</source>
        <translation>dies zu tun</translation>
    </message>
    <message>
        <source>You may %1 only with an administrator&apos;s password, and no authentication agent is running to ask for it. Start your desktop&apos;s polkit agent and try again.</source>
        <translation>Um %1, ist das Passwort eines Administrators nötig, und es läuft kein Authentifizierungsagent, der danach fragen könnte. Starten Sie den polkit-Agenten Ihrer Arbeitsumgebung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>You are not allowed to %1: the system&apos;s rules say no. An administrator can allow it.</source>
        <translation>Sie haben keine Berechtigung, %1: Die Regeln des Systems lassen es nicht zu. Ein Administrator kann es erlauben.</translation>
    </message>
    <message>
        <source>The network interface %1 is down. Bring it up (for example: sudo ip link set %1 up) and try again.</source>
        <translation>Die Netzwerkschnittstelle %1 ist deaktiviert. Aktivieren Sie sie (zum Beispiel: sudo ip link set %1 up) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>There is no network interface called %1 (any more). Choose another one.</source>
        <translation>Es gibt (nicht mehr) die Netzwerkschnittstelle %1. Wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>The helper may not use the network interface %1.</source>
        <translation>Der Helfer darf die Netzwerkschnittstelle %1 nicht benutzen.</translation>
    </message>
    <message>
        <source>A network interface it needs is down. Bring it up and try again.</source>
        <translation>Eine benötigte Netzwerkschnittstelle ist deaktiviert. Aktivieren Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The helper closed the connection.</source>
        <translation>Der Helfer hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>start exports at boot</source>
        <translation>Freigaben beim Systemstart zu starten</translation>
    </message>
</context>
<context>
    <name>qvblade</name>
    <message>
        <source>Helper not running</source>
        <translation>Helfer läuft nicht</translation>
    </message>
    <message>
        <source>Waiting for authorisation…</source>
        <translation>Warte auf Autorisierung …</translation>
    </message>
    <message>
        <source>Authorisation refused</source>
        <translation>Autorisierung verweigert</translation>
    </message>
    <message>
        <source>Helper running</source>
        <translation>Helfer läuft</translation>
    </message>
    <message>
        <source>Helper stopped unexpectedly</source>
        <translation>Helfer unerwartet beendet</translation>
    </message>
    <message>
        <source>Owned by %1: only %1 or an administrator can change it.</source>
        <translation>Gehört %1: nur %1 oder ein Administrator kann sie ändern.</translation>
    </message>
    <message>
        <source>Owned by %1: only %1 or an administrator can see its file and options.</source>
        <translation>Gehört %1: nur %1 oder ein Administrator sieht ihre Datei und Optionen.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ConflictBanner</name>
    <message>
        <source>Address conflict</source>
        <translation>Adresskonflikt</translation>
    </message>
    <message>
        <source>Another device answers as %1: %2. Initiators mix the two disks&apos; data: stop one of them.</source>
        <translation>Ein anderes Gerät antwortet als %1: %2. Initiatoren vermischen die Daten beider Platten: Beenden Sie eines davon.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportBackend</name>
    <message>
        <source>This backend has no demo.</source>
        <translation>Dieses Backend hat keine Demo.</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1 (Demo)</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportDetailsDialog</name>
    <message>
        <source>Unrecognized command</source>
        <translation>Unbekannter Befehl</translation>
    </message>
    <message>
        <source>Bad argument</source>
        <translation>Ungültiges Argument</translation>
    </message>
    <message>
        <source>Device unavailable</source>
        <translation>Gerät nicht verfügbar</translation>
    </message>
    <message>
        <source>Config string present</source>
        <translation>Konfigurationszeichenkette vorhanden</translation>
    </message>
    <message>
        <source>Unsupported version</source>
        <translation>Nicht unterstützte Version</translation>
    </message>
    <message>
        <source>Target reserved</source>
        <translation>Ziel reserviert</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Details of %1</source>
        <translation>Details von %1</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>&amp;Read-only: writes are refused</source>
        <translation>Nu&amp;r lesen: Schreibzugriffe werden abgelehnt</translation>
    </message>
    <message>
        <source>Config string:</source>
        <translation>Konfigurationszeichenkette:</translation>
    </message>
    <message>
        <source>Reserved by:</source>
        <translation>Reserviert von:</translation>
    </message>
    <message>
        <source>Totals since the export started</source>
        <translation>Summen seit dem Start der Freigabe</translation>
    </message>
    <message>
        <source>Frames received:</source>
        <translation>Empfangene Frames:</translation>
    </message>
    <message>
        <source>Frames sent:</source>
        <translation>Gesendete Frames:</translation>
    </message>
    <message>
        <source>Bytes received:</source>
        <translation>Empfangene Bytes:</translation>
    </message>
    <message>
        <source>Bytes sent:</source>
        <translation>Gesendete Bytes:</translation>
    </message>
    <message>
        <source>Reads:</source>
        <translation>Lesevorgänge:</translation>
    </message>
    <message>
        <source>Writes:</source>
        <translation>Schreibvorgänge:</translation>
    </message>
    <message>
        <source>Flushes:</source>
        <translation>Flushes (Cache leeren):</translation>
    </message>
    <message>
        <source>ATA errors answered:</source>
        <translation>Mit ATA-Fehler beantwortet:</translation>
    </message>
    <message>
        <source>… of those, I/O errors of the image:</source>
        <translation>… davon E/A-Fehler des Images:</translation>
    </message>
    <message>
        <source>AoE error “%1”:</source>
        <translation>AoE-Fehler „%1“:</translation>
    </message>
    <message>
        <source>Dropped, all buffers busy:</source>
        <translation>Verworfen, alle Puffer belegt:</translation>
    </message>
    <message>
        <source>Dropped by the kernel (its interfaces):</source>
        <translation>Vom Kernel verworfen (seine Schnittstellen):</translation>
    </message>
    <message>
        <source>Ignored, not on the Mac Mask List:</source>
        <translation>Ignoriert, nicht in der Mac Mask List:</translation>
    </message>
    <message>
        <source>Initiators</source>
        <translation>Initiatoren</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC-Adresse</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Mac Mask List: only these initiators; empty: everyone</source>
        <translation>Mac Mask List: nur diese Initiatoren; leer: alle</translation>
    </message>
    <message>
        <source>Allowed initiator MAC addresses</source>
        <translation>Zugelassene MAC-Adressen der Initiatoren</translation>
    </message>
    <message>
        <source>MAC address to allow</source>
        <translation>Zuzulassende MAC-Adresse</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>Hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>En&amp;tfernen</translation>
    </message>
    <message>
        <source>A&amp;pply list</source>
        <translation>Liste an&amp;wenden</translation>
    </message>
    <message>
        <source>%1 is no longer exported.</source>
        <translation>%1 wird nicht mehr freigegeben.</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>nur lesen</translation>
    </message>
    <message>
        <source>read-write</source>
        <translation>lesen und schreiben</translation>
    </message>
    <message>
        <source>direct I/O</source>
        <translation>direkte E/A</translation>
    </message>
    <message>
        <source>through the page cache</source>
        <translation>über den Seitencache</translation>
    </message>
    <message>
        <source>safe writes (acknowledged once on stable storage)</source>
        <translation>sicheres Schreiben (bestätigt, sobald dauerhaft gespeichert)</translation>
    </message>
    <message>
        <source>writes acknowledged from the page cache</source>
        <translation>Schreibvorgänge aus dem Seitencache bestätigt</translation>
    </message>
    <message>
        <source>shared address</source>
        <translation>geteilte Adresse</translation>
    </message>
    <message>
        <source>owned by %1</source>
        <translation>gehört %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>nobody (every initiator may write)</source>
        <translation>niemand (jeder Initiator darf schreiben)</translation>
    </message>
    <message>
        <source>The image was opened read-only: export it again to allow writes.</source>
        <translation>Das Image wurde nur zum Lesen geöffnet: Geben Sie es erneut frei, um Schreiben zu erlauben.</translation>
    </message>
    <message>
        <source>“%1” is not a MAC address (write it as 52:54:00:12:34:56).</source>
        <translation>„%1“ ist keine MAC-Adresse (Schreibweise: 52:54:00:12:34:56).</translation>
    </message>
    <message>
        <source>The Mac Mask List holds at most %1 addresses.</source>
        <translation>Die Mac Mask List fasst höchstens %1 Adressen.</translation>
    </message>
    <message>
        <source>This helper cannot change an export while it serves: remove it and export it again.</source>
        <translation>Dieser Helfer kann eine laufende Freigabe nicht ändern: Entfernen Sie sie und geben Sie sie erneut frei.</translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportDialog</name>
    <message>
        <source>There is no file called %1.</source>
        <translation>Es gibt keine Datei %1.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>%1 is neither a regular file nor a block device.</source>
        <translation>%1 ist weder eine normale Datei noch ein Blockgerät.</translation>
    </message>
    <message>
        <source>You may not read %1 (%2).</source>
        <translation>Sie dürfen %1 nicht lesen (%2).</translation>
    </message>
    <message>
        <source>The size of %1 cannot be read.</source>
        <translation>Die Größe von %1 lässt sich nicht ermitteln.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>%1 lässt sich nicht öffnen: %2.</translation>
    </message>
    <message>
        <source>Export disk image</source>
        <translation>Disk-Image freigeben</translation>
    </message>
    <message>
        <source>Disk image file or block device, e.g. /dev/sdb</source>
        <translation>Image-Datei oder Blockgerät, z. B. /dev/sdb</translation>
    </message>
    <message>
        <source>Image file or block device</source>
        <translation>Image-Datei oder Blockgerät</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>Browse for an image file</source>
        <translation>Nach einer Image-Datei suchen</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Image:</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>Size of the new sparse image</source>
        <translation>Größe des neuen Sparse-Images</translation>
    </message>
    <message>
        <source>Create &amp;sparse image</source>
        <translation>&amp;Sparse-Image anlegen</translation>
    </message>
    <message>
        <source>Create a sparse image of this size</source>
        <translation>Ein Sparse-Image dieser Größe anlegen</translation>
    </message>
    <message>
        <source>Create it as an empty sparse image of</source>
        <translation>Als leeres Sparse-Image anlegen, Größe</translation>
    </message>
    <message>
        <source>Shelf</source>
        <translation>Shelf</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>S&amp;lot:</source>
        <translation>S&amp;lot:</translation>
    </message>
    <message>
        <source>S&amp;helf:</source>
        <translation>S&amp;helf:</translation>
    </message>
    <message>
        <source>Network interfaces to serve on</source>
        <translation>Netzwerkschnittstellen für die Freigabe</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC-Adresse</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>down</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>up</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>no carrier</source>
        <translation>kein Kabel</translation>
    </message>
    <message>
        <source>I&amp;nterfaces:</source>
        <translation>S&amp;chnittstellen:</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Show advanced options</source>
        <translation>Erweiterte Optionen zeigen</translation>
    </message>
    <message>
        <source>&amp;Read-only: writes are refused (-r)</source>
        <translation>&amp;Nur lesen: Schreibzugriffe werden abgewiesen (-r)</translation>
    </message>
    <message>
        <source>&amp;Direct I/O, bypassing the page cache (-d)</source>
        <translation type="vanished">Di&amp;rekte E/A am Seitencache vorbei (-d)</translation>
    </message>
    <message>
        <source>S&amp;ynchronous writes: on disk before acknowledged (-s)</source>
        <translation type="vanished">S&amp;ynchrones Schreiben: erst auf der Platte, dann bestätigt (-s)</translation>
    </message>
    <message>
        <source>Buffer count</source>
        <translation>Pufferanzahl</translation>
    </message>
    <message>
        <source>Offset in sectors</source>
        <translation>Versatz in Sektoren</translation>
    </message>
    <message>
        <source>to the end</source>
        <translation>bis zum Ende</translation>
    </message>
    <message>
        <source>Length in sectors</source>
        <translation>Länge in Sektoren</translation>
    </message>
    <message>
        <source>&amp;Buffer count (-b):</source>
        <translation type="vanished">&amp;Pufferanzahl (-b):</translation>
    </message>
    <message>
        <source>&amp;Offset, sectors (-o):</source>
        <translation type="vanished">&amp;Versatz, Sektoren (-o):</translation>
    </message>
    <message>
        <source>Len&amp;gth, sectors (-l):</source>
        <translation>Län&amp;ge, Sektoren (-l):</translation>
    </message>
    <message>
        <source>Allowed initiator MAC addresses</source>
        <translation>Zugelassene MAC-Adressen der Initiatoren</translation>
    </message>
    <message>
        <source>MAC address to allow</source>
        <translation>Zuzulassende MAC-Adresse</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>Hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Add MAC address</source>
        <translation>MAC-Adresse hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>En&amp;tfernen</translation>
    </message>
    <message>
        <source>Remove selected MAC address</source>
        <translation>Ausgewählte MAC-Adresse entfernen</translation>
    </message>
    <message>
        <source>Only these &amp;initiators (-m);
empty: everyone:</source>
        <translation type="vanished">Nur diese Initiat&amp;oren (-m);
leer: alle:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Export the image</source>
        <translation>Das Image freigeben</translation>
    </message>
    <message>
        <source>Choose a disk image or block device</source>
        <translation>Disk-Image oder Blockgerät wählen</translation>
    </message>
    <message>
        <source>Disk images (*.img *.raw *.iso *.bin)</source>
        <translation>Disk-Images (*.img *.raw *.iso *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot create %1: %2.</source>
        <translation>%1 lässt sich nicht anlegen: %2.</translation>
    </message>
    <message>
        <source>Cannot make %1 %2 bytes long: %3.</source>
        <translation>%1 lässt sich nicht auf %2 Byte vergrößern: %3.</translation>
    </message>
    <message>
        <source>Hide advanced options</source>
        <translation>Erweiterte Optionen ausblenden</translation>
    </message>
    <message>
        <source>“%1” is not a MAC address (write it as 52:54:00:12:34:56).</source>
        <translation>„%1“ ist keine MAC-Adresse (Schreibweise: 52:54:00:12:34:56).</translation>
    </message>
    <message>
        <source>The allow-list holds at most %1 addresses.</source>
        <translation>Die Liste fasst höchstens %1 Adressen.</translation>
    </message>
    <message>
        <source>Choose a disk image or block device to export.</source>
        <translation>Wählen Sie ein Disk-Image oder Blockgerät zum Freigeben.</translation>
    </message>
    <message>
        <source>There is no file called %1. You can create it here:</source>
        <translation>Es gibt keine Datei %1. Sie können sie hier anlegen:</translation>
    </message>
    <message>
        <source>You may not read %1.</source>
        <translation>Sie dürfen %1 nicht lesen.</translation>
    </message>
    <message>
        <source>You may not write to %1: tick “Read-only” under Advanced to export it read-only.</source>
        <translation>Sie dürfen %1 nicht beschreiben: Kreuzen Sie unter „Erweitert“ „Nur lesen“ an, um es schreibgeschützt freizugeben.</translation>
    </message>
    <message>
        <source>%1 is smaller than one 512-byte sector.</source>
        <translation>%1 ist kleiner als ein Sektor von 512 Byte.</translation>
    </message>
    <message>
        <source>%1, %2 sectors</source>
        <translation>%1, %2 Sektoren</translation>
    </message>
    <message>
        <source>%1 is already exported: choose another shelf or slot.</source>
        <translation>%1 ist schon freigegeben: Wählen Sie ein anderes Shelf oder einen anderen Slot.</translation>
    </message>
    <message>
        <source>Initiators will see it as /dev/etherd/%1.</source>
        <translation>Initiatoren sehen es als /dev/etherd/%1.</translation>
    </message>
    <message>
        <source>No Ethernet interface found.</source>
        <translation>Keine Ethernet-Schnittstelle gefunden.</translation>
    </message>
    <message>
        <source>Choose at least one interface.</source>
        <translation>Wählen Sie mindestens eine Schnittstelle.</translation>
    </message>
    <message>
        <source>%1 is down: bring it up before exporting on it.</source>
        <translation>%1 ist deaktiviert: Aktivieren Sie sie vor der Freigabe.</translation>
    </message>
    <message>
        <source>Offset and length are numbers of 512-byte sectors.</source>
        <translation>Versatz und Länge sind Anzahlen von 512-Byte-Sektoren.</translation>
    </message>
    <message>
        <source>The offset is past the end of the image (%1 sectors).</source>
        <translation>Der Versatz liegt hinter dem Ende des Images (%1 Sektoren).</translation>
    </message>
    <message>
        <source>Offset plus length runs past the end of the image (%1 sectors).</source>
        <translation>Versatz plus Länge reicht über das Ende des Images hinaus (%1 Sektoren).</translation>
    </message>
    <message>
        <source>Asking the helper to export %1…</source>
        <translation>Der Helfer wird gebeten, %1 freizugeben …</translation>
    </message>
    <message>
        <source>The helper refused: %1</source>
        <translation>Der Helfer lehnt ab: %1</translation>
    </message>
    <message>
        <source>S&amp;hared storage: serve even if another target answers for this address (--allow-shared-address)</source>
        <translation type="vanished">&amp;Gemeinsamer Speicher: auch bereitstellen, wenn ein anderes Ziel für diese Adresse antwortet (--allow-shared-address)</translation>
    </message>
    <message>
        <source>Only when every target on this address serves the same storage: initiators spread reads and writes over all of them.</source>
        <translation>Nur wenn jedes Ziel an dieser Adresse denselben Speicher bereitstellt: Initiatoren verteilen Lese- und Schreibzugriffe auf alle.</translation>
    </message>
    <message>
        <source>%1 is also answered by %2: allowed, since both serve the same shared storage.</source>
        <translation>Für %1 antwortet auch %2: erlaubt, da beide denselben gemeinsamen Speicher bereitstellen.</translation>
    </message>
    <message>
        <source>%1 is already answered by %2: another device serves this address. Choose another shelf or slot (or “Shared storage” under Advanced if both serve the same storage).</source>
        <translation>Für %1 antwortet bereits %2: Ein anderes Gerät bedient diese Adresse. Wählen Sie ein anderes Shelf oder einen anderen Slot (oder „Gemeinsamer Speicher“ unter Erweitert, wenn beide denselben Speicher bereitstellen).</translation>
    </message>
    <message>
        <source>Safe &amp;writes: every acknowledged write is on disk (-s)</source>
        <translation type="vanished">Sichere Schreib&amp;vorgänge: jeder bestätigte Schreibvorgang ist auf der Platte (-s)</translation>
    </message>
    <message>
        <source>The Linux initiator never asks the target to flush its cache, so without this a power loss on this computer can lose writes the initiator&apos;s file system counts as done. It costs write speed: writes are committed to the disk in groups, each waiting for one flush.</source>
        <translation>Der Linux-Initiator fordert das Ziel nie auf, seinen Cache zu leeren; ohne diese Option kann ein Stromausfall an diesem Rechner Schreibvorgänge verlieren, die das Dateisystem des Initiators für abgeschlossen hält. Das kostet Schreibgeschwindigkeit: Schreibvorgänge werden gruppenweise auf die Platte übernommen, jede Gruppe wartet auf ein Leeren des Caches.</translation>
    </message>
    <message>
        <source>every acknowledged write is on disk (-s)</source>
        <translation>jeder bestätigte Schreibvorgang ist auf der Platte (-s)</translation>
    </message>
    <message>
        <source>Safe writes: every acknowledged write is on disk</source>
        <translation>Sicheres Schreiben: jeder bestätigte Schreibvorgang ist auf der Platte</translation>
    </message>
    <message>
        <source>Safe &amp;writes:</source>
        <translation>Sicheres Schrei&amp;ben:</translation>
    </message>
    <message>
        <source>Direct I/&amp;O, bypassing the page cache (-d)</source>
        <translation>Direkte E/&amp;A am Seitencache vorbei (-d)</translation>
    </message>
    <message>
        <source>Shared s&amp;torage: serve even if another target answers for this address (--allow-shared-address)</source>
        <translation>Ge&amp;meinsamer Speicher: auch bereitstellen, wenn ein anderes Ziel für diese Adresse antwortet (--allow-shared-address)</translation>
    </message>
    <message>
        <source>B&amp;uffer count (-b):</source>
        <translation>&amp;Pufferanzahl (-b):</translation>
    </message>
    <message>
        <source>O&amp;ffset, sectors (-o):</source>
        <translation>&amp;Versatz, Sektoren (-o):</translation>
    </message>
    <message>
        <source>Onl&amp;y these initiators (-m);
empty: everyone:</source>
        <translation>Nur diese Initiat&amp;oren (-m);
leer: alle:</translation>
    </message>
    <message>
        <source>Disk image or block device</source>
        <translation>Disk-Image oder Blockgerät</translation>
    </message>
    <message>
        <source>Ceph RBD image</source>
        <translation>Ceph-RBD-Image</translation>
    </message>
    <message>
        <source>What to export</source>
        <translation>Was freigegeben wird</translation>
    </message>
    <message>
        <source>E&amp;xport from:</source>
        <translation>Freigeben a&amp;us:</translation>
    </message>
    <message>
        <source>A snapshot is always exported read-only.</source>
        <translation>Ein Snapshot wird immer schreibgeschützt freigegeben.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ExportsModel</name>
    <message>
        <source>Serving</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>ro</source>
        <translation>nur lesen</translation>
    </message>
    <message>
        <source>rw</source>
        <translation>lesen/schreiben</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <source>sync</source>
        <translation type="vanished">synchron</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Interfaces</source>
        <translation>Schnittstellen</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Initiators</source>
        <translation>Initiatoren</translation>
    </message>
    <message>
        <source>Frames/s in</source>
        <translation type="vanished">Frames/s ein</translation>
    </message>
    <message>
        <source>Frames/s out</source>
        <translation type="vanished">Frames/s aus</translation>
    </message>
    <message>
        <source>MB/s</source>
        <translation>MB/s</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>%1 requests dropped while all buffers were busy</source>
        <translation type="vanished">%1 Anfragen verworfen, weil alle Puffer belegt waren</translation>
    </message>
    <message>
        <source>%1 frames dropped by the kernel on %2</source>
        <translation type="vanished">%1 Frames vom Kernel auf %2 verworfen</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Stopped: helper exited</source>
        <translation>Gestoppt: Helfer beendet</translation>
    </message>
    <message>
        <source>safe writes</source>
        <translation>sicheres Schreiben</translation>
    </message>
    <message numerus="yes">
        <source>%1 request(s) dropped while all buffers were busy</source>
        <translation>
            <numerusform>%1 Anfrage verworfen, während alle Puffer belegt waren</numerusform>
            <numerusform>%1 Anfragen verworfen, während alle Puffer belegt waren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 frame(s) dropped by the kernel on %2</source>
        <translation>
            <numerusform>%1 Frame vom Kernel auf %2 verworfen</numerusform>
            <numerusform>%1 Frames vom Kernel auf %2 verworfen</numerusform>
        </translation>
    </message>
    <message>
        <source>Interface down: %1</source>
        <translation>Schnittstelle nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Still exported: it serves again by itself as soon as %1 is up and has a link.</source>
        <translation>Weiterhin freigegeben: sobald %1 aktiviert ist und eine Verbindung hat, wird es von selbst wieder bedient.</translation>
    </message>
    <message>
        <source>Frames received per second</source>
        <translation>Empfangene Frames pro Sekunde</translation>
    </message>
    <message>
        <source>Frames sent per second</source>
        <translation>Gesendete Frames pro Sekunde</translation>
    </message>
    <message>
        <source>Requests and frames dropped (the tooltip of a cell says where)</source>
        <translation>Verworfene Anfragen und Frames (der Tooltip einer Zelle sagt, wo)</translation>
    </message>
    <message>
        <source>In/s</source>
        <translation>Ein/s</translation>
    </message>
    <message>
        <source>Out/s</source>
        <translation>Aus/s</translation>
    </message>
    <message>
        <source>%1, starts at boot</source>
        <translation>%1, startet beim Systemstart</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::FramesModel</name>
    <message>
        <source>ATA</source>
        <translation>ATA</translation>
    </message>
    <message>
        <source>Query Config</source>
        <translation>Query Config</translation>
    </message>
    <message>
        <source>Mac Mask List</source>
        <translation>Mac Mask List</translation>
    </message>
    <message>
        <source>Reserve/Release</source>
        <translation>Reserve/Release</translation>
    </message>
    <message>
        <source>→ out</source>
        <translation>→ aus</translation>
    </message>
    <message>
        <source>← in</source>
        <translation>← ein</translation>
    </message>
    <message>
        <source>(not AoE)</source>
        <translation>(kein AoE)</translation>
    </message>
    <message>
        <source>request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>Fehler %1</translation>
    </message>
    <message>
        <source>response</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>Schnittstelle</translation>
    </message>
    <message>
        <source>Source MAC</source>
        <translation>Quell-MAC</translation>
    </message>
    <message>
        <source>Destination MAC</source>
        <translation>Ziel-MAC</translation>
    </message>
    <message>
        <source>Shelf.slot</source>
        <translation>Shelf.Slot</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>ATA command / sub-command</source>
        <translation>ATA-Befehl / Unterbefehl</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>Byte</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The time from the request with this tag to this reply, as the helper saw them</source>
        <translation>Die Zeit von der Anfrage mit diesem Tag bis zu dieser Antwort, wie der Helfer sie sah</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::HelperBackend</name>
    <message>
        <source>No helper is listening on %1.</source>
        <translation>Auf %1 wartet kein Helfer.</translation>
    </message>
    <message>
        <source>Cannot create a socket pair: %1.</source>
        <translation>Das Socket-Paar lässt sich nicht anlegen: %1.</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 lässt sich nicht starten: %2</translation>
    </message>
    <message>
        <source>It crashed. %1</source>
        <translation>Er ist abgestürzt. %1</translation>
    </message>
    <message>
        <source>It exited with status %1. %2</source>
        <translation>Er wurde mit Status %1 beendet. %2</translation>
    </message>
    <message>
        <source>The helper is not running.</source>
        <translation>Der Helfer läuft nicht.</translation>
    </message>
    <message>
        <source>The helper cannot write sysctl.d files.</source>
        <translation type="vanished">Der Helfer kann keine sysctl.d-Dateien schreiben.</translation>
    </message>
    <message>
        <source>The running helper is older than this qvblade. Quit qvblade, choosing to stop the exports, and start it again.</source>
        <translation>Der laufende Helfer ist älter als dieses qvblade. Beenden Sie qvblade, wählen Sie dabei „Freigaben beenden“, und starten Sie es neu.</translation>
    </message>
    <message>
        <source>pkexec is not installed, so the helper cannot ask for your authorisation. Install it with: sudo apt-get install pkexec</source>
        <translation>pkexec ist nicht installiert, daher kann der Helfer nicht um Ihre Autorisierung bitten. Installieren Sie es mit: sudo apt-get install pkexec</translation>
    </message>
    <message>
        <source>The helper is not installed: %1 is missing. Install it from qvblade&apos;s source directory with ./scripts/install-package.sh (it builds and installs the Debian package; sudo apt-get purge qvblade removes it).</source>
        <translation>Der Helfer ist nicht installiert: %1 fehlt. Installieren Sie ihn im Quellverzeichnis von qvblade mit ./scripts/install-package.sh (es baut und installiert das Debian-Paket; sudo apt-get purge qvblade entfernt es wieder).</translation>
    </message>
    <message>
        <source>No polkit authentication agent is running, so nothing could ask for your password. Start your desktop&apos;s agent (polkit-gnome-authentication-agent-1, polkit-kde-authentication-agent-1, lxpolkit, mate-polkit, …) or log in to a full desktop session, then try again.</source>
        <translation>Es läuft kein polkit-Authentifizierungsagent, daher konnte niemand nach Ihrem Passwort fragen. Starten Sie den Agenten Ihrer Arbeitsumgebung (polkit-gnome-authentication-agent-1, polkit-kde-authentication-agent-1, lxpolkit, mate-polkit, …) oder melden Sie sich an einer vollständigen Desktop-Sitzung an und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The authorisation dialog was dismissed. Choose Try again and enter the password it asks for.</source>
        <translation>Der Autorisierungsdialog wurde geschlossen. Wählen Sie „Erneut versuchen“ und geben Sie das verlangte Passwort ein.</translation>
    </message>
    <message>
        <source>You are not authorised to run the helper. Try again with an administrator&apos;s password, or ask an administrator to allow org.qvblade.manage-exports for you.</source>
        <translation type="vanished">Sie dürfen den Helfer nicht starten. Versuchen Sie es erneut mit dem Passwort eines Administrators, oder bitten Sie einen Administrator, Ihnen org.qvblade.manage-exports zu erlauben.</translation>
    </message>
    <message>
        <source>You are not authorised to run the helper. Try again with an administrator&apos;s password, or ask an administrator to allow you to export disks with qvblade.</source>
        <translation>Sie dürfen den Helfer nicht starten. Versuchen Sie es erneut mit dem Passwort eines Administrators, oder bitten Sie einen Administrator, Ihnen das Freigeben von Disks mit qvblade zu erlauben.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::HelperBanner</name>
    <message>
        <source>&amp;Restart helper</source>
        <translation>Helfer neu &amp;starten</translation>
    </message>
    <message>
        <source>Restart the helper</source>
        <translation>Den Helfer neu starten</translation>
    </message>
    <message>
        <source>The qvblade helper is not running. It serves the exports and needs your authorisation to start.</source>
        <translation>Der qvblade-Helfer läuft nicht. Er bedient die Freigaben und braucht zum Start Ihre Autorisierung.</translation>
    </message>
    <message>
        <source>&amp;Start helper</source>
        <translation>Helfer &amp;starten</translation>
    </message>
    <message>
        <source>Starting the helper: authorise it in the dialog your desktop shows.</source>
        <translation>Der Helfer startet: Autorisieren Sie ihn im Dialog Ihrer Arbeitsumgebung.</translation>
    </message>
    <message>
        <source>The helper was not authorised, so nothing can be exported.</source>
        <translation>Der Helfer wurde nicht autorisiert, daher kann nichts freigegeben werden.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>The helper stopped unexpectedly; its exports are no longer served.</source>
        <translation>Der Helfer wurde unerwartet beendet; seine Freigaben werden nicht mehr bedient.</translation>
    </message>
    <message>
        <source>The qvblade helper cannot start.</source>
        <translation>Der qvblade-Helfer kann nicht starten.</translation>
    </message>
    <message>
        <source>Tried again at %1.</source>
        <translation>Um %1 erneut versucht.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::MainWindow</name>
    <message>
        <source>qvblade — ATA over Ethernet</source>
        <translation>qvblade — ATA over Ethernet</translation>
    </message>
    <message>
        <source>Exports</source>
        <translation>Freigaben</translation>
    </message>
    <message>
        <source>Raising the limit…</source>
        <translation>Das Limit wird angehoben …</translation>
    </message>
    <message>
        <source>&amp;Export disk image…</source>
        <translation>Disk-Image &amp;freigeben …</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>F&amp;ortsetzen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Copy &amp;initiator command</source>
        <translation>&amp;Initiator-Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy “%1” to the clipboard: run it on a Linux initiator to see the exports.</source>
        <translation>„%1“ in die Zwischenablage kopieren: Auf einem Linux-Initiator ausgeführt, zeigt er die Freigaben.</translation>
    </message>
    <message>
        <source>Copy qvblade-&amp;cli command</source>
        <translation>qvblade-&amp;cli-Befehl kopieren</translation>
    </message>
    <message>
        <source>&amp;Teaching view</source>
        <translation>&amp;Lehransicht</translation>
    </message>
    <message>
        <source>Watch the AoE frames as they pass</source>
        <translation>Die AoE-Frames live beobachten</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Copied “%1”.</source>
        <translation>„%1“ kopiert.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>&amp;Freigabe</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>%1 — %2 exports, %3 serving, %4 initiators, %5 MB/s</source>
        <translation type="vanished">%1 — %2 Freigaben, %3 aktiv, %4 Initiatoren, %5 MB/s</translation>
    </message>
    <message>
        <source>The limit was not changed: %1</source>
        <translation>Das Limit wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Written to /etc/sysctl.d/60-qvblade.conf.</source>
        <translation type="vanished">In /etc/sysctl.d/60-qvblade.conf geschrieben.</translation>
    </message>
    <message>
        <source>The file was not written: %1</source>
        <translation>Die Datei wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Pausing %1</source>
        <translation>%1 anhalten</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>%1 fortsetzen</translation>
    </message>
    <message>
        <source>Remove export</source>
        <translation type="vanished">Freigabe entfernen</translation>
    </message>
    <message>
        <source>Stop exporting %1? Initiators that use it lose the disk.</source>
        <translation type="vanished">%1 nicht mehr freigeben? Initiatoren, die es nutzen, verlieren die Platte.</translation>
    </message>
    <message>
        <source>Removing %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>%1 is exported. On a Linux initiator run: %2</source>
        <translation>%1 ist freigegeben. Auf einem Linux-Initiator ausführen: %2</translation>
    </message>
    <message>
        <source>Quit qvblade</source>
        <translation>qvblade beenden</translation>
    </message>
    <message>
        <source>Keep the exports running after qvblade quits? The helper goes on serving them, and qvblade finds them again when you start it.</source>
        <translation>Sollen die Freigaben nach dem Beenden weiterlaufen? Der Helfer bedient sie weiter, und qvblade findet sie beim nächsten Start wieder.</translation>
    </message>
    <message>
        <source>&amp;Keep serving</source>
        <translation>&amp;Weiter bedienen</translation>
    </message>
    <message>
        <source>&amp;Stop exports</source>
        <translation>Freigaben &amp;beenden</translation>
    </message>
    <message>
        <source>Writing /etc/sysctl.d/60-qvblade.conf…</source>
        <translation type="vanished">Schreibe /etc/sysctl.d/60-qvblade.conf …</translation>
    </message>
    <message>
        <source>Written to /etc/sysctl.d/60-qvblade.conf: the limit is set at every boot. “Apply” raises it now.</source>
        <translation type="vanished">In /etc/sysctl.d/60-qvblade.conf geschrieben: Das Limit wird bei jedem Systemstart gesetzt. „Anwenden“ hebt es sofort an.</translation>
    </message>
    <message>
        <source>The helper exited, so nothing serves this export. Once a helper runs again, Restore exports it again.</source>
        <translation>Der Helfer wurde beendet, daher bedient niemand diesen Export. Sobald wieder ein Helfer läuft, exportiert „Wiederherstellen“ ihn erneut.</translation>
    </message>
    <message>
        <source>Nothing is exported yet. Export a disk image for the computers on your network, or try qvblade on this computer alone: the demo makes a private network with an initiator that writes and reads a test pattern, so the counters, the graph and the teaching view come alive. It touches none of your network interfaces.</source>
        <translation>Noch ist nichts freigegeben. Geben Sie ein Disk-Image für die Rechner in Ihrem Netz frei, oder probieren Sie qvblade allein auf diesem Rechner aus: Die Demo baut ein privates Netz mit einem Initiator, der ein Testmuster schreibt und liest, sodass Zähler, Graph und Lehransicht sofort etwas zeigen. Keine Ihrer Netzwerkschnittstellen wird dabei berührt.</translation>
    </message>
    <message>
        <source>&amp;Try it on this computer</source>
        <translation>Auf diesem Rechner &amp;ausprobieren</translation>
    </message>
    <message>
        <source>A demo with its own private network: no second machine needed</source>
        <translation>Eine Demo mit eigenem privatem Netz: kein zweiter Rechner nötig</translation>
    </message>
    <message>
        <source>Stop the &amp;demo</source>
        <translation>&amp;Demo beenden</translation>
    </message>
    <message>
        <source>Cannot create the demo image %1: %2</source>
        <translation type="vanished">Das Demo-Image %1 lässt sich nicht anlegen: %2</translation>
    </message>
    <message>
        <source>Starting the demo…</source>
        <translation>Die Demo startet …</translation>
    </message>
    <message>
        <source>Stopping the demo…</source>
        <translation>Die Demo wird beendet …</translation>
    </message>
    <message>
        <source>The demo runs: its initiator writes and reads a test pattern on a private network. Stop it from the File menu or the tray.</source>
        <translation>Die Demo läuft: Ihr Initiator schreibt und liest ein Testmuster in einem privaten Netz. Beenden Sie sie im Menü „Datei“ oder im Systembereich.</translation>
    </message>
    <message>
        <source>The demo did not start: %1</source>
        <translation>Die Demo ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>The demo is stopped and its image removed.</source>
        <translation>Die Demo ist beendet und ihr Image gelöscht.</translation>
    </message>
    <message>
        <source>The demo could not be stopped: %1</source>
        <translation>Die Demo ließ sich nicht beenden: %1</translation>
    </message>
    <message>
        <source>Cannot create the demo image %1: %2.</source>
        <translation>Das Demo-Image %1 lässt sich nicht anlegen: %2.</translation>
    </message>
    <message>
        <source>Writing the sysctl.d file…</source>
        <translation>Die sysctl.d-Datei wird geschrieben …</translation>
    </message>
    <message>
        <source>The sysctl.d file is written: the limit is set at every boot. “Apply” raises it now.</source>
        <translation>Die sysctl.d-Datei ist geschrieben: Das Limit wird bei jedem Systemstart gesetzt. „Anwenden“ hebt es sofort an.</translation>
    </message>
    <message>
        <source>Written to %1: the limit is set at every boot. “Apply” raises it now.</source>
        <translation>In %1 geschrieben: Das Limit wird bei jedem Systemstart gesetzt. „Anwenden“ hebt es sofort an.</translation>
    </message>
    <message>
        <source>ATA over Ethernet</source>
        <translation>ATA over Ethernet</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About qvblade</source>
        <translation>Ü&amp;ber qvblade</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>No exports: the helper is not running (see above).</source>
        <translation>Keine Freigaben: Der Helfer läuft nicht (siehe oben).</translation>
    </message>
    <message>
        <source>Nothing is exported yet. Choose Export disk image… (%1) to export one, or Try it on this computer in the File menu.</source>
        <translation>Noch ist nichts freigegeben. „Disk-Image freigeben …“ (%1) gibt eines frei, „Auf diesem Rechner ausprobieren“ im Menü „Datei“ startet die Demo.</translation>
    </message>
    <message>
        <source>About qvblade</source>
        <translation>Über qvblade</translation>
    </message>
    <message>
        <source>&lt;h3&gt;qvblade %1&lt;/h3&gt;&lt;p&gt;Exports disk images and block devices over ATA over Ethernet (AoE), for diskless machines, classrooms and labs.&lt;/p&gt;&lt;p&gt;AoE has no authentication: export only on networks you trust.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 2 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;qvblade %1&lt;/h3&gt;&lt;p&gt;Gibt Disk-Images und Blockgeräte über ATA over Ethernet (AoE) frei, für festplattenlose Rechner, Klassenräume und Labore.&lt;/p&gt;&lt;p&gt;AoE kennt keine Authentifizierung: Geben Sie nur in Netzen frei, denen Sie vertrauen.&lt;/p&gt;&lt;p&gt;Freie Software unter der GNU General Public License, Version 2 oder später.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — %2, %3 serving, %4, %5 MB/s</source>
        <translation>%1 — %2, %3 aktiv, %4, %5 MB/s</translation>
    </message>
    <message numerus="yes">
        <source>%n export(s)</source>
        <translation>
            <numerusform>%n Freigabe</numerusform>
            <numerusform>%n Freigaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n initiator(s)</source>
        <translation>
            <numerusform>%n Initiator</numerusform>
            <numerusform>%n Initiatoren</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is in use right now (%2 MB/s) by %3. Removing it takes the disk away from under them: what they have not written yet is lost, and their file systems may be damaged.</source>
        <translation>%1 wird gerade benutzt (%2 MB/s), von %3. Das Entfernen nimmt ihnen die Platte unter den Füßen weg: Was sie noch nicht geschrieben haben, geht verloren, und ihre Dateisysteme können Schaden nehmen.</translation>
    </message>
    <message>
        <source>an initiator</source>
        <translation>einem Initiator</translation>
    </message>
    <message>
        <source>%1 has been used by %2 and may still be mounted there. Removing it takes the disk away from them.</source>
        <translation>%1 wurde von %2 benutzt und ist dort vielleicht noch eingehängt. Das Entfernen nimmt ihnen die Platte weg.</translation>
    </message>
    <message>
        <source>No initiator has used %1. Removing it stops exporting it; the image file stays as it is.</source>
        <translation>Kein Initiator hat %1 benutzt. Das Entfernen beendet die Freigabe; die Image-Datei bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>&amp;Remove %1</source>
        <translation>%1 &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Keep exporting</source>
        <translation>&amp;Weiter freigeben</translation>
    </message>
    <message>
        <source>&amp;Network…</source>
        <translation>&amp;Netzwerk…</translation>
    </message>
    <message>
        <source>The AoE targets an initiator finds on each interface</source>
        <translation>Die AoE-Ziele, die ein Initiator an jeder Schnittstelle findet</translation>
    </message>
    <message>
        <source>&amp;Keep the demo image when it stops</source>
        <translation>Demo-&amp;Image nach dem Ende behalten</translation>
    </message>
    <message>
        <source>The demo is stopped; its image stays in %1.</source>
        <translation>Die Demo ist beendet; ihr Image bleibt in %1.</translation>
    </message>
    <message>
        <source>De&amp;tails…</source>
        <translation>&amp;Details …</translation>
    </message>
    <message>
        <source>Totals, initiators, Mac Mask List and options of the export (Enter, double click)</source>
        <translation>Summen, Initiatoren, Mac Mask List und Optionen der Freigabe (Eingabetaste, Doppelklick)</translation>
    </message>
    <message>
        <source>Start at &amp;boot</source>
        <translation>Beim &amp;Systemstart freigeben</translation>
    </message>
    <message>
        <source>Served by qvblade-export@%1.service at every boot, also without qvblade</source>
        <translation>Wird bei jedem Systemstart von qvblade-export@%1.service freigegeben, auch ohne qvblade</translation>
    </message>
    <message>
        <source>Serve this export at every boot, also without qvblade (asks for an administrator)</source>
        <translation>Diese Freigabe bei jedem Systemstart bereitstellen, auch ohne qvblade (fragt nach einem Administrator)</translation>
    </message>
    <message>
        <source>%1 cannot start at boot: %2 cannot be opened (%3).</source>
        <translation>%1 kann nicht beim Systemstart starten: %2 lässt sich nicht öffnen (%3).</translation>
    </message>
    <message>
        <source>Starting %1 at boot</source>
        <translation>%1 beim Systemstart starten</translation>
    </message>
    <message>
        <source>Not starting %1 at boot</source>
        <translation>%1 nicht mehr beim Systemstart starten</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::MessageBanner</name>
    <message>
        <source>Messages</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss these messages</source>
        <translation>Diese Meldungen schließen</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::NetworkModel</name>
    <message>
        <source>this computer (paused)</source>
        <translation>dieser Rechner (angehalten)</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>dieser Rechner</translation>
    </message>
    <message>
        <source>%1 is answered by %2 targets (%3): an initiator takes them for paths to one disk and mixes their data. Stop all but one, unless they serve the same shared storage.</source>
        <translation>Für %1 antworten %2 Ziele (%3): Ein Initiator hält sie für Wege zu einer Platte und vermischt ihre Daten. Beenden Sie alle bis auf eines, außer sie stellen denselben gemeinsamen Speicher bereit.</translation>
    </message>
    <message>
        <source>Exported by this computer.</source>
        <translation>Von diesem Rechner freigegeben.</translation>
    </message>
    <message>
        <source>The most 512-byte sectors one request may carry.</source>
        <translation>Höchstzahl der 512-Byte-Sektoren, die eine Anfrage tragen darf.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC-Adresse</translation>
    </message>
    <message>
        <source>Served by</source>
        <translation>Bereitgestellt von</translation>
    </message>
    <message>
        <source>Sectors per request</source>
        <translation>Sektoren je Anfrage</translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation>Puffer</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Config string</source>
        <translation>Konfigurationszeichenkette</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::NetworkView</name>
    <message>
        <source>Network — AoE targets</source>
        <translation>Netzwerk — AoE-Ziele</translation>
    </message>
    <message>
        <source>Interface to look on</source>
        <translation>Zu durchsuchende Schnittstelle</translation>
    </message>
    <message>
        <source>&amp;Interface:</source>
        <translation>&amp;Schnittstelle:</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Ask again who answers (F5); while this window is open it asks every %1 seconds.</source>
        <translation>Erneut fragen, wer antwortet (F5); solange dieses Fenster offen ist, wird alle %1 Sekunden gefragt.</translation>
    </message>
    <message>
        <source>AoE targets on the interface</source>
        <translation>AoE-Ziele an der Schnittstelle</translation>
    </message>
    <message>
        <source>No Ethernet interface found.</source>
        <translation>Keine Ethernet-Schnittstelle gefunden.</translation>
    </message>
    <message>
        <source>The helper cannot look for targets (it is not running, or too old).</source>
        <translation>Der Helfer kann nicht nach Zielen suchen (er läuft nicht oder ist zu alt).</translation>
    </message>
    <message>
        <source>Asking who answers on %1…</source>
        <translation>Frage, wer an %1 antwortet…</translation>
    </message>
    <message>
        <source>No AoE target answers on %1 (at %2).</source>
        <translation>Kein AoE-Ziel antwortet an %1 (um %2).</translation>
    </message>
    <message>
        <source>1 target on %1 (at %2).</source>
        <translation>1 Ziel an %1 (um %2).</translation>
    </message>
    <message>
        <source>%1 targets on %2 (at %3).</source>
        <translation>%1 Ziele an %2 (um %3).</translation>
    </message>
    <message>
        <source>1 address answered by more than one target, in red.</source>
        <translation>1 Adresse, für die mehr als ein Ziel antwortet, in Rot.</translation>
    </message>
    <message>
        <source>%1 addresses answered by more than one target, in red.</source>
        <translation>%1 Adressen, für die mehr als ein Ziel antwortet, in Rot.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::Notifier</name>
    <message>
        <source>An initiator &amp;attached</source>
        <translation>Ein Initiator hat sich &amp;verbunden</translation>
    </message>
    <message>
        <source>An initiator &amp;left</source>
        <translation>Ein Initiator ist &amp;gegangen</translation>
    </message>
    <message>
        <source>Frames &amp;dropped</source>
        <translation>Frames ver&amp;worfen</translation>
    </message>
    <message>
        <source>&amp;Errors answered</source>
        <translation>&amp;Fehler beantwortet</translation>
    </message>
    <message>
        <source>The helper &amp;stopped</source>
        <translation>Der Helfer wurde &amp;beendet</translation>
    </message>
    <message>
        <source>Initiator attached</source>
        <translation>Initiator verbunden</translation>
    </message>
    <message>
        <source>%1 is using %2.</source>
        <translation>%1 verwendet %2.</translation>
    </message>
    <message>
        <source>Initiator left</source>
        <translation>Initiator gegangen</translation>
    </message>
    <message numerus="yes">
        <source>%1 has not used %2 for %n second(s).</source>
        <translation>
            <numerusform>%1 hat %2 seit %n Sekunde nicht verwendet.</numerusform>
            <numerusform>%1 hat %2 seit %n Sekunden nicht verwendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Frames dropped</source>
        <translation>Frames verworfen</translation>
    </message>
    <message>
        <source>%1 dropped requests: all its buffers were busy. Initiators retransmit, but more buffers (-b) help.</source>
        <translation>%1 hat Anfragen verworfen: alle Puffer waren belegt. Initiatoren senden erneut, aber mehr Puffer (-b) helfen.</translation>
    </message>
    <message numerus="yes">
        <source>%1 dropped %n more request(s).</source>
        <translation>
            <numerusform>%1 hat %n weitere Anfrage verworfen.</numerusform>
            <numerusform>%1 hat %n weitere Anfragen verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors answered</source>
        <translation>Fehler beantwortet</translation>
    </message>
    <message numerus="yes">
        <source>%1 answered %n request(s) with an error.</source>
        <translation>
            <numerusform>%1 hat %n Anfrage mit einem Fehler beantwortet.</numerusform>
            <numerusform>%1 hat %n Anfragen mit einem Fehler beantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>The helper stopped</source>
        <translation>Der Helfer wurde beendet</translation>
    </message>
    <message>
        <source>qvblade&apos;s helper ended: nothing is served until it is started again.</source>
        <translation>Der Helfer von qvblade wurde beendet: nichts wird bereitgestellt, bis er wieder gestartet wird.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::RbdSourcePanel</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 lässt sich nicht lesen: %2.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Ceph &amp;configuration:</source>
        <translation>Ceph-&amp;Konfiguration:</translation>
    </message>
    <message>
        <source>The cluster&apos;s ceph.conf, e.g. /etc/ceph/ceph.conf</source>
        <translation>Die ceph.conf des Clusters, z. B. /etc/ceph/ceph.conf</translation>
    </message>
    <message>
        <source>Choose the cluster&apos;s configuration file</source>
        <translation>Die Konfigurationsdatei des Clusters wählen</translation>
    </message>
    <message>
        <source>Ceph configuration (*.conf);;All files (*)</source>
        <translation>Ceph-Konfiguration (*.conf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Keyring:</source>
        <translation>Ke&amp;yring:</translation>
    </message>
    <message>
        <source>A keyring with the user&apos;s key, e.g. /etc/ceph/ceph.client.admin.keyring</source>
        <translation>Ein Keyring mit dem Schlüssel des Benutzers, z. B. /etc/ceph/ceph.client.admin.keyring</translation>
    </message>
    <message>
        <source>Choose the keyring</source>
        <translation>Den Keyring wählen</translation>
    </message>
    <message>
        <source>Keyrings (*.keyring);;All files (*)</source>
        <translation>Keyrings (*.keyring);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Ceph user, without client.</source>
        <translation>Ceph-Benutzer, ohne client.</translation>
    </message>
    <message>
        <source>Ceph &amp;ID:</source>
        <translation>Ceph-&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation>&amp;RBD-Pool:</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>R&amp;BD image:</source>
        <translation>RB&amp;D-Image:</translation>
    </message>
    <message>
        <source>RBD image</source>
        <translation>RBD-Image</translation>
    </message>
    <message>
        <source>&amp;Snapshot:</source>
        <translation>&amp;Snapshot:</translation>
    </message>
    <message>
        <source>Snapshot (exported read-only)</source>
        <translation>Snapshot (schreibgeschützt freigegeben)</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>%1: the key of client.%2 is not a cephx key.</source>
        <translation>%1: Der Schlüssel von client.%2 ist kein cephx-Schlüssel.</translation>
    </message>
    <message>
        <source>Asking the cluster (%1)…</source>
        <translation>Der Cluster wird gefragt (%1) …</translation>
    </message>
    <message>
        <source>The cluster did not list its pools: %1.</source>
        <translation>Der Cluster hat seine Pools nicht aufgelistet: %1.</translation>
    </message>
    <message>
        <source>The cluster has no pools.</source>
        <translation>Der Cluster hat keine Pools.</translation>
    </message>
    <message>
        <source>This qvblade was built without Ceph RBD support.</source>
        <translation>Dieses qvblade wurde ohne Ceph-RBD-Unterstützung gebaut.</translation>
    </message>
    <message>
        <source>The cluster did not list the images: %1.</source>
        <translation>Der Cluster hat die Images nicht aufgelistet: %1.</translation>
    </message>
    <message>
        <source>Pool %1 has no RBD images.</source>
        <translation>Pool %1 enthält keine RBD-Images.</translation>
    </message>
    <message>
        <source>The cluster did not list the snapshots: %1.</source>
        <translation>Der Cluster hat die Snapshots nicht aufgelistet: %1.</translation>
    </message>
    <message>
        <source>None: the image itself</source>
        <translation>Keiner: das Image selbst</translation>
    </message>
    <message>
        <source>Choose the cluster&apos;s configuration file and a keyring.</source>
        <translation>Wählen Sie die Konfigurationsdatei des Clusters und einen Keyring.</translation>
    </message>
    <message>
        <source>Still asking the cluster; wait a moment.</source>
        <translation>Der Cluster wird noch gefragt; bitte einen Moment warten.</translation>
    </message>
    <message>
        <source>Choose a pool and an image.</source>
        <translation>Wählen Sie einen Pool und ein Image.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Wait until the OSD is back</source>
        <translation>Warten, bis das OSD zurück ist</translation>
    </message>
    <message>
        <source>OSD timeout in seconds, 0 to wait</source>
        <translation>OSD-Zeitlimit in Sekunden, 0 zum Warten</translation>
    </message>
    <message>
        <source>While an OSD does not answer, writes wait for it and the initiator retransmits. With a timeout they fail after it, and the initiator&apos;s file system sees I/O errors.</source>
        <translation>Solange ein OSD nicht antwortet, warten Schreibzugriffe darauf, und der Initiator wiederholt sie. Mit einem Zeitlimit schlagen sie danach fehl, und das Dateisystem des Initiators sieht E/A-Fehler.</translation>
    </message>
    <message>
        <source>Gi&amp;ve up on a silent OSD after:</source>
        <translation>Auf stummes OSD höchstens &amp;warten:</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::RestoreBanner</name>
    <message>
        <source>Re&amp;store</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Export them again</source>
        <translation>Erneut freigeben</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Do not restore the exports</source>
        <translation>Die Freigaben nicht wiederherstellen</translation>
    </message>
    <message>
        <source>Last time you exported %1. Export again?</source>
        <translation>Beim letzten Mal haben Sie %1 freigegeben. Erneut freigeben?</translation>
    </message>
    <message>
        <source>Some exports could not be restored:</source>
        <translation>Einige Freigaben ließen sich nicht wiederherstellen:</translation>
    </message>
    <message>
        <source>The helper exited while serving %1. Export again?</source>
        <translation>Der Helfer wurde beendet, während er %1 bediente. Erneut exportieren?</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::RmemBanner</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Raise the receive-buffer limit now</source>
        <translation>Das Empfangspuffer-Limit jetzt anheben</translation>
    </message>
    <message>
        <source>Make &amp;permanent</source>
        <translation>Dauerhaft ma&amp;chen</translation>
    </message>
    <message>
        <source>Keep the receive-buffer limit after a reboot</source>
        <translation>Das Empfangspuffer-Limit über einen Neustart hinaus behalten</translation>
    </message>
    <message>
        <source>To keep the limit after a reboot, run this as root (copied to the clipboard):</source>
        <translation>Damit das Limit einen Neustart übersteht, führen Sie als root aus (in die Zwischenablage kopiert):</translation>
    </message>
    <message>
        <source>Frames will be dropped on %1: the kernel&apos;s receive-buffer limit lets the socket hold %2 bytes, but the frames initiators may send at once need %3 bytes.</source>
        <translation type="vanished">Auf %1 gehen Frames verloren: Das Empfangspuffer-Limit des Kernels erlaubt dem Socket %2 Byte, die Frames, die Initiatoren auf einmal senden dürfen, brauchen aber %3 Byte.</translation>
    </message>
    <message>
        <source>now:    net.core.rmem_max = %1    net.core.rmem_default = %2
needed: net.core.rmem_max = %3    net.core.rmem_default = %3</source>
        <translation>jetzt:  net.core.rmem_max = %1    net.core.rmem_default = %2
nötig:  net.core.rmem_max = %3    net.core.rmem_default = %3</translation>
    </message>
    <message>
        <source>The helper is not running.</source>
        <translation>Der Helfer läuft nicht.</translation>
    </message>
    <message>
        <source>Frames will be dropped on %1: the kernel&apos;s receive-buffer limit lets the socket hold %2, but the frames initiators may send at once need %3.</source>
        <translation>Auf %1 gehen Frames verloren: Das Empfangspuffer-Limit des Kernels erlaubt dem Socket %2, die Frames, die Initiatoren auf einmal senden dürfen, brauchen aber %3.</translation>
    </message>
    <message>
        <source>(Linux doubles the size a socket asks for, to have room for its own bookkeeping, and charges each frame its whole in-kernel buffer: what a socket holds is not what net.core.rmem_max says.)</source>
        <translation>(Linux verdoppelt die Größe, die ein Socket anfordert, um Platz für die eigene Verwaltung zu haben, und rechnet jedem Frame seinen ganzen Kernel-Puffer an: Was ein Socket aufnimmt, ist nicht, was net.core.rmem_max angibt.)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::TeachingView</name>
    <message>
        <source>qvblade — Teaching view</source>
        <translation>qvblade — Lehransicht</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Frames</translation>
    </message>
    <message>
        <source>Filter: e.g. e9.0, READ, 52:54:00</source>
        <translation>Filter: z. B. e9.0, READ, 52:54:00</translation>
    </message>
    <message>
        <source>Filter frames</source>
        <translation>Frames filtern</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Pause the frame list</source>
        <translation>Die Frame-Liste anhalten</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Clear the frame list</source>
        <translation>Die Frame-Liste leeren</translation>
    </message>
    <message>
        <source>&amp;Save capture…</source>
        <translation type="vanished">Mitschnitt &amp;speichern …</translation>
    </message>
    <message>
        <source>Save a capture to a pcap file</source>
        <translation type="vanished">Einen Mitschnitt als pcap-Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Every AoE frame the helper receives (←) and sends (→). An initiator finds targets with Query Config, then reads and writes sectors with ATA commands; each reply echoes the request&apos;s tag.</source>
        <translation type="vanished">Jeder AoE-Frame, den der Helfer empfängt (←) und sendet (→). Ein Initiator findet Ziele mit Query Config und liest und schreibt dann Sektoren mit ATA-Befehlen; jede Antwort trägt das Tag der Anfrage.</translation>
    </message>
    <message>
        <source>This helper does not stream frames.</source>
        <translation>Dieser Helfer liefert keine Frames.</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Save capture</source>
        <translation type="vanished">Mitschnitt speichern</translation>
    </message>
    <message>
        <source>Packet captures (*.pcap)</source>
        <translation>Paketmitschnitte (*.pcap)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2.</source>
        <translation>%1 lässt sich nicht schreiben: %2.</translation>
    </message>
    <message>
        <source>Starting the capture…</source>
        <translation>Der Mitschnitt startet …</translation>
    </message>
    <message>
        <source>&amp;Stop capture</source>
        <translation>Mitschnitt &amp;beenden</translation>
    </message>
    <message>
        <source>Capturing every AoE frame to %1.</source>
        <translation>Jeder AoE-Frame wird in %1 mitgeschnitten.</translation>
    </message>
    <message>
        <source>The capture did not start: %1</source>
        <translation>Der Mitschnitt ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Saved %1. Open it with Wireshark, or: tshark -r %1</source>
        <translation>%1 gespeichert. Öffnen mit Wireshark oder: tshark -r %1</translation>
    </message>
    <message>
        <source>The capture could not be stopped cleanly: %1</source>
        <translation>Der Mitschnitt ließ sich nicht sauber beenden: %1</translation>
    </message>
    <message>
        <source>Why no frames are shown</source>
        <translation>Warum keine Frames angezeigt werden</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Decoded fields of the selected frame</source>
        <translation>Dekodierte Felder des gewählten Frames</translation>
    </message>
    <message>
        <source>The selected frame&apos;s bytes</source>
        <translation>Die Bytes des gewählten Frames</translation>
    </message>
    <message>
        <source>Select a frame to see its fields and bytes.</source>
        <translation>Wählen Sie einen Frame, um seine Felder und Bytes zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Go to request</source>
        <translation>&amp;Zur Anfrage</translation>
    </message>
    <message>
        <source>Select the request this reply answers</source>
        <translation>Die Anfrage auswählen, die diese Antwort beantwortet</translation>
    </message>
    <message>
        <source>Capture &amp;everything…</source>
        <translation>Alles &amp;mitschneiden …</translation>
    </message>
    <message>
        <source>Capture every AoE frame to a pcap file, not sampled</source>
        <translation>Jeden AoE-Frame in eine pcap-Datei mitschneiden, ohne Stichprobe</translation>
    </message>
    <message>
        <source>The list shows a sample; a capture file keeps every frame (open it with Wireshark)</source>
        <translation>Die Liste zeigt eine Stichprobe; ein Mitschnitt behält jeden Frame (öffnen Sie ihn mit Wireshark)</translation>
    </message>
    <message>
        <source>The helper shows at most 50 frames a second.</source>
        <translation>Der Helfer zeigt höchstens 50 Frames pro Sekunde.</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>The AoE frames the helper receives (←) and sends (→). An initiator finds targets with Query Config, then reads and writes sectors with ATA commands; each reply echoes the request&apos;s tag. Select a frame to see its fields.</source>
        <translation>Die AoE-Frames, die der Helfer empfängt (←) und sendet (→). Ein Initiator findet Targets mit Query Config und liest und schreibt dann Sektoren mit ATA-Befehlen; jede Antwort wiederholt das Tag der Anfrage. Wählen Sie einen Frame, um seine Felder zu sehen.</translation>
    </message>
    <message>
        <source>Capture everything</source>
        <translation>Alles mitschneiden</translation>
    </message>
    <message>
        <source>This helper does not stream frames. “Capture everything…” still writes them to a file.</source>
        <translation>Dieser Helfer sendet keine Frames. „Alles mitschneiden …“ schreibt sie trotzdem in eine Datei.</translation>
    </message>
    <message>
        <source>The helper is not running, so no frames can be shown. Start it from the main window.</source>
        <translation>Der Helfer läuft nicht, daher können keine Frames angezeigt werden. Starten Sie ihn im Hauptfenster.</translation>
    </message>
    <message>
        <source>Waiting for your authorisation to start the helper…</source>
        <translation>Warte auf Ihre Berechtigung, den Helfer zu starten …</translation>
    </message>
    <message>
        <source>The authorisation was refused (polkit), so the helper is not running and no frames can be shown.</source>
        <translation>Die Berechtigung wurde verweigert (polkit), daher läuft der Helfer nicht und es können keine Frames angezeigt werden.</translation>
    </message>
    <message>
        <source>The helper refused to show you its frames: %1</source>
        <translation>Der Helfer verweigert Ihnen seine Frames: %1</translation>
    </message>
    <message>
        <source>Not subscribed yet: asking the helper for its frames…</source>
        <translation>Noch nicht abonniert: Der Helfer wird um seine Frames gebeten …</translation>
    </message>
    <message>
        <source>Paused: frames that arrive now are not kept.</source>
        <translation>Angehalten: Frames, die jetzt ankommen, werden nicht behalten.</translation>
    </message>
    <message>
        <source>Nothing on the wire yet: no AoE frame has reached or left an export. Start an initiator (for example: sudo aoe-discover) or “Try it on this computer”.</source>
        <translation>Noch nichts auf der Leitung: Kein AoE-Frame hat eine Freigabe erreicht oder verlassen. Starten Sie einen Initiator (zum Beispiel: sudo aoe-discover) oder „Auf diesem Computer ausprobieren“.</translation>
    </message>
    <message>
        <source>No frames on the wire at the moment (the list shows at most 50 a second).</source>
        <translation>Zurzeit keine Frames auf der Leitung (die Liste zeigt höchstens 50 pro Sekunde).</translation>
    </message>
    <message>
        <source>Showing all %1 frames/s (at most 50 a second are shown).</source>
        <translation>Alle %1 Frames/s werden gezeigt (höchstens 50 pro Sekunde).</translation>
    </message>
    <message>
        <source>Showing %1 of %2 frames/s: a sample. “Capture everything…” keeps every frame.</source>
        <translation>%1 von %2 Frames/s werden gezeigt: eine Stichprobe. „Alles mitschneiden …“ behält jeden Frame.</translation>
    </message>
    <message>
        <source>This helper sends no frame bytes (it is older than this qvblade): only the summary is shown.</source>
        <translation>Dieser Helfer sendet keine Frame-Bytes (er ist älter als dieses qvblade): Nur die Zusammenfassung wird gezeigt.</translation>
    </message>
    <message>
        <source>Reply to the request at %1; round trip %2.</source>
        <translation>Antwort auf die Anfrage um %1; Umlaufzeit %2.</translation>
    </message>
    <message>
        <source>Reply; its request has scrolled out of the list (round trip %1).</source>
        <translation>Antwort; ihre Anfrage ist aus der Liste gerollt (Umlaufzeit %1).</translation>
    </message>
    <message>
        <source>Reply; its request is not in the list (sampled out, or sent before the view opened).</source>
        <translation>Antwort; ihre Anfrage ist nicht in der Liste (nicht in der Stichprobe, oder vor dem Öffnen der Ansicht gesendet).</translation>
    </message>
    <message>
        <source>Request; the reply echoes its tag 0x%1.</source>
        <translation>Anfrage; die Antwort wiederholt ihr Tag 0x%1.</translation>
    </message>
    <message>
        <source>The frame is truncated: it ends before its fields do.</source>
        <translation>Der Frame ist abgeschnitten: Er endet vor seinen Feldern.</translation>
    </message>
    <message>
        <source>Only its first %1 bytes are shown.</source>
        <translation>Nur seine ersten %1 Bytes werden gezeigt.</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::ThroughputGraph</name>
    <message>
        <source>Throughput of the selected export</source>
        <translation>Durchsatz der ausgewählten Freigabe</translation>
    </message>
    <message>
        <source>Select an export to see its throughput.</source>
        <translation>Wählen Sie eine Freigabe, um ihren Durchsatz zu sehen.</translation>
    </message>
    <message>
        <source>%1: %2 MB/s now, %3 MB/s peak (last %4 s)</source>
        <translation type="vanished">%1: jetzt %2 MB/s, Spitze %3 MB/s (letzte %4 s)</translation>
    </message>
    <message>
        <source>%1: read %2 MB/s, write %3 MB/s now</source>
        <translation>%1: jetzt %2 MB/s gelesen, %3 MB/s geschrieben</translation>
    </message>
    <message>
        <source>%1: %2 MB/s now</source>
        <translation>%1: jetzt %2 MB/s</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/s</translation>
    </message>
    <message>
        <source>−%1 s</source>
        <translation>−%1 s</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>qvblade::gui::TrayIcon</name>
    <message>
        <source>qvblade: %1</source>
        <translation>qvblade: %1</translation>
    </message>
    <message>
        <source>qvblade: nothing exported</source>
        <translation>qvblade: nichts freigegeben</translation>
    </message>
    <message>
        <source>qvblade: %1 of %2 exports serving, %3 initiators, %4 MB/s</source>
        <translation type="vanished">qvblade: %1 von %2 Freigaben aktiv, %3 Initiatoren, %4 MB/s</translation>
    </message>
    <message>
        <source>Receive buffer too small: frames may be dropped</source>
        <translation>Empfangspuffer zu klein: Frames können verloren gehen</translation>
    </message>
    <message>
        <source>%1 frames dropped</source>
        <translation type="vanished">%1 Frames verworfen</translation>
    </message>
    <message>
        <source>&amp;Hide qvblade</source>
        <translation>qvblade &amp;verbergen</translation>
    </message>
    <message>
        <source>&amp;Show qvblade</source>
        <translation>qvblade &amp;zeigen</translation>
    </message>
    <message>
        <source>Nothing exported</source>
        <translation>Nichts freigegeben</translation>
    </message>
    <message>
        <source>Pause %1</source>
        <translation>%1 anhalten</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>%1 fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Export disk image…</source>
        <translation>Disk-Image &amp;freigeben …</translation>
    </message>
    <message>
        <source>&amp;Quit…</source>
        <translation>&amp;Beenden …</translation>
    </message>
    <message>
        <source>Demo running (%1): stop it from the File menu or here</source>
        <translation>Demo läuft (%1): Beenden im Menü „Datei“ oder hier</translation>
    </message>
    <message>
        <source>qvblade keeps running here, and the helper goes on serving your exports. Click this icon to show the window again; “Quit” in its menu ends qvblade.</source>
        <translation>qvblade läuft hier weiter, und der Helfer bedient Ihre Freigaben weiter. Ein Klick auf dieses Symbol zeigt das Fenster wieder; „Beenden“ in seinem Menü beendet qvblade.</translation>
    </message>
    <message>
        <source>qvblade is still running</source>
        <translation>qvblade läuft weiter</translation>
    </message>
    <message>
        <source>qvblade: %1, %2 serving, %3, %4 MB/s</source>
        <translation>qvblade: %1, %2 aktiv, %3, %4 MB/s</translation>
    </message>
    <message numerus="yes">
        <source>%n export(s)</source>
        <translation>
            <numerusform>%n Freigabe</numerusform>
            <numerusform>%n Freigaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n initiator(s)</source>
        <translation>
            <numerusform>%n Initiator</numerusform>
            <numerusform>%n Initiatoren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 frame(s) dropped</source>
        <translation>
            <numerusform>%1 Frame verworfen</numerusform>
            <numerusform>%1 Frames verworfen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>Be&amp;nachrichtigungen</translation>
    </message>
</context>
</TS>
