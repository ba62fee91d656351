#include "analyzers/mail/multipart.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

TEST(MailMultipart, SplitsPartsPreambleEpilogue) {
  const std::string body =
      "preamble\r\n--b1\r\nA: 1\r\n\r\none\r\n--b1 \t\r\n\r\ntwo\r\n--b1--\r\nepilogue\r\n";
  MultipartBody mb = split_multipart(body, "b1", 100);
  ASSERT_TRUE(mb.found);
  EXPECT_TRUE(mb.closed);
  EXPECT_EQ(mb.preamble, "preamble");
  ASSERT_EQ(mb.parts.size(), 2u);
  EXPECT_EQ(mb.parts[0], "A: 1\r\n\r\none");
  EXPECT_EQ(mb.parts[1], "\r\ntwo");
  EXPECT_EQ(mb.epilogue, "epilogue\r\n");
}

TEST(MailMultipart, SimilarBoundaryIsNotADelimiter) {
  const std::string body = "--b\n\nx\n--b-2\n\ny\n--b--\n";
  MultipartBody mb = split_multipart(body, "b", 100);
  ASSERT_EQ(mb.parts.size(), 1u);
  EXPECT_EQ(mb.parts[0], "\nx\n--b-2\n\ny");
}

TEST(MailMultipart, MissingCloseDelimiter) {
  const std::string body = "--b\n\nfirst\n--b\n\nlast part";
  MultipartBody mb = split_multipart(body, "b", 100);
  EXPECT_TRUE(mb.found);
  EXPECT_FALSE(mb.closed);
  ASSERT_EQ(mb.parts.size(), 2u);
  EXPECT_EQ(mb.parts[1], "\nlast part");
}

TEST(MailMultipart, DelimiterMustStartALine) {
  const std::string body = "text --b\n--b\n\nreal\n--b--";
  MultipartBody mb = split_multipart(body, "b", 100);
  ASSERT_EQ(mb.parts.size(), 1u);
  EXPECT_EQ(mb.preamble, "text --b");
  EXPECT_EQ(mb.parts[0], "\nreal");
}

TEST(MailMultipart, CapOnParts) {
  std::string body;
  for (int i = 0; i < 100; ++i) body += "--b\n\npart\n";
  MultipartBody mb = split_multipart(body, "b", 10);
  EXPECT_EQ(mb.parts.size(), 10u);
  EXPECT_TRUE(mb.truncated);
}

TEST(MailMultipart, NoBoundaryOrNotFound) {
  EXPECT_FALSE(split_multipart("--x\n\n", "", 10).found);
  EXPECT_FALSE(split_multipart("--x\n\nbody\n--x--", "y", 10).found);
}

TEST(MailMultipart, GuessBoundary) {
  EXPECT_EQ(guess_boundary("junk\n--=_abc123\nContent-Type: text/plain\n\nhi\n--=_abc123--\n"),
            "=_abc123");
  // A signature separator and a lone rule are not boundaries.
  EXPECT_EQ(guess_boundary("hello\n-- \nsig\n"), "");
  EXPECT_EQ(guess_boundary("--only-once\nbody\n"), "");
}

TEST(MailMultipart, LinearOnManyFalseDelimiters) {
  // Many near-delimiters must not make the split quadratic (this would time out if it were).
  std::string body;
  for (int i = 0; i < 200000; ++i) body += "--bX\n";
  MultipartBody mb = split_multipart(body, "b", 1000);
  EXPECT_FALSE(mb.found);
  std::string lines;
  for (int i = 0; i < 200000; ++i) lines.append("--c").append(std::to_string(i)).append("\n");
  EXPECT_EQ(guess_boundary(lines), "");
}

}  // namespace
}  // namespace lg
