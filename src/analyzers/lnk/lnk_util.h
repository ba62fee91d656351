#pragma once
/// Small decoders shared by the shortcut readers: strings in the two encodings a shortcut
/// uses, GUIDs, FILETIMEs. Every input byte is read through lg::Reader.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ascii.h"
#include "core/bytes.h"
#include "core/reader.h"

namespace lg::lnk {

/// UTF-16LE to UTF-8 (unpaired surrogates become U+FFFD); an odd last byte is dropped.
std::string utf16le_to_utf8(ByteView data);
/// The system code page of the machine that wrote the shortcut is unknown: decode as
/// windows-1252, the usual default, repaired to valid UTF-8.
std::string ansi_to_utf8(ByteView data);

/// A NUL-terminated code-page string at `off`, at most up to `end` (exclusive, clamped to the
/// buffer); without a NUL it runs to `end`. nullopt when `off` is outside.
std::optional<std::string> read_ansi_z(const Reader& r, std::size_t off, std::size_t end);
/// A NUL-terminated UTF-16LE string at `off`, as read_ansi_z.
std::optional<std::string> read_utf16_z(const Reader& r, std::size_t off, std::size_t end);

/// The GUID at `off` ([MS-DTYP] 2.3.4.2 mixed-endian) as "00021401-0000-0000-C000-000000000046".
std::optional<std::string> read_guid(const Reader& r, std::size_t off);
/// The node field (bytes 10..15) of a version-1 UUID at `off`, as "00:13:72:16:87:4A";
/// nullopt when the UUID is not version 1.
std::optional<std::string> uuid_v1_node(const Reader& r, std::size_t off);

/// FILETIME ([MS-DTYP] 2.3.3) as "2008-09-12T20:27:17Z" (seconds; fractions dropped);
/// nullopt for 0 and for times past year 9999.
std::optional<std::string> filetime_to_iso(std::uint64_t filetime);
/// MS-DOS date and time (FAT, local time of the writer) as "2008-09-12T20:27:18";
/// nullopt when zero or invalid.
std::optional<std::string> fat_datetime_to_iso(std::uint16_t date, std::uint16_t time);

/// "0x%08x".
std::string hex32(std::uint32_t v);

}  // namespace lg::lnk
