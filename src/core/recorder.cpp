// Run outputs: metrics.csv, histogram.csv, events.csv, agents and edges (initial, final,
// snapshots) and the run.json manifest. See docs/outputs.md for every column.
#include "socred/recorder.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <utility>
#include <fstream>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "socred/checkpoint.hpp"
#include "socred/csv.hpp"
#include "socred/errors.hpp"
#include "socred/input_file.hpp"
#include "socred/output_dir.hpp"
#include "socred/resources.hpp"
#include "socred/run_manifest.hpp"

namespace socred {
namespace fs = std::filesystem;

namespace detail {

// A buffered output file whose every write, flush, sync and close is checked: the first
// failure throws OutputError naming the file and the OS error (ENOSPC: "No space left on
// device"). The handle is given up before fclose reports, so nothing closes it twice.
class OutputFile {
 public:
  explicit OutputFile(const fs::path& path, const char* mode = "wb") : path_(path) {
    f_ = std::fopen(path.c_str(), mode);
    if (!f_) throw OutputError(path_, "create the file", errno);
    std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
  }
  ~OutputFile() {
    // Reached with the file open only after another error, which is the one reported.
    if (f_) std::fclose(f_);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  void write(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), f_) != text.size()) fail("write");
  }
  void close() {
    std::FILE* f = std::exchange(f_, nullptr);
    if (f && std::fclose(f) != 0) fail("write");
  }
  // Flushes to the disk (not just to the kernel) and returns the file's size.
  std::uint64_t sync() {
    if (std::fflush(f_) != 0) fail("write");
    if (::fsync(::fileno(f_)) != 0) fail("flush to the disk");
    const long at = std::ftell(f_);
    if (at < 0) fail("tell the size of");
    return static_cast<std::uint64_t>(at);
  }

 private:
  [[noreturn]] void fail(const char* action) const { throw OutputError(path_, action, errno); }
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

// Moves FROM over TO; on failure removes FROM (socred's own temporary) and throws.
void rename_or_fail(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (!ec) return;
  std::error_code ignored;
  fs::remove(from, ignored);
  throw OutputError(to, "move " + from.filename().string() + " there", ec.value());
}

// Writes a small file whole or not at all: into NAME.tmp, flushed, then renamed over NAME.
// A failed attempt leaves nothing: a full disk must not fill up with temporaries.
void write_text(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp";
  try {
    detail::OutputFile out(tmp);
    out.write(text);
    out.sync();
    out.close();
  } catch (const OutputError&) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw;
  }
  rename_or_fail(tmp, path);
}

// Removes a file socred wrote, if it is there.
void remove_own_file(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) throw OutputError(path, "remove", ec.value());
}

void make_directory(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError(dir, "create the directory", ec.value());
}

// The files of a run directory (docs/outputs.md) and what a run writes on the way.
const std::vector<std::string_view> kRunFiles = {
    "metrics.csv",      "histogram.csv",   "events.csv", "agents_initial.csv", "edges_initial.csv",
    "agents_final.csv", "edges_final.csv", "run.json",   "summary.csv",        kCheckpointFile,
    kCheckpointTempFile, kIdentityFile};

