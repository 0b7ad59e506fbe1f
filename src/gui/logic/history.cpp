#include "history.hpp"

#include <algorithm>

namespace socred::gui {

void CitizenHistory::reset(std::size_t members, std::size_t budget_bytes) {
  members_ = members;
  const std::size_t week_bytes = std::max<std::size_t>(members, 1) * sizeof(Moment);
  capacity_ = std::max<std::size_t>(budget_bytes / week_bytes, 2);
  count_ = 0;
  oldest_ = 0;
  first_tick_ = 0;
  weeks_.clear();
}

void CitizenHistory::record(const World& w, const std::vector<CitizenId>& members) {
  std::vector<Moment>* week = nullptr;
  if (count_ < capacity_) {
    // Still growing: a new slot (the ring fills before it wraps).
    if (weeks_.size() <= count_) weeks_.emplace_back();
    week = &weeks_[(oldest_ + count_) % capacity_];
    if (count_ == 0) first_tick_ = w.tick;
    ++count_;
  } else {
    // Full: overwrite the oldest week.
    week = &weeks_[oldest_];
    oldest_ = (oldest_ + 1) % capacity_;
    ++first_tick_;
  }
  week->resize(members_);
  for (std::size_t m = 0; m < members_; ++m) {
    const CitizenId i = members[m];
    Moment& moment = (*week)[m];
    moment.score = static_cast<float>(w.score[i]);
    moment.happenings = w.happenings[i];
    moment.restrictions = w.restrictions[i];
  }
}

std::vector<Moment> CitizenHistory::of(std::uint32_t member) const {
  std::vector<Moment> out;
  out.reserve(count_);
  for (std::size_t k = 0; k < count_; ++k) out.push_back(weeks_[(oldest_ + k) % capacity_][member]);
  return out;
}

}  // namespace socred::gui
