#include "analyzers/archive/app_bundle.h"

#include <algorithm>
#include <string_view>

#include "core/file_name.h"

namespace lg {
namespace {

struct Bundle {
  std::string root;  // "dir/Name.app"
  bool info_plist = false, program = false, signature = false;
  std::string executable;  // first Contents/MacOS/ entry
};

// The outermost "X.app" directory of `path` ("dir/X.app"), or "" when the path is not inside
// one. "X" must not be empty: ".app/" is a hidden folder, not a bundle.
std::string bundle_root(std::string_view path) {
  for (std::size_t at = path.find(".app/"); at != std::string_view::npos;
       at = path.find(".app/", at + 5)) {
    std::size_t slash = path.rfind('/', at == 0 ? 0 : at - 1);
    std::size_t name_start = (slash == std::string_view::npos || at == 0) ? 0 : slash + 1;
    if (at > name_start) return std::string(path.substr(0, at + 4));
  }
  return {};
}

}  // namespace

void judge_app_bundles(const std::vector<std::string>& files, Context& ctx) {
  std::vector<Bundle> bundles;
  for (const auto& f : files) {  // bounded by the archive's entry cap
    std::string root = bundle_root(f);
    if (root.empty()) continue;
    auto it = std::find_if(bundles.begin(), bundles.end(),
                           [&](const Bundle& b) { return b.root == root; });
    if (it == bundles.end()) {
      if (bundles.size() >= kMaxAppBundles) continue;
      bundles.push_back(Bundle{root, false, false, false, {}});
      it = bundles.end() - 1;
    }
    std::string_view rest = std::string_view(f).substr(root.size());
    if (rest == "/Contents/Info.plist") it->info_plist = true;
    if (rest == "/Contents/_CodeSignature/CodeResources") it->signature = true;
    if (rest.starts_with("/Contents/MacOS/") && !it->program) {
      it->program = true;
      it->executable = std::string(rest.substr(1));
    }
  }
  std::vector<std::string> listed;
  for (const auto& b : bundles) {
    if (!b.info_plist && !b.program) continue;
    std::string name =
        b.root.substr(b.root.rfind('/') == std::string::npos ? 0 : b.root.rfind('/') + 1);
    std::string detail = "application bundle";
    if (b.info_plist) detail += " with Info.plist";
    if (b.program) detail += ", program " + b.executable;
    detail += b.signature ? ", signed (_CodeSignature/CodeResources)"
                          : ", unsigned (no _CodeSignature/CodeResources)";
    ctx.finding(Symbol::MACOS_APP_BUNDLE, {name, detail});
    listed.push_back(name + (b.signature ? " (signed)" : " (unsigned)"));
    // "Report.pdf.app" shows as "Report.pdf" in the Finder, which hides .app.
    std::string shown = name.substr(0, name.size() - 4);
    if (is_document_extension(file_extension(shown))) {
      ctx.finding(Symbol::EXECUTABLE_DOCUMENT_DISGUISE,
                  {name, "application bundle named like a document; the Finder hides .app"});
    }
  }
  if (!listed.empty()) ctx.fact("macos_app_bundles", listed);
}

}  // namespace lg
