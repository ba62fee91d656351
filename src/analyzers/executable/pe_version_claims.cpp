// What a program's resources say it is (threats.md: "a document-like name or icon on an
// executable", T1036.005 / T1036.008): the version resource's strings judged against the
// document kinds and reader programs lures imitate; the icons described, not judged (telling
// a PDF or Word icon apart needs reference images this analyzer does not have).
#include <algorithm>
#include <array>
#include <span>
#include <string_view>

#include "analyzers/executable/pe_resources.h"
#include "core/ascii.h"
#include "core/file_name.h"
#include "core/hash.h"
#include "core/utf8.h"

namespace lg::pe {
namespace {

// Descriptions that call the file itself a document.
constexpr std::array<std::string_view, 12> kDocumentPhrases = {
    "pdf document",
    "pdf file",
    "word document",
    "microsoft word document",
    "excel document",
    "excel worksheet",
    "powerpoint presentation",
    "hwp document",
    "hangul document",
    "text document",
    "jpeg image",
    "png image",
};
// Reader programs whose real binaries are always signed by their publisher.
constexpr std::array<std::string_view, 9> kSignedReaders = {
    "microsoft word", "microsoft excel", "microsoft powerpoint",  "adobe acrobat", "acrobat reader",
    "adobe reader",   "hancom office",   "hangul word processor", "hwp viewer",
};
// Archive extensions are no claim: self-extracting archives declare them honestly.
constexpr std::array<std::string_view, 3> kArchiveExtensions = {"zip", "rar", "7z"};

constexpr std::size_t kMaxFactBytes = 512;

std::string contains_any(std::string_view lower, std::span<const std::string_view> list) {
  for (auto p : list)
    if (lower.find(p) != std::string_view::npos) return std::string(p);
  return {};
}

std::string document_extension(std::string_view name) {
  const std::string ext = file_extension(name);
  if (ext.empty() || !is_document_extension(ext)) return {};
  if (std::find(kArchiveExtensions.begin(), kArchiveExtensions.end(), ext) !=
      kArchiveExtensions.end())
    return {};
  return ext;
}

}  // namespace

void report_resources(const Image& image, const Reader& r, bool is_signed, Context& ctx) {
  const Resources res = read_resources(image, r);
  if (res.damaged) ctx.anomaly("pe: resource directory damaged or past its caps");

  std::vector<std::pair<std::string, std::string>> strings;
  for (const auto& leaf : res.leaves) {
    if (leaf.type != kRtVersion) continue;
    strings = read_version_strings(leaf.data);
    break;  // the first version resource is the one Explorer shows
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kFacts = {{
      {"FileDescription", "pe_file_description"},
      {"OriginalFilename", "pe_original_filename"},
      {"InternalName", "pe_internal_name"},
      {"ProductName", "pe_product_name"},
      {"CompanyName", "pe_company_name"},
  }};
  bool claimed = false;
  for (const auto& [key, fact] : kFacts) {
    auto it = std::find_if(strings.begin(), strings.end(),
                           [k = key](const auto& kv) { return kv.first == k; });
    if (it == strings.end()) continue;
    const std::string value(utf8_prefix(it->second, kMaxFactBytes));
    ctx.fact(fact, value);
    if (claimed) continue;
    const std::string lower = ascii_lower(value);
    std::string why;
    if (key == "OriginalFilename" || key == "InternalName") {
      if (auto ext = document_extension(value); !ext.empty())
        why = std::string(key) + " has the document extension ." + ext;
    } else if (key == "FileDescription" || key == "ProductName") {
      if (auto p = contains_any(lower, kDocumentPhrases); !p.empty())
        why = std::string(key) + " calls the program a " + p;
      else if (auto a = contains_any(lower, kSignedReaders); !a.empty() && !is_signed)
        why = std::string(key) + " claims " + a + " on an unsigned program";
    }
    if (!why.empty()) {
      claimed = true;
      ctx.finding(Symbol::EXECUTABLE_VERSION_DOCUMENT_CLAIM, {value, why});
    }
  }

  const Icons icons = read_icons(res);
  if (icons.groups == 0 && icons.images == 0) return;
  ctx.fact("pe_icon_groups", static_cast<std::int64_t>(icons.groups));
  ctx.fact("pe_icons", static_cast<std::int64_t>(icons.images));
  if (!icons.sizes.empty()) ctx.fact("pe_icon_sizes", icons.sizes);
  if (!icons.main.empty()) ctx.fact("pe_main_icon_sha256", sha256_hex(icons.main));
}

}  // namespace lg::pe
