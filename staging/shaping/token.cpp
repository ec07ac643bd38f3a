#include "staging/shaping/token.h"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

namespace crm::staging {
namespace {

// Poco 1.11's SHA2Engine lacks the BLOCK_SIZE/DIGEST_SIZE constants HMACEngine reads.
class Sha256Engine : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

}  // namespace

std::string Tokenizer::Token(std::string_view value) const {
  Poco::HMACEngine<Sha256Engine> hmac(key_);
  hmac.update(value.data(), value.size());
  return Poco::DigestEngine::digestToHex(hmac.digest());
}

}  // namespace crm::staging
