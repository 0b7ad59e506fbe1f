// The error-message table: each bad input, the exact pointer and the message it gets.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "socred/input_file.hpp"
#include "socred/scenario_io.hpp"
#include "socred/scenario_schema.hpp"
#include "test_support.hpp"

using namespace socred;

namespace {

struct BadInput {
  const char* what;
  const char* json;
  const char* error;  // the full line: file: pointer: message
};

const BadInput kBadInputs[] = {
    {"wrong type", R"({"policies": {"travel_ban": {"threshold": "low"}}})",
     R"(x.json: /policies/travel_ban/threshold: expected a number in [350, 950], got "low")"},
    {"above range", R"({"policies": {"travel_ban": {"threshold": 1200}}})",
     "x.json: /policies/travel_ban/threshold: expected a number in [350, 950], got 1200"},
    {"below range", R"({"behaviour": {"trip_rate": -0.1}})",
     "x.json: /behaviour/trip_rate: expected a number in [0, 1], got -0.1"},
    {"unknown top-level key", R"({"polices": {}})",
     R"(x.json: /polices: unknown key "polices" (did you mean "policies"?))"},
    {"unknown nested key", R"({"policies": {"travel_ban": {"treshold": 500}}})",
     R"(x.json: /policies/travel_ban/treshold: unknown key "treshold" (did you mean "threshold"?))"},
    {"unknown key, nothing close", R"({"society": {"zebra": 1}})",
     R"(x.json: /society/zebra: unknown key "zebra")"},
    {"not an object at the top", "[1, 2]", "x.json: expected a JSON object at the top, got an array"},
    {"section is not an object", R"({"policies": 5})",
     "x.json: /policies: expected an object (a section), got 5"},
    {"boolean expected", R"({"policies": {"travel_ban": {"enabled": "yes"}}})",
     R"(x.json: /policies/travel_ban/enabled: expected true or false, got "yes")"},
    {"integer expected", R"({"society": {"agents": 12.5}})",
     "x.json: /society/agents: expected an integer in [2, 4000000000], got 12.5"},
    {"integer out of range", R"({"society": {"agents": 1}})",
     "x.json: /society/agents: expected an integer in [2, 4000000000], got 1"},
    {"choice misspelt", R"({"network": {"generator": "smallworld"}})",
     R"(x.json: /network/generator: expected one of "homophilous", "small_world", "scale_free", "random", "file", got "smallworld" (did you mean "small_world"?))"},
    {"choice of wrong type", R"({"network": {"generator": 3}})",
     R"(x.json: /network/generator: expected one of "homophilous", "small_world", "scale_free", "random", "file", got 3)"},
    {"null value", R"({"scoring": {"adjustment_rate": null}})",
     "x.json: /scoring/adjustment_rate: expected a number in [0, 1], got null"},
    {"array value", R"({"society": {"regions": [1]}})",
     "x.json: /society/regions: expected an integer in [1, 65535], got an array"},
    {"string expected", R"({"name": 7})", "x.json: /name: expected a string, got 7"},
    {"negative seed", R"({"seed": -1})",
     "x.json: /seed: expected an integer in [0, 9007199254740991], got -1"},
    {"huge integer", R"({"ticks": 99999999999999999999})",
     "x.json: /ticks: expected an integer in [0, 1000000000], got 99999999999999999999"},
    {"extends not a string", R"({"extends": 5})",
     "x.json: /extends: expected a file name (string), got 5"},
    {"extends a missing file", R"({"extends": "no-such-file.json"})",
     R"(x.json: /extends: cannot load "./no-such-file.json": no such file)"},
    {"events not an array", R"({"events": {"tick": 1}})",
     "x.json: /events: expected an array of events, got an object"},
    {"event not an object", R"({"events": [3]})",
     R"(x.json: /events/0: expected an event object {"tick": ..., "set": {...}}, got 3)"},
    {"event without tick", R"({"events": [{"set": {"policies.travel_ban.enabled": true}}]})",
     R"(x.json: /events/0: missing "tick" (the week the change takes effect))"},
    {"event with negative tick",
     R"({"events": [{"tick": -5, "set": {"policies.travel_ban.enabled": true}}]})",
     "x.json: /events/0/tick: expected an integer in [0, 1000000000], got -5"},
    {"event without set", R"({"events": [{"tick": 5}]})",
     R"(x.json: /events/0: missing "set" (an object of "dotted.path": value))"},
    {"event with empty set", R"({"events": [{"tick": 5, "set": {}}]})",
     R"(x.json: /events/0/set: expected a non-empty object of "dotted.path": value, got an object)"},
    {"event on an unknown path", R"({"events": [{"tick": 5, "set": {"policies.travel_ban.enable": true}}]})",
     R"(x.json: /events/0/set/policies.travel_ban.enable: unknown parameter "policies.travel_ban.enable" (did you mean "policies.travel_ban.enabled"?))"},
    {"event on a start-only field", R"({"events": [{"tick": 5, "set": {"society.agents": 10}}]})",
     R"(x.json: /events/0/set/society.agents: "society.agents" cannot change during a run (it shapes the society at the start))"},
    {"event with a bad value", R"({"events": [{"tick": 5, "set": {"policies.travel_ban.threshold": true}}]})",
     "x.json: /events/0/set/policies.travel_ban.threshold: expected a number in [350, 950], got true"},
    {"event with an unknown key", R"({"events": [{"tik": 5, "tick": 5, "set": {"scoring.civic_points": 1}}]})",
     R"(x.json: /events/0/tik: unknown key "tik" (did you mean "tick"?))"},
    {"event note not a string", R"({"events": [{"tick": 5, "set": {"scoring.civic_points": 1}, "note": 4}]})",
     "x.json: /events/0/note: expected a string, got 4"},
    {"file generator without a file", R"({"network": {"generator": "file"}})",
     R"(x.json: /network/file: generator is "file" but no file is given (set network.file or use --network FILE))"},
    {"tie shares above one", R"({"network": {"firm_tie_share": 0.6, "region_tie_share": 0.6}})",
     "x.json: /network/region_tie_share: firm_tie_share + region_tie_share must not exceed 1 "
     "(they are 0.6 and 0.6)"},
    {"degree not below the number of citizens", R"({"society": {"agents": 10}, "network": {"mean_degree": 10}})",
     "x.json: /network/mean_degree: network.mean_degree (10) must be smaller than "
     "society.agents (10)"},
    {"key with a slash is escaped", R"({"a/b": 1})", R"(x.json: /a~1b: unknown key "a/b")"},
};

}  // namespace

