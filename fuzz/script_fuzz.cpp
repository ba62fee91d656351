// Script analysis: the first byte picks the file type (JS, VBS, PowerShell, batch, WSF,
// Script Encoder), the rest is the script. Exercises the Script Encoder decoder, WSF
// extraction, -EncodedCommand/Base64/char-code decoding and the primitive scans.
#include <array>
#include <cstddef>
#include <cstdint>

#include "analyzers/script/script_analyzer.h"
#include "core/bytes.h"
#include "core/file_type.h"
#include "fuzz/fuzz_context.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::array kTypes = {lg::FileType::kJavaScript, lg::FileType::kVbScript,
                                        lg::FileType::kPowerShell, lg::FileType::kBatch,
                                        lg::FileType::kWsf,        lg::FileType::kEncodedScript};
  lg::fuzz::FuzzContext ctx;
  lg::ScriptAnalyzer analyzer(kTypes[data[0] % kTypes.size()]);
  (void)analyzer.analyze(lg::ByteView(data + 1, size - 1), ctx);
  return 0;
}
