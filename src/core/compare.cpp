// The counterfactual twin: plans, runs, differences with bootstrap bands, and the files.
#include "socred/compare.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "socred/csv.hpp"
#include "socred/output_dir.hpp"
#include "socred/recorder.hpp"
#include "socred/rng.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"

namespace socred {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string pad(std::int64_t value, std::int64_t count) {
  const std::size_t width = std::to_string(std::max<std::int64_t>(count - 1, 0)).size();
  std::string digits = std::to_string(value);
  return std::string(width - std::min(width, digits.size()), '0') + digits;
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

// Quantile q of v (linear interpolation between order statistics, numpy's default);
// reorders v.
double quantile(std::vector<double>& v, double q) {
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
  const double below = v[lo];
  if (lo + 1 >= v.size() || h == static_cast<double>(lo)) return below;
  const double above = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end());
  return below + (h - static_cast<double>(lo)) * (above - below);
}

// Bootstrap resamples of the replicates, as counts: weights[b * R + r] is how often
// replicate r is drawn in resample b.
std::vector<std::uint32_t> resample_weights(std::int64_t replicates, std::int64_t resamples,
                                            std::uint64_t seed) {
  const auto R = static_cast<std::size_t>(replicates);
  std::vector<std::uint32_t> weights(static_cast<std::size_t>(resamples) * R, 0);
  for (std::int64_t b = 0; b < resamples; ++b) {
    Rng rng(seed, 0, static_cast<std::uint64_t>(b), Stream::bootstrap);
    for (std::size_t j = 0; j < R; ++j) {
      ++weights[static_cast<std::size_t>(b) * R + rng.below(static_cast<std::uint32_t>(j), R)];
    }
  }
  return weights;
}

// The mean of per-replicate values and its percentile band.
Band band(const std::vector<double>& x, const std::vector<std::uint32_t>& weights,
          double confidence, std::vector<double>& means) {
  const std::size_t R = x.size();
  Band out;
  double sum = 0;
  bool finite = true;
  for (double v : x) {
    sum += v;
    finite = finite && std::isfinite(v);
  }
  out.estimate = sum / static_cast<double>(R);
  if (!finite) return {out.estimate, kNaN, kNaN};
  if (std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; })) {
    return {x[0], x[0], x[0]};  // no spread: the band is the value itself, exactly
  }
  const std::size_t B = weights.size() / R;
  means.resize(B);
  for (std::size_t b = 0; b < B; ++b) {
    double s = 0;
    for (std::size_t r = 0; r < R; ++r) s += weights[b * R + r] * x[r];
    means[b] = s / static_cast<double>(R);
  }
  out.low = quantile(means, (1 - confidence) / 2);
  out.high = quantile(means, (1 + confidence) / 2);
  return out;
}

nlohmann::ordered_json to_json(const FieldValue& v) {
  return std::visit([](const auto& x) { return nlohmann::ordered_json(x); }, v);
}

}  // namespace

ParsedChange parse_change(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    return {std::nullopt, "--set " + std::string(text) +
                              ": expected PATH=VALUE, e.g. policies.travel_ban.enabled=false"};
  }
  const std::string path(text.substr(0, eq));
  auto fail = [&](const std::string& message) {
    return ParsedChange{std::nullopt, "--set " + path + ": " + message};
  };
  const FieldSpec* field = find_field(path);
  if (!field) return fail(unknown_parameter_message(path));
  if (!field->runtime) {
    return fail("cannot change during a run, so the twins could not share one society (vary "
                "it with socred sweep instead)");
  }
  auto checked = parse_field_value(*field, std::string(text.substr(eq + 1)));
  if (!checked.value) return fail(checked.error);
  return {Setting{path, *checked.value}, {}};
}

