// EGG archives: records as described in egg_reader.h. All integers little-endian.
#include "analyzers/archive/egg_reader.h"

#include <algorithm>
#include <string>

#include "core/reader.h"

namespace lg {
namespace {

constexpr std::uint32_t kEggHeader = 0x41474745;  // "EGGA"
constexpr std::uint32_t kSplit = 0x24F5A262;
constexpr std::uint32_t kSolid = 0x24E5A060;
constexpr std::uint32_t kGlobalEncrypt = 0x08D144A8;
constexpr std::uint32_t kSkip = 0xFFFF0000;
constexpr std::uint32_t kFileHeader = 0x0A8590E3;
constexpr std::uint32_t kFilename = 0x0A8591AC;
constexpr std::uint32_t kComment = 0x04C63672;
constexpr std::uint32_t kWindowsInfo = 0x2C86950B;
constexpr std::uint32_t kPosixInfo = 0x1EE922E5;
constexpr std::uint32_t kEncryptInfo = 0x08D1470F;
constexpr std::uint32_t kBlockHeader = 0x02B50C13;
constexpr std::uint32_t kDummy = 0x07463307;
constexpr std::uint32_t kEndMarker = 0x08E28222;

constexpr std::uint8_t kNameLocale = 0x10;    // filename flags bit 4: a code page follows
constexpr std::uint8_t kNameParent = 0x20;    // bit 5: a parent path id follows
constexpr std::uint8_t kWinDirectory = 0x80;  // Windows file info attribute
constexpr std::uint32_t kPosixTypeMask = 0170000;
constexpr std::uint32_t kPosixDirectory = 0040000;

PackedMethod method_of(int m) {
  switch (m) {
    case 0:
      return PackedMethod::kStored;
    case 1:
      return PackedMethod::kDeflate;
    case 2:
      return PackedMethod::kBzip2;
    case 3:
      return PackedMethod::kAzo;
    case 4:
      return PackedMethod::kLzma;
    default:
      return PackedMethod::kUnknown;
  }
}

// An extra-field sub-header at `pos` (its signature already read): flags and the body.
struct Extra {
  std::uint8_t flags = 0;
  ByteView body;
  std::size_t end = 0;  // offset after the body
};

std::optional<Extra> read_extra(const Reader& r, std::size_t pos) {
  auto flags = r.u8(pos + 4);
  if (!flags) return std::nullopt;
  std::size_t at = pos + 5;
  std::uint64_t size = 0;
  if (*flags & 0x01) {
    auto s = r.u32le(at);
    if (!s) return std::nullopt;
    size = *s;
    at += 4;
  } else {
    auto s = r.u16le(at);
    if (!s) return std::nullopt;
    size = *s;
    at += 2;
  }
  auto body = r.subspan(at, static_cast<std::size_t>(size));
  if (!body) return std::nullopt;
  return Extra{*flags, *body, at + static_cast<std::size_t>(size)};
}

class EggParse {
 public:
  explicit EggParse(ByteView data) : data_(data), r_(data) {}

  PackedArchive run() {
    if (r_.u32le(0) != kEggHeader) return fail("EGG: no EGG header");
    pos_ = 14;  // signature, version (2), header id (4), reserved (4)
    if (!read_prefix()) return std::move(out_);
    while (records_++ < kMaxPackedRecords) {
      auto sig = r_.u32le(pos_);
      if (!sig) return fail("EGG: archive ends without its end marker");
      if (*sig == kEndMarker) {
        out_.ended = true;
        break;
      }
      if (*sig == kComment || *sig == kDummy) {  // archive comment, split padding
        auto x = read_extra(r_, pos_);
        if (!x) return fail("EGG: sub-header cut short");
        pos_ = x->end;
        continue;
      }
      if (*sig != kFileHeader) return fail("EGG: unknown record at offset " + std::to_string(pos_));
      if (out_.entries.size() >= kMaxPackedEntries) {
        out_.capped = true;
        break;
      }
      if (!read_file()) break;
    }
    return std::move(out_);
  }

 private:
  PackedArchive fail(std::string what) {
    out_.anomalies.push_back(std::move(what));
    return std::move(out_);
  }

