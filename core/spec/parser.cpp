// LoadSpec / ParseSpec / CheckSpec: the pipeline parse → validate → build → cross-check.
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.h"
#include "core/spec/tree.h"

namespace crm::spec {

namespace {

std::string Sha256Hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

// Runs every stage that can run; fills *spec only when there is no diagnostic.
std::vector<Diagnostic> Run(std::string_view yaml, const std::string& file, const EnvLookup& env,
                            Spec* spec) {
  std::vector<Diagnostic> diagnostics;
  internal::Sink sink(file, &diagnostics);
  internal::Node root;
  if (internal::ParseYaml(yaml, &sink, &root)) {
    internal::ValidateTree(&root, env, &sink);
    Spec built = internal::BuildSpec(root);
    internal::CheckReferences(root, built, &sink);
    if (diagnostics.empty() && spec != nullptr) *spec = std::move(built);
  }
  SortDiagnostics(&diagnostics);
  return diagnostics;
}

}  // namespace

std::vector<Diagnostic> CheckSpec(std::string_view yaml, const std::string& path_for_messages,
                                  const EnvLookup& env) {
  return Run(yaml, path_for_messages, env, nullptr);
}

Spec ParseSpec(std::string_view yaml, const std::string& path_for_messages, const EnvLookup& env) {
  Spec spec;
  std::vector<Diagnostic> diagnostics = Run(yaml, path_for_messages, env, &spec);
  if (!diagnostics.empty()) throw Error(ErrorCategory::kSpec, JoinDiagnostics(diagnostics));
  spec.path = path_for_messages;
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path_for_messages, ec);
  spec.base_dir = (ec ? std::filesystem::path(path_for_messages) : absolute)
                      .lexically_normal()
                      .parent_path()
                      .string();
  spec.sha256 = Sha256Hex(yaml);
  return spec;
}

Spec LoadSpec(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ErrorCategory::kUsage, path + ": cannot read spec: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorCategory::kUsage, path + ": cannot read spec: " + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    throw Error(ErrorCategory::kUsage, path + ": cannot read spec: " + std::strerror(errno));
  }
  return ParseSpec(bytes.str(), path, ProcessEnv());
}

}  // namespace crm::spec
