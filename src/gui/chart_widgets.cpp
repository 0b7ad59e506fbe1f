#include "chart_widgets.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "theme.hpp"

namespace socred::gui {
namespace {

// The plotting rectangle inside a chart's rectangle, leaving room for labels.
struct Plot {
  float x0, y0, x1, y1;
  float x(double t, double lo, double hi) const {
    return x0 + static_cast<float>((t - lo) / std::max(hi - lo, 1e-12)) * (x1 - x0);
  }
  float y(double v, double lo, double hi) const {
    return y1 - static_cast<float>((v - lo) / std::max(hi - lo, 1e-12)) * (y1 - y0);
  }
};

ImU32 text_colour(float alpha = 1.0f) {
  ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
  c.w *= alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

// Value-axis ticks as faint grid lines with labels on the left.
void value_axis(ImDrawList* dl, const Plot& p, double lo, double hi, float left, bool counts) {
  const float line = ImGui::GetTextLineHeight();
  const int count = std::max(2, static_cast<int>((p.y1 - p.y0) / (line * 1.4f)));
  const double min_step = counts ? 1.0 : 0.0;
  const auto ticks = nice_ticks(lo, hi, count, min_step);
  const double step = std::max(nice_step(lo, hi, count), min_step);
  for (double t : ticks) {
    const float y = p.y(t, lo, hi);
    dl->AddLine({p.x0, y}, {p.x1, y}, text_colour(0.12f));
    const std::string label = axis_label(t, step);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    dl->AddText({std::max(left, p.x0 - w - 4), y - line / 2}, text_colour(0.7f), label.c_str());
  }
}

// Axis ticks along the bottom for the range [lo, hi]; weeks are whole (no "0.5" at week 0).
void bottom_axis(ImDrawList* dl, const Plot& p, double lo, double hi, double min_step) {
  const int count = std::max(2, static_cast<int>((p.x1 - p.x0) / (ImGui::GetFontSize() * 3)));
  const auto ticks = nice_ticks(lo, hi, count, min_step);
  const double step = std::max(nice_step(lo, hi, count), min_step);
  for (double t : ticks) {
    const float x = p.x(t, lo, hi);
    dl->AddLine({x, p.y1}, {x, p.y1 + 3}, text_colour(0.5f));
    const std::string label = axis_label(t, step);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    dl->AddText({std::clamp(x - w / 2, p.x0 - 8, p.x1 - w), p.y1 + 2}, text_colour(0.7f), label.c_str());
  }
  dl->AddLine({p.x0, p.y1}, {p.x1, p.y1}, text_colour(0.4f));
}

// Tier bands as tinted stripes between `lo` and `hi` along the given axis.
void tier_stripes(ImDrawList* dl, const Plot& p, Theme theme, bool vertical, double lo, double hi,
                  std::uint8_t alpha) {
  for (const auto& band : tier_bands()) {
    const ImU32 c = to_imgui(with_alpha(palette(theme).tier[static_cast<std::size_t>(band.tier)], alpha));
    if (vertical) {
      const float ya = p.y(std::clamp(band.low, lo, hi), lo, hi);
      const float yb = p.y(std::clamp(band.high, lo, hi), lo, hi);
      if (yb < ya) dl->AddRectFilled({p.x0, yb}, {p.x1, ya}, c);
    } else {
      dl->AddRectFilled({p.x(band.low, lo, hi), p.y0}, {p.x(band.high, lo, hi), p.y1}, c);
    }
  }
}

void chart_title(ImDrawList* dl, ImVec2 at, float width, std::string_view title,
                 std::string_view unit) {
  const std::string t(title);
  dl->AddText(at, text_colour(), t.c_str());
  if (!unit.empty()) {
    const std::string u(unit);
    const float w = ImGui::CalcTextSize(u.c_str()).x;
    const float tw = ImGui::CalcTextSize(t.c_str()).x;
    if (tw + w + 12 < width) dl->AddText({at.x + width - w - 4, at.y}, text_colour(0.55f), u.c_str());
  }
}

// A chart's frame: its rectangle (reserved as an item that can be hovered and right-clicked),
// border, title and unit, and the plotting rectangle inside.
struct Frame {
  ImDrawList* dl;
  ImVec2 p0;
  Rect rect;
  Plot plot;
  bool hovered;
  bool has_room() const { return plot.x1 > plot.x0 && plot.y1 > plot.y0; }
};

Frame chart_frame(const char* id, ImVec2 size, std::string_view title, std::string_view unit) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const float line = ImGui::GetTextLineHeight();
  const float label_w = ImGui::CalcTextSize("00000").x + 6;
  const Plot p{p0.x + label_w, p0.y + line + 4, p0.x + size.x - 6, p0.y + size.y - line - 4};
  dl->AddRect(p0, {p0.x + size.x, p0.y + size.y}, ImGui::GetColorU32(ImGuiCol_Border));
  chart_title(dl, {p0.x + 4, p0.y + 1}, size.x, title, unit);
  return {dl, p0, {p0.x, p0.y, size.x, size.y}, p, hovered};
}

}  // namespace

Rect time_series_chart(const char* id, const SeriesChart& chart, ImVec2 size) {
  const Frame f = chart_frame(id, size, chart.title, chart.unit);
  if (chart.values.empty() || !f.has_room()) return f.rect;
  ImDrawList* dl = f.dl;
  const Plot& p = f.plot;
  const ImVec2 p0 = f.p0;
  const bool hovered = f.hovered;

  const Range r = value_range(chart.values);
  const double t0 = static_cast<double>(chart.first_tick);
  const double t1 = std::max(t0 + 1, t0 + static_cast<double>(chart.values.size() - 1));
  value_axis(dl, p, r.lo, r.hi, p0.x + 2, chart.counts);
  bottom_axis(dl, p, t0, t1, 1.0);

  // Change markers: a vertical line at the week each change took effect.
  const Palette& pal = palette(chart.theme);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const Marker* near_marker = nullptr;
  for (const auto& m : chart.markers) {
    if (m.tick < chart.first_tick) continue;
    const float x = p.x(static_cast<double>(m.tick), t0, t1);
    const ImU32 c = to_imgui(m.from_user ? pal.user_change : pal.timeline_change);
    dl->AddLine({x, p.y0}, {x, p.y1}, c, 1.5f);
    if (hovered && std::abs(mouse.x - x) <= 3) near_marker = &m;
  }

  // The series: one column per pixel at most, each its week's range, joined by midpoints.
  const ImU32 series = to_imgui(pal.series);
  const auto columns = envelope(chart.values, chart.first_tick,
                                static_cast<std::size_t>(std::max(p.x1 - p.x0, 1.0f)));
  ImVec2 prev{};
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const Column& c = columns[k];
    const float x = p.x(c.first_tick, t0, t1);
    const float ylo = p.y(c.low, r.lo, r.hi), yhi = p.y(c.high, r.lo, r.hi);
    if (yhi < ylo - 1) dl->AddLine({x, ylo}, {x, yhi}, series);
    const ImVec2 mid{x, (ylo + yhi) / 2};
    if (k > 0) dl->AddLine(prev, mid, series, 1.6f);
    prev = mid;
  }

