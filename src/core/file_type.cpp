// Content-based type identification: magic numbers at fixed offsets and a few structural
// checks. Every read goes through lg::Reader; the work per input is bounded (fixed offsets,
// a 1 KiB PDF window, at most 17 ISO/UDF volume descriptors, the text prefix in
// file_type_text.cpp, the ZIP/OLE2 caps in file_type_zip.cpp and file_type_ole.cpp).
#include "core/file_type.h"

#include <array>
#include <cstdint>
#include <string_view>

#include "core/file_type_internal.h"
#include "core/reader.h"

namespace lg {
namespace {

using namespace std::string_view_literals;
using file_type_internal::identify_mail;
using file_type_internal::identify_text;
using file_type_internal::refine_ole2;
using file_type_internal::refine_zip;

struct TypeInfo {
  FileType type;
  std::string_view name;
  std::string_view mime;
};

// One row per enum value, in enum order (checked by a test).
constexpr std::array kTypes = {
    TypeInfo{FileType::kUnknown, "unknown", ""},
    TypeInfo{FileType::kMessage, "message", "message/rfc822"},
    TypeInfo{FileType::kMbox, "mbox", "application/mbox"},
    TypeInfo{FileType::kOle2, "ole2", "application/x-ole-storage"},
    TypeInfo{FileType::kZip, "zip", "application/zip"},
    TypeInfo{FileType::kOoxmlWord, "ooxml_word",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    TypeInfo{FileType::kOoxmlExcel, "ooxml_excel",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    TypeInfo{FileType::kOoxmlPowerpoint, "ooxml_powerpoint",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    TypeInfo{FileType::kHwpx, "hwpx", "application/hwp+zip"},
    TypeInfo{FileType::kJar, "jar", "application/java-archive"},
    TypeInfo{FileType::kApk, "apk", "application/vnd.android.package-archive"},
    TypeInfo{FileType::kOdf, "odf", ""},  // the subtype (text, spreadsheet, ...) is not kept
    TypeInfo{FileType::kRar, "rar", "application/vnd.rar"},
    TypeInfo{FileType::kSevenZip, "seven_zip", "application/x-7z-compressed"},
    TypeInfo{FileType::kGzip, "gzip", "application/gzip"},
    TypeInfo{FileType::kBzip2, "bzip2", "application/x-bzip2"},
    TypeInfo{FileType::kXz, "xz", "application/x-xz"},
    TypeInfo{FileType::kZstd, "zstd", "application/zstd"},
    TypeInfo{FileType::kTar, "tar", "application/x-tar"},
    TypeInfo{FileType::kIso9660, "iso9660", "application/x-iso9660-image"},
    TypeInfo{FileType::kUdf, "udf", "application/x-udf-image"},
    TypeInfo{FileType::kVhd, "vhd", "application/x-vhd"},
    TypeInfo{FileType::kVhdx, "vhdx", "application/x-vhdx"},
    TypeInfo{FileType::kDmg, "dmg", "application/x-apple-diskimage"},
    TypeInfo{FileType::kNtfs, "ntfs", ""},
    TypeInfo{FileType::kHfsPlus, "hfsplus", ""},
    TypeInfo{FileType::kApfs, "apfs", ""},
    TypeInfo{FileType::kCab, "cab", "application/vnd.ms-cab-compressed"},
    TypeInfo{FileType::kChm, "chm", "application/vnd.ms-htmlhelp"},
    TypeInfo{FileType::kXar, "xar", "application/x-xar"},
    TypeInfo{FileType::kCpio, "cpio", "application/x-cpio"},
    TypeInfo{FileType::kArj, "arj", "application/x-arj"},
    TypeInfo{FileType::kLha, "lha", "application/x-lzh-compressed"},
    TypeInfo{FileType::kEgg, "egg", "application/x-egg"},
    TypeInfo{FileType::kAlz, "alz", "application/x-alz"},
    TypeInfo{FileType::kTnef, "tnef", "application/ms-tnef"},
    TypeInfo{FileType::kSzdd, "szdd", "application/x-ms-compress-szdd"},
    TypeInfo{FileType::kSis, "sis", "application/vnd.symbian.install"},
    TypeInfo{FileType::kPdf, "pdf", "application/pdf"},
    TypeInfo{FileType::kRtf, "rtf", "application/rtf"},
    TypeInfo{FileType::kLnk, "lnk", "application/x-ms-shortcut"},
    TypeInfo{FileType::kOneNote, "onenote", "application/onenote"},
    TypeInfo{FileType::kHwp, "hwp", "application/x-hwp"},
    TypeInfo{FileType::kSylk, "sylk", "application/x-sylk"},
    TypeInfo{FileType::kPe, "pe", "application/vnd.microsoft.portable-executable"},
    TypeInfo{FileType::kElf, "elf", "application/x-elf"},
    TypeInfo{FileType::kMachO, "mach_o", "application/x-mach-binary"},
    TypeInfo{FileType::kMachOFat, "mach_o_fat", "application/x-mach-binary"},
    TypeInfo{FileType::kHtml, "html", "text/html"},
    TypeInfo{FileType::kJavaScript, "javascript", "text/javascript"},
    TypeInfo{FileType::kVbScript, "vbscript", "text/vbscript"},
    TypeInfo{FileType::kPowerShell, "powershell", "text/x-powershell"},
    TypeInfo{FileType::kBatch, "batch", "text/x-msdos-batch"},
    TypeInfo{FileType::kHta, "hta", "application/hta"},
    TypeInfo{FileType::kWsf, "wsf", "text/xml"},
    TypeInfo{FileType::kEncodedScript, "encoded_script", ""},
    TypeInfo{FileType::kPng, "png", "image/png"},
    TypeInfo{FileType::kJpeg, "jpeg", "image/jpeg"},
    TypeInfo{FileType::kGif, "gif", "image/gif"},
    TypeInfo{FileType::kText, "text", "text/plain"},
};
static_assert(kTypes.size() == static_cast<std::size_t>(FileType::kText) + 1);

const TypeInfo& info(FileType t) {
  auto i = static_cast<std::size_t>(t);
  return i < kTypes.size() ? kTypes[i] : kTypes[0];
}

// PE: [MS-PECOFF] 1 and 3.2: "MZ" DOS header, e_lfanew at 0x3C points to "PE\0\0".
bool is_pe(const Reader& r) {
  if (!r.starts_with_at(0, "MZ")) return false;
  auto lfanew = r.u32le(0x3C);
  return lfanew && r.starts_with_at(*lfanew, "PE\0\0"sv);
}

// ELF: System V gABI 4.1 e_ident: 7F 'E' 'L' 'F', EI_CLASS 1|2, EI_DATA 1|2.
bool is_elf(const Reader& r) {
  if (!r.starts_with_at(0,
                        "\x7F"
                        "ELF"))
    return false;
  auto cls = r.u8(4), data = r.u8(5);
  return cls && data && (*cls == 1 || *cls == 2) && (*data == 1 || *data == 2);
}

// Mach-O <mach-o/loader.h> MH_MAGIC(_64) in either byte order.
bool is_mach_o(const Reader& r) {
  auto m = r.u32be(0);
  return m && (*m == 0xFEEDFACE || *m == 0xFEEDFACF || *m == 0xCEFAEDFE || *m == 0xCFFAEDFE);
}

// Universal binary <mach-o/fat.h>: FAT_MAGIC(_64) big-endian, then nfat_arch. Java class files
// share CAFEBABE but hold minor/major version there, and major >= 45, so nfat_arch must be
// 1..44 (real ones have a handful) and the fat_arch table (20 or 32 bytes each) must fit.
bool is_mach_o_fat(const Reader& r) {
  auto m = r.u32be(0);
  if (!m || (*m != 0xCAFEBABE && *m != 0xCAFEBABF)) return false;
  auto n = r.u32be(4);
  if (!n || *n == 0 || *n >= 45) return false;
  std::size_t entry = *m == 0xCAFEBABE ? 20 : 32;
  return r.has(8, entry * *n);
}

// [MS-SHLLINK] 2.1: HeaderSize 0x4C and LinkCLSID 00021401-0000-0000-C000-000000000046.
bool is_lnk(const Reader& r) {
  static constexpr std::string_view kClsid =
      "\x01\x14\x02\x00\x00\x00\x00\x00\xC0\x00\x00\x00\x00\x00\x00\x46"sv;
  auto size = r.u32le(0);
  return size && *size == 0x4C && r.starts_with_at(4, kClsid);
}

// [MS-ONESTORE] 2.3.1: Header.guidFileType {7B5C52E4-D88C-4DA7-AEB1-5378D02996D3}
// (.one section; the GUID is stored in its mixed-endian binary form).
bool is_onenote(const Reader& r) {
  static constexpr std::string_view kGuid =
      "\xE4\x52\x5C\x7B\x8C\xD8\xA7\x4D\xAE\xB1\x53\x78\xD0\x29\x96\xD3"sv;
  return r.starts_with_at(0, kGuid);
}

// ISO 9660 8.1 / ECMA-167 2/9.1: volume descriptors from sector 16 (0x8000), 2048 bytes each,
// standard identifier at byte 1. UDF's volume recognition sequence holds BEA01, NSR02|NSR03,
// TEA01; a UDF bridge disc also has CD001, and is reported as UDF.
FileType disc_image(const Reader& r) {
  constexpr std::size_t kStart = 0x8000, kSector = 2048, kMaxDescriptors = 17;
  bool iso = false;
  for (std::size_t i = 0; i < kMaxDescriptors; ++i) {
    auto id = r.chars(kStart + i * kSector + 1, 5);
    if (!id) break;
    if (*id == "CD001") {
      iso = true;
    } else if (*id == "NSR02" || *id == "NSR03") {
      return FileType::kUdf;
    }  // BEA01, TEA01, BOOT2, CDW02 or a gap: keep looking (file(1) probes 0x8801, 0x9001)
  }
  return iso ? FileType::kIso9660 : FileType::kUnknown;
}

// NTFS boot sector (libyal "New Technologies File System (NTFS)" 3.1): OEM ID "NTFS    " at 3,
// bytes per sector (a power of two, 256 to 4096) at 11, the signature 55 AA at 510.
bool is_ntfs(const Reader& r) {
  auto sector = r.u16le(11);
  auto signature = r.u16le(510);
  return r.starts_with_at(3, "NTFS    ") && sector && signature && *signature == 0xAA55 &&
         *sector >= 256 && *sector <= 4096 && (*sector & (*sector - 1)) == 0;
}

// HFS+ volume header at 1024 (Apple TN1150, "Volume Header"): "H+" version 4 or "HX" version
// 5, and blockSize (at 40) a power of two of at least 512.
bool is_hfs_plus(const Reader& r) {
  auto version = r.u16be(1026);
  auto block = r.u32be(1024 + 40);
  if (!version || !block) return false;
  const bool plus = r.starts_with_at(1024, "H+") && *version == 4;
  const bool x = r.starts_with_at(1024, "HX") && *version == 5;
  return (plus || x) && *block >= 512 && (*block & (*block - 1)) == 0;
}

// APFS container superblock in block 0 (Apple File System Reference, "nx_superblock_t"):
// obj_phys_t (o_cksum, o_oid, o_xid, then o_type at 24 whose low 16 bits are
// OBJECT_TYPE_NX_SUPERBLOCK, 1), nx_magic "NXSB" at 32, nx_block_size at 36 (4096 to 65536, a
// power of two; the reference's minimum and maximum block sizes).
bool is_apfs(const Reader& r) {
  auto type = r.u32le(24);
  auto block = r.u32le(36);
  return r.starts_with_at(32, "NXSB") && type && (*type & 0xFFFF) == 1 && block && *block >= 4096 &&
         *block <= 65536 && (*block & (*block - 1)) == 0;
}

// POSIX ustar (pax, "Extended tar format"): magic "ustar" at 257; pre-POSIX tar by the header
// checksum at 148 (octal, the sum of the 512 header bytes with the field read as spaces).
bool is_tar(const Reader& r) {
  if (r.starts_with_at(257, "ustar")) return true;
  auto hdr = r.subspan(0, 512);
  if (!hdr || (*hdr)[0] == 0) return false;
  std::uint32_t stored = 0;
  int digits = 0;
  for (std::size_t i = 148; i < 156; ++i) {
    std::uint8_t c = (*hdr)[i];
    if (c >= '0' && c <= '7') {
      stored = stored * 8 + (c - '0');
      ++digits;
    } else if (c == ' ' || c == 0) {
      if (digits > 0) break;
    } else {
      return false;
    }
  }
  if (digits == 0) return false;
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : (*hdr)[i];
  return sum == stored;
}

// Virtual Hard Disk Image Format Specification: the 512-byte footer (cookie "conectix") ends
// every VHD; dynamic disks copy it to offset 0. Pre-2004 footers are 511 bytes.
bool is_vhd(const Reader& r) {
  if (r.starts_with_at(0, "conectix")) return true;
  std::size_t n = r.size();
  return (n >= 512 && r.starts_with_at(n - 512, "conectix")) ||
         (n >= 511 && r.starts_with_at(n - 511, "conectix"));
}

// Apple UDIF: the 512-byte "koly" trailer (version 4, header size 512) ends the image.
// Encrypted images carry no trailer: an "encrcdsa" header (version 2) or a "cdsaencr" trailer
// (version 1) instead.
bool is_dmg(const Reader& r) {
  std::size_t n = r.size();
  if (r.starts_with_at(0, "encrcdsa") || (n >= 8 && r.starts_with_at(n - 8, "cdsaencr"))) {
    return true;
  }
  if (n < 512 || !r.starts_with_at(n - 512, "koly")) return false;
  auto size = r.u32be(n - 512 + 8);
  return size && *size == 512;
}

// ARJ technote: header id 0x60 0xEA, basic header size <= 2600, then a first header of at
// least 30 bytes whose archiver version is sane.
bool is_arj(const Reader& r) {
  if (!r.starts_with_at(0, "\x60\xEA"sv)) return false;
  auto size = r.u16le(2);
  auto first = r.u8(4);
  return size && first && *size > 0 && *size <= 2600 && *first >= 30;
}

// LHA level 0-2 headers: the method id "-lh?-" / "-lz?-" / "-lhd-" at offset 2.
bool is_lha(const Reader& r) {
  auto id = r.chars(2, 5);
  return id && (*id)[0] == '-' && (*id)[1] == 'l' && ((*id)[2] == 'h' || (*id)[2] == 'z') &&
         (*id)[4] == '-';
}

// ISO 32000-1 7.5.2: "%PDF-"; readers accept it within the first 1024 bytes.
bool has_pdf_header(const Reader& r) {
  auto head = r.subspan(0, std::min<std::size_t>(r.size(), 1024));
  return head && as_chars(*head).find("%PDF-") != std::string_view::npos;
}

// Symbian installation files. EPOC release 3-6 ("SIS File Format", A. Thoukydides, "File
// header"): UID2 0x1000006D (release 3/4/5) or 0x10003A12 (release 6), UID3 0x10000419; UID1
// is the application's. Symbian OS 9.x ("Symbian OS v9.X SIS File Format Specification" 3.1):
// UID1 0x10201A7A, and the SISContents field (type 12) right after the 16-byte header.
bool is_sis(const Reader& r) {
  auto uid2 = r.u32le(4), uid3 = r.u32le(8);
  if (uid2 && uid3 && *uid3 == 0x10000419 && (*uid2 == 0x1000006D || *uid2 == 0x10003A12))
    return true;
  auto uid1 = r.u32le(0), contents = r.u32le(16);
  return uid1 && contents && *uid1 == 0x10201A7A && *contents == 12;
}

// Formats with an unambiguous magic number at offset 0.
FileType magic_at_zero(const Reader& r) {
  if (is_pe(r)) return FileType::kPe;
  if (is_elf(r)) return FileType::kElf;
  if (is_mach_o(r)) return FileType::kMachO;
  if (is_mach_o_fat(r)) return FileType::kMachOFat;
  // [MS-CFB] 2.2: header signature.
  if (r.starts_with_at(0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return refine_ole2(r);
  // APPNOTE.TXT 4.3.7 local file header, 4.3.16 end of central directory (empty archive),
  // 8.5.3 spanning marker.
  if (r.starts_with_at(0, "PK\x03\x04"sv) || r.starts_with_at(0, "PK\x05\x06"sv) ||
      r.starts_with_at(0, "PK\x07\x08PK\x03\x04"sv)) {
    return refine_zip(r);
  }
  if (r.starts_with_at(0, "%PDF-")) return FileType::kPdf;
  if (r.starts_with_at(0, "{\\rt")) return FileType::kRtf;  // RTF 1.9.1: "{\rtf1"
  if (is_lnk(r)) return FileType::kLnk;
  if (is_onenote(r)) return FileType::kOneNote;
  if (r.starts_with_at(0, "HWP Document File V3.00")) return FileType::kHwp;
  if (r.starts_with_at(0, "ITSF")) return FileType::kChm;            // ITSF header, version 3
  if (r.starts_with_at(0, "MSCF\0\0\0\0"sv)) return FileType::kCab;  // [MS-CAB] 2.1
  // RAR 4.x marker block and RAR 5.0 signature (technote).
  if (r.starts_with_at(0, "Rar!\x1A\x07\x00"sv) || r.starts_with_at(0, "Rar!\x1A\x07\x01\x00"sv)) {
    return FileType::kRar;
  }
  if (r.starts_with_at(0, "7z\xBC\xAF\x27\x1C"sv)) return FileType::kSevenZip;  // 7zFormat.txt
  if (r.starts_with_at(0, "vhdxfile")) return FileType::kVhdx;                  // [MS-VHDX] 2.2.1
  if (r.starts_with_at(0, "xar!")) return FileType::kXar;                       // xar header, magic
  // cpio(5): odc "070707", newc "070701", crc "070702"; the old binary header is the 16-bit
  // magic 070707 (octal) in the writer's byte order.
  if (r.starts_with_at(0, "070707") || r.starts_with_at(0, "070701") ||
      r.starts_with_at(0, "070702") || r.starts_with_at(0, "\xC7\x71"sv) ||
      r.starts_with_at(0, "\x71\xC7"sv)) {
    return FileType::kCpio;
  }
  if (is_arj(r)) return FileType::kArj;
  if (is_lha(r)) return FileType::kLha;
  if (r.starts_with_at(0, "EGGA")) return FileType::kEgg;       // EGG: "EGGA" header magic
  if (r.starts_with_at(0, "ALZ\x01"sv)) return FileType::kAlz;  // ALZ: "ALZ" + version 1
  if (r.starts_with_at(0, "\x78\x9F\x3E\x22"sv)) return FileType::kTnef;  // [MS-OXTNEF] 2.1.3.1
  // MS-DOS COMPRESS.EXE: "SZDD" + 88 F0 27 33, and the later "KWAJ" + 88 F0 27 D1.
  if (r.starts_with_at(0, "SZDD\x88\xF0\x27\x33"sv) ||
      r.starts_with_at(0, "KWAJ\x88\xF0\x27\xD1"sv)) {
    return FileType::kSzdd;
  }
  if (is_sis(r)) return FileType::kSis;
  if (r.starts_with_at(0, "ID;P")) return FileType::kSylk;  // SYLK: first record "ID;P..."
  if (r.starts_with_at(0, "\x89PNG\r\n\x1A\n"sv)) return FileType::kPng;  // PNG 5.2
  if (r.starts_with_at(0, "\xFF\xD8\xFF"sv)) return FileType::kJpeg;      // JFIF SOI + marker
  if (r.starts_with_at(0, "GIF87a") || r.starts_with_at(0, "GIF89a")) return FileType::kGif;
  if (is_vhd(r)) return FileType::kVhd;
  if (is_ntfs(r)) return FileType::kNtfs;
  return FileType::kUnknown;
}

// Short magic numbers for bare compressed streams. Checked after the trailers, since a
// compressed DMG (UDBZ, UDZO) starts with its first bzip2 or zlib chunk.
FileType stream_magic(const Reader& r) {
  if (r.starts_with_at(0, "\x1F\x8B\x08"sv)) return FileType::kGzip;  // RFC 1952 2.3.1
  if (r.starts_with_at(0, "BZh")) {
    auto level = r.u8(3);
    if (level && *level >= '1' && *level <= '9') return FileType::kBzip2;
  }
  if (r.starts_with_at(0,
                       "\xFD"
                       "7zXZ\0"sv))
    return FileType::kXz;                                                 // xz-file-format 2.1.1.1
  if (r.starts_with_at(0, "\x28\xB5\x2F\xFD"sv)) return FileType::kZstd;  // RFC 8878 3.1.1
  return FileType::kUnknown;
}

}  // namespace

std::string_view file_type_name(FileType t) { return info(t).name; }
std::string_view file_type_mime(FileType t) { return info(t).mime; }

bool file_type_is_executable(FileType t) {
  return t == FileType::kPe || t == FileType::kElf || t == FileType::kMachO ||
         t == FileType::kMachOFat;
}

bool file_type_is_script(FileType t) {
  return t == FileType::kJavaScript || t == FileType::kVbScript || t == FileType::kPowerShell ||
         t == FileType::kBatch || t == FileType::kHta || t == FileType::kWsf ||
         t == FileType::kEncodedScript;
}

// Order matters: unambiguous magic at 0, then trailers (VHD, DMG), then bare stream magic,
// disc images and tar, then mail (before the PDF window, so that a "%PDF-" in a header cannot
// hide a message from the mail analyzer), then "%PDF-" within 1 KiB, then text heuristics.
FileType identify(ByteView data) {
  if (data.empty()) return FileType::kUnknown;
  Reader r(data);
  if (auto t = magic_at_zero(r); t != FileType::kUnknown) return t;
  if (is_dmg(r)) return FileType::kDmg;
  // Before the short stream magics: block 0 starts with its Fletcher-64 checksum, which can
  // begin with any two bytes.
  if (is_apfs(r)) return FileType::kApfs;
  if (auto t = stream_magic(r); t != FileType::kUnknown) return t;
  if (auto t = disc_image(r); t != FileType::kUnknown) return t;
  if (is_hfs_plus(r)) return FileType::kHfsPlus;
  if (is_tar(r)) return FileType::kTar;
  if (auto t = identify_mail(data); t != FileType::kUnknown) return t;
  if (has_pdf_header(r)) return FileType::kPdf;
  return identify_text(data);
}

}  // namespace lg
