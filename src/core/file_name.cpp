// File-name masquerading checks (ATT&CK T1036.002 right-to-left override, T1036.007 double
// file extension) and declared-vs-actual type agreement. Names are UTF-8 (RFC 3629); invalid
// sequences decode to U+FFFD one byte at a time, so every loop is linear in the name.
#include "core/file_name.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lg {
namespace {

using namespace std::string_view_literals;

struct CodePoint {
  char32_t cp;
  std::size_t offset;  // byte offset in the name
  std::size_t length;  // bytes
};

// RFC 3629 section 3, rejecting overlongs, surrogates and values past U+10FFFF.
std::vector<CodePoint> decode_utf8(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len = b0 < 0x80         ? 1
                      : (b0 >> 5) == 6  ? 2
                      : (b0 >> 4) == 14 ? 3
                      : (b0 >> 3) == 30 ? 4
                                        : 0;
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    bool ok = len != 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (ok) {
      static constexpr std::array<char32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (!ok) {
      out.push_back({0xFFFD, i, 1});
      ++i;
    } else {
      out.push_back({cp, i, len});
      i += len;
    }
  }
  return out;
}

// Unicode bidi formatting characters (UAX #9 2.1-2.6): LRM/RLM, ALM, embeddings and
// overrides (U+202A-E, RTLO = U+202E), isolates (U+2066-9).
bool is_bidi_control(char32_t c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Characters that render as a dot but do not end a name's stem: one dot leader, fullwidth
// full stop, word separator middle dot, small full stop.
bool is_lookalike_dot(char32_t c) {
  return c == 0x2024 || c == 0xFF0E || c == 0x2E31 || c == 0xFE52;
}

bool is_blank(char32_t c) {
  return c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
         c == 0x205F || c == 0x3000 || c == 0x3164 || c == 0xFFA0;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool in(std::string_view ext, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), ext) != set.end();
}

// Extensions a person reads as "a document": documents, images, archives, text.
bool is_decoy_extension(std::string_view e) {
  return in(e, {"pdf",  "doc",  "docx", "docm", "dot", "dotx", "xls", "xlsx", "xlsm", "xlsb", "ppt",
                "pptx", "pptm", "pps",  "ppsx", "hwp", "hwpx", "odt", "ods",  "odp",  "rtf",  "txt",
                "csv",  "jpg",  "jpeg", "png",  "gif", "bmp",  "tif", "tiff", "zip",  "rar",  "7z",
                "mp3",  "mp4",  "avi",  "mov",  "htm", "html", "xml", "eml",  "msg",  "one"});
}

// Extensions that run code, open a container the shell mounts, or point elsewhere.
bool is_active_extension(std::string_view e) {
  return in(e, {"exe",    "scr", "com",  "pif",        "bat",
                "cmd",    "js",  "jse",  "vbs",        "vbe",
                "wsf",    "wsh", "hta",  "ps1",        "psm1",
                "lnk",    "url", "msi",  "msc",        "dll",
                "cpl",    "jar", "app",  "command",    "scpt",
                "sh",     "iso", "img",  "vhd",        "vhdx",
                "chm",    "reg", "inf",  "appref-ms",  "application",
                "gadget", "xll", "xlam", "library-ms", "searchconnector-ms"});
}

std::string hex_cp(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// The code points' bytes from index `from` to the end, as UTF-8.
std::string tail_text(std::string_view name, const std::vector<CodePoint>& cps, std::size_t from) {
  return from < cps.size() ? std::string(name.substr(cps[from].offset)) : std::string();
}

using T = FileType;

bool is_text_like(FileType t) {
  return t == T::kText || t == T::kHtml || t == T::kMessage || t == T::kMbox ||
         file_type_is_script(t);
}
bool is_image(FileType t) { return t == T::kPng || t == T::kJpeg || t == T::kGif; }
bool any_of(FileType t, std::initializer_list<FileType> set) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

// Whether content of type `t` agrees with extension `e`; nullopt when the extension says
// nothing. Sensible neighbours agree (a .doc that is OOXML, an .xls that is HTML or XML text,
// a .zip that is a JAR, a .jpg that is a PNG); RTF named .doc does not (the habit of the
// CVE-2017-11882 lures).
std::optional<bool> extension_agrees(std::string_view e, FileType t) {
  if (in(e, {"pdf"})) return t == T::kPdf;
  if (in(e, {"doc", "dot"})) return any_of(t, {T::kOle2, T::kOoxmlWord});
  if (in(e, {"docx", "docm", "dotx", "dotm"})) return any_of(t, {T::kOoxmlWord, T::kOle2, T::kZip});
  if (in(e, {"xls", "xlt", "xla"}))
    return any_of(t, {T::kOle2, T::kOoxmlExcel, T::kHtml, T::kText});
  if (in(e, {"xlsx", "xlsm", "xlsb", "xltx", "xltm", "xlam"})) {
    return any_of(t, {T::kOoxmlExcel, T::kOle2, T::kZip});
  }
  if (in(e, {"ppt", "pps", "pot"})) return any_of(t, {T::kOle2, T::kOoxmlPowerpoint});
  if (in(e, {"pptx", "pptm", "ppsx", "ppsm", "potx", "potm"})) {
    return any_of(t, {T::kOoxmlPowerpoint, T::kOle2, T::kZip});
  }
  if (in(e, {"hwp"})) return any_of(t, {T::kHwp, T::kOle2});
  if (in(e, {"hwpx"})) return any_of(t, {T::kHwpx, T::kZip});
  if (in(e, {"odt", "ods", "odp", "odg"})) return any_of(t, {T::kOdf, T::kZip});
  if (in(e, {"rtf"})) return t == T::kRtf;
  if (in(e, {"msg"})) return t == T::kOle2;
  if (in(e,
         {"txt", "csv", "log", "md",  "xml", "json", "eml", "mht",  "mhtml", "htm", "html", "xhtml",
          "svg", "js",  "jse", "vbs", "vbe", "wsf",  "ps1", "psm1", "bat",   "cmd", "hta"})) {
    return is_text_like(t);
  }
  if (in(e, {"zip"})) {
    return any_of(t, {T::kZip, T::kOoxmlWord, T::kOoxmlExcel, T::kOoxmlPowerpoint, T::kHwpx,
                      T::kJar, T::kApk, T::kOdf});
  }
  if (in(e, {"jar"})) return any_of(t, {T::kJar, T::kZip});
  if (in(e, {"apk"})) return any_of(t, {T::kApk, T::kJar, T::kZip});
  if (in(e, {"rar"})) return t == T::kRar;
  if (in(e, {"7z"})) return t == T::kSevenZip;
  if (in(e, {"gz", "tgz"})) return t == T::kGzip;
  if (in(e, {"bz2", "tbz2"})) return t == T::kBzip2;
  if (in(e, {"xz", "txz"})) return t == T::kXz;
  if (in(e, {"zst"})) return t == T::kZstd;
  if (in(e, {"tar"})) return t == T::kTar;
  if (in(e, {"iso", "img"}))
    return any_of(t, {T::kIso9660, T::kUdf, T::kNtfs, T::kHfsPlus, T::kApfs});
  if (in(e, {"vhd", "vhdx", "dmg"}))
    return any_of(t, {T::kVhd, T::kVhdx, T::kDmg, T::kHfsPlus, T::kApfs});
  if (in(e, {"jpg", "jpeg", "jpe", "png", "gif"})) return is_image(t);
  if (in(e, {"exe", "dll", "scr", "cpl", "sys", "ocx"})) return t == T::kPe;
  if (in(e, {"lnk"})) return t == T::kLnk;
  if (in(e, {"chm"})) return t == T::kChm;
  if (in(e, {"cab"})) return t == T::kCab;
  if (in(e, {"one"})) return t == T::kOneNote;
  if (in(e, {"pkg", "xar"})) return t == T::kXar;
  return std::nullopt;
}

// The same for a declared MIME type (lower case, parameters removed). text/plain and
// application/octet-stream say nothing: mail clients use them for anything.
std::optional<bool> mime_agrees(std::string_view m, FileType t) {
  if (m.empty() || m == "application/octet-stream" || m == "text/plain") return std::nullopt;
  if (m.starts_with("image/")) return is_image(t) || t == T::kText || t == T::kHtml;
  if (m == "application/pdf" || m == "application/x-pdf") return t == T::kPdf;
  if (m == "application/msword") return extension_agrees("doc", t);
  if (m == "application/vnd.ms-excel") return extension_agrees("xls", t);
  if (m == "application/vnd.ms-powerpoint") return extension_agrees("ppt", t);
  if (m.starts_with("application/vnd.openxmlformats-officedocument.wordprocessingml")) {
    return extension_agrees("docx", t);
  }
  if (m.starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml")) {
    return extension_agrees("xlsx", t);
  }
  if (m.starts_with("application/vnd.openxmlformats-officedocument.presentationml")) {
    return extension_agrees("pptx", t);
  }
  if (m == "application/rtf" || m == "text/rtf") return t == T::kRtf;
  if (m == "application/zip" || m == "application/x-zip-compressed") {
    return extension_agrees("zip", t);
  }
  if (m == "application/x-hwp" || m == "application/haansofthwp" ||
      m == "application/vnd.hancom.hwp") {
    return extension_agrees("hwp", t);
  }
  if (m == "text/html") return is_text_like(t);
  if (m == "application/x-rar-compressed" || m == "application/vnd.rar") return t == T::kRar;
  if (m == "application/x-7z-compressed") return t == T::kSevenZip;
  if (m == "application/gzip" || m == "application/x-gzip") return t == T::kGzip;
  return std::nullopt;
}

std::string normalize_mime(std::string_view m) {
  m = m.substr(0, m.find(';'));
  std::size_t b = m.find_first_not_of(" \t");
  std::size_t e = m.find_last_not_of(" \t");
  return b == std::string_view::npos ? std::string() : lower_ascii(m.substr(b, e - b + 1));
}
}  // namespace

std::string file_extension(std::string_view name) {
  // Windows drops trailing dots and spaces from names ("a.exe. " runs as a.exe).
  std::size_t end = name.find_last_not_of(". ");
  if (end == std::string_view::npos) return {};
  name = name.substr(0, end + 1);
  std::size_t sep = name.find_last_of("/\\");
  if (sep != std::string_view::npos) name.remove_prefix(sep + 1);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  return lower_ascii(name.substr(dot + 1));
}

bool is_document_extension(std::string_view ext) { return is_decoy_extension(ext); }

std::vector<NameIssue> check_file_name(std::string_view name) {
  std::vector<NameIssue> issues;
  std::size_t sep = name.find_last_of("/\\");
  if (sep != std::string_view::npos) name.remove_prefix(sep + 1);
  std::vector<CodePoint> cps = decode_utf8(name);

  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (is_bidi_control(cps[i].cp)) {
      issues.push_back({Symbol::FILENAME_RTLO,
                        hex_cp(cps[i].cp) + " before '" + tail_text(name, cps, i + 1) + "'"});
      break;
    }
  }

