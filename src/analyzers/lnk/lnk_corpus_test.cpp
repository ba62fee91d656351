// Differential test against the reference parser (LnkParse3): for every shortcut in
// ../shared/corpus/lnk, each field of NAME.expected.json that LnkAnalyzer maps must equal
// its fact. Field families deliberately not compared, and why:
//   - sizes and offsets (size, index, header_size, *_offset, *_size, link_info_size,
//     length, version, storage_size, value_size): layout bookkeeping, not facts we report;
//     a wrong one would already show as a wrong string below;
//   - r_link_flags, r_file_flags, r_hotkey, r_drive_type: the raw forms of compared names;
//   - guid and reserved0-2: constants the header check validates;
//   - link_info location: "Local"/"Network" restates link_info_flags;
//   - per-item shell details (flags, file_size, modification_time, sort_index, delegate ids):
//     only each item's name is a fact (target_items);
//   - DARWIN_BLOCK product_code_id, feature_name, component_id: the packed MSI descriptor
//     is reported as is (darwin_id), not unpacked;
//   - property values the reference leaves null (VT_FILETIME, VT_CLSID) and value_type.
// Also: the real droppers in the corpus yield their findings, benign shortcuts none.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "analyzers/lnk/lnk_analyzer.h"
#include "core/testing/recording_context.h"
#include "core/testing/reference_json.h"

namespace lg {
namespace {

using testing::Json;
using testing::json_get;
using testing::json_string;
using testing::RecordingContext;
namespace fs = std::filesystem;

const std::string kLnkDir = std::string(LG_SHARED_DIR) + "/corpus/lnk";

std::string show(const FactValue& v) {
  if (auto* s = std::get_if<std::string>(&v)) return "\"" + *s + "\"";
  if (auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto* l = std::get_if<std::vector<std::string>>(&v)) {
    std::string o = "[";
    for (const auto& x : *l) o += "\"" + x + "\",";
    return o + "]";
  }
  return "<other>";
}

// Compares expected JSON values with facts, counting comparisons and listing differences.
struct Comparer {
  const RecordingContext& ctx;
  std::string file;
  std::size_t compared = 0;
  std::vector<std::string> diffs;

