// SPDX-License-Identifier: GPL-2.0-or-later
// What a Ceph cluster offers to export, for the GUI's export dialog (docs/rbd.md, "In the GUI"):
// its pools, a pool's RBD images, an image's snapshots. Each call connects as `ceph` says (the
// GUI passes values it read from the user's files: nothing here runs as root) and blocks for up
// to the mount timeout (and 10 s per OSD operation when `ceph` sets no OSD timeout): call it off
// the UI thread.
#pragma once

#include <string>
#include <vector>

#include "core/rbd_spec.h"

namespace qvblade {

// Sorted names; false and one sentence in `error` (never the key) when the cluster cannot say.
bool listCephPools(const CephSettings& ceph, std::vector<std::string>& pools, std::string& error);
bool listRbdImages(const CephSettings& ceph, const std::string& pool, std::vector<std::string>& images, std::string& error);
bool listRbdSnapshots(const CephSettings& ceph, const std::string& pool, const std::string& image,
                      std::vector<std::string>& snapshots, std::string& error);

}  // namespace qvblade
