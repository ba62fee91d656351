#pragma once
/// HTML objects (attachments, CHM pages, archive entries; HTA too): the visible text and links,
/// the scripts, and the tricks an HTML lure plays: smuggling a file out of a script or a data:
/// URL, credential forms, redirects, and the HHCtrl ShortCut object of compiled help pages.
/// HTML mail bodies are the mail analyzer's (it reduces them to text itself).
#include "core/analyzer.h"

namespace lg {

/// Text: visible text (kDocument), inline scripts and event handlers (kScript), HHCtrl
/// commands (kArguments). Links: <a>/<area>/<form> targets, script/iframe/embed sources and
/// redirect targets. Children: large base64 data: URLs ("data-url", named by the element's
/// download attribute) and large base64 runs in scripts ("script-blob").
/// Facts: "charset", "scripts", "event_handlers", "forms", "data_urls".
/// Findings: HTML_SCRIPT, HTML_SMUGGLING, HTML_BLOB_DOWNLOAD, HTML_DATA_URL_PAYLOAD,
/// HTML_CREDENTIAL_FORM, HTML_REDIRECT, CHM_SHORTCUT_COMMAND.
class HtmlAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
