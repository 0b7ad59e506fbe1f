// Scenario files: parse, validate against the field table (every error, with its JSON
// pointer), resolve `extends`, apply `--set`, and write the resolved scenario back out.
//
// Sections: JSON helpers | validation of one file | extends chain | building the Scenario |
// overrides | consistency | writing.
#include "socred/scenario_io.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "json_text.hpp"
#include "socred/input_file.hpp"
#include "socred/scenario_schema.hpp"

namespace socred {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;  // keeps keys in file order, so errors come in file order
using ordered_json = nlohmann::ordered_json;

std::string ScenarioError::str() const {
  // Keys come from the file: a megabyte-long one is shown cut short.
  auto shortened = [](const std::string& text, std::size_t most) {
    return text.size() <= most ? text : text.substr(0, most - 3) + "...";
  };
  std::string out = file;
  // Command-line flags read "--set path: ...", files "file: /pointer: ...".
  if (!pointer.empty()) out += (file.rfind("--", 0) == 0 ? " " : ": ") + shortened(pointer, 160);
  out += ": " + shortened(message, 400);
  // Keys and values come from the file: a newline in one must not split the error.
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return out;
}

std::string LoadResult::error_text() const {
  std::string out;
  for (const auto& e : errors) out += e.str() + "\n";
  return out;
}

namespace {

// ---------------------------------------------------------------------------------------
// JSON helpers

std::string escape_pointer_token(const std::string& key) { return detail::pointer_token(key); }

std::string describe_json(const json& j) {
  if (j.is_null()) return "null";
  if (j.is_array()) return "an array";
  if (j.is_object()) return "an object";
  std::string text = j.dump(-1, ' ', false, nlohmann::detail::error_handler_t::replace);
  if (text.size() > 60) text = text.substr(0, 56) + "...";
  return text;
}

// A number as the user wrote it: its text for a non-integer (kept by the parser), else its
// exact integer value.
std::string number_as_written(const json& j, const std::string& pointer,
                              const std::map<std::string, std::string>* numbers) {
  if (numbers) {
    if (auto it = numbers->find(pointer); it != numbers->end()) {
      return it->second.size() > 60 ? it->second.substr(0, 56) + "..." : it->second;
    }
  }
  if (j.is_number_unsigned()) return std::to_string(j.get<std::uint64_t>());
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  return describe_json(j);
}

// A JSON scalar as a FieldValue, or nothing for null, arrays and objects.
std::optional<FieldValue> to_field_value(const json& j) {
  if (j.is_boolean()) return FieldValue{j.get<bool>()};
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return FieldValue{static_cast<double>(u)};
    return FieldValue{static_cast<std::int64_t>(u)};
  }
  if (j.is_number_integer()) return FieldValue{j.get<std::int64_t>()};
  if (j.is_number_float()) return FieldValue{j.get<double>()};
  if (j.is_string()) return FieldValue{j.get<std::string>()};
  return std::nullopt;
}

ordered_json to_json(const FieldValue& v) {
  return std::visit([](const auto& x) { return ordered_json(x); }, v);
}

// Line and column (1-based) of a byte offset, for malformed-JSON errors.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// Section names (dotted prefixes of field paths) and the keys allowed inside each.
struct SchemaIndex {
  std::set<std::string> sections;
  std::map<std::string, std::vector<std::string>> children;
  std::vector<std::string> all_paths;
};

const SchemaIndex& schema_index() {
  static const SchemaIndex index = [] {
    SchemaIndex ix;
    ix.sections.insert("");
    auto add_child = [&](const std::string& parent, const std::string& child) {
      auto& list = ix.children[parent];
      if (std::find(list.begin(), list.end(), child) == list.end()) list.push_back(child);
    };
    for (const auto& f : scenario_fields()) {
      ix.all_paths.push_back(f.path);
      std::string parent;
      std::size_t start = 0;
      for (std::size_t dot = f.path.find('.'); dot != std::string::npos;
           dot = f.path.find('.', start)) {
        const std::string section = f.path.substr(0, dot);
        add_child(parent, f.path.substr(start, dot - start));
        ix.sections.insert(section);
        parent = section;
        start = dot + 1;
      }
      add_child(parent, f.path.substr(start));
    }
    add_child("", "extends");
    add_child("", "events");
    return ix;
  }();
  return index;
}

// ---------------------------------------------------------------------------------------
// Validation of one file's object

struct Validator {
  std::string file;
  std::vector<ScenarioError>& errors;
  const std::map<std::string, std::string>* numbers = nullptr;  // as written, by pointer

