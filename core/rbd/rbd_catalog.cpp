// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/rbd/rbd_catalog.h"

#include <rbd/librbd.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/rbd/rbd_cluster.h"

namespace qvblade {

namespace {

struct Cluster {
    rados_t handle = nullptr;
    rados_ioctx_t ioctx = nullptr;
    ~Cluster() {
        if (ioctx) rados_ioctx_destroy(ioctx);
        if (handle) rados_shutdown(handle);
    }
};

bool openPool(Cluster& c, const CephSettings& ceph, const std::string& pool, std::string& error) {
    if (c.handle = connectCephCluster(ceph, error); !c.handle) return false;
    if (int r = rados_ioctx_create(c.handle, pool.c_str(), &c.ioctx); r < 0) {
        c.ioctx = nullptr;
        error = r == -ENOENT ? "no such pool '" + pool + "'" : "cannot open pool '" + pool + "': " + std::strerror(-r);
        return false;
    }
    return true;
}

}  // namespace

bool listCephPools(const CephSettings& ceph, std::vector<std::string>& pools, std::string& error) {
    Cluster c;
    if (c.handle = connectCephCluster(ceph, error); !c.handle) return false;
    std::vector<char> buf(4096);
    int r;
    while ((r = rados_pool_list(c.handle, buf.data(), buf.size())) > int(buf.size())) buf.resize(size_t(r));
    if (r < 0) {
        error = "cannot list the cluster's pools: " + osdErrorText(r, ceph);
        return false;
    }
    pools.clear();
    // "a\0b\0\0"
    for (const char* p = buf.data(); p < buf.data() + r && *p; p += std::strlen(p) + 1) pools.emplace_back(p);
    std::sort(pools.begin(), pools.end());
    return true;
}

bool listRbdImages(const CephSettings& ceph, const std::string& pool, std::vector<std::string>& images, std::string& error) {
    Cluster c;
    if (!openPool(c, ceph, pool, error)) return false;
    std::vector<rbd_image_spec_t> specs(64);
    size_t count = specs.size();
    int r;
    while ((r = rbd_list2(c.ioctx, specs.data(), &count)) == -ERANGE) specs.resize(count);
    if (r < 0) {
        error = "cannot list the images in pool '" + pool + "': " + osdErrorText(r, ceph);
        return false;
    }
    images.clear();
    for (size_t i = 0; i < count; ++i) images.emplace_back(specs[i].name);
    rbd_image_spec_list_cleanup(specs.data(), count);
    std::sort(images.begin(), images.end());
    return true;
}

bool listRbdSnapshots(const CephSettings& ceph, const std::string& pool, const std::string& image,
                      std::vector<std::string>& snapshots, std::string& error) {
    Cluster c;
    if (!openPool(c, ceph, pool, error)) return false;
    rbd_image_t img = nullptr;
    if (int r = rbd_open_read_only(c.ioctx, image.c_str(), &img, nullptr); r < 0) {
        error = r == -ENOENT ? "no such image '" + image + "' in pool '" + pool + "'"
                             : "cannot open image '" + image + "': " + osdErrorText(r, ceph);
        return false;
    }
    std::vector<rbd_snap_info_t> snaps(16);
    int max = int(snaps.size()), r;
    while ((r = rbd_snap_list(img, snaps.data(), &max)) == -ERANGE) snaps.resize(size_t(max));
    if (r < 0) {
        rbd_close(img);
        error = "cannot list the snapshots of '" + image + "': " + osdErrorText(r, ceph);
        return false;
    }
    snapshots.clear();
    for (int i = 0; i < r; ++i) snapshots.emplace_back(snaps[size_t(i)].name);
    rbd_snap_list_end(snaps.data());
    rbd_close(img);
    return true;
}

}  // namespace qvblade
