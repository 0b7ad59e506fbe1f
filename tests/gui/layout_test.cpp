#include "layout.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace socred::gui;

namespace {

float distance(Vec2 a, Vec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

Vec2 centroid(const ForceLayout& layout, std::uint32_t from, std::uint32_t to) {
  Vec2 sum{};
  for (std::uint32_t i = from; i < to; ++i) sum = sum + layout.positions()[i];
  return sum * (1.0f / static_cast<float>(to - from));
}

// Two groups of `size` citizens, each a ring with chords, optionally joined by `bridges` ties.
std::vector<DrawnTie> two_groups(std::uint32_t size, std::uint32_t bridges) {
  std::vector<DrawnTie> ties;
  for (std::uint32_t g = 0; g < 2; ++g) {
    const std::uint32_t base = g * size;
    for (std::uint32_t i = 0; i < size; ++i) {
      ties.emplace_back(base + i, base + (i + 1) % size);
      ties.emplace_back(base + i, base + (i + 7) % size);
    }
  }
  for (std::uint32_t b = 0; b < bridges; ++b) ties.emplace_back(b * 3 % size, size + b * 5 % size);
  for (auto& [u, v] : ties) {
    if (u > v) std::swap(u, v);
  }
  return ties;
}

}  // namespace

TEST_CASE("starting positions put each city in a disc of its own, deterministically") {
  std::vector<std::uint16_t> city;
  for (int i = 0; i < 300; ++i) city.push_back(static_cast<std::uint16_t>(i < 200 ? 0 : 1));
  ForceLayout a, b;
  a.place(city, 2);
  b.place(city, 2);
  REQUIRE(a.size() == 300);
  CHECK(std::equal(a.positions().begin(), a.positions().end(), b.positions().begin()));
  // Citizens sit closer to their own city's centre than the two centres are to each other.
  const Vec2 c0 = centroid(a, 0, 200), c1 = centroid(a, 200, 300);
  float farthest0 = 0;
  for (std::uint32_t i = 0; i < 200; ++i) farthest0 = std::max(farthest0, distance(a.positions()[i], c0));
  CHECK(distance(c0, c1) > farthest0);
}

TEST_CASE("a tie pulls two distant citizens together; citizens on one spot move apart") {
  ForceLayout layout;
  layout.place(std::vector<std::uint16_t>{0, 0, 0}, 1);
  layout.set_position(0, {-20, 0});
  layout.set_position(1, {20, 0});
  layout.set_position(2, {0, 30});
  const std::vector<DrawnTie> ties = {{0, 1}};
  const float before = distance(layout.positions()[0], layout.positions()[1]);
  for (int k = 0; k < 50; ++k) layout.step(ties, {});
  CHECK(distance(layout.positions()[0], layout.positions()[1]) < before - 5);

  ForceLayout crowd;
  crowd.place(std::vector<std::uint16_t>{0, 0}, 1);
  crowd.set_position(0, {1, 1});
  crowd.set_position(1, {1, 1});
  for (int k = 0; k < 20; ++k) crowd.step({}, {});
  CHECK(distance(crowd.positions()[0], crowd.positions()[1]) > 0.5f);
}

TEST_CASE("groups that lose the ties between them drift apart") {
  // The picture the issue asks for: as cross-group ties are dropped, the society visibly
  // splits. Same start, with and without bridges.
  const std::uint32_t size = 150;
  std::vector<std::uint16_t> one_city(2 * size, 0);
  auto gap_after = [&](std::uint32_t bridges) {
    ForceLayout layout;
    layout.place(one_city, 1);
    const auto ties = two_groups(size, bridges);
    for (int k = 0; k < 600; ++k) layout.step(ties, {});
    return distance(centroid(layout, 0, size), centroid(layout, size, 2 * size));
  };
  const float joined = gap_after(40);
  const float split = gap_after(0);
  CHECK(split > joined * 1.5f);
}

TEST_CASE("a large layout stays finite and settles") {
  std::vector<std::uint16_t> city;
  std::vector<DrawnTie> ties;
  const std::uint32_t n = 5000;
  for (std::uint32_t i = 0; i < n; ++i) {
    city.push_back(static_cast<std::uint16_t>(i / 500));
    ties.emplace_back(i, (i + 1) % n);
    ties.emplace_back(i, (i * 7919 + 13) % n);
  }
  for (auto& [u, v] : ties) {
    if (u > v) std::swap(u, v);
  }
  ForceLayout layout;
  layout.place(city, 10);
  float first = 0;
  for (int k = 0; k < 200; ++k) {
    layout.step(ties, {});
    if (k == 0) first = layout.movement();
  }
  for (Vec2 p : layout.positions()) REQUIRE((std::isfinite(p.x) && std::isfinite(p.y)));
  CHECK(layout.movement() < first);
  const Bounds b = layout.bounds();
  CHECK(b.max.x - b.min.x < 1000);
}

TEST_CASE("nearest finds the citizen under the mouse, within reach only") {
  ForceLayout layout;
  layout.place(std::vector<std::uint16_t>{0, 0, 0}, 1);
  layout.set_position(0, {0, 0});
  layout.set_position(1, {5, 0});
  layout.set_position(2, {10, 0});
  CHECK(layout.nearest({4.2f, 0.5f}, 2.0f) == 1u);
  CHECK_FALSE(layout.nearest({20, 20}, 2.0f).has_value());
}
