#pragma once
/// Internal to the PE analyzer: the resource directory ([MS-PECOFF] 6.9 "The .rsrc Section"),
/// the version resource's strings (VS_VERSIONINFO, StringFileInfo) and the icons
/// (RT_GROUP_ICON and the RT_ICON images it lists).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/executable/pe_image.h"
#include "core/analyzer.h"
#include "core/bytes.h"

namespace lg::pe {

/// Most directory entries visited and leaves kept in one resource tree (real programs have a
/// few hundred; the tree's three levels are walked without recursion).
inline constexpr std::size_t kMaxResourceEntries = 16384;
inline constexpr std::size_t kMaxResourceLeaves = 4096;
/// Most images read from one icon group (real groups hold up to about a dozen sizes).
inline constexpr std::size_t kMaxGroupImages = 64;
/// Most String structures read from one version resource.
inline constexpr std::size_t kMaxVersionStrings = 256;

// Resource types ([MS-PECOFF] 6.9.1 refers to winuser.h's RT_* values).
inline constexpr std::uint32_t kRtIcon = 3;
inline constexpr std::uint32_t kRtGroupIcon = 14;
inline constexpr std::uint32_t kRtVersion = 16;

/// One resource: its type and name when they are integer IDs (0 for named ones), its data.
struct Resource {
  std::uint32_t type = 0, id = 0;
  ByteView data;
};

struct Resources {
  std::vector<Resource> leaves;  // in directory order
  bool damaged = false;          // an entry or data pointed outside the file, or a cap was hit
};

/// The resource tree of the image: type, name, language (6.9.2), leaves in directory order.
Resources read_resources(const Image& image, const Reader& r);

/// The strings of a VS_VERSIONINFO resource's StringFileInfo tables, as (key, value) in UTF-8,
/// in file order, at most kMaxVersionStrings; empty values are left out.
std::vector<std::pair<std::string, std::string>> read_version_strings(ByteView version);

struct Icons {
  std::size_t groups = 0, images = 0;  // RT_GROUP_ICON and RT_ICON resources
  std::vector<std::string> sizes;      // the first group's images: "32x32 32bpp"
  ByteView main;                       // the first group's largest image (Explorer's choice)
};

/// The icons, read through the first RT_GROUP_ICON (GRPICONDIR: 6-byte header, 14-byte
/// GRPICONDIRENTRY each, nID naming the RT_ICON resource).
Icons read_icons(const Resources& res);

/// Reads the resources of the image and reports them. Facts: "pe_file_description",
/// "pe_original_filename", "pe_internal_name", "pe_product_name", "pe_company_name" (the
/// version resource's first value of each), "pe_icon_groups", "pe_icons", "pe_icon_sizes",
/// "pe_main_icon_sha256", "pe_main_icon" ("48x48 png"), "pe_main_icon_shape" (its measured
/// page shape and colour, document_icon.h). Findings: EXECUTABLE_DOCUMENT_ICON when the main
/// icon looks like a document (looks_like_document()); EXECUTABLE_VERSION_DOCUMENT_CLAIM when the
/// version resource says the program is a document (an original or internal name with a document
/// extension, a description such as "PDF Document"), or when an unsigned program claims to be
/// Word, Excel, PowerPoint, Acrobat or Hancom Office, all of which are signed.
void report_resources(const Image& image, const Reader& r, bool is_signed, Context& ctx);

}  // namespace lg::pe
