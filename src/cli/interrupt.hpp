// Signals during a run. The ones that end a program in a terminal session (SIGINT from
// Ctrl-C, SIGTERM from kill or a batch system, SIGHUP when the terminal goes away, SIGQUIT
// from Ctrl-\) all ask the run to stop at the end of the current week; it then saves a
// checkpoint and what it has written, marked as interrupted. A second one ends the process
// at once, leaving only the DIR.partial directory. SIGUSR1 asks for a checkpoint at the end
// of the current week and the run carries on (batch systems send it ahead of a time limit).
#pragma once

namespace socred::cli {

// Exit code of an interrupted run (128 + SIGINT, as shells report Ctrl-C), whichever of the
// stopping signals stopped it.
inline constexpr int kExitInterrupted = 130;

// Installs the handlers for its lifetime and restores the previous ones after.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The signal that asked to stop, or 0.
  static int requested();
  // Whether SIGUSR1 asked for a checkpoint since the last call (which clears the request).
  static bool take_checkpoint_request();
};

// "SIGHUP" for SIGHUP, for messages.
const char* signal_name(int signal);

}  // namespace socred::cli
