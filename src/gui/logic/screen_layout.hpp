// Where the panels go: controls on the left, the citizen's dossier on the right, charts along
// the bottom, and the network view in the middle. Recomputed from the window size and the
// font scale every frame, so a resized window or a projector font rearranges everything.
#pragma once

#include "camera.hpp"

namespace socred::gui {

struct ScreenLayout {
  Rect controls;
  Rect inspector;
  Rect charts;
  Rect network;
  int chart_columns = 5;
  float chart_height = 120;  // one chart cell
};

// The ten cells of the Charts panel: the histogram, eight time series, the events feed.
inline constexpr int kChartCells = 10;

ScreenLayout screen_layout(float width, float height, float font_scale);

}  // namespace socred::gui