  // Split, solid and skip information, up to the end marker.
  bool read_prefix() {
    while (records_++ < kMaxPackedRecords) {
      auto sig = r_.u32le(pos_);
      if (!sig) break;
      if (*sig == kEndMarker) {
        pos_ += 4;
        return true;
      }
      if (*sig != kSplit && *sig != kSolid && *sig != kSkip && *sig != kGlobalEncrypt) break;
      auto x = read_extra(r_, pos_);
      if (!x) break;
      if (*sig == kSolid) out_.solid = true;
      pos_ = x->end;
    }
    out_.anomalies.push_back("EGG: damaged header section");
    return false;
  }

  bool read_file() {
    auto size = r_.u64le(pos_ + 8);  // after the signature and the file id
    if (!size) {
      out_.anomalies.push_back("EGG: file header cut short");
      return false;
    }
    PackedEntry e;
    e.size = *size;
    e.utf8_name = true;
    pos_ += 16;
    bool ended = false;
    while (!ended && records_++ < kMaxPackedRecords) {
      auto sig = r_.u32le(pos_);
      if (!sig) break;
      if (*sig == kEndMarker) {
        pos_ += 4;
        ended = true;
        break;
      }
      auto x = read_extra(r_, pos_);
      if (!x) break;
      Reader body(x->body);
      if (*sig == kFilename) {
        std::size_t skip = ((x->flags & kNameLocale) ? 2 : 0) + ((x->flags & kNameParent) ? 4 : 0);
        e.utf8_name = !(x->flags & kNameLocale);
        auto name = body.tail(std::min(skip, x->body.size()));
        e.name = std::string(as_chars(*name).substr(0, kMaxPackedName));
        std::replace(e.name.begin(), e.name.end(), '\\', '/');
      } else if (*sig == kWindowsInfo) {
        if (auto a = body.u8(8); a && (*a & kWinDirectory)) e.directory = true;
      } else if (*sig == kPosixInfo) {
        if (auto m = body.u32le(0); m && (*m & kPosixTypeMask) == kPosixDirectory)
          e.directory = true;
      } else if (*sig == kEncryptInfo) {
        e.encrypted = true;
        // Method 0 (traditional PKWARE): 12-byte header, then the CRC-32 whose top byte the
        // header's last decrypted byte must equal.
        if (body.u8(0) == 0 && x->body.size() >= 17) {
          e.zip_crypto_header = x->body.subspan(1, 12);
          e.zip_crypto_check = *body.u8(16);
        }
      } else if (*sig != kComment && *sig != kDummy) {
        out_.anomalies.push_back("EGG: unknown file sub-header");
        // Its extra-field framing still tells its size: skip it.
      }
      pos_ = x->end;
    }
    if (!ended) {
      out_.anomalies.push_back("EGG: file sub-headers cut short");
      out_.entries.push_back(std::move(e));
      return false;
    }
    bool ok = read_blocks(e);
    if (!e.directory && e.blocks.empty() && e.size == 0 && e.name.ends_with('/'))
      e.directory = true;
    out_.entries.push_back(std::move(e));
    return ok;
  }

  // Block headers: method (1), hint (1), unpacked size (4), packed size (4), CRC-32 (4),
  // end marker (4), then the packed bytes.
  bool read_blocks(PackedEntry& e) {
    while (records_++ < kMaxPackedRecords) {
      if (r_.u32le(pos_) != kBlockHeader) return true;  // the next file, comment or the end
      if (e.blocks.size() >= kMaxPackedBlocks) {
        out_.anomalies.push_back("EGG: too many blocks in one entry");
        return false;
      }
      auto method = r_.u8(pos_ + 4);
      auto usize = r_.u32le(pos_ + 6);
      auto psize = r_.u32le(pos_ + 10);
      auto crc = r_.u32le(pos_ + 14);
      auto end = r_.u32le(pos_ + 18);
      if (!method || !usize || !psize || !crc || !end) {
        out_.anomalies.push_back("EGG: block header cut short");
        return false;
      }
      if (*end != kEndMarker) {
        out_.anomalies.push_back("EGG: block header without its end marker");
        return false;
      }
      const std::size_t at = pos_ + 22;
      const PackedBlock b =
          packed_block(data_, at, *psize, *method, method_of(*method), *usize, *crc);
      e.blocks.push_back(b);
      if (b.truncated) {
        out_.anomalies.push_back("EGG: block data runs past the end of the archive");
        return false;
      }
      pos_ = at + *psize;
    }
    return false;
  }

  ByteView data_;
  Reader r_;
  PackedArchive out_;
  std::size_t pos_ = 0;
  std::size_t records_ = 0;
};

}  // namespace

PackedArchive read_egg(ByteView data) { return EggParse(data).run(); }

}  // namespace lg
