// Run outputs: metrics.csv, histogram.csv, events.csv, agents and edges (initial, final,
// snapshots) and the run.json manifest. See docs/outputs.md for every column.
#include "socred/recorder.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "socred/csv.hpp"
#include "socred/errors.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"

namespace socred {
namespace fs = std::filesystem;

namespace detail {

// A buffered output file that reports write errors instead of losing them.
class OutputFile {
 public:
  explicit OutputFile(const fs::path& path) : path_(path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw InputError(path.string() + ": cannot create the file");
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  }
  ~OutputFile() {
    if (f_) std::fclose(f_);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  void write(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), f_) != text.size()) {
      throw std::runtime_error(path_.string() + ": write failed (disk full?)");
    }
  }
  void close() {
    if (f_ && std::fclose(f_) != 0) throw std::runtime_error(path_.string() + ": close failed");
    f_ = nullptr;
  }

 private:
  fs::path path_;
  std::FILE* f_ = nullptr;
};

}  // namespace detail

namespace {

// Writes `buf` out when it has grown past 1 MiB, keeping memory flat for large societies.
void flush_if_large(detail::OutputFile& file, std::string& buf) {
  if (buf.size() > (1u << 20)) {
    file.write(buf);
    buf.clear();
  }
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error(path.string() + ": write failed");
}

std::string histogram_header() {
  std::string out = "tick";
  for (std::size_t b = 0; b < ScoreHistogram::kBins; ++b) {
    out += ",bin_" + std::to_string(static_cast<int>(kMinScore + b * ScoreHistogram::kWidth));
  }
  return out + "\n";
}

std::string histogram_row(std::int64_t tick, const ScoreHistogram& h) {
  std::string out;
  append_number(out, tick);
  for (auto c : h.counts) {
    out += ',';
    append_number(out, c);
  }
  return out + "\n";
}

// Society-level events: policy changes, and the tick's counts of people newly restricted,
// listed, delisted or pushed out of barred jobs.
std::string event_rows(const Simulation& sim) {
  std::string out;
  auto row = [&](std::int64_t tick, std::string_view kind, std::string_view detail,
                 std::string_view note, std::uint64_t count) {
    append_number(out, tick);
    out += ',';
    append_field(out, kind);
    out += ',';
    append_field(out, detail);
    out += ',';
    append_field(out, note);
    out += ',';
    append_number(out, count);
    out += '\n';
  };
  for (const auto& e : sim.events().society) row(e.tick, e.kind, e.detail, e.note, 1);
  const TickCounts& c = sim.events().counts;
  const std::int64_t tick = sim.tick();
  for (std::size_t k = 0; k < kPolicyCount; ++k) {
    if (c.newly_restricted[k]) {
      row(tick, "newly_restricted", policy_name(static_cast<Policy>(k)), "", c.newly_restricted[k]);
    }
  }
  if (c.listed) row(tick, "listed", "court blacklist", "", c.listed);
  if (c.delisted) row(tick, "delisted", "court blacklist", "", c.delisted);
  if (c.jobs_excluded) row(tick, "jobs_excluded", "job_exclusion", "", c.jobs_excluded);
  return out;
}

}  // namespace

std::string metrics_csv_header() {
  std::string out;
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    if (k) out += ',';
    out += metric_info()[k].name;
  }
  return out + "\n";
}

std::string metrics_csv_row(const MetricsRow& row) {
  std::string out;
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    if (k) out += ',';
    append_number(out, row.values[k]);
  }
  return out + "\n";
}

void write_agents_csv(const fs::path& path, const Simulation& sim) {
  const World& w = sim.world();
  const auto& original = sim.network_source().original_ids;
  detail::OutputFile file(path);
  std::string buf =
      "id,source_id,region,firm,education,occupation,employed,has_children,participates,"
      "blacklisted,score,degree,income,savings,debt,credit_history,behaviour_record,knowledge,"
      "self_censorship,grievance,conformity,dissent,sociability";
  for (std::size_t k = 0; k < kPolicyCount; ++k) {
    buf += ',';
    buf += policy_name(static_cast<Policy>(k));
  }
  buf += '\n';
  static constexpr const char* occupations[] = {"ordinary", "civil_servant", "senior_food_medical"};
  for (CitizenId i = 0; i < w.size(); ++i) {
    append_number(buf, i);
    buf += ',';
    append_number(buf, original.empty() ? std::uint64_t{i} : original[i]);
    for (auto v : {std::uint64_t{w.region[i]}, std::uint64_t{w.firm[i]}, std::uint64_t{w.education[i]}}) {
      buf += ',';
      append_number(buf, v);
    }
    buf += ',';
    buf += occupations[static_cast<std::size_t>(w.occupation[i])];
    for (bool b : {w.employed(i), (w.status[i] & status::has_children) != 0, w.participates(i),
                   w.blacklisted(i)}) {
      buf += b ? ",1" : ",0";
    }
    buf += ',';
    append_number(buf, w.score[i]);
    buf += ',';
    append_number(buf, w.friends.degree(i));
    for (float v : {w.income[i], w.savings[i], w.debt[i], w.credit_history[i], w.behaviour_record[i],
                    w.knowledge[i], w.self_censorship[i], w.grievance[i], float{w.conformity[i]},
                    float{w.dissent[i]}, float{w.sociability[i]}}) {
      buf += ',';
      append_number(buf, v);
    }
    for (std::size_t k = 0; k < kPolicyCount; ++k) buf += (w.restrictions[i] >> k) & 1u ? ",1" : ",0";
    buf += '\n';
    flush_if_large(file, buf);
  }
  file.write(buf);
  file.close();
}

