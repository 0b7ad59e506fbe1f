#include "options.hpp"

#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli_common.hpp"
#include "charts.hpp"
#include "scenario_files.hpp"
#include "sim_runner.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"

namespace socred::gui {
namespace {

// "[WEEK:]PATH=VALUE", the value parsed and checked exactly like --set. Throws
// CLI::ValidationError with a one-line message.
ScheduledChange parse_change(const std::string& text) {
  ScheduledChange change;
  std::string rest = text;
  const auto colon = text.find(':');
  const auto eq = text.find('=');
  if (colon != std::string::npos && colon < eq) {
    try {
      std::size_t used = 0;
      change.week = std::stoll(text.substr(0, colon), &used);
      if (used != colon || change.week < 0) throw std::invalid_argument("week");
    } catch (const std::exception&) {
      throw CLI::ValidationError("--change", "expected [WEEK:]PATH=VALUE with WEEK a whole number "
                                             ">= 0, got \"" + text + "\"");
    }
    rest = text.substr(colon + 1);
  }
  const auto at = rest.find('=');
  if (at == std::string::npos || at == 0) {
    throw CLI::ValidationError("--change", "expected [WEEK:]PATH=VALUE, e.g. "
                                           "50:policies.travel_ban.enabled=true, got \"" + text + "\"");
  }
  change.path = rest.substr(0, at);
  // Parse the value as --set does, on a scratch scenario, then read it back typed.
  const LoadResult parsed = apply_overrides(Scenario{}, {rest});
  if (!parsed.ok()) {
    throw CLI::ValidationError("--change", change.path + ": " + parsed.errors.front().message);
  }
  change.value = find_field(change.path)->get(*parsed.scenario);
  if (auto checked = check_runtime_change(change.path, change.value); !checked.value) {
    throw CLI::ValidationError("--change", checked.error);
  }
  return change;
}

ChartShot parse_chart_shot(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw CLI::ValidationError("--chart-screenshot",
                               "expected CHART=FILE.png, e.g. cross_line_share=ties.png, got \"" +
                                   text + "\"");
  }
  ChartShot shot{text.substr(0, eq), text.substr(eq + 1)};
  if (shot.chart != "histogram" && !find_chart(shot.chart)) {
    std::string names = "histogram";
    for (const auto& c : time_series_charts()) {
      names += ", " + std::string(metric_info()[static_cast<std::size_t>(c.metric)].name);
    }
    throw CLI::ValidationError("--chart-screenshot",
                               "unknown chart \"" + shot.chart + "\" (charts: " + names + ")");
  }
  return shot;
}

ChartShot parse_area_shot(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw CLI::ValidationError("--area-screenshot",
                               "expected AREA=FILE.png, e.g. network=network.png, got \"" + text + "\"");
  }
  ChartShot shot{text.substr(0, eq), text.substr(eq + 1)};
  const auto& names = area_names();
  if (std::find(names.begin(), names.end(), shot.chart) == names.end()) {
    throw CLI::ValidationError("--area-screenshot", "unknown area \"" + shot.chart +
                                                        "\" (areas: network, controls, inspector, charts)");
  }
  return shot;
}

}  // namespace

const std::vector<std::string>& area_names() {
  static const std::vector<std::string> names = {"network", "controls", "inspector", "charts"};
  return names;
}

const std::vector<std::string>& panel_names() {
  static const std::vector<std::string> names = {"policies", "scoring", "scenarios", "export",
                                                 "view"};
  return names;
}

