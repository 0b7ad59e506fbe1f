// Reading input files a person handed us (a scenario, a base it extends, run.json, an edge
// list, a checkpoint). Only regular files are read: a FIFO, a directory or a device such as
// /dev/zero, named by mistake or by a hostile scenario's "extends", is refused at once
// instead of hanging socred or exhausting its memory. The file is opened first and then
// checked (O_NONBLOCK, then fstat), so that it cannot be swapped for something else between
// the check and the read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace socred {

inline constexpr std::uint64_t kMaxInputFileBytes = 64ull << 20;

// A regular file open for reading (blocking reads), or why not.
class InputFile {
 public:
  // Opens PATH. On failure fd() is -1 and problem() says why: "no such file", "cannot be
  // read (Permission denied)", "is a directory", "is not a regular file (a device, pipe or
  // socket)".
  explicit InputFile(const std::filesystem::path& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& problem() const { return problem_; }
  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }  // when opened
  // Hands the descriptor over (to fdopen, gzdopen); the caller closes it.
  int release();

 private:
  int fd_ = -1;
  std::uint64_t size_ = 0;
  std::string problem_;
};

// Fills `text` and returns nothing, or returns why not: InputFile's problems, or "is too
// large (80.0 MiB; at most 64.0 MiB)".
std::optional<std::string> read_input_file(const std::filesystem::path& path, std::string& text,
                                           std::uint64_t max_bytes = kMaxInputFileBytes);

}  // namespace socred
