// Sections: setup | input | each frame | scripted outputs | actions.
#include "app.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "events_feed.hpp"
#include "imgui_sfml.hpp"
#include "socred/errors.hpp"
#include "socred/output_dir.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"

namespace socred::gui {
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// Setup

App::App(GuiOptions opts, sf::RenderWindow& win, ImguiSfml& gui)
    : options(std::move(opts)),
      window(win),
      imgui(gui),
      runner({options.threads, options.draw_limit, std::size_t{192} << 20, options.speed}) {
  settings.theme = options.high_contrast ? Theme::projector : Theme::dark;
  settings.font_scale = options.font_scale;
  settings.reveal_scoring = options.reveal_scoring;
  const auto& names = panel_names();
  tab = static_cast<SideTab>(std::find(names.begin(), names.end(), options.panel) - names.begin());
  seed_input = options.scenario.seed;
  flat_out = options.speed <= 0;
  speed = flat_out ? 20.0f : static_cast<float>(options.speed);
  run_to_week = static_cast<int>(std::min<std::int64_t>(options.scenario.ticks, 1'000'000));
  save_name = options.scenario.name;
  scenarios = list_scenarios(options.scenarios_dir);

  // What the command line asked for, in order: the society, scheduled changes, the citizen,
  // the weeks to run, then play.
  runner.load(options.scenario, options.source);
  for (const auto& c : options.changes) runner.change(c.path, c.value, kGuiNote, c.week);
  if (options.select) select(static_cast<CitizenId>(*options.select));
  if (options.ticks > 0) runner.advance_to(options.ticks);
  if (options.play || options.benchmark_frames > 0) runner.play(true);
}

// ---------------------------------------------------------------------------------------
// Input: keyboard shortcuts, and the mouse over the network view

void App::handle_event(const sf::Event& event, bool imgui_wants_mouse, bool imgui_wants_keyboard) {
  if (event.type == sf::Event::Closed) close_requested = true;
  if (event.type == sf::Event::Resized) {
    // SFML keeps the old mapping of coordinates to pixels unless told.
    window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                          static_cast<float>(event.size.height))));
  }
  if (event.type == sf::Event::KeyPressed && event.key.control && event.key.code == sf::Keyboard::Q) {
    close_requested = true;
  }
  if (event.type == sf::Event::KeyPressed && !imgui_wants_keyboard && !event.key.control) {
    switch (event.key.code) {
      case sf::Keyboard::Space: toggle_play(); break;
      case sf::Keyboard::Right: step_once(); break;
      case sf::Keyboard::R: reset(); break;
      case sf::Keyboard::F: fit_view(); break;
      case sf::Keyboard::Add:
      case sf::Keyboard::Equal: zoom_by(1.25f); break;
      case sf::Keyboard::Subtract:
      case sf::Keyboard::Hyphen: zoom_by(0.8f); break;
      case sf::Keyboard::Escape: select(kNoCitizen); break;
      default: break;
    }
  }
  const Rect& area = screen.network;
  if (event.type == sf::Event::MouseMoved) {
    const Vec2 now{static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
    if (dragging) {
      pan_by(camera, now - mouse);
      camera_follows = false;
    }
    mouse = now;
  }
  if (imgui_wants_mouse && !dragging) return;
  if (event.type == sf::Event::MouseWheelScrolled && area.contains(mouse)) {
    const Vec2 local = mouse - Vec2{area.x, area.y};
    zoom_at(camera, {0, 0, area.w, area.h}, local, std::pow(1.15f, event.mouseWheelScroll.delta));
    camera_follows = false;
  }
  if (event.type == sf::Event::MouseButtonPressed && area.contains(mouse) &&
      event.mouseButton.button == sf::Mouse::Left) {
    dragging = true;
    press_at = mouse;
  }
  if (event.type == sf::Event::MouseButtonReleased && event.mouseButton.button == sf::Mouse::Left &&
      dragging) {
    dragging = false;
    // A click, not a drag: select the citizen under the mouse, or nobody.
    const Vec2 moved = mouse - press_at;
    if (std::abs(moved.x) + std::abs(moved.y) < 4) {
      select(hovered ? view.members[*hovered] : kNoCitizen);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Each frame

void App::update() {
  apply_style(settings.theme, settings.font_scale, style, imgui);
  const sf::Vector2u size = window.getSize();
  screen = screen_layout(static_cast<float>(size.x), static_cast<float>(size.y), settings.font_scale);

  // The newest copy of the society, and the rows and events since the last one.
  while (runner.take(view)) {
    if (view.generation != generation) {
      generation = view.generation;
      rows.clear();
      events.clear();
      layout.place(view.member_region, view.regions);
      network.invalidate();
      camera_follows = true;
      hovered.reset();
      if (selected != kNoCitizen && selected >= view.citizens) select(kNoCitizen);
      seed_input = view.initial.seed;
    }
    rows.insert(rows.end(), view.new_rows.begin(), view.new_rows.end());
    events.insert(events.end(), view.new_events.begin(), view.new_events.end());
  }

  // The layout follows the network; scripted runs settle it once the weeks have run.
  const bool waiting_for_script = options.scripted() && !options.benchmark_frames;
  if (settings.layout_running && !waiting_for_script) {
    for (int k = 0; k < settings.layout_steps_per_frame; ++k) layout.step(view.ties, layout_params);
  }
  if (camera_follows) camera = fit(layout.bounds(), {0, 0, screen.network.w, screen.network.h}, 16);

  // What is under the mouse.
  hovered.reset();
  if (screen.network.contains(mouse) && !ImGui::GetIO().WantCaptureMouse) {
    const Vec2 world = to_world(camera, {0, 0, screen.network.w, screen.network.h},
                                mouse - Vec2{screen.network.x, screen.network.y});
    hovered = layout.nearest(world, (settings.node_size + 3) / camera.scale);
  }
}

void App::draw_scene(sf::RenderTarget& target) {
  NetworkStyle ns;
  ns.theme = settings.theme;
  ns.show_ties = settings.show_ties;
  ns.highlight_cross_ties = settings.highlight_cross_ties;
  ns.tie_opacity = settings.tie_opacity;
  ns.node_size = settings.node_size;
  ns.trusted_line = view.scenario.metrics.trusted_line;
  std::optional<std::uint32_t> selected_member;
  if (selected != kNoCitizen && selected < view.citizens && !view.members.empty()) {
    const auto it = std::lower_bound(view.members.begin(), view.members.end(), selected);
    if (it != view.members.end() && *it == selected) {
      selected_member = static_cast<std::uint32_t>(it - view.members.begin());
    }
  }
  network.draw(target, screen.network, camera, layout, view, ns, selected_member, hovered);
}

sf::Color App::panel_background() const {
  const ImVec4 c = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  auto byte = [](float x) { return static_cast<std::uint8_t>(std::clamp(x, 0.0f, 1.0f) * 255); };
  return {byte(c.x), byte(c.y), byte(c.z)};
}

void App::draw_panels() {
  const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse;
  auto place = [](const Rect& r) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h), ImGuiCond_Always);
  };

  // The three panels draw no background: the window is cleared to their colour before
  // anything is drawn, which spares a software renderer blending 40% of the window again.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
  place(screen.controls);
  if (ImGui::Begin("socred", nullptr, fixed | ImGuiWindowFlags_NoTitleBar)) {
    draw_run_controls(*this);
    draw_side_tabs(*this);
  }
  ImGui::End();

  place(screen.inspector);
  if (ImGui::Begin("Citizen", nullptr, fixed)) draw_inspector(*this);
  ImGui::End();

  place(screen.charts);
  if (ImGui::Begin("Charts", nullptr, fixed | ImGuiWindowFlags_NoTitleBar)) draw_charts(*this);
  ImGui::End();
  ImGui::PopStyleColor();

  draw_network_overlay(*this);
}

