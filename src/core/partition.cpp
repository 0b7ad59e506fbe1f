#include "socred/partition.hpp"

#include <algorithm>

namespace socred {

namespace {

// The boundary in `sorted` nearest to `target` (ties go to the lower one).
CitizenId nearest(const std::vector<CitizenId>& sorted, CitizenId target) {
  auto above = std::lower_bound(sorted.begin(), sorted.end(), target);
  if (above == sorted.end()) return sorted.back();
  if (above != sorted.begin() && target - *std::prev(above) <= *above - target) return *std::prev(above);
  return *above;
}

std::vector<CitizenId> with_end(std::vector<CitizenId> starts, CitizenId end) {
  starts.push_back(end);
  std::sort(starts.begin(), starts.end());
  return starts;
}

}  // namespace

std::vector<CitizenRange> partition_by_city(const World& w, int parts) {
  const auto n = static_cast<std::uint64_t>(w.size());
  const auto cities = with_end(w.regions.first, static_cast<CitizenId>(n));
  const auto firms = with_end(w.firms.first, static_cast<CitizenId>(n));
  const std::uint64_t slack = n / static_cast<std::uint64_t>(parts) / 20;  // 5% of a share
  std::vector<CitizenRange> ranges;
  CitizenId begin = 0;
  for (int p = 1; p <= parts; ++p) {
    CitizenId end = static_cast<CitizenId>(n);
    if (p < parts) {
      const auto target = static_cast<CitizenId>(n * static_cast<std::uint64_t>(p) / static_cast<std::uint64_t>(parts));
      const CitizenId city = nearest(cities, target);
      end = (city > target ? city - target : target - city) <= slack ? city : nearest(firms, target);
      end = std::max(end, begin);
    }
    ranges.push_back({begin, end});
    begin = end;
  }
  return ranges;
}

CutStats cut_stats(const World& w, const std::vector<CitizenRange>& ranges) {
  CutStats stats;
  std::vector<std::uint32_t> seen_by(w.size(), 0);  // 1 + the last range that counted it a ghost
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    const CitizenRange range = ranges[r];
    stats.max_range_size = std::max<std::uint64_t>(stats.max_range_size, range.size());
    std::uint64_t ghosts = 0;
    for (CitizenId i = range.begin; i < range.end; ++i) {
      for (CitizenId j : w.friends.friends(i)) {
        if (i < j) ++stats.ties;
        if (range.contains(j)) continue;
        if (i < j) ++stats.cut_ties;
        if (seen_by[j] != r + 1) {
          seen_by[j] = static_cast<std::uint32_t>(r + 1);
          ++ghosts;
        }
      }
    }
    stats.max_ghosts = std::max(stats.max_ghosts, ghosts);
    stats.total_ghosts += ghosts;
  }
  return stats;
}

}  // namespace socred