void write_edges_csv(const fs::path& path, const World& w) {
  // One citizen's list at a time, sorted, so no edge list of the whole society is built.
  detail::OutputFile file(path);
  std::string buf = "u,v\n";
  std::vector<CitizenId> sorted;
  for (CitizenId u = 0; u < w.size(); ++u) {
    const auto friends = w.friends.friends(u);
    sorted.assign(friends.begin(), friends.end());
    std::sort(sorted.begin(), sorted.end());
    for (CitizenId v : sorted) {
      if (v < u) continue;
      append_number(buf, u);
      buf += ',';
      append_number(buf, v);
      buf += '\n';
    }
    flush_if_large(file, buf);
  }
  file.write(buf);
  file.close();
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::path partial = path;
  partial += ".partial";
  write_text(partial, text);
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) throw std::runtime_error("cannot move " + partial.string() + " to " + path.string() + ": " + ec.message());
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

fs::path output_directory(const fs::path& dir) {
  fs::path out = dir.lexically_normal();
  return out.has_filename() || out.parent_path().empty() ? out : out.parent_path();
}

RunRecorder::RunRecorder(RecorderOptions options, const Simulation& sim)
    : options_(std::move(options)) {
  options_.out_dir = output_directory(options_.out_dir);
  const fs::path& out = options_.out_dir;
  std::error_code ec;
  if (fs::exists(out, ec) && (!fs::is_directory(out, ec) ||
                              (!fs::is_empty(out, ec) && !fs::exists(out / "run.json", ec)))) {
    throw InputError(out.string() +
                     ": exists and is not a socred run directory; refusing to overwrite it");
  }
  partial_ = out;
  partial_ += ".partial";
  fs::remove_all(partial_, ec);
  fs::create_directories(partial_, ec);
  if (ec) throw InputError(partial_.string() + ": cannot create the directory (" + ec.message() + ")");
  started_ = utc_now();
  if (!options_.full) return;

  write_agents_csv(partial_ / "agents_initial.csv", sim);
  write_edges_csv(partial_ / "edges_initial.csv", sim.world());
  metrics_ = std::make_unique<detail::OutputFile>(partial_ / "metrics.csv");
  metrics_->write(metrics_csv_header());
  metrics_->write(metrics_csv_row(sim.metrics()));
  histogram_ = std::make_unique<detail::OutputFile>(partial_ / "histogram.csv");
  histogram_->write(histogram_header());
  histogram_->write(histogram_row(sim.tick(), sim.histogram()));
  events_ = std::make_unique<detail::OutputFile>(partial_ / "events.csv");
  events_->write("tick,kind,detail,note,count\n");
  if (options_.snapshot_every > 0) fs::create_directories(partial_ / "snapshots");
}

RunRecorder::~RunRecorder() = default;

void RunRecorder::record_tick(const Simulation& sim) {
  if (!options_.full) return;
  metrics_->write(metrics_csv_row(sim.metrics()));
  histogram_->write(histogram_row(sim.tick(), sim.histogram()));
  events_->write(event_rows(sim));
  if (options_.snapshot_every > 0 && sim.tick() % options_.snapshot_every == 0) {
    char name[64];
    std::snprintf(name, sizeof name, "agents_tick_%06lld.csv", static_cast<long long>(sim.tick()));
    write_agents_csv(partial_ / "snapshots" / name, sim);
  }
}

void RunRecorder::finish(const Simulation& sim, double wall_seconds) {
  if (options_.full) {
    metrics_->close();
    histogram_->close();
    events_->close();
    write_agents_csv(partial_ / "agents_final.csv", sim);
    write_edges_csv(partial_ / "edges_final.csv", sim.world());
  }

  nlohmann::ordered_json manifest;
  manifest["socred_version"] = socred_version();
  manifest["git_revision"] = socred_git_revision();
  manifest["status"] = "complete";
  manifest["command"] = options_.command_line;
  manifest["seed"] = sim.initial_scenario().seed;
  manifest["ticks"] = sim.tick();
  manifest["threads"] = options_.threads;
  manifest["snapshot_every"] = options_.snapshot_every;
  manifest["outputs"] = options_.full ? "all" : "run.json only";
  manifest["citizens"] = sim.world().size();
  const NetworkSource& network = sim.network_source();
  manifest["network"] = {{"source", network.description},
                         {"self_loops_dropped", network.dropped.self_loops},
                         {"duplicates_dropped", network.dropped.duplicates}};
  if (!network.file.empty()) {
    manifest["network"]["file"] = network.file;
    manifest["network"]["lines"] = network.lines;
    manifest["network"]["edges_kept"] = network.edges;
    manifest["network"]["content_hash"] = network.content_hash;
  }
  manifest["started"] = started_;
  manifest["finished"] = utc_now();
  manifest["wall_seconds"] = wall_seconds;
  nlohmann::ordered_json phases;
  for (std::size_t p = 0; p < kPhaseCount; ++p) {
    phases[std::string(phase_name(static_cast<Phase>(p)))] = sim.phase_times().seconds[p];
  }
  phases["metrics"] = sim.metrics_seconds();
  manifest["phase_seconds"] = phases;
  manifest["scenario"] = nlohmann::ordered_json::parse(scenario_to_json(sim.initial_scenario()));
  write_text(partial_ / "run.json", manifest.dump(2) + "\n");

  // Swap the finished directory into place.
  const fs::path& out = options_.out_dir;
  std::error_code ec;
  if (fs::exists(out, ec)) fs::remove_all(out, ec);
  fs::rename(partial_, out, ec);
  if (ec) throw std::runtime_error("cannot move " + partial_.string() + " to " + out.string() + ": " + ec.message());
  finished_ = true;
}

}  // namespace socred