  void error(const std::string& pointer, const std::string& message) {
    errors.push_back({file, pointer, message});
  }

  void check_value(const FieldSpec& field, const json& j, const std::string& pointer) {
    const auto value = to_field_value(j);
    if (!value) {
      error(pointer, describe_expected(field) + ", got " + describe_json(j));
      return;
    }
    auto checked = check_field_value(field, *value);
    if (checked.value) return;
    // A number is shown as written: 18446744073709551616 stays that, not 1.8446744073709552e+19.
    error(pointer, j.is_number()
                       ? describe_expected(field) + ", got " + number_as_written(j, pointer, numbers)
                       : checked.error);
  }

  void unknown_key(const std::string& parent, const std::string& key,
                   const std::string& pointer) {
    const auto& ix = schema_index();
    std::string message = "unknown key \"" + key + "\"";
    auto it = ix.children.find(parent);
    if (it != ix.children.end()) {
      if (auto hint = did_you_mean(key, it->second)) {
        message += " (did you mean \"" + *hint + "\"?)";
      }
    }
    error(pointer, message);
  }

  void object(const json& obj, const std::string& prefix, const std::string& pointer) {
    const auto& ix = schema_index();
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& key = it.key();
      const std::string here = pointer + "/" + escape_pointer_token(key);
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      if (prefix.empty() && key == "extends") {
        if (!it->is_string()) error(here, "expected a file name (string), got " + describe_json(*it));
      } else if (prefix.empty() && key == "events") {
        events(*it, here);
      } else if (const FieldSpec* field = find_field(path)) {
        check_value(*field, *it, here);
      } else if (ix.sections.count(path)) {
        if (it->is_object()) {
          object(*it, path, here);
        } else {
          error(here, "expected an object (a section), got " + describe_json(*it));
        }
      } else {
        unknown_key(prefix, key, here);
      }
    }
  }

  void events(const json& list, const std::string& pointer) {
    if (!list.is_array()) {
      error(pointer, "expected an array of events, got " + describe_json(list));
      return;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& ev = list[i];
      const std::string here = pointer + "/" + std::to_string(i);
      if (!ev.is_object()) {
        error(here, "expected an event object {\"tick\": ..., \"set\": {...}}, got " +
                        describe_json(ev));
        continue;
      }
      static const std::vector<std::string> keys = {"tick", "set", "note"};
      for (auto it = ev.begin(); it != ev.end(); ++it) {
        if (std::find(keys.begin(), keys.end(), it.key()) != keys.end()) continue;
        std::string message = "unknown key \"" + it.key() + "\"";
        if (auto hint = did_you_mean(it.key(), keys)) message += " (did you mean \"" + *hint + "\"?)";
        error(here + "/" + escape_pointer_token(it.key()), message);
      }
      if (!ev.contains("tick")) {
        error(here, "missing \"tick\" (the week the change takes effect)");
      } else if (!ev["tick"].is_number_integer() || ev["tick"].get<std::int64_t>() < 0 ||
                 ev["tick"].get<std::int64_t>() > 1000000000) {
        error(here + "/tick", "expected an integer in [0, 1000000000], got " +
                                  describe_json(ev["tick"]));
      }
      if (ev.contains("note") && !ev["note"].is_string()) {
        error(here + "/note", "expected a string, got " + describe_json(ev["note"]));
      }
      if (!ev.contains("set")) {
        error(here, "missing \"set\" (an object of \"dotted.path\": value)");
      } else if (!ev["set"].is_object() || ev["set"].empty()) {
        error(here + "/set", "expected a non-empty object of \"dotted.path\": value, got " +
                                 describe_json(ev["set"]));
      } else {
        event_settings(ev["set"], here + "/set");
      }
    }
  }

  void event_settings(const json& set, const std::string& pointer) {
    for (auto it = set.begin(); it != set.end(); ++it) {
      const std::string here = pointer + "/" + escape_pointer_token(it.key());
      const FieldSpec* field = find_field(it.key());
      if (!field) {
        std::string message = "unknown parameter \"" + it.key() + "\"";
        if (auto hint = did_you_mean(it.key(), schema_index().all_paths)) {
          message += " (did you mean \"" + *hint + "\"?)";
        }
        error(here, message);
      } else if (!field->runtime) {
        error(here, "\"" + it.key() +
                        "\" cannot change during a run (it shapes the society at the start)");
      } else {
        check_value(*field, *it, here);
      }
    }
  }
};

