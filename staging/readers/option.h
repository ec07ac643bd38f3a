// A reader option that remembers whether the user set it (DuckDB's CSVOption<T>). The sniffer only
// fills options the user left unset, so an explicit setting in the spec always wins over a
// detected one, and reports can say which values were detected.
#pragma once

#include <utility>

namespace crm::readers {

template <typename T>
class Option {
 public:
  Option() = default;
  explicit Option(T default_value) : value_(std::move(default_value)) {}

  // An explicit setting (from the spec or the command line).
  void Set(T value) {
    value_ = std::move(value);
    set_by_user_ = true;
  }
  // A detected or default value; ignored when the user set the option.
  void SetDetected(T value) {
    if (!set_by_user_) value_ = std::move(value);
  }

  const T& value() const { return value_; }
  bool set_by_user() const { return set_by_user_; }

 private:
  T value_{};
  bool set_by_user_ = false;
};

}  // namespace crm::readers
