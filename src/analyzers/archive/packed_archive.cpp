// Extraction shared by the ALZ, EGG and ARJ readers: stored and raw deflate blocks
// ([RFC 1951]), ARJ methods 1-4 (arj_decode.h), CRC-32 checked per block.
#include "analyzers/archive/packed_archive.h"

#include <zlib.h>

#include <algorithm>

#include "analyzers/archive/arj_decode.h"
#include "core/charset.h"
#include "core/inflate.h"
#include "core/utf8.h"

namespace lg {

std::uint32_t packed_crc32(ByteView data) {
  uLong crc = ::crc32(0L, Z_NULL, 0);
  // zlib takes a uInt length: feed large data in pieces.
  while (!data.empty()) {
    const std::size_t n = std::min<std::size_t>(data.size(), 1u << 30);
    crc = ::crc32(crc, data.data(), static_cast<uInt>(n));
    data = data.subspan(n);
  }
  return static_cast<std::uint32_t>(crc);
}

namespace {

// APPNOTE 6.1.5: the three keys of the traditional PKWARE cipher.
class ZipCryptoKeys {
 public:
  explicit ZipCryptoKeys(std::string_view password) {
    for (char c : password) update(static_cast<std::uint8_t>(c));
  }
  std::uint8_t decrypt(std::uint8_t c) {
    const std::uint32_t t = (k2_ | 2) & 0xFFFF;
    const auto p = static_cast<std::uint8_t>(c ^ static_cast<std::uint8_t>((t * (t ^ 1)) >> 8));
    update(p);
    return p;
  }

 private:
  static std::uint32_t crc_byte(std::uint32_t k, std::uint8_t b) {
    return static_cast<std::uint32_t>(get_crc_table()[(k ^ b) & 0xFF]) ^ (k >> 8);
  }
  void update(std::uint8_t b) {
    k0_ = crc_byte(k0_, b);
    k1_ = (k1_ + (k0_ & 0xFF)) * 134775813u + 1;
    k2_ = crc_byte(k2_, static_cast<std::uint8_t>(k1_ >> 24));
  }
  std::uint32_t k0_ = 0x12345678, k1_ = 0x23456789, k2_ = 0x34567890;
};

}  // namespace

std::optional<std::vector<Bytes>> zip_crypto_decrypt(const PackedEntry& e,
                                                     std::string_view password) {
  if (e.zip_crypto_header.size() != 12) return std::nullopt;
  ZipCryptoKeys keys(password);
  std::uint8_t last = 0;
  for (std::uint8_t c : e.zip_crypto_header) last = keys.decrypt(c);
  if (last != e.zip_crypto_check) return std::nullopt;
  std::vector<Bytes> out;
  out.reserve(e.blocks.size());
  for (const PackedBlock& b : e.blocks) {
    Bytes plain(b.data.size());
    for (std::size_t i = 0; i < b.data.size(); ++i) plain[i] = keys.decrypt(b.data[i]);
    out.push_back(std::move(plain));
  }
  return out;
}

const char* packed_method_name(PackedMethod m) {
  switch (m) {
    case PackedMethod::kStored:
      return "stored";
    case PackedMethod::kDeflate:
      return "deflate";
    case PackedMethod::kBzip2:
      return "bzip2";
    case PackedMethod::kAlzBzip2:
      return "alz-bzip2";
    case PackedMethod::kAzo:
      return "azo";
    case PackedMethod::kLzma:
      return "lzma";
    case PackedMethod::kArj:
      return "arj";
    case PackedMethod::kArjFastest:
      return "arj-fastest";
    case PackedMethod::kUnknown:
      break;
  }
  return "unknown";
}

bool place_block_data(ByteView archive, std::size_t at, std::uint64_t packed, PackedBlock& b) {
  const std::size_t start = std::min(archive.size(), at);
  const std::size_t avail = archive.size() - start;
  b.truncated = packed > avail;
  b.data = archive.subspan(start, static_cast<std::size_t>(std::min<std::uint64_t>(packed, avail)));
  return b.truncated;
}

PackedBlock packed_block(ByteView archive, std::size_t at, std::uint64_t packed, int raw_method,
                         PackedMethod method, std::uint64_t size, std::uint32_t crc) {
  PackedBlock b;
  b.raw_method = raw_method;
  b.method = method;
  b.size = size;
  b.crc = crc;
  place_block_data(archive, at, packed, b);
  return b;
}

std::string packed_entry_name(const PackedEntry& e) {
  if (e.utf8_name || is_valid_utf8(e.name)) return repair_utf8(e.name);
  return decode_text(as_bytes(e.name), "CP949").utf8;
}

bool packed_supported(const PackedEntry& e) {
  return std::all_of(e.blocks.begin(), e.blocks.end(), [](const PackedBlock& b) {
    return b.method == PackedMethod::kStored || b.method == PackedMethod::kDeflate ||
           b.method == PackedMethod::kArj || b.method == PackedMethod::kArjFastest;
  });
}

Result<PackedExtracted> extract_packed(const PackedEntry& e, std::size_t max_out,
                                       const std::vector<Bytes>* decrypted) {
  if (e.encrypted && (!decrypted || decrypted->size() != e.blocks.size()))
    return Status::error(ErrorCode::kUnsupported, "encrypted entry");
  if (!packed_supported(e))
    return Status::error(ErrorCode::kUnsupported, "compression method not supported");
  PackedExtracted out;
  for (std::size_t i = 0; i < e.blocks.size(); ++i) {
    const PackedBlock& b = e.blocks[i];
    const ByteView input = e.encrypted ? ByteView((*decrypted)[i]) : b.data;
    if (out.data.size() >= max_out) {
      out.capped = true;
      break;
    }
    const std::size_t room = max_out - out.data.size();
    Bytes piece;
    bool complete = !b.truncated;
    if (b.method == PackedMethod::kStored) {
      ByteView v = input.first(std::min(input.size(), room));
      if (v.size() < input.size()) out.capped = true;
      piece.assign(v.begin(), v.end());
    } else {
      Inflated inf = b.method == PackedMethod::kDeflate
                         ? inflate_bytes(input, DeflateWrapper::kRaw, room)
                         : arj_decode(input, b.raw_method, b.size, room);
      if (inf.capped) out.capped = true;
      if (inf.damaged || (!inf.complete && !inf.capped)) complete = false;
      piece = std::move(inf.data);
    }
    if (!complete) out.damaged = true;
    if (complete && !out.capped && (piece.size() != b.size || packed_crc32(piece) != b.crc))
      out.crc_ok = false;
    out.data.insert(out.data.end(), piece.begin(), piece.end());
    if (!complete) break;
  }
  return out;
}

}  // namespace lg
