// Building friend lists straight from per-citizen proposals, without a global edge list.
//
// `propose(i, emit)` calls emit(j) for each citizen j that citizen i proposes a tie to; it
// must give the same proposals every time it is called for i (keyed random numbers do). A
// proposal (i, j) makes i and j friends. Two passes (count, then fill) run in parallel; each
// list is then sorted and stripped of repeats and self-ties inside its own slots, so the
// result does not depend on the thread count and needs no memory beyond the lists themselves.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>

#include "parallel.hpp"
#include "socred/network.hpp"

namespace socred::detail {

template <class Propose>
Adjacency adjacency_from_proposals(std::size_t n, double slack, std::uint32_t min_slack,
                                   Propose&& propose) {
  std::vector<std::uint64_t> start(n + 1, 0);
  std::vector<std::uint32_t> degree(n, 0);

  // Pass 1: count both ends of every proposal.
  for_each_index(n, [&](std::size_t i) {
    propose(static_cast<CitizenId>(i), [&](CitizenId j) {
      if (j == i) return;
      std::atomic_ref<std::uint32_t>(degree[i]).fetch_add(1, std::memory_order_relaxed);
      std::atomic_ref<std::uint32_t>(degree[j]).fetch_add(1, std::memory_order_relaxed);
    });
  });
  for (std::size_t i = 0; i < n; ++i) {
    const auto room = std::max<std::uint64_t>(
        min_slack, static_cast<std::uint64_t>(std::ceil(slack * degree[i])));
    start[i + 1] = start[i] + degree[i] + room;
  }

  // Pass 2: fill in any order, then sort each list (that fixes the order) and drop repeats.
  std::vector<CitizenId> slots(start[n], kNoCitizen);
  std::fill(degree.begin(), degree.end(), 0);
  for_each_index(n, [&](std::size_t i) {
    propose(static_cast<CitizenId>(i), [&](CitizenId j) {
      if (j == i) return;
      const auto a = std::atomic_ref<std::uint32_t>(degree[i]).fetch_add(1, std::memory_order_relaxed);
      slots[start[i] + a] = j;
      const auto b = std::atomic_ref<std::uint32_t>(degree[j]).fetch_add(1, std::memory_order_relaxed);
      slots[start[j] + b] = static_cast<CitizenId>(i);
    });
  });
  for_each_index(n, [&](std::size_t i) {
    CitizenId* first = slots.data() + start[i];
    CitizenId* last = first + degree[i];
    std::sort(first, last);
    CitizenId* end = std::unique(first, last);
    std::fill(end, last, kNoCitizen);
    degree[i] = static_cast<std::uint32_t>(end - first);
  });
  Adjacency a;
  a.starts() = std::move(start);
  a.degrees() = std::move(degree);
  a.slots() = std::move(slots);
  return a;
}

}  // namespace socred::detail
