// An output directory has one owner at a time, and socred deletes only what it wrote there.
//
// - OutputLock: an advisory lock (flock) on a lock file, held by `socred run` (fresh and
//   --resume), `sweep`, `compare` and the GUI's exports for as long as they write. A second
//   writer is refused with one line naming the holder. The lock of a directory written
//   through DIR.partial and renamed to DIR is the file DIR.lock beside both, so that neither
//   the rename nor a fresh DIR.partial moves or replaces it; a directory written in place
//   (the GUI's export folder) is locked by DIR/.socred.lock. The kernel releases the lock
//   when its process dies (kill -9 included); a lock file left behind then is harmless.
// - What socred wrote: each kind of output directory names its own files (a predicate over
//   paths relative to it, e.g. is_run_output in recorder.hpp); foreign_entries() lists the
//   rest, remove_owned() removes only what the predicate claims.
// - install_directory(): a finished DIR.partial put in place as DIR, replacing an earlier
//   output atomically (the two directories are exchanged, then the old one's own files
//   removed), or, when DIR holds files socred did not write, moving socred's files in beside
//   them.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace socred {

class OutputLock {
 public:
  // Locks DIR (written through DIR.partial) by DIR.lock beside it. Throws OutputError when
  // another process holds it: "DIR: another socred is writing it (pid 123: socred run ...);
  // wait for it to finish, or " + `otherwise`.
  static OutputLock beside(const std::filesystem::path& dir, const std::string& otherwise);
  // Locks a directory written in place by DIR/.socred.lock (DIR must exist).
  static OutputLock inside(const std::filesystem::path& dir, const std::string& otherwise);

  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  // Removes the lock file, then releases the lock.
  ~OutputLock();

  const std::filesystem::path& file() const { return file_; }

 private:
  OutputLock(std::filesystem::path file, const std::filesystem::path& dir,
             const std::string& otherwise);
  void release();
  std::filesystem::path file_;
  int fd_ = -1;
};

// The file name of an inside lock, so that listings of a directory can leave it out.
inline constexpr const char* kInsideLockName = ".socred.lock";

// Whether socred writes this path (relative to the output directory) in a kind of output
// directory. `directory` tells a directory from a file.
using OwnedPaths = std::function<bool(const std::filesystem::path& relative, bool directory)>;

// Whether a file name is one of `files`, or a temporary socred writes one through
// (NAME.tmp, NAME.partial, NAME.partial.tmp: see write_file_atomically).
bool is_output_name(const std::string& name, const std::vector<std::string_view>& files);

// The entries under DIR that `owned` does not claim, relative to DIR, directories ending in
// "/", in name order. An owned directory is searched; a foreign one is listed whole, and a
// symbolic link counts as a file (it is never followed).
std::vector<std::string> foreign_entries(const std::filesystem::path& dir, const OwnedPaths& owned);
// "a.txt, figs/ and 3 more", for a message.
std::string list_entries(const std::vector<std::string>& entries);

// Removes every file and directory under DIR that `owned` claims, then DIR itself if that
// left it empty. Returns whether DIR is gone. Throws OutputError when a removal fails.
bool remove_owned(const std::filesystem::path& dir, const OwnedPaths& owned);

// Puts the finished PARTIAL in place as DIR. Without DIR: renamed. When DIR holds only what
// `owned` claims: exchanged with PARTIAL in one rename (renameat2 RENAME_EXCHANGE), then the
// old outputs removed. Otherwise (the caller allowed it: --force, or files appeared during
// the run): `manifest` is removed from DIR first (so that DIR never looks complete with half
// its files), socred's older files in DIR removed, PARTIAL's moved in one by one, `manifest`
// last; the other files stay. Returns the entries kept that way (empty after an exchange).
// Throws OutputError naming the file and the OS error.
std::vector<std::string> install_directory(const std::filesystem::path& partial,
                                           const std::filesystem::path& dir, const OwnedPaths& owned,
                                           const std::string& manifest);

// fsync(2) of a directory, so that renames in it survive a power cut. Throws OutputError.
void sync_directory(const std::filesystem::path& dir);

}  // namespace socred
