// `socred-mpi run`: one society split across the ranks of `comm`.
#pragma once

#include <mpi.h>

#include "commands.hpp"

namespace socred::mpi {

cli::Command add_mpi_run_command(CLI::App& app, const cli::GlobalOptions& global, MPI_Comm comm);

}  // namespace socred::mpi
