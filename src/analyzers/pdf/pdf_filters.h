#pragma once
/// PDF stream filters (ISO 32000-1 7.4): FlateDecode and LZWDecode with the PNG/TIFF
/// predictors of 7.4.4.4, ASCIIHexDecode, ASCII85Decode, RunLengthDecode, and filter chains.
/// Every decoder writes at most `max_out` bytes: a bomb stops at the cap.
#include <string>
#include <vector>

#include "analyzers/pdf/pdf_object.h"
#include "core/bytes.h"

namespace lg {

/// One filter of a chain: its name (abbreviations 7.4 Table 6 expanded) and its /DecodeParms
/// dictionary (nullptr when none).
struct PdfFilter {
  std::string name;
  const PdfObject* parms = nullptr;
};

struct PdfDecoded {
  Bytes data;
  bool capped = false;     // output stopped at max_out
  bool damaged = false;    // a decoder met bad data; `data` holds what came before
  std::string stopped_at;  // an image or unknown filter the chain stopped before ("" = none)
};

/// Expands the abbreviated filter names of inline images (AHx, A85, LZW, Fl, RL, CCF, DCT).
std::string pdf_filter_full_name(std::string_view name);

/// Applies `chain` in order to `raw`. Image codecs (DCTDecode, JPXDecode, JBIG2Decode,
/// CCITTFaxDecode) and unknown filters stop the chain: the data decoded so far is returned and
/// `stopped_at` names the filter. The Crypt filter is passed through (decryption happens
/// before, see PdfSecurity).
PdfDecoded pdf_decode(ByteView raw, const std::vector<PdfFilter>& chain, std::size_t max_out);

// Single decoders, exposed for tests. Each stops at max_out (setting *capped).
Bytes pdf_ascii_hex_decode(ByteView in, std::size_t max_out, bool* capped, bool* damaged);
Bytes pdf_ascii85_decode(ByteView in, std::size_t max_out, bool* capped, bool* damaged);
Bytes pdf_run_length_decode(ByteView in, std::size_t max_out, bool* capped, bool* damaged);
Bytes pdf_lzw_decode(ByteView in, bool early_change, std::size_t max_out, bool* capped,
                     bool* damaged);
/// Undoes the predictor named in `parms` (/Predictor, /Colors, /BitsPerComponent, /Columns);
/// returns `in` unchanged for predictor 1 or no parms.
Bytes pdf_unpredict(Bytes in, const PdfObject* parms, bool* damaged);

}  // namespace lg