  // Windows semantics: trailing dots and blanks are dropped, the extension follows the last
  // ASCII dot.
  std::size_t end = cps.size();
  while (end > 0 && (cps[end - 1].cp == '.' || is_blank(cps[end - 1].cp))) --end;
  std::size_t dot = end;
  for (std::size_t i = end; i-- > 0;) {
    if (cps[i].cp == '.') {
      dot = i;
      break;
    }
  }
  std::string ext =
      dot < end
          ? lower_ascii(name.substr(cps[dot].offset + 1, cps[end - 1].offset + cps[end - 1].length -
                                                             cps[dot].offset - 1))
          : std::string();

  // Blanks hiding the real extension: "invoice.pdf          .exe".
  if (dot < end) {
    std::size_t blanks = 0;
    for (std::size_t i = dot; i-- > 0 && is_blank(cps[i].cp);) ++blanks;
    if (blanks >= 3) {
      issues.push_back({Symbol::FILENAME_SPACE_PADDED,
                        std::to_string(blanks) + " blanks before '." + ext + "'"});
    }
  }

  // Look-alike dots followed by an extension-like word: "invoice\u2024pdf", "cv\uFF0Eexe".
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (!is_lookalike_dot(cps[i].cp)) continue;
    std::string word;
    std::size_t k = i + 1;
    for (; k < cps.size() && cps[k].cp < 0x80 && word.size() < 12; ++k) {
      char c = static_cast<char>(cps[k].cp);
      bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum) break;
      word.push_back(c);
    }
    bool word_ends = k == cps.size() || cps[k].cp == '.' || is_blank(cps[k].cp);
    std::string w = lower_ascii(word);
    if (word_ends && (is_decoy_extension(w) || is_active_extension(w))) {
      issues.push_back(
          {Symbol::FILENAME_SPACE_PADDED, hex_cp(cps[i].cp) + " dot before '" + word + "'"});
      break;
    }
  }

  // Two extensions: the one before the real one (separated by an ASCII or a look-alike dot,
  // blanks between ignored) reads as a document while the real one runs code.
  if (dot < end && is_active_extension(ext)) {
    std::size_t stem_end = dot;
    while (stem_end > 0 && is_blank(cps[stem_end - 1].cp)) --stem_end;
    std::size_t prev = stem_end;
    for (std::size_t i = stem_end; i-- > 0;) {
      if (cps[i].cp == '.' || is_lookalike_dot(cps[i].cp)) {
        prev = i;
        break;
      }
    }
    if (prev < stem_end) {
      std::size_t from = cps[prev].offset + cps[prev].length;
      std::size_t to = stem_end < cps.size() ? cps[stem_end].offset : name.size();
      std::string first = lower_ascii(name.substr(from, to - from));
      if (is_decoy_extension(first)) {
        issues.push_back(
            {Symbol::FILENAME_DOUBLE_EXTENSION, "'." + first + "' followed by '." + ext + "'"});
      }
    }
  }
  return issues;
}

}  // namespace lg

namespace lg {

std::string declared_type_mismatch(std::string_view name, std::string_view declared_mime,
                                   FileType actual) {
  if (actual == FileType::kUnknown) return {};  // unreadable content contradicts nothing
  std::string out;
  std::string ext = file_extension(name);
  if (auto ok = extension_agrees(ext, actual); ok && !*ok) {
    out = "extension '." + ext + "' but content is " + std::string(file_type_name(actual));
  }
  std::string mime = normalize_mime(declared_mime);
  if (auto ok = mime_agrees(mime, actual); ok && !*ok) {
    if (!out.empty()) out += "; ";
    out += "declared " + mime + " but content is " + std::string(file_type_name(actual));
  }
  return out;
}

}  // namespace lg
