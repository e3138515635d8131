// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rbd_spec.h"

namespace qvblade {

std::optional<RbdSpec> parseRbdPath(const std::string& path, std::string& error) {
    const auto bad = [&](const std::string& why) -> std::optional<RbdSpec> {
        error = path + ": " + why + " (rbd:POOL/IMAGE or rbd:POOL/IMAGE@SNAPSHOT)";
        return std::nullopt;
    };
    if (!isRbdPath(path)) return bad("not an RBD image name");
    const std::string rest = path.substr(4);
    const size_t slash = rest.find('/');
    if (slash == std::string::npos) return bad("no pool given");
    RbdSpec spec;
    spec.pool = rest.substr(0, slash);
    std::string image = rest.substr(slash + 1);
    // Ceph's own rbd tool takes POOL/NAMESPACE/IMAGE; namespaces are not supported here.
    if (image.find('/') != std::string::npos) return bad("pool namespaces are not supported");
    const size_t at = image.find('@');
    if (at != std::string::npos) {
        spec.snapshot = image.substr(at + 1);
        image.resize(at);
        if (spec.snapshot.empty()) return bad("empty snapshot name after @");
    }
    spec.image = image;
    if (spec.pool.empty()) return bad("empty pool name");
    if (spec.image.empty()) return bad("empty image name");
    return spec;
}

}  // namespace qvblade
