// The file or block device behind an export: opened once, sized once, addressed in sectors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace qvblade {

struct StoreOptions {
    bool readOnly = false;
    bool direct = false;          // O_DIRECT: buffers and offsets must be aligned
    bool sync = false;            // O_SYNC: every write is durable before it is acknowledged
    uint64_t offsetSectors = 0;   // first sector of the file that is exported
    uint64_t lengthSectors = 0;   // sectors exported; 0 means up to the end of the file
};

class BackingStore {
public:
    ~BackingStore();
    BackingStore(const BackingStore&) = delete;
    BackingStore& operator=(const BackingStore&) = delete;

    // Opens `path` with the options' mode. Never creates or truncates. On failure returns
    // nullptr and one sentence in `error`.
    static std::unique_ptr<BackingStore> open(const std::string& path, const StoreOptions& options,
                                              std::string& error);
    // Takes ownership of an already open descriptor (passed by a client) after checking that it
    // is a regular file or block device opened with a mode that fits the options.
    static std::unique_ptr<BackingStore> adopt(int fd, const std::string& displayName, const StoreOptions& options,
                                               std::string& error);

    int fd() const { return fd_; }
    const std::string& name() const { return name_; }
    const StoreOptions& options() const { return options_; }
    uint64_t sectors() const { return sectors_; }              // exported sectors
    uint64_t fileSectors() const { return fileSectors_; }      // whole file or device
    bool isBlockDevice() const { return blockDevice_; }
    // Byte position in the file of exported sector `lba`.
    uint64_t byteOffset(uint64_t lba) const { return (options_.offsetSectors + lba) * 512; }
    // Flushes written data to stable storage; false with errno on failure.
    bool flush();

private:
    BackingStore() = default;
    bool init(int fd, const std::string& name, const StoreOptions& options, std::string& error);

    int fd_ = -1;
    std::string name_;
    StoreOptions options_;
    uint64_t sectors_ = 0;
    uint64_t fileSectors_ = 0;
    bool blockDevice_ = false;
};

}  // namespace qvblade
