#pragma once
/// A compact table of top-level domains and multi-label public suffixes.
///
/// Interim: the suffix table is a small built-in list (co.uk, co.jp, or.kr, com.cn, ...) plus a
/// few hosting suffixes that phishing abuses (github.io, pages.dev, ...). A later issue replaces
/// it with libpsl (the Public Suffix List, Debian package libpsl-dev); until then a suffix not in
/// the table is treated as a single label.
#include <string_view>

namespace lg {

enum class TldClass {
  kUnknown,   // not a TLD we know
  kNormal,    // a real TLD, accepted for bare names in text ("example.com")
  kFileLike,  // a real TLD that is also a common file extension (zip, mov, py, sh, md ...):
              // accepted only with a scheme, "www." or in an e-mail address
};

/// Classifies the last label of a domain name. ASCII labels are matched case-insensitively;
/// non-ASCII labels are matched as given (UTF-8, e.g. "рф", "中国", "한국", "コム").
TldClass tld_class(std::string_view label);

/// True when `two_labels` (lower-case ASCII, "co.jp") is a public suffix of two labels.
bool is_multi_label_suffix(std::string_view two_labels);

}  // namespace lg
