// Work split over the machine's cores: matching runs its per-record and per-pair loops through
// this one helper, so every step uses both cores of the target machine the same way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace crm::identity {

// Worker threads matching uses: the hardware's, at least 1.
inline unsigned MatchThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

// Calls fn(begin, end, worker) on `workers` contiguous slices of [0, n), one thread each (the
// caller's thread takes the last slice). The first exception a slice throws is rethrown here
// after every thread has ended.
inline void ParallelFor(size_t n, unsigned workers,
                        const std::function<void(size_t, size_t, unsigned)>& fn) {
  workers =
      std::max(1u, std::min<unsigned>(workers, static_cast<unsigned>(std::max<size_t>(n, 1))));
  std::vector<std::exception_ptr> errors(workers);
  std::vector<std::thread> threads;
  const auto slice = [&](unsigned w) {
    try {
      fn(n * w / workers, n * (w + 1) / workers, w);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  for (unsigned w = 0; w + 1 < workers; ++w) threads.emplace_back(slice, w);
  slice(workers - 1);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace crm::identity
