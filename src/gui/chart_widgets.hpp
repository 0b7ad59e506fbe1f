// Charts drawn with ImGui's draw lists: ImGui's own PlotLines has no axes, labels or
// markers, and no plotting library is vendored. Each widget takes a rectangle in the current
// window, answers hover with a tooltip and returns the rectangle it drew (for PNG export).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <span>
#include <string_view>

#include "camera.hpp"
#include "charts.hpp"
#include "palette.hpp"
#include "socred/metrics.hpp"

namespace socred::gui {

struct SeriesChart {
  std::string_view title;
  std::string_view unit;
  std::span<const double> values;  // one per week from first_tick
  std::int64_t first_tick = 0;
  std::span<const Marker> markers;
  Theme theme = Theme::dark;
  bool counts = false;  // whole numbers
};

// A time series with axes, week labels and a marker line for each change.
Rect time_series_chart(const char* id, const SeriesChart& chart, ImVec2 size);

// The score histogram now (bars) over Sesame's tier bands, with week 0 as an outline.
Rect histogram_chart(const char* id, const ScoreHistogram& now, const ScoreHistogram& start,
                     Theme theme, ImVec2 size);

// A small score line over the tier bands, for the dossier.
void score_sparkline(const char* id, std::span<const float> scores, std::int64_t first_tick,
                     Theme theme, ImVec2 size);

}  // namespace socred::gui
