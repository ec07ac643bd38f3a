#include "staging/landing/land_pipeline.h"

#include <cassert>
#include <exception>
#include <thread>

#include "staging/landing/hash.h"

namespace crm::staging {
namespace {

// Batches in flight: one being filled, one being written, two queued so neither side waits on
// the other's hiccups. Memory: about 4 x RowBatch::kMaxBytes.
constexpr size_t kBatchesInFlight = 4;
// Rows per transaction (or COPY): large enough that commits cost nothing, small enough that the
// rejects found meanwhile (held in memory) stay few.
constexpr int64_t kRowsPerUnit = 256 * 1024;
constexpr size_t kRejectsPerWrite = 1000;

db::RejectRecord MakeReject(const readers::Record& record, const RowSource& rows,
                            const PipelineSettings& settings) {
  db::RejectRecord reject;
  reject.phase = "stage";
  reject.source = settings.source;
  reject.line = static_cast<int64_t>(record.line);
  reject.byte_offset = rows.has_offsets() ? static_cast<int64_t>(record.offset) : -1;
  const auto& columns = rows.columns();
  if (record.column > 0) {
    reject.column = record.column <= columns.size() ? columns[record.column - 1]
                                                    : "#" + std::to_string(record.column);
  }
  reject.kind = record.kind;
  reject.raw = std::string(record.raw);
  reject.message = record.message;
  // _rejects has one offset, the row's (where `raw` starts); the offending byte goes in the text.
  if (rows.has_offsets() && record.error_offset != record.offset) {
    reject.message += " (at byte " + std::to_string(record.error_offset) + ")";
  }
  reject.load_id = settings.load_id;
  return reject;
}

struct ProducerState {
  std::exception_ptr error;
  uint64_t content_hash = 0;
};

void Produce(RowSource& rows, const Suppressor& suppressor, const PipelineSettings& settings,
             BatchPipe& pipe, ProducerState* state) {
  try {
    std::unique_ptr<RowBatch> batch = pipe.TakeEmpty();
    readers::Record record;
    const size_t width = rows.columns().size();
    while (batch && rows.Next(&record)) {
      state->content_hash = CombineHash(state->content_hash, RecordHash(record));
      if (record.is_reject) {
        batch->rejects.push_back(MakeReject(record, rows, settings));
      } else if (suppressor.active() && suppressor.Matches(record)) {
        ++batch->suppressed;
      } else {
        assert(record.fields.size() == width);
        for (size_t i = 0; i < width; ++i) {
          batch->AddCell(record.fields[i].value, record.fields[i].is_null);
        }
        if (settings.add_raw_line) batch->AddCell(record.raw, false);
        batch->rows.push_back({static_cast<int64_t>(record.line),
                               rows.has_offsets() ? static_cast<int64_t>(record.offset) : -1,
                               Hash64(record.raw)});
      }
      if (batch->Full() || batch->rejects.size() >= kRejectsPerWrite) {
        pipe.PutFull(std::move(batch));
        batch = pipe.TakeEmpty();
      }
    }
    if (batch) pipe.PutFull(std::move(batch));
  } catch (...) {
    state->error = std::current_exception();
  }
  pipe.PutEnd();
}

}  // namespace

uint64_t RecordHash(const readers::Record& record) {
  uint64_t hash = Hash64(record.raw);
  return record.is_reject ? CombineHash(hash, Hash64(record.message)) : hash;
}

PipelineResult RunPipeline(RowSource& rows, const Suppressor& suppressor, RawWriter& writer,
                           db::Journal& journal, const PipelineSettings& settings,
                           Progress& progress) {
  const size_t width = rows.columns().size() + (settings.add_raw_line ? 1 : 0);
  BatchPipe pipe(kBatchesInFlight, width);
  ProducerState state;
  std::thread producer(Produce, std::ref(rows), std::cref(suppressor), std::cref(settings),
                       std::ref(pipe), &state);
  PipelineResult result;
  std::vector<db::RejectRecord> rejects;
  try {
    int64_t rows_in_unit = 0;
    writer.Begin();
    while (std::unique_ptr<RowBatch> batch = pipe.TakeFull()) {
      writer.WriteBatch(*batch);
      const int64_t landed = static_cast<int64_t>(batch->rows.size());
      result.landed += landed;
      result.suppressed += batch->suppressed;
      result.rejected += static_cast<int64_t>(batch->rejects.size());
      rows_in_unit += landed;
      std::move(batch->rejects.begin(), batch->rejects.end(), std::back_inserter(rejects));
      progress.Advance(landed + batch->suppressed + static_cast<int64_t>(batch->rejects.size()));
      pipe.PutEmpty(std::move(batch));
      if (rows_in_unit >= kRowsPerUnit || rejects.size() >= kRejectsPerWrite) {
        writer.Commit();
        journal.WriteRejects(settings.run_id, rejects);
        rejects.clear();
        rows_in_unit = 0;
        writer.Begin();
      }
    }
    if (state.error) std::rethrow_exception(state.error);
    writer.Commit();
    journal.WriteRejects(settings.run_id, rejects);
  } catch (...) {
    pipe.Close();
    producer.join();
    writer.Abort();
    throw;
  }
  producer.join();
  result.content_hash = state.content_hash;
  return result;
}

}  // namespace crm::staging
