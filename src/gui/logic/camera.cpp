#include "camera.hpp"

namespace socred::gui {

Vec2 to_screen(const Camera& camera, const Rect& view, Vec2 world) {
  return view.centre() + (world - camera.centre) * camera.scale;
}

Vec2 to_world(const Camera& camera, const Rect& view, Vec2 screen) {
  return camera.centre + (screen - view.centre()) * (1.0f / camera.scale);
}

void zoom_at(Camera& camera, const Rect& view, Vec2 screen, float factor) {
  const Vec2 anchor = to_world(camera, view, screen);
  camera.scale = std::clamp(camera.scale * factor, kMinScale, kMaxScale);
  // Move the centre so that the anchor maps back to the same pixel.
  camera.centre = anchor - (screen - view.centre()) * (1.0f / camera.scale);
}

void pan_by(Camera& camera, Vec2 delta) { camera.centre = camera.centre - delta * (1.0f / camera.scale); }

Camera fit(const Bounds& bounds, const Rect& view, float margin) {
  Camera camera;
  if (bounds.empty()) return camera;
  camera.centre = (bounds.min + bounds.max) * 0.5f;
  const float w = std::max(bounds.max.x - bounds.min.x, 1e-3f);
  const float h = std::max(bounds.max.y - bounds.min.y, 1e-3f);
  const float room_w = std::max(view.w - 2 * margin, 1.0f);
  const float room_h = std::max(view.h - 2 * margin, 1.0f);
  camera.scale = std::clamp(std::min(room_w / w, room_h / h), kMinScale, kMaxScale);
  return camera;
}

}  // namespace socred::gui
