// Implode (APPNOTE 5.3). The trees come first, byte-aligned: per tree a count byte (bytes - 1),
// then bytes whose low nibble is a code length - 1 and high nibble a repeat count - 1, for 256
// literal, 64 length and 64 distance values. The Shannon-Fano codes of 5.3.7 are assigned from
// the longest code up; read as the bit complement they are the canonical codes of
// [RFC 1951] 3.2.2 (Info-ZIP's explode decodes them so), so core/huffman.h decodes them from
// the complemented bits. Then LSB-first bits: 1 + literal, or 0 + a match (low distance bits,
// distance code, length code, 8 more length bits after length code 63). A match reaching
// before the start of the output reads zeros, as PKZIP's zero-filled window does.
#include <algorithm>
#include <array>
#include <optional>
#include <span>

#include "core/bit_reader.h"
#include "core/huffman.h"
#include "core/lz_output.h"
#include "formats/zip/legacy_methods.h"

namespace lg::zip {
namespace {

constexpr std::uint16_t kFlag8kWindow = 0x0002;
constexpr std::uint16_t kFlagLiteralTree = 0x0004;

// A Shannon-Fano tree: the canonical table of its lengths, read from complemented bits.
struct ShannonFano {
  HuffmanTable table;

  std::optional<std::uint16_t> decode(LsbBitReader& b) const {
    const HuffmanTable::Code c = table.decode(reverse16(b.peek16()) ^ 0xFFFF);
    if (c.length == 0) return std::nullopt;
    b.skip(c.length);
    return c.symbol;
  }
};

// Reads one tree at `pos` (advanced past it): `n` lengths, run-length coded.
bool read_tree(ByteView in, std::size_t& pos, std::size_t n, ShannonFano& tree) {
  if (pos >= in.size()) return false;
  const std::size_t bytes = std::size_t{in[pos++]} + 1;
  std::array<std::uint8_t, 256> len{};
  std::size_t i = 0;
  for (std::size_t k = 0; k < bytes; ++k) {
    if (pos >= in.size()) return false;
    const std::uint8_t b = in[pos++];
    const std::size_t count = (b >> 4) + 1u;
    if (i + count > n) return false;
    std::fill_n(len.begin() + static_cast<std::ptrdiff_t>(i), count,
                static_cast<std::uint8_t>((b & 0x0F) + 1));
    i += count;
  }
  if (i != n) return false;
  // Info-ZIP's explode refuses incomplete trees too.
  return tree.table.build(std::span(len.data(), n)) == HuffmanTable::Shape::kComplete;
}

}  // namespace

Inflated explode_bytes(ByteView in, std::uint16_t flags, std::uint64_t size, std::size_t max_out) {
  Inflated r;
  const bool literal_tree = (flags & kFlagLiteralTree) != 0;
  const unsigned dist_bits = (flags & kFlag8kWindow) ? 7 : 6;
  const std::size_t window = std::size_t{64} << dist_bits;
  const std::size_t min_match = literal_tree ? 3 : 2;
  ShannonFano lit, len, dist;
  std::size_t pos = 0;
  if ((literal_tree && !read_tree(in, pos, 256, lit)) || !read_tree(in, pos, 64, len) ||
      !read_tree(in, pos, 64, dist)) {
    r.damaged = true;
    return r;
  }
  LsbBitReader bits(in, pos);
  LzOutput out(max_out, static_cast<std::size_t>(std::min<std::uint64_t>(size, max_out)));
  bool ok = true;
  while (ok && out.size() < size && !out.stopped()) {
    if (bits.bits(1) != 0) {
      std::optional<std::uint16_t> c =
          literal_tree ? lit.decode(bits) : std::optional<std::uint16_t>(bits.bits(8));
      if (!c || bits.overrun()) {
        ok = false;
        break;
      }
      out.put(static_cast<std::uint8_t>(*c));
      continue;
    }
    const std::uint32_t low = bits.bits(dist_bits);
    auto high = dist.decode(bits);
    auto l = len.decode(bits);
    if (!high || !l) {
      ok = false;
      break;
    }
    std::size_t n = *l + min_match + (*l == 63 ? bits.bits(8) : 0);
    if (bits.overrun()) {
      ok = false;
      break;
    }
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, size - out.size()));
    const std::size_t d = ((std::size_t{*high} << dist_bits) | low) + 1;
    // Bytes before the start of the output read as zeros.
    while (n > 0 && d > out.size() && !out.stopped()) {
      out.put(0);
      --n;
    }
    if (n > 0 && !out.copy(d, n, window)) ok = false;
  }
  r.complete = ok && out.size() >= size;
  r.capped = out.stopped();
  r.damaged = !ok || bits.overrun();
  r.data = out.take();
  return r;
}

}  // namespace lg::zip
