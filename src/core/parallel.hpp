// Parallel loops over citizens with per-thread counts. Counts are integers and ExactSums,
// so the totals do not depend on how the loop was split between threads.
#pragma once

#include <cstdint>

#include "socred/events.hpp"

namespace socred::detail {

template <class Body>
void for_each_citizen(std::size_t n, TickCounts& total, Body&& body) {
  const auto count = static_cast<std::int64_t>(n);
#pragma omp parallel
  {
    TickCounts local;
#pragma omp for schedule(static, 1024)
    for (std::int64_t i = 0; i < count; ++i) body(static_cast<CitizenId>(i), local);
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

}  // namespace socred::detail
