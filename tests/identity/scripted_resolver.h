// A stand-in for matching in tests: the clusters and possible pairs come from a script, so the
// golden side (survivorship, xref, review, cutover) is tested on exactly the resolution a case
// states. It honours review decisions the way the contract says ResolveEntity does: an accepted
// pair is joined (rule "review: accepted"), a rejected pair is neither joined nor listed again,
// and it records the decisions it was given so a case can show them.
//
// Script, one line each (# starts a comment):
//   cluster SOURCE:KEY SOURCE:KEY ... [score=S] [rule=TEXT...]   these records are one customer
//   possible SOURCE:KEY SOURCE:KEY [score=S] [rule=TEXT...]      a pair for review
//   flag SOURCE:KEY                                            its cluster was flagged (chain)
//   warning TEXT...                                            a warning matching would give
// Records no line names are singletons.
#pragma once

#include <string>
#include <vector>

#include "identity/identity.h"

namespace crm::identity::testing {

class ScriptedResolver {
 public:
  // Throws std::runtime_error for a line it cannot read.
  explicit ScriptedResolver(const std::string& script);

  Resolution operator()(db::Database& staging, const spec::Entity& entity, int64_t load_id,
                        const std::vector<ReviewDecision>& decisions, Progress& progress);

  // "accept legacy:L-1 webshop:W-7", one a line, of every call so far.
  const std::vector<std::string>& decisions_seen() const { return seen_; }

 private:
  struct Line {
    std::string kind;
    std::vector<RecordKey> records;
    double score = 1;
    std::string rule, text;
  };
  std::vector<Line> lines_;
  std::vector<std::string> seen_;
};

}  // namespace crm::identity::testing
