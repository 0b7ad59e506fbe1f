// run.json: writing it, and reading it back as untrusted input.
#include "socred/run_manifest.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "socred/errors.hpp"
#include "socred/input_file.hpp"
#include "socred/scenario_io.hpp"

namespace socred {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;  // keys in the order written, phase_seconds included

std::string_view to_string(RunStatus status) {
  return status == RunStatus::complete ? "complete" : "interrupted";
}

std::string run_manifest_json(const RunManifest& m) {
  json out;
  out["socred_version"] = m.socred_version;
  out["git_revision"] = m.git_revision;
  out["status"] = to_string(m.status);
  out["command"] = m.command;
  out["seed"] = m.seed;
  out["ticks"] = m.ticks;
  out["threads"] = m.threads;
  out["snapshot_every"] = m.snapshot_every;
  out["outputs"] = m.all_outputs ? "all" : "run.json only";
  out["citizens"] = m.citizens;
  out["network"] = {{"source", m.network_source},
                    {"self_loops_dropped", m.self_loops_dropped},
                    {"duplicates_dropped", m.duplicates_dropped}};
  if (!m.network_file.empty()) {
    out["network"]["file"] = m.network_file;
    out["network"]["lines"] = m.network_lines;
    out["network"]["edges_kept"] = m.network_edges_kept;
    out["network"]["content_hash"] = m.network_hash;
  }
  out["started"] = m.started;
  out["finished"] = m.finished;
  out["wall_seconds"] = m.wall_seconds;
  json phases = json::object();
  for (const auto& [name, seconds] : m.phase_seconds) phases[name] = seconds;
  out["phase_seconds"] = phases;
  out["resumed_at"] = m.resumed_at;
  out["peak_resident_bytes"] = m.peak_resident_bytes;
  out["scenario"] = json::parse(scenario_to_json(m.scenario));
  return out.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace) + "\n";
}

namespace {

const char* kind_of(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true or false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    case json::value_t::number_float: return "a number";
    default: return "a value";
  }
}

// A string from the file, shown in an error: quoted, control characters as "?", cut short.
std::string shown(const std::string& text) {
  std::string out = "\"";
  for (char c : text.substr(0, 40)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  return out + (text.size() > 40 ? "...\"" : "\"");
}

// The pointer token of a key (RFC 6901 escapes; shown() rules, so an error stays one line).
std::string token(const std::string& key) {
  std::string out;
  for (char c : key.substr(0, 60)) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    }
  }
  return key.size() > 60 ? out + "..." : out;
}

// Reads known keys, throwing "label: /pointer: expected ..., got ...".
struct Reader {
  const std::string& label;

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw InputError(label + (pointer.empty() ? "" : ": " + pointer) + ": " + message);
  }
  // The value of `key` in `obj` (whose pointer is `at`), or nullptr when absent.
  const json* find(const json& obj, const char* key, const std::string& at, bool required) const {
    const auto it = obj.find(key);
    if (it != obj.end()) return &*it;
    if (required) fail(at, std::string("missing \"") + key + "\"");
    return nullptr;
  }
  void text(const json& obj, const char* key, const std::string& at, std::string& into,
            bool required = false) const {
    if (const json* j = find(obj, key, at, required)) {
      if (!j->is_string()) fail(at + "/" + key, std::string("expected a string, got ") + kind_of(*j));
      into = j->get<std::string>();
    }
  }
  // A whole number in [lo, hi], as written (2.5 and 1e3 are not whole numbers here).
  template <class T>
  void whole(const json& j, const std::string& pointer, T& into, double lo, double hi) const {
    auto wrong = [&](const std::string& got) {
      fail(pointer, "expected an integer in [" + std::to_string(static_cast<std::uint64_t>(lo)) +
                        ", " + std::to_string(static_cast<std::uint64_t>(hi)) + "], got " + got);
    };
    if (j.is_number_unsigned()) {
      const auto v = j.get<std::uint64_t>();
      if (static_cast<double>(v) < lo || static_cast<double>(v) > hi) wrong(std::to_string(v));
      into = static_cast<T>(v);
    } else if (j.is_number_integer()) {
      const auto v = j.get<std::int64_t>();
      if (static_cast<double>(v) < lo || static_cast<double>(v) > hi) wrong(std::to_string(v));
      into = static_cast<T>(v);
    } else {
      wrong(kind_of(j));
    }
  }
  template <class T>
  void whole(const json& obj, const char* key, const std::string& at, T& into, double lo,
             double hi, bool required = false) const {
    if (const json* j = find(obj, key, at, required)) whole(*j, at + "/" + key, into, lo, hi);
  }
  void seconds(const json& j, const std::string& pointer, double& into) const {
    if (!j.is_number() || !(j.get<double>() >= 0) || !std::isfinite(j.get<double>())) {
      fail(pointer, std::string("expected a number of seconds (0 or more), got ") +
                        (j.is_number() ? "a negative or infinite number" : kind_of(j)));
    }
    into = j.get<double>();
  }
};

Scenario read_scenario(const json& j, const std::string& label) {
  if (!j.is_object()) {
    throw InputError(label + ": /scenario: expected an object (the resolved scenario), got " +
                     kind_of(j));
  }
  const LoadResult loaded = load_resolved_scenario(j.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace), label);
  if (!loaded.ok()) {
    const ScenarioError& first = loaded.errors.front();
    std::string message = label + ": /scenario" + first.pointer + ": " + first.message;
    if (loaded.errors.size() > 1) {
      message += " (and " + std::to_string(loaded.errors.size() - 1) + " more)";
    }
    for (char& c : message) {
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    }
    throw InputError(message);
  }
  return *loaded.scenario;
}

}  // namespace

