// Sweeps as data: parsing --vary, expanding the grid into plans with their seeds, and the
// per-run totals that become summary.csv rows. No files here (see sweep_run.cpp).
#include "socred/sweep.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "socred/csv.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"

namespace socred {
namespace {

// More runs than this is a typo in a range, not a plan.
constexpr std::size_t kMaxPlans = 1'000'000;
constexpr std::size_t kMaxValues = 100'000;

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + 1;
  }
}

// Digits after the decimal point as written ("0.25" -> 2), or nothing for exponent forms.
std::optional<int> decimals(const std::string& number) {
  if (number.find_first_of("eE") != std::string::npos) return std::nullopt;
  const std::size_t dot = number.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(number.size() - dot - 1);
}

std::optional<double> parse_double(const std::string& text) {
  double x = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, x);
  if (ec != std::errc() || ptr != end || !std::isfinite(x)) return std::nullopt;
  return x;
}

// A:B:STEP for a numeric field; values not yet checked against the field's range.
std::optional<std::vector<FieldValue>> expand_range(const FieldSpec& field,
                                                    const std::vector<std::string>& abs,
                                                    std::string& error) {
  const auto a = parse_double(abs[0]), b = parse_double(abs[1]), step = parse_double(abs[2]);
  if (!a || !b || !step) {
    error = "expected A:B:STEP with three numbers, got \"" + abs[0] + ":" + abs[1] + ":" + abs[2] + "\"";
    return std::nullopt;
  }
  if (*step == 0 || (*b - *a) * *step < 0) {
    error = "the step " + abs[2] + " does not lead from " + abs[0] + " to " + abs[1];
    return std::nullopt;
  }
  const bool integer = field.kind == FieldKind::integer;
  if (integer && (*a != std::floor(*a) || *b != std::floor(*b) || *step != std::floor(*step))) {
    error = "an integer parameter needs an integer range, got \"" + abs[0] + ":" + abs[1] + ":" +
            abs[2] + "\"";
    return std::nullopt;
  }
  // Round to the decimals written, so 0.1:0.3:0.1 ends at 0.3 exactly as typed.
  std::optional<int> places = 0;
  for (const auto& part : abs) {
    const auto d = decimals(part);
    places = (places && d) ? std::optional<int>(std::max(*places, *d)) : std::nullopt;
  }
  const double count_f = std::floor((*b - *a) / *step * (1 + 1e-12) + 1e-9) + 1;
  if (count_f > static_cast<double>(kMaxValues)) {
    error = "the range gives more than " + std::to_string(kMaxValues) + " values";
    return std::nullopt;
  }
  std::vector<FieldValue> values;
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(count_f); ++k) {
    double v = *a + static_cast<double>(k) * *step;
    if (places && *places <= 15) {
      const double scale = std::pow(10.0, *places);
      v = std::round(v * scale) / scale;
    }
    if (integer) {
      values.emplace_back(static_cast<std::int64_t>(std::llround(v)));
    } else {
      values.emplace_back(v);
    }
  }
  return values;
}

std::string pad(std::size_t value, std::size_t count) {
  const std::size_t width = std::to_string(count > 0 ? count - 1 : 0).size();
  std::string digits = std::to_string(value);
  return std::string(width - std::min(width, digits.size()), '0') + digits;
}

void append_value(std::string& out, const FieldValue& value) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          out += x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_field(out, x);
        } else {
          append_number(out, x);
        }
      },
      value);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Variations

ParsedVariation parse_variation(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return {std::nullopt, "--vary " + std::string(text) +
                              ": expected PATH=V1,V2,... or PATH=A:B:STEP, e.g. "
                              "scoring.contagion.weight=0,0.05,0.1"};
  }
  Variation variation{std::string(text.substr(0, eq)), {}};
  auto fail = [&](const std::string& message) {
    return ParsedVariation{std::nullopt, "--vary " + variation.path + ": " + message};
  };
  if (variation.path == "seed") {
    return fail("seeds come from --seed and --replicates (each replicate's seed is derived "
                "from the base seed)");
  }
  const FieldSpec* field = find_field(variation.path);
  if (!field) return fail(unknown_parameter_message(variation.path));

  const std::string values_text(text.substr(eq + 1));
  const bool numeric = field->kind == FieldKind::integer || field->kind == FieldKind::real;
  const auto range = split(values_text, ':');
  if (numeric && values_text.find(',') == std::string::npos && range.size() == 3) {
    std::string error;
    auto values = expand_range(*field, range, error);
    if (!values) return fail(error);
    for (const auto& v : *values) {
      auto checked = check_field_value(*field, v);
      if (!checked.value) return fail(checked.error + " (in the range " + values_text + ")");
      variation.values.push_back(*checked.value);
    }
  } else {
    for (const auto& item : split(values_text, ',')) {
      if (item.empty()) return fail("empty value in the list \"" + values_text + "\"");
      auto checked = parse_field_value(*field, item);
      if (!checked.value) return fail(checked.error);
      if (std::find(variation.values.begin(), variation.values.end(), *checked.value) !=
          variation.values.end()) {
        return fail("the value " + item + " is listed twice");
      }
      variation.values.push_back(*checked.value);
    }
  }
  return {std::move(variation), {}};
}

