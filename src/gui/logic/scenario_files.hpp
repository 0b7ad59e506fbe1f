// Files the window reads and writes: the scenario picker's list, "save as", and exports.
// Every file is written to a temporary name beside it and renamed into place, so a failed
// write never leaves a file that looks complete.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "socred/metrics.hpp"
#include "socred/scenario.hpp"

namespace socred::gui {

struct ScenarioEntry {
  std::filesystem::path path;
  std::string label;  // path relative to the scenarios directory ("validation/degroot.json")
  std::string name;
  std::string description;
  std::string error;  // the first problem, when the file does not load
};

// Every *.json under `dir` (subdirectories included), sorted by label, each loaded and
// validated (so `extends` is resolved and broken files are shown with their error).
std::vector<ScenarioEntry> list_scenarios(const std::filesystem::path& dir);

// Where the scenario picker looks: ./scenarios when it exists, else the source tree's.
std::filesystem::path default_scenarios_dir();

enum class SaveMode {
  // The parameters in force now (policy edits included) as a new starting point; timeline
  // events that have already happened are dropped, later ones kept.
  starting_point,
  // The scenario as loaded, with every change made in the window as a timeline event at the
  // week it took effect: `socred run` on the file replays this session exactly.
  replay,
};

// The scenario to save. `current` is the scenario in force (with queued changes), `tick` the
// week now, `user_changes` the changes made in the window.
Scenario scenario_for_saving(const Scenario& initial, const Scenario& current,
                             const std::vector<TimelineEvent>& user_changes, std::int64_t tick,
                             SaveMode mode, const std::string& name);

// metrics.csv of the rows so far (the same columns as `socred run` writes).
std::string metrics_csv(const std::vector<MetricsRow>& rows);

// A file name that does not exist yet in `dir`: "stem.ext", else "stem-2.ext", ...
std::filesystem::path unused_path(const std::filesystem::path& dir, const std::string& stem,
                                  const std::string& extension);

}  // namespace socred::gui
