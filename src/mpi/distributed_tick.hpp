// One society across MPI ranks: each rank computes the phases for its own contiguous range of
// citizens (partition_by_city) and exchanges, once per tick, what its citizens read of others.
//
// Layout: every rank holds the whole World's arrays (built from the same scenario and seed, so
// identical at the start), writes only its own citizens' entries, and keeps fresh copies of
// the entries its citizens read from other ranks (the ghosts): friends' flags before contagion,
// friends' and strangers met's published state before proposals. The friendship network itself
// is replicated: every rank applies every rank's tie proposals in global citizen order, which
// is how one machine decides them, so the lists stay identical everywhere. Society-wide
// counts and metrics are exact sums, gathered to rank 0 in rank order. Rank 0 gathers every
// citizen's state only when it writes a snapshot and after the last tick.
// docs/distributed.md explains the design, its cost, and the path to per-rank storage.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <vector>

#include "socred/simulation.hpp"

namespace socred::mpi {

// What a rank sent and waited for, summed over the ticks so far.
struct ExchangeStats {
  std::int64_t ticks = 0;
  std::uint64_t bytes_sent = 0;    // to other ranks during ticks: ghosts, asks, proposals, counts
  std::uint64_t metric_bytes = 0;  // the metrics' sums sent to rank 0 (a fixed ~600 kB a tick)
  std::uint64_t state_bytes = 0;   // citizens' state sent to rank 0 for snapshots and the end
  std::uint64_t messages = 0;      // point-to-point messages sent during ticks
  std::uint64_t ghosts = 0;        // friends on other ranks, summed over ticks
  std::uint64_t strangers = 0;     // people met on other ranks fetched, summed over ticks
  std::uint64_t proposals = 0;     // tie proposals received from other ranks
  double wait_seconds = 0;         // blocked on messages and collectives during ticks
  double tick_seconds = 0;         // wall time in tick(), including the waits
  double metrics_seconds = 0;      // wall time in collect(), including the gather
  double state_seconds = 0;        // wall time gathering the state to rank 0
};

class DistributedTick final : public TickEngine {
 public:
  // `w` is this rank's copy of the world as built; rank 0 gathers the whole state after ticks
  // that are multiples of `gather_every` (0: never) and after `last_tick`.
  DistributedTick(MPI_Comm comm, const World& w, std::int64_t gather_every, std::int64_t last_tick);
  ~DistributedTick() override;
  DistributedTick(const DistributedTick&) = delete;
  DistributedTick& operator=(const DistributedTick&) = delete;

  void tick(const Scenario& s, World& w, TickEvents& ev, PhaseTimes& times) override;
  MetricsRow collect(MetricsCollector& collector, const Scenario& s, const World& w,
                     const TickEvents& ev) override;

  int rank() const { return rank_; }
  int ranks() const { return static_cast<int>(ranges_.size()); }
  const std::vector<CitizenRange>& ranges() const { return ranges_; }
  CitizenRange own() const { return ranges_[static_cast<std::size_t>(rank_)]; }
  const ExchangeStats& stats() const { return stats_; }

 private:
  int owner(CitizenId i) const;
  void build_ghost_lists(const World& w);
  void exchange_flags_begin(const World& w, std::uint64_t posts_penalised);
  void exchange_flags_end(World& w);
  void exchange_published(const Scenario& s, World& w);
  void exchange_proposals(const Scenario& s, World& w);
  void exchange_new_friends(World& w);
  void gather_counts(TickEvents& ev);
  void gather_firm_scores(World& w);
  void gather_world(World& w);
  void wait(std::vector<MPI_Request>& requests);
  void send(const void* data, std::size_t bytes, int to, int tag);
  void receive(void* data, std::size_t bytes, int from, int tag);

  MPI_Comm comm_;
  MPI_Datatype proposal_type_ = MPI_DATATYPE_NULL;
  std::vector<std::uint8_t> mine_, all_proposals_;
  std::vector<int> proposal_counts_, proposal_displs_;
  std::size_t proposals_received_ = 0;  // in all_proposals_, every rank's, in global order
  std::vector<std::uint8_t> counts_in_;
  int rank_ = 0;
  std::int64_t gather_every_ = 0;
  std::int64_t last_tick_ = 0;
  std::vector<CitizenRange> ranges_;
  std::vector<FirmRange> firm_ranges_;

  // Per other rank q: my citizens that have a friend on q (sent), and q's citizens that are
  // friends of mine (received), both in id order; rebuilt each tick as ties change.
  std::vector<std::vector<CitizenId>> send_ghosts_, recv_ghosts_;
  std::vector<MPI_Request> requests_;
  // Per other rank, reused: values sent and received for ghosts, and the strangers met that
  // I ask a rank for (asked_), it asks me for (asked_of_me_), and the answers.
  std::vector<std::vector<std::uint8_t>> out_, in_, answers_out_, answers_in_;
  std::vector<std::vector<CitizenId>> asked_, asked_of_me_;
  // Per other rank: ends of this week's new cut ties, mine (sent) and theirs (received).
  std::vector<std::vector<CitizenId>> new_mine_, new_theirs_;
  std::vector<int> ask_counts_, asked_counts_;
  std::vector<CitizenId> met_;
  std::vector<CitizenId> remote_proposers_;  // entries of other ranks written last tick
  MPI_Request penalised_request_ = MPI_REQUEST_NULL;
  std::uint64_t penalised_here_ = 0, penalised_total_ = 0;
  std::vector<std::uint64_t> metric_words_, all_metric_words_;
  ExchangeStats stats_;
};

}  // namespace socred::mpi
