#include "imgui_sfml.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <utility>

namespace socred::gui {

int imgui_key_index(sf::Keyboard::Key key) {
  // SFML key codes are small non-negative integers; ImGui 1.86 indexes KeysDown[512] by them.
  return key >= 0 && key < 512 ? static_cast<int>(key) : -1;
}

void map_keys(ImGuiIO& io) {
  const std::pair<ImGuiKey_, sf::Keyboard::Key> keys[] = {
      {ImGuiKey_Tab, sf::Keyboard::Tab},          {ImGuiKey_LeftArrow, sf::Keyboard::Left},
      {ImGuiKey_RightArrow, sf::Keyboard::Right}, {ImGuiKey_UpArrow, sf::Keyboard::Up},
      {ImGuiKey_DownArrow, sf::Keyboard::Down},   {ImGuiKey_PageUp, sf::Keyboard::PageUp},
      {ImGuiKey_PageDown, sf::Keyboard::PageDown}, {ImGuiKey_Home, sf::Keyboard::Home},
      {ImGuiKey_End, sf::Keyboard::End},          {ImGuiKey_Insert, sf::Keyboard::Insert},
      {ImGuiKey_Delete, sf::Keyboard::Delete},    {ImGuiKey_Backspace, sf::Keyboard::Backspace},
      {ImGuiKey_Space, sf::Keyboard::Space},      {ImGuiKey_Enter, sf::Keyboard::Enter},
      {ImGuiKey_Escape, sf::Keyboard::Escape},    {ImGuiKey_KeyPadEnter, sf::Keyboard::Enter},
      {ImGuiKey_A, sf::Keyboard::A},              {ImGuiKey_C, sf::Keyboard::C},
      {ImGuiKey_V, sf::Keyboard::V},              {ImGuiKey_X, sf::Keyboard::X},
      {ImGuiKey_Y, sf::Keyboard::Y},              {ImGuiKey_Z, sf::Keyboard::Z}};
  for (const auto& [imgui_key, sfml_key] : keys) io.KeyMap[imgui_key] = imgui_key_index(sfml_key);
}

void feed_event(ImGuiIO& io, InputLatch& latch, const sf::Event& event) {
  switch (event.type) {
    case sf::Event::MouseMoved:
      io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed:
      if (event.mouseButton.button < 5) latch.pressed[event.mouseButton.button] = true;
      break;
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) {
        io.MouseWheel += event.mouseWheelScroll.delta;
      } else {
        io.MouseWheelH += event.mouseWheelScroll.delta;
      }
      break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      const int k = imgui_key_index(event.key.code);
      const bool down = event.type == sf::Event::KeyPressed;
      if (k >= 0 && down) {
        io.KeysDown[k] = true;
        latch.keys_pressed.push_back(k);
      } else if (k >= 0) {
        const bool this_frame = std::find(latch.keys_pressed.begin(), latch.keys_pressed.end(),
                                          k) != latch.keys_pressed.end();
        if (this_frame) {
          latch.keys_released.push_back(k);
        } else {
          io.KeysDown[k] = false;
        }
      }
      io.KeyCtrl = event.key.control;
      io.KeyShift = event.key.shift;
      io.KeyAlt = event.key.alt;
      io.KeySuper = event.key.system;
      break;
    }
    case sf::Event::TextEntered:
      // Control characters (backspace, enter) arrive as keys instead.
      if (event.text.unicode >= 32 && event.text.unicode != 127) io.AddInputCharacter(event.text.unicode);
      break;
    default:
      break;
  }
}

void latch_input(ImGuiIO& io, InputLatch& latch, const std::array<bool, 5>& held) {
  for (std::size_t b = 0; b < 5; ++b) {
    io.MouseDown[b] = latch.pressed[b] || held[b];
    latch.pressed[b] = false;
  }
  // Releases held back last frame happen now; this frame's wait for the next.
  for (int k : latch.release_next) io.KeysDown[k] = false;
  latch.release_next.swap(latch.keys_released);
  latch.keys_released.clear();
  latch.keys_pressed.clear();
}

ImguiSfml::ImguiSfml(sf::Window& window) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // The layout is computed from the window size each frame; there is nothing to remember.
  io.IniFilename = nullptr;
  io.BackendPlatformName = "socred_imgui_sfml";
  map_keys(io);
  window.setActive(true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

ImguiSfml::~ImguiSfml() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void ImguiSfml::process_event(const sf::Event& event) { feed_event(ImGui::GetIO(), latch_, event); }

void ImguiSfml::new_frame(const sf::Window& window, float seconds) {
  ImGuiIO& io = ImGui::GetIO();
  const auto size = window.getSize();
  io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
  io.DeltaTime = seconds > 0 ? seconds : 1.0f / 60.0f;
  if (window.hasFocus()) {
    const sf::Vector2i mouse = sf::Mouse::getPosition(window);
    io.MousePos = ImVec2(static_cast<float>(mouse.x), static_cast<float>(mouse.y));
  }
  std::array<bool, 5> held{};
  if (window.hasFocus()) {
    for (std::size_t b = 0; b < 5; ++b) {
      held[b] = sf::Mouse::isButtonPressed(static_cast<sf::Mouse::Button>(b));
    }
  }
  latch_input(io, latch_, held);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
}

void ImguiSfml::render() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ImguiSfml::fonts_changed() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool ImguiSfml::wants_mouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImguiSfml::wants_keyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }

}  // namespace socred::gui