// agents_tick_NNNNNN.csv (snapshot_name)
bool is_snapshot_name(const std::string& name) {
  const std::string head = "agents_tick_", tail = ".csv";
  return name.size() > head.size() + tail.size() && name.compare(0, head.size(), head) == 0 &&
         name.compare(name.size() - tail.size(), tail.size(), tail) == 0 &&
         std::all_of(name.begin() + static_cast<std::ptrdiff_t>(head.size()),
                     name.end() - static_cast<std::ptrdiff_t>(tail.size()),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Refuses to resume DIR.partial with a simulation (from its checkpoint) of another run: a
// checkpoint copied from elsewhere would make one output of two runs.
void check_identity(const fs::path& partial, const Simulation& sim) {
  const fs::path file = partial / kIdentityFile;
  std::string text;
  if (const auto problem = read_input_file(file, text)) {
    throw InputError(file.string() + ": " + *problem +
                     "; without it socred cannot tell which run the directory holds, so it "
                     "cannot resume it");
  }
  const RunIdentity here = parse_run_identity(text, file.string());
  const RunIdentity checkpoint = run_identity(sim);
  if (!(here == checkpoint)) {
    throw InputError((partial / kCheckpointFile).string() + ": belongs to another run (" +
                     checkpoint.describe() + ") than the one in " + partial.string() + " (" +
                     here.describe() + "); it cannot be resumed there");
  }
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
  if (ec) throw OutputError(path, "cut it back to the checkpoint", ec.value());
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

namespace {

void write_agents_rows(detail::OutputFile& file, const Simulation& sim) {
  const World& w = sim.world();
  const auto& original = sim.network_source().original_ids;
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
}

void write_edge_rows(detail::OutputFile& file, const World& w) {
  // One citizen's list at a time, sorted, so no edge list of the whole society is built.
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
}

// Writes a whole file with `write`; a file cut short by a failure is removed (it would only
// take room on a full disk) before the error goes on.
template <class Write>
void write_whole(const fs::path& path, Write&& write) {
  try {
    detail::OutputFile file(path);
    write(file);
    file.close();
  } catch (const OutputError&) {
    std::error_code ignored;
    if (fs::is_regular_file(fs::symlink_status(path, ignored))) fs::remove(path, ignored);
    throw;
  }
}

}  // namespace

void write_agents_csv(const fs::path& path, const Simulation& sim) {
  write_whole(path, [&](detail::OutputFile& file) { write_agents_rows(file, sim); });
}

void write_edges_csv(const fs::path& path, const World& w) {
  write_whole(path, [&](detail::OutputFile& file) { write_edge_rows(file, w); });
}

void write_file_atomically(const fs::path& path, const std::string& text) {
  fs::path partial = path;
  partial += ".partial";
  write_text(partial, text);
  rename_or_fail(partial, path);
}

bool is_run_output(const fs::path& relative, bool directory) {
  auto part = relative.begin();
  if (part == relative.end()) return false;
  const std::string first = part->string();
  if (++part != relative.end()) {
    // snapshots/agents_tick_NNNNNN.csv
    const std::string second = part->string();
    return first == "snapshots" && ++part == relative.end() && !directory && is_snapshot_name(second);
  }
  return directory ? first == "snapshots" : is_output_name(first, kRunFiles);
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

void check_output_directory(const fs::path& dir, bool force) {
  const fs::path out = output_directory(dir);
  std::error_code ec;
  const auto status = fs::symlink_status(out, ec);
  if (fs::exists(status)) {
    if (status.type() != fs::file_type::directory) {
      throw InputError(out.string() + ": exists and is not a directory; choose another --out");
    }
    if (!fs::is_empty(out, ec) && !fs::exists(out / "run.json", ec)) {
      throw InputError(out.string() + ": exists and is not a socred run directory (it has no "
                       "run.json); refusing to write into it: choose another --out");
    }
    const auto foreign = force ? std::vector<std::string>{} : foreign_entries(out, is_run_output);
    if (!foreign.empty()) {
      throw InputError(out.string() + ": holds files socred did not write (" +
                       list_entries(foreign) + "); a new run there would replace the run they "
                       "belong with: choose another --out, or add --force to replace socred's "
                       "own files and keep these");
    }
  }
  fs::path partial = out;
  partial += ".partial";
  if (fs::exists(partial / kCheckpointFile, ec)) {
    throw InputError(partial.string() + ": holds an interrupted run; continue it with "
                     "`socred run --resume " + out.string() + "`, or delete it to start again");
  }
  const auto status_partial = fs::symlink_status(partial, ec);
  if (fs::exists(status_partial) && status_partial.type() != fs::file_type::directory) {
    throw InputError(partial.string() + ": exists and is not a directory; choose another --out");
  }
  if (fs::exists(status_partial) && !force) {
    const auto foreign = foreign_entries(partial, is_run_output);
    if (!foreign.empty()) {
      throw InputError(partial.string() + ": holds files socred did not write (" +
                       list_entries(foreign) + "); move them away, or add --force to keep them "
                       "with the run's files");
    }
  }
}

RunRecorder::RunRecorder(RecorderOptions options, const Simulation& sim)
    : options_(std::move(options)) {
  options_.out_dir = output_directory(options_.out_dir);
  const fs::path& out = options_.out_dir;
  if (!options_.locked_by_caller) lock_.emplace(OutputLock::beside(out, "choose another --out"));
  check_output_directory(out, options_.force);
  partial_ = out;
  partial_ += ".partial";
  // What an earlier attempt that stopped before its first checkpoint left (only socred's
  // own files: checked above).
  std::error_code ec;
  if (fs::exists(partial_, ec)) remove_owned(partial_, is_run_output);
  make_directory(partial_);
  history_.started = utc_now();
  if (!options_.full) return;

  // Which run this directory holds, so that a checkpoint of another is refused on resume.
  write_text(partial_ / kIdentityFile, run_identity_json(run_identity(sim)));

  write_agents_csv(partial_ / "agents_initial.csv", sim);
  write_edges_csv(partial_ / "edges_initial.csv", sim.world());
  open_streams("wb");
  metrics_->write(metrics_csv_header());
  metrics_->write(metrics_csv_row(sim.metrics()));
  histogram_->write(histogram_header());
  histogram_->write(histogram_row(sim.tick(), sim.histogram()));
  events_->write("tick,kind,detail,note,count\n");
  if (options_.snapshot_every > 0) make_directory(partial_ / "snapshots");
}

RunRecorder::RunRecorder(RecorderOptions options, const Simulation& sim, RecorderPosition at)
    : options_(std::move(options)), history_(std::move(at)) {
  options_.out_dir = output_directory(options_.out_dir);
  if (!options_.locked_by_caller) {
    lock_.emplace(OutputLock::beside(options_.out_dir, "stop it first"));
  }
  partial_ = options_.out_dir;
  partial_ += ".partial";
  std::error_code ec;
  if (!fs::is_directory(partial_, ec)) {
    throw InputError(partial_.string() + ": no such directory; nothing to resume");
  }
  check_identity(partial_, sim);
  truncate_to(partial_ / "metrics.csv", history_.metrics_bytes);
  truncate_to(partial_ / "histogram.csv", history_.histogram_bytes);
  truncate_to(partial_ / "events.csv", history_.events_bytes);
  // Whatever was written after the checkpoint is written again.
  for (const char* name : {"run.json", "agents_final.csv", "edges_final.csv"}) {
    remove_own_file(partial_ / name);
  }
  if (options_.snapshot_every > 0) make_directory(partial_ / "snapshots");
  std::vector<fs::path> later;
  for (const auto& entry : fs::directory_iterator(partial_ / "snapshots", ec)) {
    const std::string name = entry.path().filename().string();
    long long tick = 0;
    if (std::sscanf(name.c_str(), "agents_tick_%lld.csv", &tick) == 1 && tick > sim.tick()) {
      later.push_back(entry.path());
    }
  }
  for (const auto& p : later) remove_own_file(p);
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
  for (const char* name : {kCheckpointFile, kCheckpointTempFile, kIdentityFile}) {
    remove_own_file(partial_ / name);
  }
  kept_ = install_directory(partial_, options_.out_dir, is_run_output, "run.json");
}

}  // namespace socred
