#pragma once
/// Sanctioned cryptocurrency addresses, loaded once at start-up and read by every scanning
/// thread (immutable after loading). Sources: OFAC's SDN list in its three editions (sdn.xml
/// idList entries and sdn_advanced.xml features of type "Digital Currency Address - XXX", and
/// sdn.csv Remarks text "Digital Currency Address - XBT 1abc...;") and plain lists of one
/// address a line (the chain from a "# chain XXX" line or a sanctioned_addresses_XXX.txt name).
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace lg {

struct SanctionsEntry {
  std::string
      source;  // file name the address came from ("sdn.xml", "sanctioned_addresses_ETH.txt")
  std::string currency;  // as the list writes it: XBT, ETH, USDT, ...
  std::string name;      // the listed party ("LAZARUS GROUP"), "" for plain lists
  std::string uid;       // SDN entry number, "" for plain lists

  /// One line naming the entry: "SDN 36599 LAZARUS GROUP (XBT, sdn.xml)" or
  /// "sanctioned_addresses_ETH.txt (ETH)".
  [[nodiscard]] std::string describe() const;
};

class SanctionsList {
 public:
  /// Largest file read (sdn_advanced.xml is about 100 MB today).
  static constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;
  /// Most files taken from one directory.
  static constexpr std::size_t kMaxDirectoryFiles = 10'000;

  /// Loads every path: a file, or a directory whose *.txt, *.xml and *.csv files are loaded
  /// in name order (not recursive). A missing or unreadable path, or a file none of whose
  /// formats applies, is an error naming it.
  static Result<SanctionsList> load(const std::vector<std::string>& paths);

  /// Reads one file; the format comes from its content and name (see add_text).
  Status add_file(const std::string& path);
  /// Adds `content` read from a file named `file_name`: "<sdnList" is sdn.xml, "<Sanctions"
  /// sdn_advanced.xml, a .csv name the SDN CSV edition, anything else a plain list.
  Status add_text(std::string_view file_name, std::string_view content);
  Status add_plain_list(std::string_view file_name, std::string_view content);
  Status add_sdn_xml(std::string_view file_name, std::string_view xml);
  Status add_sdn_advanced_xml(std::string_view file_name, std::string_view xml);
  Status add_sdn_csv(std::string_view file_name, std::string_view csv);

  /// The entry listing `address` (any written form: see normalize), or nullptr.
  [[nodiscard]] const SanctionsEntry* lookup(std::string_view address) const;
  [[nodiscard]] std::size_t size() const { return by_address_.size(); }
  [[nodiscard]] bool empty() const { return by_address_.empty(); }

  /// The key addresses are compared by: EVM 0x addresses and bech32 forms lower case,
  /// cashaddr lower case without its "bitcoincash:" prefix, Base58 forms as written.
  static std::string normalize(std::string_view address);

 private:
  /// Adds `address` for `entry` unless already present (the first list naming it wins).
  void add(std::string_view address, const SanctionsEntry& entry);

  std::vector<SanctionsEntry> entries_;
  std::unordered_map<std::string, std::size_t> by_address_;  // normalized -> entries_ index
};

}  // namespace lg
