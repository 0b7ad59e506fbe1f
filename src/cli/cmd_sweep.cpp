// `socred sweep`: a grid of parameter values times replicates, run in parallel into
// DIR/runs/<id>/, summarised in DIR/summary.csv (one row per run, in plan order). Re-running
// the same command resumes; a different command on the same DIR is refused.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "plan_pool.hpp"
#include "socred/errors.hpp"
#include "socred/output_dir.hpp"
#include "socred/scenario_schema.hpp"
#include "socred/sweep.hpp"

namespace socred::cli {
namespace {
namespace fs = std::filesystem;

struct SweepArgs {
  ScenarioArgs scenario;
  std::vector<std::string> vary;
  std::int64_t replicates = 1;
  std::optional<int> jobs, threads;
  bool keep_runs = false;
  std::string out;
  std::vector<std::string> report;
};

// The --vary flags as a spec; prints the error and returns nothing on bad input.
std::optional<SweepSpec> parse_spec(const SweepArgs& args) {
  SweepSpec spec;
  spec.replicates = args.replicates;
  std::set<std::string> seen;
  for (const auto& text : args.vary) {
    ParsedVariation parsed = parse_variation(text);
    if (!parsed.variation) {
      std::cerr << parsed.error << "\n";
      return std::nullopt;
    }
    if (!seen.insert(parsed.variation->path).second) {
      std::cerr << "--vary " << parsed.variation->path
                << ": varied twice; give all its values in one --vary\n";
      return std::nullopt;
    }
    spec.variations.push_back(std::move(*parsed.variation));
  }
  return spec;
}

// --report names summary columns: final_<metric>, avg_<metric>, or a bare metric (final).
std::optional<std::vector<std::string>> report_columns(const std::vector<std::string>& names) {
  std::vector<std::string> metrics;
  for (const auto& info : metric_info()) {
    if (info.name != "tick") metrics.emplace_back(info.name);
  }
  std::vector<std::string> columns;
  for (const auto& name : names) {
    std::string metric = name, prefix = "final_";
    for (const char* p : {"final_", "avg_"}) {
      if (name.rfind(p, 0) == 0 && std::find(metrics.begin(), metrics.end(), name) == metrics.end()) {
        prefix = p;
        metric = name.substr(std::string(p).size());
      }
    }
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) {
      std::string message = "--report " + name + ": unknown metric";
      if (auto hint = did_you_mean(metric, metrics)) message += " (did you mean \"" + *hint + "\"?)";
      std::cerr << message << " (see docs/outputs.md)\n";
      return std::nullopt;
    }
    columns.push_back(prefix + metric);
  }
  return columns;
}

// Splits one CSV line (fields quoted only when they hold commas or quotes).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// Mean and standard deviation over replicates, per grid point, of the reported columns.
void print_report(const std::string& summary, const SweepSpec& spec,
                  const std::vector<RunPlan>& plans, const std::vector<std::string>& columns) {
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = summary.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(summary.substr(start, end - start));
  }
  const auto header = csv_fields(lines.at(0));
  std::vector<std::size_t> index;
  for (const auto& c : columns) index.push_back(static_cast<std::size_t>(std::find(header.begin(), header.end(), c) - header.begin()));

  // Columns as wide as their names (at least 20 characters).
  std::vector<int> widths;
  std::printf("  ");
  for (const auto& v : spec.variations) {
    widths.push_back(std::max<int>(20, static_cast<int>(v.path.size())) + 2);
    std::printf("%-*s", widths.back(), v.path.c_str());
  }
  for (const auto& c : columns) {
    widths.push_back(std::max<int>(20, static_cast<int>(c.size())) + 2);
    std::printf("%-*s", widths.back(), c.c_str());
  }
  std::printf("\n");
  for (std::size_t first = 0; first < plans.size();) {
    std::size_t last = first;
    while (last < plans.size() && plans[last].point == plans[first].point) ++last;
    const auto row = csv_fields(lines.at(first + 1));
    std::printf("  ");
    std::size_t w = 0;
    for (std::size_t v = 0; v < spec.variations.size(); ++v) std::printf("%-*s", widths[w++], row.at(v + 1).c_str());
    for (std::size_t i : index) {
      double sum = 0, sq = 0;
      const auto n = static_cast<double>(last - first);
      for (std::size_t k = first; k < last; ++k) {
        const double x = std::strtod(csv_fields(lines.at(k + 1)).at(i).c_str(), nullptr);
        sum += x;
        sq += x * x;
      }
      const double mean = sum / n;
      const double sd = n > 1 ? std::sqrt(std::max(0.0, (sq - n * mean * mean) / (n - 1))) : 0.0;
      char cell[64];
      if (n > 1) {
        std::snprintf(cell, sizeof cell, "%.4g ± %.2g", mean, sd);
      } else {
        std::snprintf(cell, sizeof cell, "%.4g", mean);
      }
      std::printf("%-*s", widths[w++] + (n > 1 ? 1 : 0), cell);  // "±" is two bytes, one column
    }
    std::printf("\n");
    first = last;
  }
  std::printf("  (mean ± standard deviation over %lld replicates)\n",
              static_cast<long long>(spec.replicates));
}

