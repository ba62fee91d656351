# Third-party libraries, each behind an interface target lg_dep_NAME that the modules link.
#
# A program whose LG_STATIC_DEPS property is on (the CLI and the benchmarks, when the option of
# that name is on) links the static archives Debian ships instead of the shared libraries, and
# libstdc++/libgcc statically (lg_static_program). Dynamic linking was most of the CLI's
# start-up: about 10,000 symbol look-ups across some 30 libraries, plus mapping them, paid again
# by every process, which matters when a mail server or an analyst runs one process per file.
# Only glibc stays shared. Test programs and the sanitizer/fuzz trees keep the shared libraries
# (they link GoogleTest and the sanitizer runtimes, which are shared).

option(LG_STATIC_DEPS "Link the CLI's third-party libraries statically (start-up time)" ON)
if(LG_SANITIZE OR LG_FUZZ)
  set(LG_STATIC_DEPS OFF)
endif()

find_package(PkgConfig REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(BZip2 REQUIRED)
find_package(pugixml REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
pkg_check_modules(TOMLPP REQUIRED tomlplusplus)
# Vectorscan (Debian's Hyperscan fork) matches the lure lexicons.
pkg_check_modules(LIBHS REQUIRED IMPORTED_TARGET libhs)
# libpsl: the Public Suffix List, for registered domains.
pkg_check_modules(LIBPSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(LIBMSPACK REQUIRED IMPORTED_TARGET libmspack)
# Nettle: the digests (core/hash.cpp, office_crypto's key derivation).
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)
# libfsntfs, libfshfs, libfsapfs and libbfio (libyal): NTFS, HFS+ and APFS volumes in disk
# images. Only their headers are used at build time: formats/disk/libyal.cpp loads the shared
# objects on first use (dlopen), so no program links them (HACKING.md, "Disk volume libraries").
pkg_check_modules(LIBFSNTFS REQUIRED IMPORTED_TARGET libfsntfs)
pkg_check_modules(LIBFSHFS REQUIRED IMPORTED_TARGET libfshfs)
pkg_check_modules(LIBFSAPFS REQUIRED IMPORTED_TARGET libfsapfs)
pkg_check_modules(LIBBFIO REQUIRED IMPORTED_TARGET libbfio)
# libpng: PNG icon images in programs' resources (analyzers/executable/icon_image.cpp).
pkg_check_modules(LIBPNG REQUIRED IMPORTED_TARGET libpng)

# The archives a static program needs (libarchive's and libpsl's own dependencies included, as
# `pkg-config --static` lists them); when one is missing the option is turned off, never half
# applied (a shared C++ library beside a static libstdc++ would be two runtimes).
set(lg_static_names
    crypto icui18n icuuc icudata z bz2 lzma zstd lz4 acl xml2 nettle archive hs psl idn2
    unistring sqlite3 mspack pugixml)
list(APPEND lg_static_names png16)
if(LG_STATIC_DEPS)
  foreach(n IN LISTS lg_static_names)
    find_library(LG_STATIC_${n} NAMES lib${n}.a)
    if(NOT LG_STATIC_${n})
      message(WARNING "lib${n}.a not found (scripts/install-deps.sh installs it): "
                      "the CLI links shared libraries")
      set(LG_STATIC_DEPS OFF)
      break()
    endif()
  endforeach()
endif()

set(lg_static_on "$<BOOL:$<TARGET_PROPERTY:LG_STATIC_DEPS>>")

# lg_third_party(NAME SHARED items... STATIC archive-names-or-flags... DEPS lg_dep_...): the
# interface target NAME. SHARED items are linked by ordinary targets (their include
# directories and definitions reach every target); STATIC ones by LG_STATIC_DEPS programs;
# DEPS are other lg_dep targets the static archives need (CMake orders them after NAME).
function(lg_third_party name)
  cmake_parse_arguments(A "" "" "SHARED;STATIC;DEPS" ${ARGN})
  add_library(${name} INTERFACE)
  foreach(item IN LISTS A_SHARED)
    target_link_libraries(${name} INTERFACE "$<$<NOT:${lg_static_on}>:${item}>")
    if(TARGET ${item})
      target_include_directories(${name} SYSTEM INTERFACE
        $<TARGET_PROPERTY:${item},INTERFACE_INCLUDE_DIRECTORIES>)
      target_compile_definitions(${name} INTERFACE
        $<TARGET_PROPERTY:${item},INTERFACE_COMPILE_DEFINITIONS>)
    endif()
  endforeach()
  if(LG_STATIC_DEPS)
    foreach(item IN LISTS A_STATIC)
      if(item MATCHES "^-")
        target_link_libraries(${name} INTERFACE "$<${lg_static_on}:${item}>")
      else()
        target_link_libraries(${name} INTERFACE "$<${lg_static_on}:${LG_STATIC_${item}}>")
      endif()
    endforeach()
  endif()
  target_link_libraries(${name} INTERFACE ${A_DEPS})
endfunction()

# Leaves first: a library's DEPS must exist before it.
lg_third_party(lg_dep_z SHARED ZLIB::ZLIB STATIC z)
lg_third_party(lg_dep_bz2 SHARED BZip2::BZip2 STATIC bz2)
lg_third_party(lg_dep_lzma STATIC lzma)
lg_third_party(lg_dep_zstd STATIC zstd)
lg_third_party(lg_dep_lz4 STATIC lz4)
lg_third_party(lg_dep_acl STATIC acl)
lg_third_party(lg_dep_nettle SHARED PkgConfig::NETTLE STATIC nettle)
lg_third_party(lg_dep_icu SHARED ICU::i18n ICU::uc ICU::data
  STATIC icui18n icuuc icudata -ldl -lm Threads::Threads)
lg_third_party(lg_dep_crypto SHARED OpenSSL::Crypto STATIC crypto -ldl Threads::Threads)
lg_third_party(lg_dep_xml2 STATIC xml2 -lm DEPS lg_dep_icu lg_dep_lzma lg_dep_z)
lg_third_party(lg_dep_archive SHARED PkgConfig::LIBARCHIVE STATIC archive
  DEPS lg_dep_nettle lg_dep_acl lg_dep_xml2 lg_dep_lzma lg_dep_zstd lg_dep_lz4 lg_dep_bz2
       lg_dep_z)
lg_third_party(lg_dep_hs SHARED PkgConfig::LIBHS STATIC hs -lm)
lg_third_party(lg_dep_psl SHARED PkgConfig::LIBPSL STATIC psl idn2 unistring)
lg_third_party(lg_dep_sqlite3 SHARED SQLite::SQLite3 STATIC sqlite3 -ldl -lm
  DEPS lg_dep_z Threads::Threads)
lg_third_party(lg_dep_mspack SHARED PkgConfig::LIBMSPACK STATIC mspack)
lg_third_party(lg_dep_pugixml SHARED pugixml::pugixml STATIC pugixml)
lg_third_party(lg_dep_png SHARED PkgConfig::LIBPNG STATIC png16 -lm DEPS lg_dep_z)
# The libyal headers (function types for the dlsym tables) and dlopen itself.
add_library(lg_dep_libyal INTERFACE)
target_include_directories(lg_dep_libyal SYSTEM INTERFACE ${LIBFSNTFS_INCLUDE_DIRS}
  ${LIBFSHFS_INCLUDE_DIRS} ${LIBFSAPFS_INCLUDE_DIRS} ${LIBBFIO_INCLUDE_DIRS})
target_link_libraries(lg_dep_libyal INTERFACE ${CMAKE_DL_LIBS})
# toml++ is used header-only (by engine/config.cpp alone): no library to load at start.
add_library(lg_dep_tomlpp INTERFACE)
target_include_directories(lg_dep_tomlpp SYSTEM INTERFACE ${TOMLPP_INCLUDE_DIRS})
target_compile_definitions(lg_dep_tomlpp INTERFACE TOML_HEADER_ONLY=1)
# nlohmann/json (header-only) reads the JSON reference tools wrote beside the shared corpus
# (core/testing/reference_json.h): test programs only, never the product.
if(LG_TESTS)
  find_package(nlohmann_json 3 CONFIG REQUIRED)
  add_library(lg_dep_json INTERFACE)
  target_link_libraries(lg_dep_json INTERFACE nlohmann_json::nlohmann_json)
endif()

# lg_static_program(TARGET): links TARGET's third-party libraries statically when the option is
# on (see the top of this file).
function(lg_static_program target)
  if(LG_STATIC_DEPS)
    set_target_properties(${target} PROPERTIES LG_STATIC_DEPS ON)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