// ---------------------------------------------------------------------------------------
// The extends chain: each file validated on its own (so pointers name the right file),
// then merged base-first. Objects merge key by key; arrays (events) are replaced.

void merge_into(json& base, const json& patch) {
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it->is_object() && base.contains(it.key()) && base[it.key()].is_object()) {
      merge_into(base[it.key()], *it);
    } else {
      base[it.key()] = *it;
    }
  }
}

struct ChainLoader {
  std::vector<ScenarioError>& errors;
  std::vector<fs::path> stack;  // canonical paths being loaded, for cycle detection

  // Parses and validates text; returns the merged object or nothing on error.
  std::optional<json> load_text(std::string_view text, const std::string& label,
                                const fs::path& base_dir) {
    detail::JsonText parsed;
    try {
      parsed = detail::parse_json_text(text);
    } catch (const json::parse_error& e) {
      const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
      auto [line, column] = line_column(text, byte);
      std::string what = e.what();
      if (auto pos = what.find("syntax error"); pos != std::string::npos) what = what.substr(pos);
      errors.push_back({label, "",
                        "malformed JSON at line " + std::to_string(line) + ", column " +
                            std::to_string(column) + ": " + what});
      return std::nullopt;
    } catch (const json::exception& e) {
      // A number too large for a double ("1e400") is out_of_range, not a parse_error.
      std::string what = e.what();
      if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
      errors.push_back({label, "", "malformed JSON: " + what});
      return std::nullopt;
    }
    if (!parsed.duplicates.empty()) {
      for (const auto& d : parsed.duplicates) errors.push_back({label, d.pointer, d.message()});
      return std::nullopt;
    }
    json& doc = parsed.doc;
    if (!doc.is_object()) {
      errors.push_back({label, "", "expected a JSON object at the top, got " + describe_json(doc)});
      return std::nullopt;
    }
    const std::size_t before = errors.size();
    Validator{label, errors, &parsed.numbers}.object(doc, "", "");
    if (errors.size() != before) return std::nullopt;

    // A relative network file is relative to the file that names it; kept absolute so that
    // run.json names the same file from any directory (`socred run --from`).
    if (doc.contains("network") && doc["network"].contains("file")) {
      const fs::path p = doc["network"]["file"].get<std::string>();
      if (!p.empty() && p.is_relative()) {
        doc["network"]["file"] = fs::absolute(base_dir / p).lexically_normal().string();
      }
    }
    if (!doc.contains("extends")) return std::move(doc);

    const fs::path base_file = base_dir / doc["extends"].get<std::string>();
    doc.erase("extends");
    auto base = load_file(base_file, label, "/extends");
    if (!base) return std::nullopt;
    merge_into(*base, doc);
    return base;
  }

  std::optional<json> load_file(const fs::path& file, const std::string& referrer,
                                const std::string& referrer_pointer) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    const std::string label = file.string();
    for (const auto& open : stack) {
      if (open == canonical) {
        std::string chain;
        for (const auto& p : stack) chain += p.filename().string() + " -> ";
        errors.push_back({referrer, referrer_pointer,
                          "extends cycle: " + chain + canonical.filename().string()});
        return std::nullopt;
      }
    }
    std::string text;
    if (const auto reason = read_input_file(file, text)) {
      if (referrer.empty()) {
        errors.push_back({label, "", *reason});
      } else {
        errors.push_back({referrer, referrer_pointer, "cannot load \"" + label + "\": " + *reason});
      }
      return std::nullopt;
    }
    stack.push_back(canonical);
    auto result = load_text(text, label, file.parent_path());
    stack.pop_back();
    return result;
  }
};

// ---------------------------------------------------------------------------------------
// Building the Scenario from a merged, validated object

Scenario build_scenario(const json& merged) {
  Scenario s;
  for (const auto& field : scenario_fields()) {
    // Built in place: GCC 12 warns falsely (-Wrestrict) on "/" + std::string.
    std::string pointer = "/";
    pointer += field.path;
    std::replace(pointer.begin(), pointer.end(), '.', '/');
    json::json_pointer ptr(pointer);
    if (!merged.contains(ptr)) continue;
    auto checked = check_field_value(field, *to_field_value(merged.at(ptr)));
    field.set(s, *checked.value);
  }
  if (merged.contains("events")) {
    for (const auto& ev : merged["events"]) {
      TimelineEvent event;
      event.tick = ev["tick"].get<std::int64_t>();
      event.note = ev.value("note", "");
      for (auto it = ev["set"].begin(); it != ev["set"].end(); ++it) {
        const FieldSpec* field = find_field(it.key());
        event.set.emplace_back(it.key(), *check_field_value(*field, *to_field_value(*it)).value);
      }
      s.events.push_back(std::move(event));
    }
    std::stable_sort(s.events.begin(), s.events.end(),
                     [](const auto& a, const auto& b) { return a.tick < b.tick; });
  }
  return s;
}