// ---------------------------------------------------------------------------------------
// Plans and seeds

std::uint64_t replicate_seed(std::uint64_t base_seed, std::int64_t replicate) {
  if (replicate == 0) return base_seed;
  std::uint64_t z = base_seed + static_cast<std::uint64_t>(replicate) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return z & ((std::uint64_t{1} << 53) - 1);
}

std::string setting_text(const Setting& setting) {
  return setting.first + "=" + format_value(setting.second);
}

Scenario plan_scenario(const Scenario& base, const RunPlan& plan) {
  Scenario s = base;
  s.seed = plan.seed;
  if (plan.at <= 0) {
    apply_settings(s, plan.settings);
    return s;
  }
  // A timeline event after any of the scenario's own events at the same tick, so it wins.
  TimelineEvent change{plan.at, plan.settings, "the change under study"};
  const auto after = std::upper_bound(s.events.begin(), s.events.end(), plan.at,
                                      [](std::int64_t t, const TimelineEvent& e) { return t < e.tick; });
  s.events.insert(after, std::move(change));
  return s;
}

ExpandedPlans expand_plans(const Scenario& base, const SweepSpec& spec) {
  std::size_t points = 1;
  for (const auto& v : spec.variations) {
    if (v.values.empty()) return {{}, "--vary " + v.path + ": no values"};
    points *= v.values.size();
    if (points > kMaxPlans) break;
  }
  const auto replicates = static_cast<std::size_t>(std::max<std::int64_t>(spec.replicates, 1));
  if (points > kMaxPlans || points * replicates > kMaxPlans) {
    return {{}, "the sweep would have more than " + std::to_string(kMaxPlans) +
                    " runs; check the --vary ranges and --replicates"};
  }

  ExpandedPlans out;
  out.plans.reserve(points * replicates);
  std::vector<std::size_t> index(spec.variations.size(), 0);
  for (std::size_t point = 0; point < points; ++point) {
    // Mixed-radix digits of the point number; the last variation changes fastest.
    std::size_t rest = point;
    for (std::size_t k = spec.variations.size(); k-- > 0;) {
      index[k] = rest % spec.variations[k].values.size();
      rest /= spec.variations[k].values.size();
    }
    std::vector<Setting> settings;
    std::vector<std::string> texts;
    for (std::size_t k = 0; k < spec.variations.size(); ++k) {
      settings.emplace_back(spec.variations[k].path, spec.variations[k].values[index[k]]);
      texts.push_back(setting_text(settings.back()));
    }
    // Each grid point must make a consistent scenario (e.g. mean_degree below agents).
    LoadResult checked = apply_overrides(base, texts);
    if (!checked.ok()) {
      std::string where;
      for (const auto& t : texts) where += (where.empty() ? "" : ", ") + t;
      return {{}, "--vary: the grid point " + where + " is not a valid scenario: " +
                      checked.errors.front().message};
    }
    for (std::size_t r = 0; r < replicates; ++r) {
      RunPlan plan;
      // Built piecewise: GCC 12 warns falsely (-Wrestrict) on "p" + std::string + ...
      plan.id = "p";
      plan.id += pad(point, points);
      plan.id += "-r";
      plan.id += pad(r, replicates);
      plan.point = point;
      plan.replicate = static_cast<std::int64_t>(r);
      plan.seed = replicate_seed(base.seed, plan.replicate);
      plan.settings = settings;
      plan.ticks = checked.scenario->ticks;
      out.plans.push_back(std::move(plan));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Per-run totals and summary rows

void RunTotals::add(const MetricsRow& row) {
  last_ = row;
  if (row[Metric::tick] <= 0) return;
  for (std::size_t k = 0; k < kMetricCount; ++k) sum_[k] += row.values[k];
  ++weeks_;
}

double RunTotals::time_average(std::size_t metric) const {
  if (weeks_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return sum_[metric] / static_cast<double>(weeks_);
}

std::string summary_csv_header(const SweepSpec& spec) {
  std::string out = "run";
  for (const auto& v : spec.variations) {
    out += ',';
    append_field(out, v.path);
  }
  out += ",replicate,seed";
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    if (k == static_cast<std::size_t>(Metric::tick)) continue;
    const std::string_view name = metric_info()[k].name;
    out.append(",final_").append(name).append(",avg_").append(name);
  }
  return out + "\n";
}

std::string summary_csv_row(const RunPlan& plan, const RunTotals& totals) {
  std::string out;
  append_field(out, plan.id);
  for (const auto& setting : plan.settings) {
    out += ',';
    append_value(out, setting.second);
  }
  out += ',';
  append_number(out, plan.replicate);
  out += ',';
  append_number(out, plan.seed);
  for (std::size_t k = 0; k < kMetricCount; ++k) {
    if (k == static_cast<std::size_t>(Metric::tick)) continue;
    out += ',';
    append_number(out, totals.final_row().values[k]);
    out += ',';
    append_number(out, totals.time_average(k));
  }
  return out + "\n";
}

}  // namespace socred
