#include "core/db/url.h"

#include <cctype>
#include <filesystem>
#include <optional>
#include <string>

#include "core/common/error.h"
#include "core/common/text.h"

namespace crm::db {
namespace {

constexpr std::string_view kMask = "***";

[[noreturn]] void Fail(std::string_view masked_url, std::string_view what) {
  throw Error(ErrorCategory::kSpec,
              "database URL '" + std::string(masked_url) + "': " + std::string(what));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, std::string_view masked_url) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
    int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) Fail(masked_url, "bad percent-encoding (use %XX)");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// libpq conninfo and SOCI's MySQL connect string share one quoting rule: single quotes with
// backslash escapes, so any byte in a password or path survives.
std::string QuoteConnValue(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The end of a secret value starting at `pos` in free text: quoted, braced or bare.
size_t SecretValueEnd(std::string_view text, size_t pos) {
  if (pos >= text.size()) return pos;
  char open = text[pos];
  if (open == '\'' || open == '"') {
    for (size_t i = pos + 1; i < text.size(); ++i) {
      if (text[i] == '\\') {
        ++i;
      } else if (text[i] == open) {
        return i + 1;
      }
    }
    return text.size();
  }
  if (open == '{') {
    for (size_t i = pos + 1; i < text.size(); ++i) {
      if (text[i] == '}') {
        if (i + 1 < text.size() && text[i + 1] == '}') {
          ++i;
        } else {
          return i + 1;
        }
      }
    }
    return text.size();
  }
  size_t i = pos;
  while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != ';' &&
         text[i] != '&' && text[i] != ',' && text[i] != ')') {
    ++i;
  }
  return i;
}

std::string MaskKeyValues(std::string_view text) {
  static const std::string_view kKeys[] = {"sslpassword", "password", "pass", "pwd"};
  std::string lower = ToLowerAscii(text);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    bool masked = false;
    if (i == 0 || !IsWordChar(text[i - 1])) {
      for (std::string_view key : kKeys) {
        if (lower.compare(i, key.size(), key) != 0) continue;
        size_t eq = i + key.size();
        while (eq < text.size() && text[eq] == ' ') ++eq;
        if (eq >= text.size() || text[eq] != '=') continue;
        size_t value = eq + 1;
        while (value < text.size() && text[value] == ' ') ++value;
        size_t end = SecretValueEnd(text, value);
        out.append(text.substr(i, value - i));
        if (end > value) out.append(kMask);
        i = end;
        masked = true;
        break;
      }
    }
    if (!masked) out += text[i++];
  }
  return out;
}

std::string MaskUserInfo(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t scheme = text.find("://", i);
    if (scheme == std::string_view::npos) break;
    size_t start = scheme + 3;
    size_t end = start;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '\'' && text[end] != '"' && text[end] != '?') {
      ++end;
    }
    std::string_view token = text.substr(start, end - start);
    size_t at = token.rfind('@');
    size_t colon = token.find(':');
    out.append(text.substr(i, start - i));
    if (at != std::string_view::npos && colon != std::string_view::npos && colon < at) {
      out.append(token.substr(0, colon + 1)).append(kMask).append(token.substr(at));
    } else {
      out.append(token);
    }
    i = end;
  }
  out.append(text.substr(i));
  return out;
}

std::string ResolvePath(std::string_view path, std::string_view base_dir) {
  std::filesystem::path p{std::string(path)};
  if (p.is_relative() && !base_dir.empty()) p = std::filesystem::path(std::string(base_dir)) / p;
  return p.lexically_normal().string();
}

struct ServerParts {
  std::string user, password, host, port, database;
  std::vector<std::pair<std::string, std::string>> query;
};

