#include "staging/shaping/map_pool.h"

namespace crm::staging {
namespace {

void MapBatch(const RowMapper& mapper, Batch* b, StepMemos* memos) {
  b->mapped.resize(b->raw.size());
  b->warnings.counts.assign(mapper.field_count(), 0);
  b->warnings.first_message.assign(mapper.field_count(), "");
  for (size_t i = 0; i < b->raw.size(); ++i) {
    mapper.Map(b->raw[i], &b->mapped[i], &b->warnings, memos);
  }
}

}  // namespace

MapPool::MapPool(const RowMapper& mapper, int threads)
    : mapper_(mapper), memos_(mapper.memo_count()) {
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
}

MapPool::~MapPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
  }
  todo_cv_.notify_all();
  for (auto& w : workers_) w.join();
}

std::unique_ptr<Batch> MapPool::NewBatch() {
  if (free_.empty()) return std::make_unique<Batch>();
  std::unique_ptr<Batch> b = std::move(free_.back());
  free_.pop_back();
  return b;
}

void MapPool::Recycle(std::unique_ptr<Batch> b) { free_.push_back(std::move(b)); }

void MapPool::Submit(std::unique_ptr<Batch> b) {
  if (workers_.empty()) {
    MapBatch(mapper_, b.get(), &memos_);
    done_[b->seq] = std::move(b);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    todo_.push(std::move(b));
  }
  todo_cv_.notify_one();
}

std::unique_ptr<Batch> MapPool::Take(size_t seq) {
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [&] { return done_.count(seq) > 0 || error_; });
  if (error_) std::rethrow_exception(error_);
  auto b = std::move(done_[seq]);
  done_.erase(seq);
  return b;
}

void MapPool::Work() {
  StepMemos memos(mapper_.memo_count());
  while (true) {
    std::unique_ptr<Batch> b;
    {
      std::unique_lock<std::mutex> lock(mu_);
      todo_cv_.wait(lock, [&] { return closed_ || !todo_.empty(); });
      if (todo_.empty()) return;
      b = std::move(todo_.front());
      todo_.pop();
    }
    try {
      MapBatch(mapper_, b.get(), &memos);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu_);
      error_ = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      size_t seq = b->seq;
      done_[seq] = std::move(b);
    }
    done_cv_.notify_all();
  }
}

}  // namespace crm::staging
