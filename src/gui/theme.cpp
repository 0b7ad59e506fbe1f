#include "theme.hpp"

#include <filesystem>

#include "imgui_sfml.hpp"

namespace socred::gui {
namespace {

// DejaVu Sans (Debian's fonts-dejavu-core) reads better than ImGui's built-in bitmap font
// when scaled up for a projector; the built-in font is the fallback.
constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

void load_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  std::error_code ec;
  if (std::filesystem::exists(kFontFile, ec)) {
    io.Fonts->AddFontFromFileTTF(kFontFile, 15.0f * scale);
  } else {
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&config);
  }
}

void projector_colours(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
  c[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 0.94f, 1);
  c[ImGuiCol_Border] = ImVec4(0, 0, 0, 0.6f);
  c[ImGuiCol_FrameBg] = ImVec4(0.88f, 0.88f, 0.88f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0, 0, 0, 1);
  c[ImGuiCol_SliderGrab] = ImVec4(0.1f, 0.3f, 0.7f, 1);
  c[ImGuiCol_Button] = ImVec4(0.80f, 0.86f, 0.95f, 1);
  c[ImGuiCol_Header] = ImVec4(0.80f, 0.86f, 0.95f, 1);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.75f, 0.80f, 0.90f, 1);
  c[ImGuiCol_TitleBg] = ImVec4(0.85f, 0.87f, 0.92f, 1);
  style.FrameBorderSize = 1.0f;
  style.WindowBorderSize = 1.5f;
}

}  // namespace

void apply_style(Theme theme, float font_scale, StyleState& applied, ImguiSfml& imgui) {
  if (applied.theme == theme && applied.font_scale == font_scale) return;
  ImGuiStyle style;
  if (theme == Theme::projector) {
    projector_colours(style);
  } else {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.11f, 0.14f, 0.97f);
  }
  style.WindowRounding = 0;
  style.FrameRounding = 2;
  style.ScaleAllSizes(font_scale);
  ImGui::GetStyle() = style;
  if (applied.font_scale != font_scale) {
    load_fonts(font_scale);
    imgui.fonts_changed();
  }
  applied = {theme, font_scale};
}

ImU32 to_imgui(Rgba c) { return IM_COL32(c.r, c.g, c.b, c.a); }

ImVec4 to_imgui_vec(Rgba c) { return ImVec4(c.r / 255.0f, c.g / 255.0f, c.b / 255.0f, c.a / 255.0f); }

}  // namespace socred::gui
