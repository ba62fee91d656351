#pragma once
/// A compact table of top-level domains, used to decide which bare names in text are domain
/// names ("example.com" is, "document.open" and "setup.exe" are not). Registered domains and
/// public suffixes come from the Public Suffix List instead (registered_domain, host.h): it
/// knows every TLD, including those that are words or file extensions in prose.
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

}  // namespace lg