  // Hover: the week under the mouse, or the change under it.
  if (hovered && mouse.x >= p.x0 && mouse.x <= p.x1) {
    const double t = t0 + (mouse.x - p.x0) / (p.x1 - p.x0) * (t1 - t0);
    const auto k = static_cast<std::size_t>(std::clamp(std::lround(t - t0), 0L,
                                                       static_cast<long>(chart.values.size() - 1)));
    const float x = p.x(t0 + static_cast<double>(k), t0, t1);
    dl->AddLine({x, p.y0}, {x, p.y1}, text_colour(0.35f));
    ImGui::BeginTooltip();
    ImGui::Text("Week %lld: %.4g %s", static_cast<long long>(chart.first_tick + static_cast<long long>(k)),
                chart.values[k], std::string(chart.unit).c_str());
    if (near_marker) ImGui::TextUnformatted(("Week " + std::to_string(near_marker->tick) + ": " + near_marker->text).c_str());
    ImGui::TextDisabled("Right-click to save this chart as PNG");
    ImGui::EndTooltip();
  }
  return f.rect;
}

Rect histogram_chart(const char* id, const ScoreHistogram& now, const ScoreHistogram& start,
                     Theme theme, ImVec2 size) {
  const Frame f = chart_frame(id, size, "Scores: now, and week 0 (line)", "citizens");
  if (!f.has_room()) return f.rect;
  ImDrawList* dl = f.dl;
  const Plot& p = f.plot;
  const ImVec2 p0 = f.p0;
  const bool hovered = f.hovered;

  std::uint64_t most = 1;
  for (std::size_t b = 0; b < ScoreHistogram::kBins; ++b) most = std::max({most, now.counts[b], start.counts[b]});
  const double top = static_cast<double>(most) * 1.08;
  tier_stripes(dl, p, theme, false, kMinScore, kMaxScore, 50);
  value_axis(dl, p, 0, top, p0.x + 2, true);
  bottom_axis(dl, p, kMinScore, kMaxScore, 0.0);

  const Palette& pal = palette(theme);
  const ImU32 bar = to_imgui(with_alpha(pal.series, 230));
  const ImU32 outline = to_imgui(pal.baseline);
  ImVec2 prev{};
  for (std::size_t b = 0; b < ScoreHistogram::kBins; ++b) {
    const double lo = kMinScore + static_cast<double>(b) * ScoreHistogram::kWidth;
    const float xa = p.x(lo, kMinScore, kMaxScore) + 1;
    const float xb = p.x(lo + ScoreHistogram::kWidth, kMinScore, kMaxScore) - 1;
    dl->AddRectFilled({xa, p.y(static_cast<double>(now.counts[b]), 0, top)}, {xb, p.y1}, bar);
    // Week 0 as a step outline over the bars.
    const float ys = p.y(static_cast<double>(start.counts[b]), 0, top);
    if (b > 0) dl->AddLine(prev, {xa - 1, ys}, outline, 1.5f);
    dl->AddLine({xa - 1, ys}, {xb + 1, ys}, outline, 1.5f);
    prev = {xb + 1, ys};
  }

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (hovered && mouse.x >= p.x0 && mouse.x < p.x1) {
    const auto b = std::min<std::size_t>(
        static_cast<std::size_t>((mouse.x - p.x0) / (p.x1 - p.x0) * ScoreHistogram::kBins),
        ScoreHistogram::kBins - 1);
    const int lo = static_cast<int>(kMinScore + static_cast<double>(b) * ScoreHistogram::kWidth);
    ImGui::BeginTooltip();
    ImGui::Text("Scores %d-%d ('%s'): %llu citizens now, %llu at week 0", lo,
                lo + static_cast<int>(ScoreHistogram::kWidth),
                std::string(tier_name(tier_of(lo))).c_str(),
                static_cast<unsigned long long>(now.counts[b]),
                static_cast<unsigned long long>(start.counts[b]));
    ImGui::TextDisabled("Right-click to save this chart as PNG");
    ImGui::EndTooltip();
  }
  return f.rect;
}

