#pragma once
/// Test helper (header-only, never linked into the product): writes small disk images by the
/// same specifications the readers implement, so tests need no binary fixtures. A FAT12/16
/// formatter (files in the root and one level of directories, long names), an MBR, fixed and
/// dynamic VHDs, a VHDX and a UDIF DMG with zlib, bzip2 or raw chunks.
#include <bzlib.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/testing/zlib_writer.h"
#include "core/transfer_encoding.h"

namespace lg::disk::testing {

inline void put16le(Bytes& b, std::size_t at, std::uint32_t v) {
  b[at] = v & 0xFF;
  b[at + 1] = (v >> 8) & 0xFF;
}
inline void put32le(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = (v >> (8 * i)) & 0xFF;
}
inline void put64le(Bytes& b, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = (v >> (8 * i)) & 0xFF;
}
inline void put32be(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = (v >> (8 * (3 - i))) & 0xFF;
}
inline void put64be(Bytes& b, std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) b[at + i] = (v >> (8 * (7 - i))) & 0xFF;
}
inline void put_str(Bytes& b, std::size_t at, std::string_view s) {
  std::copy(s.begin(), s.end(), b.begin() + at);
}

struct FatFileSpec {
  std::string path;  // "name.ext" or "dir/name.ext"
  std::string data;
  bool hidden = false;
};

struct FatSpec {
  int bits = 12;                       // 12 or 16
  std::uint32_t total_sectors = 2880;  // 1.44 MB floppy; FAT16 needs >= 4085 clusters
  std::uint8_t sectors_per_cluster = 1;
  std::uint16_t root_entries = 224;
};

