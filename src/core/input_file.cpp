#include "socred/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "socred/resources.hpp"

namespace socred {
namespace fs = std::filesystem;

InputFile::InputFile(const fs::path& path) {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    const int error = errno;
    problem_ = error == ENOENT || error == ENOTDIR
                   ? "no such file"
                   : std::string("cannot be read (") + std::strerror(error) + ")";
    return;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    problem_ = std::string("cannot be read (") + std::strerror(errno) + ")";
  } else if (S_ISDIR(st.st_mode)) {
    problem_ = "is a directory";
  } else if (!S_ISREG(st.st_mode)) {
    problem_ = "is not a regular file (a device, pipe or socket)";
  } else if (const int flags = ::fcntl(fd, F_GETFL); flags < 0 ||
                                                     ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    problem_ = std::string("cannot be read (") + std::strerror(errno) + ")";
  } else {
    fd_ = fd;
    size_ = static_cast<std::uint64_t>(st.st_size);
    return;
  }
  ::close(fd);
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

int InputFile::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

std::optional<std::string> read_input_file(const fs::path& path, std::string& text,
                                           std::uint64_t max_bytes) {
  InputFile in(path);
  if (!in.ok()) return in.problem();
  if (in.size() > max_bytes) {
    return "is too large (" + format_bytes(in.size()) + "; at most " + format_bytes(max_bytes) + ")";
  }
  // The file may grow while it is read: never more than the limit allows.
  text.resize(static_cast<std::size_t>(in.size()));
  std::size_t have = 0;
  for (;;) {
    if (have == text.size()) {
      if (text.size() > max_bytes) return "is too large (it grew while being read)";
      text.resize(text.size() + 4096);
    }
    const ssize_t got = ::read(in.fd(), text.data() + have, text.size() - have);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::string("cannot be read (") + std::strerror(errno) + ")";
    if (got == 0) break;
    have += static_cast<std::size_t>(got);
  }
  text.resize(have);
  return std::nullopt;
}

}  // namespace socred
