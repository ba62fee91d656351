#include "core/hash.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(Hash, KnownVectors) {
  auto d = digest_all(as_bytes("abc"));
  EXPECT_EQ(d.md5, "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(d.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(as_bytes("abc")), d.sha256);
}

TEST(Hash, EmptyAndMultiBlock) {
  EXPECT_EQ(digest_all({}).md5, "d41d8cd98f00b204e9800998ecf8427e");
  // One million 'a' (FIPS 180-2 test vector) crosses the 64 KiB block boundary many times.
  std::string million(1'000'000, 'a');
  EXPECT_EQ(digest_all(as_bytes(million)).sha256,
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace lg