/// A FAT12 or FAT16 volume ([FAT32 spec] 3, 4, 6, 7) holding `files`.
inline Bytes make_fat(const FatSpec& spec, const std::vector<FatFileSpec>& files) {
  const std::uint32_t bps = 512, spc = spec.sectors_per_cluster;
  const std::uint32_t root_sectors = (spec.root_entries * 32u + bps - 1) / bps;
  const std::uint32_t approx_clusters = spec.total_sectors / spc + 2;
  const std::uint32_t fat_bytes =
      spec.bits == 12 ? (approx_clusters * 3 + 1) / 2 : approx_clusters * 2;
  const std::uint32_t fatsz = (fat_bytes + bps - 1) / bps;
  const std::uint32_t rsvd = 1, nfats = 2;
  const std::uint32_t data_sector = rsvd + nfats * fatsz + root_sectors;
  const std::uint32_t cluster_bytes = bps * spc;
  Bytes vol(std::size_t{spec.total_sectors} * bps, 0);
  // Boot sector and BPB (section 3.1, 3.2).
  vol[0] = 0xEB, vol[1] = 0x3C, vol[2] = 0x90;
  put_str(vol, 3, "MSWIN4.1");
  put16le(vol, 11, bps);
  vol[13] = static_cast<std::uint8_t>(spc);
  put16le(vol, 14, rsvd);
  vol[16] = nfats;
  put16le(vol, 17, spec.root_entries);
  if (spec.total_sectors < 0x10000) {
    put16le(vol, 19, spec.total_sectors);
  } else {
    put32le(vol, 32, spec.total_sectors);
  }
  vol[21] = 0xF8;
  put16le(vol, 22, fatsz);
  vol[38] = 0x29;
  put_str(vol, 43, "LUREGUARD  ");
  put_str(vol, 54, spec.bits == 12 ? "FAT12   " : "FAT16   ");
  vol[510] = 0x55, vol[511] = 0xAA;
  std::vector<std::uint32_t> fat(approx_clusters, 0);
  fat[0] = spec.bits == 12 ? 0xFF8 : 0xFFF8;
  fat[1] = spec.bits == 12 ? 0xFFF : 0xFFFF;
  const std::uint32_t eoc = spec.bits == 12 ? 0xFFF : 0xFFFF;
  std::uint32_t next_free = 2;
  auto cluster_at = [&](std::uint32_t c) {
    return (std::size_t{data_sector} + std::size_t{c - 2} * spc) * bps;
  };
  // Allocates a chain for `data` and writes it; returns the first cluster (0 when empty).
  auto store = [&](const std::string& data) -> std::uint32_t {
    if (data.empty()) return 0;
    const std::uint32_t n =
        static_cast<std::uint32_t>((data.size() + cluster_bytes - 1) / cluster_bytes);
    const std::uint32_t first = next_free;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::uint32_t c = next_free++;
      fat[c] = i + 1 < n ? c + 1 : eoc;
      const std::size_t off = std::size_t{i} * cluster_bytes;
      const std::size_t len = std::min<std::size_t>(cluster_bytes, data.size() - off);
      std::memcpy(vol.data() + cluster_at(c), data.data() + off, len);
    }
    return first;
  };
  // Directory entries with a long name for every file (section 7), short names "Fnnnnnnn.EXT".
  int serial = 0;
  auto entries_for = [&](const std::string& name, std::uint8_t attr, std::uint32_t cluster,
                         std::uint32_t size) {
    std::string ext;
    if (auto dot = name.rfind('.'); dot != std::string::npos) ext = name.substr(dot + 1);
    std::string short_name = std::to_string(++serial % 10000000);
    short_name = "F" + std::string(7 - short_name.size(), '0') + short_name;
    std::string e3 = ext.substr(0, 3);
    for (auto& ch : e3) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    short_name += e3 + std::string(3 - e3.size(), ' ');
    std::uint8_t sum = 0;
    for (char ch : short_name) {
      sum = static_cast<std::uint8_t>(((sum & 1) ? 0x80 : 0) + (sum >> 1) + std::uint8_t(ch));
    }
    std::u16string u(name.begin(), name.end());  // test names are ASCII
    const std::size_t pieces = (u.size() + 12) / 13;
    Bytes out;
    for (std::size_t k = pieces; k >= 1; --k) {
      Bytes e(32, 0);
      e[0] = static_cast<std::uint8_t>(k | (k == pieces ? 0x40 : 0));
      e[11] = 0x0F;
      e[13] = sum;
      const std::size_t offs[13] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
      for (std::size_t i = 0; i < 13; ++i) {
        const std::size_t idx = (k - 1) * 13 + i;
        std::uint16_t ch = idx < u.size() ? u[idx] : (idx == u.size() ? 0 : 0xFFFF);
        put16le(e, offs[i], ch);
      }
      out.insert(out.end(), e.begin(), e.end());
    }
    Bytes s(32, 0);
    put_str(s, 0, short_name);
    s[11] = attr;
    put16le(s, 20, cluster >> 16);
    put16le(s, 26, cluster & 0xFFFF);
    put32le(s, 28, size);
    out.insert(out.end(), s.begin(), s.end());
    return out;
  };
  std::map<std::string, Bytes> subdirs;  // name -> entries
  Bytes root;
  for (const auto& f : files) {
    auto slash = f.path.find('/');
    std::string name = slash == std::string::npos ? f.path : f.path.substr(slash + 1);
    Bytes e = entries_for(name, f.hidden ? 0x22 : 0x20, store(f.data),
                          static_cast<std::uint32_t>(f.data.size()));
    Bytes& dir = slash == std::string::npos ? root : subdirs[f.path.substr(0, slash)];
    dir.insert(dir.end(), e.begin(), e.end());
  }
  for (auto& [name, entries] : subdirs) {
    const std::uint32_t first = next_free;
    Bytes dot(64, 0);
    put_str(dot, 0, ".          ");
    dot[11] = 0x10;
    put16le(dot, 26, first);
    put_str(dot, 32, "..         ");
    dot[43] = 0x10;
    Bytes content = dot;
    content.insert(content.end(), entries.begin(), entries.end());
    content.resize(std::max<std::size_t>(content.size(), cluster_bytes), 0);
    std::uint32_t c = store(std::string(content.begin(), content.end()));
    Bytes e = entries_for(name, 0x10, c, 0);
    root.insert(root.end(), e.begin(), e.end());
  }
  std::copy(root.begin(), root.begin() + std::min<std::size_t>(root.size(), root_sectors * bps),
            vol.begin() + (std::size_t{rsvd} + nfats * fatsz) * bps);
  for (std::uint32_t n = 0; n < nfats; ++n) {
    const std::size_t base = (std::size_t{rsvd} + n * fatsz) * bps;
    for (std::uint32_t c = 0; c < approx_clusters; ++c) {
      if (spec.bits == 16) {
        put16le(vol, base + c * 2, fat[c]);
        continue;
      }
      const std::size_t off = base + c + c / 2;
      std::uint32_t cur = vol[off] | (vol[off + 1] << 8);
      cur = (c & 1) ? ((cur & 0x000F) | (fat[c] << 4)) : ((cur & 0xF000) | fat[c]);
      put16le(vol, off, cur);
    }
  }
  return vol;
}