std::string check_compare(const Scenario& base, const CompareSpec& spec) {
  if (spec.settings.empty()) {
    return "compare needs at least one --set PATH=VALUE: the change to study";
  }
  if (spec.at < 1 || spec.at > base.ticks) {
    return "--at: expected a week in [1, " + std::to_string(base.ticks) + "] (the run's ticks), got " +
           std::to_string(spec.at);
  }
  return {};
}

std::vector<RunPlan> twin_plans(const Scenario& base, const CompareSpec& spec) {
  std::vector<RunPlan> plans;
  for (std::int64_t r = 0; r < spec.replicates; ++r) {
    // Ids built piecewise: GCC 12 warns falsely (-Wrestrict) on "r" + std::string + "...".
    std::string prefix = "r";
    prefix += pad(r, spec.replicates);
    RunPlan twin;
    twin.point = 0;
    twin.replicate = r;
    twin.seed = replicate_seed(base.seed, r);
    twin.ticks = base.ticks;
    twin.id = prefix + "-baseline";
    plans.push_back(twin);
    twin.point = 1;
    twin.id = prefix + "-changed";
    twin.settings = spec.settings;
    twin.at = spec.at;
    plans.push_back(twin);
  }
  return plans;
}

MetricSeries run_twin(const Scenario& base, const RunPlan& plan, const PlanOutput& output) {
  MetricSeries series;
  series.reserve(static_cast<std::size_t>(plan.ticks) + 1);
  RecorderOptions options{output.runs_dir / plan.id, 0, output.threads, output.command_line,
                          output.keep_runs};
  options.locked_by_caller = true;  // the comparison's directory is locked around it
  record_run(plan_scenario(base, plan), options,
             [&](const MetricsRow& row) { series.push_back(row); });
  return series;
}

bool is_comparison_output(const std::filesystem::path& relative, bool directory) {
  auto part = relative.begin();
  if (part == relative.end()) return false;
  const std::string first = part->string();
  if (++part == relative.end()) {
    return directory ? first == "runs"
                     : is_output_name(first, {"difference.csv", "effects.csv", "compare.json"});
  }
  // runs/<id>/ (or runs/<id>.partial/), holding what a run writes.
  if (first != "runs") return false;
  if (++part == relative.end()) return directory;
  std::filesystem::path rest;
  for (; part != relative.end(); ++part) rest /= *part;
  return is_run_output(rest, directory);
}

Comparison compare_twins(const std::vector<MetricSeries>& baseline,
                         const std::vector<MetricSeries>& changed, const CompareSpec& spec,
                         std::uint64_t seed) {
  const std::size_t R = baseline.size();
  const std::size_t ticks = baseline.at(0).size();
  const auto weights = resample_weights(static_cast<std::int64_t>(R), spec.resamples, seed);
  Comparison c;
  c.at = spec.at;
  c.replicates = static_cast<std::int64_t>(R);
  c.baseline.resize(ticks);
  c.changed.resize(ticks);
  c.difference.resize(ticks);

  // Per tick: means of both twins and the band of the difference (ticks are independent).
#pragma omp parallel
  {
    std::vector<double> x(R), scratch;
#pragma omp for schedule(dynamic, 8)
    for (std::int64_t t = 0; t < static_cast<std::int64_t>(ticks); ++t) {
      const auto ut = static_cast<std::size_t>(t);
      for (std::size_t k = 0; k < kMetricCount; ++k) {
        double b = 0, ch = 0;
        for (std::size_t r = 0; r < R; ++r) {
          b += baseline[r][ut].values[k];
          ch += changed[r][ut].values[k];
          x[r] = changed[r][ut].values[k] - baseline[r][ut].values[k];
        }
        c.baseline[ut][k] = b / static_cast<double>(R);
        c.changed[ut][k] = ch / static_cast<double>(R);
        c.difference[ut][k] = band(x, weights, spec.confidence, scratch);
      }
    }
  }

  // Per metric: when the twins first part, and the effect at the end and over the weeks
  // the change is in force.
  std::vector<double> x(R), scratch;
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    MetricEffect& e = c.effects[k];
    for (std::size_t t = 0; t < ticks && e.first_different < 0; ++t) {
      for (std::size_t r = 0; r < R; ++r) {
        if (!same(changed[r][t].values[k], baseline[r][t].values[k])) {
          e.first_different = static_cast<std::int64_t>(t);
          break;
        }
      }
    }
    e.baseline_final = c.baseline[ticks - 1][k];
    e.changed_final = c.changed[ticks - 1][k];
    e.final_difference = c.difference[ticks - 1][k];
    const auto from = static_cast<std::size_t>(std::min<std::int64_t>(spec.at, static_cast<std::int64_t>(ticks) - 1));
    for (std::size_t r = 0; r < R; ++r) {
      double sum = 0;
      for (std::size_t t = from; t < ticks; ++t) sum += changed[r][t].values[k] - baseline[r][t].values[k];
      x[r] = sum / static_cast<double>(ticks - from);
    }
    e.average_difference = band(x, weights, spec.confidence, scratch);
  }
  return c;
}

