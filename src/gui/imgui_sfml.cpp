#include "imgui_sfml.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace socred::gui {

int imgui_key_index(sf::Keyboard::Key key) {
  // SFML key codes are small non-negative integers; ImGui 1.86 indexes KeysDown[512] by them.
  return key >= 0 && key < 512 ? static_cast<int>(key) : -1;
}

ImguiSfml::ImguiSfml(sf::Window& window, bool save_settings) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  if (!save_settings) io.IniFilename = nullptr;
  io.BackendPlatformName = "socred_imgui_sfml";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  const std::pair<ImGuiKey_, sf::Keyboard::Key> keys[] = {
      {ImGuiKey_Tab, sf::Keyboard::Tab},         {ImGuiKey_LeftArrow, sf::Keyboard::Left},
      {ImGuiKey_RightArrow, sf::Keyboard::Right}, {ImGuiKey_UpArrow, sf::Keyboard::Up},
      {ImGuiKey_DownArrow, sf::Keyboard::Down},  {ImGuiKey_PageUp, sf::Keyboard::PageUp},
      {ImGuiKey_PageDown, sf::Keyboard::PageDown}, {ImGuiKey_Home, sf::Keyboard::Home},
      {ImGuiKey_End, sf::Keyboard::End},         {ImGuiKey_Insert, sf::Keyboard::Insert},
      {ImGuiKey_Delete, sf::Keyboard::Delete},   {ImGuiKey_Backspace, sf::Keyboard::Backspace},
      {ImGuiKey_Space, sf::Keyboard::Space},     {ImGuiKey_Enter, sf::Keyboard::Enter},
      {ImGuiKey_Escape, sf::Keyboard::Escape},   {ImGuiKey_KeyPadEnter, sf::Keyboard::Enter},
      {ImGuiKey_A, sf::Keyboard::A},             {ImGuiKey_C, sf::Keyboard::C},
      {ImGuiKey_V, sf::Keyboard::V},             {ImGuiKey_X, sf::Keyboard::X},
      {ImGuiKey_Y, sf::Keyboard::Y},             {ImGuiKey_Z, sf::Keyboard::Z}};
  for (const auto& [imgui_key, sfml_key] : keys) io.KeyMap[imgui_key] = imgui_key_index(sfml_key);
  window.setActive(true);
  ImGui_ImplOpenGL3_Init("#version 130");
}

ImguiSfml::~ImguiSfml() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void ImguiSfml::process_event(const sf::Event& event) {
  ImGuiIO& io = ImGui::GetIO();
  switch (event.type) {
    case sf::Event::MouseMoved:
      io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed:
      if (event.mouseButton.button < 5) pressed_[event.mouseButton.button] = true;
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
      if (k >= 0) io.KeysDown[k] = event.type == sf::Event::KeyPressed;
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

void ImguiSfml::new_frame(const sf::Window& window, float seconds) {
  ImGuiIO& io = ImGui::GetIO();
  const auto size = window.getSize();
  io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
  io.DeltaTime = seconds > 0 ? seconds : 1.0f / 60.0f;
  if (window.hasFocus()) {
    const sf::Vector2i mouse = sf::Mouse::getPosition(window);
    io.MousePos = ImVec2(static_cast<float>(mouse.x), static_cast<float>(mouse.y));
  }
  for (int b = 0; b < 5; ++b) {
    io.MouseDown[b] = pressed_[b] || sf::Mouse::isButtonPressed(static_cast<sf::Mouse::Button>(b));
    pressed_[b] = false;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
}

void ImguiSfml::render() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

bool ImguiSfml::wants_mouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImguiSfml::wants_keyboard() const { return ImGui::GetIO().WantCaptureKeyboard; }

}  // namespace socred::gui