LoadResult finish(const json& merged, const std::string& label, std::vector<ScenarioError> errors,
                  const std::vector<std::string>& overrides) {
  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  Scenario s = build_scenario(merged);
  auto in_file = [&](std::string_view dotted) {
    std::string pointer = "/" + std::string(dotted);
    std::replace(pointer.begin(), pointer.end(), '.', '/');
    return merged.contains(json::json_pointer(pointer));
  };
  auto consistency = check_consistency(s, label, in_file, false);
  if (!consistency.empty()) return {std::nullopt, std::move(consistency)};
  return apply_overrides(std::move(s), overrides);
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, const std::string& label,
                              const fs::path& base_dir,
                              const std::vector<std::string>& overrides) {
  std::vector<ScenarioError> errors;
  ChainLoader loader{errors, {}};
  auto merged = loader.load_text(text, label, base_dir);
  if (!merged) return {std::nullopt, std::move(errors)};
  return finish(*merged, label, std::move(errors), overrides);
}

LoadResult load_scenario_file(const fs::path& file, const std::vector<std::string>& overrides) {
  std::vector<ScenarioError> errors;
  ChainLoader loader{errors, {}};
  auto merged = loader.load_file(file, "", "");
  if (!merged) return {std::nullopt, std::move(errors)};
  return finish(*merged, file.string(), std::move(errors), overrides);
}

LoadResult load_resolved_scenario(std::string_view text, const std::string& label) {
  std::optional<std::string> network_file;
  try {
    const json doc = json::parse(text.begin(), text.end());
    if (doc.is_object() && doc.contains("extends")) {
      return {std::nullopt,
              {{label, "/extends", "not allowed in a resolved scenario (nothing is left to extend)"}}};
    }
    if (doc.is_object() && doc.contains("network") && doc["network"].is_object() &&
        doc["network"].contains("file") && doc["network"]["file"].is_string()) {
      network_file = doc["network"]["file"].get<std::string>();
    }
  } catch (const json::exception&) {
    // load_scenario_text reports malformed JSON with its line and column.
  }
  LoadResult result = load_scenario_text(text, label, fs::path());
  if (result.ok() && network_file) result.scenario->network.file = *network_file;
  return result;
}

LoadResult default_scenario(const std::vector<std::string>& overrides) {
  return apply_overrides(Scenario{}, overrides);
}

// ---------------------------------------------------------------------------------------
// Overrides: `--set dotted.path=value`

std::string unknown_parameter_message(std::string_view path) {
  std::string message = "unknown parameter";
  if (auto hint = did_you_mean(path, schema_index().all_paths)) {
    message += " (did you mean \"" + *hint + "\"?)";
  }
  return message;
}

CheckedValue parse_field_value(const FieldSpec& field, const std::string& raw) {
  // The value is JSON when it parses as JSON, else a bare string (network.generator=file).
  try {
    const json j = json::parse(raw);
    const auto value = to_field_value(j);
    if (!value) return {std::nullopt, describe_expected(field) + ", got " + describe_json(j)};
    CheckedValue checked = check_field_value(field, *value);
    // A number is echoed as typed (--seed 99999999999999999999, not 1e+20).
    if (!checked.value && j.is_number()) {
      std::string typed = raw.substr(raw.find_first_not_of(" \t"));
      typed.erase(typed.find_last_not_of(" \t") + 1);
      if (typed.size() > 60) typed = typed.substr(0, 56) + "...";
      checked.error = describe_expected(field) + ", got " + typed;
    }
    return checked;
  } catch (const json::exception&) {
    return check_field_value(field, FieldValue{raw});
  }
}

