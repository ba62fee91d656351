// Icon decoding (icon_image.h) and the document-icon rule (document_icon.h): icons painted in
// code as DIBs and PNGs, inside generated PEs, hostile images, and the rule measured on the
// icon themes Debian ships.
#include "analyzers/executable/document_icon.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "analyzers/executable/icon_fixture.h"
#include "analyzers/executable/pe_analyzer.h"
#include "core/testing/recording_context.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
using lg::testing::RecordingContext;
using pe::testing::app_icon;
using pe::testing::Canvas;
using pe::testing::dib;
using pe::testing::document_icon;
using pe::testing::pe_with_icon;
using pe::testing::png;
using pe::testing::Rgba;

constexpr Rgba kWordBlue{43, 87, 154, 255}, kPdfRed{236, 28, 36, 255},
    kExcelGreen{16, 124, 65, 255};

pe::IconShape shape_of(const std::string& image) {
  auto icon = pe::decode_icon(as_bytes(image));
  EXPECT_TRUE(icon) << icon.status().message();
  if (!icon) return {};
  auto shape = pe::measure_icon(*icon);
  EXPECT_TRUE(shape);
  return shape.value_or(pe::IconShape{});
}

TEST(IconImage, DibAndPngDecodeAlike) {
  const Canvas c = document_icon(48, kWordBlue);
  auto a = pe::decode_icon(as_bytes(dib(c)));
  auto b = pe::decode_icon(as_bytes(png(c)));
  auto m = pe::decode_icon(as_bytes(dib(c, false)));  // transparency from the AND mask only
  ASSERT_TRUE(a && b && m);
  EXPECT_EQ(a->format, "bmp 32bpp");
  EXPECT_EQ(b->format, "png");
  EXPECT_EQ(m->format, "bmp 24bpp");
  EXPECT_EQ(a->rgba, b->rgba);
  EXPECT_EQ(a->rgba, m->rgba);  // the canvas's alpha is 0 or 255 only
  EXPECT_EQ(a->width, 48u);
  EXPECT_EQ(a->height, 48u);
}

TEST(DocumentIcon, PageShapedBlueIconIsADocument) {
  for (unsigned side : {32u, 48u, 256u}) {
    const pe::IconShape s = shape_of(side == 256 ? png(document_icon(side, kWordBlue))
                                                 : dib(document_icon(side, kWordBlue)));
    EXPECT_TRUE(pe::looks_like_document(s)) << pe::describe(s);
    EXPECT_EQ(s.family, "Word blue") << pe::describe(s);
    EXPECT_TRUE(s.folded_corner) << pe::describe(s);
  }
  EXPECT_EQ(shape_of(dib(document_icon(48, kPdfRed))).family, "PDF red");
  EXPECT_EQ(shape_of(dib(document_icon(48, kExcelGreen))).family, "Excel green");
}

TEST(DocumentIcon, SquareColourfulAppIconIsNot) {
  const pe::IconShape s = shape_of(dib(app_icon(48)));
  EXPECT_FALSE(pe::looks_like_document(s)) << pe::describe(s);
  EXPECT_NEAR(s.aspect, 1.0, 0.01);  // paper enough, but square
  EXPECT_GE(s.light, pe::kMinPaperLight);
  EXPECT_TRUE(s.family.empty()) << s.family;  // five colours, none dominant
  // A page on its side (landscape) and a page that is all colour are not documents either.
  Canvas wide(48, 48);
  wide.rect(2, 10, 46, 40, {250, 250, 250, 255});
  EXPECT_FALSE(pe::looks_like_document(shape_of(dib(wide))));
  // Paper too small for a corner to be measured, at the image's very edges.
  for (unsigned x : {0u, 47u}) {
    Canvas speck(48, 48);
    speck.rect(0, 0, 48, 48, kWordBlue);
    speck.at(x, x) = {255, 255, 255, 255};
    speck.at(x, 47 - x) = {255, 255, 255, 255};
    EXPECT_FALSE(pe::looks_like_document(shape_of(dib(speck))));
  }
  Canvas dark(48, 48);
  dark.rect(8, 2, 40, 46, kWordBlue);
  EXPECT_FALSE(pe::looks_like_document(shape_of(dib(dark))));
}

TEST(DocumentIcon, FindingThroughThePeAnalyzer) {
  RecordingContext doc;
  ASSERT_TRUE(PeAnalyzer()
                  .analyze(as_bytes(pe_with_icon(png(document_icon(256, kWordBlue)), 0)), doc)
                  .is_ok());
  EXPECT_TRUE(doc.has(Symbol::EXECUTABLE_DOCUMENT_ICON));
  EXPECT_EQ(doc.str("pe_main_icon"), "256x256 png");
  EXPECT_NE(doc.str("pe_main_icon_shape").find("Word blue"), std::string::npos);
  EXPECT_TRUE(doc.anomalies.empty()) << doc.anomalies.front();

  RecordingContext app;
  ASSERT_TRUE(PeAnalyzer().analyze(as_bytes(pe_with_icon(dib(app_icon(48)), 48)), app).is_ok());
  EXPECT_FALSE(app.has(Symbol::EXECUTABLE_DOCUMENT_ICON));
  EXPECT_EQ(app.str("pe_main_icon"), "48x48 bmp 32bpp");
  EXPECT_TRUE(app.anomalies.empty()) << app.anomalies.front();
}

