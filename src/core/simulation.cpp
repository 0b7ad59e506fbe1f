#include "socred/simulation.hpp"

#include <chrono>

#include "socred/errors.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"
#include "socred/society.hpp"

namespace socred {
namespace {

NetworkSource describe_file(const std::string& file, EdgeListReport& report) {
  NetworkSource source;
  source.description = "file: " + file;
  source.original_ids = std::move(report.original_ids);
  source.dropped = report.dropped;
  source.file = file;
  source.lines = report.lines;
  source.edges = report.list.edges.size();
  source.content_hash = format_content_hash(report.content_hash);
  return source;
}

World build_from_scenario(const Scenario& s, NetworkSource& source) {
  if (s.network.generator == NetworkGenerator::file && !s.network.file.empty()) {
    EdgeListReport report = read_edge_list(s.network.file);
    source = describe_file(s.network.file, report);
    return build_world(s, &report.list);
  }
  source.description = "generated (" + std::string(to_string(s.network.generator)) + ")";
  return build_world(s);
}

}  // namespace

Simulation::Simulation(const Scenario& scenario) : initial_(scenario), current_(scenario) {
  world_ = build_from_scenario(scenario, source_);
  collect();
}

Simulation::Simulation(const Scenario& scenario, EdgeListReport network, std::string description)
    : initial_(scenario), current_(scenario) {
  source_ = describe_file(scenario.network.file, network);
  source_.description = std::move(description);
  world_ = build_world(scenario, &network.list);
  collect();
}

Simulation::Simulation(const Scenario& scenario, World world, NetworkSource source)
    : initial_(scenario), current_(scenario), world_(std::move(world)), source_(std::move(source)) {
  // Timeline events already in the past were applied before the world was saved.
  while (next_event_ < initial_.events.size() &&
         initial_.events[next_event_].tick <= world_.tick) {
    apply_settings(current_, initial_.events[next_event_].set);
    ++next_event_;
  }
  collect();
}

Simulation::Simulation(Scenario initial, Scenario current, World world, NetworkSource source,
                       Internals internals)
    : initial_(std::move(initial)),
      current_(std::move(current)),
      world_(std::move(world)),
      source_(std::move(source)),
      next_event_(internals.next_event),
      queued_(std::move(internals.queued)),
      metrics_(internals.metrics),
      times_(internals.times),
      metrics_seconds_(internals.metrics_seconds) {
  collector_.restore(internals.metrics_carry);
}

Simulation::Internals Simulation::internals() const {
  return {next_event_, queued_, collector_.carry(), metrics_, times_, metrics_seconds_};
}

std::string Simulation::queue_change(const std::string& path, const FieldValue& value,
                                     const std::string& note) {
  const FieldSpec* field = find_field(path);
  if (!field) return "unknown parameter \"" + path + "\"";
  if (!field->runtime) return "\"" + path + "\" cannot change during a run";
  auto checked = check_field_value(*field, value);
  if (!checked.value) return checked.error;
  TimelineEvent change;
  change.tick = world_.tick + 1;
  change.set.emplace_back(path, *checked.value);
  change.note = note;
  queued_.push_back(std::move(change));
  return {};
}

void Simulation::apply_due_changes() {
  const std::int64_t next_tick = world_.tick + 1;
  auto record = [&](const TimelineEvent& ev, const char* kind) {
    apply_settings(current_, ev.set);
    for (const auto& [path, value] : ev.set) {
      events_.society.push_back({next_tick, kind, path + " = " + format_value(value), ev.note});
    }
  };
  while (next_event_ < initial_.events.size() && initial_.events[next_event_].tick <= next_tick) {
    record(initial_.events[next_event_], "timeline");
    ++next_event_;
  }
  for (const auto& change : queued_) record(change, "user");
  queued_.clear();
}

void Simulation::step() {
  events_.clear();
  apply_due_changes();
  if (engine_) {
    engine_->tick(current_, world_, events_, times_);
  } else {
    socred::step(current_, world_, events_, &times_);
  }
  collect();
}

void Simulation::collect() {
  const auto start = std::chrono::steady_clock::now();
  metrics_ = engine_ ? engine_->collect(collector_, current_, world_, events_)
                    : collector_.collect(current_, world_, events_);
#ifndef NDEBUG
  check_metrics(metrics_);
#endif
  metrics_seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace socred
