// Reading, validating and writing scenario files. The only part of the core that knows JSON
// besides the recorder's manifest.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "socred/scenario.hpp"
#include "socred/scenario_schema.hpp"

namespace socred {

// One problem in one input: `file: /json/pointer: message`.
struct ScenarioError {
  std::string file;     // a path, or "--set" for command-line overrides
  std::string pointer;  // JSON pointer ("/policies/travel_ban/threshold"), may be empty
  std::string message;  // "expected a number in [350, 950], got \"low\""
  std::string str() const;
};

struct LoadResult {
  std::optional<Scenario> scenario;  // set only when there are no errors
  std::vector<ScenarioError> errors;
  bool ok() const { return scenario.has_value(); }
  std::string error_text() const;  // every error, one per line
};

// Loads FILE (resolving `extends`), then applies `--set path=value` overrides in order.
LoadResult load_scenario_file(const std::filesystem::path& file,
                              const std::vector<std::string>& overrides = {});

// Loads scenario JSON from memory. `label` names it in errors; `base_dir` resolves relative
// `extends` and `network.file`.
LoadResult load_scenario_text(std::string_view text, const std::string& label,
                              const std::filesystem::path& base_dir,
                              const std::vector<std::string>& overrides = {});

// Loads what scenario_to_json wrote (a checkpoint's or run.json's scenario) back to the
// same Scenario: validated like a file, but `extends` is refused and network.file is kept
// exactly as written (it was resolved when the run started).
LoadResult load_resolved_scenario(std::string_view text, const std::string& label);

// The compiled-in default (the classroom demo) with overrides applied.
LoadResult default_scenario(const std::vector<std::string>& overrides = {});

// Parses one command-line value for a field as `--set` does (JSON when it parses as JSON,
// else a bare string) and checks it against the field's type and range.
CheckedValue parse_field_value(const FieldSpec& field, const std::string& raw);

// "unknown parameter", with a did-you-mean hint when a field path is close.
std::string unknown_parameter_message(std::string_view path);

// Applies `path=value` overrides (value parsed as JSON, or taken as a bare string) to an
// already-resolved scenario, validating each exactly like a file.
LoadResult apply_overrides(Scenario base, const std::vector<std::string>& overrides);

// The fully resolved scenario as pretty JSON, every field present, in reference order.
// Loading this text again gives an identical Scenario.
std::string scenario_to_json(const Scenario& scenario);

// Applies one timeline event's settings to a scenario (values were validated at load).
void apply_settings(Scenario& scenario,
                    const std::vector<std::pair<std::string, FieldValue>>& settings);

// Cross-field checks that no single field can express (shares summing to one, a network
// file when the generator is "file"...). Each error blames the field the user set among
// those involved (`user_set(dotted path)`), else the rule's last; as a JSON pointer, or as
// the dotted path when `dotted` (errors about --set overrides).
std::vector<ScenarioError> check_consistency(
    const Scenario& scenario, const std::string& label,
    const std::function<bool(std::string_view dotted)>& user_set = {}, bool dotted = false);

}  // namespace socred