ParsedOptions parse_options(int argc, char** argv) {
  CLI::App app{"socred-gui: watch a reputation-scoring society and change its policies live"};
  GuiOptions opt;
  cli::GlobalOptions global;
  cli::ScenarioArgs scenario;
  std::vector<std::string> changes, chart_shots, area_shots;
  std::optional<std::uint64_t> select;
  std::optional<int> threads;
  std::string screenshot, metrics_csv, scenarios_dir, size;

  app.add_option("--scenario,scenario", scenario.file,
                 "Scenario file (default: the built-in classroom demo)");
  app.add_option("--set", scenario.sets, "Override a scenario parameter: PATH=VALUE (repeatable)");
  app.add_option("--agents", scenario.agents, "Number of citizens");
  app.add_option("--seed", scenario.seed, "Base seed");
  app.add_option("--network", scenario.network, "Friendship network from a SNAP edge list");
  app.add_option("--ticks", opt.ticks, "Run this many weeks first (then pause; see --exit)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--change", changes,
                 "Change a run-time parameter as the Policies panel would, when the run reaches "
                 "WEEK (default 0): [WEEK:]PATH=VALUE (repeatable)");
  app.add_flag("--play", opt.play, "Start playing");
  app.add_option("--speed", opt.speed, "Weeks per second when playing (0: as fast as possible)")
      ->check(CLI::Range(0.0, 10000.0));
  app.add_option("--threads", threads, "Threads for the simulation (default: all cores but one)")
      ->check(CLI::Range(1, 1024));
  app.add_option("--select", select, "Select this citizen (id) and show their dossier");
  app.add_option("--panel", opt.panel, "Open this tab of the side panel")
      ->check(CLI::IsMember(panel_names()));
  app.add_flag("--reveal-scoring", opt.reveal_scoring, "Show the scoring weights (teacher's view)");
  app.add_option("--font-scale", opt.font_scale, "Text size for projectors (1 to 3)")
      ->check(CLI::Range(1.0, 3.0));
  app.add_flag("--high-contrast", opt.high_contrast, "Black on white, for projectors");
  app.add_option("--draw-limit", opt.draw_limit,
                 "Draw at most this many citizens (a breadth-first sample beyond)")
      ->check(CLI::Range(100, 1000000));
  app.add_option("--scenarios-dir", scenarios_dir, "Where the scenario picker looks")
      ->check(CLI::ExistingDirectory);
  app.add_option("--screenshot", screenshot, "Save the window as PNG once the weeks have run");
  app.add_option("--chart-screenshot", chart_shots,
                 "Save one chart as PNG: CHART=FILE.png, CHART a metric name or histogram");
  app.add_option("--area-screenshot", area_shots,
                 "Save part of the window as PNG: AREA=FILE.png, AREA one of network, controls, "
                 "inspector, charts");
  app.add_option("--metrics-csv", metrics_csv, "Write metrics.csv of the run once the weeks have run");
  app.add_flag("--exit", opt.exit_when_done, "Quit once the weeks have run and files are saved");
  app.add_option("--size", size, "Window size in pixels, WIDTHxHEIGHT (default 1280x800)");
  app.add_option("--settle", opt.settle_steps,
                 "Layout steps before a screenshot, so the picture shows the network as it is")
      ->check(CLI::Range(0, 100000));
  app.add_option("--benchmark-frames", opt.benchmark_frames,
                 "Play, draw this many frames, print frame-time median and p95, quit")
      ->check(CLI::Range(1, 1000000));
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_flag("-q,--quiet", global.quiet, "Warnings and errors only");

  try {
    app.parse(argc, argv);
    for (const auto& c : changes) opt.changes.push_back(parse_change(c));
    for (const auto& c : chart_shots) opt.chart_shots.push_back(parse_chart_shot(c));
    for (const auto& c : area_shots) opt.area_shots.push_back(parse_area_shot(c));
    if (!size.empty()) {
      unsigned w = 0, h = 0;
      char x = 0, extra = 0;
      if (std::sscanf(size.c_str(), "%u%c%u%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 640 ||
          h < 480 || w > 8192 || h > 8192) {
        throw CLI::ValidationError("--size", "expected WIDTHxHEIGHT from 640x480 to 8192x8192, got \"" +
                                                 size + "\"");
      }
      opt.width = w;
      opt.height = h;
    }
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return {std::nullopt, app.exit(e)};
    std::cerr << "socred-gui: " << e.what() << " (see socred-gui --help)\n";
    return {std::nullopt, cli::kExitBadInput};
  }
  cli::setup_logging(global);

  const auto resolved = cli::resolve_scenario(scenario);
  if (!resolved) return {std::nullopt, cli::kExitBadInput};
  opt.scenario = *resolved;
  opt.source = scenario.file.empty() ? "built-in classroom demo" : scenario.file;
  opt.select = select;
  opt.threads = threads ? cli::choose_threads(threads)
                        : std::max(1, cli::choose_threads(std::nullopt) - 1);
  opt.screenshot = screenshot;
  opt.metrics_csv = metrics_csv;
  opt.scenarios_dir = scenarios_dir.empty() ? default_scenarios_dir() : std::filesystem::path(scenarios_dir);
  std::stable_sort(opt.changes.begin(), opt.changes.end(),
                   [](const ScheduledChange& a, const ScheduledChange& b) { return a.week < b.week; });
  return {std::move(opt), 0};
}

}  // namespace socred::gui
