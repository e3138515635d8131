// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/export_target.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/storage_identity.h"

namespace qvblade {

using namespace aoe;

namespace {

std::string hostName() {
    char h[64] = {};
    ::gethostname(h, sizeof h - 1);
    return h;
}

}  // namespace

ExportTarget::ExportTarget(ExportSettings settings, std::unique_ptr<BackingStore> store)
    : settings_(std::move(settings)), store_(std::move(store)) {
    identity_.serial = std::to_string(settings_.shelf) + "." + std::to_string(settings_.slot) + ":" + hostName();
    identity_.serial.resize(std::min<size_t>(identity_.serial.size(), 20));
    identity_.firmware = "V25";
    identity_.sectors = store_->sectors();
    for (const MacAddress& m : settings_.allowedMacs) masks_.add(m);
    config_.set(settings_.configString);
}

std::string ExportTarget::name() const {
    return "e" + std::to_string(settings_.shelf) + "." + std::to_string(settings_.slot);
}

bool ExportTarget::setReadOnly(bool readOnly, std::string& error) {
    if (!store_->setReadOnly(readOnly, error)) return false;
    settings_.store.readOnly = readOnly;
    return true;
}

bool ExportTarget::setAllowedMacs(const std::vector<MacAddress>& macs, std::string& error) {
    if (macs.size() > masks_.capacity()) {
        error = "a Mac Mask List holds at most " + std::to_string(masks_.capacity()) + " addresses";
        return false;
    }
    masks_.clear();
    for (const MacAddress& m : macs) masks_.add(m);
    settings_.allowedMacs = masks_.entries();   // duplicates once
    return true;
}

ConfigAdvert ExportTarget::advert(const PortContext& port) const {
    return {settings_.bufferCount, kFirmwareVersion, uint8_t(port.maxSectors)};
}

Outcome ExportTarget::handle(const uint8_t* req, size_t length, const PortContext& port, uint8_t* reply) {
    Outcome out;
    const HeaderView h{req};
    const MacAddress source = h.source();
    if (!masks_.permits(source)) {
        bump(counters_.maskRefused);
        return out;  // Drop: a masked-out initiator must not even learn the export exists
    }
    bump(counters_.framesIn);
    bump(counters_.bytesIn, length);
    counters_.noteInitiator(source);

    // The reply starts as a copy of the request's fixed part; handlers overwrite what changes.
    std::memcpy(reply, req, std::min<size_t>(length, off::kAtaData));
    Error error = Error::None;
    size_t replyLength = off::kArg;
    if (h.version() != kVersion) {
        error = Error::UnsupportedVersion;
    } else {
        switch (Command(h.command())) {
        case Command::Ata:
            if (length < kMinAtaRequest) return out;
            if (req[off::kAtaCmdStatus] != ata::kIdentifyDevice && !reservations_.permits(source)) {
                error = Error::TargetReserved;
                replyLength = kMinAtaRequest;
                break;
            }
            replyLength = handleAta(req, length, port, reply, out);
            if (out.action != Outcome::Action::Reply) {
                makeResponseHeader(reply, port.mac, settings_.shelf, settings_.slot);
                return out;
            }
            break;
        case Command::QueryConfig:
            if (length < kMinConfigRequest) return out;
            replyLength = config_.handle(req, length, reply, advert(port), error);
            if (replyLength == 0) return out;  // a failed test is answered with silence
            break;
        case Command::MacMask:
            if (length < kMinMaskRequest) return out;
            replyLength = handleMaskRequest(masks_, req, length, reply, error);
            break;
        case Command::ReserveRelease:
            if (length < kMinReserveRequest) return out;
            replyLength = handleReserveRequest(reservations_, source, req, length, reply, error);
            break;
        case Command::StorageId:
            // Only a shared export says which storage it serves (core/storage_identity.h).
            if (settings_.allowSharedAddress && !store_->storageId().empty() && isStorageIdFrame(req, length)) {
                replyLength = writeStorageIdResponse(reply, store_->storageId());
                break;
            }
            error = Error::UnrecognizedCommand;
            break;
        default:
            error = Error::UnrecognizedCommand;
            break;
        }
    }
    if (error != Error::None) bump(counters_.aoeErrors[size_t(error)]);
    makeResponseHeader(reply, port.mac, settings_.shelf, settings_.slot, error);
    out.action = Outcome::Action::Reply;
    out.replyLength = replyLength;
    return out;
}

size_t ExportTarget::ataFailure(uint8_t* reply, uint8_t errorBits) {
    bump(counters_.ataErrors);
    ata::setFailure(reply, errorBits);
    return kMinAtaRequest;
}

size_t ExportTarget::handleAta(const uint8_t* req, size_t length, const PortContext& port, uint8_t* reply,
                               Outcome& out) {
    const ata::Request r = ata::decode(req, length, port.maxSectors);
    out.action = Outcome::Action::Reply;
    switch (r.kind) {
    case ata::Request::Kind::Identify:
        if (port.maxSectors < 1) return ataFailure(reply, ata::kErrAbrt);
        ata::buildIdentify(reply + off::kAtaData, identity_);
        reply[off::kAtaErrFeature] = 0;
        reply[off::kAtaCmdStatus] = ata::kStatusDrdy;
        reply[off::kAtaSectors] = 0;
        return off::kAtaData + 512;
    case ata::Request::Kind::CheckPowerMode:
        reply[off::kAtaErrFeature] = 0;
        reply[off::kAtaCmdStatus] = ata::kStatusDrdy;
        reply[off::kAtaSectors] = 0xFF;  // active or idle
        return kMinAtaRequest;
    case ata::Request::Kind::Flush:
        out.action = Outcome::Action::Flush;
        return kMinAtaRequest;
    case ata::Request::Kind::Unsupported:
    case ata::Request::Kind::Malformed:
        return ataFailure(reply, ata::kErrAbrt);
    case ata::Request::Kind::Read:
    case ata::Request::Kind::Write:
        break;
    }
    if (r.lba + r.sectors > store_->sectors() || r.lba + r.sectors < r.lba)
        return ataFailure(reply, ata::kErrIdnf);
    const bool write = r.kind == ata::Request::Kind::Write;
    if (write && store_->options().readOnly) return ataFailure(reply, ata::kErrAbrt);
    out.action = write ? Outcome::Action::Write : Outcome::Action::Read;
    out.fileOffset = store_->byteOffset(r.lba);
    out.bytes = r.sectors * ata::kSectorSize;
    return kMinAtaRequest;
}

size_t ExportTarget::complete(uint8_t* reply, const Outcome& outcome, int result) {
    switch (outcome.action) {
    case Outcome::Action::Flush:
        bump(counters_.flushes);
        if (result < 0) {
            bump(counters_.ioErrors);
            return ataFailure(reply, ata::kErrAbrt);
        }
        reply[off::kAtaErrFeature] = 0;
        reply[off::kAtaCmdStatus] = ata::kStatusDrdy;
        return kMinAtaRequest;
    case Outcome::Action::Read:
    case Outcome::Action::Write: {
        const bool write = outcome.action == Outcome::Action::Write;
        if (result != int(outcome.bytes)) {
            // A short transfer is a media error: the initiator fails the I/O instead of retrying forever.
            bump(counters_.ioErrors);
            return ataFailure(reply, ata::kErrAbrt);
        }
        const uint32_t sectors = outcome.bytes / ata::kSectorSize;
        ata::setSuccess(reply, sectors);
        bump(write ? counters_.ataWrites : counters_.ataReads);
        bump(write ? counters_.sectorsWritten : counters_.sectorsRead, sectors);
        return write ? kMinAtaRequest : kMinAtaRequest + outcome.bytes;
    }
    default:
        return outcome.replyLength;
    }
}

size_t ExportTarget::failCompletedRead(uint8_t* reply, const Outcome& outcome) {
    const uint32_t sectors = outcome.bytes / ata::kSectorSize;
    counters_.ataReads.fetch_sub(1, std::memory_order_relaxed);
    counters_.sectorsRead.fetch_sub(sectors, std::memory_order_relaxed);
    ata::undoSuccess(reply, sectors);
    return complete(reply, outcome, -EFAULT);
}

size_t ExportTarget::buildAnnouncement(uint8_t* frame, const PortContext& port, const MacAddress& destination) const {
    writeHeader(frame, destination, port.mac, kFlagResponse, Error::None, settings_.shelf, settings_.slot,
                Command::QueryConfig, 0);
    return config_.writeReply(frame, advert(port), uint8_t(ConfigCmd::Read));
}

std::vector<MacAddress> ExportTarget::announcementTargets() const {
    if (masks_.entries().empty()) return {MacAddress::broadcast()};
    return masks_.entries();
}

}  // namespace qvblade
