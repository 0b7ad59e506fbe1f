// The citizen's dossier: what the inspector shows about one citizen. Built from the World
// (who they are now, why their score moved last week) and their history (score sparkline,
// a story feed in plain sentences: "Week 34: Train ticket refused (travel ban).").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "history.hpp"
#include "palette.hpp"
#include "socred/scenario.hpp"
#include "socred/world.hpp"

namespace socred::gui {

struct ProfileLine {
  std::string label;
  std::string value;
};

struct FactorPart {
  Factor factor;
  double points = 0;  // contribution to last week's change
  std::string text;   // "friends' scores: -5.1 (3 of 12 friends below 550)"
};

struct FriendEntry {
  CitizenId id = 0;
  double score = 0;
  bool restricted = false;
  bool blacklisted = false;
};

struct StoryLine {
  std::int64_t first = 0;  // week
  std::int64_t last = 0;   // the same week, or the end of a run of identical weeks
  std::string text;
};

struct Dossier {
  CitizenId id = 0;
  bool scored = true;
  double score = 0;
  Tier tier = Tier::poor;
  double change = 0;           // last week's change, points
  std::string change_summary;  // "Fell 8.2 points last week, mostly because of friends' scores ..."
  std::vector<ProfileLine> profile;
  std::vector<FactorPart> factors;        // largest first
  std::vector<std::string> restrictions;  // what each restriction means, with the reason
  std::vector<Policy> restricted_by;      // the same restrictions (and marks), as policies
  std::vector<FriendEntry> friends;       // lowest score first
  std::vector<float> score_history;       // oldest first; empty when not drawn
  std::int64_t history_first_tick = 0;
  std::vector<StoryLine> story;           // newest first
};

// `history` holds the citizen's moments (oldest first, starting at `history_first_tick`), or
// is empty for a citizen outside the drawn sample of a large society.
Dossier build_dossier(const Scenario& s, const World& w, CitizenId id,
                      const std::vector<Moment>& history, std::int64_t history_first_tick);

// Sentences for what happened, newest first, identical consecutive weeks merged, at most
// `max_lines`.
std::vector<StoryLine> write_story(const std::vector<Moment>& history, std::int64_t first_tick,
                                   std::size_t max_lines);

// The sentence for last week's change: "Fell 8.2 points last week, mostly because of friends'
// scores (3 of 12 friends below 550)."
std::string summarise_change(double change, const std::vector<FactorPart>& factors);

}  // namespace socred::gui