// ---------------------------------------------------------------------------------------
// Scripted outputs: once the asked-for weeks have run, settle the layout, save what was
// asked for, and quit when told to.

void App::after_render(sf::RenderWindow& target) {
  // Captures queued by buttons are taken from the frame just drawn.
  if (!captures.empty()) {
    sf::Texture texture;
    texture.create(target.getSize().x, target.getSize().y);
    texture.update(target);
    const sf::Image frame = texture.copyToImage();
    for (const auto& capture : captures) {
      sf::Image image = frame;
      if (capture.area) {
        const auto& a = *capture.area;
        image.create(static_cast<unsigned>(a.w), static_cast<unsigned>(a.h));
        image.copy(frame, 0, 0,
                   sf::IntRect(static_cast<int>(a.x), static_cast<int>(a.y), static_cast<int>(a.w),
                               static_cast<int>(a.h)));
      }
      // Saved under a temporary name with the same extension, then renamed into place, with
      // the folder locked against another socred writing there.
      fs::path temp = capture.file;
      temp.replace_filename(".partial-" + capture.file.filename().string());
      std::error_code ec;
      std::string refused;
      try {
        const fs::path folder = capture.file.parent_path();
        const OutputLock lock = OutputLock::inside(folder.empty() ? "." : folder,
                                                   "choose another folder");
        if (image.saveToFile(temp.string())) fs::rename(temp, capture.file, ec);
      } catch (const InputError& e) {
        refused = e.what();
      }
      if (!refused.empty()) {
        set_status(refused, true);
        if (options.scripted()) exit_code = 2;
      } else if (ec || !fs::exists(capture.file)) {
        fs::remove(temp, ec);
        set_status(capture.file.string() + ": cannot write the PNG", true);
        if (options.scripted()) exit_code = 2;
      } else {
        set_status("saved " + capture.file.string());
        spdlog::info("saved {}", capture.file.string());
      }
    }
    captures.clear();
    if (script_done && options.exit_when_done) close_requested = true;
    return;
  }

  if (!options.scripted() || options.benchmark_frames > 0 || script_done) return;
  // Ready once the weeks have run (and, unless playing on, the worker has nothing left to do).
  const bool ready = generation > 0 && !view.building && view.tick >= options.ticks &&
                     (options.play || runner.wait_until_idle(std::chrono::milliseconds(0)));
  if (!ready) return;
  if (options.select && *options.select >= view.citizens) {
    std::fprintf(stderr, "socred-gui: --select %llu: no such citizen (ids run from 0 to %zu)\n",
                 static_cast<unsigned long long>(*options.select), view.citizens - 1);
    close_requested = true;
    exit_code = 2;
    script_done = true;
    return;
  }
  if (options.select && !view.dossier) return;  // the dossier is on its way
  for (int k = 0; k < options.settle_steps; ++k) layout.step(view.ties, layout_params);
  if (camera_follows) camera = fit(layout.bounds(), {0, 0, screen.network.w, screen.network.h}, 16);
  network.invalidate();
  if (!options.metrics_csv.empty()) {
    try {
      const fs::path folder = options.metrics_csv.parent_path();
      const OutputLock lock = OutputLock::inside(folder.empty() ? "." : folder, "choose another file");
      write_file_atomically(options.metrics_csv, metrics_csv(rows));
      spdlog::info("wrote {}", options.metrics_csv.string());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      exit_code = 2;
    }
  }
  // The next frame is drawn with the settled layout; its captures are the screenshots.
  if (!options.screenshot.empty()) captures.push_back({options.screenshot, std::nullopt});
  for (const auto& shot : options.chart_shots) {
    for (const auto& [name, rect] : chart_rects) {
      if (name == shot.chart) captures.push_back({shot.file, rect});
    }
  }
  for (const auto& shot : options.area_shots) {
    const Rect area = shot.chart == "network"     ? screen.network
                      : shot.chart == "controls"  ? screen.controls
                      : shot.chart == "inspector" ? screen.inspector
                                                  : screen.charts;
    captures.push_back({shot.file, area});
  }
  script_done = true;
  if (captures.empty() && options.exit_when_done) close_requested = true;
}

