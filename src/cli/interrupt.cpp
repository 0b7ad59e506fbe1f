#include "interrupt.hpp"

#include <unistd.h>

#include <csignal>

namespace socred::cli {
namespace {

// A signal handler can only reach the program through a global flag.
volatile std::sig_atomic_t g_requested = 0;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

void say(const char* text, std::size_t bytes) {
  // write(2) is async-signal-safe; stdio is not. Nothing to do if stderr is gone.
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text, bytes);
}

extern "C" void on_stop_signal(int signal) {
  if (g_requested != 0) {
    static const char kNow[] =
        "\nsocred: stopping now; the output directory stays .partial (incomplete)\n";
    say(kNow, sizeof kNow - 1);
    ::_exit(kExitInterrupted);
  }
  g_requested = signal;
  static const char kSoon[] =
      "\nsocred: stopping at the end of this week to save a checkpoint (press Ctrl-C again "
      "to stop at once)\n";
  say(kSoon, sizeof kSoon - 1);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested = 0;
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // writes in progress carry on; the loop checks the flag
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
}

int InterruptGuard::requested() { return g_requested; }

}  // namespace socred::cli
