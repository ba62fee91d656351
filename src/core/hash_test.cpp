#include "core/hash.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(Hash, KnownVectors) {
  auto d = md5_sha1(as_bytes("abc"));
  EXPECT_EQ(d.md5, "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(d.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_TRUE(d.sha256.empty());
  EXPECT_EQ(sha256_hex(as_bytes("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Hash, EmptyAndMultiBlock) {
  EXPECT_EQ(md5_sha1({}).md5, "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(sha256_hex({}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // One million 'a' (FIPS 180-2 test vectors) crosses the 64 KiB block boundary many times.
  std::string million(1'000'000, 'a');
  EXPECT_EQ(md5_sha1(as_bytes(million)).sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  EXPECT_EQ(sha256_hex(as_bytes(million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Hash, Md5Sha1ForFilesNotForStructure) {
  EXPECT_TRUE(wants_md5_sha1("input", FileType::kUnknown));
  EXPECT_TRUE(wants_md5_sha1("attachment", FileType::kUnknown));
  EXPECT_TRUE(wants_md5_sha1("entry", FileType::kUnknown));
  EXPECT_TRUE(wants_md5_sha1("package", FileType::kUnknown));
  EXPECT_FALSE(wants_md5_sha1("stream", FileType::kUnknown));
  EXPECT_FALSE(wants_md5_sha1("body", FileType::kRtf));
  EXPECT_FALSE(wants_md5_sha1("objdata", FileType::kUnknown));
  EXPECT_FALSE(wants_md5_sha1("volume", FileType::kUnknown));
  // A program is a file wherever it sits.
  EXPECT_FALSE(wants_md5_sha1("input", FileType::kMessage));
  EXPECT_FALSE(wants_md5_sha1("message", FileType::kMessage));
  EXPECT_TRUE(wants_md5_sha1("input", FileType::kZip));
  EXPECT_TRUE(wants_md5_sha1("stream", FileType::kPe));
  EXPECT_TRUE(wants_md5_sha1("objdata", FileType::kPe));
}

}  // namespace
}  // namespace lg
