#pragma once
/// Content-based type identification: magic bytes and structure, never the declared name.
/// Unknown stays kUnknown.
#include <string_view>

#include "core/bytes.h"

namespace lg {

enum class FileType {
  kUnknown,
  // mail
  kMessage,  // RFC 5322 message; may start with one mbox "From " line (as saved mail does)
  kMbox,     // "From " separated mailbox holding at least two messages
  // containers
  kOle2,  // [MS-CFB] compound file (doc/xls/ppt/msg/hwp before refinement)
  kZip,
  kOoxmlWord,
  kOoxmlExcel,
  kOoxmlPowerpoint,
  kHwpx,
  kJar,
  kApk,
  kOdf,
  kRar,
  kSevenZip,
  kGzip,
  kBzip2,
  kXz,
  kZstd,
  kTar,
  kIso9660,
  kUdf,
  kVhd,
  kVhdx,
  kDmg,
  kNtfs,     // a bare NTFS volume (boot sector)
  kHfsPlus,  // a bare HFS+ or HFSX volume (volume header at 1024)
  kApfs,     // a bare APFS container (container superblock NXSB in block 0)
  kCab,
  kChm,
  kXar,
  kCpio,
  kArj,
  kLha,
  kEgg,   // ESTsoft ALZip EGG
  kAlz,   // ESTsoft ALZ
  kTnef,  // winmail.dat
  kSzdd,  // MS-DOS COMPRESS.EXE (SZDD) and KWAJ
  kSis,   // Symbian/EPOC installation file: EPOC release 3-6, and Symbian OS 9.x (SISX)
  // documents
  kPdf,
  kRtf,
  kLnk,
  kOneNote,
  kHwp,   // HWP 5 (OLE2 with a FileHeader stream) or HWP 3
  kSylk,  // Symbolic Link spreadsheet (may hold XLM formulas)
  // executables
  kPe,
  kElf,
  kMachO,
  kMachOFat,
  // text-like
  kHtml,
  kJavaScript,
  kVbScript,
  kPowerShell,
  kBatch,
  kHta,
  kWsf,            // Windows Script File: XML <job>/<package> with <script language=...>
  kEncodedScript,  // Microsoft Script Encoder output ("#@~^"): JSE, VBE
  kPng,
  kJpeg,
  kGif,
  kText,
};

/// Stable lower-case name used in reports ("ooxml_word", "pe", "unknown").
std::string_view file_type_name(FileType t);
/// The usual MIME type for the type, or "" when there is none.
std::string_view file_type_mime(FileType t);
/// True for types that run code when opened: executables and scripts.
bool file_type_is_executable(FileType t);
bool file_type_is_script(FileType t);

/// Identifies `data` by content. Bounded: looks at most at a fixed prefix and a few
/// structural offsets (ZIP central directory names, OLE2 directory, ISO volume descriptors).
/// Mail: header fields at the start (at least two known names such as From/Received/
/// Subject/X-*, or one among three fields) make a kMessage. A leading "From " line is allowed;
/// the input is kMbox only when a second "From " line after a blank line, followed by a header
/// field, shows a second message (searched in the first 1 MiB, only for such mail).
/// Text: a 4 KiB prefix decides HTML/HTA, scripts (scored, with a margin) and plain text.
FileType identify(ByteView data);

}  // namespace lg
