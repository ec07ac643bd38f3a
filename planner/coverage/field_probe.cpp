#include "planner/coverage/field_probe.h"

#include <algorithm>

#include "core/common/text.h"
#include "staging/shaping/transform_chain.h"

namespace crm::plan {
namespace {

// Failing values kept as examples per field.
constexpr size_t kFailureExamples = 3;
// Distinct missed values reported per value map.
constexpr size_t kMissesReported = 20;
constexpr size_t kMissesTallied = 10000;

int SlotOf(const std::vector<std::string>& columns, const std::string& name) {
  auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

bool IsBlank(const readers::Field& f) { return f.is_null || TrimView(f.value).empty(); }

}  // namespace

struct FieldProbe::State {
  enum class Kind { kFrom, kValue, kTemplate, kConcat } kind = Kind::kFrom;
  FieldProbeResult result;
  std::vector<int> slots;  // kFrom: one; kTemplate, kConcat: every column
  std::vector<staging::ChainStep> steps;
  size_t lookup_steps = 0;  // steps[0, lookup_steps) end with the last value_map or lookup
  int64_t sample_rows = 0;
  spec::OnError on_error = spec::OnError::kReject;
  transforms::TransformResult out;
  std::string value, error;

  // Runs steps[0, count) on `in`; false when a step fails (error set). `value` holds the output,
  // `null` whether it is NULL.
  bool Run(std::string_view in, size_t count, bool* null) {
    value.assign(in.data(), in.size());
    *null = false;
    for (size_t i = 0; i < count; ++i) {
      if (!steps[i].transform->Apply(value, transforms::RowContext{}, &out, &error)) {
        if (steps[i].keep_on_failure) continue;
        return false;
      }
      if (out.is_null) {
        *null = true;
        return true;
      }
      value.swap(out.value);
    }
    return true;
  }
};

FieldProbe::FieldProbe(const spec::Spec& spec, const spec::Entity& entity, size_t mapping_index,
                       const spec::FieldMapping& mapping, const std::vector<std::string>& columns,
                       int64_t sample_rows)
    : state_(std::make_unique<State>()) {
  State& s = *state_;
  const spec::SourceMapping& sm = entity.from.at(mapping_index);
  s.result.entity = entity.name;
  s.result.field = mapping.field;
  s.result.source = sm.source;
  s.result.mapping = mapping_index;
  s.sample_rows = sample_rows;
  s.on_error = mapping.on_error;
  auto add_slot = [&](const std::string& column) {
    if (s.result.column.empty()) s.result.column = column;
    const int slot = SlotOf(columns, column);
    if (slot >= 0) s.slots.push_back(slot);
  };
  if (mapping.value) {
    s.kind = State::Kind::kValue;
  } else if (!mapping.templ.empty()) {
    s.kind = State::Kind::kTemplate;
    for (size_t open = mapping.templ.find('{'); open != std::string::npos;
         open = mapping.templ.find('{', open)) {
      const size_t close = mapping.templ.find('}', open);
      if (close == std::string::npos) break;
      add_slot(mapping.templ.substr(open + 1, close - open - 1));
      open = close;
    }
  } else if (!mapping.concat.empty()) {
    s.kind = State::Kind::kConcat;
    for (const std::string& c : mapping.concat) add_slot(c);
  } else {
    s.kind = State::Kind::kFrom;
    add_slot(mapping.from);
  }
  const spec::Field* field = entity.FindField(mapping.field);
  const spec::Source* source = spec.FindSource(sm.source);
  if (s.kind != State::Kind::kFrom || field == nullptr || source == nullptr || s.slots.empty()) {
    return;
  }
  const std::string where = spec.path + ":" + std::to_string(mapping.location.line) + ":" +
                            std::to_string(mapping.location.column) + ": entities." +
                            entity.name + ".from[" + std::to_string(mapping_index) + "].map." +
                            mapping.field;
  s.steps = staging::BuildChain(spec, *source, *field, mapping, where);
  s.result.chain_probed = true;
  for (size_t i = 0; i < s.steps.size(); ++i) {
    if (s.steps[i].name == "value_map" || s.steps[i].name == "lookup") s.lookup_steps = i + 1;
  }
  s.result.has_value_map = s.lookup_steps > 0;
}

FieldProbe::~FieldProbe() = default;
FieldProbe::FieldProbe(FieldProbe&&) noexcept = default;
FieldProbe& FieldProbe::operator=(FieldProbe&&) noexcept = default;

void FieldProbe::Row(const readers::Record& record) {
  State& s = *state_;
  FieldProbeResult& r = s.result;
  ++r.rows;
  bool empty = false;
  switch (s.kind) {
    case State::Kind::kValue:
      break;
    case State::Kind::kTemplate:  // SQL's rule, as the stage: one NULL placeholder, NULL text
      empty = std::any_of(s.slots.begin(), s.slots.end(),
                          [&](int i) { return record.fields[static_cast<size_t>(i)].is_null; });
      break;
    case State::Kind::kConcat:
    case State::Kind::kFrom:
      empty = std::all_of(s.slots.begin(), s.slots.end(),
                          [&](int i) { return IsBlank(record.fields[static_cast<size_t>(i)]); });
      break;
  }
  if (empty) ++r.input_empty;
  if (!r.chain_probed || empty) return;
  const std::string_view in = record.fields[static_cast<size_t>(s.slots[0])].value;
  bool null = false;
  // Every row passes the value map exactly once, so its tally of misses is a count of rows.
  if (r.rows > s.sample_rows) {
    r.sampled = true;
    if (s.lookup_steps > 0) s.Run(in, s.lookup_steps, &null);
    return;
  }
  ++r.checked;
  if (!s.Run(in, s.steps.size(), &null)) {
    ++r.failed;
    if (r.failures.size() < kFailureExamples) r.failures.emplace_back(std::string(in), s.error);
    null = s.on_error == spec::OnError::kNull;  // otherwise the stage rejects the row
  }
  if (null) ++r.nulled;
}

FieldProbeResult FieldProbe::Finish() const {
  FieldProbeResult r = state_->result;
  for (const staging::ChainStep& step : state_->steps) {
    if (step.name != "value_map" && step.name != "lookup") continue;
    // ValueMap tallies at most 10,000 distinct misses; the total is over those.
    for (auto& miss : step.transform->Unknown(kMissesTallied)) {
      r.total_misses += miss.second;
      if (r.misses.size() < kMissesReported) r.misses.push_back(std::move(miss));
    }
  }
  return r;
}

}  // namespace crm::plan
