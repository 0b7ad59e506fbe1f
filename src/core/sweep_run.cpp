// Running plans into their directories, and the sweep directory: sweep.json (what the sweep
// is, so that the same command resumes and another is refused), completeness, and
// summary.csv assembled in plan order.
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "socred/errors.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"
#include "socred/simulation.hpp"
#include "socred/sweep.hpp"

namespace socred {
namespace fs = std::filesystem;
using ordered_json = nlohmann::ordered_json;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ordered_json to_json(const FieldValue& v) {
  return std::visit([](const auto& x) { return ordered_json(x); }, v);
}

// The part of sweep.json that must match for a re-run to resume.
ordered_json identity_json(const SweepIdentity& id) {
  ordered_json vary = ordered_json::array();
  for (const auto& v : id.spec.variations) {
    ordered_json values = ordered_json::array();
    for (const auto& x : v.values) values.push_back(to_json(x));
    vary.push_back({{"path", v.path}, {"values", values}});
  }
  return {{"socred_version", socred_version()},
          {"git_revision", socred_git_revision()},
          {"scenario", ordered_json::parse(scenario_to_json(id.base))},
          {"vary", vary},
          {"replicates", id.spec.replicates},
          {"keep_runs", id.keep_runs},
          {"network_content_hash", id.network_hash}};
}

std::string shorten(const nlohmann::json& j) {
  std::string text = j.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 56) + "..." : text;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Running a plan into its directory

void record_run(const Scenario& scenario, const RecorderOptions& options,
                const std::function<void(const MetricsRow&)>& on_row,
                const std::function<void(const fs::path&)>& before_finish) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  Simulation sim(scenario);
  RunRecorder recorder(options, sim);
  on_row(sim.metrics());
  for (std::int64_t t = 1; t <= scenario.ticks; ++t) {
    sim.step();
    recorder.record_tick(sim);
    on_row(sim.metrics());
  }
  if (before_finish) before_finish(recorder.partial_dir());
  recorder.finish(sim, std::chrono::duration<double>(Clock::now() - start).count());
}

void run_sweep_plan(const Scenario& base, const SweepSpec& spec, const RunPlan& plan,
                    const PlanOutput& output) {
  RunTotals totals;
  RecorderOptions options{output.runs_dir / plan.id, 0, output.threads, output.command_line,
                          output.keep_runs};
  options.locked_by_caller = true;  // the sweep's directory is locked around it
  record_run(
      plan_scenario(base, plan), options, [&](const MetricsRow& row) { totals.add(row); },
      [&](const fs::path& partial) {
        write_file_atomically(partial / "summary.csv",
                              summary_csv_header(spec) + summary_csv_row(plan, totals));
      });
}

// ---------------------------------------------------------------------------------------
// The sweep directory

bool plan_complete(const fs::path& runs_dir, const RunPlan& plan) {
  std::error_code ec;
  return fs::is_regular_file(runs_dir / plan.id / "summary.csv", ec);
}

std::string assemble_summary(const SweepSpec& spec, const std::vector<RunPlan>& plans,
                             const fs::path& runs_dir) {
  const std::string header = summary_csv_header(spec);
  std::string out = header;
  for (const auto& plan : plans) {
    const fs::path file = runs_dir / plan.id / "summary.csv";
    const std::string text = read_text(file);
    // The file is the header and one row; a different header is another sweep's run.
    if (text.size() <= header.size() || text.compare(0, header.size(), header) != 0 ||
        text.back() != '\n' || text.find('\n', header.size()) != text.size() - 1) {
      throw std::runtime_error(file.string() +
                               ": missing or not this sweep's row; re-run the sweep to redo it");
    }
    out.append(text, header.size());
  }
  return out;
}

void write_sweep_manifest(const fs::path& file, const SweepIdentity& identity,
                          const std::vector<RunPlan>& plans, const std::string& command_line) {
  ordered_json doc = identity_json(identity);
  doc["command"] = command_line;
  doc["created"] = utc_now();
  doc["seeds"] =
      "replicate 0 runs with the base seed; replicate r > 0 with SplitMix64's finaliser of "
      "(base + r * 0x9E3779B97F4A7C15) mod 2^64, low 53 bits; every grid point shares them";
  ordered_json list = ordered_json::array();
  for (const auto& plan : plans) {
    ordered_json set = ordered_json::object();
    for (const auto& [path, value] : plan.settings) set[path] = to_json(value);
    list.push_back({{"id", plan.id},
                    {"point", plan.point},
                    {"replicate", plan.replicate},
                    {"seed", plan.seed},
                    {"set", set}});
  }
  doc["plans"] = list;
  write_file_atomically(file, doc.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace) + "\n");
}

std::string sweep_manifest_mismatch(const fs::path& file, const SweepIdentity& identity) {
  nlohmann::json stored;
  try {
    stored = nlohmann::json::parse(read_text(file));
  } catch (const nlohmann::json::exception&) {
    return "its sweep.json cannot be read";
  }
  const nlohmann::json wanted = nlohmann::json::parse(identity_json(identity).dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace));
  nlohmann::json old_part;
  for (auto it = wanted.begin(); it != wanted.end(); ++it) {
    if (stored.contains(it.key())) old_part[it.key()] = stored[it.key()];
  }
  if (old_part == wanted) return {};
  if (old_part.value("socred_version", "") != wanted["socred_version"] ||
      old_part.value("git_revision", "") != wanted["git_revision"]) {
    return "it was started by socred " + old_part.value("socred_version", "?") + " (" +
           old_part.value("git_revision", "?") + ") and this is socred " +
           wanted["socred_version"].get<std::string>() + " (" +
           wanted["git_revision"].get<std::string>() + "); one summary must not mix two builds";
  }
  // Name the first difference, as a JSON pointer into sweep.json, with both values.
  const nlohmann::json patch = nlohmann::json::diff(old_part, wanted);
  const std::string pointer = patch.at(0).at("path").get<std::string>();
  const nlohmann::json::json_pointer p(pointer);
  const std::string before = old_part.contains(p) ? shorten(old_part.at(p)) : "absent";
  const std::string now = wanted.contains(p) ? shorten(wanted.at(p)) : "absent";
  return "it differs at " + pointer + " (" + before + " there, " + now + " now)";
}

}  // namespace socred
