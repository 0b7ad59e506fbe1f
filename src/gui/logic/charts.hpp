// Chart data: which metrics the time-series charts show, the min/max envelope that draws a
// long series in a few hundred pixel columns, "nice" axis ticks, and markers for changes.
// Drawing them (axes, labels, lines) is ImGui's job in src/gui/chart_widgets.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "socred/events.hpp"
#include "socred/metrics.hpp"

namespace socred::gui {

struct ChartSpec {
  Metric metric;
  std::string_view title;
  double scale = 1.0;  // 100 for shares shown as percent
  std::string_view unit;
  bool counts = false;  // whole numbers: no axis ticks between them
};

// The time series of the Charts panel, in order.
const std::vector<ChartSpec>& time_series_charts();

// A chart by metric name ("cross_line_share"), or nullptr.
const ChartSpec* find_chart(std::string_view metric_name);

// The values of one metric over the rows, scaled for display.
std::vector<double> series_of(std::span<const MetricsRow> rows, const ChartSpec& chart);

// One pixel column of a chart: the range of values of the ticks that fall in it.
struct Column {
  double first_tick = 0;
  double low = 0, high = 0;
};

// Splits `values` (one per tick from `first_tick`) into at most `columns` columns, each with
// the lowest and highest value it covers, so that no spike is lost however long the run.
std::vector<Column> envelope(std::span<const double> values, std::int64_t first_tick,
                             std::size_t columns);

// A range for the value axis: the data's range, widened when flat, with a little room.
struct Range {
  double lo = 0, hi = 1;
};
Range value_range(std::span<const double> values);

// The step between round ticks (1, 2 or 5 times a power of ten) so that [lo, hi] gets at
// most `max_ticks` of them.
double nice_step(double lo, double hi, int max_ticks);
// The round tick positions inside [lo, hi] at that step, or at `min_step` if that is larger.
std::vector<double> nice_ticks(double lo, double hi, int max_ticks, double min_step = 0);

// A tick label with as many decimals as the tick step needs ("0.25", "600", "1.5k").
std::string axis_label(double value, double step);

// Change markers: the week each policy change took effect, and whether it came from the GUI.
struct Marker {
  std::int64_t tick = 0;
  bool from_user = false;
  std::string text;  // what changed, for the marker's tooltip
};
std::vector<Marker> markers_of(std::span<const SocietyEvent> events);

}  // namespace socred::gui
