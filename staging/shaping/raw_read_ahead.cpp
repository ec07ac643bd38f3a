#include "staging/shaping/raw_read_ahead.h"

#include "core/common/error.h"

namespace crm::staging {

bool RawReadAhead::Possible(const db::Database& staging) {
  const db::DatabaseUrl& url = staging.url();
  return !(url.dialect == db::Dialect::kSqlite && url.path == ":memory:");
}

RawReadAhead::RawReadAhead(const db::Database& staging, const std::string& source,
                           int64_t raw_load_id, const std::vector<std::string>& raw_columns,
                           size_t page_rows)
    : connection_(db::Database::Connect(staging.url(), {.create = false})),
      inner_(MakeRawReader(*connection_, source, raw_load_id, raw_columns)),
      page_rows_(page_rows),
      spare_(2) {
  thread_ = std::thread([this] { Run(); });
}

RawReadAhead::~RawReadAhead() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void RawReadAhead::Run() {
  try {
    while (true) {
      std::vector<RawRow> page;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !spare_.empty(); });
        if (stop_) return;
        page = std::move(spare_.back());
        spare_.pop_back();
      }
      const bool more = inner_->Next(page_rows_, &page);
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (more) {
          ready_.push_back(std::move(page));
        } else {
          eof_ = true;
        }
      }
      cv_.notify_all();
      if (!more) return;
    }
  } catch (...) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = std::current_exception();
    }
    cv_.notify_all();
  }
}

bool RawReadAhead::Next(size_t max, std::vector<RawRow>* rows) {
  if (max != page_rows_) {
    throw Error(ErrorCategory::kInternal, "RawReadAhead: pages of " + std::to_string(max) +
                                              " rows asked, " + std::to_string(page_rows_) +
                                              " read");
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !ready_.empty() || eof_ || error_; });
  if (ready_.empty()) {
    if (error_) std::rethrow_exception(error_);
    rows->clear();
    return false;
  }
  rows->swap(ready_.front());  // the caller's old page goes back to be read into
  spare_.push_back(std::move(ready_.front()));
  ready_.pop_front();
  lock.unlock();
  cv_.notify_all();
  return true;
}

}  // namespace crm::staging