TEST_CASE("each bad input gets one clear error naming the file and JSON pointer") {
  STATIC_REQUIRE(std::size(kBadInputs) >= 25);
  for (const auto& bad : kBadInputs) {
    const auto result = load_scenario_text(bad.json, "x.json", ".");
    INFO(bad.what << "\n" << bad.json << "\n" << result.error_text());
    REQUIRE_FALSE(result.ok());
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].str() == bad.error);
  }
}

TEST_CASE("the seed, like every start-only field, cannot change in an event") {
  const auto result = load_scenario_text(R"({"events": [{"tick": 5, "set": {"seed": 1}}]})",
                                         "x.json", ".");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].pointer == "/events/0/set/seed");
}

TEST_CASE("malformed JSON reports the line and column") {
  const auto result = load_scenario_text("{\n  \"ticks\": 10\n  \"seed\": 3\n}", "x.json", ".");
  REQUIRE(result.errors.size() == 1);
  CHECK_THAT(result.errors[0].str(), Catch::StartsWith("x.json: malformed JSON at line 3, column 8: syntax error"));
}

TEST_CASE("every error in a file is reported, not just the first") {
  const auto result = load_scenario_text(
      R"({"ticks": "x", "society": {"agents": -1, "regions": 0}, "polices": 1})", "x.json", ".");
  REQUIRE(result.errors.size() == 4);
  CHECK(result.errors[0].pointer == "/ticks");
  CHECK(result.errors[1].pointer == "/society/agents");
  CHECK(result.errors[2].pointer == "/society/regions");
  CHECK(result.errors[3].pointer == "/polices");
}

TEST_CASE("a missing scenario file is one error naming it") {
  const auto result = load_scenario_file("/no/such/scenario.json");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].str() == "/no/such/scenario.json: no such file");
}

TEST_CASE("bad --set overrides name the path") {
  auto r = default_scenario({"policies.travel_ban.treshold=1"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() ==
        R"(--set policies.travel_ban.treshold: unknown parameter (did you mean "policies.travel_ban.threshold"?))");
  r = default_scenario({"no-equals-sign"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() ==
        "--set no-equals-sign: expected PATH=VALUE, e.g. policies.travel_ban.threshold=550");
  r = default_scenario({"society.agents=[1,2]"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == "--set society.agents: expected an integer in [2, 4000000000], got an array");
  // Found by fuzzing: text that is not UTF-8 could not be written back to JSON.
  r = default_scenario({"name=caf\xe9"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == "--set name: expected UTF-8 text, got invalid bytes");
  CHECK(default_scenario({"name=caf\xc3\xa9"}).ok());
}

TEST_CASE("extends and scenario files that are devices, directories or huge are refused") {
  // A hostile scenario must not make socred read /dev/zero forever.
  auto r = load_scenario_text(R"({"extends": "/dev/zero"})", "x.json", ".");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() ==
        R"(x.json: /extends: cannot load "/dev/zero": is not a regular file (a device, pipe or socket))");
  r = load_scenario_text(R"({"extends": "/tmp"})", "x.json", ".");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == R"(x.json: /extends: cannot load "/tmp": is a directory)");
  test::TempDir dir("scenario-huge");
  const auto huge = dir.path() / "huge.json";
  { std::ofstream create(huge); }
  std::filesystem::resize_file(huge, 100ull << 20);  // sparse: no disk used
  r = load_scenario_file(huge);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == huge.string() + ": is too large (100 MiB; at most 64.0 MiB)");
}

TEST_CASE("a number too large for a double is an error, not a crash (found by fuzzing)") {
  // nlohmann throws out_of_range, not parse_error, for 1e400: it used to escape the loader.
  const auto r = load_scenario_text(R"({"ticks": 1e400})", "x.json", ".");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == "x.json: malformed JSON: number overflow parsing '1e400'");
}

