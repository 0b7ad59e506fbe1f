// Dear ImGui 1.86 on an SFML 2.5 window, drawn with ImGui's OpenGL3 backend. No package
// provides this glue, so it is ours: input events in, frames out.
#pragma once

#include <SFML/Window.hpp>
#include <array>

namespace socred::gui {

class ImguiSfml {
 public:
  // Creates the ImGui context and the OpenGL3 renderer; the window's context must be active.
  explicit ImguiSfml(sf::Window& window, bool save_settings = true);
  ~ImguiSfml();
  ImguiSfml(const ImguiSfml&) = delete;
  ImguiSfml& operator=(const ImguiSfml&) = delete;

  // Feeds one SFML event to ImGui.
  void process_event(const sf::Event& event);
  // Starts a frame: display size, time step, mouse and keyboard state.
  void new_frame(const sf::Window& window, float seconds);
  // Draws ImGui's draw lists with OpenGL (after SFML has drawn the scene).
  void render();

  // Whether ImGui wants the mouse / keyboard this frame (then the scene should ignore them).
  bool wants_mouse() const;
  bool wants_keyboard() const;

 private:
  // Presses seen since the last frame, so a press and release within one frame still count.
  std::array<bool, 5> pressed_{};
};

// The ImGui key index for an SFML key (ImGui 1.86 uses the backend's own key codes).
int imgui_key_index(sf::Keyboard::Key key);

}  // namespace socred::gui