LoadResult apply_overrides(Scenario base, const std::vector<std::string>& overrides) {
  std::vector<ScenarioError> errors;
  for (const auto& text : overrides) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back({"--set", text, "expected PATH=VALUE, e.g. policies.travel_ban.threshold=550"});
      continue;
    }
    const std::string path = text.substr(0, eq);
    const FieldSpec* field = find_field(path);
    if (!field) {
      errors.push_back({"--set", path, unknown_parameter_message(path)});
      continue;
    }
    auto checked = parse_field_value(*field, text.substr(eq + 1));
    if (!checked.value) {
      errors.push_back({"--set", path, checked.error});
      continue;
    }
    field->set(base, *checked.value);
  }
  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  auto overridden = [&](std::string_view dotted) {
    return std::any_of(overrides.begin(), overrides.end(), [&](const std::string& text) {
      return text.size() > dotted.size() && text.compare(0, dotted.size(), dotted) == 0 &&
             text[dotted.size()] == '=';
    });
  };
  auto consistency = check_consistency(base, "--set", overridden, true);
  if (!consistency.empty()) return {std::nullopt, std::move(consistency)};
  return {std::move(base), {}};
}

void apply_settings(Scenario& scenario,
                    const std::vector<std::pair<std::string, FieldValue>>& settings) {
  for (const auto& [path, value] : settings) {
    if (const FieldSpec* field = find_field(path)) field->set(scenario, value);
  }
}

// ---------------------------------------------------------------------------------------
// Consistency across fields

std::vector<ScenarioError> check_consistency(const Scenario& s, const std::string& label,
                                             const std::function<bool(std::string_view)>& user_set,
                                             bool dotted) {
  std::vector<ScenarioError> errors;
  // Each rule lists the fields it involves; the error blames the last one the user set
  // (--agents 2 is about --agents, not about the default mean_degree), else the last.
  auto rule = [&](std::initializer_list<const char*> fields, std::string message) {
    std::string blamed = *std::prev(fields.end());
    for (const char* f : fields) {
      if (user_set && user_set(f)) blamed = f;
    }
    if (!dotted) {
      blamed = "/" + blamed;
      std::replace(blamed.begin(), blamed.end(), '.', '/');
    }
    errors.push_back({label, blamed, std::move(message)});
  };
  auto num = [](double x) { return format_value(FieldValue{x}); };
  const auto& so = s.society;
  if (so.education_primary + so.education_secondary + so.education_tertiary +
          so.education_postgraduate <= 0) {
    rule({"society.education_secondary", "society.education_tertiary",
          "society.education_postgraduate", "society.education_primary"},
         "education shares sum to zero; at least one must be positive");
  }
  if (so.civil_servant_share + so.senior_food_medical_share > 1) {
    rule({"society.civil_servant_share", "society.senior_food_medical_share"},
         "civil_servant_share + senior_food_medical_share must not exceed 1 (they are " +
             num(so.civil_servant_share) + " and " + num(so.senior_food_medical_share) + ")");
  }
  if (s.network.firm_tie_share + s.network.region_tie_share > 1) {
    rule({"network.firm_tie_share", "network.region_tie_share"},
         "firm_tie_share + region_tie_share must not exceed 1 (they are " +
             num(s.network.firm_tie_share) + " and " + num(s.network.region_tie_share) + ")");
  }
  if (s.network.generator == NetworkGenerator::file && s.network.file.empty()) {
    rule({"network.file"}, "generator is \"file\" but no file is given (set network.file or use "
                           "--network FILE)");
  }
  if (s.network.generator != NetworkGenerator::file &&
      s.network.mean_degree >= static_cast<double>(s.society.agents)) {
    rule({"society.agents", "network.mean_degree"},
         "network.mean_degree (" + num(s.network.mean_degree) +
             ") must be smaller than society.agents (" + std::to_string(s.society.agents) + ")");
  }
  return errors;
}

// ---------------------------------------------------------------------------------------
// Writing

std::string scenario_to_json(const Scenario& scenario) {
  ordered_json out = ordered_json::object();
  for (const auto& field : scenario_fields()) {
    ordered_json* node = &out;
    std::size_t start = 0;
    for (std::size_t dot = field.path.find('.'); dot != std::string::npos;
         dot = field.path.find('.', start)) {
      node = &(*node)[field.path.substr(start, dot - start)];
      start = dot + 1;
    }
    (*node)[field.path.substr(start)] = to_json(field.get(scenario));
  }
  ordered_json events = ordered_json::array();
  for (const auto& ev : scenario.events) {
    ordered_json e;
    e["tick"] = ev.tick;
    ordered_json set = ordered_json::object();
    for (const auto& [path, value] : ev.set) set[path] = to_json(value);
    e["set"] = set;
    if (!ev.note.empty()) e["note"] = ev.note;
    events.push_back(e);
  }
  out["events"] = events;
  return out.dump(2, ' ', false, nlohmann::detail::error_handler_t::replace) + "\n";
}

}  // namespace socred
