// SPDX-License-Identifier: GPL-2.0-or-later
// A temporary image file for tests.
#pragma once

#include <QTemporaryDir>

#include <fstream>
#include <string>
#include <vector>

namespace qvblade::test {

class TempImage {
public:
    explicit TempImage(size_t bytes, const std::string& name = "disk.img") {
        path_ = dir_.filePath(QString::fromStdString(name)).toStdString();
        std::ofstream f(path_, std::ios::binary);
        std::vector<char> zeros(bytes, 0);
        f.write(zeros.data(), long(zeros.size()));
    }
    const std::string& path() const { return path_; }
    std::string dir() const { return dir_.path().toStdString(); }
    std::vector<uint8_t> read(size_t offset, size_t bytes) const {
        std::ifstream f(path_, std::ios::binary);
        f.seekg(long(offset));
        std::vector<uint8_t> v(bytes);
        f.read(reinterpret_cast<char*>(v.data()), long(bytes));
        return v;
    }
    void write(size_t offset, const std::vector<uint8_t>& data) const {
        std::fstream f(path_, std::ios::binary | std::ios::in | std::ios::out);
        f.seekp(long(offset));
        f.write(reinterpret_cast<const char*>(data.data()), long(data.size()));
    }

private:
    QTemporaryDir dir_;
    std::string path_;
};

}  // namespace qvblade::test
