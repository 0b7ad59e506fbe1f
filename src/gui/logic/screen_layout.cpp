#include "screen_layout.hpp"

#include <algorithm>
#include <cmath>

namespace socred::gui {

ScreenLayout screen_layout(float width, float height, float font_scale) {
  ScreenLayout l;
  const float side = std::clamp(300.0f * font_scale, 220.0f, std::max(220.0f, 0.3f * width));
  const float charts_h = std::clamp(270.0f * font_scale, 160.0f, std::max(160.0f, 0.45f * height));
  const float top_h = std::max(height - charts_h, 100.0f);
  l.controls = {0, 0, side, top_h};
  l.inspector = {std::max(width - side, side), 0, side, top_h};
  l.charts = {0, top_h, width, height - top_h};
  l.network = {side, 0, std::max(width - 2 * side, 1.0f), top_h};
  l.chart_columns = std::clamp(static_cast<int>(width / (240.0f * font_scale)), 2, kChartCells);
  // Two rows fit in the panel; more rows scroll.
  l.chart_height = std::max((l.charts.h - 16.0f * font_scale) / 2.0f, 60.0f);
  return l;
}

}  // namespace socred::gui
