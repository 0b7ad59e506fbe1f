#include "plan_pool.hpp"

#include "cli_common.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace socred::cli {

PoolShape choose_pool(std::optional<int> jobs, std::optional<int> threads, std::size_t plans) {
  const int cores = omp_get_num_procs();
  PoolShape shape;
  // More runs at once than cores only costs memory (each holds a society).
  shape.jobs = jobs && *jobs > 0 ? choose_threads(jobs, "--jobs") : cores;
  shape.jobs = std::max(1, std::min<int>(shape.jobs, static_cast<int>(std::max<std::size_t>(plans, 1))));
  shape.threads_per_job =
      threads && *threads > 0 ? choose_threads(threads) : std::max(1, cores / shape.jobs);
  return shape;
}

void run_jobs(std::size_t count, const PoolShape& shape,
              const std::function<void(std::size_t)>& job,
              const std::function<void(std::size_t)>& done) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex lock;

  auto worker = [&] {
    // The OpenMP thread count is per thread: each worker sets its own.
    omp_set_num_threads(shape.threads_per_job);
    for (;;) {
      const std::size_t k = next.fetch_add(1);
      if (k >= count || failed.load()) return;
      try {
        job(k);
      } catch (...) {
        std::lock_guard guard(lock);
        if (!first_error) first_error = std::current_exception();
        failed = true;
        return;
      }
      std::lock_guard guard(lock);
      done(k);
    }
  };

  const auto workers = static_cast<std::size_t>(std::max(shape.jobs, 1));
  if (workers == 1) {
    worker();
  } else {
    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
  }
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace socred::cli