// ---------------------------------------------------------------------------------------
// Actions

void App::toggle_play() {
  spdlog::info("{} at week {}", view.playing ? "pause" : "play", view.tick);
  runner.play(!view.playing);
}

void App::step_once() {
  spdlog::info("one week on from week {}", view.tick);
  runner.play(false);
  runner.advance(1);
}

void App::reset() {
  Scenario s = view.initial;
  s.seed = seed_input;
  runner.load(s, view.source);
  set_status("reset to week 0 with seed " + std::to_string(seed_input));
  spdlog::info("{}", status.text);
}

void App::load_scenario(const fs::path& file) {
  const LoadResult loaded = load_scenario_file(file);
  if (!loaded.ok()) {
    set_status(loaded.errors.empty() ? file.string() + ": cannot be loaded" : loaded.errors.front().str(),
               true);
    return;
  }
  runner.load(*loaded.scenario, file.string());
  save_name = loaded.scenario->name;
  run_to_week = static_cast<int>(std::min<std::int64_t>(loaded.scenario->ticks, 1'000'000));
  set_status("loaded " + file.string());
  spdlog::info("{}", status.text);
}

void App::select(CitizenId citizen) {
  if (citizen == selected) return;
  selected = citizen;
  runner.select(citizen);
  if (citizen != kNoCitizen) spdlog::info("selected citizen #{}", citizen);
}

