// The Scenarios tab: the picker (scenarios/*.json with name and description; loading one
// starts a new society) and "save as".
#include <imgui.h>
#include <imgui_stdlib.h>
#include <spdlog/spdlog.h>

#include "app.hpp"
#include "socred/recorder.hpp"
#include "socred/scenario_io.hpp"

namespace socred::gui {
namespace fs = std::filesystem;

namespace {

void save_scenario(App& app) {
  const auto mode = app.save_mode == 0 ? SaveMode::starting_point : SaveMode::replay;
  const SocietyView& v = app.view;
  const Scenario s = scenario_for_saving(v.initial, v.scenario, v.user_changes, v.tick, mode,
                                         app.save_name);
  fs::path file = app.save_file;
  if (file.extension() != ".json") file += ".json";
  if (file.is_relative()) file = app.options.scenarios_dir / file;
  try {
    write_file_atomically(file, scenario_to_json(s));
    app.set_status("saved " + file.string());
    spdlog::info("{}", app.status.text);
    app.scenarios = list_scenarios(app.options.scenarios_dir);
  } catch (const std::exception& e) {
    app.set_status(e.what(), true);
  }
}

}  // namespace

void draw_scenarios_panel(App& app) {
  ImGui::TextDisabled("%s", app.options.scenarios_dir.string().c_str());
  if (ImGui::Button("Rescan")) app.scenarios = list_scenarios(app.options.scenarios_dir);
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("Loading one starts a new society.");
  ImGui::PopTextWrapPos();
  ImGui::BeginChild("list", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.6f), true);
  for (const auto& entry : app.scenarios) {
    ImGui::PushID(entry.label.c_str());
    const bool current = entry.path.string() == app.view.source;
    if (!entry.error.empty()) {
      ImGui::TextDisabled("%s (cannot be loaded)", entry.label.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", entry.error.c_str());
    } else if (ImGui::Selectable(entry.name.c_str(), current)) {
      app.load_scenario(entry.path);
    }
    if (entry.error.empty() && ImGui::IsItemHovered()) {
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
      ImGui::TextDisabled("%s", entry.label.c_str());
      ImGui::TextUnformatted(entry.description.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
    ImGui::Indent();
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%.*s%s", 110, entry.description.c_str(), entry.description.size() > 110 ? "..." : "");
    ImGui::PopTextWrapPos();
    ImGui::Unindent();
    ImGui::PopID();
  }
  ImGui::EndChild();

  ImGui::TextUnformatted("Save the current scenario as");
  ImGui::InputText("name", &app.save_name);
  ImGui::InputTextWithHint("file", "my-scenario.json", &app.save_file);
  ImGui::RadioButton("policies as they are now", &app.save_mode, 0);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("A new starting point: the parameters in force now, your edits included");
  }
  ImGui::RadioButton("replay of this session", &app.save_mode, 1);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("The scenario as loaded, with each of your changes as a timeline event at "
                      "its week: socred run on the file gives this session's numbers");
  }
  if (app.save_file.empty()) ImGui::BeginDisabled();
  if (ImGui::Button("Save")) save_scenario(app);
  if (app.save_file.empty()) ImGui::EndDisabled();
}

}  // namespace socred::gui
