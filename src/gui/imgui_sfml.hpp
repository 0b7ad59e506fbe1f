// Dear ImGui 1.86 on an SFML 2.5 window, drawn with ImGui's OpenGL3 backend. No package
// provides this glue, so it is ours: input events in, frames out.
//
// ImGui 1.86 reads input as state (io.MousePos, io.MouseDown[], io.KeysDown[]), not events,
// so a button or key pressed and released within one frame would be lost; the InputLatch
// keeps such a press down until one frame has seen it.
#pragma once

#include <SFML/Window.hpp>
#include <array>
#include <vector>

struct ImGuiIO;

namespace socred::gui {

struct InputLatch {
  std::array<bool, 5> pressed{};       // mouse buttons pressed since the last frame
  std::vector<int> keys_pressed;       // keys pressed since the last frame
  std::vector<int> keys_released;      // keys released since then, within the same frame
  std::vector<int> release_next;       // releases to apply before the next frame
};

// The ImGui key index for an SFML key (ImGui 1.86 uses the backend's own key codes), or -1.
int imgui_key_index(sf::Keyboard::Key key);
// Fills io.KeyMap for the keys ImGui's widgets use.
void map_keys(ImGuiIO& io);
// Feeds one SFML event to ImGui's input state.
void feed_event(ImGuiIO& io, InputLatch& latch, const sf::Event& event);
// Before each frame: io.MouseDown from the buttons held now and the presses latched since
// the last frame; keys released within the frame they were pressed in stay down for it.
void latch_input(ImGuiIO& io, InputLatch& latch, const std::array<bool, 5>& held);

class ImguiSfml {
 public:
  // Creates the ImGui context and the OpenGL3 renderer; the window's context must be active.
  explicit ImguiSfml(sf::Window& window);
  ~ImguiSfml();
  ImguiSfml(const ImguiSfml&) = delete;
  ImguiSfml& operator=(const ImguiSfml&) = delete;

  void process_event(const sf::Event& event);
  // Starts a frame: display size, time step, mouse and keyboard state.
  void new_frame(const sf::Window& window, float seconds);
  // Draws ImGui's draw lists with OpenGL (after SFML has drawn the scene).
  void render();
  // Uploads the font atlas again after fonts were added or rebuilt.
  void fonts_changed();

  // Whether ImGui wants the mouse / keyboard this frame (then the scene should ignore them).
  bool wants_mouse() const;
  bool wants_keyboard() const;

 private:
  InputLatch latch_;
};

}  // namespace socred::gui
