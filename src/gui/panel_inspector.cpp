// The citizen inspector (the dossier), and what floats over the network view: the legend,
// the "building" notice and the tooltip of the citizen under the mouse.
#include <imgui.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

#include "app.hpp"
#include "chart_widgets.hpp"
#include "words.hpp"

namespace socred::gui {
namespace {

enum class Swatch { dot, ring, cross, line };

// A small drawing of a mark, as the network view draws it, followed on the line by its text.
void swatch(Swatch kind, Rgba colour, Rgba dot_colour) {
  const float size = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(size, size));
  ImGui::SameLine();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 c{p.x + size / 2, p.y + size / 2};
  const float r = size * 0.22f;
  const ImU32 col = to_imgui(colour);
  switch (kind) {
    case Swatch::dot:
      dl->AddRectFilled({c.x - r * 1.3f, c.y - r * 1.3f}, {c.x + r * 1.3f, c.y + r * 1.3f}, col);
      break;
    case Swatch::ring:
      dl->AddRectFilled({c.x - r, c.y - r}, {c.x + r, c.y + r}, to_imgui(dot_colour));
      dl->AddCircle(c, r + 3, col, 8);
      break;
    case Swatch::cross:
      dl->AddRectFilled({c.x - r, c.y - r}, {c.x + r, c.y + r}, to_imgui(dot_colour));
      dl->AddLine({c.x - r - 3, c.y - r - 3}, {c.x + r + 3, c.y + r + 3}, col);
      dl->AddLine({c.x - r - 3, c.y + r + 3}, {c.x + r + 3, c.y - r - 3}, col);
      break;
    case Swatch::line:
      dl->AddLine({p.x, c.y + r}, {p.x + size, c.y - r}, col, 1.5f);
      break;
  }
}

void search_box(App& app) {
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  const bool entered = ImGui::InputTextWithHint("##find", "citizen id", app.search, sizeof app.search,
                                                ImGuiInputTextFlags_EnterReturnsTrue |
                                                    ImGuiInputTextFlags_CharsDecimal);
  ImGui::SameLine();
  if (ImGui::Button("Find") || entered) {
    std::uint64_t id = 0;
    const char* end = app.search + std::strlen(app.search);
    const auto result = std::from_chars(app.search, end, id);
    if (result.ec != std::errc{} || result.ptr != end || id >= app.view.citizens) {
      app.set_status("no citizen \"" + std::string(app.search) + "\": ids run from 0 to " +
                         std::to_string(app.view.citizens - 1),
                     true);
    } else {
      app.select(static_cast<CitizenId>(id));
    }
  }
}

void friends_list(App& app, const Dossier& d) {
  for (const auto& f : d.friends) {
    ImGui::PushID(static_cast<int>(f.id));
    swatch(Swatch::dot, tier_colour(app.settings.theme, f.score), {});
    std::string label(1, '#');
    label += std::to_string(f.id);
    label += "  " + with_commas(f.score) + " (" + std::string(tier_name(tier_of(f.score))) + ")";
    if (f.restricted) label += "  restricted";
    if (f.blacklisted) label += "  blacklisted";
    if (ImGui::Selectable(label.c_str())) app.select(f.id);
    ImGui::PopID();
  }
}

void dossier_sections(App& app, const Dossier& d) {
  const Theme theme = app.settings.theme;
  ImGui::Text("Citizen #%u", d.id);
  ImGui::SameLine();
  ImGui::TextColored(to_imgui_vec(tier_colour(theme, d.score)), "%s ('%s')",
                     with_commas(d.score, 1).c_str(), std::string(tier_name(d.tier)).c_str());
  ImGui::PushTextWrapPos(0);
  if (app.settings.reveal_scoring || !d.scored) {
    ImGui::TextUnformatted(d.change_summary.c_str());
  } else {
    ImGui::Text("%s %.1f points last week.", d.change < 0 ? "Fell" : "Rose", std::abs(d.change));
  }
  ImGui::PopTextWrapPos();
  if (!d.score_history.empty()) {
    score_sparkline("spark", d.score_history, d.history_first_tick, theme,
                    ImVec2(ImGui::GetContentRegionAvail().x, 50 * app.settings.font_scale));
  } else {
    ImGui::TextDisabled("No history: this citizen is outside the drawn sample.");
  }

  if (ImGui::CollapsingHeader("Why the score moved last week", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (!app.settings.reveal_scoring) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("Hidden while the scoring is opaque (Scoring tab).");
      ImGui::PopTextWrapPos();
    } else if (d.factors.empty()) {
      ImGui::TextDisabled("Nothing moved it.");
    } else {
      for (const auto& f : d.factors) {
        if (std::abs(f.points) < 0.05) continue;
        ImGui::Bullet();
        ImGui::TextWrapped("%s", f.text.c_str());
      }
    }
  }
  if (ImGui::CollapsingHeader("Restrictions", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (d.restrictions.empty()) ImGui::TextDisabled("None.");
    for (const auto& r : d.restrictions) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", r.c_str());
    }
  }
  if (ImGui::CollapsingHeader("What happened", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::BeginChild("story", ImVec2(0, 150 * app.settings.font_scale), true);
    for (const auto& line : d.story) {
      ImGui::TextDisabled("%s", week_label(line.first, line.last).c_str());
      ImGui::SameLine();
      ImGui::TextWrapped("%s", line.text.c_str());
    }
    ImGui::EndChild();
  }
  if (ImGui::CollapsingHeader("Profile", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::BeginTable("profile", 2)) {
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch, 0.45f);
      ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch, 0.55f);
      for (const auto& line : d.profile) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", line.label.c_str());
        ImGui::PopStyleColor();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", line.value.c_str());
      }
      ImGui::EndTable();
    }
  }
  const std::string friends = "Friends (" + std::to_string(d.friends.size()) + ")";
  if (ImGui::CollapsingHeader(friends.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) friends_list(app, d);
}

}  // namespace

