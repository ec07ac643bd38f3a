#include "tests/identity_match/match_render.h"

#include <cstdio>
#include <sstream>

namespace crm::identity::testing {
namespace {

std::string Fixed(double v, int digits = 3) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, v);
  return text;
}

const char* VerdictName(Verdict v) {
  return v == Verdict::kMatch ? "match" : v == Verdict::kPossible ? "possible" : "non_match";
}

void RenderPair(const ScoredPair& p, std::ostringstream* out) {
  *out << VerdictName(p.verdict) << " " << p.a << "-" << p.b << " score " << Fixed(p.score) << " '"
       << p.rule << "'";
  for (const auto& [field, similarity] : p.similarity) {
    *out << " " << field << "=" << Fixed(similarity);
  }
  *out << "\n";
}

class Quiet : public Progress {
 public:
  void Begin(std::string_view, int64_t) override {}
  void Advance(int64_t) override {}
  void End() override {}
  void Note(std::string_view) override {}
};

}  // namespace

std::string RenderResolution(const Resolution& r) {
  std::ostringstream out;
  out << "counts";
  for (const auto& [name, value] : r.counts) out << " " << name << "=" << value;
  out << "\n";
  for (const std::string& w : r.warnings) out << "warning " << w << "\n";
  for (const FieldWeights& w : r.weights) {
    out << "weight " << w.field << " m=" << Fixed(w.m) << " u=" << Fixed(w.u)
        << (w.estimated ? " estimated" : " given") << "\n";
  }
  for (const ScoredPair& p : r.matches) RenderPair(p, &out);
  for (const ScoredPair& p : r.possible) RenderPair(p, &out);
  for (const Membership& m : r.members) {
    out << "member " << m.row << " " << m.record.source << "/" << m.record.key << " cluster "
        << m.cluster << " score " << Fixed(m.score) << " '" << m.rule << "'"
        << (m.flagged ? " flagged" : "") << "\n";
  }
  return out.str();
}

Progress& QuietProgress() {
  static Quiet quiet;
  return quiet;
}

}  // namespace crm::identity::testing
