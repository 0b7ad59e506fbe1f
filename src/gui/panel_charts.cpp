// The Charts panel: the score histogram, the time series with change markers, and the
// events feed, in a grid of cells that reflows with the window and the font scale.
#include <imgui.h>

#include <string>

#include "app.hpp"
#include "chart_widgets.hpp"
#include "events_feed.hpp"

namespace socred::gui {
namespace {

// Right-click menu of a chart: save it, or the whole run, to a file.
void chart_menu(App& app, const std::string& chart) {
  if (ImGui::BeginPopupContextItem(("menu-" + chart).c_str())) {
    if (ImGui::MenuItem("Save this chart as PNG")) app.export_chart_png(chart);
    if (ImGui::MenuItem("Export metrics.csv of the run so far")) app.export_metrics();
    ImGui::EndPopup();
  }
}

void events_feed(App& app, ImVec2 size) {
  ImGui::BeginChild("feed", size, true);
  ImGui::TextUnformatted("Events");
  ImGui::SameLine();
  ImGui::TextDisabled("(policy changes)");
  ImGui::Separator();
  const auto lines = feed_lines(app.events);
  if (lines.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("None yet. Change a policy on the left: it shows here and as a line "
                        "on every chart.");
    ImGui::PopTextWrapPos();
  }
  const Palette& pal = palette(app.settings.theme);
  for (const auto& line : lines) {
    const ImVec4 colour = to_imgui_vec(line.from_user ? pal.user_change : pal.timeline_change);
    ImGui::TextColored(colour, "Week %lld", static_cast<long long>(line.tick));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", line.text.c_str());
  }
  ImGui::EndChild();
}

}  // namespace

void draw_charts(App& app) {
  const ScreenLayout& s = app.screen;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width =
      (ImGui::GetContentRegionAvail().x - spacing * static_cast<float>(s.chart_columns - 1)) /
      static_cast<float>(s.chart_columns);
  const ImVec2 cell{std::max(width, 80.0f), s.chart_height};
  const auto markers = markers_of(app.events);
  const std::int64_t first = app.rows.empty() ? 0 : static_cast<std::int64_t>(app.rows.front()[Metric::tick]);
  app.chart_rects.clear();

  for (int k = 0; k < kChartCells; ++k) {
    if (k % s.chart_columns != 0) ImGui::SameLine();
    if (k == 0) {
      const Rect r = histogram_chart("histogram", app.view.histogram, app.view.initial_histogram,
                                     app.settings.theme, cell);
      app.chart_rects.emplace_back("histogram", r);
      chart_menu(app, "histogram");
    } else if (k <= static_cast<int>(time_series_charts().size())) {
      const ChartSpec& spec = time_series_charts()[static_cast<std::size_t>(k - 1)];
      const std::string name(metric_info()[static_cast<std::size_t>(spec.metric)].name);
      const auto values = series_of(app.rows, spec);
      const Rect r = time_series_chart(name.c_str(),
                                       {spec.title, spec.unit, values, first, markers, app.settings.theme, spec.counts},
                                       cell);
      app.chart_rects.emplace_back(name, r);
      chart_menu(app, name);
    } else {
      events_feed(app, cell);
    }
  }
}

}  // namespace socred::gui
