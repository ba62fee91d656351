#pragma once
/// DKIM verification ([RFC 6376] 6.1, [RFC 8463]) of the signatures of one message, with keys
/// from a DkimKeyResolver, and its report: facts, findings and anomalies on the message.
#include <cstdint>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/message_info.h"
#include "detect/dkim_keys.h"
#include "detect/dkim_tags.h"

namespace lg {

constexpr std::size_t kMaxDkimSignatures = 8;  // signatures verified per message

enum class DkimStatus {
  kPass,               // body hash and signature verified
  kBodyHashMismatch,   // bh= differs from the body's hash
  kSignatureMismatch,  // body hash fine, the signature does not verify with the key
  kUnchecked,          // body hash fine; no resolver, so the signature was not checked
  kNoKey,              // the key record does not exist
  kKeyRevoked,         // the key record has an empty p=
  kTempError,          // the key could not be fetched now
  kPermError,          // unusable signature or key record (detail says why)
};
const char* dkim_status_name(DkimStatus s);

struct DkimVerdict {
  DkimStatus status = DkimStatus::kPermError;
  std::string domain;    // d=, "" when the signature did not parse
  std::string selector;  // s=
  std::string algorithm;
  std::string detail;    // why, for anything but a pass
  bool testing = false;  // the key says t=y
  /// l= was given and the canonical body is longer: the rest was not signed.
  bool unsigned_tail = false;
  std::uint64_t body_length = 0;  // canonical body length (for the signature's c=)
  std::uint64_t signed_body_length = 0;
};

/// Verifies each DKIM-Signature field of `info` (the first kMaxDkimSignatures), in header
/// order. `keys` may be null: body hashes are still checked, signatures are not (kUnchecked).
std::vector<DkimVerdict> verify_dkim(const MessageInfo& info, const DkimKeyResolver* keys);

/// Verifies and reports: fact "dkim" (one line per signature), DKIM_BODY_MODIFIED,
/// DKIM_SIGNATURE_INVALID, DKIM_UNSIGNED_BODY_TAIL (also an anomaly), and DKIM_VALID_ALIGNED
/// for a pass whose d= has the From address's organizational domain `from_org` (not for
/// testing keys). Nothing is reported for a message without signatures.
void check_dkim(const MessageInfo& info, const DkimKeyResolver* keys, std::string_view from_org,
                Context& ctx);

}  // namespace lg
