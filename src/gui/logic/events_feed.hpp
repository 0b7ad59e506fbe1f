// The events feed: society-level events (policy changes from the GUI or the scenario's
// timeline) in plain words, newest first.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "socred/events.hpp"

namespace socred::gui {

// The note Simulation::queue_change records for changes made in the window.
inline constexpr const char* kGuiNote = "changed in socred-gui";

// "Travel ban switched on", "Travel ban threshold set to 600 points" from a SocietyEvent's
// detail ("policies.travel_ban.enabled = true").
std::string describe_setting(const std::string& detail);

// "Travel ban switched on (you)" or "... (scenario timeline: note)".
std::string describe_event(const SocietyEvent& event);

struct FeedLine {
  std::int64_t tick = 0;
  bool from_user = false;
  std::string text;
};

// Newest first.
std::vector<FeedLine> feed_lines(std::span<const SocietyEvent> events);

}  // namespace socred::gui