std::string difference_csv(const Comparison& c) {
  std::string out = "tick,metric,baseline,changed,difference,low,high\n";
  for (std::size_t t = 0; t < c.difference.size(); ++t) {
    for (std::size_t k = 0; k < kMetricCount; ++k) {
      if (k == static_cast<std::size_t>(Metric::tick)) continue;
      append_number(out, t);
      out += ',';
      out += metric_info()[k].name;
      for (double v : {c.baseline[t][k], c.changed[t][k], c.difference[t][k].estimate,
                       c.difference[t][k].low, c.difference[t][k].high}) {
        out += ',';
        append_number(out, v);
      }
      out += '\n';
    }
  }
  return out;
}

std::string effects_csv(const Comparison& c) {
  std::string out =
      "metric,unit,first_different,baseline_final,changed_final,final_difference,final_low,"
      "final_high,average_difference,average_low,average_high\n";
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    if (k == static_cast<std::size_t>(Metric::tick)) continue;
    const MetricEffect& e = c.effects[k];
    out += metric_info()[k].name;
    out += ',';
    append_field(out, metric_info()[k].unit);
    out += ',';
    if (e.first_different >= 0) append_number(out, e.first_different);
    for (double v : {e.baseline_final, e.changed_final, e.final_difference.estimate,
                     e.final_difference.low, e.final_difference.high,
                     e.average_difference.estimate, e.average_difference.low,
                     e.average_difference.high}) {
      out += ',';
      append_number(out, v);
    }
    out += '\n';
  }
  return out;
}

void write_compare_manifest(const std::filesystem::path& file, const Scenario& base,
                            const CompareSpec& spec, const std::vector<RunPlan>& plans,
                            const std::string& command_line) {
  nlohmann::ordered_json doc;
  doc["socred_version"] = socred_version();
  doc["git_revision"] = socred_git_revision();
  doc["command"] = command_line;
  doc["created"] = utc_now();
  nlohmann::ordered_json change = nlohmann::ordered_json::object();
  for (const auto& [path, value] : spec.settings) change[path] = to_json(value);
  doc["change"] = change;
  doc["at"] = spec.at;
  doc["replicates"] = spec.replicates;
  nlohmann::ordered_json seeds = nlohmann::ordered_json::array();
  for (const auto& plan : plans) {
    if (plan.at == 0) seeds.push_back(plan.seed);
  }
  doc["seeds"] = seeds;
  doc["bootstrap"] = {{"resamples", spec.resamples},
                      {"confidence", spec.confidence},
                      {"method", "percentile; resample b draws replicate indices with "
                                 "Rng(seed, 0, b, bootstrap stream) slot j; quantiles "
                                 "interpolated linearly"}};
  doc["scenario"] = nlohmann::ordered_json::parse(scenario_to_json(base));
  write_file_atomically(file, doc.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace) + "\n");
}

}  // namespace socred
