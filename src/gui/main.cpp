// socred-gui: the desktop front end (Dear ImGui on SFML). Watch a society, poke its policies.
//
// The frame, in the order that works with ImGui's OpenGL3 backend on SFML (TOOLCHAIN.md):
// events, update, ImGui widgets, SFML draws the network, ImGui draws on top, captures,
// display. The simulation runs on its own thread (SimRunner), so a slow tick never stalls it.
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <SFML/Graphics.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/resource.h>
#include <vector>

#include "app.hpp"
#include "imgui_sfml.hpp"
#include "socred/errors.hpp"

namespace {

using socred::gui::App;
using socred::gui::GuiOptions;

// CPU seconds this process has used so far, all threads (drawing, Mesa's, the simulation's).
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Frame-time percentiles for --benchmark-frames. `cpu_seconds` is the process's CPU time over
// the measured frames: unlike wall time it barely moves when other programs share the cores.
void report_benchmark(std::vector<double> ms, double cpu_seconds, const App& app) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
  const double median = at(0.5), p95 = at(0.95);
  std::printf(
      "socred-gui benchmark: %zu frames, %zu citizens drawn, %zu ties drawn, simulation at "
      "week %lld (%.1f weeks/s)\n"
      "  frame time median %.1f ms (%.0f FPS), p95 %.1f ms (%.0f FPS), worst %.1f ms\n",
      ms.size(), app.view.members.size(), app.network.ties_drawn(),
      static_cast<long long>(app.view.tick), app.view.weeks_per_second, median, 1000 / median,
      p95, 1000 / p95, ms.back());
  std::printf("  CPU time per frame %.1f ms (all threads, the simulation's included)\n",
              1000 * cpu_seconds / static_cast<double>(ms.size()));
  // Other programs on the machine slow a software renderer down: say how busy it was.
  if (std::FILE* f = std::fopen("/proc/loadavg", "r")) {
    double one = 0;
    if (std::fscanf(f, "%lf", &one) == 1) std::printf("  load average during the run: %.2f\n", one);
    std::fclose(f);
  }
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = socred::gui::parse_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  GuiOptions& options = *parsed.options;

  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    std::cerr << "socred-gui: no display (DISPLAY is not set); run `socred run` for a headless "
                 "run, or start under xvfb-run\n";
    return 2;
  }

  sf::RenderWindow window(sf::VideoMode(options.width, options.height), "socred");
  // A person gets vsync; scripts and the benchmark draw as fast as they can.
  window.setVerticalSyncEnabled(!options.scripted());
  socred::gui::ImguiSfml imgui(window);
  App app(options, window, imgui);

  const int warmup = 30;
  std::vector<double> frame_ms;
  double cpu_at_warmup = 0;
  sf::Clock clock;
  auto last = std::chrono::steady_clock::now();
  for (int frame = 0; window.isOpen(); ++frame) {
    sf::Event event;
    while (window.pollEvent(event)) {
      imgui.process_event(event);
      app.handle_event(event, imgui.wants_mouse(), imgui.wants_keyboard());
    }
    app.update();
    // A scripted run whose society could not be built (an edge list that does not read)
    // would wait for it forever: leave as `socred run` does (the simulation thread has
    // logged why, on one line).
    if (options.scripted() && app.generation == 0 && !app.view.building &&
        !app.view.load_error.empty()) {
      return 2;
    }
    imgui.new_frame(window, clock.restart().asSeconds());
    app.draw_panels();
    window.resetGLStates();
    window.clear(app.panel_background());
    app.draw_scene(window);
    imgui.render();
    app.after_render(window);
    window.display();

    const auto now = std::chrono::steady_clock::now();
    if (options.benchmark_frames > 0 && frame == warmup - 1) cpu_at_warmup = process_cpu_seconds();
    if (options.benchmark_frames > 0 && frame >= warmup) {
      frame_ms.push_back(std::chrono::duration<double, std::milli>(now - last).count());
      if (static_cast<int>(frame_ms.size()) >= options.benchmark_frames) {
        report_benchmark(frame_ms, process_cpu_seconds() - cpu_at_warmup, app);
        app.close_requested = true;
      }
    }
    last = now;
    if (app.should_close()) window.close();
  }
  return app.exit_code;
}
