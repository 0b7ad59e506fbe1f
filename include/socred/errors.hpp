// Error types that tell the programs which exit code to use.
#pragma once

#include <stdexcept>
#include <string>

namespace socred {

// Bad input from a person: a file, a field, a flag. Programs print what() on one line and
// exit with code 2. The message names the file and the line or JSON pointer.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace socred