// Makes DIR ready: new, or the same sweep to resume. One-line error otherwise.
bool prepare_directory(const fs::path& out, const SweepIdentity& identity,
                       const std::vector<RunPlan>& plans, const std::string& command_line) {
  std::error_code ec;
  const fs::path manifest = out / "sweep.json";
  if (fs::exists(manifest, ec)) {
    const std::string why = sweep_manifest_mismatch(manifest, identity);
    if (!why.empty()) {
      std::cerr << out.string() << ": holds a different sweep: " << why
                << "; use another --out, or delete it to start over\n";
      return false;
    }
    return true;
  }
  if (fs::exists(out, ec) && (!fs::is_directory(out, ec) || !fs::is_empty(out, ec))) {
    std::cerr << out.string() << ": exists and is not a socred sweep directory; refusing to "
              << "write into it\n";
    return false;
  }
  fs::create_directories(out / "runs", ec);
  if (ec) {
    std::cerr << out.string() << ": cannot create the directory (" << ec.message() << ")\n";
    return false;
  }
  write_sweep_manifest(manifest, identity, plans, command_line);
  return true;
}

// Prints what a rank that is not the leader could not do, prefixed with its name, when the
// leader could: the usual cause is a file the leader sees and this rank does not.
class QuietErrors {
 public:
  explicit QuietErrors(bool quiet) : saved_(quiet ? std::cerr.rdbuf(captured_.rdbuf()) : nullptr) {}
  ~QuietErrors() { restore(); }
  std::string restore() {
    if (saved_) std::cerr.rdbuf(saved_);
    saved_ = nullptr;
    return captured_.str();
  }

 private:
  std::ostringstream captured_;
  std::streambuf* saved_;
};

