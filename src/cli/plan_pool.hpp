// Running independent plans side by side (`--jobs`). Threads, not processes: a plan's
// results depend only on the plan (keyed random numbers, no shared state), so how plans are
// spread over threads cannot change them; threads need no serialisation of plans and
// results, and avoid fork() in a process whose OpenMP runtime is already started (libgomp
// does not survive it).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>

namespace socred::cli {

struct PoolShape {
  int jobs = 1;             // plans running at once
  int threads_per_job = 1;  // OpenMP threads inside each plan
};

// --jobs and --threads resolved against the cores and the number of plans: by default as
// many jobs as cores (at most one per plan), the cores shared out among them.
PoolShape choose_pool(std::optional<int> jobs, std::optional<int> threads, std::size_t plans);

// Runs job(k) for k in [0, count) on shape.jobs threads, each taking the next k in turn, and
// calls done(k) (one at a time, under a lock) as each finishes. After a job throws, no new
// job starts; the first exception is rethrown once the running ones have finished.
void run_jobs(std::size_t count, const PoolShape& shape,
              const std::function<void(std::size_t)>& job,
              const std::function<void(std::size_t)>& done);

}  // namespace socred::cli
