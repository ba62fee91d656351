#include "intel/sanctions.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "intel/xml_pull.h"

namespace lg {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFeaturePrefix = "Digital Currency Address - ";
constexpr std::size_t kMaxAddressBytes = 128;

Status bad(std::string_view file, std::string what) {
  return Status::error(ErrorCode::kMalformed, std::string(file) + ": " + std::move(what));
}

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool plausible_address(std::string_view a) {
  if (a.size() < 14 || a.size() > kMaxAddressBytes) return false;
  for (char c : a)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ':'))
      return false;
  return true;
}

// "sanctioned_addresses_ETH.txt" -> "ETH"; "" when the name does not say.
std::string currency_from_name(std::string_view name) {
  auto us = name.rfind('_');
  auto dot = name.rfind('.');
  if (us == std::string_view::npos || dot == std::string_view::npos || dot <= us + 1) return {};
  return std::string(name.substr(us + 1, dot - us - 1));
}

// Splits one RFC 4180 record starting at `pos`; advances `pos` past its line end.
std::vector<std::string> csv_record(std::string_view csv, std::size_t& pos) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  while (pos < csv.size()) {
    char c = csv[pos++];
    if (quoted) {
      if (c != '"')
        fields.back() += c;
      else if (pos < csv.size() && csv[pos] == '"')
        fields.back() += csv[pos++];
      else
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace

std::string SanctionsEntry::describe() const {
  if (uid.empty() && name.empty()) return source + " (" + currency + ")";
  std::string s = "SDN";
  if (!uid.empty()) s += " " + uid;
  if (!name.empty()) s += " " + name;
  return s + " (" + currency + ", " + source + ")";
}

std::string SanctionsList::normalize(std::string_view a) {
  a = trim(a);
  std::string l = lower(a);
  if (l.starts_with("bitcoincash:")) return l.substr(12);
  if (l.size() == 42 && l.starts_with("0x")) return l;
  if (l.starts_with("bc1") || l.starts_with("ltc1") || l.starts_with("tb1")) return l;
  if (l.size() == 42 && (l[0] == 'q' || l[0] == 'p')) return l;  // bare cashaddr
  return std::string(a);
}

void SanctionsList::add(std::string_view address, const SanctionsEntry& entry) {
  std::string key = normalize(address);
  if (!plausible_address(key) || by_address_.contains(key)) return;
  if (entries_.empty() || entries_.back().source != entry.source ||
      entries_.back().uid != entry.uid || entries_.back().currency != entry.currency ||
      entries_.back().name != entry.name)
    entries_.push_back(entry);
  by_address_.emplace(std::move(key), entries_.size() - 1);
}

const SanctionsEntry* SanctionsList::lookup(std::string_view address) const {
  auto it = by_address_.find(normalize(address));
  return it == by_address_.end() ? nullptr : &entries_[it->second];
}

Status SanctionsList::add_plain_list(std::string_view file_name, std::string_view content) {
  SanctionsEntry entry{std::string(file_name), currency_from_name(file_name), {}, {}};
  std::size_t pos = 0, added = 0, line_no = 0;
  while (pos < content.size()) {
    auto nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = trim(content.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty()) continue;
    if (line.front() == '#') {  // "# chain ETH" names the currency of the lines below
      std::string_view rest = trim(line.substr(1));
      if (rest.starts_with("chain")) entry.currency = std::string(trim(rest.substr(5)));
      continue;
    }
    auto cut = line.find_first_of(" \t,;");  // tolerate a trailing comment or column
    std::string_view address = line.substr(0, cut);
    if (!plausible_address(address))
      return bad(file_name, "line " + std::to_string(line_no) + " is not an address");
    if (entry.currency.empty()) entry.currency = "?";
    add(address, entry);
    ++added;
  }
  return Status::ok();
}

Status SanctionsList::add_sdn_xml(std::string_view file_name, std::string_view xml) {
  // [OFAC sdn.xml] sdnEntry { uid, firstName?, lastName, ..., idList { id { idType,
  // idNumber } } }. The entry's own uid is the first uid inside it.
  XmlPull x(xml);
  SanctionsEntry entry;
  std::string first, last, id_type, id_number;
  std::string_view element;
  bool in_entry = false, in_id = false;
  for (auto ev = x.next(); ev != XmlPull::Event::kDone; ev = x.next()) {
    if (ev == XmlPull::Event::kStart) {
      element = x.name();
      if (element == "sdnEntry") {
        in_entry = true;
        entry = SanctionsEntry{std::string(file_name), {}, {}, {}};
        first.clear();
        last.clear();
      } else if (element == "id" && in_entry) {
        in_id = true;
        id_type.clear();
        id_number.clear();
      }
    } else if (ev == XmlPull::Event::kText && in_entry) {
      if (element == "uid" && entry.uid.empty())
        entry.uid = std::string(trim(x.text()));
      else if (element == "firstName" && !in_id)
        first = std::string(trim(x.text()));
      else if (element == "lastName" && !in_id)
        last = std::string(trim(x.text()));
      else if (element == "idType" && in_id)
        id_type = std::string(trim(x.text()));
      else if (element == "idNumber" && in_id)
        id_number = std::string(trim(x.text()));
    } else if (ev == XmlPull::Event::kEnd) {
      element = {};
      if (x.name() == "id" && in_id) {
        in_id = false;
        if (std::string_view(id_type).starts_with(kFeaturePrefix)) {
          entry.currency = id_type.substr(kFeaturePrefix.size());
          entry.name = first.empty() ? last : first + " " + last;
          add(id_number, entry);
        }
      } else if (x.name() == "sdnEntry") {
        in_entry = false;
      }
    }
  }
  return Status::ok();
}

Status SanctionsList::add_sdn_advanced_xml(std::string_view file_name, std::string_view xml) {
  // [OFAC sdn_advanced.xml] ReferenceValueSets/FeatureTypeValues/FeatureType ID=.. gives the
  // "Digital Currency Address - XXX" type ids; DistinctParty FixedRef=.. holds Profile/
  // Identity/Alias/DocumentedName/NamePartValue and Feature FeatureTypeID=.. with
  // FeatureVersion/VersionDetail holding the address. Reference sets come first.
  XmlPull x(xml);
  std::unordered_map<std::string, std::string> currency_of_type;  // FeatureType ID -> XBT
  std::string feature_type_id, current_type, party_uid, party_name, feature_currency;
  std::string_view element;
  bool name_done = false, in_name = false;
  std::vector<std::pair<std::string, std::string>> party_addresses;  // address, currency
  for (auto ev = x.next(); ev != XmlPull::Event::kDone; ev = x.next()) {
    if (ev == XmlPull::Event::kStart) {
      element = x.name();
      if (element == "FeatureType") {
        feature_type_id = x.attribute("ID");
      } else if (element == "DistinctParty") {
        party_uid = x.attribute("FixedRef");
        party_name.clear();
        name_done = false;
        party_addresses.clear();
      } else if (element == "DocumentedName" && !name_done) {
        in_name = true;
      } else if (element == "Feature") {
        auto it = currency_of_type.find(x.attribute("FeatureTypeID"));
        feature_currency = it == currency_of_type.end() ? "" : it->second;
      }
    } else if (ev == XmlPull::Event::kText) {
      std::string_view t = trim(x.text());
      if (element == "FeatureType" && t.starts_with(kFeaturePrefix))
        currency_of_type[feature_type_id] = std::string(t.substr(kFeaturePrefix.size()));
      else if (element == "NamePartValue" && in_name)
        party_name += (party_name.empty() ? "" : " ") + std::string(t);
      else if (element == "VersionDetail" && !feature_currency.empty())
        party_addresses.emplace_back(std::string(t), feature_currency);
    } else if (ev == XmlPull::Event::kEnd) {
      element = {};
      if (x.name() == "DocumentedName" && in_name) {
        in_name = false;
        name_done = true;  // the first (primary) name is the party's
      } else if (x.name() == "Feature") {
        feature_currency.clear();
      } else if (x.name() == "DistinctParty") {
        for (const auto& [address, currency] : party_addresses)
          add(address, SanctionsEntry{std::string(file_name), currency, party_name, party_uid});
        party_addresses.clear();
      }
    }
  }
  return Status::ok();
}

Status SanctionsList::add_sdn_csv(std::string_view file_name, std::string_view csv) {
  // [OFAC sdn.csv] ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  // GRT, Vess_flag, Vess_owner, Remarks; no header; "-0-" for empty. Remarks hold
  // "Digital Currency Address - XBT 1abc...; alt. Digital Currency Address - XBT ...;".
  std::size_t pos = 0;
  while (pos < csv.size()) {
    auto f = csv_record(csv, pos);
    if (f.size() < 12) continue;
    std::string_view remarks = f[11];
    SanctionsEntry entry{
        std::string(file_name), {}, std::string(trim(f[1])), std::string(trim(f[0]))};
    for (auto at = remarks.find(kFeaturePrefix); at != std::string_view::npos;
         at = remarks.find(kFeaturePrefix, at + 1)) {
      std::string_view rest = remarks.substr(at + kFeaturePrefix.size());
      auto sp = rest.find(' ');
      if (sp == std::string_view::npos) break;
      entry.currency = std::string(rest.substr(0, sp));
      rest.remove_prefix(sp + 1);
      std::string_view address = rest.substr(0, rest.find_first_of("; ,"));
      address = trim(address);
      while (!address.empty() && address.back() == '.') address.remove_suffix(1);
      add(address, entry);
    }
  }
  return Status::ok();
}

Status SanctionsList::add_text(std::string_view file_name, std::string_view content) {
  std::string_view head = content.substr(0, 4096);
  if (head.find("<sdnList") != std::string_view::npos) return add_sdn_xml(file_name, content);
  if (head.find("<Sanctions") != std::string_view::npos)
    return add_sdn_advanced_xml(file_name, content);
  if (lower(file_name).ends_with(".csv")) return add_sdn_csv(file_name, content);
  if (lower(file_name).ends_with(".xml")) return bad(file_name, "not an OFAC SDN XML file");
  return add_plain_list(file_name, content);
}

Status SanctionsList::add_file(const std::string& path) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Status::error(ErrorCode::kIo, path + ": " + ec.message());
  if (size > kMaxFileBytes) return Status::error(ErrorCode::kLimit, path + ": file too large");
  std::ifstream in(path, std::ios::binary);
  std::string content(size, '\0');
  if (!in || !in.read(content.data(), static_cast<std::streamsize>(size)))
    return Status::error(ErrorCode::kIo, path + ": cannot read");
  return add_text(fs::path(path).filename().string(), content);
}

Result<SanctionsList> SanctionsList::load(const std::vector<std::string>& paths) {
  SanctionsList list;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        std::string ext = lower(it->path().extension().string());
        if (it->is_regular_file(ec) && (ext == ".txt" || ext == ".xml" || ext == ".csv"))
          files.push_back(it->path().string());
        if (files.size() > kMaxDirectoryFiles)
          return Status::error(ErrorCode::kLimit, p + ": too many files");
      }
      if (ec) return Status::error(ErrorCode::kIo, p + ": " + ec.message());
      std::sort(files.begin(), files.end());
      for (const std::string& f : files)
        if (Status st = list.add_file(f); !st.is_ok()) return st;
    } else if (Status st = list.add_file(p); !st.is_ok()) {
      return st;
    }
  }
  return list;
}

}  // namespace lg