/// A disk with an MBR (UEFI 5.2.1) and one partition of `type` at LBA 2048 holding `volume`.
inline Bytes make_mbr_disk(const Bytes& volume, std::uint8_t type) {
  Bytes disk(std::size_t{2048} * 512 + volume.size(), 0);
  disk[446] = 0x80;
  disk[446 + 4] = type;
  put32le(disk, 446 + 8, 2048);
  put32le(disk, 446 + 12, static_cast<std::uint32_t>(volume.size() / 512));
  disk[510] = 0x55, disk[511] = 0xAA;
  std::copy(volume.begin(), volume.end(), disk.begin() + 2048 * 512);
  return disk;
}

/// The VHD footer ("Hard Disk Footer Format") for a disk of `size` bytes.
inline Bytes vhd_footer(std::uint64_t size, std::uint32_t type, std::uint64_t data_offset) {
  Bytes f(512, 0);
  put_str(f, 0, "conectix");
  put32be(f, 8, 2);
  put32be(f, 12, 0x00010000);
  put64be(f, 16, data_offset);
  put_str(f, 28, "test");
  put64be(f, 40, size);
  put64be(f, 48, size);
  put32be(f, 60, type);
  std::uint32_t sum = 0;
  for (auto b : f) sum += b;
  put32be(f, 64, ~sum);
  return f;
}

/// A fixed VHD: the disk, then the footer. `disk` is padded to whole sectors.
inline Bytes make_fixed_vhd(Bytes disk) {
  disk.resize((disk.size() + 511) / 512 * 512, 0);
  Bytes footer = vhd_footer(disk.size(), 2, ~std::uint64_t{0});
  disk.insert(disk.end(), footer.begin(), footer.end());
  return disk;
}

/// A dynamic VHD of `virtual_size` bytes (2 MiB blocks by default) holding `disk` at its
/// start; only blocks with a non-zero byte are allocated.
inline Bytes make_dynamic_vhd(const Bytes& disk, std::uint64_t virtual_size,
                              std::uint64_t block = 2u << 20) {
  const std::uint64_t blocks = (virtual_size + block - 1) / block;
  Bytes out = vhd_footer(virtual_size, 3, 512);
  Bytes header(1024, 0);
  put_str(header, 0, "cxsparse");
  put64be(header, 8, ~std::uint64_t{0});
  put64be(header, 16, 1536);
  put32be(header, 24, 0x00010000);
  put32be(header, 28, static_cast<std::uint32_t>(blocks));
  put32be(header, 32, static_cast<std::uint32_t>(block));
  out.insert(out.end(), header.begin(), header.end());
  Bytes bat((blocks * 4 + 511) / 512 * 512, 0xFF);
  const std::size_t bat_at = out.size();
  out.insert(out.end(), bat.begin(), bat.end());
  for (std::uint64_t b = 0; b < blocks && b * block < disk.size(); ++b) {
    const std::size_t from = static_cast<std::size_t>(b * block);
    const std::size_t len = std::min<std::size_t>(block, disk.size() - from);
    if (std::all_of(disk.begin() + from, disk.begin() + from + len, [](auto c) { return c == 0; }))
      continue;
    const std::uint32_t sector = static_cast<std::uint32_t>(out.size() / 512);
    for (int i = 0; i < 4; ++i) out[bat_at + b * 4 + i] = (sector >> (8 * (3 - i))) & 0xFF;
    const std::size_t bitmap = ((block / 512 + 7) / 8 + 511) / 512 * 512;
    out.insert(out.end(), bitmap, 0xFF);  // sector bitmap: all sectors present
    out.insert(out.end(), disk.begin() + from, disk.begin() + from + len);
    out.resize(out.size() + (block - len), 0);
  }
  Bytes footer = vhd_footer(virtual_size, 3, 512);
  out.insert(out.end(), footer.begin(), footer.end());
  return out;
}

