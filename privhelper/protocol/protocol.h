// SPDX-License-Identifier: GPL-2.0-or-later
// qvblade helper protocol, version 1 (docs/protocol.md): constants shared by the helper and its
// clients. Framing and descriptor passing are in message_io.h, the client in helper_client.h.
#pragma once

#include <cstddef>

namespace qvblade::helper {

constexpr int kProtocolVersion = 1;
// Hard limit of one message's JSON body. Large enough for hundreds of exports in one reply,
// small enough that a hostile client cannot make the root helper buffer much.
constexpr size_t kMaxMessageBytes = 64 * 1024;
// Descriptors accepted with one message (add-export and start-capture need one); any more are
// closed on arrival.
constexpr int kMaxFdsPerMessage = 4;

// The default service socket (mode 0666 in a root-owned 0755 directory).
constexpr const char* kDefaultSocketPath = "/run/qvblade/helper.sock";

// Error codes of replies ({"id":N,"error":{"code":..,"message":..}}).
namespace err {
constexpr const char* kBadMessage = "bad-message";           // not a JSON object, no usable id, empty
constexpr const char* kTooLarge = "too-large";               // over kMaxMessageBytes
constexpr const char* kHelloRequired = "hello-required";     // a request before the hello exchange
constexpr const char* kUnsupportedVersion = "unsupported-version";
constexpr const char* kUnknownRequest = "unknown-request";
constexpr const char* kInvalidArgument = "invalid-argument"; // a field missing, of the wrong type or out of range
constexpr const char* kBadFd = "bad-fd";                     // descriptor missing or of the wrong kind or mode
constexpr const char* kNotAuthorized = "not-authorized";     // polkit (or the pkexec owner check) said no
constexpr const char* kNotFound = "not-found";               // no such export / capture
constexpr const char* kExists = "exists";                    // shelf.slot already exported, capture already running
constexpr const char* kBusy = "busy";                        // too many connections (sent with id null, then closed)
constexpr const char* kLimitReached = "limit-reached";       // this user's export limit, or the helper's descriptors
constexpr const char* kFailed = "failed";                    // the engine or the system refused (sentence says why)
constexpr const char* kAddressTaken = "address-taken";       // add-export: another target answers for shelf.slot
}  // namespace err

// polkit action ids (resources/polkit/org.qvblade.policy.in).
namespace action {
constexpr const char* kManageExports = "org.qvblade.manage-exports";
constexpr const char* kSetRmem = "org.qvblade.set-rmem";
constexpr const char* kCapture = "org.qvblade.capture";
// Remove, pause, resume or change an export another user added (auth_admin).
constexpr const char* kManageAnyExport = "org.qvblade.manage-any-export";
// start-demo: a private network namespace, a veth pair and an export on it (no real interface).
constexpr const char* kDemo = "org.qvblade.demo";
// enable-boot-export, disable-boot-export: /etc/qvblade/NAME.conf and qvblade-export@NAME.service,
// which root serves at every boot (auth_admin_keep).
constexpr const char* kBootExports = "org.qvblade.boot-exports";
}  // namespace action

}  // namespace qvblade::helper
