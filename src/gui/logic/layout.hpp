// The force-directed layout of the network view, run a step per frame so that the picture
// follows the society as ties are dropped and made: friends pull together (a logarithmic
// spring, so that a few long ties do not drag whole groups along), citizens closer than
// `radius` push apart (found through a uniform grid, so a step costs O(citizens + ties)),
// and a weak pull toward the centre keeps the friendless in sight at the rim.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "camera.hpp"

namespace socred::gui {

// A tie between two drawn citizens, as indices into the layout (u < v).
using DrawnTie = std::pair<std::uint32_t, std::uint32_t>;

struct LayoutParams {
  float length = 1.0f;      // distance at which a tie neither pulls nor pushes
  float spring = 0.12f;     // pull of a tie per unit of log-stretch
  float repulsion = 0.35f;  // push between two citizens at distance 0
  float radius = 1.6f;      // no push beyond this distance
  float gravity = 0.004f;   // pull toward the origin per unit of distance
  float max_step = 0.25f;   // largest move of a citizen in one step
};

class ForceLayout {
 public:
  // Starting positions: each group (a city) a disc of citizens in a golden-angle spiral,
  // the discs themselves in a spiral, largest first. Deterministic.
  void place(std::span<const std::uint16_t> group_of, std::size_t groups);

  // One step of the simulation of forces.
  void step(std::span<const DrawnTie> ties, const LayoutParams& params);

  std::size_t size() const { return pos_.size(); }
  std::span<const Vec2> positions() const { return pos_; }
  void set_position(std::size_t i, Vec2 p) { pos_[i] = p; }
  Bounds bounds() const;
  // Mean distance moved in the last step (small when the picture has settled).
  float movement() const { return movement_; }

  // The citizen closest to `p` within `max_distance`, if any.
  std::optional<std::uint32_t> nearest(Vec2 p, float max_distance) const;

 private:
  void build_grid(float cell);
  void add_repulsion(const LayoutParams& params);

  std::vector<Vec2> pos_;
  std::vector<Vec2> force_;
  // Grid: citizens sorted by cell (counting sort), rebuilt every step.
  Vec2 grid_origin_;
  float cell_ = 1;
  std::uint32_t cols_ = 0, rows_ = 0;
  std::vector<std::uint32_t> cell_start_;
  std::vector<std::uint32_t> cell_items_;
  std::vector<std::uint32_t> cell_of_;
  float movement_ = 0;
};

}  // namespace socred::gui
