// What happened to each drawn citizen, week by week: the material of the citizen's dossier
// (score sparkline, story feed). A ring buffer within a memory budget: the oldest weeks are
// forgotten first when a long run outgrows it.
#pragma once

#include <cstdint>
#include <vector>

#include "socred/world.hpp"

namespace socred::gui {

// One citizen in one week (12 bytes with padding).
struct Moment {
  float score = 0;
  std::uint32_t happenings = 0;    // happened:: bits
  std::uint16_t restrictions = 0;  // policy_bit() mask
};

class CitizenHistory {
 public:
  // Forgets everything; keeps at most `budget_bytes` of moments for `members` citizens (and
  // always at least two weeks).
  void reset(std::size_t members, std::size_t budget_bytes);

  // Appends the week `w.tick` for the citizens `members` (member index order).
  void record(const World& w, const std::vector<CitizenId>& members);

  std::size_t capacity() const { return capacity_; }
  std::size_t weeks() const { return count_; }
  std::int64_t first_tick() const { return first_tick_; }
  // One citizen's moments, oldest first.
  std::vector<Moment> of(std::uint32_t member) const;

 private:
  std::size_t members_ = 0;
  std::size_t capacity_ = 0;
  std::size_t count_ = 0;
  std::size_t oldest_ = 0;  // slot of the oldest week
  std::int64_t first_tick_ = 0;
  std::vector<std::vector<Moment>> weeks_;
};

}  // namespace socred::gui
