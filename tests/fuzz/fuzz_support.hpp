// Helpers shared by the fuzz targets: a scratch directory of their own, and properties
// that abort (a finding) when they do not hold.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace socred::fuzz {

// A directory for files the loaders must read from disk, made once per process (in
// /dev/shm when there is one, so that it costs no disk writes).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path base = std::filesystem::exists("/dev/shm")
                                     ? std::filesystem::path("/dev/shm")
                                     : std::filesystem::temp_directory_path();
    auto d = base / ("socred-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return d;
  }();
  return dir;
}

// Aborts with a message: libFuzzer saves the input as a crash.
[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "FINDING: %s\n", what.c_str());
  std::abort();
}

// The house rule for errors: one line, not empty.
inline void require_one_line(std::string_view message) {
  if (message.empty()) finding("an empty error message");
  if (message.find('\n') != std::string_view::npos || message.find('\r') != std::string_view::npos) {
    finding("an error message on more than one line: " + std::string(message));
  }
}

}  // namespace socred::fuzz
