// UDIF (.dmg) reader: koly trailer, property list, mish block tables, chunk decoding.
#include "formats/disk/dmg.h"

#include <bzlib.h>

#include <algorithm>
#include <cstdio>
#include <pugixml.hpp>

#include "core/inflate.h"
#include "core/reader.h"
#include "core/transfer_encoding.h"
#include "formats/disk/adc.h"

namespace lg::disk {
namespace {

constexpr std::size_t kKolySize = 512;
constexpr std::uint64_t kSector = 512;
// mish: fixed part of 204 bytes (signature, version, SectorNumber at 8, SectorCount at 16,
// DataOffset at 24, ..., NumberOfBlockChunks at 200), then 40-byte chunk entries.
constexpr std::size_t kMishHeader = 204;
constexpr std::size_t kMishChunk = 40;

// The value node after <key>name</key> in a plist <dict>.
pugi::xml_node dict_value(pugi::xml_node dict, const char* name) {
  for (pugi::xml_node k = dict.child("key"); k; k = k.next_sibling("key")) {
    if (std::string_view(k.child_value()) == name) return k.next_sibling();
  }
  return {};
}

Status parse_mish(ByteView table, std::uint64_t data_fork, DmgPartition& p) {
  Reader m(table);
  if (!m.starts_with_at(0, "mish")) return Status::error(ErrorCode::kMalformed, "no mish");
  auto first = m.u64be(8), count = m.u64be(16), data_offset = m.u64be(24);
  auto chunks = m.u32be(200);
  if (!first || !count || !data_offset || !chunks) {
    return Status::error(ErrorCode::kTruncated, "mish header truncated");
  }
  p.first_sector = *first;
  p.sectors = *count;
  const std::uint32_t n = std::min(*chunks, kMaxDmgChunks);
  for (std::uint32_t i = 0; i < n; ++i) {  // bounded by kMaxDmgChunks
    auto c = m.subspan(kMishHeader + std::size_t{i} * kMishChunk, kMishChunk);
    if (!c) return Status::error(ErrorCode::kTruncated, "mish chunk table truncated");
    Reader cr(*c);
    DmgChunk ch{*cr.u32be(0), *cr.u64be(8), *cr.u64be(16), *cr.u64be(24), *cr.u64be(32)};
    if (ch.type == static_cast<std::uint32_t>(DmgChunkType::kTerminator)) break;
    if (ch.type == static_cast<std::uint32_t>(DmgChunkType::kComment)) continue;
    // Compressed offsets count from the data fork, plus the table's DataOffset.
    if (ch.offset > UINT64_MAX - data_fork - *data_offset) {
      return Status::error(ErrorCode::kMalformed, "chunk offset overflows");
    }
    ch.offset += data_fork + *data_offset;
    p.chunks.push_back(ch);
  }
  if (*chunks > kMaxDmgChunks) {
    return Status::error(ErrorCode::kLimit,
                         "more than " + std::to_string(kMaxDmgChunks) + " chunks in one partition");
  }
  return Status::ok();
}

}  // namespace

bool is_encrypted_dmg(ByteView file) {
  Reader r(file);
  return r.starts_with_at(0, "encrcdsa") ||
         (r.size() >= 8 && r.starts_with_at(r.size() - 8, "cdsaencr"));
}

std::string dmg_chunk_type_name(std::uint32_t type) {
  switch (static_cast<DmgChunkType>(type)) {
    case DmgChunkType::kZeroFill:
      return "zero";
    case DmgChunkType::kRaw:
      return "raw";
    case DmgChunkType::kIgnore:
      return "ignore";
    case DmgChunkType::kAdc:
      return "adc";
    case DmgChunkType::kZlib:
      return "zlib";
    case DmgChunkType::kBzip2:
      return "bzip2";
    case DmgChunkType::kLzfse:
      return "lzfse";
    case DmgChunkType::kLzma:
      return "lzma";
    default:
      break;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", type);
  return buf;
}

Result<DmgImage> parse_dmg(ByteView file) {
  Reader r(file);
  if (r.size() < kKolySize || !r.starts_with_at(r.size() - kKolySize, "koly")) {
    return Status::error(ErrorCode::kMalformed, "no UDIF trailer (\"koly\")");
  }
  Reader k(*r.subspan(r.size() - kKolySize, kKolySize));
  DmgImage img;
  img.version = *k.u32be(4);
  const std::uint64_t data_fork = *k.u64be(24);
  const std::uint64_t xml_offset = *k.u64be(216), xml_length = *k.u64be(224);
  img.image_variant = *k.u32be(488);
  img.sector_count = *k.u64be(492);
  if (xml_length == 0) {
    return Status::error(ErrorCode::kUnsupported, "UDIF without an XML property list");
  }
  if (xml_length > kMaxDmgPlistBytes) {
    return Status::error(ErrorCode::kLimit,
                         "property list of " + std::to_string(xml_length) + " bytes, over the cap");
  }
  if (xml_offset > r.size()) return Status::error(ErrorCode::kTruncated, "plist past the end");
  auto xml = r.subspan(static_cast<std::size_t>(xml_offset), static_cast<std::size_t>(xml_length));
  if (!xml) return Status::error(ErrorCode::kTruncated, "plist truncated");
  pugi::xml_document doc;
  // parse_default has no DOCTYPE processing and pugixml never loads external entities.
  auto ok = doc.load_buffer(xml->data(), xml->size(), pugi::parse_default);
  if (!ok) return Status::error(ErrorCode::kMalformed, std::string("plist: ") + ok.description());
  pugi::xml_node blkx =
      dict_value(dict_value(doc.child("plist").child("dict"), "resource-fork"), "blkx");
  if (!blkx) return Status::error(ErrorCode::kMalformed, "plist without resource-fork/blkx");
  for (pugi::xml_node d = blkx.child("dict"); d; d = d.next_sibling("dict")) {
    if (img.partitions.size() >= kMaxDmgPartitions) {
      img.problems.push_back("more than " + std::to_string(kMaxDmgPartitions) + " partitions");
      break;
    }
    DmgPartition p;
    p.name = dict_value(d, "Name").child_value();
    if (p.name.empty()) p.name = dict_value(d, "CFName").child_value();
    Decoding table = decode_base64(dict_value(d, "Data").child_value(),
                                   kMishHeader + std::size_t{kMaxDmgChunks} * kMishChunk);
    if (Status s = parse_mish(table.data, data_fork, p); !s.is_ok()) {
      img.problems.push_back("partition \"" + p.name + "\": " + s.message());
      if (s.code() != ErrorCode::kLimit) continue;
    }
    img.partitions.push_back(std::move(p));
  }
  return img;
}

Result<DmgPartitionImage> reassemble_dmg_partition(ByteView file, const DmgPartition& p,
                                                   std::uint64_t max_out) {
  if (p.sectors > max_out / kSector) {
    return Status::error(ErrorCode::kLimit, "partition of " + std::to_string(p.sectors) +
                                                " sectors, over " + std::to_string(max_out) +
                                                " bytes");
  }
  DmgPartitionImage out;
  out.data.assign(static_cast<std::size_t>(p.sectors * kSector), 0);
  Reader r(file);
  std::size_t unsupported = 0;
  std::uint64_t decoded_sectors = 0;
  for (const DmgChunk& c : p.chunks) {  // bounded by kMaxDmgChunks
    const auto type = static_cast<DmgChunkType>(c.type);
    if (type == DmgChunkType::kZeroFill || type == DmgChunkType::kIgnore) continue;
    if (c.sector > p.sectors || c.sectors > p.sectors - c.sector) {
      out.problems.push_back("chunk outside its partition at sector " + std::to_string(c.sector));
      continue;
    }
    // Chunks that overlap could make one partition decode many times its size.
    if (c.sectors > p.sectors - decoded_sectors) {
      out.problems.push_back("chunks cover more than their partition; the rest is not decoded");
      break;
    }
    decoded_sectors += c.sectors;
    const std::size_t at = static_cast<std::size_t>(c.sector * kSector);
    const std::size_t want = static_cast<std::size_t>(c.sectors * kSector);
    std::optional<ByteView> src;
    if (c.offset <= r.size()) {
      src = r.subspan(static_cast<std::size_t>(c.offset),
                      static_cast<std::size_t>(std::min<std::uint64_t>(c.length, r.size())));
    }
    if (!src) {
      out.problems.push_back("chunk data past the end of the file");
      continue;
    }
    Bytes decoded;
    bool damaged = false;
    switch (type) {
      case DmgChunkType::kRaw:
        decoded.assign(src->begin(),
                       src->begin() + static_cast<std::ptrdiff_t>(std::min(src->size(), want)));
        break;
      case DmgChunkType::kZlib: {
        Inflated inf = inflate_bytes(*src, DeflateWrapper::kZlib, want);
        decoded = std::move(inf.data);
        damaged = inf.damaged;
        break;
      }
      case DmgChunkType::kAdc: {
        AdcResult a = adc_decompress(*src, want);
        decoded = std::move(a.data);
        damaged = a.damaged;
        break;
      }
      case DmgChunkType::kBzip2: {
        decoded.assign(want, 0);
        unsigned int n = static_cast<unsigned int>(want);
        // One bounded call: the output buffer is the chunk's declared size.
        int rc = BZ2_bzBuffToBuffDecompress(
            reinterpret_cast<char*>(decoded.data()), &n,
            const_cast<char*>(reinterpret_cast<const char*>(src->data())),
            static_cast<unsigned int>(src->size()), 0, 0);
        if (rc != BZ_OK) damaged = true;
        decoded.resize(rc == BZ_OK ? n : 0);
        break;
      }
      default:
        ++unsupported;
        if (unsupported == 1) {
          out.problems.push_back("chunk type " + dmg_chunk_type_name(c.type) + " not supported");
        }
        continue;
    }
    if (damaged) {
      out.problems.push_back(dmg_chunk_type_name(c.type) + " chunk at sector " +
                             std::to_string(c.sector) + " damaged");
    }
    std::copy(decoded.begin(),
              decoded.begin() + static_cast<std::ptrdiff_t>(std::min(decoded.size(), want)),
              out.data.begin() + static_cast<std::ptrdiff_t>(at));
  }
  return out;
}

}  // namespace lg::disk
