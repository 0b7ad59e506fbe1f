#include "events_feed.hpp"

#include "socred/scenario_schema.hpp"
#include "words.hpp"

namespace socred::gui {

std::string describe_setting(const std::string& detail) {
  const auto eq = detail.find(" = ");
  if (eq == std::string::npos) return detail;
  const std::string path = detail.substr(0, eq);
  const std::string value = detail.substr(eq + 3);

  // The path's words, without the "policies." that every policy shares.
  std::string words = path.rfind("policies.", 0) == 0 ? path.substr(9) : path;
  const bool switch_field = words.ends_with(".enabled");
  if (switch_field) words.resize(words.size() - 8);
  for (char& c : words) {
    if (c == '.') c = ' ';
  }
  const FieldSpec* field = find_field(path);
  if (field && field->kind == FieldKind::boolean) {
    return humanise(words) + (value == "true" ? " switched on" : " switched off");
  }
  std::string out = humanise(words) + " set to " + value;
  if (field && !field->unit.empty()) out += " " + field->unit;
  return out;
}

std::string describe_event(const SocietyEvent& event) {
  std::string text = describe_setting(event.detail);
  if (event.kind == "user") {
    text += " (you)";
  } else if (event.kind == "timeline") {
    text += event.note.empty() ? " (scenario timeline)" : " (scenario timeline: " + event.note + ")";
  }
  return text;
}

std::vector<FeedLine> feed_lines(std::span<const SocietyEvent> events) {
  std::vector<FeedLine> out;
  out.reserve(events.size());
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    out.push_back({it->tick, it->kind == "user", describe_event(*it)});
  }
  return out;
}

}  // namespace socred::gui
