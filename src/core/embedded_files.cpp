// Files carried inside a text body by the pre-MIME encodings:
// - uuencode (no RFC; the classic Unix format documented in POSIX uuencode(1), "Extended
//   Description"): "begin <octal mode> <name>", lines whose first character encodes the byte
//   count ((c - 0x20) & 0x3F), 4 characters per 3 bytes, a zero-length line, then "end".
//   The POSIX "begin-base64" variant ends with "====".
// - BinHex 4.0 (RFC 1741, Appendix; Peter Lewis's format description): after the marker
//   "(This file must be converted with BinHex 4.0)", 6-bit characters between two colons;
//   the 8-bit stream is run-length encoded with 0x90, then holds a header (name, type,
//   creator, flags, fork lengths, CRC), the data fork + CRC and the resource fork + CRC.
//   CRCs are CRC-16/CCITT (XMODEM: poly 0x1021, initial 0).
#include <algorithm>
#include <array>
#include <cstdint>

#include "core/reader.h"
#include "core/transfer_encoding.h"

namespace lg {
namespace {

constexpr std::string_view kBinhexMarker = "(This file must be converted with BinHex";
constexpr std::uint8_t kBad = 0xFF;

constexpr std::array<std::uint8_t, 256> make_binhex_table() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kBad;
  constexpr char kAlphabet[] = "!\"#$%&'()*+,-012345689@ABCDEFGHIJKLMNPQRSTUVXYZ[`abcdefhijklmpqr";
  for (std::uint8_t i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = i;
  return t;
}
constexpr auto kBinhex = make_binhex_table();

std::uint16_t crc16_xmodem(ByteView data) {
  std::uint16_t crc = 0;
  for (std::uint8_t b : data) {
    crc = static_cast<std::uint16_t>(crc ^ (std::uint16_t{b} << 8));
    for (int k = 0; k < 8; ++k) {
      crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                           : static_cast<std::uint16_t>(crc << 1);
    }
  }
  return crc;
}

// The line starting at `pos` (without its CR LF) and the offset of the next line.
struct Line {
  std::string_view text;
  std::size_t next = 0;
};
Line line_at(std::string_view s, std::size_t pos) {
  const std::size_t nl = s.find('\n', pos);
  const std::size_t end = nl == std::string_view::npos ? s.size() : nl;
  std::string_view text = s.substr(pos, end - pos);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return {text, nl == std::string_view::npos ? s.size() : nl + 1};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "begin 644 name" or "begin-base64 644 name": returns the name, or nothing when the line
// is not a begin line.
std::optional<std::string_view> parse_begin(std::string_view line, bool& base64) {
  std::string_view rest;
  if (line.starts_with("begin-base64 ")) {
    base64 = true;
    rest = line.substr(13);
  } else if (line.starts_with("begin ")) {
    base64 = false;
    rest = line.substr(6);
  } else {
    return std::nullopt;
  }
  std::size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '7') ++digits;
  if (digits == 0 || digits > 4 || digits >= rest.size() || rest[digits] != ' ') {
    return std::nullopt;
  }
  return trim(rest.substr(digits + 1));
}

// Decodes one uuencoded line into `out`; false when the line is not uuencode.
bool decode_uu_line(std::string_view line, EmbeddedFile& f, std::size_t max_bytes) {
  auto val = [](char c) { return static_cast<std::uint8_t>((c - 0x20) & 0x3F); };
  for (char c : line) {
    if (c < 0x20 || c > 0x60) return false;
  }
  const std::size_t count = val(line[0]);
  const std::size_t needed = (count + 2) / 3 * 4;
  const std::size_t have = line.size() - 1;
  // Encoders may strip trailing spaces (zero bits); more than that missing is not uuencode.
  if (have + 8 < needed) return false;
  if (have < needed) f.damaged = true;
  std::size_t produced = 0;
  for (std::size_t g = 0; g < needed && produced < count; g += 4) {
    std::uint8_t c[4];
    for (std::size_t k = 0; k < 4; ++k) c[k] = 1 + g + k < line.size() ? val(line[1 + g + k]) : 0;
    const std::uint8_t bytes[3] = {static_cast<std::uint8_t>((c[0] << 2) | (c[1] >> 4)),
                                   static_cast<std::uint8_t>((c[1] << 4) | (c[2] >> 2)),
                                   static_cast<std::uint8_t>((c[2] << 6) | c[3])};
    for (std::size_t k = 0; k < 3 && produced < count; ++k, ++produced) {
      if (f.data.size() >= max_bytes) {
        f.damaged = true;
        return true;
      }
      f.data.push_back(bytes[k]);
    }
  }
  return true;
}

// One uuencode block whose begin line starts at `pos`; nothing when it is not one.
std::optional<EmbeddedFile> parse_uuencode(std::string_view body, std::size_t pos,
                                           std::size_t max_bytes) {
  bool base64 = false;
  Line begin = line_at(body, pos);
  auto name = parse_begin(begin.text, base64);
  if (!name) return std::nullopt;
  EmbeddedFile f;
  f.name = std::string(*name);
  f.encoding = "uuencode";
  f.begin = pos;
  f.end = begin.next;
  std::size_t cur = begin.next;
  std::string b64;  // begin-base64 payload, decoded at the end
  bool ended = false;
  std::size_t lines = 0;
  while (cur < body.size()) {
    Line l = line_at(body, cur);
    if (base64) {
      if (l.text == "====") {
        ended = true;
        f.end = l.next;
        break;
      }
      b64.append(l.text);
      if (b64.size() / 4 * 3 > max_bytes) break;
    } else {
      if (trim(l.text) == "end") {
        ended = true;
        f.end = l.next;
        break;
      }
      if (!l.text.empty() && !decode_uu_line(l.text, f, max_bytes)) break;
      if (f.data.size() >= max_bytes && f.damaged) break;
    }
    ++lines;
    f.end = l.next;
    cur = l.next;
  }
  if (base64) {
    Decoding d = decode_base64(b64, max_bytes);
    f.data = std::move(d.data);
    f.damaged = f.damaged || d.damaged;
  }
  if (lines == 0) return std::nullopt;
  if (!ended) f.damaged = true;
  return f;
}

// One BinHex 4.0 block whose marker starts at `pos`; nothing when no data follows it.
std::optional<EmbeddedFile> parse_binhex(std::string_view body, std::size_t pos,
                                         std::size_t max_bytes) {
  const std::size_t open = body.find(':', pos + kBinhexMarker.size());
  if (open == std::string_view::npos) return std::nullopt;
  EmbeddedFile f;
  f.encoding = "binhex";
  f.begin = pos;
  // Generous cap on the expanded stream: header (at most ~90 bytes) + data fork + CRCs.
  const std::size_t cap = max_bytes > SIZE_MAX - 4096 ? SIZE_MAX : max_bytes + 4096;
  Bytes raw;
  raw.reserve(std::min<std::size_t>((body.size() - open) * 3 / 4 + 16, cap));
  std::uint32_t acc = 0;
  int bits = 0;
  bool closed = false;
  bool run_pending = false;  // saw 0x90, waiting for the count
  std::size_t i = open + 1;
  auto emit = [&](std::uint8_t b) {
    if (run_pending) {
      run_pending = false;
      if (b == 0) {
        raw.push_back(0x90);  // literal 0x90
      } else if (!raw.empty()) {
        // [BinHex 4.0] "c 0x90 n" is c repeated n times in all; c was already written once.
        const std::size_t extra = std::min<std::size_t>(b - 1u, cap - raw.size());
        raw.insert(raw.end(), extra, raw.back());
      } else {
        f.damaged = true;
      }
    } else if (b == 0x90) {
      run_pending = true;
    } else {
      raw.push_back(b);
    }
  };
  for (; i < body.size() && raw.size() < cap; ++i) {
    const char c = body[i];
    if (c == ':') {
      closed = true;
      ++i;
      break;
    }
    if (c == '\r' || c == '\n' || c == ' ' || c == '\t') continue;
    const std::uint8_t v = kBinhex[static_cast<unsigned char>(c)];
    if (v == kBad) {
      f.damaged = true;  // junk inside the block
      continue;
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      emit(static_cast<std::uint8_t>(acc >> bits));
      acc &= (1u << bits) - 1;
    }
  }
  if (!closed) {
    f.damaged = true;
    // An unclosed block ends at the end of the body (or where the cap stopped us).
  }
  f.end = i;

  // Header: name length, name, version 0, type[4], creator[4], flags[2], data length[4],
  // resource length[4], CRC[2].
  Reader r{ByteView(raw)};
  auto name_len = r.u8(0);
  if (!name_len || *name_len < 1 || *name_len > 63) return std::nullopt;
  const std::size_t hdr_len = 1 + std::size_t{*name_len} + 1 + 4 + 4 + 2 + 4 + 4;
  auto name = r.chars(1, *name_len);
  auto data_len = r.u32be(hdr_len - 8);
  auto hdr_crc = r.u16be(hdr_len);
  if (!name || !data_len || !hdr_crc) return std::nullopt;
  f.name = std::string(*name);
  if (crc16_xmodem(ByteView(raw).first(hdr_len)) != *hdr_crc) f.damaged = true;
  const std::size_t data_off = hdr_len + 2;
  const std::size_t want = std::min<std::size_t>(*data_len, max_bytes);
  if (want < *data_len) f.damaged = true;
  const std::size_t avail = raw.size() - std::min(raw.size(), data_off);
  const std::size_t take = std::min(want, avail);
  if (take < want) f.damaged = true;  // truncated data fork
  f.data.assign(raw.begin() + static_cast<std::ptrdiff_t>(data_off),
                raw.begin() + static_cast<std::ptrdiff_t>(data_off + take));
  if (take == *data_len) {
    auto data_crc = r.u16be(data_off + take);
    if (!data_crc || crc16_xmodem(f.data) != *data_crc) f.damaged = true;
  }
  return f;
}

}  // namespace

std::vector<EmbeddedFile> find_embedded_files(std::string_view body, std::size_t max_files,
                                              std::size_t max_bytes) {
  std::vector<EmbeddedFile> files;
  if (max_files == 0) return files;
  // uuencode: "begin" at the start of a line.
  std::size_t pos = 0;
  while (files.size() < max_files) {
    pos = body.find("begin", pos);
    if (pos == std::string_view::npos) break;
    if (pos != 0 && body[pos - 1] != '\n') {
      pos += 5;
      continue;
    }
    if (auto f = parse_uuencode(body, pos, max_bytes)) {
      pos = std::max(f->end, pos + 5);
      files.push_back(std::move(*f));
    } else {
      pos += 5;
    }
  }
  // BinHex 4.0: the marker line, anywhere (mail clients indent it or quote it).
  pos = 0;
  while (files.size() < max_files) {
    pos = body.find(kBinhexMarker, pos);
    if (pos == std::string_view::npos) break;
    if (auto f = parse_binhex(body, pos, max_bytes)) {
      pos = std::max(f->end, pos + kBinhexMarker.size());
      files.push_back(std::move(*f));
    } else {
      pos += kBinhexMarker.size();
    }
  }
  std::stable_sort(files.begin(), files.end(),
                   [](const EmbeddedFile& a, const EmbeddedFile& b) { return a.begin < b.begin; });
  return files;
}

}  // namespace lg
