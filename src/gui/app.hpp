// The window's state and its frame: takes the newest view of the society from the worker,
// moves the layout a step, lays out the panels, and carries out scripted outputs
// (screenshots, chart PNGs, metrics.csv) for tests and scripts/screenshots.
//
// Panels (panel_*.cpp) are free functions over the App; the network (network_view.cpp) is
// drawn with SFML underneath ImGui.
#pragma once

#include <SFML/Graphics.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "camera.hpp"
#include "layout.hpp"
#include "network_view.hpp"
#include "options.hpp"
#include "palette.hpp"
#include "scenario_files.hpp"
#include "screen_layout.hpp"
#include "sim_runner.hpp"
#include "society_view.hpp"
#include "theme.hpp"

namespace socred::gui {

class ImguiSfml;

enum class SideTab { policies, scoring, scenarios, exports, view };

struct ViewSettings {
  Theme theme = Theme::dark;
  float font_scale = 1.0f;
  bool show_ties = true;
  bool highlight_cross_ties = true;
  float tie_opacity = 0.22f;
  float node_size = 4.0f;
  bool layout_running = true;
  int layout_steps_per_frame = 1;
  bool reveal_scoring = false;
};

// A PNG to save after the next frame is drawn: the whole window, or a rectangle of it.
struct Capture {
  std::filesystem::path file;
  std::optional<Rect> area;
};

// A status line under the run controls (last export, last error).
struct Status {
  std::string text;
  bool error = false;
};

struct App {
  App(GuiOptions options, sf::RenderWindow& window, ImguiSfml& imgui);

  // Frame steps, in order.
  void handle_event(const sf::Event& event, bool imgui_wants_mouse, bool imgui_wants_keyboard);
  void update();
  void draw_panels();
  void draw_scene(sf::RenderTarget& target);
  void after_render(sf::RenderWindow& window);
  bool should_close() const { return close_requested; }
  // The panels' background: the window is cleared to it and the panels draw none of their own.
  sf::Color panel_background() const;

  // Actions shared by buttons, keys and scripts.
  void toggle_play();
  void step_once();
  void reset();
  void load_scenario(const std::filesystem::path& file);
  void select(CitizenId citizen);
  void commit_change(const std::string& path, const FieldValue& value);
  void fit_view();
  void zoom_by(float factor);  // about the middle of the network view
  void export_metrics();
  void export_window_png();
  void export_chart_png(const std::string& chart);
  void set_status(std::string text, bool error = false);

  GuiOptions options;
  sf::RenderWindow& window;
  ImguiSfml& imgui;
  StyleState style;
  ViewSettings settings;
  ScreenLayout screen;
  SideTab tab = SideTab::policies;
  bool select_tab = true;  // make `tab` the open tab on the next frame

  SimRunner runner;
  SocietyView view;
  std::uint64_t generation = 0;
  std::vector<MetricsRow> rows;        // every week of this society
  std::vector<SocietyEvent> events;    // every policy change of this society

  ForceLayout layout;
  LayoutParams layout_params;
  Camera camera;
  bool camera_follows = true;  // refit the view while the layout moves, until the user pans
  NetworkView network;
  CitizenId selected = kNoCitizen;
  CitizenId dossier_shown = kNoCitizen;  // the inspector scrolls to the top when it changes
  std::optional<std::uint32_t> hovered;  // member index under the mouse
  Vec2 mouse;
  bool dragging = false;
  Vec2 press_at;

  // Parameter editing: the slider being dragged shows its own value until released.
  std::string editing_path;
  double editing_value = 0;

  // Run controls.
  float speed = 20;        // weeks per second when not flat out
  bool flat_out = false;   // as fast as the machine goes
  std::uint64_t seed_input = 0;
  int run_to_week = 520;
  char search[32] = "";

  // Scenario picker and saving.
  std::vector<ScenarioEntry> scenarios;
  std::string save_name;
  std::string save_file;
  int save_mode = 0;  // SaveMode

  // Exports.
  std::string export_dir = "socred-exports";
  std::vector<Capture> captures;
  std::vector<std::pair<std::string, Rect>> chart_rects;  // where each chart was drawn

  Status status;
  bool close_requested = false;
  int exit_code = 0;  // 2 when a scripted run found bad input (e.g. --select out of range)
  bool script_done = false;  // scripted outputs written
};

// Panels (each in its own file).
void draw_run_controls(App& app);
void draw_side_tabs(App& app);
void draw_parameters(App& app, std::string_view section, bool with_toggles_first);
void draw_scoring_panel(App& app);
void draw_scenarios_panel(App& app);
void draw_export_panel(App& app);
void draw_view_panel(App& app);
void draw_inspector(App& app);
void draw_charts(App& app);
void draw_network_overlay(App& app);

}  // namespace socred::gui
