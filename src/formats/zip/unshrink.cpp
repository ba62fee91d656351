// Shrink (APPNOTE 5.1): LZW with LSB-first codes of 9 bits growing to 13, literals 0-255,
// new strings from code 257 up. Code 256 escapes a control code: 1 widens the codes by one
// bit, 2 is a partial clear, which frees every string no other string extends (a leaf); new
// strings then take the lowest free codes again. A code not defined yet is the KwKwK case:
// the previous string plus its own first byte. Decoded as Info-ZIP's unshrink.c does.
#include <algorithm>
#include <array>
#include <memory>
#include <vector>

#include "core/bit_reader.h"
#include "core/lz_output.h"
#include "formats/zip/legacy_methods.h"

namespace lg::zip {
namespace {

constexpr unsigned kMinBits = 9;
constexpr unsigned kMaxBits = 13;
constexpr std::size_t kCodes = std::size_t{1} << kMaxBits;
constexpr std::uint32_t kEscape = 256;
constexpr std::uint32_t kFirstFree = 257;
// Partial clears walk the whole table; this many per input KiB (plus a few) are allowed,
// about nine times what a real shrinker can send (one per table fill, at least 9 KiB).
constexpr std::size_t kClearsPerKib = 1;
constexpr std::size_t kMinClears = 16;

class Unshrinker {
 public:
  Unshrinker(ByteView in, LzOutput& out)
      : bits_(in), out_(out), clears_left_(kMinClears + in.size() / 1024 * kClearsPerKib) {
    for (std::uint32_t c = 0; c < kCodes; ++c) {
      parent_[c] = 0;
      value_[c] = static_cast<std::uint8_t>(c);
      free_[c] = c >= kFirstFree;
    }
  }

  // False on damage.
  bool run(std::uint64_t size) {
    if (size == 0) return true;
    std::uint32_t old = bits_.bits(kMinBits);
    if (bits_.overrun()) return false;
    if (old >= kEscape) return false;
    out_.put(static_cast<std::uint8_t>(old));
    while (out_.size() < size && !out_.stopped()) {
      std::uint32_t code = bits_.bits(width_);
      if (bits_.overrun()) return false;
      if (code == kEscape) {
        const std::uint32_t control = bits_.bits(width_);
        if (bits_.overrun()) return false;
        if (control == 1 && width_ < kMaxBits) {
          ++width_;
        } else if (control == 2 && clears_left_ > 0) {
          --clears_left_;
          partial_clear();
        } else {
          return false;
        }
        continue;
      }
      // The string, last byte first, then written in order.
      stack_.clear();
      std::uint32_t cur = code;
      const bool kwkwk = free_[code];
      if (kwkwk) cur = old;
      while (cur > kEscape) {
        if (stack_.size() >= kCodes) return false;  // a loop through a reused code
        stack_.push_back(value_[cur]);
        cur = parent_[cur];
      }
      if (cur == kEscape) return false;
      const auto first = static_cast<std::uint8_t>(cur);
      out_.put(first);
      for (std::size_t i = stack_.size(); i-- > 0 && !out_.stopped();) out_.put(stack_[i]);
      if (kwkwk) out_.put(first);
      // The new string: the previous one and this one's first byte, at the lowest free code.
      std::uint32_t f = last_free_ + 1;
      while (f < kCodes && !free_[f]) ++f;
      if (f < kCodes) {
        last_free_ = f;
        value_[f] = first;
        parent_[f] = static_cast<std::uint16_t>(old);
        free_[f] = false;
      }
      old = code;
    }
    return true;
  }

 private:
  void partial_clear() {
    std::array<bool, kCodes> has_child{};
    for (std::uint32_t c = kFirstFree; c < kCodes; ++c) {
      if (!free_[c] && parent_[c] > kEscape) has_child[parent_[c]] = true;
    }
    for (std::uint32_t c = kFirstFree; c < kCodes; ++c) {
      if (!has_child[c]) free_[c] = true;
    }
    last_free_ = kEscape;
  }

  LsbBitReader bits_;
  LzOutput& out_;
  std::size_t clears_left_;
  unsigned width_ = kMinBits;
  std::uint32_t last_free_ = kEscape;
  std::array<std::uint16_t, kCodes> parent_{};
  std::array<std::uint8_t, kCodes> value_{};
  std::array<bool, kCodes> free_{};
  std::vector<std::uint8_t> stack_;
};

}  // namespace

Inflated unshrink_bytes(ByteView in, std::uint64_t size, std::size_t max_out) {
  Inflated r;
  LzOutput out(max_out, static_cast<std::size_t>(std::min<std::uint64_t>(size, max_out)));
  auto u = std::make_unique<Unshrinker>(in, out);
  const bool ok = u->run(size);
  r.complete = ok && out.size() >= size;
  r.capped = out.stopped();
  r.damaged = !ok;
  r.data = out.take();
  if (r.data.size() > size)
    r.data.resize(static_cast<std::size_t>(size));  // a last string ran over
  return r;
}

}  // namespace lg::zip
