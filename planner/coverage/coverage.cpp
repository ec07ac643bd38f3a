#include "planner/coverage/coverage.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "planner/coverage/mapping_columns.h"
#include "planner/coverage/pii_columns.h"

namespace crm::plan {
namespace {

std::string Percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", share * 100);
  return buffer;
}

// Fields with a type the chain can fail to produce; string, text and json take any text (their
// chains fail on value maps, reported as misses).
bool IsTyped(spec::FieldType type) {
  return type != spec::FieldType::kString && type != spec::FieldType::kText &&
         type != spec::FieldType::kJson;
}

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text->find(from); at != std::string::npos; at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

const spec::FieldMapping* FindMapping(const spec::SourceMapping& sm, const std::string& field) {
  for (const spec::FieldMapping& m : sm.map) {
    if (m.field == field) return &m;
  }
  return nullptr;
}

const FieldProbeResult* FindProbe(const std::vector<SourceScan>& scans, const std::string& entity,
                                  size_t mapping, const std::string& field) {
  for (const SourceScan& scan : scans) {
    for (const FieldProbeResult& r : scan.fields) {
      if (r.entity == entity && r.mapping == mapping && r.field == field) return &r;
    }
  }
  return nullptr;
}

std::string MaskKindFor(const std::map<std::string, std::map<std::string, std::string>>& pii,
                        const spec::Field* field, const std::string& source,
                        const std::string& column) {
  if (field != nullptr && field->pii != spec::PiiMode::kNone) return MaskKindOf(*field);
  auto s = pii.find(source);
  if (s == pii.end()) return "";
  auto c = s->second.find(column);
  return c == s->second.end() ? "" : c->second;
}

void UnmappedColumns(const spec::Spec& spec, const SourceScan& scan, Coverage* coverage,
                     std::vector<Finding>* findings) {
  const spec::Source* source = spec.FindSource(scan.name);
  if (source == nullptr) return;
  const bool jsonl = source->type == spec::SourceType::kJsonl;
  std::set<std::string> mapped;
  std::vector<spec::Diagnostic> ignored;
  for (const ColumnUse& use : ColumnUses(spec, *source, &ignored)) {
    if (!use.field.empty()) mapped.insert(jsonl ? TopLevelKey(use.column) : use.column);
  }
  const std::vector<std::string>& columns = jsonl ? scan.sniffed_keys : scan.column_names;
  std::vector<std::string> unmapped;
  for (const std::string& c : columns) {
    if (mapped.count(c)) continue;
    coverage->unmapped_columns.push_back({scan.name, c});
    unmapped.push_back("'" + c + "'");
  }
  if (!unmapped.empty()) {
    std::string list;
    for (const std::string& u : unmapped) list += (list.empty() ? "" : ", ") + u;
    findings->push_back({"info", "unmapped_columns",
                         scan.name + ": " + std::to_string(unmapped.size()) +
                             " column(s) that no mapping reads, so they are not migrated: " +
                             list});
  }
}

void Fields(const spec::Spec& spec, const std::vector<SourceScan>& scans, Coverage* coverage,
            std::vector<Finding>* findings) {
  for (const spec::Entity& entity : spec.entities) {
    if (entity.from.empty()) continue;  // reported as a missing reference where it is used
    for (const spec::Field& field : entity.fields) {
      const std::string name = entity.name + "." + field.name;
      bool filled = false;
      for (const spec::SourceMapping& sm : entity.from) filled |= FindMapping(sm, field.name) != nullptr;
      if (!filled) {
        coverage->unfilled_fields.push_back({entity.name, field.name, field.required});
        if (field.required) {
          findings->push_back({"error", "unfilled_required",
                               name + " is required and no mapping of any source fills it"});
        } else {
          findings->push_back({"info", "unfilled_field", name + ": no mapping fills it"});
        }
        continue;
      }
      if (!field.required) continue;
      for (size_t i = 0; i < entity.from.size(); ++i) {
        const spec::SourceMapping& sm = entity.from[i];
        MayBeEmpty entry{entity.name, field.name, sm.source};
        const FieldProbeResult* probe = FindProbe(scans, entity.name, i, field.name);
        if (FindMapping(sm, field.name) == nullptr) {
          entry.not_mapped = true;
          entry.empty_share = 1;
        } else if (probe != nullptr && probe->rows > 0) {
          entry.empty_share = static_cast<double>(probe->input_empty) / probe->rows;
          if (probe->chain_probed && probe->checked > 0) {
            entry.nulled_share = static_cast<double>(probe->nulled) / probe->checked;
          }
        }
        if (entry.empty_share <= 0 && entry.nulled_share <= 0) continue;
        coverage->required_may_be_empty.push_back(entry);
        std::string why;
        if (entry.not_mapped) {
          why = sm.source + " does not map it";
        } else if (entry.empty_share > 0) {
          why = Percent(entry.empty_share) + " of the in-scope rows of " + sm.source +
                " have no value";
        }
        if (entry.nulled_share > 0) {
          why += (why.empty() ? "" : ", and ") + Percent(entry.nulled_share) +
                 " of the sampled values from " + sm.source + " become NULL in the transforms";
        }
        findings->push_back({"warning", "required_may_be_empty",
                             name + " is required, but " + why});
      }
    }
  }
}

void Probes(const spec::Spec& spec, const std::vector<SourceScan>& scans,
            const std::map<std::string, std::map<std::string, std::string>>& pii,
            Coverage* coverage, std::vector<Finding>* findings) {
  for (const SourceScan& scan : scans) {
    for (const FieldProbeResult& r : scan.fields) {
      const spec::Entity* entity = spec.FindEntity(r.entity);
      const spec::Field* field = entity ? entity->FindField(r.field) : nullptr;
      if (entity == nullptr || field == nullptr) continue;
      const spec::FieldMapping* mapping = FindMapping(entity->from.at(r.mapping), r.field);
      const std::string mask = MaskKindFor(pii, field, r.source, r.column);
      auto shown = [&](const std::string& v) { return mask.empty() ? v : Mask(v, mask); };
      const std::string name = r.entity + "." + r.field + " from " + r.source + "." + r.column;
      if (r.chain_probed && r.checked > 0 && IsTyped(field->type) &&
          static_cast<double>(r.failed) / r.checked > kTypeConflictFailShare) {
        TypeConflict c;
        c.entity = r.entity;
        c.field = r.field;
        c.source = r.source;
        c.column = r.column;
        c.expected = std::string(spec::Name(field->type));
        for (const ColumnProfile& p : scan.columns) {
          if (p.name == r.column) c.inferred = std::string(Name(p.inferred.kind));
        }
        c.share_fitting = 1 - static_cast<double>(r.failed) / r.checked;
        c.checked = r.checked;
        for (const auto& failure : r.failures) {
          // The reason quotes the value: masked there too.
          std::string reason = failure.second;
          if (!mask.empty()) ReplaceAll(&reason, failure.first, shown(failure.first));
          c.examples.push_back(shown(failure.first) + ": " + reason);
        }
        findings->push_back(
            {"warning", "type_conflict",
             name + ": only " + Percent(c.share_fitting) + " of " + std::to_string(c.checked) +
                 (r.sampled ? " sampled" : "") + " values fit " + c.expected +
                 (c.inferred.empty() ? "" : " (the column looks like " + c.inferred + ")") +
                 (c.examples.empty() ? "" : ", e.g. " + c.examples.front())});
        coverage->type_conflicts.push_back(std::move(c));
      }
      if (!r.misses.empty() && mapping != nullptr) {
        const bool blocking =
            (mapping->lookup && mapping->lookup->on_missing != spec::Unmapped::kKeep) ||
            (!mapping->lookup && mapping->unmapped != spec::Unmapped::kKeep);
        std::string list;
        for (const auto& miss : r.misses) {
          coverage->value_map_misses.push_back({r.entity, r.field, r.source, shown(miss.first),
                                                static_cast<int64_t>(miss.second), blocking});
          if (list.size() < 200) {
            list += (list.empty() ? "'" : ", '") + shown(miss.first) + "' " +
                    std::to_string(miss.second);
          }
        }
        findings->push_back(
            {blocking ? "error" : "warning", "value_map_miss",
             name + ": the value map does not know " + std::to_string(r.total_misses) +
                 " in-scope value(s) (" + list + ")" +
                 (blocking ? "; the stage would reject or null them"
                           : "; they are kept unchanged (unmapped: keep)")});
      }
    }
  }
}

void References(const spec::Spec& spec, Coverage* coverage, std::vector<Finding>* findings) {
  for (const spec::Entity& entity : spec.entities) {
    for (const spec::Field& field : entity.fields) {
      if (field.ref.empty()) continue;
      const spec::Entity* to = spec.FindEntity(field.ref);
      if (to != nullptr && !to->from.empty()) continue;
      coverage->missing_references.push_back({entity.name, field.name, field.ref});
      findings->push_back({"warning", "missing_reference",
                           entity.name + "." + field.name + " refers to " + field.ref +
                               ", which no source fills: every reference stays unresolved"});
    }
  }
}

}  // namespace

Coverage AnalyzeCoverage(const spec::Spec& spec, const std::vector<SourceScan>& scans,
                         const std::map<std::string, std::map<std::string, std::string>>& pii,
                         std::vector<Finding>* findings) {
  Coverage coverage;
  for (const SourceScan& scan : scans) UnmappedColumns(spec, scan, &coverage, findings);
  Fields(spec, scans, &coverage, findings);
  Probes(spec, scans, pii, &coverage, findings);
  References(spec, &coverage, findings);
  return coverage;
}

}  // namespace crm::plan
