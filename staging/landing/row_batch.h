// The unit of work between the landing's reader thread and its writer: a few thousand rows of
// text cells in one flat buffer, with their lineage, plus the rejects and suppressed count of the
// same stretch of the source. Batches are recycled through a BatchPipe, so memory stays bounded by
// (batches in flight) x (kMaxBatchBytes + one row).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/journal.h"

namespace crm::staging {

struct RowLineage {
  int64_t line = 0;     // 1-based line (files) or row number (SQL)
  int64_t offset = -1;  // byte offset in the file; -1 (NULL) for SQL rows
  uint64_t hash = 0;    // Hash64 of the raw row bytes
};

struct RowBatch {
  static constexpr size_t kMaxRows = 4096;
  static constexpr size_t kMaxBytes = 4u << 20;

  size_t width = 0;              // cells per row (the raw table's value columns)
  std::string arena;             // every cell's bytes, back to back
  std::vector<size_t> ends;      // per cell, its end in `arena` (its start is the previous end)
  std::vector<uint8_t> nulls;    // per cell, 1 when NULL
  std::vector<RowLineage> rows;  // one per row
  std::vector<db::RejectRecord> rejects;
  int64_t suppressed = 0;

  void Clear() {
    arena.clear();
    ends.clear();
    nulls.clear();
    rows.clear();
    rejects.clear();
    suppressed = 0;
  }
  void AddCell(std::string_view value, bool is_null) {
    arena.append(value);
    ends.push_back(arena.size());
    nulls.push_back(is_null ? 1 : 0);
  }
  bool Full() const { return rows.size() >= kMaxRows || arena.size() >= kMaxBytes; }
  std::string_view Cell(size_t row, size_t column) const {
    const size_t i = row * width + column;
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(arena.data() + begin, ends[i] - begin);
  }
  bool IsNull(size_t row, size_t column) const { return nulls[row * width + column] != 0; }
};

// Two bounded queues between one producer and one consumer: empty batches go to the producer,
// full ones to the consumer. The producer always ends the stream with PutEnd(), also after a
// failure; the consumer may Close() the pipe to stop the producer early.
class BatchPipe {
 public:
  BatchPipe(size_t batches, size_t width) {
    for (size_t i = 0; i < batches; ++i) {
      auto batch = std::make_unique<RowBatch>();
      batch->width = width;
      empty_.push_back(std::move(batch));
    }
  }

  // Producer: an empty batch to fill; null once the consumer has closed the pipe.
  std::unique_ptr<RowBatch> TakeEmpty() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !empty_.empty(); });
    if (closed_) return nullptr;
    return Pop(&empty_);
  }
  void PutFull(std::unique_ptr<RowBatch> batch) { Push(&full_, std::move(batch)); }
  void PutEnd() { Push(&full_, nullptr); }

  // Consumer: the next filled batch; null at the end of the stream.
  std::unique_ptr<RowBatch> TakeFull() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty(); });
    return Pop(&full_);
  }
  void PutEmpty(std::unique_ptr<RowBatch> batch) {
    batch->Clear();
    Push(&empty_, std::move(batch));
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }

 private:
  static std::unique_ptr<RowBatch> Pop(std::deque<std::unique_ptr<RowBatch>>* queue) {
    std::unique_ptr<RowBatch> batch = std::move(queue->front());
    queue->pop_front();
    return batch;
  }
  void Push(std::deque<std::unique_ptr<RowBatch>>* queue, std::unique_ptr<RowBatch> batch) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue->push_back(std::move(batch));
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<RowBatch>> empty_;
  std::deque<std::unique_ptr<RowBatch>> full_;
  bool closed_ = false;
};

}  // namespace crm::staging
