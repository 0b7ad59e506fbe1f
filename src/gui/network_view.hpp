// The network view, drawn with SFML under the ImGui panels: friendship ties as faint lines
// (ties across the trusted line in their own colour), citizens as dots in their tier's
// colour, a ring around the restricted, a cross on the blacklisted, and the selected
// citizen's ties highlighted.
//
// Ties cost most: under software rendering (Mesa llvmpipe) their pixels, not their number,
// dominate a frame. They are drawn into an off-screen texture a slice per frame (a full pass
// every few frames) and the last complete texture is shown each frame, moved and scaled to
// the current camera; when nothing has changed (paused, layout settled) no pass is drawn.
// Dots and marks are drawn every frame. Vertex arrays and textures are
// kept between frames, so drawing allocates nothing once they have grown.
#pragma once

#include <SFML/Graphics.hpp>
#include <optional>

#include "camera.hpp"
#include "layout.hpp"
#include "palette.hpp"
#include "society_view.hpp"

namespace socred::gui {

struct NetworkStyle {
  Theme theme = Theme::dark;
  bool show_ties = true;
  bool highlight_cross_ties = true;
  float tie_opacity = 0.22f;
  float node_size = 4.0f;   // pixels
  double trusted_line = 550;
  bool operator==(const NetworkStyle&) const = default;
};

// Ties drawn per frame into the off-screen texture; a pass takes ties / kTiesPerSlice frames.
inline constexpr std::size_t kTiesPerSlice = 7000;

class NetworkView {
 public:
  void draw(sf::RenderTarget& target, const Rect& area, const Camera& camera,
            const ForceLayout& layout, const SocietyView& view, const NetworkStyle& style,
            std::optional<std::uint32_t> selected, std::optional<std::uint32_t> hovered);

  // Ties drawn in the last complete pass.
  std::size_t ties_drawn() const { return ties_in_front_; }
  // Forgets the tie texture (a new society, a new theme).
  void invalidate() { front_valid_ = false; slice_ = 0; }

 private:
  void draw_tie_slice(const Rect& area, const ForceLayout& layout, const SocietyView& view,
                      const NetworkStyle& style);
  void draw_tie_texture(sf::RenderTarget& target, const Camera& camera, const Rect& area);

  sf::VertexArray ties_{sf::Lines};
  sf::VertexArray nodes_{sf::Quads};
  sf::VertexArray marks_{sf::Lines};

  // The tie texture being drawn (back) and the last complete one (front), each with the
  // camera it was drawn with.
  sf::RenderTexture textures_[2];  // SFML's render textures can be neither moved nor swapped
  int front_ = 0;
  sf::RenderTexture& front() { return textures_[front_]; }
  sf::RenderTexture& back() { return textures_[1 - front_]; }
  Camera front_camera_, back_camera_;
  sf::Vector2u texture_size_{0, 0};
  bool front_valid_ = false;
  std::size_t slice_ = 0, slices_ = 1;
  std::size_t ties_in_back_ = 0, ties_in_front_ = 0;
  // What the back and front textures show, so a still picture is not drawn again.
  std::uint64_t back_version_ = 0, front_version_ = 0;
  NetworkStyle back_style_, front_style_;
  float moved_since_front_ = 0;  // pixels the layout moved since the front pass began
};

}  // namespace socred::gui
