#include "loaders/sql/target_traits.h"

#include "core/common/error.h"

namespace crm::loaders {
namespace {

// SQLite enforces declared references only with foreign_keys on; the target is checked as a
// server would check it, so a dangling reference fails here as it would in production.
const TargetTraits kSqlite{
    .name = "sqlite",
    .describe_columns =
        "SELECT name, lower(type), CASE WHEN \"notnull\" = 1 OR pk > 0 THEN '1' ELSE '0' END, "
        "CASE WHEN dflt_value IS NOT NULL OR (pk = 1 AND lower(type) = 'integer') THEN '1' "
        "ELSE '0' END, NULL FROM pragma_table_info(:t) ORDER BY cid",
    .length_in_type = true,
    .unique_columns =
        "SELECT il.name, ii.name FROM pragma_index_list(:t) AS il, pragma_index_info(il.name) "
        "AS ii WHERE il.\"unique\" = 1 ORDER BY il.name, ii.seqno",
    .primary_key_columns = "SELECT name FROM pragma_table_info(:t) WHERE pk > 0 ORDER BY pk",
    .text_cast_open = "CAST(",
    .text_cast_close = " AS TEXT)",
    .timestamp_with_space = false,
    .refusal_messages = {"constraint failed", "datatype mismatch", "too big", "too large"},
    .session_setup = {"PRAGMA foreign_keys = ON"},
};

const TargetTraits kPostgresql{
    .name = "postgresql",
    .describe_columns =
        "SELECT column_name, lower(data_type), CASE WHEN is_nullable = 'NO' THEN '1' ELSE '0' "
        "END, CASE WHEN column_default IS NOT NULL OR is_identity = 'YES' THEN '1' ELSE '0' END, "
        "CAST(character_maximum_length AS TEXT) FROM information_schema.columns WHERE "
        "table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position",
    .unique_columns =
        "SELECT ic.relname, a.attname FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid "
        "JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_namespace n ON n.oid = "
        "t.relnamespace CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, "
        "ord) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum WHERE "
        "x.indisunique AND n.nspname = current_schema() AND t.relname = :t ORDER BY ic.relname, "
        "k.ord",
    .primary_key_columns = "",
    .text_cast_open = "CAST(",
    .text_cast_close = " AS TEXT)",
    .timestamp_with_space = false,
    .refusal_messages = {},
    // Staged timestamps are UTC; timestamptz values read back in UTC compare equal to them.
    .session_setup = {"SET TIME ZONE 'UTC'"},
    .rows_per_statement = 500,
    // One round trip per batch of keys: PostgreSQL takes up to 65535 parameters.
    .keys_per_read = 5000,
};

const TargetTraits kMysql{
    .name = "mysql",
    .describe_columns =
        "SELECT column_name, lower(data_type), IF(is_nullable = 'NO', '1', '0'), "
        "IF(column_default IS NOT NULL OR extra LIKE '%auto_increment%', '1', '0'), "
        "CAST(character_maximum_length AS CHAR) FROM information_schema.columns WHERE "
        "table_schema = DATABASE() AND table_name = :t ORDER BY ordinal_position",
    .unique_columns =
        "SELECT index_name, column_name FROM information_schema.statistics WHERE table_schema = "
        "DATABASE() AND table_name = :t AND non_unique = 0 ORDER BY index_name, seq_in_index",
    .primary_key_columns = "",
    .char_length = "CHAR_LENGTH",
    .text_cast_open = "CAST(",
    .text_cast_close = " AS CHAR)",
    .timestamp_with_space = true,
    .refusal_messages = {},
    .session_setup = {},
    .rows_per_statement = 500,
};

}  // namespace

const TargetTraits& TargetTraitsFor(db::Dialect dialect) {
  switch (dialect) {
    case db::Dialect::kSqlite:
      return kSqlite;
    case db::Dialect::kPostgresql:
      return kPostgresql;
    case db::Dialect::kMysql:
      return kMysql;
    case db::Dialect::kOdbc:
    case db::Dialect::kCsv:
      break;
  }
  throw Error(ErrorCategory::kInternal, "no target traits for '" +
                                            std::string(db::DialectName(dialect)) + "'");
}

}  // namespace crm::loaders
