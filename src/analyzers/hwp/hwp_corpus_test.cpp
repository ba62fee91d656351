// Differential test against the reference parser (pyhwp) over ../shared/corpus/hwp: for every
// NAME.hwp, the records of BodyText/Section0 (tag, level, size, in order) and of DocInfo match
// NAME.hwp.bodytext.section0.json and NAME.hwp.docinfo.json, the text of every paragraph
// matches the reference's ParaText chunks (whitespace normalized), and the analyzer's own
// document text for section 0, its section count and its BinData children agree too.
//
// Deliberate differences: none in this corpus. The reference keeps control characters as
// chunks; tab (9), line break (10), hyphen (24) and the two fixed spaces (30, 31) are mapped
// here to the characters the analyzer writes, and all other controls to nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "analyzers/hwp/hwp_analyzer.h"
#include "analyzers/hwp/hwp_format.h"
#include "analyzers/hwp/hwp_streams.h"
#include "core/ascii.h"
#include "core/file_type.h"
#include "core/testing/recording_context.h"
#include "core/testing/reference_json.h"
#include "formats/cfb/compound_file.h"

namespace lg {
namespace {

namespace fs = std::filesystem;
using testing::Json;
using testing::json_get;
using testing::json_string;
using testing::RecordingContext;

const std::string kCorpus = LG_SHARED_DIR "/corpus/hwp";

std::string normalize(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// One ParaText record's text as the reference gives it.
std::string reference_paragraph(const Json& record) {
  std::string out;
  const Json* chunks = json_get(json_get(record, "content"), "chunks");
  if (!chunks || !chunks->is_array()) return out;
  for (const Json& chunk : *chunks) {
    if (!chunk.is_array() || chunk.size() != 2) continue;
    const Json& v = chunk[1];
    if (v.is_string()) {
      out += v.get<std::string>();
      continue;
    }
    const Json* code = json_get(v, "code");
    int c = code && code->is_number() ? code->get<int>() : -1;
    if (c == 9) out += '\t';
    if (c == 10) out += '\n';
    if (c == 24) out += '-';
    if (c == 30 || c == 31) out += ' ';
  }
  return out;
}

// A number member of `record`, or -1.
long long number_of(const Json* record, std::string_view key) {
  const Json* n = json_get(record, key);
  return n && n->is_number() ? n->get<long long>() : -1;
}

// The decompressed records of one stream, the way the analyzer reads them.
HwpRecordWalk records_of(const CompoundFile& cf, bool compressed, const std::string& path,
                         Bytes& storage) {
  RecordingContext ctx;
  const CfbEntry* e = cf.find(path);
  EXPECT_NE(e, nullptr) << path;
  if (!e) return {};
  auto bytes = read_hwp_stream(cf, *e, compressed, path, ctx);
  EXPECT_TRUE(bytes.has_value()) << path;
  EXPECT_TRUE(ctx.anomalies.empty()) << path << ": " << ctx.anomalies.front();
  if (!bytes) return {};
  storage = std::move(*bytes);
  return walk_hwp_records(storage, HwpAnalyzer::kMaxRecordsPerStream);
}

void expect_same_records(const HwpRecordWalk& mine, const Json& ref, const std::string& what) {
  EXPECT_TRUE(mine.anomalies.empty()) << what;
  ASSERT_EQ(mine.records.size(), ref.size()) << what;
  for (std::size_t i = 0; i < mine.records.size(); ++i) {
    const Json& r = ref[i];
    EXPECT_EQ(mine.records[i].tag, number_of(&r, "tagid")) << what << " #" << i;
    EXPECT_EQ(mine.records[i].level, number_of(&r, "level")) << what << " #" << i;
    EXPECT_EQ(static_cast<long long>(mine.records[i].body.size()), number_of(&r, "size"))
        << what << " #" << i;
  }
}

TEST(HwpCorpus, TextAndRecordsMatchTheReferenceParser) {
  if (!fs::is_directory(kCorpus)) GTEST_SKIP() << "no corpus at " << kCorpus;
  std::size_t files = 0, paragraphs = 0, records = 0, docinfo_records = 0, bindata = 0;
  std::vector<fs::path> inputs;
  for (const auto& de : fs::directory_iterator(kCorpus))
    if (de.path().extension() == ".hwp") inputs.push_back(de.path());
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& path : inputs) {
    SCOPED_TRACE(path.filename().string());
    fs::path body_json = path.string() + ".bodytext.section0.json";
    fs::path info_json = path.string() + ".docinfo.json";
    ASSERT_TRUE(fs::exists(body_json) && fs::exists(info_json));
    const Json body_ref = testing::read_json_file(body_json.string());
    const Json info_ref = testing::read_json_file(info_json.string());
    ASSERT_TRUE(body_ref.is_array());
    ASSERT_TRUE(info_ref.is_array());

    std::string file = testing::read_file(path.string());
    ByteView bytes = as_bytes(file);
    auto cf = CompoundFile::open(bytes);
    ASSERT_TRUE(cf.has_value());
    auto fh = cf->read_stream(*cf->find("FileHeader"), 256);
    ASSERT_TRUE(fh.has_value());
    auto header = parse_hwp_file_header(*fh);
    ASSERT_TRUE(header.has_value());

    Bytes body_storage, info_storage;
    HwpRecordWalk body = records_of(*cf, header->compressed(), "BodyText/Section0", body_storage);
    HwpRecordWalk info = records_of(*cf, header->compressed(), "DocInfo", info_storage);
    expect_same_records(body, body_ref, "BodyText/Section0");
    expect_same_records(info, info_ref, "DocInfo");
    records += body.records.size();
    docinfo_records += info.records.size();

    // Paragraph by paragraph.
    std::vector<std::string> mine, ref;
    for (const HwpRecord& r : body.records)
      if (r.tag == kHwpTagParaText) mine.push_back(normalize(hwp_para_text(r.body)));
    std::size_t ref_bindata = 0, ref_sections = 0;
    for (const Json& r : body_ref)
      if (json_string(json_get(r, "tagname")) == "HWPTAG_PARA_TEXT")
        ref.push_back(normalize(reference_paragraph(r)));
    for (const Json& r : info_ref) {
      const std::string tag = json_string(json_get(r, "tagname"));
      if (tag == "HWPTAG_BIN_DATA") ++ref_bindata;
      if (tag == "HWPTAG_DOCUMENT_PROPERTIES")
        ref_sections = static_cast<std::size_t>(number_of(json_get(r, "content"), "section_count"));
    }
    ASSERT_EQ(mine.size(), ref.size());
    for (std::size_t i = 0; i < mine.size(); ++i) EXPECT_EQ(mine[i], ref[i]) << "paragraph " << i;
    paragraphs += mine.size();

    // The analyzer end to end: section 0's text is its first document text.
    RecordingContext ctx;
    ASSERT_TRUE(HwpAnalyzer().analyze(bytes, ctx).is_ok());
    EXPECT_FALSE(ctx.has(Symbol::HWP_MALFORMED));
    EXPECT_TRUE(ctx.anomalies.empty()) << ctx.anomalies.front();
    EXPECT_EQ(ctx.str("hwp_format"), "hwp5");
    EXPECT_EQ(ctx.num("hwp_sections"), static_cast<std::int64_t>(ref_sections));
    std::string joined;
    for (const auto& p : ref) joined += (joined.empty() ? "" : " ") + p;
    std::string first;
    for (const auto& t : ctx.texts)
      if (t.kind == TextKind::kDocument) {
        first = t.utf8;
        break;
      }
    EXPECT_EQ(normalize(first), normalize(joined));
    // Every BinData stream is a child (editing leaves streams DocInfo no longer names), and
    // every stream DocInfo names is among them.
    const CfbEntry* bin = cf->find("BinData");
    EXPECT_EQ(ctx.children.size(), bin ? cf->children(bin->id).size() : 0u);
    for (const Json& r : info_ref) {
      const Json* ref = json_get(json_get(r, "content"), "bindata");
      const long long storage_id = number_of(ref, "storage_id");
      if (json_string(json_get(r, "tagname")) != "HWPTAG_BIN_DATA" || storage_id < 0 ||
          !json_get(ref, "ext"))
        continue;
      char name[16];
      std::snprintf(name, sizeof name, "BIN%04X.", static_cast<unsigned>(storage_id));
      std::string want = name + json_string(json_get(ref, "ext"));
      EXPECT_TRUE(std::any_of(ctx.children.begin(), ctx.children.end(), [&](const auto& c) {
        return iequals(c.info.name, want);
      })) << want;
    }
    for (const auto& c : ctx.children) {
      EXPECT_EQ(c.info.relation, "bindata");
      EXPECT_EQ(identify(c.data), FileType::kJpeg) << c.info.name;  // every BinData here is JPEG
    }
    bindata += ctx.children.size();
    EXPECT_FALSE(ctx.has(Symbol::HWP_POSTSCRIPT));
    ++files;
  }
  std::printf(
      "HWP corpus: %zu files, %zu paragraphs compared, %zu section-0 records, %zu DocInfo "
      "records, %zu BinData children\n",
      files, paragraphs, records, docinfo_records, bindata);
  EXPECT_GE(files, 18u);
}

}  // namespace
}  // namespace lg
