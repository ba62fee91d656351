// HTML smuggling (ATT&CK T1027.006): a page that carries a file and hands it to the browser's
// download machinery, so the file never crosses a mail gateway as an attachment. Two carriers:
// base64 data: URLs ([RFC 2397]) in attributes, and long base64 runs in script (decoded with
// atob, turned into a Blob, saved through createObjectURL + <a download> or
// msSaveOrOpenBlob). Both are decoded into children; the primitives decide the finding.
#include <array>
#include <string>

#include "analyzers/html/html_page.h"
#include "core/ascii.h"
#include "core/file_type.h"
#include "core/transfer_encoding.h"

namespace lg::html {
namespace {

constexpr std::size_t kMinDataUrlChars = 256;  // smaller data: URLs are icons and pixels
constexpr std::size_t kLargeBlobBytes = 1024;  // decoded: room for a payload
constexpr std::size_t kLargeBlobChars = kLargeBlobBytes / 3 * 4;
constexpr std::size_t kMaxDataUrls = 100;
constexpr std::size_t kMaxScriptBlobs = 16;

bool is_base64_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '=';
}

// Decoded content that is more than a picture or text: worth a finding when a page carries it.
bool is_payload(FileType t) {
  switch (t) {
    case FileType::kUnknown:
    case FileType::kText:
    case FileType::kHtml:
    case FileType::kPng:
    case FileType::kJpeg:
    case FileType::kGif:
      return false;
    default:
      return true;
  }
}

bool is_image(FileType t) {
  return t == FileType::kPng || t == FileType::kJpeg || t == FileType::kGif;
}

struct Smuggling {
  std::size_t data_urls = 0;
  std::size_t largest_blob = 0;       // bytes (decoded, or estimated from the base64 length)
  bool download_data_anchor = false;  // <a download href="data:..."> or href="blob:..."
  bool refused = false;
};

Status emit(Context& ctx, std::string relation, std::string name, std::string type, Bytes data,
            std::size_t encoded, Smuggling& s) {
  ChildInfo info{std::move(relation), std::move(name), std::move(type), encoded};
  if (!ctx.child(std::move(info), std::move(data)).is_ok()) {
    s.refused = true;
    return Status::error(ErrorCode::kLimit, "HTML child refused");
  }
  return Status::ok();
}

// [RFC 2397] data:[<mediatype>][;base64],<data>: base64 ones of some size are decoded.
Status data_urls(const Page& page, Context& ctx, Smuggling& s) {
  for (const HtmlElement& e : page.elements) {
    const std::string* download = e.attribute("download");
    for (const auto& [k, v] : e.attributes) {
      std::string_view url(v);
      while (!url.empty() && (url.front() == ' ' || url.front() == '\n' || url.front() == '\t'))
        url.remove_prefix(1);
      if (download && e.name == "a" && k == "href" &&
          (istarts_with(url, "data:") || istarts_with(url, "blob:"))) {
        s.download_data_anchor = true;
      }
      if (!istarts_with(url, "data:")) continue;
      const std::size_t comma = url.find(',');
      if (comma == std::string_view::npos) continue;
      const std::string header = ascii_lower(url.substr(5, comma - 5));
      const std::string_view payload = url.substr(comma + 1);
      if (!header.ends_with(";base64") || payload.size() < kMinDataUrlChars) continue;
      if (s.data_urls++ >= kMaxDataUrls) continue;
      Decoding d = decode_base64(payload, ctx.limits().max_object_bytes);
      s.largest_blob = std::max(s.largest_blob, d.data.size());
      if (d.data.empty()) continue;
      const FileType t = identify(d.data);
      if (is_image(t)) continue;  // an inline picture: nothing to look into
      const std::string media = header.substr(0, header.size() - 7);
      if (is_payload(t)) {
        ctx.finding(Symbol::HTML_DATA_URL_PAYLOAD,
                    {"data:" + media + ";base64 (" + std::to_string(d.data.size()) + " bytes)",
                     "data: URL decodes to " + std::string(file_type_name(t))});
      }
      if (Status st = emit(ctx, "data-url", download ? *download : std::string(), media,
                           std::move(d.data), payload.size(), s);
          !st.is_ok()) {
        return st;
      }
    }
  }
  return Status::ok();
}

// Long base64 runs in script text: the payload of atob()-style smuggling.
Status script_blobs(const Page& page, Context& ctx, Smuggling& s) {
  const std::string& js = page.scripts;
  std::size_t blobs = 0;
  std::size_t i = 0;
  while (i < js.size()) {
    if (!is_base64_char(js[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < js.size() && is_base64_char(js[j])) ++j;
    const std::size_t len = j - i;
    if (len >= kLargeBlobChars) {
      if (blobs++ >= kMaxScriptBlobs) {
        s.largest_blob = std::max(s.largest_blob, len / 4 * 3);
      } else {
        Decoding d =
            decode_base64(std::string_view(js).substr(i, len), ctx.limits().max_object_bytes);
        s.largest_blob = std::max(s.largest_blob, d.data.size());
        if (!d.data.empty()) {
          if (Status st = emit(ctx, "script-blob", "", "", std::move(d.data), len, s); !st.is_ok())
            return st;
        }
      }
    }
    i = j;
  }
  return Status::ok();
}

}  // namespace

Status judge_smuggling(const Page& page, Context& ctx) {
  Smuggling s;
  Status st = data_urls(page, ctx, s);
  if (st.is_ok()) st = script_blobs(page, ctx, s);
  if (s.data_urls > 0) ctx.fact("data_urls", static_cast<std::int64_t>(s.data_urls));

  struct Primitive {
    std::string_view needle;  // lower case
    std::string_view name;
  };
  static constexpr std::array<Primitive, 8> kPrimitives = {{
      {"blob(", "Blob"},
      {"atob(", "atob"},
      {"createobjecturl", "createObjectURL"},
      {"mssaveoropenblob", "msSaveOrOpenBlob"},
      {"mssaveblob", "msSaveOrOpenBlob"},
      {".download", "download"},
      {"'download'", "download"},
      {"\"download\"", "download"},
  }};
  std::string found;
  bool blob = false, save = false, url = false, download = s.download_data_anchor;
  for (const Primitive& p : kPrimitives) {
    if (page.scripts_lower.find(p.needle) == std::string::npos) continue;
    if (found.find(p.name) == std::string::npos)
      found += (found.empty() ? "" : ", ") + std::string(p.name);
    blob |= p.name == "Blob";
    save |= p.name == "msSaveOrOpenBlob";
    url |= p.name == "createObjectURL";
    download |= p.name == "download";
  }
  if (s.download_data_anchor && found.find("download") == std::string::npos)
    found += (found.empty() ? "" : ", ") + std::string("<a download>");
  // A file is assembled when a Blob (or a data: link) is handed to a save path.
  const bool assembles = ((blob || save) && (url || save || download)) || s.download_data_anchor;
  if (!assembles) return st;
  if (s.largest_blob >= kLargeBlobBytes) {
    ctx.finding(Symbol::HTML_SMUGGLING,
                {found, "assembles a download from a " + std::to_string(s.largest_blob) +
                            "-byte embedded blob"});
  } else {
    ctx.finding(Symbol::HTML_BLOB_DOWNLOAD, {found, "builds a download in script"});
  }
  return st;
}

}  // namespace lg::html
