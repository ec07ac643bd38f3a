// Which values on a page are personal data, and how they are masked: fields marked `pii` in the
// spec, the source columns mapped onto them, and the raw text of rejected rows. Masking itself is
// the validators' (validators/evidence/mask.h), so a value looks the same in quality.json, the
// console and every page. With show_pii nothing is masked.
#pragma once

#include <optional>
#include <string>

#include "core/spec/spec.h"
#include "validators/evidence/mask.h"

namespace crm::reports {

// The mask of a PII field (e-mail, phone, or other); nullopt when the field is not PII.
std::optional<validate::MaskKind> FieldMask(const spec::Spec& spec, const std::string& entity,
                                            const std::string& field);

// The mask of a source column that some mapping of `entity` (any entity when empty) reads into a
// PII field; nullopt when none does.
std::optional<validate::MaskKind> SourceColumnMask(const spec::Spec& spec,
                                                   const std::string& source,
                                                   const std::string& entity,
                                                   const std::string& column);

struct RejectText {
  std::string raw;      // what the page shows of the rejected row
  std::string message;  // the reason, with any PII value in it masked
};

// The raw text of a _rejects row as a page may show it:
//  - a cutover reject holds the target row as JSON: the values of PII columns are masked;
//  - a stage reject of one column holds that column's value: masked when the column feeds a PII
//    field, and masked wherever the message quotes it;
//  - a whole source line (a row that could not be read) can hold anything: only its length.
RejectText MaskReject(const spec::Spec& spec, bool show_pii, const std::string& phase,
                      const std::string& source, const std::string& entity,
                      const std::string& column, const std::string& raw,
                      const std::string& message);

}  // namespace crm::reports