/// A VHDX ([MS-VHDX] 2.2 to 2.6) of `virtual_size` bytes with 1 MiB blocks holding `disk`;
/// only blocks with a non-zero byte are present.
inline Bytes make_vhdx(const Bytes& disk, std::uint64_t virtual_size) {
  const std::uint64_t mib = 1u << 20;
  Bytes out(3 * mib, 0);
  put_str(out, 0, "vhdxfile");
  for (std::size_t h : {64u << 10, 128u << 10}) {
    put_str(out, h, "head");
    put64le(out, h + 8, h == (64u << 10) ? 1 : 2);
    put16le(out, h + 66, 1);
  }
  const std::uint8_t bat_guid[16] = {0x66, 0x77, 0xC2, 0x2D, 0x23, 0xF6, 0x00, 0x42,
                                     0x9D, 0x64, 0x11, 0x5E, 0x9B, 0xFD, 0x4A, 0x08};
  const std::uint8_t meta_guid[16] = {0x06, 0xA2, 0x7C, 0x8B, 0x90, 0x47, 0x9A, 0x4B,
                                      0xB8, 0xFE, 0x57, 0x5F, 0x05, 0x0F, 0x88, 0x6E};
  for (std::size_t t : {192u << 10, 256u << 10}) {
    put_str(out, t, "regi");
    put32le(out, t + 8, 2);
    std::memcpy(out.data() + t + 16, bat_guid, 16);
    put64le(out, t + 16 + 16, 1 * mib);
    put32le(out, t + 16 + 24, static_cast<std::uint32_t>(mib));
    put32le(out, t + 16 + 28, 1);
    std::memcpy(out.data() + t + 48, meta_guid, 16);
    put64le(out, t + 48 + 16, 2 * mib);
    put32le(out, t + 48 + 24, static_cast<std::uint32_t>(mib));
    put32le(out, t + 48 + 28, 1);
  }
  // Metadata table at 2 MiB: file parameters, virtual disk size, logical sector size.
  const std::size_t m = 2 * mib;
  put_str(out, m, "metadata");
  put16le(out, m + 10, 3);
  const std::uint8_t params[16] = {0x37, 0x67, 0xA1, 0xCA, 0x36, 0xFA, 0x43, 0x4D,
                                   0xB3, 0xB6, 0x33, 0xF0, 0xAA, 0x44, 0xE7, 0x6B};
  const std::uint8_t vsize[16] = {0x24, 0x42, 0xA5, 0x2F, 0x1B, 0xCD, 0x76, 0x48,
                                  0xB2, 0x11, 0x5D, 0xBE, 0xD8, 0x3B, 0xF4, 0xB8};
  const std::uint8_t lss[16] = {0x1D, 0xBF, 0x41, 0x81, 0x6F, 0xA9, 0x09, 0x47,
                                0xBA, 0x47, 0xF2, 0x33, 0xA8, 0xFA, 0xAB, 0x5F};
  const std::uint8_t* ids[3] = {params, vsize, lss};
  for (std::size_t i = 0; i < 3; ++i) {
    std::memcpy(out.data() + m + 32 + i * 32, ids[i], 16);
    put32le(out, m + 32 + i * 32 + 16, static_cast<std::uint32_t>(64 * 1024 + i * 8));
    put32le(out, m + 32 + i * 32 + 20, 8);
  }
  put32le(out, m + 64 * 1024, static_cast<std::uint32_t>(mib));  // block size
  put64le(out, m + 64 * 1024 + 8, virtual_size);
  put32le(out, m + 64 * 1024 + 16, 512);
  // BAT at 1 MiB; payload blocks appended from 3 MiB.
  const std::uint64_t blocks = (virtual_size + mib - 1) / mib;
  const std::uint64_t chunk_ratio = (std::uint64_t{1} << 23) * 512 / mib;
  for (std::uint64_t b = 0; b < blocks && b * mib < disk.size(); ++b) {
    const std::size_t from = static_cast<std::size_t>(b * mib);
    const std::size_t len = std::min<std::size_t>(mib, disk.size() - from);
    if (std::all_of(disk.begin() + from, disk.begin() + from + len, [](auto c) { return c == 0; }))
      continue;
    const std::uint64_t offset_mb = out.size() / mib;
    put64le(out, mib + (b + b / chunk_ratio) * 8, (offset_mb << 20) | 6);
    out.insert(out.end(), disk.begin() + from, disk.begin() + from + len);
    out.resize(out.size() + (mib - len), 0);
  }
  return out;
}

