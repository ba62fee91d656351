#include "core/inflate.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace lg {
namespace {

Bytes deflate_with(std::string_view text, int window_bits) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  Bytes out(deflateBound(&zs, text.size()) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  zs.avail_in = static_cast<uInt>(text.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(Inflate, AllWrappersAndAuto) {
  std::string text(10000, 'x');
  text += "the end";
  for (int bits : {15, -15, 31}) {
    Bytes z = deflate_with(text, bits);
    auto w = bits == 15 ? DeflateWrapper::kZlib
             : bits < 0 ? DeflateWrapper::kRaw
                        : DeflateWrapper::kGzip;
    for (auto mode : {w, DeflateWrapper::kAuto}) {
      auto r = inflate_bytes(z, mode, 1 << 20);
      EXPECT_TRUE(r.complete) << bits;
      EXPECT_FALSE(r.damaged);
      EXPECT_EQ(as_chars(r.data), text);
      EXPECT_EQ(r.consumed, z.size());
    }
  }
}

TEST(Inflate, CapStopsBombs) {
  std::string zeros(50u << 20, '\0');  // 50 MiB of zeros deflate to ~50 KiB
  Bytes z = deflate_with(zeros, -15);
  auto r = inflate_bytes(z, DeflateWrapper::kRaw, 1 << 20);
  EXPECT_TRUE(r.capped);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.data.size(), 1u << 20);
}

TEST(Inflate, TruncatedAndDamagedKeepPrefix) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i * 7919) + ",";
  Bytes z = deflate_with(text, 15);
  Bytes half(z.begin(), z.begin() + z.size() / 2);
  auto r = inflate_bytes(half, DeflateWrapper::kZlib, 1 << 20);
  EXPECT_FALSE(r.complete);
  EXPECT_GT(r.data.size(), 0u);
  EXPECT_EQ(as_chars(r.data), std::string_view(text).substr(0, r.data.size()));
  Bytes junk = z;
  for (std::size_t i = z.size() / 2; i < z.size(); ++i) junk[i] ^= 0x5a;
  r = inflate_bytes(junk, DeflateWrapper::kZlib, 1 << 20);
  EXPECT_FALSE(r.complete);
  auto empty = inflate_bytes({}, DeflateWrapper::kAuto, 100);
  EXPECT_TRUE(empty.data.empty());
}

}  // namespace
}  // namespace lg
