#pragma once
/// macOS application bundles among an archive's entry names (Apple "Bundle Programming Guide",
/// macOS bundle layout: Name.app/Contents/Info.plist, Contents/MacOS/<executable>,
/// Contents/_CodeSignature/CodeResources when signed).
#include <string>
#include <vector>

#include "core/analyzer.h"

namespace lg {

/// Reports MACOS_APP_BUNDLE for each outermost bundle (at most kMaxAppBundles) that has an
/// Info.plist or a Contents/MacOS/ program, with whether _CodeSignature/CodeResources is there;
/// EXECUTABLE_DOCUMENT_DISGUISE when the bundle is named like a document ("Report.pdf.app").
/// Fact "macos_app_bundles". `files` are regular-file entry paths ('/' separated).
void judge_app_bundles(const std::vector<std::string>& files, Context& ctx);

inline constexpr std::size_t kMaxAppBundles = 16;

}  // namespace lg
