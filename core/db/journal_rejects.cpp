// The rejects writer of the Journal: one transaction and one prepared statement per batch.
#include "core/db/journal.h"
#include "core/db/process_info.h"

namespace crm::db {
namespace {

// Strict enough for PostgreSQL, which refuses overlong forms, surrogates and NUL in text.
bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (c == 0) return false;
    if (c < 0x80) {
      n = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
    } else {
      return false;
    }
    if (i + n >= s.size() && n > 0) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    unsigned char next = n > 0 ? static_cast<unsigned char>(s[i + 1]) : 0;
    if ((c == 0xE0 && next < 0xA0) || (c == 0xED && next > 0x9F) || (c == 0xF0 && next < 0x90) ||
        (c == 0xF4 && next > 0x8F)) {
      return false;
    }
    i += n + 1;
  }
  return true;
}

std::string Readable(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80 && c != 0) {
      out += static_cast<char>(c);
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD, one per byte: the exact bytes are in raw_hex
    }
  }
  return out;
}

std::string Hex(std::string_view s) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
  return out;
}

}  // namespace

void Journal::WriteRejects(int64_t run_id, const std::vector<RejectRecord>& rejects) {
  if (rejects.empty()) return;
  std::string sql =
      InsertSql(db_.traits(), "_rejects",
                {"run_id", "load_id", "phase", "source", "entity", "line", "byte_offset",
                 "column_name", "kind", "raw_text", "raw_hex", "message", "created_at"});
  db_.Guard("writing rejects", [&] {
    long long run = run_id, load = 0, line = 0, offset = 0;
    std::string phase, source, entity, column, kind, raw_text, raw_hex, message;
    std::string now = NowUtcIso();
    soci::indicator i_load, i_source, i_entity, i_line, i_offset, i_column, i_hex;
    soci::transaction tx(db_.session());
    soci::statement st =
        (db_.session().prepare << sql, soci::use(run), soci::use(load, i_load), soci::use(phase),
         soci::use(source, i_source), soci::use(entity, i_entity), soci::use(line, i_line),
         soci::use(offset, i_offset), soci::use(column, i_column), soci::use(kind),
         soci::use(raw_text), soci::use(raw_hex, i_hex), soci::use(message), soci::use(now));
    auto nullable = [](const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; };
    for (const RejectRecord& r : rejects) {
      load = r.load_id.value_or(0);
      i_load = r.load_id ? soci::i_ok : soci::i_null;
      phase = r.phase;
      source = r.source;
      i_source = nullable(source);
      entity = r.entity;
      i_entity = nullable(entity);
      line = r.line;
      i_line = r.line >= 0 ? soci::i_ok : soci::i_null;
      offset = r.byte_offset;
      i_offset = r.byte_offset >= 0 ? soci::i_ok : soci::i_null;
      column = r.column;
      i_column = nullable(column);
      kind = std::string(RejectKindName(r.kind));
      bool utf8 = IsValidUtf8(r.raw);
      raw_text = utf8 ? r.raw : Readable(r.raw);
      raw_hex = utf8 ? std::string() : Hex(r.raw);
      i_hex = nullable(raw_hex);
      message = r.message;
      st.execute(true);
    }
    tx.commit();
  });
}

int64_t Journal::CountRejects(int64_t run_id) {
  return db_.Guard("counting rejects", [&] {
    long long run = run_id, count = 0;
    db_.session() << "SELECT COUNT(*) FROM " + db_.Quote("_rejects") + " WHERE " +
                         db_.Quote("run_id") + " = :r",
        soci::use(run), soci::into(count);
    return static_cast<int64_t>(count);
  });
}

}  // namespace crm::db
