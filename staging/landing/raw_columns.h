// Names of the raw_<source> columns that hold a source's columns. Source names are often not SQL
// identifiers ("E-Mail Address", "1st phone", "address.city", a name twice); each gets a
// deterministic identifier, and the map (source position, source name, raw column) is stored in
// _source_columns, through which the shaping step resolves the spec's `from:` names.
#pragma once

#include <string>
#include <vector>

namespace crm::staging {

// One raw column name per source name, in order, each matching ^[A-Za-z_][A-Za-z0-9_]{0,62}$:
//   - every run of bytes outside [A-Za-z0-9_] becomes one '_', trailing '_' are dropped
//     ("E-Mail Address" -> "E_Mail_Address", "address.city" -> "address_city");
//   - an empty result becomes "column_<position>" (1-based);
//   - a leading digit gets the prefix "c_" ("1st phone" -> "c_1st_phone");
//   - the reserved lineage prefix _crm_ (any case) gets the prefix "x" ("x_crm_row");
//   - at most 63 characters;
//   - a name equal (ignoring case: SQLite and MySQL compare column names that way) to an earlier
//     one gets the first free suffix "_2", "_3", ... (shortening the name to fit 63 characters).
std::vector<std::string> RawColumnNames(const std::vector<std::string>& source_names);

}  // namespace crm::staging