TEST(IconImage, HostileImagesAreRefused) {
  const std::string d = dib(document_icon(32, kPdfRed)), p = png(document_icon(32, kPdfRed));
  for (const std::string* img : {&d, &p})
    for (std::size_t n = 0; n < img->size(); n += 7)
      (void)pe::decode_icon(as_bytes(std::string_view(*img).substr(0, n)));
  // Sizes past 256 are refused before any pixel is read (the PNG header alone says 4096).
  std::string big = dib(document_icon(16, kPdfRed));
  pe::testing::put32(big, 4, 4096);
  EXPECT_EQ(pe::decode_icon(as_bytes(big)).status().code(), ErrorCode::kLimit);
  std::string big_png = png(document_icon(16, kPdfRed));
  pe::testing::put32(big_png, 16, 0x00100000);  // IHDR width, big-endian 4096
  EXPECT_FALSE(pe::decode_icon(as_bytes(big_png)));
  std::string odd = d;
  pe::testing::put16(odd, 14, 16);  // 16 bits per pixel: not an icon depth
  EXPECT_EQ(pe::decode_icon(as_bytes(odd)).status().code(), ErrorCode::kUnsupported);
  // A PE whose icon is a damaged PNG: an anomaly, no finding.
  RecordingContext ctx;
  ASSERT_TRUE(
      PeAnalyzer().analyze(as_bytes(pe_with_icon(p.substr(0, p.size() / 2), 32)), ctx).is_ok());
  EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_DOCUMENT_ICON));
  EXPECT_FALSE(ctx.anomalies.empty());
}

// The rule on real icons: Debian's Adwaita and hicolor themes, at the sizes they ship as PNG.
// Icons drawn as a page (documents, text, fonts, and the zipped page of an archive) are
// documents; programs, folders, media, a projector screen (x-office-presentation), a dark
// book cover (x-office-address-book) and application icons are not. The measurements are
// printed so that the thresholds can be reviewed against them.
TEST(DocumentIcon, ThemeIcons) {
  const fs::path root = "/usr/share/icons";
  if (!fs::exists(root / "Adwaita/48x48/mimetypes/x-office-document.png"))
    GTEST_SKIP() << "adwaita-icon-theme not installed";
  const std::vector<std::string> documents = {"x-office-document",
                                              "x-office-document-template",
                                              "x-office-spreadsheet",
                                              "x-office-spreadsheet-template",
                                              "x-office-drawing",
                                              "x-office-drawing-template",
                                              "text-x-generic",
                                              "text-x-generic-template",
                                              "text-x-script",
                                              "text-x-preview",
                                              "text-html",
                                              "font-x-generic",
                                              "application-x-generic",
                                              "package-x-generic"};
  const std::vector<std::string> others = {"x-office-presentation",
                                           "x-office-presentation-template",
                                           "x-office-address-book",
                                           "x-office-calendar",
                                           "application-x-executable",
                                           "application-x-addon",
                                           "application-x-sharedlib",
                                           "application-x-firmware",
                                           "application-certificate",
                                           "audio-x-generic",
                                           "video-x-generic",
                                           "image-x-generic",
                                           "inode-directory",
                                           "folder",
                                           "folder-documents",
                                           "network-server",
                                           "user-trash",
                                           "start-here",
                                           "gvim",
                                           "openjdk-17"};
  int judged = 0;
  for (const auto& theme : {"Adwaita", "hicolor"}) {
    for (const auto& size : {"24x24", "32x32", "48x48", "256x256"}) {
      for (const auto& dir : {"mimetypes", "places", "apps"}) {
        for (const auto* list : {&documents, &others}) {
          for (const auto& name : *list) {
            const fs::path file = root / theme / size / dir / (name + ".png");
            if (!fs::exists(file)) continue;
            std::ifstream in(file, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), {});
            auto icon = pe::decode_icon(as_bytes(bytes));
            ASSERT_TRUE(icon) << file << ": " << icon.status().message();
            auto shape = pe::measure_icon(*icon);
            ASSERT_TRUE(shape) << file;  // 24 pixels and more are judged
            const bool is_doc = pe::looks_like_document(*shape);
            std::printf("%-5s %-10s %-8s %-32s %s\n", is_doc ? "DOC" : "-", theme, size,
                        name.c_str(), pe::describe(*shape).c_str());
            EXPECT_EQ(is_doc, list == &documents) << file << ": " << pe::describe(*shape);
            ++judged;
          }
        }
      }
    }
  }
  EXPECT_GT(judged, 40);
}

// Real programs: the installers among ClamAV's test files carry their makers' icons
// (InstallShield, NSIS, AutoIt), none drawn as a page.
TEST(DocumentIcon, ClamavTestPrograms) {
  const fs::path dir = "/usr/share/clamav-testfiles";
  if (!fs::exists(dir)) GTEST_SKIP() << "clamav-testfiles not installed";
  int icons = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".exe") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    RecordingContext ctx;
    if (!PeAnalyzer().analyze(as_bytes(bytes), ctx).is_ok()) continue;
    if (ctx.facts.count("pe_main_icon")) ++icons;
    EXPECT_FALSE(ctx.has(Symbol::EXECUTABLE_DOCUMENT_ICON))
        << entry.path() << ": " << ctx.str("pe_main_icon_shape");
  }
  EXPECT_GE(icons, 5);
}

}  // namespace
}  // namespace lg
