// SPDX-License-Identifier: GPL-2.0-or-later
// Reading a Ceph configuration file and keyring the way the GUI needs them (docs/rbd.md, "In the
// GUI"): the GUI reads the files as the user and hands the helper values, never paths. Only what
// an export needs: the monitor addresses for client.ID, and client.ID's key. Plain text, no librados.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qvblade {

// The monitors of ceph.conf text as librados' mon_host takes them: `mon_host` (also written
// `mon host` or `mon-host`) from [client.ID], else [client], else [global]; failing that, the
// `mon_addr` of every [mon.NAME] section, joined with ','. nullopt and a sentence when there is none.
std::optional<std::string> cephMonHost(const std::string& confText, const std::string& id, std::string& error);

// The `key` of [client.ID] in keyring text; nullopt and a sentence (naming the sections the
// keyring has, never a key) when it has none or a malformed one.
std::optional<std::string> cephKeyringKey(const std::string& keyringText, const std::string& id, std::string& error);

// The client names in a keyring ("admin" for [client.admin]), in file order.
std::vector<std::string> cephKeyringClients(const std::string& keyringText);

// True when `key` is a well-formed cephx secret: base64 (padded, no spaces) of a 12-byte header
// and the secret (16 bytes for AES, the only kind Ceph makes), as `ceph auth get-key` prints it.
bool isCephKey(const std::string& key);

}  // namespace qvblade
