// webshop.db: the webshop's SQLite database, customers and orders, through SQLite's C API in one
// transaction with prepared statements (no journal: the file is rebuilt from scratch each time).
#include <sqlite3.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "samples/generator/person.h"
#include "samples/generator/text.h"
#include "samples/generator/writers.h"

namespace crm::generator {
namespace {

constexpr std::string_view kSchema =
    "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, "
    "last_name TEXT,\n  phone TEXT, country_code TEXT, company TEXT, created_at TEXT, "
    "newsletter INTEGER);\n"
    "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES "
    "customers(customer_id),\n  ordered_at TEXT, total_eur REAL, status TEXT);\n";
constexpr std::string_view kOrderStatuses[] = {"paid", "shipped", "shipped", "cancelled"};

class Db {
 public:
  explicit Db(std::string path) : path_(std::move(path)) {
    std::remove(path_.c_str());
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK) Fail("open");
  }
  ~Db() {
    for (sqlite3_stmt* s : statements_) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  void Exec(std::string_view sql) {
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      Fail("exec");
    }
  }
  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) Fail("prepare");
    statements_.push_back(s);
    return s;
  }
  void Step(sqlite3_stmt* s) {
    if (sqlite3_step(s) != SQLITE_DONE) Fail("insert");
    sqlite3_reset(s);
  }
  [[noreturn]] void Fail(const char* what) {
    throw std::runtime_error(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

void BindText(sqlite3_stmt* s, int i, std::string_view text) {
  if (text.empty()) {
    sqlite3_bind_null(s, i);
  } else {
    sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
}

}  // namespace

void WriteWebshop(const Plan& plan, const std::string& dir, Truth* truth) {
  Db db(dir + "/webshop.db");
  db.Exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;");
  db.Exec(kSchema);
  db.Exec("BEGIN");
  sqlite3_stmt* customer = db.Prepare("INSERT INTO customers VALUES (?,?,?,?,?,?,?,?,?)");
  Person p;
  std::string id, email, last, phone, created, variants, origin_id;
  for (int64_t i = 0; i < plan.customers(); ++i) {
    const Kind kind = plan.CustomerKind(i);
    const int64_t person = plan.CustomerPerson(i);
    MakePerson(plan.seed(), static_cast<uint64_t>(person), &p);
    Rng rng(plan.seed(), "customer-row", static_cast<uint64_t>(i));
    id = std::to_string(5000 + i);
    email = p.email;
    last = p.particle.empty() ? p.last : p.particle + " " + p.last;
    std::string first = p.first;
    const bool dutch = p.Residence().iso2 == "NL";
    PhoneStyle style = dutch && rng.Chance(0.5) ? PhoneStyle::kNationalTight : PhoneStyle::kE164;
    variants.clear();
    if (kind == Kind::kNearDuplicate) {
      const int64_t mask = rng.Between(1, 3);
      if (mask & 1) {
        for (char& ch : email) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
        variants = "email_upper";
      }
      if (mask & 2) {
        std::string& name = rng.Chance(0.5) ? first : last;
        name = Typo(name, &rng);
        variants.append(variants.empty() ? "" : ",").append("name_typo");
      }
    } else if (kind == Kind::kInvalidEmail) {
      email = InvalidEmail(p.email, &rng);
    }
    phone.clear();
    AppendPhone(p.phone, style, &phone);
    created.clear();
    AppendDateTime((p.created_days + rng.Between(0, 900)) * 86400 + rng.Between(0, 86399), true,
                   &created);
    sqlite3_bind_int64(customer, 1, 5000 + i);
    BindText(customer, 2, email);
    BindText(customer, 3, first);
    BindText(customer, 4, last);
    BindText(customer, 5, phone);
    BindText(customer, 6, p.Residence().iso2);
    BindText(
        customer, 7,
        rng.Chance(0.1) ? CompanyWords()[rng.Below(CompanyWords().size())] : std::string_view());
    BindText(customer, 8, created);
    sqlite3_bind_int(customer, 9, p.newsletter ? 1 : 0);
    db.Step(customer);
    if (kind == Kind::kInvalidEmail) {
      Truth::Defect d({Truth::kWebshop, i}, id, 0, kind);
      d.field = "email";
      d.value = email;
      d.has_value = true;
      truth->Add(d);
    } else if (kind == Kind::kNearDuplicate) {
      origin_id = std::to_string(1000 + person);
      Truth::Defect d({Truth::kWebshop, i}, id, 0, kind);
      d.origin_record = origin_id;
      d.origin = {Truth::kLegacy, person};
      d.variants = variants;
      truth->Add(d);
    }
  }
  truth->CountRecords(Truth::kWebshop, plan.customers());

  sqlite3_stmt* order = db.Prepare("INSERT INTO orders VALUES (?,?,?,?,?)");
  std::string ordered;
  for (int64_t i = 0; i < plan.orders(); ++i) {
    Rng rng(plan.seed(), "order", static_cast<uint64_t>(i));
    const bool dangling = plan.OrderKind(i) == Kind::kDanglingCustomer;
    const int64_t customer_id =
        dangling ? 5000 + plan.customers() + 1 + static_cast<int64_t>(rng.Below(1000))
                 : 5000 + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(plan.customers())));
    ordered.clear();
    AppendDate(DateFromDays(rng.Between(DaysFromDate({2023, 1, 1}), DaysFromDate({2025, 6, 30}))),
               1, &ordered);
    id = std::to_string(90001 + i);
    sqlite3_bind_int64(order, 1, 90001 + i);
    sqlite3_bind_int64(order, 2, customer_id);
    BindText(order, 3, ordered);
    sqlite3_bind_double(order, 4, static_cast<double>(rng.Between(495, 49995)) / 100.0);
    BindText(order, 5, rng.Pick(kOrderStatuses));
    db.Step(order);
    if (dangling) {
      const std::string value = std::to_string(customer_id);
      Truth::Defect d({Truth::kOrders, i}, id, 0, Kind::kDanglingCustomer);
      d.field = "customer_id";
      d.value = value;
      d.has_value = true;
      truth->Add(d);
    }
  }
  truth->CountRecords(Truth::kOrders, plan.orders());
  db.Exec("COMMIT");
}

}  // namespace crm::generator