TEST_CASE("a megabyte-long unknown key is refused at once, shown cut short (found by fuzzing)") {
  // Suggesting a correction used to compare it with every parameter name, quadratically.
  const std::string key(1 << 20, 'k');
  auto r = default_scenario({key + "=1"});
  REQUIRE(r.errors.size() == 1);
  const std::string line = r.errors[0].str();
  CHECK(line == "--set " + std::string(157, 'k') + "...: unknown parameter");
  r = load_scenario_text("{\"events\": [{\"tick\": 1, \"set\": {\"" + key + "\": 1}}]}", "x.json", ".");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str().size() < 600);
  CHECK(did_you_mean("travel_bann", {"travel_ban", "luxury_ban"}) == "travel_ban");
}

TEST_CASE("a key given twice is an error naming its pointer and both lines (issue 19)") {
  auto r = load_scenario_text("{\"seed\": 7,\n \"policies\": {\"travel_ban\": {\"threshold\": 500,\n"
                              "   \"threshold\": 600}},\n \"seed\": 9}",
                              "dup.json", ".");
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].str() == "dup.json: /policies/travel_ban/threshold: given twice in one object "
                             "(line 2 and line 3); JSON would keep only the second, silently "
                             "losing the first: keep one");
  CHECK(r.errors[1].str().rfind("dup.json: /seed: given twice in one object (line 1 and line 4)", 0) == 0);
  // In events too, and keys that differ only in how they are escaped are the same key.
  r = load_scenario_text(R"({"events": [{"tick": 1, "set": {"seed": 1}}, {"tick": 2, "tick": 3, "set": {"a\u0062": 1, "ab": 2}}]})",
                         "x.json", ".");
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].pointer == "/events/1/tick");
  CHECK(r.errors[1].pointer == "/events/1/set/ab");
  // The same key in different objects, or in a file and the one it extends, is fine.
  CHECK(load_scenario_text(R"({"policies": {"travel_ban": {"enabled": true}, "rewards": {"enabled": true}}})",
                           "x.json", ".")
            .ok());
}

TEST_CASE("numbers out of range are echoed as written (issue 19)") {
  for (const std::string text : {"18446744073709551615", "18446744073709551616",
                                 "99999999999999999999", "12345678901234567890", "1e20", "2.50",
                                 "9007199254740993"}) {
    INFO(text);
    auto r = load_scenario_text("{\"seed\": " + text + "}", "x.json", ".");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].str() == "x.json: /seed: expected an integer in [0, 9007199254740991], got " + text);
    r = default_scenario({"seed=" + text});
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].str() == "--set seed: expected an integer in [0, 9007199254740991], got " + text);
  }
}

TEST_CASE("a cross-field error blames the field the user set (issue 19)") {
  // --agents 2 (society.agents through --set): not the default mean_degree.
  auto r = default_scenario({"society.agents=2"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == "--set society.agents: network.mean_degree (12) must be smaller "
                             "than society.agents (2)");
  r = default_scenario({"network.mean_degree=6000"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].pointer == "network.mean_degree");
  r = load_scenario_text(R"({"society": {"agents": 3}})", "x.json", ".");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].str() == "x.json: /society/agents: network.mean_degree (12) must be smaller "
                             "than society.agents (3)");
  r = load_scenario_text(R"({"network": {"firm_tie_share": 0.9}})", "x.json", ".");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].pointer == "/network/firm_tie_share");
}

TEST_CASE("a scenario may start with a UTF-8 byte-order mark; a FIFO is refused (issue 19)") {
  const auto r = load_scenario_text("\xEF\xBB\xBF{\"seed\": 5}", "bom.json", ".");
  REQUIRE(r.ok());
  CHECK(r.scenario->seed == 5);
  test::TempDir dir("scenario-fifo");
  REQUIRE(::mkfifo((dir.path() / "fifo.json").c_str(), 0600) == 0);
  const auto fifo = load_scenario_file(dir.path() / "fifo.json");
  REQUIRE(fifo.errors.size() == 1);
  CHECK(fifo.errors[0].str() == (dir.path() / "fifo.json").string() +
                                    ": is not a regular file (a device, pipe or socket)");
}
