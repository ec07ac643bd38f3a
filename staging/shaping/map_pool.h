// Worker threads that map batches of raw rows with one RowMapper, and hand them back in reading
// order so duplicate keys and rejects come out exactly as a single thread would produce them.
// Batches are recycled: a batch handed back through Recycle() keeps the strings of its rows, so
// reading the next page into it assigns into existing buffers instead of allocating each value.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

#include "staging/shaping/row_mapper.h"

namespace crm::staging {

struct Batch {
  size_t seq = 0;
  std::vector<RawRow> raw;        // filled by the reader; kept as is after mapping
  std::vector<MappedRow> mapped;  // one per raw row
  NullWarnings warnings;
};

class MapPool {
 public:
  // `threads` 0: Submit maps in the calling thread.
  MapPool(const RowMapper& mapper, int threads);
  ~MapPool();
  MapPool(const MapPool&) = delete;
  MapPool& operator=(const MapPool&) = delete;

  // An empty batch to read into: a recycled one when there is one.
  std::unique_ptr<Batch> NewBatch();
  void Submit(std::unique_ptr<Batch> b);
  // The batch with sequence number `seq`, once mapped. Rethrows a worker's exception.
  std::unique_ptr<Batch> Take(size_t seq);
  // Gives a written batch back for NewBatch.
  void Recycle(std::unique_ptr<Batch> b);

 private:
  void Work();

  const RowMapper& mapper_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable todo_cv_, done_cv_;
  std::queue<std::unique_ptr<Batch>> todo_;
  std::map<size_t, std::unique_ptr<Batch>> done_;
  std::vector<std::unique_ptr<Batch>> free_;  // only touched by the calling thread
  StepMemos memos_;                           // for mapping in the calling thread
  std::exception_ptr error_;
  bool closed_ = false;
};

}  // namespace crm::staging
