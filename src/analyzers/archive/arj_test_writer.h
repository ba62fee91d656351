#pragma once
// Test-only: ARJ archives written by hand (headers as the ARJ technical information gives
// them) and a method 4 ("fastest") encoder, so the reader and the method 4 decoder are tested
// without the arj program. Methods 1-3 are tested with archives the arj program makes.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"

namespace lg::testing {

inline std::uint32_t arj_crc(std::string_view s) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

// MSB-first bit writer.
class MsbWriter {
 public:
  void put(std::uint32_t value, unsigned n) {
    for (unsigned i = n; i-- > 0;) {
      acc_ = static_cast<std::uint8_t>((acc_ << 1) | ((value >> i) & 1));
      if (++used_ == 8) {
        out_.push_back(static_cast<char>(acc_));
        acc_ = 0;
        used_ = 0;
      }
    }
  }
  std::string finish() {
    if (used_ > 0) put(0, 8 - used_);
    return out_;
  }

 private:
  std::string out_;
  std::uint8_t acc_ = 0;
  unsigned used_ = 0;
};

// decode_len()/decode_ptr() in reverse: k one bits (a zero after them unless k is the most),
// then `start + k` bits of the value less the sizes of the shorter widths.
inline void arj_put_gamma(MsbWriter& w, std::uint32_t v, unsigned start, unsigned most) {
  unsigned k = 0;
  std::uint32_t plus = 0;
  while (k < most && v >= plus + (1u << (start + k))) {
    plus += 1u << (start + k);
    ++k;
  }
  for (unsigned i = 0; i < k; ++i) w.put(1, 1);
  if (k < most) w.put(0, 1);
  w.put(v - plus, start + k);
}

/// Method 4: greedy matches (3-256 bytes, up to `window` back) at the last position whose
/// next three bytes hash alike, or one byte back; plain literals otherwise. Linear time.
inline std::string arj_fastest_encode(std::string_view text, std::size_t window = 15872) {
  MsbWriter w;
  std::vector<std::size_t> last(1u << 16, SIZE_MAX);
  auto hash = [&](std::size_t i) {
    return ((static_cast<std::uint8_t>(text[i]) << 8) ^
            (static_cast<std::uint8_t>(text[i + 1]) << 4) ^
            static_cast<std::uint8_t>(text[i + 2])) &
           0xFFFF;
  };
  auto match_len = [&](std::size_t j, std::size_t i) {
    std::size_t n = 0;
    while (n < 256 && i + n < text.size() && text[j + n] == text[i + n]) ++n;
    return n;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t best = 0, best_dist = 0;
    if (i + 3 <= text.size()) {
      const std::size_t h = hash(i);
      if (last[h] != SIZE_MAX && i - last[h] <= window) {
        best = match_len(last[h], i);
        best_dist = i - last[h];
      }
      if (i > 0) {
        const std::size_t n = match_len(i - 1, i);
        if (n > best) {
          best = n;
          best_dist = 1;
        }
      }
    }
    const std::size_t step = best >= 3 ? best : 1;
    for (std::size_t k = i; k < i + step && k + 3 <= text.size(); ++k) last[hash(k)] = k;
    if (best >= 3) {
      arj_put_gamma(w, static_cast<std::uint32_t>(best - 2), 0, 7);
      arj_put_gamma(w, static_cast<std::uint32_t>(best_dist - 1), 9, 4);
    } else {
      w.put(0, 1);
      w.put(static_cast<std::uint8_t>(text[i]), 8);
    }
    i += step;
  }
  return w.finish();
}

struct ArjFile {
  std::string name;
  std::string data;  // as stored (already compressed for methods 1-4)
  std::uint8_t method = 0;
  std::uint32_t size = 0;  // original size
  std::uint32_t crc = 0;   // CRC-32 of the original
  std::uint8_t flags = 0;  // 0x01: garbled
  std::uint8_t type = 0;   // 0 binary, 3 directory
  bool bad_header_crc = false;
};

inline ArjFile arj_stored(std::string name, std::string text) {
  ArjFile f{std::move(name), text, 0, static_cast<std::uint32_t>(text.size()), arj_crc(text)};
  return f;
}

inline ArjFile arj_fastest(std::string name, const std::string& text) {
  return {std::move(name), arj_fastest_encode(text), 4, static_cast<std::uint32_t>(text.size()),
          arj_crc(text)};
}

inline void arj_put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
inline void arj_put32(std::string& s, std::uint32_t v) {
  arj_put16(s, v & 0xFFFF);
  arj_put16(s, v >> 16);
}

// One header: id, basic header size, the 30-byte fixed part, name, comment, CRC-32, no
// extended header.
inline std::string arj_header(const ArjFile& f, std::uint8_t type, std::uint32_t packed) {
  std::string basic;
  basic += static_cast<char>(30);  // first_hdr_size
  basic += static_cast<char>(11);  // archiver version
  basic += static_cast<char>(1);   // version needed
  basic += static_cast<char>(2);   // host OS: UNIX
  basic += static_cast<char>(f.flags);
  basic += static_cast<char>(f.method);
  basic += static_cast<char>(type);
  basic += '\0';                 // reserved
  arj_put32(basic, 0x5A210000);  // DOS date and time
  arj_put32(basic, packed);
  arj_put32(basic, f.size);
  arj_put32(basic, f.crc);
  arj_put16(basic, 0);  // file spec position
  arj_put16(basic, 0);  // access mode
  basic += '\0';
  basic += '\0';  // chapters
  basic += f.name;
  basic += '\0';
  basic += '\0';  // empty comment
  std::string h = "\x60\xEA";
  arj_put16(h, static_cast<std::uint32_t>(basic.size()));
  h += basic;
  arj_put32(h, arj_crc(basic) ^ (f.bad_header_crc ? 1u : 0u));
  arj_put16(h, 0);  // no extended header
  return h;
}

inline Bytes write_arj(const std::vector<ArjFile>& files) {
  ArjFile main{"test.arj", "", 0, 0, 0};
  std::string out = arj_header(main, 2, 0);
  for (const ArjFile& f : files) {
    out += arj_header(f, f.type, static_cast<std::uint32_t>(f.data.size()));
    out += f.data;
  }
  out += std::string("\x60\xEA\x00\x00", 4);
  return to_bytes(out);
}

}  // namespace lg::testing
