#include "detect/passwords.h"

#include <gtest/gtest.h>

namespace lg {
namespace {

std::vector<std::string> find(std::string_view text) {
  std::vector<std::string> out;
  find_password_candidates(text, out);
  return out;
}

TEST(Passwords, EnglishForms) {
  EXPECT_EQ(find("The password is: x7Qz!9"), std::vector<std::string>{"x7Qz!9"});
  EXPECT_EQ(find("PW: 2024job"), std::vector<std::string>{"2024job"});
  EXPECT_EQ(find("zip password \"secret one\"."), std::vector<std::string>{"secret one"});
  EXPECT_EQ(find("Password = abc123. Thanks"), (std::vector<std::string>{"abc123.", "abc123"}));
}

TEST(Passwords, JapaneseKoreanChinese) {
  EXPECT_EQ(find("解凍パスワード：Jp2024"), std::vector<std::string>{"Jp2024"});
  EXPECT_EQ(find("パスワードは「sakura88」です。"), std::vector<std::string>{"sakura88"});
  EXPECT_EQ(find("압축 비밀번호는 kr2024! 입니다"),
            (std::vector<std::string>{"kr2024!", "kr2024"}));
  EXPECT_EQ(find("첨부파일 암호: 1q2w3e"), std::vector<std::string>{"1q2w3e"});
  EXPECT_EQ(find("解压密码：cn888"), std::vector<std::string>{"cn888"});
}

TEST(Passwords, ProseIsNotAPassword) {
  EXPECT_TRUE(find("This document is password protected.").empty());
  EXPECT_TRUE(find("Reset your password to continue").empty());
  EXPECT_TRUE(find("compressed with pwned tools; npw").empty());
  EXPECT_TRUE(find("").empty());
}

TEST(Passwords, NoDuplicatesAndBounded) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "password: p" + std::to_string(i % 50) + " ";
  std::vector<std::string> out;
  find_password_candidates(text, out, 32);
  EXPECT_EQ(out.size(), 32u);
  EXPECT_EQ(out[0], "p0");
  std::string two = "pw: same\npw: same";
  EXPECT_EQ(find(two).size(), 1u);
}

}  // namespace
}  // namespace lg
