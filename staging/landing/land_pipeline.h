// The landing's two threads: a reader thread turns a RowSource into RowBatches (suppressing rows
// and collecting rejects on the way), the calling thread writes them through a RawWriter and
// journals the rejects between units of work.
#pragma once

#include <cstdint>
#include <string>

#include "core/common/progress.h"
#include "core/db/journal.h"
#include "staging/landing/raw_writer.h"
#include "staging/landing/row_source.h"
#include "staging/landing/suppression.h"

namespace crm::staging {

struct PipelineResult {
  int64_t landed = 0, rejected = 0, suppressed = 0;
  // Over every record in order (rows and rejects): the fingerprint of what was streamed.
  uint64_t content_hash = 0;
};

struct PipelineSettings {
  std::string source;         // for _rejects
  bool add_raw_line = false;  // one more cell per row: the raw line (JSON Lines' _crm_raw)
  int64_t run_id = 0;
  int64_t load_id = 0;
};

// Hash of one record as the fingerprint of streamed content sees it.
uint64_t RecordHash(const readers::Record& record);

PipelineResult RunPipeline(RowSource& rows, const Suppressor& suppressor, RawWriter& writer,
                           db::Journal& journal, const PipelineSettings& settings,
                           Progress& progress);

}  // namespace crm::staging
