#pragma once
/// Internal to the HWP analyzer: reading (and inflating) streams, and the parts of a document
/// beyond its text: BinData objects (3.2.6) and scripts (3.2.9).
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>

#include "analyzers/hwp/hwp_findings.h"
#include "analyzers/hwp/hwp_format.h"
#include "core/analyzer.h"
#include "formats/cfb/compound_file.h"

namespace lg {

/// A stream's bytes, raw-inflated when `compressed` (3.2: DocInfo, BodyText, BinData and
/// Scripts are raw deflate when the FileHeader's compressed bit is set), at most
/// ctx.limits().max_object_bytes. Damage and caps become anomalies naming `what`. nullopt when
/// nothing could be read.
std::optional<Bytes> read_hwp_stream(const CompoundFile& cf, const CfbEntry& entry, bool compressed,
                                     std::string_view what, Context& ctx);

/// BinData/BIN*.* streams: children, PostScript/EPS and OLE package judgments.
/// `refs` are DocInfo's BIN_DATA records by id.
void report_hwp_bindata(const CompoundFile& cf, bool compressed,
                        const std::map<std::uint16_t, HwpBinDataRef>& refs, Context& ctx);

/// Scripts/DefaultJScript and Scripts/JScriptVersion.
void report_hwp_scripts(const CompoundFile& cf, bool compressed, Context& ctx);

}  // namespace lg
