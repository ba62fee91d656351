#pragma once
/// Passwords given in a message for its attachments: the token after "password", "pw",
/// "パスワード", "비밀번호", "암호", "密码" ..., quoted or not ("the password is 'x7Qz'",
/// "パスワード：abc123", "비밀번호는 2024kr 입니다").
#include <string>
#include <string_view>
#include <vector>

namespace lg {

/// Appends the candidates found in `utf8` to `out` (no duplicates), keeping `out` at most
/// `max_total` long. Linear in the text.
void find_password_candidates(std::string_view utf8, std::vector<std::string>& out,
                              std::size_t max_total = 32);

}  // namespace lg
