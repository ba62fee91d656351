#include "analyzers/executable/executable_common.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "core/utf8.h"

namespace lg::exe {
namespace {

using namespace std::string_view_literals;

struct PackerName {
  std::string_view section;
  std::string_view packer;
};

// Section names written by common packers and protectors (as their outputs show them).
constexpr std::array kPackerSections = {
    PackerName{"UPX0", "UPX"},
    PackerName{"UPX1", "UPX"},
    PackerName{"UPX2", "UPX"},
    PackerName{"UPX!", "UPX"},
    PackerName{".aspack", "ASPack"},
    PackerName{".adata", "ASPack"},
    PackerName{"ASPack", "ASPack"},
    PackerName{".MPRESS1", "MPRESS"},
    PackerName{".MPRESS2", "MPRESS"},
    PackerName{".petite", "Petite"},
    PackerName{"petite", "Petite"},
    PackerName{"PEC2", "PECompact"},
    PackerName{"PECompact2", "PECompact"},
    PackerName{"pec1", "PECompact"},
    PackerName{"pec2", "PECompact"},
    PackerName{".nsp0", "NsPack"},
    PackerName{".nsp1", "NsPack"},
    PackerName{".nsp2", "NsPack"},
    PackerName{"MEW", "MEW"},
    PackerName{".Upack", "Upack"},
    PackerName{".ByDwing", "Upack"},
    PackerName{"pebundle", "PEBundle"},
    PackerName{"PEBundle", "PEBundle"},
    PackerName{".yP", "Y0da Crypter"},
    PackerName{".y0da", "Y0da Crypter"},
    PackerName{".WWPACK", "WWPack32"},
    PackerName{".WWP32", "WWPack32"},
    PackerName{"PEPACK!!", "PE-Pack"},
    PackerName{".packed", "RLPack"},
    PackerName{".RLPack", "RLPack"},
    PackerName{".themida", "Themida"},
    PackerName{".winlice", "WinLicense"},
    PackerName{".vmp0", "VMProtect"},
    PackerName{".vmp1", "VMProtect"},
    PackerName{".vmp2", "VMProtect"},
    PackerName{".enigma1", "Enigma"},
    PackerName{".enigma2", "Enigma"},
    PackerName{"PESHiELD", "PEShield"},
    PackerName{".perplex", "Perplex"},
    PackerName{".spack", "Simple Pack"},
    PackerName{"kkrunchy", "kkrunchy"},
    PackerName{".neolit", "NeoLite"},
    PackerName{"__upx", "UPX"},  // Mach-O segments of UPX-packed programs: __XHDR, __upx
    PackerName{"__XHDR", "UPX"},
};

}  // namespace

double shannon_entropy(ByteView data) {
  if (data.empty()) return 0;
  std::array<std::size_t, 256> counts{};
  for (auto b : data) ++counts[b];
  double e = 0;
  const double n = static_cast<double>(data.size());
  for (auto c : counts) {
    if (c == 0) continue;
    double p = static_cast<double>(c) / n;
    e -= p * std::log2(p);
  }
  return e;
}

std::optional<std::string> c_string(const Reader& r, std::size_t off, std::size_t max) {
  auto tail = r.tail(off);
  if (!tail || tail->empty()) return std::nullopt;
  std::string_view s = as_chars(tail->subspan(0, std::min(max, tail->size())));
  return repair_utf8(s.substr(0, s.find('\0')));
}

std::string field_name(ByteView field) {
  std::string out;
  for (auto b : field) {
    if (b == 0) break;
    out.push_back(b >= 0x20 && b < 0x7F ? static_cast<char>(b) : '?');
  }
  return out;
}

std::string_view packer_of_section(std::string_view name) {
  for (const auto& p : kPackerSections) {
    if (p.section == name) return p.packer;
  }
  return {};
}

std::string entropy_text(double e) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", e);
  return buf;
}

}  // namespace lg::exe
