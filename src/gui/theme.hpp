// The look of the window: ImGui colours for the dark and projector themes, sizes and fonts
// scaled for a projector. Fonts are rebuilt only when the scale changes.
#pragma once

#include <imgui.h>

#include "palette.hpp"

namespace socred::gui {

class ImguiSfml;

struct StyleState {
  Theme theme = Theme::dark;
  float font_scale = 0;  // 0: nothing applied yet
};

// Applies `theme` and `font_scale` if they differ from `applied` (call between frames).
void apply_style(Theme theme, float font_scale, StyleState& applied, ImguiSfml& imgui);

ImU32 to_imgui(Rgba colour);
ImVec4 to_imgui_vec(Rgba colour);

}  // namespace socred::gui