RunManifest parse_run_manifest(std::string_view text, const std::string& label) {
  json doc;
  try {
    detail::JsonText parsed = detail::parse_json_text(text);
    // A key given twice is ambiguous (which ticks, which seed?): refused, not the last kept.
    if (!parsed.duplicates.empty()) {
      const auto& d = parsed.duplicates.front();
      std::string pointer = d.pointer.substr(0, 160);
      for (char& c : pointer) {
        if (static_cast<unsigned char>(c) < 0x20) c = '?';  // keys come from the file
      }
      throw InputError(label + ": " + pointer + ": " + d.message());
    }
    doc = std::move(parsed.doc);
  } catch (const json::parse_error& e) {
    throw InputError(label + ": malformed JSON near byte " + std::to_string(e.byte) +
                     " (expected run.json as socred writes it)");
  } catch (const json::exception& e) {
    // A number too large for a double ("1e400") is out_of_range, not a parse_error.
    std::string what = e.what();
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    throw InputError(label + ": malformed JSON: " + what);
  }
  const Reader r{label};
  if (!doc.is_object()) {
    throw InputError(label + ": expected a JSON object (a run.json manifest), got " +
                     kind_of(doc));
  }
  RunManifest m;
  r.text(doc, "socred_version", "", m.socred_version, true);
  r.text(doc, "git_revision", "", m.git_revision);
  std::string status = "complete";
  r.text(doc, "status", "", status);
  if (status == "complete") {
    m.status = RunStatus::complete;
  } else if (status == "interrupted") {
    m.status = RunStatus::interrupted;
  } else {
    r.fail("/status", "expected \"complete\" or \"interrupted\", got " + shown(status));
  }
  r.text(doc, "command", "", m.command);
  r.whole(doc, "seed", "", m.seed, 0, 9007199254740991.0, true);
  r.whole(doc, "ticks", "", m.ticks, 0, 1e9, true);
  r.whole(doc, "threads", "", m.threads, 1, 1e6);
  r.whole(doc, "snapshot_every", "", m.snapshot_every, 0, 1e9);
  std::string outputs = "all";
  r.text(doc, "outputs", "", outputs);
  if (outputs != "all" && outputs != "run.json only") {
    r.fail("/outputs", "expected \"all\" or \"run.json only\", got " + shown(outputs));
  }
  m.all_outputs = outputs == "all";
  r.whole(doc, "citizens", "", m.citizens, 0, 4e9);
  if (const json* net = r.find(doc, "network", "", false)) {
    if (!net->is_object()) r.fail("/network", std::string("expected an object, got ") + kind_of(*net));
    r.text(*net, "source", "/network", m.network_source);
    r.whole(*net, "self_loops_dropped", "/network", m.self_loops_dropped, 0, 1.8e19);
    r.whole(*net, "duplicates_dropped", "/network", m.duplicates_dropped, 0, 1.8e19);
    r.text(*net, "file", "/network", m.network_file);
    r.whole(*net, "lines", "/network", m.network_lines, 0, 1.8e19);
    r.whole(*net, "edges_kept", "/network", m.network_edges_kept, 0, 1.8e19);
    r.text(*net, "content_hash", "/network", m.network_hash);
    // They describe the file read; a generated network has none (found by fuzzing: they were
    // kept without a file, then lost when the manifest was written again).
    if (m.network_file.empty() &&
        (m.network_lines != 0 || m.network_edges_kept != 0 || !m.network_hash.empty())) {
      r.fail("/network/file", "expected the edge list's path beside lines, edges_kept and "
                              "content_hash (a generated network has none of them)");
    }
  }
  r.text(doc, "started", "", m.started);
  r.text(doc, "finished", "", m.finished);
  if (const json* w = r.find(doc, "wall_seconds", "", false)) r.seconds(*w, "/wall_seconds", m.wall_seconds);
  if (const json* phases = r.find(doc, "phase_seconds", "", false)) {
    if (!phases->is_object()) {
      r.fail("/phase_seconds", std::string("expected an object, got ") + kind_of(*phases));
    }
    for (auto it = phases->begin(); it != phases->end(); ++it) {
      double s = 0;
      r.seconds(*it, "/phase_seconds/" + token(it.key()), s);
      m.phase_seconds.emplace_back(it.key(), s);
    }
  }
  if (const json* resumed = r.find(doc, "resumed_at", "", false)) {
    if (!resumed->is_array()) {
      r.fail("/resumed_at", std::string("expected an array of weeks, got ") + kind_of(*resumed));
    }
    for (std::size_t k = 0; k < resumed->size(); ++k) {
      std::int64_t tick = 0;
      r.whole((*resumed)[k], "/resumed_at/" + std::to_string(k), tick, 0, 1e9);
      m.resumed_at.push_back(tick);
    }
  }
  r.whole(doc, "peak_resident_bytes", "", m.peak_resident_bytes, 0, 1.8e19);
  m.scenario = read_scenario(*r.find(doc, "scenario", "", true), label);

  if (m.seed != m.scenario.seed) {
    r.fail("/seed", "is " + std::to_string(m.seed) + " but the scenario's seed is " +
                        std::to_string(m.scenario.seed));
  }
  if (m.ticks > m.scenario.ticks) {
    r.fail("/ticks", "is " + std::to_string(m.ticks) + ", more than the scenario's " +
                         std::to_string(m.scenario.ticks) + " weeks");
  }
  return m;
}

RunManifest read_run_manifest(const fs::path& path) {
  std::error_code ec;
  const fs::path file = fs::is_directory(path, ec) ? path / "run.json" : path;
  std::string text;
  if (const auto reason = read_input_file(file, text)) throw InputError(file.string() + ": " + *reason);
  return parse_run_manifest(text, file.string());
}

}  // namespace socred
