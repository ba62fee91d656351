// The libyal libraries loaded on first use (libyal.h): every function of each table resolves
// from the Debian shared object, and a missing object or function is an error naming it.
#include "formats/disk/libyal.h"

#include <gtest/gtest.h>

namespace lg::disk::libyal {
namespace {

TEST(Libyal, EachTableLoadsWhole) {
  auto b = bfio();
  ASSERT_TRUE(b.has_value()) << b.status().message();
  EXPECT_NE((*b)->handle_initialize, nullptr);
  auto n = fsntfs();
  ASSERT_TRUE(n.has_value()) << n.status().message();
  EXPECT_NE((*n)->error_free, nullptr);
  auto h = fshfs();
  ASSERT_TRUE(h.has_value()) << h.status().message();
  EXPECT_NE((*h)->volume_close, nullptr);
  auto a = fsapfs();
  ASSERT_TRUE(a.has_value()) << a.status().message();
  EXPECT_NE((*a)->container_get_volume_by_index, nullptr);
  EXPECT_EQ(*a, *fsapfs());  // loaded once
}

TEST(Libyal, MissingSharedObjectIsNamed) {
  Fsntfs t;
  const std::string why = load("liblg-absent.so.7", t);
  EXPECT_NE(why.find("liblg-absent.so.7 not loaded (Debian package liblg-absent7)"),
            std::string::npos)
      << why;
  EXPECT_EQ(t.volume_initialize, nullptr);
}

TEST(Libyal, MissingFunctionIsNamedAndTableLeftEmpty) {
  Fsntfs t;  // libbfio has libbfio_error_free but no libfsntfs_* function
  EXPECT_EQ(load("libbfio.so.1", t), "libbfio.so.1 lacks libfsntfs_volume_initialize");
  EXPECT_EQ(t.error_free, nullptr);
  Bfio b;
  EXPECT_EQ(load("libbfio.so.1", b), "");
  EXPECT_NE(b.handle_free, nullptr);
}

TEST(Libyal, NotReadNamesTheVolumeKind) {
  const Status s = not_read("NTFS", Status::error(ErrorCode::kUnsupported, "libfsntfs.so.1 x"));
  EXPECT_EQ(s.code(), ErrorCode::kUnsupported);
  EXPECT_EQ(s.message(), "NTFS volume not read: libfsntfs.so.1 x");
}

}  // namespace
}  // namespace lg::disk::libyal
