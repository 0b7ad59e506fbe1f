// Output directories: one writer at a time (flock), nothing removed that socred did not
// write, and finished outputs swapped into place.
//
// Sections: the lock | what socred wrote | putting a finished directory in place.
#include "socred/output_dir.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <iterator>
#include <utility>

#include "socred/errors.hpp"

namespace socred {
namespace fs = std::filesystem;
namespace {

// ---------------------------------------------------------------------------------------
// The lock

// Text for a person: control characters as "?", cut short.
std::string printable(std::string text, std::size_t most) {
  if (text.size() > most) text = text.substr(0, most - 3) + "...";
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return text;
}

// "pid 123: socred run --out x", written into the lock file for the next writer's message.
std::string holder_text() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string command((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!command.empty() && command.back() == '\0') command.pop_back();
  std::replace(command.begin(), command.end(), '\0', ' ');
  std::string text = "pid " + std::to_string(::getpid());
  if (!command.empty()) text += ": " + printable(command, 200);
  return text + "\n";
}

std::string read_holder(int fd) {
  char buf[512];
  const ssize_t got = ::pread(fd, buf, sizeof buf, 0);
  std::string text = got > 0 ? std::string(buf, static_cast<std::size_t>(got)) : std::string();
  if (const auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
  return text.empty() ? "its pid not written yet" : printable(text, 240);
}

fs::path error_path(const fs::path& p) { return p.empty() ? fs::path(".") : p; }

[[noreturn]] void fail(const fs::path& path, const std::string& action, const std::error_code& ec) {
  throw OutputError(error_path(path), action, ec.value());
}

}  // namespace

OutputLock::OutputLock(fs::path file, const fs::path& dir, const std::string& otherwise)
    : file_(std::move(file)) {
  // Another writer may remove the lock file as it finishes, after this process opened it:
  // the lock is held only on the file that has the name now.
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int fd = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) throw OutputError(file_, "create the lock file", errno);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string holder = read_holder(fd);
      ::close(fd);
      if (error != EWOULDBLOCK) throw OutputError(file_, "lock", error);
      throw OutputError(dir.string() + ": another socred is writing it (" + holder +
                        "); wait for it to finish, or " + otherwise);
    }
    struct stat held {}, named {};
    if (::fstat(fd, &held) == 0 && ::stat(file_.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      fd_ = fd;
      // Who holds it, for the message another writer gets; the lock works without it.
      const std::string text = holder_text();
      if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] const auto written = ::pwrite(fd, text.data(), text.size(), 0);
      }
      return;
    }
    ::close(fd);
  }
  throw OutputError(file_.string() + ": cannot take the lock (the file keeps being replaced)");
}

OutputLock OutputLock::beside(const fs::path& dir, const std::string& otherwise) {
  fs::path out = dir.lexically_normal();
  if (!out.has_filename() && !out.parent_path().empty()) out = out.parent_path();
  std::error_code ec;
  // The real directory, so that two names for one place (a symbolic link, "x/../x") share
  // one lock.
  const fs::path real = fs::weakly_canonical(fs::absolute(out, ec), ec);
  if (ec) fail(out, "find its directory", ec);
  fs::create_directories(real.parent_path(), ec);
  if (ec) fail(real.parent_path(), "create the directory", ec);
  fs::path file = real;
  file += ".lock";
  return OutputLock(file, out, otherwise);
}

