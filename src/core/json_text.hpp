// JSON from a person's file, parsed without ambiguity: nlohmann's parser keeps the last of a
// key given twice in one object and silently drops the first; this one reports every such
// key (its JSON pointer and both lines). It also keeps the text of every number that is
// not an integer, by pointer, so that an error shows the number as the user wrote it
// (18446744073709551616, not 1.8446744073709552e+19). Private to the core.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace socred::detail {

struct DuplicateKey {
  std::string pointer;  // RFC 6901, e.g. "/policies/travel_ban/threshold"
  std::size_t first_line = 0;
  std::size_t second_line = 0;
  // "given twice in one object (line 2 and line 5); ..."
  std::string message() const;
};

struct JsonText {
  nlohmann::ordered_json doc;
  std::vector<DuplicateKey> duplicates;          // in file order; doc is not to be used then
  std::map<std::string, std::string> numbers;  // pointer -> text of a non-integer number
};

// Parses like ordered_json::parse (a leading UTF-8 byte-order mark is skipped), throwing the
// same exceptions on malformed JSON.
JsonText parse_json_text(std::string_view text);

// The pointer token of a key (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string pointer_token(const std::string& key);

}  // namespace socred::detail
