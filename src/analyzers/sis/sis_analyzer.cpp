// SisAnalyzer: the files a Symbian installation file would install become children, inflated
// from their zlib streams when the package deflates them.
#include "analyzers/sis/sis_analyzer.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "analyzers/sis/sis9_reader.h"
#include "analyzers/sis/sis_reader.h"
#include "core/inflate.h"
#include "core/reader.h"

namespace lg {
namespace {

constexpr std::size_t kMaxNameFacts = 64;
// Real packages store each file once; data referenced by several records is read again only
// up to twice the package's size in all, so overlapping records cannot make the work quadratic.
constexpr std::size_t kDataReadsPerByte = 2;
// The Symbian 9 controller (names, hashes, certificates) is small; it never needs more.
constexpr std::size_t kMaxControllerBytes = 16u << 20;

// E32ImageHeader (Symbian's executable format): UID1 KExecutableImageUid (0x1000007A) or
// KDynamicLibraryUid (0x10000079), and iSignature "EPOC" at offset 16.
const char* e32_image_kind(ByteView data) {
  const Reader r(data);
  const auto uid1 = r.u32le(0);
  if (!uid1 || !r.starts_with_at(16, "EPOC")) return nullptr;
  if (*uid1 == 0x1000007A) return "E32 executable image";
  if (*uid1 == 0x10000079) return "E32 DLL image";
  return nullptr;
}

std::string hex_uid(std::uint32_t uid) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", uid);
  return buf;
}

// Hands installed files to the engine, each inflated at most to the object limit and to the
// ratio limit of its stored size.
class Installer {
 public:
  Installer(Context& ctx, std::size_t package_size)
      : ctx_(ctx), budget_(package_size * kDataReadsPerByte) {}

  /// False when the analyzer should stop producing children.
  bool install(const std::string& name, ByteView stored, bool deflated,
               std::optional<std::uint64_t> expected) {
    if (ctx_.should_stop()) return false;
    if (stored.size() > budget_) {
      ctx_.anomaly("SIS file data read more than twice over: stopped");
      return false;
    }
    budget_ -= stored.size();
    Bytes data;
    if (deflated) {
      Inflated z = inflate_bytes(stored, DeflateWrapper::kZlib, cap(stored.size()));
      if (z.capped) ctx_.anomaly("SIS file cut at the object limit: " + name);
      if (z.damaged || (!z.complete && !z.capped))
        ctx_.anomaly("SIS file's deflate stream damaged: " + name);
      if (z.complete && expected && *expected != z.data.size())
        ctx_.anomaly("SIS file inflates to another size than recorded: " + name);
      data = std::move(z.data);
    } else {
      data.assign(stored.begin(), stored.end());
    }
    if (data.empty()) return true;
    if (const char* kind = e32_image_kind(data))
      ctx_.finding(Symbol::SIS_SYMBIAN_PROGRAM, {name, kind});
    return ctx_.child({"entry", name, "", stored.size()}, std::move(data)).is_ok();
  }

 private:
  std::size_t cap(std::size_t stored) const {
    const Limits& lim = ctx_.limits();
    const double by_ratio = static_cast<double>(stored) * lim.max_ratio;
    return by_ratio < static_cast<double>(lim.max_object_bytes)
               ? static_cast<std::size_t>(by_ratio)
               : static_cast<std::size_t>(lim.max_object_bytes);
  }

  Context& ctx_;
  std::size_t budget_;
};

void names_fact(Context& ctx, std::vector<std::string> names) {
  if (names.size() > kMaxNameFacts) names.resize(kMaxNameFacts);
  ctx.fact("sis_names", std::move(names));
}

void component_name(Context& ctx, const std::string& name) {
  if (name.empty()) return;
  ctx.fact("sis_component_name", name);
  ctx.text(TextKind::kDocument, name);
}

// "SIS File Format", "File records": file type FILERUN, details 0 (run at installation),
// 1 (at removal) or 2 (both).
const char* when_run(std::uint32_t details) {
  switch (details & 0xFF) {
    case 0:
      return "run during installation";
    case 1:
      return "run during removal";
    default:
      return "run during installation and removal";
  }
}

Status analyze_epoc(ByteView object, Context& ctx) {
  const SisPackage p = read_sis(object);
  for (const auto& a : p.anomalies) ctx.anomaly(a);
  if (!p.valid) return Status::error(ErrorCode::kMalformed, "SIS header not readable");
  ctx.fact("sis_format", std::string(p.release == SisRelease::kEpoc6 ? "epoc6" : "epoc5"));
  ctx.fact("sis_uid", hex_uid(p.uid));
  ctx.fact("sis_installer_version", static_cast<std::int64_t>(p.installer_version));
  ctx.fact("sis_compressed", p.compressed());
  std::vector<std::string> languages;
  for (auto l : p.languages) languages.push_back(sis_language_code(l));
  ctx.fact("sis_languages", std::move(languages));
  component_name(ctx, p.component_name);
  ctx.fact("sis_files", static_cast<std::int64_t>(p.files.size()));
  std::vector<std::string> names;
  for (const SisFile& f : p.files)
    names.push_back(f.destination.empty() ? f.source : f.destination);
  names_fact(ctx, names);

  const Reader r(object);
  Installer installer(ctx, object.size());
  for (std::size_t i = 0; i < p.files.size(); ++i) {
    const SisFile& f = p.files[i];
    if (f.file_type == kSisFileRun && !f.forks.empty())
      ctx.finding(Symbol::SIS_RUN_ON_INSTALL, {names[i], when_run(f.details)});
    for (const SisFork& fork : f.forks) {
      const ByteView stored = *r.subspan(fork.offset, fork.length);
      const bool deflated = p.compressed();
      if (!installer.install(
              names[i], stored, deflated,
              deflated ? std::optional<std::uint64_t>(fork.original_length) : std::nullopt))
        return Status::ok();
    }
  }
  return Status::ok();
}

Status analyze_symbian9(ByteView object, Context& ctx) {
  const Sis9Package p = read_sis9(object, static_cast<std::size_t>(std::min<std::uint64_t>(
                                              kMaxControllerBytes, ctx.limits().max_object_bytes)));
  for (const auto& a : p.anomalies) ctx.anomaly(a);
  if (!p.valid) return Status::error(ErrorCode::kMalformed, "SIS 9 header not readable");
  ctx.fact("sis_format", std::string("symbian9"));
  ctx.fact("sis_uid", hex_uid(p.uid));
  component_name(ctx, p.name);
  ctx.fact("sis_files", static_cast<std::int64_t>(p.descriptions));
  std::vector<std::string> names;
  for (const Sis9File& f : p.files)
    if (!f.target.empty()) names.push_back(f.target);
  names_fact(ctx, names);

  Installer installer(ctx, object.size());
  for (const Sis9File& f : p.files) {
    if (f.stored.empty()) continue;
    if (f.operation & kSis9OpRun)
      ctx.finding(Symbol::SIS_RUN_ON_INSTALL, {f.target, "run during installation (EOpRun)"});
    if (!installer.install(f.target, f.stored, f.deflated, f.size)) return Status::ok();
  }
  return Status::ok();
}

}  // namespace

Status SisAnalyzer::analyze(ByteView object, Context& ctx) {
  const auto uid1 = Reader(object).u32le(0);
  if (uid1 && *uid1 == kSis9Uid1) return analyze_symbian9(object, ctx);
  return analyze_epoc(object, ctx);
}

}  // namespace lg
