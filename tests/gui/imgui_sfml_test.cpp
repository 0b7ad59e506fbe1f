#include "imgui_sfml.hpp"

#include <imgui.h>

#include <catch2/catch.hpp>

using namespace socred::gui;

namespace {

// An ImGui context for one test, without a window or a renderer.
struct Context {
  Context() {
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    map_keys(ImGui::GetIO());
  }
  ~Context() { ImGui::DestroyContext(); }
};

sf::Event mouse_button(sf::Event::EventType type, sf::Mouse::Button button) {
  sf::Event e;
  e.type = type;
  e.mouseButton = {button, 10, 20};
  return e;
}

}  // namespace

TEST_CASE("a click within one frame reaches ImGui, then is released") {
  Context context;
  ImGuiIO& io = ImGui::GetIO();
  InputLatch latch;
  feed_event(io, latch, mouse_button(sf::Event::MouseButtonPressed, sf::Mouse::Left));
  feed_event(io, latch, mouse_button(sf::Event::MouseButtonReleased, sf::Mouse::Left));
  latch_input(io, latch, {});
  CHECK(io.MouseDown[0]);
  CHECK_FALSE(io.MouseDown[1]);
  latch_input(io, latch, {});
  CHECK_FALSE(io.MouseDown[0]);
  // A button still held stays down.
  latch_input(io, latch, {false, true, false, false, false});
  CHECK(io.MouseDown[1]);
}

TEST_CASE("mouse moves, wheel, keys and text reach ImGui") {
  Context context;
  ImGuiIO& io = ImGui::GetIO();
  InputLatch latch;
  sf::Event move;
  move.type = sf::Event::MouseMoved;
  move.mouseMove = {123, 45};
  feed_event(io, latch, move);
  CHECK(io.MousePos.x == 123);
  CHECK(io.MousePos.y == 45);

  sf::Event wheel;
  wheel.type = sf::Event::MouseWheelScrolled;
  wheel.mouseWheelScroll = {sf::Mouse::VerticalWheel, 1.5f, 0, 0};
  feed_event(io, latch, wheel);
  CHECK(io.MouseWheel == 1.5f);

  sf::Event key;
  key.type = sf::Event::KeyPressed;
  key.key = {sf::Keyboard::Backspace, false, true, false, false};
  feed_event(io, latch, key);
  CHECK(io.KeysDown[io.KeyMap[ImGuiKey_Backspace]]);
  CHECK(io.KeyCtrl);
  latch_input(io, latch, {});
  key.type = sf::Event::KeyReleased;
  feed_event(io, latch, key);
  CHECK_FALSE(io.KeysDown[io.KeyMap[ImGuiKey_Backspace]]);

  sf::Event text;
  text.type = sf::Event::TextEntered;
  text.text.unicode = 'x';
  feed_event(io, latch, text);
  text.text.unicode = 8;  // backspace arrives as a key, not as text
  feed_event(io, latch, text);
  REQUIRE(io.InputQueueCharacters.Size == 1);
  CHECK(io.InputQueueCharacters[0] == 'x');
  CHECK(imgui_key_index(sf::Keyboard::Unknown) == -1);
}

TEST_CASE("a key pressed and released within one frame is down for exactly that frame") {
  Context context;
  ImGuiIO& io = ImGui::GetIO();
  InputLatch latch;
  const int enter = io.KeyMap[ImGuiKey_Enter];
  sf::Event key;
  key.type = sf::Event::KeyPressed;
  key.key = {sf::Keyboard::Enter, false, false, false, false};
  feed_event(io, latch, key);
  key.type = sf::Event::KeyReleased;
  feed_event(io, latch, key);
  latch_input(io, latch, {});
  CHECK(io.KeysDown[enter]);  // this frame sees the press
  latch_input(io, latch, {});
  CHECK_FALSE(io.KeysDown[enter]);  // the next one sees the release
}
