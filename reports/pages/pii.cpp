#include "reports/pages/pii.h"

#include <Poco/JSON/Object.h>

#include "core/db/json_util.h"
#include "reports/pages/doc.h"

namespace crm::reports {
namespace {

using validate::MaskKind;

MaskKind KindOf(const spec::Field& field) {
  if (field.type == spec::FieldType::kEmail) return MaskKind::kEmail;
  if (field.type == spec::FieldType::kPhone) return MaskKind::kPhone;
  return MaskKind::kOther;
}

void ReplaceAll(std::string* text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  for (size_t at = text->find(from); at != std::string::npos; at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

// The entity's PII field whose target column is `column`.
const spec::Field* PiiFieldByColumn(const spec::Entity& entity, const std::string& column) {
  for (const spec::Field& f : entity.fields) {
    if (f.pii == spec::PiiMode::kNone) continue;
    const std::string target = f.column.empty() ? f.name : f.column;
    if (target == column || f.name == column) return &f;
  }
  return nullptr;
}

}  // namespace

std::optional<MaskKind> FieldMask(const spec::Spec& spec, const std::string& entity,
                                  const std::string& field) {
  const spec::Entity* e = spec.FindEntity(entity);
  const spec::Field* f = e ? e->FindField(field) : nullptr;
  if (!f || f->pii == spec::PiiMode::kNone) return std::nullopt;
  return KindOf(*f);
}

std::optional<MaskKind> SourceColumnMask(const spec::Spec& spec, const std::string& source,
                                         const std::string& entity, const std::string& column) {
  for (const spec::Entity& e : spec.entities) {
    if (!entity.empty() && e.name != entity) continue;
    for (const spec::SourceMapping& m : e.from) {
      if (m.source != source) continue;
      for (const spec::FieldMapping& fm : m.map) {
        bool reads = fm.from == column;
        for (const std::string& c : fm.concat) reads = reads || c == column;
        if (!reads) continue;
        if (std::optional<MaskKind> kind = FieldMask(spec, e.name, fm.field)) return kind;
      }
    }
  }
  return std::nullopt;
}

RejectText MaskReject(const spec::Spec& spec, bool show_pii, const std::string& phase,
                      const std::string& source, const std::string& entity,
                      const std::string& column, const std::string& raw,
                      const std::string& message) {
  RejectText out{raw, message};
  if (show_pii || raw.empty()) return out;
  if (phase == "cutover") {
    const spec::Entity* e = spec.FindEntity(entity);
    Poco::JSON::Object::Ptr row = db::ParseJsonObject(raw);
    if (!row || !e) {
      out.raw = validate::MaskPii(raw, MaskKind::kOther);
      return out;
    }
    for (const std::string& name : row->getNames()) {
      const spec::Field* f = PiiFieldByColumn(*e, name);
      if (!f) continue;
      const std::string value = VarText(row->get(name));
      if (value.empty()) continue;
      const std::string masked = validate::MaskPii(value, KindOf(*f));
      ReplaceAll(&out.message, value, masked);
      row->set(name, masked);
    }
    out.raw = db::ToJsonText(row, 0);
    return out;
  }
  if (!entity.empty() && !column.empty()) {
    std::optional<MaskKind> kind = SourceColumnMask(spec, source, entity, column);
    if (!kind) return out;
    out.raw = validate::MaskPii(raw, *kind);
    ReplaceAll(&out.message, raw, out.raw);
    return out;
  }
  out.raw = "(the source line, " + std::to_string(raw.size()) +
            " bytes, is not shown: it may hold personal data; --show-pii shows it)";
  return out;
}

}  // namespace crm::reports
