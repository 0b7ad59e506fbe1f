#include "charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "events_feed.hpp"

namespace socred::gui {

const std::vector<ChartSpec>& time_series_charts() {
  static const std::vector<ChartSpec> charts = {
      {Metric::score_mean, "Mean score", 1, "points"},
      {Metric::gini_score, "Gini of scores", 1, ""},
      {Metric::restricted_any, "Share restricted", 100, "%"},
      {Metric::trips_blocked, "Trips blocked", 1, "per week", true},
      {Metric::dissent_per_capita, "Dissent per citizen", 1, "posts/week"},
      {Metric::assortativity, "Score assortativity", 1, "-1..1"},
      {Metric::cross_line_share, "Ties across the trusted line", 100, "% of ties"},
      {Metric::isolated, "Isolated citizens", 1, "citizens", true},
  };
  return charts;
}

const ChartSpec* find_chart(std::string_view metric_name) {
  for (const auto& chart : time_series_charts()) {
    if (metric_info()[static_cast<std::size_t>(chart.metric)].name == metric_name) return &chart;
  }
  return nullptr;
}

std::vector<double> series_of(std::span<const MetricsRow> rows, const ChartSpec& chart) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(row[chart.metric] * chart.scale);
  return out;
}

std::vector<Column> envelope(std::span<const double> values, std::int64_t first_tick,
                             std::size_t columns) {
  std::vector<Column> out;
  if (values.empty() || columns == 0) return out;
  const std::size_t n = values.size();
  const std::size_t count = std::min(n, columns);
  out.reserve(count);
  for (std::size_t c = 0; c < count; ++c) {
    // Column c covers values [c*n/count, (c+1)*n/count): every value lands in exactly one.
    const std::size_t begin = c * n / count, end = (c + 1) * n / count;
    Column col;
    col.first_tick = static_cast<double>(first_tick) + static_cast<double>(begin);
    col.low = col.high = values[begin];
    for (std::size_t k = begin + 1; k < end; ++k) {
      col.low = std::min(col.low, values[k]);
      col.high = std::max(col.high, values[k]);
    }
    out.push_back(col);
  }
  return out;
}

Range value_range(std::span<const double> values) {
  Range r;
  bool any = false;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    r.lo = any ? std::min(r.lo, v) : v;
    r.hi = any ? std::max(r.hi, v) : v;
    any = true;
  }
  if (!any) return {0, 1};
  // Counts and shares never go below zero, so neither does their axis.
  const bool non_negative = r.lo >= 0;
  if (r.hi - r.lo < 1e-9) {
    // A flat line: zero at the bottom of [0, 1], anything else in a small band around it.
    if (r.lo == 0) return {0, 1};
    const double pad = std::abs(r.lo) * 0.05;
    return {non_negative ? std::max(r.lo - pad, 0.0) : r.lo - pad, r.hi + pad};
  }
  const double pad = (r.hi - r.lo) * 0.06;
  return {non_negative ? std::max(r.lo - pad, 0.0) : r.lo - pad, r.hi + pad};
}

double nice_step(double lo, double hi, int max_ticks) {
  if (!(hi > lo) || max_ticks < 2) return 1.0;
  const double rough = (hi - lo) / (max_ticks - 1);
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  for (double m : {1.0, 2.0, 5.0}) {
    if (m * power >= rough) return m * power;
  }
  return power * 10;
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks, double min_step) {
  std::vector<double> ticks;
  if (!(hi > lo) || max_ticks < 2) return ticks;
  const double step = std::max(nice_step(lo, hi, max_ticks), min_step);
  for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

std::string axis_label(double value, double step) {
  char buf[32];
  if (std::abs(value) >= 10000 && step >= 1000) {
    std::snprintf(buf, sizeof buf, "%gk", value / 1000);
    return buf;
  }
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  std::snprintf(buf, sizeof buf, "%.*f", std::clamp(decimals, 0, 6), value);
  return buf;
}

std::vector<Marker> markers_of(std::span<const SocietyEvent> events) {
  std::vector<Marker> out;
  for (const auto& e : events) {
    out.push_back({e.tick, e.kind == "user", describe_event(e)});
  }
  return out;
}

}  // namespace socred::gui