  void expect(const std::string& key, FactValue want, const std::string& field) {
    ++compared;
    // Deliberate deviations: code-page strings are decoded with detection (lg::decode_text)
    // instead of a blind windows-1252 reading, so a Chinese name stays Chinese where the
    // reference shows mojibake.
    if (file == "sample6.lnk" && field == "link_info.local_base_path") {
      want = std::string(
          "C:\\Youdao\\ShoppingAssistant\\ie\\4.4\\"
          "\xE6\x92\xAD\xE6\x94\xBE\xE5\x99\xA8\xE6\xAD\xA3\xE5\x9C\xA8\xE5\x8A\xA0"
          "\xE8\xBD\xBD\xEF\xBC\x88\xE6\x8B\xA6\xE6\x88\xAA\xE8\xAF\xB7\xE5\x85\x81"
          "\xE8\xAE\xB8\xEF\xBC\x89.exe");  // 播放器正在加载（拦截请允许）.exe
    }
    auto it = ctx.facts.find(key);
    if (it == ctx.facts.end()) {
      diffs.push_back(file + " " + field + ": fact " + key + " missing, want " + show(want));
    } else if (!(it->second == want)) {
      diffs.push_back(file + " " + field + ": " + key + " = " + show(it->second) + ", want " +
                      show(want));
    }
  }
  void absent(const std::string& key, const std::string& field) {
    ++compared;
    if (ctx.facts.count(key)) diffs.push_back(file + " " + field + ": null, yet fact " + key);
  }
  // A string field (null means: no fact).
  void str(const Json* j, const std::string& key, const std::string& field) {
    if (!j) return;
    if (j->is_null()) return absent(key, field);
    expect(key, json_string(j), field);
  }
  void time(const Json* j, const std::string& key, const std::string& field) {
    if (!j) return;
    if (j->is_null()) return absent(key, field);
    std::string t = json_string(j);
    if (t.ends_with("+00:00")) t = t.substr(0, t.size() - 6) + "Z";
    expect(key, t, field);
  }
  void num(const Json* j, const std::string& key, const std::string& field) {
    if (j && j->is_number()) expect(key, j->get<std::int64_t>(), field);
  }
  void list(const Json* j, const std::string& key, const std::string& field) {
    if (!j || !j->is_array()) return;
    std::vector<std::string> want;
    for (const auto& x : *j) want.push_back(json_string(&x));
    expect(key, want, field);
  }
};

// The name the reference shows for a shell item, which is the name it stores first.
std::string item_name(const Json& item) {
  for (const char* k : {"primary_name", "volume_name", "volume_identifier", "guid"}) {
    if (const Json* v = json_get(item, k); v && v->is_string()) return json_string(v);
  }
  if (const Json* fe = json_get(item, "file_entry")) return item_name(*fe);
  return "";
}

void compare(const Json& e, Comparer& c) {
  if (const Json* h = json_get(e, "header")) {
    c.list(json_get(h, "link_flags"), "link_flags", "header.link_flags");
    c.list(json_get(h, "file_flags"), "file_attributes", "header.file_flags");
    c.time(json_get(h, "creation_time"), "creation_time", "header.creation_time");
    c.time(json_get(h, "accessed_time"), "access_time", "header.accessed_time");
    c.time(json_get(h, "modified_time"), "write_time", "header.modified_time");
    c.num(json_get(h, "file_size"), "file_size", "header.file_size");
    c.num(json_get(h, "icon_index"), "icon_index", "header.icon_index");
    c.str(json_get(h, "windowstyle"), "show_command", "header.windowstyle");
    c.str(json_get(h, "hotkey"), "hotkey", "header.hotkey");
  }
  if (const Json* d = json_get(e, "data")) {
    c.str(json_get(d, "description"), "description", "data.description");
    for (const char* k :
         {"relative_path", "working_directory", "command_line_arguments", "icon_location"}) {
      c.str(json_get(d, k), k, std::string("data.") + k);
    }
  }
  if (const Json* li = json_get(e, "link_info"); li && !li->empty()) {
    for (const char* k : {"local_base_path", "common_path_suffix", "net_name", "device_name"}) {
      c.str(json_get(li, k), k, std::string("link_info.") + k);
    }
    if (const Json* loc = json_get(li, "location_info")) {
      for (const char* k : {"volume_label", "drive_type", "drive_serial_number"}) {
        c.str(json_get(loc, k), k, std::string("link_info.location_info.") + k);
      }
    }
  }
  if (const Json* t = json_get(e, "target"); t && json_get(t, "items")) {
    Json names = Json::array();
    for (const auto& item : *json_get(t, "items")) names.push_back(item_name(item));
    c.list(&names, "target_items", "target.items");
  }
  const Json* x = json_get(e, "extra");
  if (!x) return;
  if (const Json* tr = json_get(x, "DISTRIBUTED_LINK_TRACKER_BLOCK")) {
    for (const char* k : {"machine_identifier", "droid_volume_identifier", "droid_file_identifier",
                          "birth_droid_volume_identifier", "birth_droid_file_identifier"}) {
      c.str(json_get(tr, k), k, std::string("tracker.") + k);
    }
  }
  const std::pair<const char*, const char*> env[] = {
      {"ENVIRONMENTAL_VARIABLES_LOCATION_BLOCK", "environment_target"},
      {"ICON_LOCATION_BLOCK", "icon_environment_target"}};
  for (const auto& [block, key] : env) {
    if (const Json* b = json_get(x, block)) c.str(json_get(b, "target_unicode"), key, block);
  }
  if (const Json* b = json_get(x, "DARWIN_BLOCK")) {
    c.str(json_get(b, "darwin_data_unicode"), "darwin_id", "DARWIN_BLOCK");
  }
  if (const Json* b = json_get(x, "KNOWN_FOLDER_LOCATION_BLOCK")) {
    c.str(json_get(b, "known_folder_id"), "known_folder_id", "KNOWN_FOLDER_LOCATION_BLOCK");
  }
  if (const Json* b = json_get(x, "SPECIAL_FOLDER_LOCATION_BLOCK")) {
    c.num(json_get(b, "special_folder_id"), "special_folder_id", "SPECIAL_FOLDER_LOCATION_BLOCK");
  }
  if (const Json* b = json_get(x, "UNKNOWN_BLOCK")) {
    c.expect("unknown_extra_blocks", static_cast<std::int64_t>(b->size()), "UNKNOWN_BLOCK");
  }
  if (const Json* b = json_get(x, "METADATA_PROPERTIES_BLOCK")) {
    // Every non-null value must be among the property_store facts, in order.
    std::vector<std::string> want;
    for (const auto& storage : *json_get(b, "property_store")) {
      for (const auto& v : *json_get(storage, "serialized_property_values")) {
        const Json* val = json_get(v, "value");
        if (!val || val->is_null()) continue;
        const Json* id_value = json_get(v, "id");
        const std::string id = id_value->is_number() ? std::to_string(id_value->get<std::int64_t>())
                                                     : json_string(id_value);
        want.push_back(
            json_string(json_get(storage, "format_id")) + "/" + id + "=" +
            (val->is_string() ? json_string(val) : std::to_string(val->get<std::int64_t>())));
      }
    }
    std::vector<std::string> got;
    auto it = c.ctx.facts.find("property_store");
    if (it != c.ctx.facts.end()) got = std::get<std::vector<std::string>>(it->second);
    std::size_t g = 0;
    for (const auto& w : want) {
      ++c.compared;
      while (g < got.size() && got[g] != w) ++g;
      if (g == got.size()) {
        c.diffs.push_back(c.file + " property_store: missing " + w);
        g = 0;
      }
    }
  }
}

std::vector<fs::path> shortcuts() {
  std::vector<fs::path> out;
  if (!fs::exists(kLnkDir)) return out;
  for (const auto& e : fs::directory_iterator(kLnkDir)) {
    if (e.path().extension() == ".lnk") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

RecordingContext analyze(const fs::path& p) {
  const std::string bytes = testing::read_file(p.string());
  RecordingContext ctx;
  LnkAnalyzer a;
  Status s = a.analyze(as_bytes(bytes), ctx);
  EXPECT_TRUE(s.is_ok()) << p << ": " << s.to_string();
  return ctx;
}

TEST(LnkCorpus, FactsEqualTheReferenceParser) {
  const auto files = shortcuts();
  if (files.empty()) GTEST_SKIP() << "no corpus at " << kLnkDir;
  std::size_t compared = 0;
  std::vector<std::string> diffs;
  for (const auto& p : files) {
    fs::path json_path = p;
    json_path.replace_extension(".expected.json");
    const Json expected = testing::read_json_file(json_path.string());
    ASSERT_FALSE(expected.is_discarded()) << json_path;
    RecordingContext ctx = analyze(p);
    Comparer c{ctx, p.filename().string(), 0, {}};
    compare(expected, c);
    compared += c.compared;
    diffs.insert(diffs.end(), c.diffs.begin(), c.diffs.end());
  }
  std::printf("lnk corpus: %zu shortcuts, %zu fields compared, %zu differ\n", files.size(),
              compared, diffs.size());
  for (const auto& d : diffs) ADD_FAILURE() << d;
  EXPECT_GE(files.size(), 17u);
  EXPECT_GE(compared, 370u);  // 375 when written; fewer means a field family went missing
}

TEST(LnkCorpus, DroppersYieldTheirFindings) {
  if (shortcuts().empty()) GTEST_SKIP() << "no corpus at " << kLnkDir;
  const std::map<std::string, std::set<Symbol>> expected = {
      {"padded_cli_arguments.lnk", {Symbol::LNK_LOLBIN, Symbol::LNK_PADDED_ARGUMENTS}},
      {"unknown_block.lnk", {Symbol::LNK_LOLBIN}},
      {"invalid_date2.lnk", {Symbol::LNK_LOLBIN}},
  };
  for (const auto& p : shortcuts()) {
    RecordingContext ctx = analyze(p);
    std::set<Symbol> got;
    for (const auto& f : ctx.findings) got.insert(f.symbol);
    auto it = expected.find(p.filename().string());
    const std::set<Symbol> want = it == expected.end() ? std::set<Symbol>{} : it->second;
    for (Symbol s : want) EXPECT_TRUE(got.count(s)) << p << " " << symbol_info(s).name;
    if (it == expected.end()) {
      for (Symbol s : got) ADD_FAILURE() << p << " unexpected " << symbol_info(s).name;
    }
  }
  const RecordingContext padded = analyze(kLnkDir + "/padded_cli_arguments.lnk");
  EXPECT_EQ(padded.str("target_path"), "C:\\Windows\\System32\\cmd.exe");
  EXPECT_TRUE(padded.all_text(TextKind::kArguments).find("forfiles.exe") != std::string::npos);
}

TEST(LnkCorpus, TrackerMacAndLongNames) {
  if (shortcuts().empty()) GTEST_SKIP() << "no corpus at " << kLnkDir;
  const RecordingContext ms = analyze(kLnkDir + "/microsoft_example.lnk");
  EXPECT_EQ(ms.str("mac_address"), "00:13:72:16:87:4A");
  EXPECT_EQ(ms.str("target_path"), "C:\\test\\a.txt");
  // sample10 stores 8.3 primary names; the path uses the long names of 0xBEEF0004.
  const RecordingContext s10 = analyze(kLnkDir + "/sample10.lnk");
  EXPECT_EQ(s10.str("target_path"),
            "C:\\Program Files (x86)\\HDZB_USBKEY_NEW1G\\HDZB_USBKEY_NEW1G.exe");
}

}  // namespace
}  // namespace lg
