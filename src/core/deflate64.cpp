// Deflate64: [RFC 1951] 3.2 (block format, Huffman codes, stored blocks) with the deflate64
// differences listed in deflate64.h. Tables are canonical Huffman codes (core/huffman.h)
// decoded from LSB-first bits reversed into code order.
#include "core/deflate64.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/bit_reader.h"
#include "core/huffman.h"
#include "core/lz_output.h"

namespace lg {
namespace {

// [RFC 1951] 3.2.5, with code 285 as deflate64 defines it.
constexpr std::array<std::uint16_t, 29> kLengthBase = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                                       15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                                       67, 83, 99, 115, 131, 163, 195, 227, 3};
constexpr std::array<std::uint8_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 16};
constexpr std::array<std::uint32_t, 32> kDistBase = {
    1,    2,    3,    4,    5,    7,     9,     13,    17,    25,   33,
    49,   65,   97,   129,  193,  257,   385,   513,   769,   1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577, 32769, 49153};
constexpr std::array<std::uint8_t, 32> kDistExtra = {0,  0,  0,  0,  1,  1,  2,  2,  3,  3, 4,
                                                     4,  5,  5,  6,  6,  7,  7,  8,  8,  9, 9,
                                                     10, 10, 11, 11, 12, 12, 13, 13, 14, 14};
// [RFC 1951] 3.2.7: the order code length code lengths are sent in.
constexpr std::array<std::uint8_t, 19> kClOrder = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                   11, 4,  12, 3, 13, 2, 14, 1, 15};
constexpr unsigned kEndOfBlock = 256;

// A Huffman symbol: the code's first bit is the stream's next bit.
std::optional<std::uint16_t> symbol(LsbBitReader& b, const HuffmanTable& t) {
  const HuffmanTable::Code c = t.decode(reverse16(b.peek16()));
  if (c.length == 0) return std::nullopt;
  b.skip(c.length);
  return c.symbol;
}

// zlib's rule: an incomplete literal/length or distance code is accepted only when it is a
// single code of length 1; an empty distance code when no match is sent.
bool usable(HuffmanTable::Shape s, std::span<const std::uint8_t> lengths) {
  if (s == HuffmanTable::Shape::kComplete) return true;
  if (s != HuffmanTable::Shape::kIncomplete) return false;
  std::size_t used = 0;
  for (std::uint8_t l : lengths) used += l != 0;
  return used == 1;
}

class Inflater {
 public:
  Inflater(ByteView in, LzOutput& out) : bits_(in), out_(out) {}

  // Returns false on damage; `complete_` once the final block ended.
  bool run() {
    bool final_block = false;
    while (!final_block) {
      if (out_.stopped()) return true;
      final_block = bits_.bits(1) != 0;
      const unsigned type = bits_.bits(2);
      bool ok = false;
      if (type == 0) {
        ok = stored();
      } else if (type == 1) {
        ok = fixed_tables() && codes();
      } else if (type == 2) {
        ok = dynamic_tables() && codes();
      }
      if (!ok) return false;
    }
    complete_ = !out_.stopped();
    return !bits_.overrun();
  }
  bool complete() const { return complete_; }
  std::size_t consumed() const { return bits_.consumed(); }

 private:
  bool stored() {
    bits_.align();
    const std::uint32_t len = bits_.bits(16);
    const std::uint32_t nlen = bits_.bits(16);
    if ((len ^ 0xFFFF) != nlen) return false;
    const ByteView data = bits_.bytes(len);
    for (std::uint8_t b : data) {
      if (!out_.put(b)) return true;  // at the cap
    }
    return data.size() == len;
  }

  bool fixed_tables() {
    std::array<std::uint8_t, 288> lit{};
    for (unsigned i = 0; i < 288; ++i) lit[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    std::array<std::uint8_t, 32> dist{};
    dist.fill(5);
    return lit_.build(lit) == HuffmanTable::Shape::kComplete &&
           dist_.build(dist) == HuffmanTable::Shape::kComplete;
  }

  bool dynamic_tables() {
    const unsigned hlit = bits_.bits(5) + 257;
    const unsigned hdist = bits_.bits(5) + 1;  // up to 32: deflate64 uses codes 30 and 31
    const unsigned hclen = bits_.bits(4) + 4;
    if (hlit > 286) return false;
    std::array<std::uint8_t, 19> cl{};
    for (unsigned i = 0; i < hclen; ++i) cl[kClOrder[i]] = static_cast<std::uint8_t>(bits_.bits(3));
    HuffmanTable cl_code;
    if (cl_code.build(cl) != HuffmanTable::Shape::kComplete) return false;
    std::array<std::uint8_t, 286 + 32> len{};
    unsigned i = 0;
    while (i < hlit + hdist) {
      auto sym = symbol(bits_, cl_code);
      if (!sym || bits_.overrun()) return false;
      if (*sym < 16) {
        len[i++] = static_cast<std::uint8_t>(*sym);
        continue;
      }
      std::uint8_t value = 0;
      unsigned repeat = 0;
      if (*sym == 16) {
        if (i == 0) return false;
        value = len[i - 1];
        repeat = 3 + bits_.bits(2);
      } else if (*sym == 17) {
        repeat = 3 + bits_.bits(3);
      } else {
        repeat = 11 + bits_.bits(7);
      }
      if (i + repeat > hlit + hdist) return false;
      for (unsigned k = 0; k < repeat; ++k) len[i++] = value;
    }
    if (len[kEndOfBlock] == 0) return false;
    const auto lit = std::span(len.data(), hlit);
    const auto dist = std::span(len.data() + hlit, hdist);
    if (!usable(lit_.build(lit), lit)) return false;
    const HuffmanTable::Shape ds = dist_.build(dist);
    return ds == HuffmanTable::Shape::kEmpty || usable(ds, dist);
  }

  // [RFC 1951] 3.2.5: literals, lengths and distances until the end of the block.
  bool codes() {
    while (true) {
      auto sym = symbol(bits_, lit_);
      if (!sym || bits_.overrun()) return false;
      if (*sym < 256) {
        if (!out_.put(static_cast<std::uint8_t>(*sym))) return true;
        continue;
      }
      if (*sym == kEndOfBlock) return true;
      const unsigned li = *sym - 257u;
      if (li >= kLengthBase.size()) return false;
      const std::size_t len = kLengthBase[li] + bits_.bits(kLengthExtra[li]);
      auto d = symbol(bits_, dist_);
      if (!d || *d >= kDistBase.size()) return false;
      const std::size_t dist = kDistBase[*d] + bits_.bits(kDistExtra[*d]);
      if (bits_.overrun()) return false;  // nothing written from bits past the end
      if (!out_.copy(dist, len, kDeflate64Window)) return false;
      if (out_.stopped()) return true;
    }
  }

  LsbBitReader bits_;
  LzOutput& out_;
  HuffmanTable lit_, dist_;
  bool complete_ = false;
};

}  // namespace

Inflated inflate64_bytes(ByteView in, std::size_t max_out) {
  Inflated r;
  LzOutput out(max_out, std::min(max_out, in.size() * 4));
  Inflater inf(in, out);
  const bool ok = inf.run();
  r.damaged = !ok;
  r.complete = ok && inf.complete();
  r.capped = out.stopped();
  r.consumed = inf.consumed();
  r.data = out.take();
  return r;
}

}  // namespace lg