void score_sparkline(const char* id, std::span<const float> scores, std::int64_t first_tick,
                     Theme theme, ImVec2 size) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  if (scores.size() < 2) return;
  const auto [lo_it, hi_it] = std::minmax_element(scores.begin(), scores.end());
  const double lo = std::max<double>(kMinScore, *lo_it - 15), hi = std::min<double>(kMaxScore, *hi_it + 15);
  const Plot p{p0.x, p0.y, p0.x + size.x, p0.y + size.y};
  tier_stripes(dl, p, theme, true, lo, hi, 60);
  std::vector<double> values(scores.begin(), scores.end());
  const auto columns = envelope(values, first_tick, static_cast<std::size_t>(size.x));
  const double t0 = static_cast<double>(first_tick);
  const double t1 = t0 + static_cast<double>(scores.size() - 1);
  const ImU32 c = to_imgui(palette(theme).series);
  ImVec2 prev{};
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const ImVec2 mid{p.x(columns[k].first_tick, t0, t1),
                     p.y((columns[k].low + columns[k].high) / 2, lo, hi)};
    if (k > 0) dl->AddLine(prev, mid, c, 1.5f);
    prev = mid;
  }
  if (ImGui::IsItemHovered()) {
    const float fx = (ImGui::GetIO().MousePos.x - p.x0) / size.x;
    const auto k = std::min(scores.size() - 1, static_cast<std::size_t>(std::max(0.0f, fx) * static_cast<float>(scores.size())));
    ImGui::SetTooltip("Week %lld: %.1f", static_cast<long long>(first_tick + static_cast<long long>(k)), scores[k]);
  }
}

}  // namespace socred::gui