int sweep_main(const SweepArgs& args, const GlobalOptions& global, const SweepBackend& backend) {
  // Every process parses and expands the same command (so plans need not be sent); only the
  // leader touches the sweep directory and prints.
  QuietErrors quiet(!backend.leader);
  const auto base = resolve_scenario(args.scenario);
  const auto spec = base ? parse_spec(args) : std::nullopt;
  const auto columns = spec ? report_columns(args.report) : std::nullopt;
  ExpandedPlans expanded;
  if (columns) {
    expanded = expand_plans(*base, *spec);
    if (!expanded.error.empty()) std::cerr << expanded.error << "\n";
  }
  bool ready = columns && expanded.error.empty();
  if (ready && backend.check) {
    if (auto error = backend.check(args.jobs)) {
      std::cerr << *error << "\n";
      ready = false;
    }
  }
  const std::vector<RunPlan>& plans = expanded.plans;
  const fs::path out = output_directory(args.out);
  std::optional<SweepIdentity> identity;
  try {
    if (ready) identity = SweepIdentity{*base, *spec, args.keep_runs, network_content_hash(*base)};
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    ready = false;
  }
  // One sweep at a time in a directory: a second is refused while the first runs.
  std::optional<OutputLock> lock;
  if (ready && backend.leader) {
    try {
      lock.emplace(OutputLock::beside(out, "choose another --out"));
    } catch (const InputError& e) {
      std::cerr << e.what() << "\n";
      ready = false;
    }
  }
  if (ready && backend.leader) ready = prepare_directory(out, *identity, plans, global.command_line);
  const std::string unsaid = quiet.restore();
  const SweepBackend::Verdict verdict = backend.agree ? backend.agree(ready) : SweepBackend::Verdict{ready, ready};
  if (!verdict.all_ready) {
    if (!ready && verdict.leader_ready) std::cerr << backend.name << ": " << unsaid;
    return kExitBadInput;
  }

  // Resume: runs whose directories were renamed into place are done.
  const fs::path runs = out / "runs";
  std::vector<std::size_t> todo;
  for (std::size_t k = 0; backend.leader && k < plans.size(); ++k) {
    if (!plan_complete(runs, plans[k])) todo.push_back(k);
  }
  const std::size_t already = plans.size() - todo.size();
  const PoolShape shape = backend.shape ? backend.shape(args.threads, todo.size())
                                        : choose_pool(args.jobs, args.threads, todo.size());
  const bool ticks_vary = std::any_of(spec->variations.begin(), spec->variations.end(),
                                     [](const Variation& v) { return v.path == "ticks"; });
  const std::string weeks = ticks_vary ? "weeks varied" : std::to_string(base->ticks) + " weeks each";
  if (backend.leader) {
    spdlog::info("{} runs ({} grid points x {} replicates, {}){}; {} {} x {} threads",
                 plans.size(), plans.size() / static_cast<std::size_t>(spec->replicates),
                 spec->replicates, weeks,
                 already ? fmt::format(", {} already complete", already) : "", shape.jobs,
                 backend.shape ? "ranks" : "jobs", shape.threads_per_job);
  }

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const PlanOutput output{runs, args.keep_runs, shape.threads_per_job, global.command_line};
  if (!backend.leader) {
    backend.run(PlanJob{*base, *spec, plans, todo, output, shape}, [](std::size_t) {});
    return kExitOk;
  }
  Progress progress("sweep", static_cast<std::int64_t>(plans.size()), global.quiet, "runs");
  progress.skip(static_cast<std::int64_t>(already));
  std::int64_t done = static_cast<std::int64_t>(already);
  const auto count_done = [&](std::size_t) { progress.update(++done); };
  const PlanJob job{*base, *spec, plans, todo, output, shape};
  if (backend.run) {
    backend.run(job, count_done);
  } else {
    run_jobs(
        todo.size(), shape, [&](std::size_t k) { run_sweep_plan(*base, *spec, plans[todo[k]], output); },
        count_done);
  }
  progress.finish();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  const std::string summary = assemble_summary(*spec, plans, runs);
  write_file_atomically(out / "summary.csv", summary);
  std::printf("%s: %zu runs (%zu grid points x %lld replicates, %s); ", backend.name.c_str(),
              plans.size(), plans.size() / static_cast<std::size_t>(spec->replicates),
              static_cast<long long>(spec->replicates), weeks.c_str());
  if (todo.empty()) {
    std::printf("all were already complete\n");
  } else {
    std::printf("%zu run now in %.1f s (%.2f runs/s)%s\n", todo.size(), seconds,
                static_cast<double>(todo.size()) / seconds,
                already ? (", " + std::to_string(already) + " were already complete").c_str() : "");
  }
  if (!columns->empty()) print_report(summary, *spec, plans, *columns);
  std::printf("  Outputs in %s/: summary.csv (one row per run), sweep.json (the plans and "
              "seeds), runs/<id>/run.json (socred run --from reproduces a run)\n",
              out.string().c_str());
  return kExitOk;
}

}  // namespace

Command add_sweep_command(CLI::App& app, const GlobalOptions& global, SweepBackend backend) {
  auto* sub = app.add_subcommand(
      "sweep", "Run a grid of parameter values times replicates; one summary row per run");
  auto args = std::make_shared<SweepArgs>();
  add_scenario_options(sub, args->scenario, "Override a parameter in every run: dotted.path=value");
  sub->add_option("--vary", args->vary,
                  "PATH=V1,V2,... or PATH=A:B:STEP (repeatable; the grid is every combination)")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--replicates", args->replicates,
                  "Runs per grid point; replicate r's seed is derived from the base seed")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1000000}));
  sub->add_option("--out", args->out, "Sweep directory (re-run the same command to resume)")
      ->required();
  add_plan_options(sub, args->jobs, args->threads, args->keep_runs,
                   "Keep every run's full outputs in runs/<id>/ (default: run.json and its row)");
  sub->add_option("--report", args->report,
                  "Print per grid point the mean and sd of a summary column: METRIC, final_METRIC "
                  "or avg_METRIC (repeatable)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return {sub, [args, &global, backend = std::move(backend)] { return sweep_main(*args, global, backend); }};
}

}  // namespace socred::cli
