#include "network_view.hpp"

#include <algorithm>
#include <cmath>

#include "socred/world.hpp"

namespace socred::gui {
namespace {

sf::Color sfml(Rgba c) { return {c.r, c.g, c.b, c.a}; }

// cos and sin of k * 2 pi / 16, for rings.
constexpr float kCos[17] = {1, .92388f, .70711f, .38268f, 0, -.38268f, -.70711f, -.92388f, -1,
                            -.92388f, -.70711f, -.38268f, 0, .38268f, .70711f, .92388f, 1};
constexpr float kSin[17] = {0, .38268f, .70711f, .92388f, 1, .92388f, .70711f, .38268f, 0,
                            -.38268f, -.70711f, -.92388f, -1, -.92388f, -.70711f, -.38268f, 0};

// A circle outline of 8 or 16 lines.
void ring(sf::VertexArray& out, sf::Vector2f centre, float radius, sf::Color colour,
          int segments = 8) {
  const int step = segments >= 16 ? 1 : 2;
  for (int k = 0; k < 16; k += step) {
    out.append({{centre.x + radius * kCos[k], centre.y + radius * kSin[k]}, colour});
    out.append({{centre.x + radius * kCos[k + step], centre.y + radius * kSin[k + step]}, colour});
  }
}

void cross(sf::VertexArray& out, sf::Vector2f c, float r, sf::Color colour) {
  out.append({{c.x - r, c.y - r}, colour});
  out.append({{c.x + r, c.y + r}, colour});
  out.append({{c.x - r, c.y + r}, colour});
  out.append({{c.x + r, c.y - r}, colour});
}

sf::Vector2f pixel(const Camera& camera, const Rect& area, Vec2 world) {
  const Vec2 p = to_screen(camera, {0, 0, area.w, area.h}, world);
  return {p.x, p.y};
}


}  // namespace

void NetworkView::draw_tie_slice(const Rect& area, const ForceLayout& layout,
                                 const SocietyView& view, const NetworkStyle& style) {
  const Palette& pal = palette(style.theme);
  const auto positions = layout.positions();
  const std::size_t n = std::min(positions.size(), view.score.size());
  const std::size_t total = view.ties.size();
  const std::size_t begin = slice_ * total / slices_, end = (slice_ + 1) * total / slices_;
  // Dark ties on white add up faster than light ties on dark: the projector theme halves them.
  const float opacity = style.tie_opacity * (style.theme == Theme::projector ? 0.5f : 1.0f);
  const auto alpha = static_cast<std::uint8_t>(std::clamp(opacity, 0.0f, 1.0f) * 255);
  const sf::Color plain = sfml(with_alpha(pal.tie, alpha));
  const sf::Color across = sfml(with_alpha(pal.cross_tie, static_cast<std::uint8_t>(std::min(255, alpha * 2))));
  ties_.clear();
  for (std::size_t k = begin; k < end; ++k) {
    const auto [u, v] = view.ties[k];
    if (u >= n || v >= n) continue;
    const sf::Vector2f a = pixel(back_camera_, area, positions[u]);
    const sf::Vector2f b = pixel(back_camera_, area, positions[v]);
    // Skip ties whose bounding box misses the view.
    if ((a.x < 0 && b.x < 0) || (a.y < 0 && b.y < 0) || (a.x > area.w && b.x > area.w) ||
        (a.y > area.h && b.y > area.h)) {
      continue;
    }
    const bool crosses = (view.score[u] < style.trusted_line) != (view.score[v] < style.trusted_line);
    const sf::Color colour = style.highlight_cross_ties && crosses ? across : plain;
    ties_.append({a, colour});
    ties_.append({b, colour});
  }
  back().draw(ties_);
  ties_in_back_ += ties_.getVertexCount() / 2;
}

void NetworkView::draw_tie_texture(sf::RenderTarget& target, const Camera& camera,
                                   const Rect& area) {
  // Map the texture, drawn with front_camera_, onto the current camera: a uniform scale
  // and a shift (see camera.hpp: screen = centre + (world - camera.centre) * scale).
  const float k = camera.scale / front_camera_.scale;
  const Vec2 centre{area.w / 2, area.h / 2};
  const Vec2 shift = centre * (1 - k) + (front_camera_.centre - camera.centre) * camera.scale;
  sf::Sprite sprite(front().getTexture());
  sprite.setScale(k, k);
  sprite.setPosition(shift.x, shift.y);
  // The texture is opaque (ties over the background colour): no blending needed, which
  // saves a software renderer reading every pixel underneath.
  target.draw(sprite, sf::RenderStates(sf::BlendNone));
}

void NetworkView::draw(sf::RenderTarget& target, const Rect& area, const Camera& camera,
                       const ForceLayout& layout, const SocietyView& view,
                       const NetworkStyle& style, std::optional<std::uint32_t> selected,
                       std::optional<std::uint32_t> hovered) {
  const Palette& pal = palette(style.theme);
  const auto positions = layout.positions();
  const std::size_t n = std::min(positions.size(), view.score.size());
  nodes_.clear();
  marks_.clear();
  if (area.w < 1 || area.h < 1) return;

  // Draw inside the area only.
  const sf::Vector2u size = target.getSize();
  sf::View clip(sf::FloatRect(0, 0, area.w, area.h));
  clip.setViewport(sf::FloatRect(area.x / static_cast<float>(size.x), area.y / static_cast<float>(size.y),
                                 area.w / static_cast<float>(size.x), area.h / static_cast<float>(size.y)));
  const sf::View previous = target.getView();
  target.setView(clip);

  // Without the (opaque) tie texture, the network's own background.
  const Rgba bg = pal.background;
  if (!style.show_ties || !front_valid_) {
    sf::RectangleShape back_colour({area.w, area.h});
    back_colour.setFillColor(sf::Color(bg.r, bg.g, bg.b));
    target.draw(back_colour, sf::RenderStates(sf::BlendNone));
  }

  // Ties: one slice into the back texture; a finished pass becomes the front texture.
  if (style.show_ties) {
    const sf::Vector2u wanted(static_cast<unsigned>(area.w), static_cast<unsigned>(area.h));
    if (wanted != texture_size_) {
      textures_[0].create(wanted.x, wanted.y);
      textures_[1].create(wanted.x, wanted.y);
      texture_size_ = wanted;
      invalidate();
    }
    // A texture drawn with a very different camera (a zoom, a jump of the layout) would show
    // blurred or out-of-place ties for a pass: draw the next pass whole instead.
    if (front_valid_ && slice_ == 0) {
      const float k = camera.scale / front_camera_.scale;
      const Vec2 moved = (front_camera_.centre - camera.centre) * camera.scale;
      if (k > 1.15f || k < 0.87f || std::abs(moved.x) > area.w / 8 || std::abs(moved.y) > area.h / 8) {
        invalidate();
      }
    }
    moved_since_front_ += layout.movement() * camera.scale;
    const bool still = front_valid_ && view.version == front_version_ && style == front_style_ &&
                       moved_since_front_ < 0.5f;
    if (slice_ == 0 && !still) {
      back().clear(sf::Color(bg.r, bg.g, bg.b));
      back_camera_ = camera;
      back_version_ = view.version;
      back_style_ = style;
      ties_in_back_ = 0;
      moved_since_front_ = 0;
      // The first pass after a change is drawn whole, so ties never go missing.
      slices_ = front_valid_ ? std::clamp<std::size_t>(view.ties.size() / kTiesPerSlice + 1, 1, 8) : 1;
    }
    if (slice_ > 0 || !still) {
      draw_tie_slice(area, layout, view, style);
      if (++slice_ == slices_) {
        back().display();
        front_ = 1 - front_;
        front_camera_ = back_camera_;
        front_version_ = back_version_;
        front_style_ = back_style_;
        ties_in_front_ = ties_in_back_;
        front_valid_ = true;
        slice_ = 0;
      }
    }
    draw_tie_texture(target, camera, area);
  }

  // Citizens: a square dot each, marks for restrictions and the blacklist.
  const float margin = style.node_size * 2;
  const float h = style.node_size / 2;
  const sf::Color ring_colour = sfml(pal.restricted);
  const sf::Color cross_colour = sfml(pal.blacklisted);
  for (std::uint32_t i = 0; i < n; ++i) {
    const sf::Vector2f p = pixel(camera, area, positions[i]);
    if (p.x < -margin || p.y < -margin || p.x > area.w + margin || p.y > area.h + margin) continue;
    const bool scored = view.status[i] & status::participates;
    const sf::Color colour = sfml(scored ? tier_colour(style.theme, view.score[i]) : pal.unscored);
    nodes_.append({{p.x - h, p.y - h}, colour});
    nodes_.append({{p.x + h, p.y - h}, colour});
    nodes_.append({{p.x + h, p.y + h}, colour});
    nodes_.append({{p.x - h, p.y + h}, colour});
    if (view.restrictions[i] & kRestrictionMask) ring(marks_, p, h + 2.0f, ring_colour);
    if (view.status[i] & status::blacklisted) cross(marks_, p, h + 2.5f, cross_colour);
  }

  // The selected citizen: their ties bright, a wide ring; the hovered one a ring too.
  const sf::Color highlight = sfml(pal.selection);
  if (selected && *selected < n) {
    for (const auto& [u, v] : view.ties) {
      if (u == *selected || v == *selected) {
        marks_.append({pixel(camera, area, positions[u]), highlight});
        marks_.append({pixel(camera, area, positions[v]), highlight});
      }
    }
    ring(marks_, pixel(camera, area, positions[*selected]), h + 6.0f, highlight, 16);
  }
  if (hovered && *hovered < n) ring(marks_, pixel(camera, area, positions[*hovered]), h + 4.0f, highlight, 16);

  target.draw(nodes_, sf::RenderStates(sf::BlendNone));  // opaque colours
  target.draw(marks_, sf::RenderStates(sf::BlendNone));
  target.setView(previous);
}

}  // namespace socred::gui
