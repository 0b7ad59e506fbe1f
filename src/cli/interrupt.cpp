#include "interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <iterator>

namespace socred::cli {
namespace {

// The signals that stop a run cleanly, and the one that asks for a checkpoint.
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr int kCheckpointSignal = SIGUSR1;

// A signal handler can only reach the program through global flags.
volatile std::sig_atomic_t g_requested = 0;
volatile std::sig_atomic_t g_checkpoint = 0;
struct sigaction g_previous[std::size(kStopSignals) + 1] {};

void say(const char* text, std::size_t bytes) {
  // write(2) is async-signal-safe; stdio is not. Nothing to do if stderr is gone (SIGHUP).
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

extern "C" void on_checkpoint_signal(int) { g_checkpoint = 1; }

}  // namespace

InterruptGuard::InterruptGuard() {
  g_requested = 0;
  g_checkpoint = 0;
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // writes in progress carry on; the loop checks the flags
  action.sa_handler = on_stop_signal;
  std::size_t k = 0;
  for (const int signal : kStopSignals) sigaction(signal, &action, &g_previous[k++]);
  action.sa_handler = on_checkpoint_signal;
  sigaction(kCheckpointSignal, &action, &g_previous[k]);
}

InterruptGuard::~InterruptGuard() {
  std::size_t k = 0;
  for (const int signal : kStopSignals) sigaction(signal, &g_previous[k++], nullptr);
  sigaction(kCheckpointSignal, &g_previous[k], nullptr);
}

int InterruptGuard::requested() { return g_requested; }

bool InterruptGuard::take_checkpoint_request() {
  if (g_checkpoint == 0) return false;
  g_checkpoint = 0;
  return true;
}

const char* signal_name(int signal) {
  switch (signal) {
    case SIGINT: return "SIGINT";
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    case SIGQUIT: return "SIGQUIT";
    case SIGUSR1: return "SIGUSR1";
    default: return "a signal";
  }
}

}  // namespace socred::cli
