// Error types that tell the programs which exit code to use.
#pragma once

#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace socred {

// Bad input from a person: a file, a field, a flag. Programs print what() on one line and
// exit with code 2. The message names the file and the line or JSON pointer.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(what) {}
};

// An output socred cannot write: the disk is full, a directory is not writable, another
// socred holds the output directory. Like bad input it is for the person to fix, not a bug,
// so it is an InputError (one line, exit code 2); the message names the file and the
// operating system's reason.
class OutputError : public InputError {
 public:
  explicit OutputError(const std::string& what) : InputError(what) {}
  // "FILE: cannot ACTION (No space left on device)", from an errno value.
  OutputError(const std::filesystem::path& file, const std::string& action, int error_number)
      : InputError(file.string() + ": cannot " + action + " (" + std::strerror(error_number) +
                   ")") {}
};

}  // namespace socred
