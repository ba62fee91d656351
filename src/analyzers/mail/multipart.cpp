// [RFC 2046] 5.1.1 common syntax of multipart bodies: dash-boundary, transport-padding,
// close-delimiter, preamble and epilogue.
#include "analyzers/mail/multipart.h"

#include <algorithm>

namespace lg {
namespace {

constexpr std::size_t kMaxBoundary = 200;  // [RFC 2046] says 70; real mail goes beyond
constexpr std::size_t kMaxGuessCandidates = 8;

bool is_padding(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// End of the line that starts at or contains `pos` (just past its '\n', or the end).
std::size_t next_line(std::string_view s, std::size_t pos) {
  const std::size_t nl = s.find('\n', pos);
  return nl == std::string_view::npos ? s.size() : nl + 1;
}

// The part content ends before the line break that precedes the delimiter at `q`.
std::size_t content_end(std::string_view s, std::size_t start, std::size_t q) {
  std::size_t e = q;
  if (e > start && s[e - 1] == '\n') --e;
  if (e > start && s[e - 1] == '\r') --e;
  return e;
}

}  // namespace

MultipartBody split_multipart(std::string_view body, std::string_view boundary,
                              std::size_t max_parts) {
  MultipartBody mb;
  if (boundary.empty() || boundary.size() > kMaxBoundary) return mb;
  std::string delim = "--";
  delim.append(boundary);
  std::size_t search = 0;
  std::size_t start = 0;  // start of the current part (after a delimiter line)
  while (search < body.size()) {
    const std::size_t q = body.find(delim, search);
    if (q == std::string_view::npos) break;
    search = q + 1;
    if (q != 0 && body[q - 1] != '\n') continue;
    std::size_t k = q + delim.size();
    bool close = false;
    if (body.substr(k, 2) == "--") {
      close = true;
      k += 2;
    }
    const std::size_t line_end = next_line(body, k);
    bool padding_only = true;
    for (std::size_t j = k; j < line_end && body[j] != '\n'; ++j) {
      if (!is_padding(body[j])) {
        padding_only = false;
        break;
      }
    }
    // A close delimiter may be followed by junk on its line; an open one may not (that is a
    // longer boundary sharing this prefix).
    if (!padding_only && !close) continue;
    const std::size_t end = content_end(body, start, q);
    if (!mb.found) {
      mb.preamble = body.substr(0, end);
    } else if (mb.parts.size() < max_parts) {
      mb.parts.push_back(body.substr(start, end - start));
    } else {
      mb.truncated = true;
      return mb;
    }
    mb.found = true;
    start = line_end;
    search = line_end;
    if (close) {
      mb.closed = true;
      mb.epilogue = body.substr(line_end);
      return mb;
    }
  }
  if (mb.found) {
    if (mb.parts.size() < max_parts) {
      mb.parts.push_back(body.substr(std::min(start, body.size())));
    } else {
      mb.truncated = true;
    }
  }
  return mb;
}

std::string_view guess_boundary(std::string_view body) {
  std::size_t pos = 0;
  std::size_t tried = 0;
  while (pos < body.size() && tried < kMaxGuessCandidates) {
    const std::size_t q = body.find("--", pos);
    if (q == std::string_view::npos) break;
    const std::size_t line_end = next_line(body, q);
    pos = line_end;
    if (q != 0 && body[q - 1] != '\n') {
      pos = q + 2;
      continue;
    }
    std::string_view cand = body.substr(q + 2, line_end - q - 2);
    while (!cand.empty() && (cand.back() == '\n' || is_padding(cand.back()))) {
      cand.remove_suffix(1);
    }
    if (cand.ends_with("--")) cand.remove_suffix(2);
    if (cand.empty() || cand.size() > 70) continue;
    bool ok = true;
    for (char c : cand) {
      if (c == ' ' || c == '\t' || static_cast<unsigned char>(c) >= 127) ok = false;
    }
    if (!ok) continue;
    ++tried;
    // Another line starting with "--" + candidate later on.
    std::string delim = "--";
    delim.append(cand);
    std::size_t s = line_end;
    while (s < body.size()) {
      const std::size_t r = body.find(delim, s);
      if (r == std::string_view::npos) break;
      const std::size_t after = r + delim.size();
      // Only a whole delimiter counts: "--abc" must not match "--abcd".
      const bool whole = after >= body.size() || body[after] == '\n' || is_padding(body[after]) ||
                         body.substr(after, 2) == "--";
      if (body[r - 1] == '\n' && whole) return cand;
      s = r + 1;
    }
  }
  return {};
}

}  // namespace lg
