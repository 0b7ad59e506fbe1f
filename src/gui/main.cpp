// socred-gui: the desktop front end (Dear ImGui on SFML). Watch a society, poke its policies.
#include <SFML/Graphics.hpp>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <vector>

#include "imgui_sfml.hpp"
#include "socred/errors.hpp"
#include "socred/scenario_io.hpp"
#include "socred/simulation.hpp"

namespace {

struct Options {
  std::string scenario;
  std::int64_t ticks = 0;  // run this many ticks first (with --exit: then stop)
  std::string screenshot;
  bool exit_after = false;
  std::string log_level = "info";
  bool quiet = false;
};

bool save_screenshot(const sf::RenderWindow& window, const std::string& path) {
  sf::Texture texture;
  texture.create(window.getSize().x, window.getSize().y);
  texture.update(window);
  return texture.copyToImage().saveToFile(path);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"socred-gui: watch a reputation-scoring society and change its policies live"};
  Options opt;
  app.add_option("--scenario", opt.scenario, "Scenario file (default: the built-in classroom demo)");
  app.add_option("--ticks", opt.ticks, "Run this many ticks before showing (with --exit: then quit)");
  app.add_option("--screenshot", opt.screenshot, "Save the window as PNG after the first frame");
  app.add_flag("--exit", opt.exit_after, "Quit after the screenshot (for tests and docs)");
  app.add_option("--log-level", opt.log_level, "trace, debug, info, warn, error or off");
  app.add_flag("-q,--quiet", opt.quiet, "Warnings and errors only");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "socred-gui: " << e.what() << " (see socred-gui --help)\n";
    return 2;
  }
  spdlog::set_level(opt.quiet ? spdlog::level::warn : spdlog::level::from_str(opt.log_level));

  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    std::cerr << "socred-gui: no display (DISPLAY is not set); run `socred run` for a headless "
                 "run, or start under xvfb-run\n";
    return 2;
  }
  socred::LoadResult loaded = opt.scenario.empty() ? socred::default_scenario()
                                                   : socred::load_scenario_file(opt.scenario);
  if (!loaded.ok()) {
    std::cerr << loaded.error_text();
    return 2;
  }
  std::optional<socred::Simulation> sim;
  try {
    sim.emplace(*loaded.scenario);
  } catch (const socred::InputError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  for (std::int64_t t = 0; t < opt.ticks; ++t) sim->step();

  sf::RenderWindow window(sf::VideoMode(1280, 800), "socred");
  window.setVerticalSyncEnabled(true);
  socred::gui::ImguiSfml imgui(window, opt.screenshot.empty());
  std::vector<float> mean_history{static_cast<float>(sim->metrics()[socred::Metric::score_mean])};
  bool playing = false;
  sf::Clock clock;
  for (int frame = 0; window.isOpen(); ++frame) {
    sf::Event event;
    while (window.pollEvent(event)) {
      imgui.process_event(event);
      if (event.type == sf::Event::Closed) window.close();
      if (event.type == sf::Event::KeyPressed && !imgui.wants_keyboard()) {
        if (event.key.code == sf::Keyboard::Space) playing = !playing;
        if (event.key.code == sf::Keyboard::Right) {
          sim->step();
          mean_history.push_back(static_cast<float>(sim->metrics()[socred::Metric::score_mean]));
        }
      }
    }
    if (playing) {
      sim->step();
      mean_history.push_back(static_cast<float>(sim->metrics()[socred::Metric::score_mean]));
    }
    imgui.new_frame(window, clock.restart().asSeconds());
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(420, 400), ImGuiCond_FirstUseEver);
    ImGui::Begin("Society");
    ImGui::Text("%s: week %lld, %zu citizens", sim->scenario().name.c_str(),
                static_cast<long long>(sim->tick()), sim->world().size());
    if (ImGui::Button(playing ? "Pause (space)" : "Play (space)")) playing = !playing;
    ImGui::SameLine();
    if (ImGui::Button("Step (right arrow)")) {
      sim->step();
      mean_history.push_back(static_cast<float>(sim->metrics()[socred::Metric::score_mean]));
    }
    std::vector<float> bins;
    for (auto c : sim->histogram().counts) bins.push_back(static_cast<float>(c));
    ImGui::PlotHistogram("scores 350-950", bins.data(), static_cast<int>(bins.size()), 0, nullptr,
                         0.0f, FLT_MAX, ImVec2(0, 120));
    ImGui::PlotLines("mean score", mean_history.data(), static_cast<int>(mean_history.size()), 0,
                     nullptr, FLT_MAX, FLT_MAX, ImVec2(0, 120));
    ImGui::Text("restricted: %.1f%%", 100 * sim->metrics()[socred::Metric::restricted_any]);
    ImGui::End();

    window.resetGLStates();
    window.clear(sf::Color(24, 26, 32));
    imgui.render();
    if (frame == 1 && !opt.screenshot.empty()) {
      if (!save_screenshot(window, opt.screenshot)) spdlog::error("cannot save {}", opt.screenshot);
      if (opt.exit_after) window.close();
    }
    window.display();
  }
  return 0;
}