/// A UDIF DMG with one partition holding `partition` (padded to sectors) in chunks of
/// `chunk_sectors` sectors, each of `chunk_type` (1 raw, 0x80000004 ADC as literal runs,
/// 0x80000005 zlib, 0x80000006 bzip2, others stored raw under that type).
inline Bytes make_dmg(Bytes partition, std::uint32_t chunk_type, std::uint32_t chunk_sectors = 2048,
                      const std::string& name = "disk image (Apple_HFS : 1)") {
  partition.resize((partition.size() + 511) / 512 * 512, 0);
  const std::uint64_t sectors = partition.size() / 512;
  Bytes out;
  Bytes chunks;
  std::uint32_t count = 0;
  for (std::uint64_t s = 0; s < sectors; s += chunk_sectors) {
    const std::uint64_t n = std::min<std::uint64_t>(chunk_sectors, sectors - s);
    const Bytes raw(partition.begin() + s * 512, partition.begin() + (s + n) * 512);
    Bytes packed;
    if (chunk_type == 0x80000005) {
      packed = to_bytes(lg::testing::zlib_compress(as_chars(raw), 6));
    } else if (chunk_type == 0x80000006) {
      unsigned int len = static_cast<unsigned int>(raw.size() + raw.size() / 100 + 600);
      packed.resize(len);
      BZ2_bzBuffToBuffCompress(reinterpret_cast<char*>(packed.data()), &len,
                               const_cast<char*>(reinterpret_cast<const char*>(raw.data())),
                               static_cast<unsigned int>(raw.size()), 9, 0, 0);
      packed.resize(len);
    } else if (chunk_type == 0x80000004) {
      for (std::size_t i = 0; i < raw.size(); i += 128) {
        const std::size_t n = std::min<std::size_t>(128, raw.size() - i);
        packed.push_back(static_cast<std::uint8_t>(0x80 | (n - 1)));
        packed.insert(packed.end(), raw.begin() + i, raw.begin() + i + n);
      }
    } else {
      packed = raw;
    }
    Bytes c(40, 0);
    put32be(c, 0, chunk_type);
    put64be(c, 8, s);
    put64be(c, 16, n);
    put64be(c, 24, out.size());
    put64be(c, 32, packed.size());
    chunks.insert(chunks.end(), c.begin(), c.end());
    out.insert(out.end(), packed.begin(), packed.end());
    ++count;
  }
  Bytes term(40, 0);
  put32be(term, 0, 0xFFFFFFFF);
  put64be(term, 8, sectors);
  chunks.insert(chunks.end(), term.begin(), term.end());
  ++count;
  Bytes mish(204, 0);
  put_str(mish, 0, "mish");
  put32be(mish, 4, 1);
  put64be(mish, 16, sectors);
  put32be(mish, 200, count);
  mish.insert(mish.end(), chunks.begin(), chunks.end());
  const std::uint64_t data_length = out.size();
  std::string plist =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n"
      "<key>resource-fork</key>\n<dict>\n<key>blkx</key>\n<array>\n<dict>\n"
      "<key>Attributes</key><string>0x0050</string>\n<key>Data</key><data>" +
      encode_base64(mish) + "</data>\n<key>ID</key><string>0</string>\n<key>Name</key><string>" +
      name + "</string>\n</dict>\n</array>\n</dict>\n</dict>\n</plist>\n";
  const std::uint64_t xml_offset = out.size();
  out.insert(out.end(), plist.begin(), plist.end());
  Bytes koly(512, 0);
  put_str(koly, 0, "koly");
  put32be(koly, 4, 4);
  put32be(koly, 8, 512);
  put32be(koly, 12, 1);
  put64be(koly, 24, 0);
  put64be(koly, 32, data_length);
  put64be(koly, 216, xml_offset);
  put64be(koly, 224, plist.size());
  put32be(koly, 488, 1);
  put64be(koly, 492, sectors);
  out.insert(out.end(), koly.begin(), koly.end());
  return out;
}

}  // namespace lg::disk::testing
