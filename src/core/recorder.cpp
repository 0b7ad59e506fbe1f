// Run outputs: metrics.csv, histogram.csv, events.csv, agents and edges (initial, final,
// snapshots) and the run.json manifest. See docs/outputs.md for every column.
#include "socred/recorder.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "socred/checkpoint.hpp"
#include "socred/csv.hpp"
#include "socred/errors.hpp"
#include "socred/resources.hpp"
#include "socred/run_manifest.hpp"

namespace socred {
namespace fs = std::filesystem;

namespace detail {

// A buffered output file that reports write errors instead of losing them.
class OutputFile {
 public:
  explicit OutputFile(const fs::path& path, const char* mode = "wb") : path_(path) {
    f_ = std::fopen(path.c_str(), mode);
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
  // Flushes to the disk (not just to the kernel) and returns the file's size.
  std::uint64_t sync() {
    if (std::fflush(f_) != 0 || ::fsync(::fileno(f_)) != 0) {
      throw std::runtime_error(path_.string() + ": write failed (disk full?)");
    }
    const long at = std::ftell(f_);
    if (at < 0) throw std::runtime_error(path_.string() + ": cannot tell the file's size");
    return static_cast<std::uint64_t>(at);
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

// Writes a small file whole or not at all: into NAME.tmp, then renamed over NAME.
void write_text(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    detail::OutputFile out(tmp);
    out.write(text);
    out.sync();
    out.close();
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw std::runtime_error("cannot move " + tmp.string() + " to " + path.string() + ": " + ec.message());
}

std::string snapshot_name(std::int64_t tick) {
  char name[64];
  std::snprintf(name, sizeof name, "agents_tick_%06lld.csv", static_cast<long long>(tick));
  return name;
}

// A file cut back to `bytes` (a checkpoint's position); refuses one that is shorter.
void truncate_to(const fs::path& path, std::uint64_t bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size < bytes) {
    throw InputError(path.string() + ": " +
                     (ec ? "missing" : "shorter (" + std::to_string(size) + " bytes) than the checkpoint says (" + std::to_string(bytes) + ")") +
                     "; the run directory was changed since the checkpoint, cannot resume");
  }
  fs::resize_file(path, bytes, ec);
  if (ec) throw InputError(path.string() + ": cannot cut back to the checkpoint (" + ec.message() + ")");
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

void check_output_directory(const fs::path& dir) {
  const fs::path out = output_directory(dir);
  std::error_code ec;
  if (fs::exists(out, ec) && (!fs::is_directory(out, ec) ||
                              (!fs::is_empty(out, ec) && !fs::exists(out / "run.json", ec)))) {
    throw InputError(out.string() +
                     ": exists and is not a socred run directory; refusing to overwrite it");
  }
  fs::path partial = out;
  partial += ".partial";
  if (fs::exists(partial / kCheckpointFile, ec)) {
    throw InputError(partial.string() + ": holds an interrupted run; continue it with "
                     "`socred run --resume " + out.string() + "`, or delete it to start again");
  }
}

RunRecorder::RunRecorder(RecorderOptions options, const Simulation& sim)
    : options_(std::move(options)) {
  options_.out_dir = output_directory(options_.out_dir);
  const fs::path& out = options_.out_dir;
  check_output_directory(out);
  std::error_code ec;
  partial_ = out;
  partial_ += ".partial";
  fs::remove_all(partial_, ec);
  fs::create_directories(partial_, ec);
  if (ec) throw InputError(partial_.string() + ": cannot create the directory (" + ec.message() + ")");
  history_.started = utc_now();
  if (!options_.full) return;

  write_agents_csv(partial_ / "agents_initial.csv", sim);
  write_edges_csv(partial_ / "edges_initial.csv", sim.world());
  open_streams("wb");
  metrics_->write(metrics_csv_header());
  metrics_->write(metrics_csv_row(sim.metrics()));
  histogram_->write(histogram_header());
  histogram_->write(histogram_row(sim.tick(), sim.histogram()));
  events_->write("tick,kind,detail,note,count\n");
  if (options_.snapshot_every > 0) fs::create_directories(partial_ / "snapshots");
}

RunRecorder::RunRecorder(RecorderOptions options, const Simulation& sim, RecorderPosition at)
    : options_(std::move(options)), history_(std::move(at)) {
  options_.out_dir = output_directory(options_.out_dir);
  partial_ = options_.out_dir;
  partial_ += ".partial";
  std::error_code ec;
  if (!fs::is_directory(partial_, ec)) {
    throw InputError(partial_.string() + ": no such directory; nothing to resume");
  }
  truncate_to(partial_ / "metrics.csv", history_.metrics_bytes);
  truncate_to(partial_ / "histogram.csv", history_.histogram_bytes);
  truncate_to(partial_ / "events.csv", history_.events_bytes);
  // Whatever was written after the checkpoint is written again.
  fs::remove(partial_ / "run.json", ec);
  for (const char* name : {"agents_final.csv", "edges_final.csv"}) fs::remove(partial_ / name, ec);
  if (options_.snapshot_every > 0) fs::create_directories(partial_ / "snapshots", ec);
  std::vector<fs::path> later;
  for (const auto& entry : fs::directory_iterator(partial_ / "snapshots", ec)) {
    const std::string name = entry.path().filename().string();
    long long tick = 0;
    if (std::sscanf(name.c_str(), "agents_tick_%lld.csv", &tick) == 1 && tick > sim.tick()) {
      later.push_back(entry.path());
    }
  }
  for (const auto& p : later) fs::remove(p, ec);
  history_.resumed_at.push_back(sim.tick());
  open_streams("ab");
}

void RunRecorder::open_streams(const char* mode) {
  metrics_ = std::make_unique<detail::OutputFile>(partial_ / "metrics.csv", mode);
  histogram_ = std::make_unique<detail::OutputFile>(partial_ / "histogram.csv", mode);
  events_ = std::make_unique<detail::OutputFile>(partial_ / "events.csv", mode);
}

RunRecorder::~RunRecorder() = default;

void RunRecorder::record_tick(const Simulation& sim) {
  if (!options_.full) return;
  metrics_->write(metrics_csv_row(sim.metrics()));
  histogram_->write(histogram_row(sim.tick(), sim.histogram()));
  events_->write(event_rows(sim));
  if (options_.snapshot_every > 0 && sim.tick() % options_.snapshot_every == 0) {
    write_agents_csv(partial_ / "snapshots" / snapshot_name(sim.tick()), sim);
  }
}

RecorderPosition RunRecorder::sync() {
  RecorderPosition at = history_;
  if (!options_.full) return at;
  at.metrics_bytes = metrics_->sync();
  at.histogram_bytes = histogram_->sync();
  at.events_bytes = events_->sync();
  return at;
}

void RunRecorder::write_manifest(const Simulation& sim, double wall_seconds, bool complete) {
  RunManifest m;
  m.socred_version = socred_version();
  m.git_revision = socred_git_revision();
  m.status = complete ? RunStatus::complete : RunStatus::interrupted;
  m.command = options_.command_line;
  m.seed = sim.initial_scenario().seed;
  m.ticks = sim.tick();
  m.threads = options_.threads;
  m.snapshot_every = options_.snapshot_every;
  m.all_outputs = options_.full;
  m.citizens = sim.world().size();
  const NetworkSource& network = sim.network_source();
  m.network_source = network.description;
  m.self_loops_dropped = network.dropped.self_loops;
  m.duplicates_dropped = network.dropped.duplicates;
  m.network_file = network.file;
  if (!network.file.empty()) {
    m.network_lines = network.lines;
    m.network_edges_kept = network.edges;
    m.network_hash = network.content_hash;
  }
  m.started = history_.started;
  m.finished = utc_now();
  m.wall_seconds = wall_seconds;
  for (std::size_t p = 0; p < kPhaseCount; ++p) {
    m.phase_seconds.emplace_back(phase_name(static_cast<Phase>(p)), sim.phase_times().seconds[p]);
  }
  m.phase_seconds.emplace_back("metrics", sim.metrics_seconds());
  m.resumed_at = history_.resumed_at;
  if (const auto rss = resident_memory()) m.peak_resident_bytes = rss->peak;
  m.scenario = sim.initial_scenario();
  write_text(partial_ / "run.json", run_manifest_json(m));
}

void RunRecorder::interrupt(const Simulation& sim, double wall_seconds) {
  sync();
  write_manifest(sim, wall_seconds, false);
}

void RunRecorder::finish(const Simulation& sim, double wall_seconds) {
  if (options_.full) {
    metrics_->close();
    histogram_->close();
    events_->close();
    write_agents_csv(partial_ / "agents_final.csv", sim);
    write_edges_csv(partial_ / "edges_final.csv", sim.world());
  }
  write_manifest(sim, wall_seconds, true);
  std::error_code ec;
  for (const char* name : {kCheckpointFile, kCheckpointTempFile}) fs::remove(partial_ / name, ec);

  // Swap the finished directory into place.
  const fs::path& out = options_.out_dir;
  if (fs::exists(out, ec)) fs::remove_all(out, ec);
  fs::rename(partial_, out, ec);
  if (ec) throw std::runtime_error("cannot move " + partial_.string() + " to " + out.string() + ": " + ec.message());
  finished_ = true;
}

}  // namespace socred
