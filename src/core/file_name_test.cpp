#include "core/file_name.h"

#include <gtest/gtest.h>

#include <string>

namespace lg {
namespace {

using namespace std::string_literals;

bool has(const std::vector<NameIssue>& issues, Symbol s) {
  for (const auto& i : issues) {
    if (i.symbol == s) return true;
  }
  return false;
}

TEST(FileExtension, LowerCaseLastDot) {
  EXPECT_EQ(file_extension("Report.PDF"), "pdf");
  EXPECT_EQ(file_extension("archive.tar.gz"), "gz");
  EXPECT_EQ(file_extension("noext"), "");
  EXPECT_EQ(file_extension(""), "");
  EXPECT_EQ(file_extension("dir.d/file"), "");
  EXPECT_EQ(file_extension("C:\\Users\\x\\cv.DocX"), "docx");
  // Windows drops trailing dots and spaces.
  EXPECT_EQ(file_extension("invoice.exe. . "), "exe");
  EXPECT_EQ(file_extension("이력서.hwp"), "hwp");
  EXPECT_EQ(file_extension("履歴書.ＰＤＦ"), "ＰＤＦ");  // non-ASCII kept as is
}

TEST(FileNameRtlo, BidiControls) {
  auto issues = check_file_name("invoice\u202Efdp.exe");
  ASSERT_TRUE(has(issues, Symbol::FILENAME_RTLO));
  EXPECT_NE(issues[0].detail.find("U+202E"), std::string::npos) << issues[0].detail;
  EXPECT_NE(issues[0].detail.find("fdp.exe"), std::string::npos) << issues[0].detail;
  EXPECT_TRUE(has(check_file_name("a\u2066b.pdf"), Symbol::FILENAME_RTLO));
  EXPECT_TRUE(has(check_file_name("\u200Fcv.docx"), Symbol::FILENAME_RTLO));
  EXPECT_TRUE(has(check_file_name("이력서\u202Excod.scr"), Symbol::FILENAME_RTLO));
  // Arabic or Hebrew letters themselves are fine; so is a broken UTF-8 byte that is not
  // a bidi control.
  EXPECT_FALSE(has(check_file_name("تقرير.pdf"), Symbol::FILENAME_RTLO));
  EXPECT_FALSE(has(check_file_name("\xE2\x80"s + ".pdf"), Symbol::FILENAME_RTLO));
  // An overlong encoding of U+202E is invalid UTF-8, not a bidi control.
  EXPECT_FALSE(has(check_file_name("a\xF0\x82\x80\xAE.pdf"s), Symbol::FILENAME_RTLO));
}

TEST(FileNameDoubleExtension, DocumentThenExecutable) {
  EXPECT_TRUE(has(check_file_name("invoice.pdf.exe"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("Job_Description.docx.lnk"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("채용공고.hwp.js"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("職務経歴書.PDF.SCR"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("photo.jpg.vbs"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("docs/offer.zip.hta"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("report.txt.ps1"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("contract.pdf .exe"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_TRUE(has(check_file_name("salary.xlsx.iso"), Symbol::FILENAME_DOUBLE_EXTENSION));

  EXPECT_FALSE(has(check_file_name("invoice.pdf"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_FALSE(has(check_file_name("setup.exe"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_FALSE(has(check_file_name("backup.tar.gz"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_FALSE(has(check_file_name("v1.2.exe"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_FALSE(has(check_file_name("report.exe.pdf"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_FALSE(has(check_file_name("이력서_홍길동.hwp"), Symbol::FILENAME_DOUBLE_EXTENSION));
  EXPECT_FALSE(has(check_file_name("会議資料.2024.pdf"), Symbol::FILENAME_DOUBLE_EXTENSION));
  auto issues = check_file_name("a.pdf.exe");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].detail, "'.pdf' followed by '.exe'");
}

TEST(FileNameSpacePadded, BlanksAndLookalikeDots) {
  EXPECT_TRUE(
      has(check_file_name("invoice.pdf                    .exe"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_TRUE(has(check_file_name("見積書\u3000\u3000\u3000.scr"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_TRUE(has(check_file_name("invoice\u2024pdf"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_TRUE(has(check_file_name("resume\uFF0Epdf.exe"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_TRUE(has(check_file_name("cv\u2E31docx.lnk"), Symbol::FILENAME_SPACE_PADDED));
  // The look-alike dot also makes the double extension visible.
  EXPECT_TRUE(has(check_file_name("resume\uFF0Epdf.exe"), Symbol::FILENAME_DOUBLE_EXTENSION));

  EXPECT_FALSE(has(check_file_name("my  file.pdf"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_FALSE(has(check_file_name("a  .pdf"), Symbol::FILENAME_SPACE_PADDED));  // two only
  // Fullwidth full stop in ordinary Japanese text (a version number) is not a disguise.
  EXPECT_FALSE(has(check_file_name("報告書ver１．２.docx"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_FALSE(has(check_file_name("설명\uFF0E자료.pdf"), Symbol::FILENAME_SPACE_PADDED));
  EXPECT_TRUE(check_file_name("2024년 투자계약서.pdf").empty());
  EXPECT_TRUE(check_file_name("業務委託契約書.docx").empty());
  EXPECT_TRUE(check_file_name("").empty());
}

TEST(DeclaredTypeMismatch, ExtensionFamilies) {
  EXPECT_NE(declared_type_mismatch("report.pdf", "", FileType::kPe), "");
  EXPECT_NE(declared_type_mismatch("이력서.hwp", "", FileType::kPe), "");
  EXPECT_NE(declared_type_mismatch("invoice.doc", "", FileType::kRtf), "");
  EXPECT_NE(declared_type_mismatch("photo.jpg", "", FileType::kLnk), "");
  EXPECT_NE(declared_type_mismatch("notes.txt", "", FileType::kElf), "");
  EXPECT_NE(declared_type_mismatch("setup.exe", "", FileType::kJavaScript), "");
  EXPECT_EQ(declared_type_mismatch("report.pdf", "", FileType::kPe),
            "extension '.pdf' but content is pe");

  EXPECT_EQ(declared_type_mismatch("report.pdf", "", FileType::kPdf), "");
  EXPECT_EQ(declared_type_mismatch("cv.DOCX", "", FileType::kOoxmlWord), "");
  EXPECT_EQ(declared_type_mismatch("cv.docx", "", FileType::kOle2), "");  // encrypted OOXML
  EXPECT_EQ(declared_type_mismatch("old.doc", "", FileType::kOoxmlWord), "");
  EXPECT_EQ(declared_type_mismatch("a.zip", "", FileType::kOoxmlExcel), "");
  EXPECT_EQ(declared_type_mismatch("이력서.hwp", "", FileType::kHwp), "");
  EXPECT_EQ(declared_type_mismatch("資料.hwpx", "", FileType::kHwpx), "");
  EXPECT_EQ(declared_type_mismatch("picture.jpg", "", FileType::kPng), "");
  EXPECT_EQ(declared_type_mismatch("run.ps1", "", FileType::kText), "");
  EXPECT_EQ(declared_type_mismatch("unknown.xyz", "", FileType::kPe), "");
  EXPECT_EQ(declared_type_mismatch("noext", "", FileType::kPe), "");
  EXPECT_EQ(declared_type_mismatch("report.pdf", "", FileType::kUnknown), "");
}

TEST(DeclaredTypeMismatch, MimeTypes) {
  EXPECT_NE(declared_type_mismatch("", "image/jpeg", FileType::kPe), "");
  EXPECT_NE(declared_type_mismatch("", "application/pdf; name=\"a.pdf\"", FileType::kZip), "");
  EXPECT_NE(declared_type_mismatch("", "Application/MSWord", FileType::kRtf), "");
  EXPECT_EQ(declared_type_mismatch("", "image/png", FileType::kJpeg), "");
  EXPECT_EQ(declared_type_mismatch("", "application/pdf", FileType::kPdf), "");
  // Generic declared types never disagree on their own.
  EXPECT_EQ(declared_type_mismatch("", "application/octet-stream", FileType::kPe), "");
  EXPECT_EQ(declared_type_mismatch("", "text/plain", FileType::kPe), "");
  EXPECT_EQ(declared_type_mismatch("a.bin", "", FileType::kPe), "");
  // Both disagree: both are named.
  std::string both = declared_type_mismatch("cv.pdf", "application/pdf", FileType::kLnk);
  EXPECT_NE(both.find("extension '.pdf'"), std::string::npos) << both;
  EXPECT_NE(both.find("declared application/pdf"), std::string::npos) << both;
}

}  // namespace
}  // namespace lg
