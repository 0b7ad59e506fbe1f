// Pan and zoom of the network view: world coordinates (where the layout puts citizens) to
// screen pixels inside the view's rectangle, and back.
#pragma once

#include <algorithm>

namespace socred::gui {

struct Vec2 {
  float x = 0, y = 0;
  Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
  Vec2 operator-(Vec2 o) const { return {x - o.x, y - o.y}; }
  Vec2 operator*(float k) const { return {x * k, y * k}; }
  bool operator==(const Vec2&) const = default;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(Vec2 p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
  Vec2 centre() const { return {x + w / 2, y + h / 2}; }
};

struct Bounds {
  Vec2 min, max;
  bool empty() const { return max.x < min.x || max.y < min.y; }
};

struct Camera {
  Vec2 centre;         // world point shown at the middle of the view
  float scale = 1.0f;  // pixels per world unit
};

inline constexpr float kMinScale = 1e-3f;
inline constexpr float kMaxScale = 1e4f;

Vec2 to_screen(const Camera& camera, const Rect& view, Vec2 world);
Vec2 to_world(const Camera& camera, const Rect& view, Vec2 screen);

// Zooms by `factor` keeping the world point under `screen` where it is.
void zoom_at(Camera& camera, const Rect& view, Vec2 screen, float factor);

// Moves the picture by a mouse drag of `delta` pixels.
void pan_by(Camera& camera, Vec2 delta);

// The camera that shows `bounds` whole inside `view`, leaving `margin` pixels on each side.
Camera fit(const Bounds& bounds, const Rect& view, float margin);

}  // namespace socred::gui
