#include "planner/coverage/pii_columns.h"

#include "planner/coverage/mapping_columns.h"
#include "validators/evidence/mask.h"

namespace crm::plan {

std::string MaskKindOf(const spec::Field& field) {
  if (field.type == spec::FieldType::kEmail) return "email";
  if (field.type == spec::FieldType::kPhone) return "phone";
  return "other";
}

std::string Mask(std::string_view value, std::string_view kind) {
  const validate::MaskKind k = kind == "email"   ? validate::MaskKind::kEmail
                               : kind == "phone" ? validate::MaskKind::kPhone
                                                 : validate::MaskKind::kOther;
  return validate::MaskPii(value, k);
}

std::map<std::string, std::string> PiiColumns(const spec::Spec& spec, const SourceScan& scan) {
  std::map<std::string, std::string> pii;
  const spec::Source* source = spec.FindSource(scan.name);
  if (source != nullptr) {
    std::vector<spec::Diagnostic> ignored;  // a bad filter is reported by the column check
    for (const ColumnUse& use : ColumnUses(spec, *source, &ignored)) {
      if (use.field.empty()) continue;
      const spec::Entity* entity = spec.FindEntity(use.entity);
      const spec::Field* field = entity ? entity->FindField(use.field) : nullptr;
      if (field == nullptr || field->pii == spec::PiiMode::kNone) continue;
      // A JSON path's column may be its parent key in the profile ("address" for address.city).
      pii.emplace(use.column, MaskKindOf(*field));
      if (source->type == spec::SourceType::kJsonl) pii.emplace(TopLevelKey(use.column), "other");
    }
  }
  for (const ColumnProfile& column : scan.columns) {
    const ValueKind kind = column.inferred.kind;
    if (kind == ValueKind::kEmail) pii[column.name] = "email";
    if (kind == ValueKind::kPhone) pii[column.name] = "phone";
  }
  return pii;
}

}  // namespace crm::plan
