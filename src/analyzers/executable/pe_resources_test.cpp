// The PE resource directory (pe_resources.h) on images written by pe_fixture.h: version
// strings as facts, the document claims that are findings and the ones that are not, icon
// facts, and hostile trees.
#include "analyzers/executable/pe_resources.h"

#include <gtest/gtest.h>

#include "analyzers/executable/pe_analyzer.h"
#include "analyzers/executable/pe_fixture.h"
#include "core/hash.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

using lg::testing::RecordingContext;
using pe::testing::build_pe;
using pe::testing::icon_group;
using pe::testing::PeSpec;
using pe::testing::put16;
using pe::testing::put32;
using pe::testing::version_info;

RecordingContext run(const PeSpec& s) {
  RecordingContext ctx;
  EXPECT_TRUE(PeAnalyzer().analyze(as_bytes(build_pe(s)), ctx).is_ok());
  return ctx;
}

PeSpec with_version(std::vector<std::pair<std::string, std::string>> strings, bool signed_pe) {
  PeSpec s;
  s.certificate = signed_pe;
  s.resources = {{pe::kRtVersion, 1, version_info(strings)}};
  return s;
}

TEST(PeResources, VersionStringsAreFacts) {
  RecordingContext ctx = run(with_version({{"CompanyName", "Example Tools Ltd"},
                                           {"FileDescription", "Example Updater"},
                                           {"InternalName", "updater"},
                                           {"OriginalFilename", "updater.exe"},
                                           {"ProductName", "Example Suite"}},
                                          true));
  EXPECT_EQ(ctx.str("pe_company_name"), "Example Tools Ltd");
  EXPECT_EQ(ctx.str("pe_file_description"), "Example Updater");
  EXPECT_EQ(ctx.str("pe_internal_name"), "updater");
  EXPECT_EQ(ctx.str("pe_original_filename"), "updater.exe");
  EXPECT_EQ(ctx.str("pe_product_name"), "Example Suite");
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_VERSION_DOCUMENT_CLAIM));
  EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
}

TEST(PeResources, DocumentClaimsAreFindings) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> strings;
    bool signed_pe, claim;
  };
  const Case cases[] = {
      {{{"OriginalFilename", "Invoice_2024.pdf"}}, true, true},
      {{{"InternalName", "Job Description.docx"}}, true, true},
      {{{"FileDescription", "PDF Document"}}, true, true},
      {{{"ProductName", "Hangul Document"}}, true, true},
      {{{"FileDescription", "Microsoft Word"}}, false, true},  // unsigned "Word"
      {{{"FileDescription", "Microsoft Word"}}, true, false},  // as the real one is
      {{{"FileDescription", "Foxit PDF Reader"}}, false, false},
      {{{"OriginalFilename", "7z.sfx"}, {"InternalName", "archive.zip"}}, false, false},
  };
  for (const auto& c : cases) {
    RecordingContext ctx = run(with_version(c.strings, c.signed_pe));
    EXPECT_EQ(ctx.has(Symbol::EXECUTABLE_VERSION_DOCUMENT_CLAIM), c.claim)
        << c.strings[0].second << (c.signed_pe ? " signed" : " unsigned");
  }
}

TEST(PeResources, IconFacts) {
  const std::string small(40 + 16 * 16 * 4, 's'), large(40 + 48 * 48 * 4, 'L');
  PeSpec s;
  s.resources = {{pe::kRtGroupIcon, 101, icon_group({{16, 16, 32, 1}, {48, 48, 32, 2}})},
                 {pe::kRtIcon, 1, small},
                 {pe::kRtIcon, 2, large}};
  RecordingContext ctx = run(s);
  EXPECT_EQ(ctx.num("pe_icon_groups"), 1);
  EXPECT_EQ(ctx.num("pe_icons"), 2);
  auto it = ctx.facts.find("pe_icon_sizes");
  ASSERT_NE(it, ctx.facts.end());
  EXPECT_EQ(std::get<std::vector<std::string>>(it->second),
            (std::vector<std::string>{"16x16 32bpp", "48x48 32bpp"}));
  EXPECT_EQ(ctx.str("pe_main_icon_sha256"), sha256_hex(as_bytes(large)));
}

TEST(PeResources, HostileTreesAreBounded) {
  // A root directory whose 65535 ID entries all point back at the root.
  PeSpec s;
  s.resources = {{pe::kRtVersion, 1, "x"}};
  std::string pe = build_pe(s);
  const std::size_t rsrc = pe.find(std::string("\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\0\x10\0\0\0", 20));
  ASSERT_NE(rsrc, std::string::npos);
  std::string loop = pe;
  put16(loop, rsrc + 14, 0xFFFF);
  put32(loop, rsrc + 20, 0x80000000u);
  RecordingContext ctx;
  EXPECT_TRUE(PeAnalyzer().analyze(as_bytes(loop), ctx).is_ok());
  EXPECT_FALSE(ctx.anomalies.empty());
  // Data pointing outside the image, and a version resource that is not one.
  std::string outside = pe;
  const std::size_t data_entry = rsrc + 16 + 8 + 16 + 8 + 16 + 8;
  put32(outside, data_entry, 0x7FFFFFF0);
  RecordingContext o;
  EXPECT_TRUE(PeAnalyzer().analyze(as_bytes(outside), o).is_ok());
  EXPECT_FALSE(o.anomalies.empty());
  EXPECT_TRUE(pe::read_version_strings(as_bytes(std::string("\x06\0\0\0\0\0", 6))).empty());
  // Every cut of a real version resource reads without harm.
  const std::string v = version_info({{"OriginalFilename", "report.pdf"}});
  for (std::size_t n = 0; n < v.size(); ++n)
    (void)pe::read_version_strings(as_bytes(std::string_view(v).substr(0, n)));
  EXPECT_EQ(pe::read_version_strings(as_bytes(v)).size(), 1u);
}

}  // namespace
}  // namespace lg
