// ARJ methods 1-4 (see arj_decode.h). Each table read is bounded by its alphabet (NT 19, NC
// 510, NP 17 symbols); the lengths UNARJ would write past its arrays are damage here.
#include "analyzers/archive/arj_decode.h"

#include <algorithm>
#include <array>
#include <optional>

#include "core/bit_reader.h"
#include "core/huffman.h"
#include "core/lz_output.h"

namespace lg {
namespace {

constexpr unsigned kThreshold = 3;                    // shortest match
constexpr unsigned kNc = 255 + 256 + 2 - kThreshold;  // literals and match lengths: 510
constexpr unsigned kNp = 16 + 1;                      // position codes (MAXDICBIT + 1)
constexpr unsigned kNt = 16 + 3;                      // code-length codes (CODE_BIT + 3)
constexpr unsigned kCbit = 9, kPbit = 5, kTbit = 5;
constexpr unsigned kStrtp = 9, kStopp = 13;  // method 4 position code widths
constexpr unsigned kStopl = 7;               // method 4 length code: at most 7 prefix bits

// One of ARJ's codes: a table, or a single symbol sent as zero bits (a count of zero).
struct ArjCode {
  HuffmanTable table;
  std::optional<std::uint16_t> single;

  std::optional<std::uint16_t> decode(MsbBitReader& b) const {
    if (single) return single;
    const HuffmanTable::Code c = table.decode(b.peek16());
    if (c.length == 0) return std::nullopt;
    b.skip(c.length);
    return c.symbol;
  }

  // make_table() accepts complete codes only.
  bool build(std::span<const std::uint8_t> lengths) {
    single.reset();
    return table.build(lengths) == HuffmanTable::Shape::kComplete;
  }
};

class HuffmanDecoder {
 public:
  HuffmanDecoder(ByteView in, LzOutput& out) : bits_(in), out_(out) {}

  // decode(): until `original` bytes, the limit, or damage. False on damage.
  bool run(std::uint64_t original) {
    std::uint32_t blocksize = 0;
    while (out_.size() < original && !out_.stopped()) {
      if (blocksize == 0) {
        blocksize = bits_.bits(16);
        if (blocksize == 0) blocksize = 0x10000;  // UNARJ's 16-bit count wraps
        if (!read_pt_len(kNt, kTbit, 3) || !read_c_len() || !read_pt_len(kNp, kPbit, -1))
          return false;
      }
      --blocksize;
      auto c = c_.decode(bits_);
      if (!c || bits_.overrun()) return false;
      if (*c <= 255) {
        out_.put(static_cast<std::uint8_t>(*c));
        continue;
      }
      const std::size_t len = *c - (256 - kThreshold);
      auto p = pt_.decode(bits_);  // the position code, read last into the pt table
      if (!p) return false;
      std::size_t dist = *p;
      if (dist != 0)
        dist = (std::size_t{1} << (dist - 1)) + bits_.bits(static_cast<unsigned>(dist - 1));
      const std::size_t room = static_cast<std::size_t>(original - out_.size());
      if (bits_.overrun()) return false;  // nothing written from bits past the end
      if (!out_.copy(dist + 1, std::min(len, room), kArjWindow)) return false;
    }
    return !bits_.overrun();
  }

 private:
  // read_pt_len(): code lengths of the code-length code (nn = NT) or the position code (NP).
  bool read_pt_len(unsigned nn, unsigned nbit, int special) {
    const unsigned n = bits_.bits(nbit);
    if (n == 0) {
      const unsigned c = bits_.bits(nbit);
      if (c >= nn) return false;
      pt_.single = static_cast<std::uint16_t>(c);
      return true;
    }
    if (n > nn) return false;
    std::array<std::uint8_t, kNt> len{};
    unsigned i = 0;
    while (i < n) {
      const std::uint32_t peek = bits_.peek16();
      unsigned c = peek >> 13;
      if (c == 7) {  // 7 and more: a run of one bits, ended by a zero
        for (std::uint32_t mask = 1u << 12; (mask & peek) != 0; mask >>= 1) ++c;
      }
      if (c > HuffmanTable::kMaxBits) return false;
      bits_.skip(c < 7 ? 3 : c - 3);
      len[i++] = static_cast<std::uint8_t>(c);
      if (static_cast<int>(i) == special) {
        const unsigned zeros = bits_.bits(2);
        if (i + zeros > nn) return false;
        i += zeros;  // len[] is zero there already
      }
    }
    return pt_.build(std::span(len.data(), nn));
  }

  // read_c_len(): the literal/length code's lengths, themselves coded with the pt code.
  bool read_c_len() {
    const unsigned n = bits_.bits(kCbit);
    if (n == 0) {
      const unsigned c = bits_.bits(kCbit);
      if (c >= kNc) return false;
      c_.single = static_cast<std::uint16_t>(c);
      return true;
    }
    if (n > kNc) return false;
    std::array<std::uint8_t, kNc> len{};
    unsigned i = 0;
    while (i < n) {
      auto c = pt_.decode(bits_);
      if (!c || *c >= kNt) return false;
      if (*c <= 2) {
        const unsigned zeros = *c == 0 ? 1 : *c == 1 ? bits_.bits(4) + 3 : bits_.bits(kCbit) + 20;
        if (i + zeros > kNc) return false;
        i += zeros;
      } else {
        len[i++] = static_cast<std::uint8_t>(*c - 2);
      }
    }
    if (bits_.overrun()) return false;
    return c_.build(len);
  }

  MsbBitReader bits_;
  LzOutput& out_;
  ArjCode pt_, c_;  // as in UNARJ, the position code reuses the code-length code's table
};

// Method 4: decode_len() / decode_ptr(): a unary prefix of up to `stop - start` one bits
// picks the width, the value adds the sizes of the shorter widths.
std::uint32_t gamma_like(MsbBitReader& b, unsigned start, unsigned stop) {
  std::uint32_t plus = 0, pwr = 1u << start;
  unsigned width = start;
  for (; width < stop; ++width) {
    if (b.bits(1) == 0) break;
    plus += pwr;
    pwr <<= 1;
  }
  return plus + b.bits(width);
}

bool decode_fastest(ByteView in, LzOutput& out, std::uint64_t original) {
  MsbBitReader bits(in);
  while (out.size() < original && !out.stopped()) {
    const std::uint32_t c = gamma_like(bits, 0, kStopl);
    if (c == 0) {
      const auto literal = static_cast<std::uint8_t>(bits.bits(8));
      if (bits.overrun()) return false;  // nothing written from bits past the end
      out.put(literal);
      continue;
    }
    const std::size_t len = c - 1 + kThreshold;
    const std::size_t dist = gamma_like(bits, kStrtp, kStopp) + 1;
    const std::size_t room = static_cast<std::size_t>(original - out.size());
    if (bits.overrun()) return false;
    if (!out.copy(dist, std::min(len, room), kArjWindow)) return false;
  }
  return !bits.overrun();
}

}  // namespace

Inflated arj_decode(ByteView in, int method, std::uint64_t original_size, std::size_t max_out) {
  Inflated r;
  if (method < 1 || method > 4) {
    r.damaged = true;
    return r;
  }
  LzOutput out(max_out, static_cast<std::size_t>(std::min<std::uint64_t>(original_size, max_out)));
  bool ok = false;
  if (method == 4) {
    ok = decode_fastest(in, out, original_size);
  } else {
    HuffmanDecoder d(in, out);
    ok = d.run(original_size);
  }
  r.complete = ok && out.size() >= original_size;
  r.capped = out.stopped();
  r.damaged = !ok;
  r.data = out.take();
  return r;
}

}  // namespace lg
