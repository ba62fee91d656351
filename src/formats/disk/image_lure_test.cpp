#include "formats/disk/image_lure.h"

#include <gtest/gtest.h>

namespace lg::disk {
namespace {

TEST(ImageLure, RootShortcutNextToDecoyIsTheLure) {
  auto v = judge_disk_image({{"Proposal.pdf", FileType::kPdf}, {"Proposal.lnk", FileType::kLnk}});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->symbol, Symbol::DISK_IMAGE_DECOY);
  EXPECT_EQ(v->evidence.value, "Proposal.lnk");
  // The decoy may sit in a hidden folder; the runnable at the root is what the victim sees.
  v = judge_disk_image({{"/run.js", FileType::kJavaScript}, {"/docs/offer.docx", FileType::kZip}});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->symbol, Symbol::DISK_IMAGE_DECOY);
}

TEST(ImageLure, PayloadWithoutDecoyOrBelowTheRoot) {
  auto v = judge_disk_image({{"setup.exe", FileType::kPe}});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->symbol, Symbol::DISK_IMAGE_PAYLOAD);
  v = judge_disk_image({{"bin/tool.exe", FileType::kPe}, {"readme.txt", FileType::kText}});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->symbol, Symbol::DISK_IMAGE_PAYLOAD);
  EXPECT_NE(v->evidence.detail.find("readme.txt"), std::string::npos);
}

TEST(ImageLure, TypesDecide) {
  // A "PDF" whose bytes are a program is no decoy: it is the payload.
  auto v = judge_disk_image({{"Invoice.pdf", FileType::kPe}});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->symbol, Symbol::DISK_IMAGE_PAYLOAD);
  // A macOS bundle at the root, next to a document.
  v = judge_disk_image(
      {{"Viewer.app/Contents/MacOS/Viewer", FileType::kMachO}, {"Job.pdf", FileType::kPdf}});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->symbol, Symbol::DISK_IMAGE_DECOY);
  EXPECT_FALSE(judge_disk_image({{"a.pdf", FileType::kPdf}, {"b.jpg", FileType::kJpeg}}));
  EXPECT_FALSE(judge_disk_image({}));
}

}  // namespace
}  // namespace lg::disk
