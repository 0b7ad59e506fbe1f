// socred: the headless command line. Runs, validation, scenario tools.
#include <spdlog/spdlog.h>

#include <iostream>
#include <vector>

#include "commands.hpp"
#include "socred/errors.hpp"
#include "socred/recorder.hpp"

int main(int argc, char** argv) {
  using namespace socred::cli;
  CLI::App app{"socred: an agent-based simulator of a reputation-scoring society "
               "(Sesame Credit, China's social credit system)"};
  GlobalOptions global;
  add_global_options(app, global, "socred", argc, argv);

  const std::vector<Command> commands = {
      add_run_command(app, global),
      add_sweep_command(app, global),
      add_compare_command(app, global),
      add_validate_command(app),
      add_show_scenario_command(app),
      add_reference_command(app),
      add_bench_command(app, global),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version exit 0; anything else is bad input (exit 2) with a one-line error.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "socred: " << e.what() << " (see socred --help)\n";
    return kExitBadInput;
  }
  setup_logging(global);
  try {
    for (const auto& command : commands) {
      if (command.app->parsed()) return command.run();
    }
  } catch (const socred::InputError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return kExitFailure;
  }
  return kExitOk;
}
