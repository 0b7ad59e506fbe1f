#include "society_view.hpp"

#include <algorithm>
#include <deque>

namespace socred::gui {

DrawnSet choose_drawn(const World& w, std::size_t limit) {
  const std::size_t n = w.size();
  DrawnSet d;
  d.index_of.assign(n, kNotDrawn);
  if (n <= limit) {
    d.members.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      d.members[i] = static_cast<CitizenId>(i);
      d.index_of[i] = static_cast<std::uint32_t>(i);
    }
    return d;
  }
  d.sampled = true;

  // Breadth-first from seeds in every city and spread evenly over the ids, so that the
  // sample grows around every seed at once; a new seed when a component runs out.
  std::vector<char> taken(n, 0);
  std::deque<CitizenId> frontier;
  auto take = [&](CitizenId c) {
    if (taken[c] || d.members.size() >= limit) return;
    taken[c] = 1;
    d.members.push_back(c);
    frontier.push_back(c);
  };
  for (CitizenId first : w.regions.first) take(first);
  const std::size_t seeds = std::clamp<std::size_t>(limit / 250, 1, 64);
  for (std::size_t k = 0; k < seeds; ++k) take(static_cast<CitizenId>(k * n / seeds));
  CitizenId next_seed = 0;
  while (d.members.size() < limit) {
    if (frontier.empty()) {
      while (next_seed < n && taken[next_seed]) ++next_seed;
      if (next_seed >= n) break;
      take(next_seed);
      continue;
    }
    const CitizenId c = frontier.front();
    frontier.pop_front();
    for (CitizenId f : w.friends.friends(c)) take(f);
  }
  std::sort(d.members.begin(), d.members.end());
  for (std::size_t m = 0; m < d.members.size(); ++m) {
    d.index_of[d.members[m]] = static_cast<std::uint32_t>(m);
  }
  return d;
}

void copy_drawn_state(const World& w, const DrawnSet& drawn, SocietyView& view) {
  const std::size_t m = drawn.members.size();
  view.sampled = drawn.sampled;
  view.members = drawn.members;
  view.member_region.resize(m);
  view.score.resize(m);
  view.restrictions.resize(m);
  view.status.resize(m);
  view.ties.clear();
  for (std::size_t k = 0; k < m; ++k) {
    const CitizenId i = drawn.members[k];
    view.member_region[k] = w.region[i];
    view.score[k] = static_cast<float>(w.score[i]);
    view.restrictions[k] = w.restrictions[i];
    view.status[k] = w.status[i];
    for (CitizenId j : w.friends.friends(i)) {
      const std::uint32_t other = drawn.index_of[j];
      if (other != kNotDrawn && other > k) view.ties.emplace_back(static_cast<std::uint32_t>(k), other);
    }
  }
  view.regions = w.regions.count();
  view.citizens = w.size();
  view.ties_total = w.friends.tie_count();
}

}  // namespace socred::gui
