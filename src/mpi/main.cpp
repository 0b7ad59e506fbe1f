// socred-mpi: socred on MPI ranks. `mpirun -np R socred-mpi sweep ...` takes the arguments of
// `socred sweep` and writes the same sweep directory, with the runs handed out to ranks;
// `mpirun -np R socred-mpi run ...` splits one society across the ranks and writes the
// outputs of `socred run`.
#include <mpi.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <vector>

#include "commands.hpp"
#include "mpi_run.hpp"
#include "mpi_sweep.hpp"
#include "socred/errors.hpp"
#include "socred/recorder.hpp"

namespace {

// MPI_Finalize on every way out of main, including errors caught below.
struct MpiSession {
  MpiSession(int& argc, char**& argv) {
    int provided = 0;
    // Only the main thread calls MPI; OpenMP threads run the model in between.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace socred::cli;
  MpiSession session(argc, argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);

  CLI::App app{"socred-mpi: socred on MPI ranks (mpirun -np R socred-mpi sweep|run ...)"};
  GlobalOptions global;
  add_global_options(app, global, "socred-mpi", argc, argv);
  const std::vector<Command> commands = {
      add_sweep_command(app, global, socred::mpi::mpi_sweep_backend(MPI_COMM_WORLD)),
      socred::mpi::add_mpi_run_command(app, global, MPI_COMM_WORLD),
  };

  // Every rank parses the same command line; only rank 0 speaks about it.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (rank != 0) return e.get_exit_code() == 0 ? kExitOk : kExitBadInput;
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "socred-mpi: " << e.what() << " (see socred-mpi --help)\n";
    return kExitBadInput;
  }
  if (rank != 0 && global.log_level != "trace" && global.log_level != "debug") global.quiet = true;
  setup_logging(global);
  try {
    for (const auto& command : commands) {
      if (command.app->parsed()) return command.run();
    }
  } catch (const std::exception& e) {
    // Other ranks may be waiting on this one: end the whole job.
    std::cerr << "socred-mpi (rank " << rank << "): " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, dynamic_cast<const socred::InputError*>(&e) ? kExitBadInput : kExitFailure);
  }
  return kExitOk;
}
