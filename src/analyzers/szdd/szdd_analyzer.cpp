// SZDD and KWAJ expansion. Both formats are described in libmspack's documentation (mspack.h,
// "SZDD file format" and "KWAJ file format"): SZDD is "SZDD\x88\xf0\x27\x33" + LZSS; KWAJ is
// "KWAJ\x88\xf0\x27\xd1" + optional headers + one of five methods. The expanded size is checked
// against the object limit before anything is decompressed, and the output buffer is bounded.
#include "analyzers/szdd/szdd_analyzer.h"

#include <memory>
#include <string>

#include "core/reader.h"
#include "core/utf8.h"
#include "formats/mspack/memory_system.h"

namespace lg {
namespace {

struct SzddDeleter {
  void operator()(msszdd_decompressor* d) const { mspack_destroy_szdd_decompressor(d); }
};
struct KwajDeleter {
  void operator()(mskwaj_decompressor* d) const { mspack_destroy_kwaj_decompressor(d); }
};

Status refused(const char* what, int err) {
  return Status::error(ErrorCode::kMalformed,
                       std::string(what) + " (libmspack error " + std::to_string(err) + ")");
}

Status deliver(Context& ctx, mspack::MemorySystem& sys, int err, std::string name,
               std::size_t compressed) {
  Bytes data = sys.take_output();
  if (sys.output_truncated()) ctx.anomaly("expanded file cut at the object limit");
  if (err != MSPACK_ERR_OK)
    ctx.anomaly("expansion stopped (libmspack error " + std::to_string(err) + ")");
  if (data.empty()) return err == MSPACK_ERR_OK ? Status::ok() : refused("nothing expanded", err);
  ChildInfo info{"expanded", std::move(name), "", compressed};
  if (!ctx.child(std::move(info), std::move(data)).is_ok())
    return Status::error(ErrorCode::kLimit, "expanded file refused");
  return Status::ok();
}

Status szdd(ByteView object, Context& ctx, std::uint64_t max_bytes) {
  mspack::MemorySystem sys(object, max_bytes);
  std::unique_ptr<msszdd_decompressor, SzddDeleter> d(
      mspack_create_szdd_decompressor(sys.system()));
  if (!d) return Status::error(ErrorCode::kInternal, "libmspack: no SZDD decompressor");
  msszddd_header* h = d->open(d.get(), mspack::kInput);
  if (h == nullptr) return refused("SZDD header refused", d->last_error(d.get()));
  ctx.fact("compress_format", std::string(h->format == MSSZDD_FMT_QBASIC ? "szdd-qbasic" : "szdd"));
  ctx.fact("expanded_size", static_cast<std::int64_t>(h->length));
  // The original name's last character, which COMPRESS.EXE replaced with '_'; printable only.
  if (h->missing_char > 0x20 && h->missing_char < 0x7F)
    ctx.fact("missing_char", std::string(1, h->missing_char));
  Status st = Status::ok();
  if (h->length < 0 || static_cast<std::uint64_t>(h->length) > max_bytes) {
    ctx.anomaly("SZDD expanded size over the object limit");
    st = Status::error(ErrorCode::kLimit, "SZDD expanded size over the object limit");
  } else {
    const int err = d->extract(d.get(), h, mspack::kOutput);
    st = deliver(ctx, sys, err, "", object.size());
  }
  d->close(d.get(), h);
  return st;
}

Status kwaj(ByteView object, Context& ctx, std::uint64_t max_bytes) {
  mspack::MemorySystem sys(object, max_bytes);
  std::unique_ptr<mskwaj_decompressor, KwajDeleter> d(
      mspack_create_kwaj_decompressor(sys.system()));
  if (!d) return Status::error(ErrorCode::kInternal, "libmspack: no KWAJ decompressor");
  mskwajd_header* h = d->open(d.get(), mspack::kInput);
  if (h == nullptr) return refused("KWAJ header refused", d->last_error(d.get()));
  ctx.fact("compress_format", std::string("kwaj"));
  ctx.fact("kwaj_method", static_cast<std::int64_t>(h->comp_type));
  if (h->headers & MSKWAJ_HDR_HASLENGTH)
    ctx.fact("expanded_size", static_cast<std::int64_t>(h->length));
  std::string name = h->filename ? repair_utf8(h->filename) : std::string();
  const int err = d->extract(d.get(), h, mspack::kOutput);
  Status st = deliver(ctx, sys, err, std::move(name), object.size());
  d->close(d.get(), h);
  return st;
}

}  // namespace

Status SzddAnalyzer::analyze(ByteView object, Context& ctx) {
  const Reader r(object);
  // A file that would expand past the ratio limit is refused by the engine anyway: stop the
  // decompressor there instead of expanding a bomb first.
  const Limits& lim = ctx.limits();
  const double by_ratio = static_cast<double>(object.size()) * lim.max_ratio;
  const std::uint64_t max_bytes = by_ratio < static_cast<double>(lim.max_object_bytes)
                                      ? static_cast<std::uint64_t>(by_ratio)
                                      : lim.max_object_bytes;
  if (r.starts_with_at(0, "KWAJ\x88\xf0\x27\xd1")) return kwaj(object, ctx, max_bytes);
  return szdd(object, ctx, max_bytes);
}

}  // namespace lg
