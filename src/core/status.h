#pragma once
/// Status and Result<T>: the one error convention. Parsers return these for malformed input;
/// nothing input can cause is an exception or an abort.
#include <string>
#include <utility>
#include <variant>

namespace lg {

enum class ErrorCode {
  kOk = 0,
  kTruncated,    // input ends before a structure does
  kMalformed,    // a structure breaks its spec
  kUnsupported,  // a valid variant this reader does not handle
  kLimit,        // a configured limit stopped the work
  kIo,           // reading a file or socket failed
  kCancelled,    // deadline passed or scan cancelled
  kInternal,     // a bug: an invariant of ours did not hold
};

const char* error_code_name(ErrorCode c);

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return Status(); }
  static Status error(ErrorCode code, std::string message) {
    return Status(code, std::move(message));
  }
  bool is_ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  /// "malformed: message" (or "ok").
  std::string to_string() const;

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  /// The error; Status::ok() when there is a value.
  Status status() const { return has_value() ? Status::ok() : std::get<1>(v_); }
  T value_or(T fallback) const& { return has_value() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace lg
