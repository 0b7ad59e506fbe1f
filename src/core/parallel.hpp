// Parallel loops over citizens with per-thread counts. Counts are integers and ExactSums,
// so the totals do not depend on how the loop was split between threads.
#pragma once

#include <algorithm>
#include <cstdint>

#include "socred/events.hpp"
#include "socred/partition.hpp"

namespace socred::detail {

// Citizens [range.begin, range.end), by their global ids.
template <class Body>
void for_each_citizen(CitizenRange range, TickCounts& total, Body&& body) {
  const auto first = static_cast<std::int64_t>(range.begin);
  const auto last = static_cast<std::int64_t>(range.end);
#pragma omp parallel
  {
    TickCounts local;
#pragma omp for schedule(static, 1024)
    for (std::int64_t i = first; i < last; ++i) body(static_cast<CitizenId>(i), local);
#pragma omp critical(socred_counts)
    total += local;
  }
}

template <class Body>
void for_each_index(std::size_t n, Body&& body) {
  const auto count = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static, 1024)
  for (std::int64_t i = 0; i < count; ++i) body(static_cast<std::size_t>(i));
}

// Blocks [first, last) of `block` citizens of a range, dealt to threads like
// for_each_citizen's chunks.
template <class Body>
void for_each_block(CitizenRange range, std::size_t block, Body&& body) {
  const std::size_t n = range.size();
  const auto blocks = static_cast<std::int64_t>((n + block - 1) / block);
#pragma omp parallel for schedule(static, 1)
  for (std::int64_t b = 0; b < blocks; ++b) {
    const std::size_t first = range.begin + static_cast<std::size_t>(b) * block;
    body(static_cast<CitizenId>(first), static_cast<CitizenId>(std::min<std::size_t>(range.end, first + block)));
  }
}

}  // namespace socred::detail