// Splits scheme-less `rest` ("user:pw@host:port/db?k=v") into parts. The password may hold '@'
// or '/', so the userinfo ends at the last '@' before the query.
ServerParts ParseServer(std::string_view rest, std::string_view masked) {
  ServerParts parts;
  size_t q = rest.find('?');
  std::string_view head = rest.substr(0, q);
  std::string_view query = q == std::string_view::npos ? "" : rest.substr(q + 1);
  size_t at = head.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = head.substr(0, at);
    size_t colon = userinfo.find(':');
    parts.user = PercentDecode(userinfo.substr(0, colon), masked);
    if (colon != std::string_view::npos) {
      parts.password = PercentDecode(userinfo.substr(colon + 1), masked);
    }
    head = head.substr(at + 1);
  }
  size_t slash = head.find('/');
  std::string_view hostport = head.substr(0, slash);
  if (slash != std::string_view::npos)
    parts.database = PercentDecode(head.substr(slash + 1), masked);
  if (!hostport.empty() && hostport.front() == '[') {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) Fail(masked, "unterminated [IPv6] host");
    parts.host = std::string(hostport.substr(1, close - 1));
    hostport = hostport.substr(close + 1);
    if (!hostport.empty() && hostport.front() == ':') parts.port = hostport.substr(1);
  } else {
    size_t colon = hostport.find(':');
    parts.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos) parts.port = hostport.substr(colon + 1);
  }
  if (!parts.port.empty()) {
    bool digits = parts.port.size() <= 5;
    for (char c : parts.port) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits || std::stoi(parts.port) < 1 || std::stoi(parts.port) > 65535) {
      Fail(masked, "port '" + parts.port + "' is not a number from 1 to 65535");
    }
  }
  for (const std::string& pair : Split(query, '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = pair.substr(0, eq);
    bool ok = !key.empty();
    for (char c : key) ok = ok && (std::islower(static_cast<unsigned char>(c)) || c == '_');
    if (!ok || eq == std::string::npos) Fail(masked, "bad query parameter '" + key + "'");
    parts.query.emplace_back(key, PercentDecode(pair.substr(eq + 1), masked));
  }
  return parts;
}

void AddServerSecret(const ServerParts& parts, DatabaseUrl* out) {
  if (!parts.password.empty()) out->secrets.push_back(parts.password);
  for (const auto& [key, value] : parts.query) {
    if (key.find("pass") != std::string::npos && !value.empty()) out->secrets.push_back(value);
  }
}

void ParsePostgres(std::string_view rest, std::string_view masked, DatabaseUrl* out) {
  ServerParts parts = ParseServer(rest, masked);
  std::string conn;
  auto add = [&conn](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!conn.empty()) conn += ' ';
    conn += std::string(key) + "=" + QuoteConnValue(value);
  };
  add("host", parts.host);
  add("port", parts.port);
  add("dbname", parts.database);
  add("user", parts.user);
  add("password", parts.password);
  for (const auto& [key, value] : parts.query) add(key, value);
  out->dialect = Dialect::kPostgresql;
  out->soci_backend = "postgresql";
  out->connect_string = conn;
  AddServerSecret(parts, out);
}

void ParseMysql(std::string_view rest, std::string_view masked, DatabaseUrl* out) {
  static const std::string_view kAllowed[] = {
      "unix_socket", "sslca",     "sslcert",         "sslkey",       "local_infile",
      "charset",     "reconnect", "connect_timeout", "read_timeout", "write_timeout"};
  ServerParts parts = ParseServer(rest, masked);
  if (parts.database.empty()) Fail(masked, "name the database: mysql://user@host:port/DBNAME");
  std::string conn;
  auto add = [&conn](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!conn.empty()) conn += ' ';
    conn += std::string(key) + "=" + QuoteConnValue(value);
  };
  add("host", parts.host);
  add("port", parts.port);
  add("db", parts.database);
  add("user", parts.user);
  add("password", parts.password);
  bool charset = false;
  for (const auto& [key, value] : parts.query) {
    bool known = false;
    for (std::string_view allowed : kAllowed) known = known || key == allowed;
    if (!known) Fail(masked, "unknown MySQL option '" + key + "'");
    charset = charset || key == "charset";
    add(key, value);
  }
  // utf8mb4 unless told otherwise: staging and targets hold any Unicode text.
  if (!charset) add("charset", "utf8mb4");
  out->dialect = Dialect::kMysql;
  out->soci_backend = "mysql";
  out->connect_string = conn;
  AddServerSecret(parts, out);
}

