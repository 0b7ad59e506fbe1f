#include "layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace socred::gui {
namespace {

constexpr float kGoldenAngle = 2.39996323f;
constexpr std::uint32_t kMaxCells = 256;  // per side: bounds the grid when someone drifts far

float length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }

// A point of a golden-angle (sunflower) spiral whose points sit about `spacing` apart.
Vec2 spiral_point(std::size_t k, float spacing) {
  const float r = spacing * std::sqrt(static_cast<float>(k) + 0.5f) * 0.56f;
  const float a = kGoldenAngle * static_cast<float>(k);
  return {r * std::cos(a), r * std::sin(a)};
}

}  // namespace

void ForceLayout::place(std::span<const std::uint16_t> group_of, std::size_t groups) {
  const std::size_t n = group_of.size();
  pos_.assign(n, Vec2{});
  force_.assign(n, Vec2{});
  std::vector<std::size_t> size(groups, 0);
  for (auto g : group_of) ++size[g];

  // Group discs, largest first, on a spiral wide enough that neighbouring discs touch.
  std::vector<std::size_t> order(groups);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
  std::vector<Vec2> centre(groups);
  float placed_area = 0;
  for (std::size_t k = 0; k < groups; ++k) {
    const std::size_t g = order[k];
    const float radius = std::sqrt(static_cast<float>(std::max<std::size_t>(size[g], 1)));
    const float reach = k == 0 ? 0.0f : std::sqrt(placed_area) + radius * 0.5f;
    const float a = kGoldenAngle * static_cast<float>(k);
    centre[g] = {reach * std::cos(a), reach * std::sin(a)};
    placed_area += radius * radius * 1.3f;
  }

  std::vector<std::size_t> rank(groups, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = group_of[i];
    pos_[i] = centre[g] + spiral_point(rank[g]++, 1.0f);
  }
  movement_ = 0;
}

Bounds ForceLayout::bounds() const {
  Bounds b{{1, 1}, {0, 0}};
  if (pos_.empty()) return b;
  b.min = b.max = pos_[0];
  for (const Vec2& p : pos_) {
    b.min = {std::min(b.min.x, p.x), std::min(b.min.y, p.y)};
    b.max = {std::max(b.max.x, p.x), std::max(b.max.y, p.y)};
  }
  return b;
}

void ForceLayout::build_grid(float cell) {
  const Bounds b = bounds();
  const float w = b.max.x - b.min.x, h = b.max.y - b.min.y;
  cell_ = std::max({cell, w / kMaxCells, h / kMaxCells, 1e-3f});
  cols_ = static_cast<std::uint32_t>(w / cell_) + 1;
  rows_ = static_cast<std::uint32_t>(h / cell_) + 1;
  grid_origin_ = b.min;
  cell_start_.assign(static_cast<std::size_t>(cols_) * rows_ + 1, 0);
  cell_of_.resize(pos_.size());
  for (std::size_t i = 0; i < pos_.size(); ++i) {
    const auto cx = std::min(static_cast<std::uint32_t>((pos_[i].x - b.min.x) / cell_), cols_ - 1);
    const auto cy = std::min(static_cast<std::uint32_t>((pos_[i].y - b.min.y) / cell_), rows_ - 1);
    cell_of_[i] = cy * cols_ + cx;
    ++cell_start_[cell_of_[i] + 1];
  }
  std::partial_sum(cell_start_.begin(), cell_start_.end(), cell_start_.begin());
  cell_items_.resize(pos_.size());
  std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
  for (std::size_t i = 0; i < pos_.size(); ++i) {
    cell_items_[fill[cell_of_[i]]++] = static_cast<std::uint32_t>(i);
  }
}

void ForceLayout::add_repulsion(const LayoutParams& params) {
  const float r2 = params.radius * params.radius;
  // Each pair once: a cell with itself, then with the four neighbours after it (right,
  // and the three below), pushing both citizens apart.
  auto push_pair = [&](std::uint32_t i, std::uint32_t j) {
    Vec2 d = pos_[i] - pos_[j];
    float d2 = d.x * d.x + d.y * d.y;
    if (d2 >= r2) return;
    if (d2 < 1e-8f) {
      // Two citizens on the same spot: part them along a direction fixed by their ids.
      const float a = static_cast<float>((i * 7919u + j * 104729u) % 6283u) * 1e-3f;
      d = {std::cos(a) * 1e-3f, std::sin(a) * 1e-3f};
      d2 = 1e-6f;
    }
    const float dist = std::sqrt(d2);
    const Vec2 f = d * (params.repulsion * (params.radius - dist) / (params.radius * dist));
    force_[i] = force_[i] + f;
    force_[j] = force_[j] - f;
  };
  constexpr int kForward[4][2] = {{1, 0}, {-1, 1}, {0, 1}, {1, 1}};
  for (std::uint32_t cy = 0; cy < rows_; ++cy) {
    for (std::uint32_t cx = 0; cx < cols_; ++cx) {
      const std::uint32_t c = cy * cols_ + cx;
      const std::uint32_t begin = cell_start_[c], end = cell_start_[c + 1];
      for (std::uint32_t a = begin; a < end; ++a) {
        for (std::uint32_t b = a + 1; b < end; ++b) push_pair(cell_items_[a], cell_items_[b]);
      }
      for (const auto& [dx, dy] : kForward) {
        const auto nx = static_cast<std::int64_t>(cx) + dx, ny = static_cast<std::int64_t>(cy) + dy;
        if (nx < 0 || nx >= cols_ || ny >= rows_) continue;
        const auto o = static_cast<std::uint32_t>(ny) * cols_ + static_cast<std::uint32_t>(nx);
        for (std::uint32_t a = begin; a < end; ++a) {
          for (std::uint32_t b = cell_start_[o]; b < cell_start_[o + 1]; ++b) {
            push_pair(cell_items_[a], cell_items_[b]);
          }
        }
      }
    }
  }
}

void ForceLayout::step(std::span<const DrawnTie> ties, const LayoutParams& params) {
  const std::size_t n = pos_.size();
  if (n == 0) return;
  for (std::size_t i = 0; i < n; ++i) force_[i] = pos_[i] * -params.gravity;

  for (const auto& [u, v] : ties) {
    const Vec2 d = pos_[v] - pos_[u];
    const float dist = length(d);
    if (dist < 1e-6f) continue;
    const Vec2 pull = d * (params.spring * std::log(dist / params.length) / dist);
    force_[u] = force_[u] + pull;
    force_[v] = force_[v] - pull;
  }

  build_grid(params.radius);
  add_repulsion(params);

  double moved = 0;
  for (std::size_t i = 0; i < n; ++i) {
    Vec2 f = force_[i];
    const float size = length(f);
    if (size > params.max_step) f = f * (params.max_step / size);
    pos_[i] = pos_[i] + f;
    moved += std::min(size, params.max_step);
  }
  movement_ = static_cast<float>(moved / static_cast<double>(n));
}

std::optional<std::uint32_t> ForceLayout::nearest(Vec2 p, float max_distance) const {
  std::optional<std::uint32_t> best;
  float best_d2 = max_distance * max_distance;
  for (std::size_t i = 0; i < pos_.size(); ++i) {
    const Vec2 d = pos_[i] - p;
    const float d2 = d.x * d.x + d.y * d.y;
    if (d2 <= best_d2) {
      best_d2 = d2;
      best = static_cast<std::uint32_t>(i);
    }
  }
  return best;
}

}  // namespace socred::gui
