#pragma once
/// Symbian installation files (SIS): the EPOC release 3-6 format (sis_reader.h) and Symbian OS
/// 9.x's (sis9_reader.h). Every installed file becomes a child; data deflated in the package is
/// inflated through zlib, capped by the object and ratio limits.
#include "core/analyzer.h"

namespace lg {

/// Children: one per installed file and language (relation "entry", name = its destination
/// path, "!:\system\apps\x\x.app", or the source name when there is none).
/// Facts: "sis_format" ("epoc5", "epoc6" or "symbian9"), "sis_uid" (the package UID, hex),
/// "sis_languages" (makesis codes, "EN"), "sis_component_name", "sis_installer_version",
/// "sis_compressed", "sis_files" (file records or descriptions), "sis_names" (destinations,
/// at most 64).
/// Text: the component name (TextKind::kDocument), which the installer shows.
/// Findings: SIS_RUN_ON_INSTALL for a file the installer runs (FILERUN, or Symbian 9's
/// EOpRun); SIS_SYMBIAN_PROGRAM for an installed E32 image (a Symbian executable or DLL).
/// Damage (records or data outside the package, broken deflate streams, sizes that disagree)
/// is an anomaly.
class SisAnalyzer final : public Analyzer {
 public:
  [[nodiscard]] Status analyze(ByteView object, Context& ctx) override;
};

}  // namespace lg
