// The transfer decoders that see raw message bodies: base64, quoted-printable, "Q", and the
// uuencode / BinHex 4.0 finder. Besides crashes it checks what the header promises: output
// within max_out, base64 round trips, embedded files inside the body and within the caps.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/bytes.h"
#include "core/transfer_encoding.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // The first two bytes pick the caps, so the cut-off paths are reached with small inputs.
  const std::size_t max_out = data[0] < 128 ? data[0] * 16 : SIZE_MAX;
  const std::size_t max_files = data[1] % 8;
  const std::string_view in(reinterpret_cast<const char*>(data + 2), size - 2);

  const lg::Decoding b64 = lg::decode_base64(in, max_out);
  LG_FUZZ_CHECK(b64.data.size() <= max_out);
  LG_FUZZ_CHECK(b64.data.size() <= in.size() / 4 * 3 + 3);

  const lg::Decoding qp = lg::decode_quoted_printable(in, max_out);
  LG_FUZZ_CHECK(qp.data.size() <= max_out);
  LG_FUZZ_CHECK(qp.data.size() <= in.size());

  const lg::Decoding q = lg::decode_q_encoding(in);
  LG_FUZZ_CHECK(q.data.size() <= in.size());

  // Round trip: whatever bytes we have, encoded and decoded, come back unchanged and intact.
  const std::string encoded = lg::encode_base64(lg::as_bytes(in));
  const lg::Decoding back = lg::decode_base64(encoded);
  LG_FUZZ_CHECK(!back.damaged);
  LG_FUZZ_CHECK(lg::as_chars(back.data) == in);

  const std::size_t max_bytes = max_out == SIZE_MAX ? 1u << 20 : max_out;
  const auto files = lg::find_embedded_files(in, max_files, max_bytes);
  LG_FUZZ_CHECK(files.size() <= max_files);
  for (const auto& f : files) {
    LG_FUZZ_CHECK(f.begin <= f.end && f.end <= in.size());
    LG_FUZZ_CHECK(f.data.size() <= max_bytes);
    LG_FUZZ_CHECK(f.encoding == "uuencode" || f.encoding == "binhex");
  }
  return 0;
}
