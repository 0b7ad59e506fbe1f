// Splitting one society across machines: contiguous citizen ranges (citizens are numbered
// city by city and firm by firm) that end at a city boundary where one is near, else at a firm
// boundary, so no firm straddles two ranges; and what such a split cuts: the ties whose ends
// lie in different ranges, and the ghosts, the citizens a range reads but does not own.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "socred/world.hpp"

namespace socred {

struct CitizenRange {
  CitizenId begin = 0;
  CitizenId end = 0;  // one past the last
  std::size_t size() const { return end - begin; }
  bool contains(CitizenId i) const { return i >= begin && i < end; }
};

// Every citizen, whatever the society's size (the phases' default range).
inline constexpr CitizenRange kAllCitizens{0, kNoCitizen};
inline CitizenRange within(CitizenRange range, const World& w) {
  const auto n = static_cast<CitizenId>(w.size());
  return {std::min(range.begin, n), std::min(range.end, n)};
}

// The firms whose members a range holds (firms are contiguous; the range must start and end at
// firm boundaries, as partition_by_city's do).
struct FirmRange {
  std::size_t begin = 0, end = 0;
};
inline FirmRange firms_of(CitizenRange range, const World& w) {
  range = within(range, w);
  if (range.begin >= range.end) return {};
  return {w.firm[range.begin], std::size_t{w.firm[range.end - 1]} + 1};
}

// `parts` ranges covering every citizen in order, as equal as boundaries allow: a range ends at
// the city boundary nearest to its equal share when that is within 5% of a share, else at the
// nearest firm boundary (a city larger than a share is split between ranges, firm by firm;
// cities are Zipf-sized, so the largest alone holds about a third of a 12-city society). Only
// with more parts than firms are some ranges empty.
std::vector<CitizenRange> partition_by_city(const World& w, int parts);

struct CutStats {
  std::uint64_t ties = 0;              // undirected
  std::uint64_t cut_ties = 0;          // with ends in two ranges
  std::uint64_t max_range_size = 0;    // citizens in the largest range
  std::uint64_t max_ghosts = 0;        // the most distinct foreign friends one range reads
  std::uint64_t total_ghosts = 0;      // summed over ranges
  double cut_share() const { return ties ? static_cast<double>(cut_ties) / static_cast<double>(ties) : 0.0; }
};
CutStats cut_stats(const World& w, const std::vector<CitizenRange>& ranges);

}  // namespace socred
