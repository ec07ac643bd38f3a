// The tables identity leaves in staging for one entity, as identity defines them: gold_<entity>
// and xref_<entity> (core/db/staging_schema.h) plus what a merge needs on top of them.
//
//   gold_<entity>._crm_provenance  JSON: for a golden record of several staged records, the
//                                  source record every value came from,
//                                  {"email": ["webshop", "W-7"], ...}; NULL for a golden record
//                                  of one staged record (its one xref row names it, and every
//                                  value is its own)
//   gold_<entity>._crm_secondary   JSON: the other distinct values of keep_others fields, each
//                                  with the record it came from,
//                                  {"email": [["ann@old.example", "legacy", "L-1"]]}; NULL when
//                                  there are none
//   xref_<entity> index (_crm_load, _crm_source_key): references are resolved through the xref
//                                  by the referenced record's staged key
//
// Both the 1:1 pass and identity resolution create the tables through EnsureGoldenTables, so
// they have one shape whichever made them.
#pragma once

#include <string_view>

#include "core/db/database.h"
#include "core/db/ddl.h"
#include "core/spec/spec.h"

namespace crm::identity {

inline constexpr std::string_view kColMembers = "_crm_members";
inline constexpr std::string_view kColProvenance = "_crm_provenance";
inline constexpr std::string_view kColSecondary = "_crm_secondary";
inline constexpr std::string_view kColGoldKey = "_crm_gold_key";
inline constexpr std::string_view kColSourceKey = "_crm_source_key";
inline constexpr std::string_view kColScore = "_crm_score";
inline constexpr std::string_view kColRule = "_crm_rule";

db::TableDef GoldenTableDef(const spec::Entity& entity);
db::TableDef CrosswalkTableDef(const spec::Entity& entity);

// Creates gold_<entity> and xref_<entity> when missing, and adds the columns an older table
// lacks (a field added to the spec since, or the provenance columns). Database errors are
// crm::Error(kIo).
void EnsureGoldenTables(db::Database& staging, const spec::Entity& entity);

}  // namespace crm::identity
