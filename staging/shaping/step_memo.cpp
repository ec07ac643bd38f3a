#include "staging/shaping/step_memo.h"

#include <functional>

namespace crm::staging {

bool StepMemo::Apply(const transforms::Transform& transform, std::string_view in,
                     transforms::TransformResult* out, std::string* error) {
  if (!enabled_) return transform.Apply(in, transforms::RowContext{}, out, error);
  if (slots_.empty()) slots_.resize(kSlots);
  Entry& e = slots_[std::hash<std::string_view>()(in) & (kSlots - 1)];
  ++lookups_;
  if (e.used && e.key == in) {
    ++hits_;
    out->facts.clear();
    out->is_null = e.is_null;
    out->value = e.value;
    *error = e.error;
    return e.ok;
  }
  bool ok = transform.Apply(in, transforms::RowContext{}, out, error);
  e.used = true;
  e.key.assign(in);
  e.ok = ok;
  e.is_null = ok && out->is_null;
  if (ok) {
    e.value = out->value;
    e.error.clear();
  } else {
    e.value.clear();
    e.error = *error;
  }
  // Fewer than one hit in eight: the column hardly repeats, stop paying for the copies.
  if (lookups_ == kProbeLookups && hits_ * 8 < lookups_) {
    enabled_ = false;
    slots_ = {};
  }
  return ok;
}

bool IsMemoizable(std::string_view name) {
  return name == "date" || name == "datetime" || name == "to_utc" || name == "country_iso2";
}

}  // namespace crm::staging
