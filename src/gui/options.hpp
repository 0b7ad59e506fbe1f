// socred-gui's command line: the scenario (with the same flags as `socred run`), what to do
// at start (run N weeks, schedule changes, select a citizen, open a panel), and the scripted
// outputs that tests and scripts/screenshots use (screenshots, chart PNGs, metrics.csv,
// frame-time benchmark).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "society_view.hpp"
#include "socred/scenario.hpp"

namespace socred::gui {

// A change scheduled from the command line, applied as if made in the Policies panel when
// the run reaches `week` (so it takes effect from week + 1).
struct ScheduledChange {
  std::int64_t week = 0;
  std::string path;
  FieldValue value;
};

// Part of the window saved as PNG: a chart (a metric name from the Charts panel, or
// "histogram") or an area ("network", "controls", "inspector", "charts").
struct ChartShot {
  std::string chart;
  std::filesystem::path file;
};

// The areas --area-screenshot accepts.
const std::vector<std::string>& area_names();

struct GuiOptions {
  Scenario scenario;
  std::string source;  // the scenario file, or "built-in classroom demo"
  std::int64_t ticks = 0;
  std::vector<ScheduledChange> changes;
  bool play = false;
  double speed = 20;
  int threads = 1;
  std::optional<std::uint64_t> select;
  std::string panel = "policies";
  bool reveal_scoring = false;
  float font_scale = 1.0f;
  bool high_contrast = false;
  std::size_t draw_limit = kDefaultDrawLimit;
  std::filesystem::path scenarios_dir;

  std::filesystem::path screenshot;
  std::vector<ChartShot> chart_shots;
  std::vector<ChartShot> area_shots;
  std::filesystem::path metrics_csv;
  bool exit_when_done = false;
  int settle_steps = 300;
  int benchmark_frames = 0;
  unsigned width = 1280, height = 800;

  // Whether the program runs a script (outputs, then perhaps exit) rather than for a person.
  bool scripted() const {
    return !screenshot.empty() || !chart_shots.empty() || !area_shots.empty() || !metrics_csv.empty() ||
           exit_when_done || benchmark_frames > 0;
  }
};

// The names --panel accepts.
const std::vector<std::string>& panel_names();

// Parses the command line. Returns the options, or the exit code to leave with (0 after
// --help, 2 after bad input, the error already printed on one line).
struct ParsedOptions {
  std::optional<GuiOptions> options;
  int exit_code = 0;
};
ParsedOptions parse_options(int argc, char** argv);

}  // namespace socred::gui
