// PDF stream filters, ISO 32000-1 7.4.2 (ASCIIHexDecode), 7.4.3 (ASCII85Decode), 7.4.4
// (LZWDecode and FlateDecode, predictors 7.4.4.4), 7.4.5 (RunLengthDecode).
#include "analyzers/pdf/pdf_filters.h"

#include <algorithm>
#include <array>

#include "core/inflate.h"

namespace lg {
namespace {

constexpr std::size_t kMaxFilterChain = 16;    // filters applied to one stream
constexpr std::int64_t kMaxColors = 64;        // predictor /Colors
constexpr std::int64_t kMaxColumns = 1 << 24;  // predictor /Columns
constexpr std::size_t kLzwTableSize = 4096;    // 12-bit codes (7.4.4.2)

int hex_digit(std::uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool white(std::uint8_t c) { return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32; }

std::int64_t parm_int(const PdfObject* parms, std::string_view key, std::int64_t def) {
  if (parms == nullptr) return def;
  const PdfObject* v = parms->get(key);
  if (v == nullptr) return def;
  return v->as_int().value_or(def);
}

}  // namespace

std::string pdf_filter_full_name(std::string_view name) {
  if (name == "AHx") return "ASCIIHexDecode";
  if (name == "A85") return "ASCII85Decode";
  if (name == "LZW") return "LZWDecode";
  if (name == "Fl") return "FlateDecode";
  if (name == "RL") return "RunLengthDecode";
  if (name == "CCF") return "CCITTFaxDecode";
  if (name == "DCT") return "DCTDecode";
  return std::string(name);
}

Bytes pdf_ascii_hex_decode(ByteView in, std::size_t max_out, bool* capped, bool* damaged) {
  Bytes out;
  int hi = -1;
  for (std::uint8_t c : in) {
    if (c == '>') break;  // EOD
    const int v = hex_digit(c);
    if (v < 0) {
      if (!white(c)) *damaged = true;
      continue;
    }
    if (hi < 0) {
      hi = v;
      continue;
    }
    if (out.size() >= max_out) {
      *capped = true;
      return out;
    }
    out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
    hi = -1;
  }
  if (hi >= 0 && out.size() < max_out) out.push_back(static_cast<std::uint8_t>(hi * 16));
  return out;
}

Bytes pdf_ascii85_decode(ByteView in, std::size_t max_out, bool* capped, bool* damaged) {
  Bytes out;
  std::size_t i = 0;
  if (in.size() >= 2 && in[0] == '<' && in[1] == '~') i = 2;  // optional prefix
  std::uint32_t group = 0;
  int count = 0;
  auto emit = [&](std::uint32_t v, int n) {
    for (int k = 0; k < n; ++k) {
      if (out.size() >= max_out) {
        *capped = true;
        return false;
      }
      out.push_back(static_cast<std::uint8_t>(v >> (24 - 8 * k)));
    }
    return true;
  };
  for (; i < in.size(); ++i) {
    const std::uint8_t c = in[i];
    if (white(c)) continue;
    if (c == '~') break;  // "~>" EOD
    if (c == 'z' && count == 0) {
      if (!emit(0, 4)) return out;
      continue;
    }
    if (c < '!' || c > 'u') {
      *damaged = true;
      return out;
    }
    group = group * 85 + (c - '!');  // wraps only on invalid groups, which are damaged anyway
    if (++count == 5) {
      if (!emit(group, 4)) return out;
      group = 0;
      count = 0;
    }
  }
  if (count == 1) *damaged = true;
  if (count > 1) {
    for (int k = count; k < 5; ++k) group = group * 85 + 84;  // pad with 'u'
    emit(group, count - 1);
  }
  return out;
}

Bytes pdf_run_length_decode(ByteView in, std::size_t max_out, bool* capped, bool* damaged) {
  Bytes out;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::uint8_t len = in[i++];
    if (len == 128) break;  // EOD
    if (len < 128) {
      const std::size_t n = std::size_t(len) + 1;
      if (n > in.size() - i) *damaged = true;
      const std::size_t take = std::min(n, in.size() - i);
      const std::size_t room = max_out - out.size();
      out.insert(out.end(), in.begin() + i, in.begin() + i + std::min(take, room));
      if (take > room) {
        *capped = true;
        return out;
      }
      i += take;
    } else {
      if (i >= in.size()) {
        *damaged = true;
        break;
      }
      const std::size_t n = 257 - std::size_t(len);
      const std::size_t room = max_out - out.size();
      out.insert(out.end(), std::min(n, room), in[i++]);
      if (n > room) {
        *capped = true;
        return out;
      }
    }
  }
  return out;
}

// 7.4.4.2: variable-width codes (9 to 12 bits, MSB first), 256 clear-table, 257 EOD;
// EarlyChange 1 (the default) widens codes one code early.
Bytes pdf_lzw_decode(ByteView in, bool early_change, std::size_t max_out, bool* capped,
                     bool* damaged) {
  std::array<std::uint16_t, kLzwTableSize> prefix{};
  std::array<std::uint8_t, kLzwTableSize> suffix{};
  std::array<std::uint8_t, kLzwTableSize> first{};
  std::array<std::uint32_t, kLzwTableSize> length{};
  for (std::size_t k = 0; k < 256; ++k) {
    suffix[k] = first[k] = static_cast<std::uint8_t>(k);
    length[k] = 1;
  }
  Bytes out;
  std::size_t next = 258;
  unsigned width = 9;
  int prev = -1;
  std::uint32_t bits = 0;
  unsigned nbits = 0;
  std::size_t i = 0;
  const std::size_t early = early_change ? 1 : 0;
  for (;;) {
    while (nbits < width && i < in.size()) {
      bits = (bits << 8) | in[i++];
      nbits += 8;
    }
    if (nbits < width) break;  // input ended without EOD: keep what we have
    const std::size_t code = (bits >> (nbits - width)) & ((1u << width) - 1);
    nbits -= width;
    if (code == 256) {
      next = 258;
      width = 9;
      prev = -1;
      continue;
    }
    if (code == 257) break;
    if (prev < 0) {
      if (code > 255) {
        *damaged = true;
        break;
      }
    } else if (code > next || (code == next && next >= kLzwTableSize)) {
      *damaged = true;
      break;
    } else if (next < kLzwTableSize) {
      const std::uint8_t f = code < next ? first[code] : first[static_cast<std::size_t>(prev)];
      prefix[next] = static_cast<std::uint16_t>(prev);
      suffix[next] = f;
      first[next] = first[static_cast<std::size_t>(prev)];
      length[next] = length[static_cast<std::size_t>(prev)] + 1;
      ++next;
    }
    const std::size_t len = length[code];
    if (len > max_out - out.size()) {
      *capped = true;
      break;
    }
    out.resize(out.size() + len);
    std::size_t at = out.size();
    std::size_t c = code;
    for (std::size_t k = 0; k < len; ++k) {  // the chain is exactly `len` long
      out[--at] = suffix[c];
      c = prefix[c];
    }
    if (next + early >= (std::size_t(1) << width) && width < 12) ++width;
    prev = static_cast<int>(code);
  }
  return out;
}

// 7.4.4.4: TIFF predictor 2 (8-bit components) and the PNG predictors (a filter-type byte
// per row: None, Sub, Up, Average, Paeth).
Bytes pdf_unpredict(Bytes in, const PdfObject* parms, bool* damaged) {
  const std::int64_t predictor = parm_int(parms, "Predictor", 1);
  if (predictor < 2) return in;
  const std::int64_t colors = std::clamp<std::int64_t>(parm_int(parms, "Colors", 1), 1, kMaxColors);
  const std::int64_t bpc = parm_int(parms, "BitsPerComponent", 8);
  const std::int64_t columns =
      std::clamp<std::int64_t>(parm_int(parms, "Columns", 1), 1, kMaxColumns);
  if (bpc != 1 && bpc != 2 && bpc != 4 && bpc != 8 && bpc != 16) {
    *damaged = true;
    return in;
  }
  const std::size_t bpp =
      static_cast<std::size_t>(std::max<std::int64_t>(1, (colors * bpc + 7) / 8));
  const std::size_t row = static_cast<std::size_t>((colors * bpc * columns + 7) / 8);
  if (predictor == 2) {
    if (bpc != 8) return in;  // sub-byte and 16-bit TIFF prediction: left as is
    for (std::size_t r = 0; r < in.size(); r += row) {
      const std::size_t end = std::min(in.size(), r + row);
      for (std::size_t k = r + bpp; k < end; ++k)
        in[k] = static_cast<std::uint8_t>(in[k] + in[k - bpp]);
    }
    return in;
  }
  Bytes out;
  out.reserve(in.size());
  Bytes prior(row, 0), cur(row, 0);
  for (std::size_t r = 0; r < in.size(); r += row + 1) {
    const std::uint8_t type = in[r];
    const std::size_t avail = std::min(row, in.size() - r - 1);
    std::fill(cur.begin(), cur.end(), 0);
    std::copy(in.begin() + r + 1, in.begin() + r + 1 + avail, cur.begin());
    for (std::size_t k = 0; k < avail; ++k) {
      const int a = k >= bpp ? cur[k - bpp] : 0;
      const int b = prior[k];
      const int c = k >= bpp ? prior[k - bpp] : 0;
      int add = 0;
      switch (type) {
        case 0:
          break;
        case 1:
          add = a;
          break;
        case 2:
          add = b;
          break;
        case 3:
          add = (a + b) / 2;
          break;
        case 4: {
          const int p = a + b - c;
          const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          add = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
          break;
        }
        default:
          *damaged = true;
      }
      cur[k] = static_cast<std::uint8_t>(cur[k] + add);
    }
    out.insert(out.end(), cur.begin(), cur.begin() + avail);
    std::swap(prior, cur);
  }
  return out;
}

PdfDecoded pdf_decode(ByteView raw, const std::vector<PdfFilter>& chain, std::size_t max_out) {
  PdfDecoded d;
  d.data.assign(raw.begin(), raw.end());
  std::size_t applied = 0;
  for (const PdfFilter& f : chain) {
    if (applied++ >= kMaxFilterChain) {
      d.stopped_at = "too many filters";
      break;
    }
    const std::string name = pdf_filter_full_name(f.name);
    Bytes next;
    if (name == "FlateDecode") {
      Inflated inf = inflate_bytes(d.data, DeflateWrapper::kAuto, max_out);
      d.capped = d.capped || inf.capped;
      d.damaged = d.damaged || inf.damaged || (!inf.complete && !inf.capped);
      next = pdf_unpredict(std::move(inf.data), f.parms, &d.damaged);
    } else if (name == "LZWDecode") {
      const bool early = parm_int(f.parms, "EarlyChange", 1) != 0;
      next = pdf_lzw_decode(d.data, early, max_out, &d.capped, &d.damaged);
      next = pdf_unpredict(std::move(next), f.parms, &d.damaged);
    } else if (name == "ASCIIHexDecode") {
      next = pdf_ascii_hex_decode(d.data, max_out, &d.capped, &d.damaged);
    } else if (name == "ASCII85Decode") {
      next = pdf_ascii85_decode(d.data, max_out, &d.capped, &d.damaged);
    } else if (name == "RunLengthDecode") {
      next = pdf_run_length_decode(d.data, max_out, &d.capped, &d.damaged);
    } else if (name == "Crypt") {
      continue;
    } else {
      d.stopped_at = name;  // image codecs and unknown names: raw from here on
      break;
    }
    if (next.size() > max_out) {  // a predictor never grows data; belt and braces
      next.resize(max_out);
      d.capped = true;
    }
    d.data = std::move(next);
  }
  return d;
}

}  // namespace lg
