// Keyed tokens for `pii: tokenize` fields: the stage stores HMAC-SHA-256(key, value) as lower-case
// hex instead of the value, so equal values still match (duplicates, joins) while the value
// itself never reaches the staging database. The key comes from the environment variable the
// spec names (privacy.token_key_env) and is never stored.
#pragma once

#include <string>
#include <string_view>

namespace crm::staging {

class Tokenizer {
 public:
  explicit Tokenizer(std::string key) : key_(std::move(key)) {}

  // 64 hex digits. Thread-safe (no shared mutable state).
  std::string Token(std::string_view value) const;

 private:
  std::string key_;
};

}  // namespace crm::staging
