// Reading raw rows ahead, in a thread of their own. The thread that writes stg rows was the
// stage's bottleneck (half of all CPU time on two cores, the mapping workers a quarter each), and
// reading the raw rows back was a sixth of its work: RawReadAhead moves that to a second
// connection and thread, which fills the next pages while the caller maps and writes.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/db/database.h"
#include "staging/shaping/raw_reader.h"

namespace crm::staging {

class RawReadAhead : public RawReader {
 public:
  // Reads raw_<source> of `raw_load_id` through a connection of its own to `staging`'s database,
  // `page_rows` rows a page, two pages ahead.
  RawReadAhead(const db::Database& staging, const std::string& source, int64_t raw_load_id,
               const std::vector<std::string>& raw_columns, size_t page_rows);
  ~RawReadAhead() override;

  // `max` must be the constructor's `page_rows`. Rethrows the reading thread's error.
  bool Next(size_t max, std::vector<RawRow>* rows) override;

  // False for databases a second connection would not see (sqlite::memory:).
  static bool Possible(const db::Database& staging);

 private:
  void Run();

  // Declared in this order so the reader is destroyed before its connection.
  std::unique_ptr<db::Database> connection_;
  std::unique_ptr<RawReader> inner_;
  size_t page_rows_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::vector<RawRow>> ready_;  // pages read, in order
  std::vector<std::vector<RawRow>> spare_;  // pages to read into (their buffers are reused)
  bool eof_ = false, stop_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

}  // namespace crm::staging
