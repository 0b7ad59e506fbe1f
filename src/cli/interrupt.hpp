// Ctrl-C and SIGTERM during a run: the first asks the run to stop at the end of the current
// tick (it then saves a checkpoint and what it has written, marked as interrupted); the
// second ends the process at once, leaving only the DIR.partial directory.
#pragma once

namespace socred::cli {

// Exit code of an interrupted run (128 + SIGINT, as shells report Ctrl-C), whichever of
// SIGINT or SIGTERM stopped it.
inline constexpr int kExitInterrupted = 130;

// Installs the handlers for its lifetime and restores the previous ones after.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The signal that asked to stop (SIGINT or SIGTERM), or 0.
  static int requested();
};

}  // namespace socred::cli
