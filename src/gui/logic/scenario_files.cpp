#include "scenario_files.hpp"

#include <algorithm>

#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"

namespace socred::gui {
namespace fs = std::filesystem;

std::vector<ScenarioEntry> list_scenarios(const fs::path& dir) {
  std::vector<ScenarioEntry> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".json") continue;
    ScenarioEntry entry;
    entry.path = it->path();
    entry.label = fs::relative(it->path(), dir).generic_string();
    const LoadResult loaded = load_scenario_file(it->path());
    if (loaded.ok()) {
      entry.name = loaded.scenario->name;
      entry.description = loaded.scenario->description;
    } else {
      entry.name = entry.label;
      entry.error = loaded.errors.empty() ? "cannot be loaded" : loaded.errors.front().str();
    }
    out.push_back(std::move(entry));
  }
  std::sort(out.begin(), out.end(),
            [](const ScenarioEntry& a, const ScenarioEntry& b) { return a.label < b.label; });
  return out;
}

fs::path default_scenarios_dir() {
  std::error_code ec;
  if (fs::is_directory("scenarios", ec)) return fs::absolute("scenarios");
  return fs::path(SOCRED_SOURCE_DIR) / "scenarios";
}

Scenario scenario_for_saving(const Scenario& initial, const Scenario& current,
                             const std::vector<TimelineEvent>& user_changes, std::int64_t tick,
                             SaveMode mode, const std::string& name) {
  Scenario out;
  if (mode == SaveMode::starting_point) {
    out = current;
    out.events.clear();
    for (const auto& e : initial.events) {
      if (e.tick > tick) out.events.push_back(e);
    }
    out.description = "Saved from socred-gui at week " + std::to_string(tick) + " of \"" +
                      initial.name + "\", with the parameters then in force. " +
                      initial.description;
  } else {
    out = initial;
    // Scheduled events first within a week, then the window's: the order Simulation
    // applies them in.
    out.events.insert(out.events.end(), user_changes.begin(), user_changes.end());
    std::stable_sort(out.events.begin(), out.events.end(),
                     [](const TimelineEvent& a, const TimelineEvent& b) { return a.tick < b.tick; });
    out.description = "Replay of a socred-gui session on \"" + initial.name + "\" (" +
                      std::to_string(user_changes.size()) +
                      " changes made in the window, kept as timeline events). " +
                      initial.description;
  }
  if (!name.empty()) out.name = name;
  return out;
}

std::string metrics_csv(const std::vector<MetricsRow>& rows) {
  std::string out = metrics_csv_header();
  for (const auto& row : rows) out += metrics_csv_row(row);
  return out;
}

fs::path unused_path(const fs::path& dir, const std::string& stem, const std::string& extension) {
  fs::path candidate = dir / (stem + extension);
  for (int k = 2; fs::exists(candidate); ++k) {
    candidate = dir / (stem + "-" + std::to_string(k) + extension);
  }
  return candidate;
}

}  // namespace socred::gui
