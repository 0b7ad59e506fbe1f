// The Policies and Scoring panels, generated from the field table: a toggle per policy with
// its settings as sliders, each with the field's meaning as a tooltip. A change goes to the
// worker when the slider is released and applies from the next week.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "dossier.hpp"
#include "parameter_panel.hpp"
#include "words.hpp"

namespace socred::gui {
namespace {

void field_tooltip(const FieldSpec& f) {
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::TextUnformatted(f.meaning.c_str());
  if (f.kind == FieldKind::real || f.kind == FieldKind::integer) {
    ImGui::TextDisabled("%s from %g to %g %s (ctrl+click to type)", f.path.c_str(), f.min, f.max,
                        f.unit.c_str());
  } else {
    ImGui::TextDisabled("%s", f.path.c_str());
  }
  if (!f.basis.empty()) ImGui::TextDisabled("Basis: %s", f.basis.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool is_queued(const App& app, const std::string& path) {
  return std::any_of(app.view.queued.begin(), app.view.queued.end(),
                     [&](const auto& q) { return q.first == path; });
}

// One field as a widget. Sliders keep their own value while dragged and commit on release.
void field_widget(App& app, const FieldSpec& f, const std::string& label) {
  ImGui::PushID(f.path.c_str());
  const FieldValue current = f.get(app.view.scenario);
  switch (f.kind) {
    case FieldKind::boolean: {
      bool on = std::get<bool>(current);
      if (ImGui::Checkbox(label.c_str(), &on)) app.commit_change(f.path, FieldValue{on});
      break;
    }
    case FieldKind::choice: {
      const auto& now = std::get<std::string>(current);
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
      if (ImGui::BeginCombo(label.c_str(), now.c_str())) {
        for (const auto& choice : f.choices) {
          if (ImGui::Selectable(choice.c_str(), choice == now) && choice != now) {
            app.commit_change(f.path, FieldValue{choice});
          }
        }
        ImGui::EndCombo();
      }
      break;
    }
    case FieldKind::real:
    case FieldKind::integer: {
      double value = f.kind == FieldKind::real ? std::get<double>(current)
                                               : static_cast<double>(std::get<std::int64_t>(current));
      if (app.editing_path == f.path) value = app.editing_value;
      const SliderRange r = slider_range(f);
      ImGuiSliderFlags flags = logarithmic(f) ? ImGuiSliderFlags_Logarithmic : 0;
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
      ImGui::SliderScalar(label.c_str(), ImGuiDataType_Double, &value, &r.min, &r.max,
                          slider_format(f).c_str(), flags);
      if (ImGui::IsItemActive()) {
        app.editing_path = f.path;
        app.editing_value = value;
      }
      if (ImGui::IsItemDeactivated() && app.editing_path == f.path) {
        app.editing_path.clear();
        if (ImGui::IsItemDeactivatedAfterEdit()) {
          app.commit_change(f.path, f.kind == FieldKind::real
                                        ? FieldValue{value}
                                        : FieldValue{static_cast<std::int64_t>(std::llround(value))});
        }
      }
      break;
    }
    case FieldKind::text:
      ImGui::TextDisabled("%s: %s", label.c_str(), format_value(current).c_str());
      break;
  }
  field_tooltip(f);
  if (is_queued(app, f.path)) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1, 0.8f, 0.25f, 1), "week %lld", static_cast<long long>(app.view.tick + 1));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Takes effect from the next week");
  }
  ImGui::PopID();
}

void group_widgets(App& app, const ParameterGroup& g) {
  if (g.toggle) {
    field_widget(app, *g.toggle, g.title);
    if (!g.settings.empty()) {
      ImGui::Indent();
      for (const auto* f : g.settings) field_widget(app, *f, setting_label(*f));
      ImGui::Unindent();
    }
  } else if (g.settings.size() == 1) {
    field_widget(app, *g.settings[0], setting_label(*g.settings[0]));
  } else {
    ImGui::TextDisabled("%s", g.title.c_str());
    ImGui::Indent();
    for (const auto* f : g.settings) field_widget(app, *f, setting_label(*f));
    ImGui::Unindent();
  }
}

}  // namespace

void draw_parameters(App& app, std::string_view section, bool with_others) {
  ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  for (const auto& g : parameter_groups(section)) group_widgets(app, g);
  ImGui::PopItemWidth();
  if (!with_others) return;
  ImGui::Separator();
  ImGui::TextDisabled("Changes apply from the next week and show as");
  ImGui::TextDisabled("markers on every chart.");
  if (ImGui::CollapsingHeader("Other run-time parameters")) {
    for (const auto& other : other_sections({"policies.", "scoring."})) {
      if (ImGui::TreeNode(other.c_str(), "%s", humanise(other.substr(0, other.size() - 1)).c_str())) {
        draw_parameters(app, other, false);
        ImGui::TreePop();
      }
    }
  }
}

void draw_scoring_panel(App& app) {
  const auto& d = app.view.dossier;
  ImGui::TextWrapped(
      "The score is opaque: citizens see only their number and what happens to them. Watch "
      "a citizen (click a dot) and guess what moves the score before you reveal the formula.");
  ImGui::Separator();
  if (d) {
    ImGui::Text("Citizen #%u sees:", d->id);
    ImGui::TextColored(to_imgui_vec(tier_colour(app.settings.theme, d->score)), "  %s  ('%s')",
                       with_commas(d->score).c_str(), std::string(tier_name(d->tier)).c_str());
    ImGui::Text("  %s %.1f points last week", d->change < 0 ? "Down" : "Up", std::abs(d->change));
    if (d->restricted_by.empty()) ImGui::TextUnformatted("  No restrictions.");
    for (Policy p : d->restricted_by) ImGui::BulletText("%s", policy_title(p).c_str());
  } else {
    ImGui::TextDisabled("Select a citizen to see the score as they see it.");
  }
  ImGui::Separator();
  ImGui::Checkbox("Reveal the formula (teacher)", &app.settings.reveal_scoring);
  if (!app.settings.reveal_scoring) return;

  const ScoringParams& p = app.view.scenario.scoring;
  ImGui::PushTextWrapPos(0);
  if (p.variant == ScoringVariant::weighted) {
    ImGui::Text(
        "Each week the score moves %.0f%% of the way toward a weighted mix of what the platform "
        "knows (repayment history %.0f, income and savings %.0f, what they buy %.0f, education "
        "and job %.0f), each 350 + 500 x a value in 0-1; minus %.0f points while on the courts' "
        "blacklist; plus or minus points for payments, posts and civic acts. Then friends pull "
        "it %.1f%% toward their mean and the workplace %.1f%% toward the firm's score.",
        100 * p.adjustment_rate, p.weight_credit_history, p.weight_fulfilment, p.weight_behaviour,
        p.weight_identity, p.blacklist_penalty, 100 * p.contagion.weight,
        100 * p.contagion.colleague_weight);
  } else {
    ImGui::Text(
        "A tally: points for deeds and misdeeds, drifting back %.0f%% a week toward %.0f. Then "
        "friends pull it %.1f%% toward their mean and the workplace %.1f%%.",
        100 * p.adjustment_rate, p.points_base, 100 * p.contagion.weight,
        100 * p.contagion.colleague_weight);
  }
  ImGui::PopTextWrapPos();
  if (d && !d->factors.empty()) {
    ImGui::TextUnformatted("Last week, for this citizen:");
    for (const auto& f : d->factors) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", f.text.c_str());
    }
  }
  ImGui::Separator();
  draw_parameters(app, "scoring.", false);
}

}  // namespace socred::gui
