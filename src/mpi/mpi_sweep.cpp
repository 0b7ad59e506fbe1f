#include "mpi_sweep.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <stdexcept>
#include <string>
#include <thread>

#include "mpi_common.hpp"

namespace socred::mpi {
namespace {

// Messages between the leader and a worker. Work: the plan's index (int64). Stop: empty.
// Result: "<index> ok" or "<index> <error text>".
constexpr int kTagWork = 1;
constexpr int kTagStop = 2;
constexpr int kTagResult = 3;

// Ranks that run plans on this node, to share its cores out among them: the leader mostly
// sleeps, so it counts only when it is alone.
int planners_on_this_node(MPI_Comm comm) {
  const bool leader = rank_of(comm) == 0;
  const int n = size_of(comm) > 1 ? ranks_on_this_node(comm, !leader) : 1;
  return std::max(1, n);
}

void send_work(MPI_Comm comm, int worker, std::size_t plan) {
  const auto index = static_cast<std::int64_t>(plan);
  MPI_Send(&index, 1, MPI_INT64_T, worker, kTagWork, comm);
}

void send_stop(MPI_Comm comm, int worker) { MPI_Send(nullptr, 0, MPI_BYTE, worker, kTagStop, comm); }

// The next worker's result. MPI_Recv would spin a core for the whole sweep on the leader
// (Open MPI polls); probing every millisecond leaves that core to a worker.
std::pair<int, std::string> receive_result(MPI_Comm comm) {
  MPI_Status status;
  for (int arrived = 0;;) {
    MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, comm, &arrived, &status);
    if (arrived) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  int length = 0;
  MPI_Get_count(&status, MPI_CHAR, &length);
  std::string text(static_cast<std::size_t>(length), '\0');
  MPI_Recv(text.data(), length, MPI_CHAR, status.MPI_SOURCE, kTagResult, comm, MPI_STATUS_IGNORE);
  return {status.MPI_SOURCE, text};
}

// Self-scheduling: every worker gets a plan; each result earns the worker the next one.
void lead(MPI_Comm comm, const cli::PlanJob& job, const std::function<void(std::size_t)>& done) {
  const int workers = size_of(comm) - 1;
  if (workers == 0) {
    omp_set_num_threads(job.shape.threads_per_job);
    for (std::size_t k : job.todo) {
      run_sweep_plan(job.base, job.spec, job.plans[k], job.output);
      done(k);
    }
    return;
  }
  std::size_t next = 0;
  int running = 0;
  for (int w = 1; w <= workers; ++w) {
    if (next < job.todo.size()) {
      send_work(comm, w, job.todo[next++]);
      ++running;
    } else {
      send_stop(comm, w);
    }
  }
  std::string first_error;
  while (running > 0) {
    const auto [worker, text] = receive_result(comm);
    --running;
    const std::size_t space = text.find(' ');
    const std::size_t plan = std::stoull(text.substr(0, space));
    const std::string outcome = text.substr(space + 1);
    if (outcome == "ok") {
      done(plan);
    } else if (first_error.empty()) {
      first_error = "run " + job.plans.at(plan).id + " (rank " + std::to_string(worker) + "): " + outcome;
    }
    if (first_error.empty() && next < job.todo.size()) {
      send_work(comm, worker, job.todo[next++]);
      ++running;
    } else {
      send_stop(comm, worker);
    }
  }
  if (!first_error.empty()) throw std::runtime_error(first_error);
}

void work(MPI_Comm comm, const cli::PlanJob& job) {
  omp_set_num_threads(job.shape.threads_per_job);
  for (;;) {
    MPI_Status status;
    MPI_Probe(0, MPI_ANY_TAG, comm, &status);
    if (status.MPI_TAG == kTagStop) {
      MPI_Recv(nullptr, 0, MPI_BYTE, 0, kTagStop, comm, MPI_STATUS_IGNORE);
      return;
    }
    std::int64_t index = 0;
    MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagWork, comm, MPI_STATUS_IGNORE);
    std::string result = std::to_string(index) + " ok";
    try {
      run_sweep_plan(job.base, job.spec, job.plans.at(static_cast<std::size_t>(index)), job.output);
    } catch (const std::exception& e) {
      result = std::to_string(index) + " " + e.what();
    }
    MPI_Send(result.data(), static_cast<int>(result.size()), MPI_CHAR, 0, kTagResult, comm);
  }
}

}  // namespace

cli::SweepBackend mpi_sweep_backend(MPI_Comm comm) {
  cli::SweepBackend backend;
  backend.name = "socred-mpi sweep";
  backend.leader = rank_of(comm) == 0;
  backend.check = [](std::optional<int> jobs) -> std::optional<std::string> {
    if (!jobs) return std::nullopt;
    return "--jobs: socred-mpi runs one plan per rank at a time; start more ranks "
           "(mpirun -np) instead";
  };
  backend.agree = [comm](bool ready) {
    int mine = ready ? 1 : 0, all = 0, leader = mine;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_LAND, comm);
    MPI_Bcast(&leader, 1, MPI_INT, 0, comm);
    return cli::SweepBackend::Verdict{all != 0, leader != 0};
  };
  backend.shape = [comm](std::optional<int> threads, std::size_t) {
    const int workers = std::max(1, size_of(comm) - 1);
    const int sharing = planners_on_this_node(comm);
    cli::PoolShape shape;
    shape.jobs = workers;
    shape.threads_per_job = threads && *threads > 0 ? *threads : std::max(1, omp_get_num_procs() / sharing);
    return shape;
  };
  backend.run = [comm](const cli::PlanJob& job, const std::function<void(std::size_t)>& done) {
    if (rank_of(comm) == 0) {
      lead(comm, job, done);
    } else {
      work(comm, job);
    }
  };
  return backend;
}

}  // namespace socred::mpi
