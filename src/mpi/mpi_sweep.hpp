// `socred-mpi sweep`: the sweep backend that hands plans out to MPI ranks. Rank 0 leads (it
// prepares the sweep directory, hands out plan indices to workers as they free up, and writes
// summary.csv with the function `socred sweep` uses); ranks 1..R-1 run one plan at a time into
// its directory, so a worker that dies loses only the plan it was running.
#pragma once

#include <mpi.h>

#include "commands.hpp"

namespace socred::mpi {

cli::SweepBackend mpi_sweep_backend(MPI_Comm comm);

}  // namespace socred::mpi