OutputLock OutputLock::inside(const fs::path& dir, const std::string& otherwise) {
  return OutputLock(dir / kInsideLockName, dir, otherwise);
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : file_(std::move(other.file_)), fd_(std::exchange(other.fd_, -1)) {}

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
  if (this != &other) {
    release();
    file_ = std::move(other.file_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

OutputLock::~OutputLock() { release(); }

void OutputLock::release() {
  if (fd_ < 0) return;
  // Removed while still held, so that nobody locks a file about to disappear unnoticed.
  ::unlink(file_.c_str());
  ::close(fd_);
  fd_ = -1;
}

// ---------------------------------------------------------------------------------------
// What socred wrote

namespace {

// A directory's entries in name order (so messages and removals do not depend on the file
// system's order): name and whether it is a real directory (symbolic links are not).
std::vector<std::pair<std::string, bool>> entries_of(const fs::path& dir) {
  std::vector<std::pair<std::string, bool>> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code kind;
    out.emplace_back(it->path().filename().string(), it->symlink_status(kind).type() == fs::file_type::directory);
  }
  if (ec) fail(dir, "list the directory", ec);
  std::sort(out.begin(), out.end());
  return out;
}

void collect_foreign(const fs::path& root, const fs::path& rel, const OwnedPaths& owned,
                     std::vector<std::string>& out) {
  for (const auto& [name, directory] : entries_of(root / rel)) {
    const fs::path here = rel / name;
    if (!owned(here, directory)) {
      out.push_back(here.string() + (directory ? "/" : ""));
    } else if (directory) {
      collect_foreign(root, here, owned, out);
    }
  }
}

// Removes what `owned` claims under root/rel; returns whether root/rel is left empty.
bool remove_owned_under(const fs::path& root, const fs::path& rel, const OwnedPaths& owned) {
  bool empty = true;
  for (const auto& [name, directory] : entries_of(root / rel)) {
    const fs::path here = rel / name;
    std::error_code ec;
    if (!owned(here, directory)) {
      empty = false;
    } else if (directory) {
      if (remove_owned_under(root, here, owned)) {
        fs::remove(root / here, ec);
        if (ec) fail(root / here, "remove the directory", ec);
      } else {
        empty = false;
      }
    } else {
      fs::remove(root / here, ec);
      if (ec) fail(root / here, "remove the file", ec);
    }
  }
  return empty;
}

void rename_or_fail(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) fail(to, "move " + from.string() + " there", ec);
}

// Moves every entry of `from` into `to` (merging directories both have), `last` at the end.
void move_into(const fs::path& from, const fs::path& to, const std::string& last) {
  for (const auto& [name, directory] : entries_of(from)) {
    if (name == last) continue;
    std::error_code ec;
    if (directory && fs::symlink_status(to / name, ec).type() == fs::file_type::directory) {
      move_into(from / name, to / name, "");
      fs::remove(from / name, ec);
      if (ec) fail(from / name, "remove the directory", ec);
    } else {
      rename_or_fail(from / name, to / name);
    }
  }
  std::error_code ec;
  if (!last.empty() && fs::exists(fs::symlink_status(from / last, ec))) {
    rename_or_fail(from / last, to / last);
  }
}

}  // namespace

bool is_output_name(const std::string& name, const std::vector<std::string_view>& files) {
  std::string_view base = name;
  for (const std::string_view suffix : {".tmp", ".partial"}) {
    if (base.size() > suffix.size() && base.substr(base.size() - suffix.size()) == suffix) {
      base.remove_suffix(suffix.size());
    }
  }
  return std::find(files.begin(), files.end(), base) != files.end();
}

std::vector<std::string> foreign_entries(const fs::path& dir, const OwnedPaths& owned) {
  std::vector<std::string> out;
  collect_foreign(dir, fs::path(), owned, out);
  return out;
}

std::string list_entries(const std::vector<std::string>& entries) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(entries.size(), 4);
  for (std::size_t k = 0; k < shown; ++k) {
    out += (k == 0 ? "" : k + 1 == shown && shown == entries.size() ? " and " : ", ");
    out += printable(entries[k], 80);
  }
  if (entries.size() > shown) out += " and " + std::to_string(entries.size() - shown) + " more";
  return out;
}

bool remove_owned(const fs::path& dir, const OwnedPaths& owned) {
  if (!remove_owned_under(dir, fs::path(), owned)) return false;
  std::error_code ec;
  fs::remove(dir, ec);
  if (ec) fail(dir, "remove the directory", ec);
  return true;
}

void sync_directory(const fs::path& dir) {
  const fs::path where = error_path(dir);
  const int fd = ::open(where.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw OutputError(where, "open the directory", errno);
  const bool synced = ::fsync(fd) == 0 || errno == EINVAL;  // some file systems cannot
  const int error = errno;
  ::close(fd);
  if (!synced) throw OutputError(where, "flush the directory to the disk", error);
}

// ---------------------------------------------------------------------------------------
// Putting a finished directory in place

std::vector<std::string> install_directory(const fs::path& partial, const fs::path& dir,
                                           const OwnedPaths& owned, const std::string& manifest) {
  std::error_code ec;
  const auto status = fs::symlink_status(dir, ec);
  const fs::path parent = dir.parent_path();
  if (!fs::exists(status)) {
    rename_or_fail(partial, dir);
    sync_directory(parent);
    return {};
  }
  if (status.type() != fs::file_type::directory) {
    throw OutputError(dir.string() + ": exists and is not a directory; the finished outputs stay in " +
                      partial.string());
  }
  std::vector<std::string> kept = foreign_entries(dir, owned);
  if (kept.empty()) {
    // One rename swaps the two, so DIR is always a whole run, the old or the new.
    if (::renameat2(AT_FDCWD, partial.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
      sync_directory(parent);
      // Files someone added in the instant between the check and the swap stay, under the
      // .partial name (the next run names them).
      remove_owned(partial, owned);
      return {};
    }
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP) {
      throw OutputError(dir, "replace it with " + partial.string(), errno);
    }
  }
  // Beside files socred did not write (or on a file system that cannot exchange): without
  // its manifest DIR does not look complete while its files are replaced.
  fs::remove(dir / manifest, ec);
  if (ec) fail(dir / manifest, "remove the file", ec);
  remove_owned_under(dir, fs::path(), owned);
  move_into(partial, dir, manifest);
  fs::remove(partial, ec);
  if (ec) fail(partial, "remove the directory", ec);
  sync_directory(dir);
  sync_directory(parent);
  return kept;
}

}  // namespace socred