void draw_inspector(App& app) {
  search_box(app);
  ImGui::Separator();
  if (app.selected == kNoCitizen) {
    ImGui::TextWrapped("Click a dot in the network, or type a citizen's id, to open their dossier.");
    return;
  }
  if (!app.view.dossier || app.view.dossier->id != app.selected) {
    ImGui::TextDisabled("Opening the dossier of #%u...", app.selected);
    return;
  }
  // A new dossier starts at the top, not where the last one was scrolled to.
  if (app.dossier_shown != app.selected) {
    app.dossier_shown = app.selected;
    ImGui::SetScrollY(0);
  }
  dossier_sections(app, *app.view.dossier);
}

void draw_network_overlay(App& app) {
  const Rect& area = app.screen.network;
  const Palette& pal = palette(app.settings.theme);
  ImGui::SetNextWindowPos(ImVec2(area.x + 6, area.y + 6), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.9f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                 ImGuiWindowFlags_NoScrollbar;
  // The title bar's arrow folds the legend away when the network needs the room.
  if (ImGui::Begin("Legend", nullptr, flags)) {
    for (const auto& band : tier_bands()) {
      swatch(Swatch::dot, pal.tier[static_cast<std::size_t>(band.tier)], {});
      ImGui::Text("%.0f-%.0f %s", band.low, band.high - (band.high < 950 ? 1 : 0),
                  std::string(band.name).c_str());
    }
    const Rgba grey = pal.unscored;
    swatch(Swatch::ring, pal.restricted, grey);
    ImGui::TextUnformatted("restricted");
    swatch(Swatch::cross, pal.blacklisted, grey);
    ImGui::TextUnformatted("on the courts' blacklist");
    if (app.settings.show_ties && app.settings.highlight_cross_ties) {
      swatch(Swatch::line, pal.cross_tie, {});
      ImGui::Text("tie across the %.0f line", app.view.scenario.metrics.trusted_line);
    }
    if (app.view.scenario.scoring.participation == Participation::voluntary) {
      swatch(Swatch::dot, grey, {});
      ImGui::TextUnformatted("not scored (opted out)");
    }
    const SocietyView& v = app.view;
    if (v.sampled) {
      ImGui::TextDisabled("sample: %s of %s", with_commas(static_cast<double>(v.members.size())).c_str(),
                          with_commas(static_cast<double>(v.citizens)).c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Large society: the view draws a breadth-first sample and the ties\n"
                          "among them; charts and the histogram count everyone.");
      }
    }
    if (v.building) ImGui::TextColored(ImVec4(1, 0.8f, 0.2f, 1), "building the society...");
  }
  ImGui::End();

  // The citizen under the mouse.
  if (app.hovered && *app.hovered < app.view.members.size()) {
    const std::uint32_t m = *app.hovered;
    const SocietyView& v = app.view;
    ImGui::BeginTooltip();
    ImGui::Text("Citizen #%u: %s ('%s')", v.members[m], with_commas(v.score[m], 1).c_str(),
                std::string(tier_name(tier_of(v.score[m]))).c_str());
    std::string marks;
    for (std::size_t k = 0; k < kPolicyCount; ++k) {
      const auto p = static_cast<Policy>(k);
      if ((v.restrictions[m] & policy_bit(p)) && (policy_bit(p) & kRestrictionMask)) {
        marks += (marks.empty() ? "" : ", ") + policy_title(p);
      }
    }
    if (!marks.empty()) ImGui::Text("Restricted: %s", marks.c_str());
    if (v.status[m] & status::blacklisted) ImGui::TextUnformatted("On the courts' blacklist");
    ImGui::TextDisabled("Click for the dossier");
    ImGui::EndTooltip();
  }
}

}  // namespace socred::gui