void ParseOdbc(std::string_view conn, std::string_view masked, DatabaseUrl* out) {
  if (conn.find('=') == std::string_view::npos) {
    Fail(masked, "an ODBC connection string looks like DSN=name;UID=user;PWD=secret");
  }
  // Collect the raw password values (braces removed) so driver messages can be scrubbed.
  for (size_t i = 0; i < conn.size();) {
    size_t eq = conn.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string key = ToLowerAscii(TrimView(conn.substr(i, eq - i)));
    size_t end = SecretValueEnd(conn, eq + 1);
    std::string_view value = conn.substr(eq + 1, end - eq - 1);
    if ((key == "pwd" || key == "password") && !value.empty()) {
      std::string raw(value);
      if (raw.front() == '{' && raw.size() >= 2) raw = raw.substr(1, raw.size() - 2);
      out->secrets.push_back(raw);
    }
    size_t semi = conn.find(';', end);
    i = semi == std::string_view::npos ? conn.size() : semi + 1;
  }
  out->dialect = Dialect::kOdbc;
  out->soci_backend = "odbc";
  out->connect_string = std::string(conn);
}

}  // namespace

std::string_view DialectName(Dialect dialect) {
  switch (dialect) {
    case Dialect::kSqlite:
      return "sqlite";
    case Dialect::kPostgresql:
      return "postgresql";
    case Dialect::kMysql:
      return "mysql";
    case Dialect::kOdbc:
      return "odbc";
    case Dialect::kCsv:
      return "csv";
  }
  return "?";
}

std::string MaskConnectionSecrets(std::string_view text) {
  return MaskKeyValues(MaskUserInfo(text));
}

std::string MaskSecrets(std::string_view text, const DatabaseUrl& url) {
  std::string out = MaskConnectionSecrets(text);
  for (const std::string& secret : url.secrets) {
    if (secret.size() < 3) continue;
    for (size_t pos = out.find(secret); pos != std::string::npos;
         pos = out.find(secret, pos + kMask.size())) {
      out.replace(pos, secret.size(), kMask);
    }
  }
  return out;
}

DatabaseUrl ParseDatabaseUrl(std::string_view url_in, std::string_view base_dir) {
  std::string_view url = TrimView(url_in);
  DatabaseUrl out;
  out.masked = MaskConnectionSecrets(url);
  if (url.empty()) {
    throw Error(ErrorCategory::kSpec, "database URL is empty");
  }
  std::string lower = ToLowerAscii(url);
  auto strip = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (!StartsWith(lower, prefix)) return std::nullopt;
    return url.substr(prefix.size());
  };
  if (auto rest = strip("sqlite:")) {
    std::string_view path = *rest;
    if (StartsWith(path, "//")) path.remove_prefix(2);
    if (path.empty()) Fail(out.masked, "name the database file: sqlite:work/staging.db");
    if (path.find('"') != std::string_view::npos) {
      Fail(out.masked, "a SQLite path may not contain a double quote");
    }
    out.dialect = Dialect::kSqlite;
    out.soci_backend = "sqlite3";
    out.path = path == ":memory:" ? std::string(path) : ResolvePath(path, base_dir);
    // SOCI's SQLite connect string takes a double-quoted value, so paths with spaces work.
    out.connect_string = "db=\"" + out.path + "\"";
  } else if (auto pg = strip("postgresql://")) {
    ParsePostgres(*pg, out.masked, &out);
  } else if (auto pg2 = strip("postgres://")) {
    ParsePostgres(*pg2, out.masked, &out);
  } else if (auto my = strip("mysql://")) {
    ParseMysql(*my, out.masked, &out);
  } else if (auto maria = strip("mariadb://")) {
    ParseMysql(*maria, out.masked, &out);
  } else if (auto odbc = strip("odbc:")) {
    ParseOdbc(*odbc, out.masked, &out);
  } else if (StartsWith(lower, "dsn=") || StartsWith(lower, "driver=") ||
             StartsWith(lower, "filedsn=")) {
    ParseOdbc(url, out.masked, &out);
  } else if (auto csv = strip("csv:")) {
    if (csv->empty()) Fail(out.masked, "name the output folder: csv:out/");
    out.dialect = Dialect::kCsv;
    out.path = ResolvePath(*csv, base_dir);
  } else {
    Fail(out.masked,
         "unsupported kind; use sqlite:PATH, postgresql://..., mysql://..., odbc:DSN=... or "
         "csv:FOLDER");
  }
  return out;
}

}  // namespace crm::db
