// What the window shows of a society at one moment: a copy, made by the simulation's worker
// thread after a tick, that the drawing thread reads without locks (Dear ImGui's advice to
// "minimize state synchronization"; MuJoCo simulate copies its data the same way).
//
// Large societies are drawn as a sample: up to `limit` citizens chosen by a breadth-first
// "snowball" from seeds in every city and spread evenly over the citizen ids,
// with the ties among them. Breadth-first sampling keeps friendship neighbourhoods whole,
// where a uniform sample of citizens would keep almost no ties. Charts, the histogram and
// metrics always cover every citizen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dossier.hpp"
#include "layout.hpp"
#include "socred/events.hpp"
#include "socred/metrics.hpp"
#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred::gui {

inline constexpr std::uint32_t kNotDrawn = 0xFFFFFFFFu;
inline constexpr std::size_t kDefaultDrawLimit = 8000;

struct DrawnSet {
  std::vector<CitizenId> members;       // increasing ids
  std::vector<std::uint32_t> index_of;  // citizen id -> member index, or kNotDrawn
  bool sampled = false;                 // true when not everyone is drawn
};

DrawnSet choose_drawn(const World& w, std::size_t limit);

struct SocietyView {
  std::uint64_t version = 0;     // increases with every copy the worker publishes
  std::uint64_t generation = 0;  // increases with every new society (load, reset)
  bool building = false;         // the worker is making a new society
  std::string load_error;        // why the last load failed (the previous society stays)

  // The run.
  std::string source;                     // scenario file, or "built-in classroom demo"
  Scenario initial;                       // as loaded
  Scenario scenario;                      // in force, with changes queued for next week
  std::vector<std::pair<std::string, FieldValue>> queued;  // apply from next week
  std::vector<TimelineEvent> user_changes;  // every change made in the GUI, at its week
  std::size_t citizens = 0;
  std::uint64_t ties_total = 0;
  std::int64_t tick = 0;
  bool playing = false;
  double weeks_per_second = 0;   // measured

  // Drawn citizens (fixed within a generation) and their state now.
  bool sampled = false;
  std::vector<CitizenId> members;
  std::vector<std::uint16_t> member_region;
  std::size_t regions = 0;
  std::vector<float> score;
  std::vector<std::uint16_t> restrictions;
  std::vector<std::uint8_t> status;
  std::vector<DrawnTie> ties;  // between drawn citizens, member indices, u < v

  MetricsRow metrics;
  ScoreHistogram histogram;
  ScoreHistogram initial_histogram;  // week 0 of this society

  // Since the previous copy the window took (append to the window's own series).
  std::vector<MetricsRow> new_rows;
  std::vector<SocietyEvent> new_events;

  std::optional<Dossier> dossier;  // of the selected citizen
};

// Copies the drawn citizens' state and the ties among them.
void copy_drawn_state(const World& w, const DrawnSet& drawn, SocietyView& view);

}  // namespace socred::gui
