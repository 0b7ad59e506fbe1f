// The run controls (always visible at the top of the side panel), the side panel's tabs, and
// the small View and Export tabs.
#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app.hpp"
#include "words.hpp"

namespace socred::gui {

void draw_run_controls(App& app) {
  const SocietyView& v = app.view;
  ImGui::TextUnformatted(v.initial.name.c_str());
  if (ImGui::IsItemHovered() && !v.initial.description.empty()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(v.initial.description.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  if (ImGui::Button(v.playing ? "Pause (space)" : "Play (space)")) app.toggle_play();
  ImGui::SameLine();
  if (ImGui::Button("Step (->)")) app.step_once();
  ImGui::SameLine();
  if (ImGui::Button("Reset (R)")) app.reset();

  if (v.building) {
    ImGui::TextColored(ImVec4(1, 0.8f, 0.2f, 1), "Building the society...");
  } else {
    ImGui::Text("Week %lld  |  %s citizens  |  %s ties", static_cast<long long>(v.tick),
                with_commas(static_cast<double>(v.citizens)).c_str(),
                with_commas(static_cast<double>(v.ties_total)).c_str());
  }

  // Speed: weeks per second, logarithmic, or as fast as the machine goes. The window keeps
  // its own copy, so a dragged slider does not wait for the worker.
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  if (app.flat_out) ImGui::BeginDisabled();
  if (ImGui::SliderFloat("weeks/s", &app.speed, 1, 200, "%.0f", ImGuiSliderFlags_Logarithmic)) {
    app.runner.set_speed(app.speed);
  }
  if (app.flat_out) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Checkbox("max", &app.flat_out)) app.runner.set_speed(app.flat_out ? 0 : app.speed);
  if (v.playing) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%.0f/s)", v.weeks_per_second);
  }

  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  ImGui::InputScalar("seed", ImGuiDataType_U64, &app.seed_input);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Reset (R) starts the scenario again with this seed");
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
  ImGui::InputInt("##runto", &app.run_to_week, 0);
  ImGui::SameLine();
  if (ImGui::Button("Run to week")) {
    app.runner.play(false);
    app.runner.advance_to(app.run_to_week);
  }
  if (!v.load_error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", v.load_error.c_str());
  if (!app.status.text.empty()) {
    const ImVec4 colour = app.status.error ? ImVec4(1, 0.4f, 0.4f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(colour, "%s", app.status.text.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
}

void draw_side_tabs(App& app) {
  // Narrower tab padding, so that the five labels fit the side panel's default width. ImGui
  // lays the tabs out at EndTabBar, so the padding holds for the whole bar; the tabs'
  // contents get the usual padding back.
  const ImVec2 padding = ImGui::GetStyle().FramePadding;
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(padding.x * 0.5f, padding.y));
  if (!ImGui::BeginTabBar("side")) {
    ImGui::PopStyleVar();
    return;
  }
  auto tab = [&](const char* label, SideTab which, auto&& body) {
    const ImGuiTabItemFlags flags =
        app.select_tab && app.tab == which ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(label, nullptr, flags)) {
      if (!app.select_tab) app.tab = which;
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, padding);
      ImGui::BeginChild("tab");
      body();
      ImGui::EndChild();
      ImGui::PopStyleVar();
      ImGui::EndTabItem();
    }
  };
  tab("Policies", SideTab::policies, [&] { draw_parameters(app, "policies.", true); });
  tab("Scoring", SideTab::scoring, [&] { draw_scoring_panel(app); });
  tab("Scenarios", SideTab::scenarios, [&] { draw_scenarios_panel(app); });
  tab("Export", SideTab::exports, [&] { draw_export_panel(app); });
  tab("View", SideTab::view, [&] { draw_view_panel(app); });
  app.select_tab = false;
  ImGui::EndTabBar();
  ImGui::PopStyleVar();
}

void draw_view_panel(App& app) {
  ViewSettings& s = app.settings;
  ImGui::TextUnformatted("Classroom");
  bool projector = s.theme == Theme::projector;
  if (ImGui::Checkbox("High contrast (projector)", &projector)) {
    s.theme = projector ? Theme::projector : Theme::dark;
  }
  ImGui::SliderFloat("Text size", &s.font_scale, 1.0f, 2.5f, "%.1fx");
  if (ImGui::IsItemDeactivatedAfterEdit()) s.font_scale = std::round(s.font_scale * 10) / 10;
  ImGui::Separator();
  ImGui::TextUnformatted("Network");
  ImGui::Checkbox("Show ties", &s.show_ties);
  ImGui::Checkbox("Colour ties across the trusted line", &s.highlight_cross_ties);
  ImGui::SliderFloat("Tie opacity", &s.tie_opacity, 0.02f, 1.0f, "%.2f");
  ImGui::SliderFloat("Dot size", &s.node_size, 2.0f, 12.0f, "%.0f px");
  ImGui::Checkbox("Move the layout", &s.layout_running);
  ImGui::SliderInt("Layout steps per frame", &s.layout_steps_per_frame, 1, 10);
  if (ImGui::Button("Fit the network in view (F)")) app.fit_view();
  ImGui::TextWrapped(
      "Drag to pan, wheel to zoom, click a dot to open the citizen's dossier, Esc to close "
      "it. Keys: space play/pause, right arrow one week, R reset, + and - zoom, F fit, "
      "Ctrl+Q quit.");
}

void draw_export_panel(App& app) {
  ImGui::TextWrapped("Files go to this folder (created when needed):");
  ImGui::SetNextItemWidth(-1);
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%s", app.export_dir.c_str());
  if (ImGui::InputText("##dir", buffer, sizeof buffer)) app.export_dir = buffer;
  if (ImGui::Button("Save the window as PNG")) app.export_window_png();
  if (ImGui::Button("Export metrics.csv of the run so far")) app.export_metrics();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%zu week%s, the same columns as socred run", app.rows.size(),
                      app.rows.size() == 1 ? "" : "s");
  ImGui::PopTextWrapPos();
  ImGui::Separator();
  ImGui::TextUnformatted("Save one chart as PNG:");
  for (const auto& [name, rect] : app.chart_rects) {
    if (ImGui::Button(name.c_str())) app.export_chart_png(name);
  }
  ImGui::TextDisabled("(or right-click a chart)");
}

}  // namespace socred::gui
