// SPDX-License-Identifier: GPL-2.0-or-later
// Whole-range pread/pwrite: retried on short transfers and EINTR.
#pragma once

#include <cstddef>
#include <cstdint>

struct iovec;

namespace qvblade {

// Return the bytes transferred (less than `len` only at end of file), or -errno.
int readFully(int fd, void* buf, size_t len, uint64_t offset);
int writeFully(int fd, const void* buf, size_t len, uint64_t offset);
// The buffers of `iov` one after another from `offset` on (pwritev, resumed after a short write).
int writevFully(int fd, const iovec* iov, int count, uint64_t offset);

}  // namespace qvblade
