#include "camera.hpp"

#include <catch2/catch.hpp>

using namespace socred::gui;

TEST_CASE("screen and world coordinates are inverse") {
  const Rect view{100, 50, 800, 600};
  Camera camera{{3, -2}, 12.5f};
  const Vec2 world{7.5f, 4.25f};
  const Vec2 back = to_world(camera, view, to_screen(camera, view, world));
  CHECK(back.x == Approx(world.x));
  CHECK(back.y == Approx(world.y));
  // The camera's centre is drawn at the middle of the view.
  CHECK(to_screen(camera, view, camera.centre) == view.centre());
}

TEST_CASE("zooming keeps the point under the mouse in place") {
  const Rect view{0, 0, 640, 480};
  Camera camera{{0, 0}, 10};
  const Vec2 mouse{500, 100};
  const Vec2 before = to_world(camera, view, mouse);
  zoom_at(camera, view, mouse, 1.5f);
  CHECK(camera.scale == Approx(15));
  const Vec2 after = to_world(camera, view, mouse);
  CHECK(after.x == Approx(before.x));
  CHECK(after.y == Approx(before.y));
  zoom_at(camera, view, mouse, 1e9f);
  CHECK(camera.scale == kMaxScale);
}

TEST_CASE("panning moves the picture with the mouse") {
  const Rect view{0, 0, 640, 480};
  Camera camera{{0, 0}, 4};
  const Vec2 p = to_screen(camera, view, {1, 1});
  pan_by(camera, {40, -8});
  const Vec2 q = to_screen(camera, view, {1, 1});
  CHECK(q.x == Approx(p.x + 40));
  CHECK(q.y == Approx(p.y - 8));
}

TEST_CASE("fit shows the whole layout inside the margins") {
  const Rect view{10, 20, 400, 300};
  const Bounds b{{-50, -10}, {150, 30}};
  const Camera camera = fit(b, view, 20);
  for (Vec2 corner : {b.min, b.max, Vec2{b.min.x, b.max.y}, Vec2{b.max.x, b.min.y}}) {
    const Vec2 s = to_screen(camera, view, corner);
    CHECK(s.x >= view.x + 20 - 1e-3f);
    CHECK(s.x <= view.x + view.w - 20 + 1e-3f);
    CHECK(s.y >= view.y + 20 - 1e-3f);
    CHECK(s.y <= view.y + view.h - 20 + 1e-3f);
  }
  // Empty bounds leave the default camera.
  CHECK(fit(Bounds{{1, 1}, {0, 0}}, view, 0).scale == 1.0f);
}

#include "screen_layout.hpp"

TEST_CASE("the panels tile the window without overlapping, at any font scale") {
  for (float scale : {1.0f, 1.5f, 2.5f}) {
    for (auto [w, h] : {std::pair{1280.0f, 800.0f}, std::pair{1920.0f, 1080.0f}, std::pair{800.0f, 600.0f}}) {
      const ScreenLayout l = screen_layout(w, h, scale);
      INFO(w << "x" << h << " at " << scale);
      CHECK(l.controls.x == 0);
      CHECK(l.network.x == Approx(l.controls.x + l.controls.w));
      CHECK(l.inspector.x == Approx(l.network.x + l.network.w).margin(1.0));
      CHECK(l.inspector.x + l.inspector.w <= w + 1);
      CHECK(l.charts.y == Approx(l.network.y + l.network.h));
      CHECK(l.charts.y + l.charts.h == Approx(h));
      CHECK(l.network.w >= 1);
      CHECK(l.chart_columns >= 2);
      CHECK(l.chart_height >= 60);
    }
  }
  const ScreenLayout normal = screen_layout(1280, 800, 1.0f);
  CHECK(normal.chart_columns == 5);
  CHECK(normal.network.w >= 600);
}
