// One field's transform chain, built from its mapping: the listed transforms with the mapping's
// parameters (falling back to the source's default_region, date_formats, locale and timezone),
// then value_map and lookup when the mapping configures them without listing them, then the
// normaliser of the field's declared type when the chain lacks it (email → email, phone →
// phone_e164, country → country_iso2, date → date, datetime → datetime, integer → integer,
// decimal → number, boolean → boolean), so a `date` field always ends as YYYY-MM-DD or NULL.
//
// Names come from the registry (staging/transforms) or, for those it lacks, from the shaping
// layer (extra_transforms.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/spec/spec.h"
#include "staging/transforms/date_order.h"
#include "staging/transforms/transform.h"

namespace crm::staging {

struct ChainStep {
  std::string name;
  std::unique_ptr<transforms::Transform> transform;
  bool phone = false;  // phone_e164: its facts go to the field's fact columns
  // The declared type's own check on an email or phone field that the mapping did not ask to
  // transform: a value it cannot normalise stays as written (phones with valid=false), so the
  // record is staged and validate's format rule reports the value, instead of losing the row.
  bool keep_on_failure = false;
  // Index of this step's StepMemo (step_memo.h) in the RowMapper's memos; -1: not memoised.
  int memo = -1;
};

// `where` prefixes error messages ("migration.yaml:12:9: entities.contact.from[0].map.phone").
// `date_order` day- or month-first keeps only that order's formats in date steps (date_orders.h).
// Throws crm::Error(kSpec) for an unknown name or bad parameters.
std::vector<ChainStep> BuildChain(const spec::Spec& spec, const spec::Source& source,
                                  const spec::Field& field, const spec::FieldMapping& mapping,
                                  const std::string& where,
                                  transforms::DateOrder date_order = {});

// The formats of the chain's first date, datetime or to_utc step when they read numeric dates
// both day-first and month-first; empty when no step does.
std::vector<std::string> AmbiguousDateFormats(const spec::Source& source, const spec::Field& field,
                                              const spec::FieldMapping& mapping);

// The names in `names` that neither the registry nor the shaping layer implements.
std::vector<std::string> UnimplementedTransforms(const std::vector<std::string>& names);

// The ISO 8601 formats datetime reads when neither the mapping nor the source declares formats.
const std::vector<std::string>& DefaultDateTimeFormats();

}  // namespace crm::staging