void App::commit_change(const std::string& path, const FieldValue& value) {
  const std::string error = runner.change(path, value, kGuiNote);
  if (error.empty()) {
    set_status(describe_setting(path + " = " + format_value(value)) + " from week " +
               std::to_string(view.tick + 1));
  } else {
    set_status(path + ": " + error, true);
  }
  spdlog::info("{}", status.text);
}

void App::zoom_by(float factor) {
  const Rect local{0, 0, screen.network.w, screen.network.h};
  zoom_at(camera, local, local.centre(), factor);
  camera_follows = false;
}

void App::fit_view() {
  camera_follows = true;
  camera = fit(layout.bounds(), {0, 0, screen.network.w, screen.network.h}, 16);
}

void App::set_status(std::string text, bool error) {
  status = {std::move(text), error};
  if (error) spdlog::warn("{}", status.text);
}

void App::export_metrics() {
  try {
    fs::create_directories(export_dir);
    // Locked while a free name is chosen and written, so two exports cannot pick the same.
    const OutputLock lock = OutputLock::inside(export_dir, "choose another export folder");
    const fs::path file = unused_path(export_dir, "metrics", ".csv");
    write_file_atomically(file, metrics_csv(rows));
    set_status("saved " + file.string() + " (" + std::to_string(rows.size()) + " weeks)");
    spdlog::info("{}", status.text);
  } catch (const std::exception& e) {
    set_status(e.what(), true);
  }
}

void App::export_window_png() {
  std::error_code ec;
  fs::create_directories(export_dir, ec);
  captures.push_back({unused_path(export_dir, "socred-week-" + std::to_string(view.tick), ".png"),
                      std::nullopt});
}

void App::export_chart_png(const std::string& chart) {
  for (const auto& [name, rect] : chart_rects) {
    if (name != chart) continue;
    std::error_code ec;
    fs::create_directories(export_dir, ec);
    captures.push_back({unused_path(export_dir, chart + "-week-" + std::to_string(view.tick), ".png"),
                        rect});
    return;
  }
}

}  // namespace socred::gui
