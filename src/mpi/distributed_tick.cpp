#include "distributed_tick.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "socred/phases.hpp"

namespace socred::mpi {
namespace {

constexpr int kTagFlags = 21;
constexpr int kTagPublished = 22;
constexpr int kTagAsk = 23;
constexpr int kTagAnswer = 24;
constexpr int kTagGather = 25;
constexpr int kTagNewFriends = 26;

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// What contagion and learning read of a friend on another rank: is she scored this week, was
// her post penalised.
struct Flags {
  std::uint32_t happenings = 0;
  std::uint8_t status = 0;
  std::uint8_t pad[3] = {};
};

// What proposals read of a friend or of someone met on another rank, settled for the week
// once every rank has learned; metrics read the same of friends.
struct Published {
  double score_next = 0;
  float knowledge = 0;
  std::uint16_t restrictions = 0;
  std::uint8_t status = 0;
  std::uint8_t pad = 0;
};

// A citizen's proposal this week: at most one tie to drop and one to make.
struct Proposal {
  CitizenId citizen = 0, drop = kNoCitizen, add = kNoCitizen;
  std::uint32_t lapsed = 0;
};
static_assert(sizeof(Flags) == 8 && sizeof(Published) == 16 && sizeof(Proposal) == 16);
static_assert(std::is_trivially_copyable_v<TickCounts>);

template <class T>
void put(std::vector<std::uint8_t>& buffer, std::size_t k, const T& value) {
  std::memcpy(buffer.data() + k * sizeof(T), &value, sizeof(T));
}

template <class T>
T get(const std::vector<std::uint8_t>& buffer, std::size_t k) {
  T value;
  std::memcpy(&value, buffer.data() + k * sizeof(T), sizeof(T));
  return value;
}

void pack_published(const World& w, std::vector<std::uint8_t>& buffer,
                    const std::vector<CitizenId>& ids) {
  buffer.resize(ids.size() * sizeof(Published));
  for (std::size_t m = 0; m < ids.size(); ++m) {
    const CitizenId i = ids[m];
    Published p;
    p.score_next = w.score_next[i];
    p.knowledge = w.knowledge[i];
    p.restrictions = w.restrictions[i];
    p.status = w.status[i];
    put(buffer, m, p);
  }
}

void unpack_published(const std::vector<std::uint8_t>& buffer, const std::vector<CitizenId>& ids,
                      World& w) {
  for (std::size_t m = 0; m < ids.size(); ++m) {
    const auto p = get<Published>(buffer, m);
    const CitizenId j = ids[m];
    w.score_next[j] = p.score_next;
    w.knowledge[j] = p.knowledge;
    w.restrictions[j] = p.restrictions;
    w.status[j] = p.status;
  }
}

int message_size(std::size_t bytes) {
  // MPI counts are ints; a rank's share would have to pass 2 GB in one message.
  if (bytes > static_cast<std::size_t>(INT_MAX)) {
    throw std::runtime_error("a message of " + std::to_string(bytes) +
                             " bytes is beyond MPI's int count; use more ranks");
  }
  return static_cast<int>(bytes);
}

}  // namespace

DistributedTick::DistributedTick(MPI_Comm comm, const World& w, std::int64_t gather_every,
                                 std::int64_t last_tick)
    : comm_(comm), gather_every_(gather_every), last_tick_(last_tick) {
  int size = 1;
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size);
  ranges_ = partition_by_city(w, size);
  for (const auto& r : ranges_) firm_ranges_.push_back(firms_of(r, w));
  const auto n = static_cast<std::size_t>(size);
  for (auto* v : {&send_ghosts_, &recv_ghosts_, &asked_, &asked_of_me_, &new_mine_, &new_theirs_}) {
    v->resize(n);
  }
  for (auto* v : {&out_, &in_, &answers_out_, &answers_in_}) v->resize(n);
  ask_counts_.resize(n);
  asked_counts_.resize(n);
  proposal_counts_.resize(n);
  proposal_displs_.resize(n);
  MPI_Type_contiguous(sizeof(Proposal), MPI_BYTE, &proposal_type_);
  MPI_Type_commit(&proposal_type_);
}

DistributedTick::~DistributedTick() {
  if (proposal_type_ != MPI_DATATYPE_NULL) MPI_Type_free(&proposal_type_);
}

int DistributedTick::owner(CitizenId i) const {
  // Empty ranges share their begin with the next range; the last range starting at or
  // before i is the one holding it.
  const auto it = std::upper_bound(ranges_.begin(), ranges_.end(), i,
                                   [](CitizenId x, const CitizenRange& r) { return x < r.begin; });
  return static_cast<int>(it - ranges_.begin()) - 1;
}

void DistributedTick::send(const void* data, std::size_t bytes, int to, int tag) {
  requests_.emplace_back();
  MPI_Isend(data, message_size(bytes), MPI_BYTE, to, tag, comm_, &requests_.back());
  stats_.bytes_sent += bytes;
  ++stats_.messages;
}

void DistributedTick::receive(void* data, std::size_t bytes, int from, int tag) {
  requests_.emplace_back();
  MPI_Irecv(data, message_size(bytes), MPI_BYTE, from, tag, comm_, &requests_.back());
}

void DistributedTick::wait(std::vector<MPI_Request>& requests) {
  const auto start = Clock::now();
  MPI_Waitall(static_cast<int>(requests.size()), requests.data(), MPI_STATUSES_IGNORE);
  requests.clear();
  stats_.wait_seconds += since(start);
}

// Both ends derive the same lists from the same (replicated) ties: q's citizens that are
// friends of mine are exactly those that have a friend here, in the same id order.
void DistributedTick::build_ghost_lists(const World& w) {
  for (auto& v : send_ghosts_) v.clear();
  for (auto& v : recv_ghosts_) v.clear();
  if (ranks() == 1) return;
  std::vector<CitizenId> last_sent(ranges_.size(), kNoCitizen);  // a few ranks: no reuse needed
  const CitizenRange me = own();
  for (CitizenId i = me.begin; i < me.end; ++i) {
    for (CitizenId j : w.friends.friends(i)) {
      if (me.contains(j)) continue;
      const auto q = static_cast<std::size_t>(owner(j));
      recv_ghosts_[q].push_back(j);
      if (last_sent[q] != i) {
        send_ghosts_[q].push_back(i);
        last_sent[q] = i;
      }
    }
  }
  for (auto& v : recv_ghosts_) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    stats_.ghosts += v.size();
  }
}

void DistributedTick::exchange_flags_begin(const World& w, std::uint64_t posts_penalised) {
  for (int q = 0; q < ranks(); ++q) {
    const auto k = static_cast<std::size_t>(q);
    if (q == rank_) continue;
    if (!recv_ghosts_[k].empty()) {
      in_[k].resize(recv_ghosts_[k].size() * sizeof(Flags));
      receive(in_[k].data(), in_[k].size(), q, kTagFlags);
    }
    if (!send_ghosts_[k].empty()) {
      out_[k].resize(send_ghosts_[k].size() * sizeof(Flags));
      for (std::size_t m = 0; m < send_ghosts_[k].size(); ++m) {
        const CitizenId i = send_ghosts_[k][m];
        Flags f;
        f.happenings = w.happenings[i];
        f.status = w.status[i];
        put(out_[k], m, f);
      }
      send(out_[k].data(), out_[k].size(), q, kTagFlags);
    }
  }
  // Learning needs to know whether anyone's post was penalised this week, anywhere.
  penalised_here_ = posts_penalised;
  MPI_Iallreduce(&penalised_here_, &penalised_total_, 1, MPI_UINT64_T, MPI_SUM, comm_,
                 &penalised_request_);
  stats_.bytes_sent += ranks() > 1 ? sizeof(std::uint64_t) : 0;
}

void DistributedTick::exchange_flags_end(World& w) {
  wait(requests_);
  for (std::size_t q = 0; q < recv_ghosts_.size(); ++q) {
    for (std::size_t m = 0; m < recv_ghosts_[q].size(); ++m) {
      const CitizenId j = recv_ghosts_[q][m];
      const auto f = get<Flags>(in_[q], m);
      w.happenings[j] = f.happenings;
      w.status[j] = f.status;
    }
  }
}

// Friends' published state goes unasked (both ends know the lists); the strangers met are
// asked for first, by id, and answered once every rank has them.
void DistributedTick::exchange_published(const Scenario& s, World& w) {
  if (ranks() == 1) return;
  const CitizenRange me = own();
  adapt_meetings(s, w, me, met_);
  for (auto& v : asked_) v.clear();
  for (CitizenId j : met_) {
    if (!me.contains(j)) asked_[static_cast<std::size_t>(owner(j))].push_back(j);
  }
  std::vector<CitizenId> strangers;
  for (std::size_t q = 0; q < asked_.size(); ++q) {
    auto& v = asked_[q];
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    strangers.clear();
    std::set_difference(v.begin(), v.end(), recv_ghosts_[q].begin(), recv_ghosts_[q].end(),
                        std::back_inserter(strangers));
    v.swap(strangers);
    ask_counts_[q] = static_cast<int>(v.size());
    stats_.strangers += v.size();
  }
  const auto start = Clock::now();
  MPI_Alltoall(ask_counts_.data(), 1, MPI_INT, asked_counts_.data(), 1, MPI_INT, comm_);
  stats_.wait_seconds += since(start);
  stats_.bytes_sent += sizeof(int) * static_cast<std::size_t>(ranks() - 1);

  // The questions first, so that they can be answered while the ghosts travel.
  for (int q = 0; q < ranks(); ++q) {
    const auto k = static_cast<std::size_t>(q);
    if (q == rank_) continue;
    if (asked_counts_[k] > 0) {
      asked_of_me_[k].resize(static_cast<std::size_t>(asked_counts_[k]));
      receive(asked_of_me_[k].data(), asked_of_me_[k].size() * sizeof(CitizenId), q, kTagAsk);
    }
    if (ask_counts_[k] > 0) send(asked_[k].data(), asked_[k].size() * sizeof(CitizenId), q, kTagAsk);
  }
  wait(requests_);
  for (int q = 0; q < ranks(); ++q) {
    const auto k = static_cast<std::size_t>(q);
    if (q == rank_) continue;
    if (!recv_ghosts_[k].empty()) {
      in_[k].resize(recv_ghosts_[k].size() * sizeof(Published));
      receive(in_[k].data(), in_[k].size(), q, kTagPublished);
    }
    if (ask_counts_[k] > 0) {
      answers_in_[k].resize(asked_[k].size() * sizeof(Published));
      receive(answers_in_[k].data(), answers_in_[k].size(), q, kTagAnswer);
    }
    if (!send_ghosts_[k].empty()) {
      pack_published(w, out_[k], send_ghosts_[k]);
      send(out_[k].data(), out_[k].size(), q, kTagPublished);
    }
    if (asked_counts_[k] > 0) {
      pack_published(w, answers_out_[k], asked_of_me_[k]);
      send(answers_out_[k].data(), answers_out_[k].size(), q, kTagAnswer);
    }
  }
  wait(requests_);
  for (std::size_t q = 0; q < recv_ghosts_.size(); ++q) {
    if (static_cast<int>(q) == rank_) continue;
    unpack_published(in_[q], recv_ghosts_[q], w);
    unpack_published(answers_in_[q], asked_[q], w);
  }
}

// Ties made this week across ranks make new ghosts: their ends' new scores are read by this
// week's metrics and next week's contagion. Every rank knows every proposal, so both ends list
// them in the same (global) order without asking.
void DistributedTick::exchange_new_friends(World& w) {
  if (ranks() == 1) return;
  for (auto& v : new_theirs_) v.clear();
  for (auto& v : new_mine_) v.clear();
  for (std::size_t k = 0; k < proposals_received_; ++k) {
    const auto p = get<Proposal>(all_proposals_, k);
    if (p.add == kNoCitizen) continue;
    const int a = owner(p.citizen), b = owner(p.add);
    if (a == b || (a != rank_ && b != rank_) || !w.friends.has_tie(p.citizen, p.add)) continue;
    const CitizenId mine = a == rank_ ? p.citizen : p.add, theirs = a == rank_ ? p.add : p.citizen;
    const auto other = static_cast<std::size_t>(a == rank_ ? b : a);
    new_mine_[other].push_back(mine);
    new_theirs_[other].push_back(theirs);
  }
  for (int q = 0; q < ranks(); ++q) {
    const auto k = static_cast<std::size_t>(q);
    if (q == rank_ || new_theirs_[k].empty()) continue;
    answers_in_[k].resize(new_theirs_[k].size() * sizeof(Published));
    receive(answers_in_[k].data(), answers_in_[k].size(), q, kTagNewFriends);
    pack_published(w, answers_out_[k], new_mine_[k]);
    send(answers_out_[k].data(), answers_out_[k].size(), q, kTagNewFriends);
  }
  wait(requests_);
  for (std::size_t q = 0; q < new_theirs_.size(); ++q) {
    if (static_cast<int>(q) != rank_) unpack_published(answers_in_[q], new_theirs_[q], w);
  }
}

// Every rank receives every proposal, so that each applies them all in global citizen order,
// as one machine does: its ties stay those of one machine.
void DistributedTick::exchange_proposals(const Scenario& s, World& w) {
  if (!s.adaptation.enabled || ranks() == 1) return;
  const CitizenRange me = own();
  mine_.clear();
  std::size_t count = 0;
  for (CitizenId i = me.begin; i < me.end; ++i) {
    if (w.drop_proposal[i] == kNoCitizen && w.add_proposal[i] == kNoCitizen) continue;
    Proposal p;
    p.citizen = i;
    p.drop = w.drop_proposal[i];
    p.add = w.add_proposal[i];
    p.lapsed = (w.happenings[i] & happened::friendship_lapsed) ? 1u : 0u;
    mine_.resize((count + 1) * sizeof(Proposal));
    put(mine_, count++, p);
  }
  const auto start = Clock::now();
  int mine = message_size(count);
  MPI_Allgather(&mine, 1, MPI_INT, proposal_counts_.data(), 1, MPI_INT, comm_);
  std::size_t total = 0;
  for (std::size_t q = 0; q < proposal_counts_.size(); ++q) {
    proposal_displs_[q] = message_size(total);
    total += static_cast<std::size_t>(proposal_counts_[q]);
  }
  all_proposals_.resize(std::max<std::size_t>(1, total) * sizeof(Proposal));
  MPI_Allgatherv(mine_.data(), mine, proposal_type_, all_proposals_.data(), proposal_counts_.data(),
                 proposal_displs_.data(), proposal_type_, comm_);
  stats_.wait_seconds += since(start);
  stats_.bytes_sent += (sizeof(int) + count * sizeof(Proposal)) * static_cast<std::size_t>(ranks() - 1);
  stats_.proposals += total - count;
  proposals_received_ = total;

  for (CitizenId i : remote_proposers_) w.drop_proposal[i] = w.add_proposal[i] = kNoCitizen;
  remote_proposers_.clear();
  for (std::size_t k = 0; k < total; ++k) {
    const auto p = get<Proposal>(all_proposals_, k);
    if (me.contains(p.citizen)) continue;
    w.drop_proposal[p.citizen] = p.drop;
    w.add_proposal[p.citizen] = p.add;
    if (p.lapsed) {
      w.happenings[p.citizen] |= happened::friendship_lapsed;
    } else {
      w.happenings[p.citizen] &= ~happened::friendship_lapsed;
    }
    remote_proposers_.push_back(p.citizen);
  }
}

void DistributedTick::gather_counts(TickEvents& ev) {
  if (ranks() == 1) return;
  counts_in_.resize(sizeof(TickCounts) * ranges_.size());
  const auto start = Clock::now();
  MPI_Gather(&ev.counts, sizeof(TickCounts), MPI_BYTE, counts_in_.data(), sizeof(TickCounts),
             MPI_BYTE, 0, comm_);
  stats_.wait_seconds += since(start);
  if (rank_ != 0) {
    stats_.bytes_sent += sizeof(TickCounts);
    return;
  }
  TickCounts total;
  for (std::size_t q = 0; q < ranges_.size(); ++q) total += get<TickCounts>(counts_in_, q);
  ev.counts = total;
}

void DistributedTick::gather_firm_scores(World& w) {
  if (ranks() == 1) return;
  if (rank_ == 0) {
    for (int q = 1; q < ranks(); ++q) {
      const FirmRange f = firm_ranges_[static_cast<std::size_t>(q)];
      if (f.end > f.begin) {
        receive(w.firms.score.data() + f.begin, (f.end - f.begin) * sizeof(double), q, kTagGather);
      }
    }
  } else {
    const FirmRange f = firm_ranges_[static_cast<std::size_t>(rank_)];
    if (f.end > f.begin) {
      send(w.firms.score.data() + f.begin, (f.end - f.begin) * sizeof(double), 0, kTagGather);
    }
  }
  wait(requests_);
}

// Rank 0 receives every rank's citizens and firms, array by array, for the output files.
void DistributedTick::gather_world(World& w) {
  if (ranks() == 1) return;
  const auto start = Clock::now();
  const ExchangeStats before = stats_;
  for_each_array(w, [&](std::string_view name, auto& v, Extent extent) {
    // The ties are the same everywhere already.
    if (name.substr(0, 8) == "friends.") return;
    if (extent != Extent::citizens && extent != Extent::firms) return;
    using T = std::decay_t<decltype(v[0])>;
    auto part = [&](int q) -> std::pair<std::size_t, std::size_t> {
      const auto k = static_cast<std::size_t>(q);
      if (extent == Extent::citizens) return {ranges_[k].begin, ranges_[k].size()};
      return {firm_ranges_[k].begin, firm_ranges_[k].end - firm_ranges_[k].begin};
    };
    // In pieces of at most 1 GiB (an MPI count is an int); messages between two ranks with
    // one tag arrive in the order they were sent, so both ends cut the same pieces.
    constexpr std::size_t kPiece = (std::size_t{1} << 30) / sizeof(T);
    auto pieces = [&](int q, auto&& transfer) {
      const auto [first, size] = part(q);
      for (std::size_t done = 0; done < size; done += kPiece) {
        transfer(v.data() + first + done, std::min(kPiece, size - done) * sizeof(T));
      }
    };
    if (rank_ == 0) {
      for (int q = 1; q < ranks(); ++q) {
        pieces(q, [&](T* data, std::size_t bytes) { receive(data, bytes, q, kTagGather); });
      }
    } else {
      pieces(rank_, [&](T* data, std::size_t bytes) { send(data, bytes, 0, kTagGather); });
    }
    // One array at a time, so that the messages of two arrays never meet in one queue.
    wait(requests_);
  });
  // Kept apart from the per-tick figures: it happens once a run (and per snapshot).
  stats_.state_bytes += stats_.bytes_sent - before.bytes_sent;
  stats_.bytes_sent = before.bytes_sent;
  stats_.messages = before.messages;
  stats_.wait_seconds = before.wait_seconds;
  stats_.state_seconds += since(start);
}

void DistributedTick::tick(const Scenario& s, World& w, TickEvents& ev, PhaseTimes& times) {
  const auto started = Clock::now();
  ev.counts = {};
  ++w.tick;
  const CitizenRange me = own();
  auto timed = [&](Phase phase, auto&& run) {
    const auto start = Clock::now();
    run();
    times.seconds[static_cast<std::size_t>(phase)] += since(start);
  };
  build_ghost_lists(w);
  timed(Phase::policies, [&] { apply_policies(s, w, ev, me); });
  timed(Phase::behaviour, [&] { behave(s, w, ev, me); });
  // Friends' flags travel while this rank scores its own citizens.
  exchange_flags_begin(w, ev.counts.posts_penalised);
  timed(Phase::scoring, [&] { score_citizens(s, w, ev, me); });
  timed(Phase::contagion, [&] {
    exchange_flags_end(w);
    spread_scores(s, w, ev, me);
  });
  timed(Phase::adaptation, [&] {
    const auto start = Clock::now();
    MPI_Wait(&penalised_request_, MPI_STATUS_IGNORE);
    stats_.wait_seconds += since(start);
    adapt_learn(s, w, ev, me, penalised_total_ > 0);
    exchange_published(s, w);
    adapt_propose(s, w, ev, me);
    exchange_proposals(s, w);
    TickEvents applied;
    adapt_apply(s, w, applied);
    if (rank_ == 0) ev.counts += applied.counts;  // the same everywhere: counted once
    if (s.adaptation.enabled) exchange_new_friends(w);
  });
  w.score.swap(w.score_next);
#ifndef NDEBUG
  check_invariants(w, me);
#endif
  gather_counts(ev);
  gather_firm_scores(w);
  ++stats_.ticks;
  stats_.tick_seconds += since(started);
  if ((gather_every_ > 0 && w.tick % gather_every_ == 0) || w.tick >= last_tick_) gather_world(w);
}

MetricsRow DistributedTick::collect(MetricsCollector& collector, const Scenario& s, const World& w,
                                    const TickEvents& ev) {
  const auto start = Clock::now();
  collector.pack_part(s, w, own(), metric_words_);
  const std::size_t words = metric_words_.size();
  if (rank_ == 0) all_metric_words_.resize(words * ranges_.size());
  if (ranks() > 1) {
    MPI_Gather(metric_words_.data(), message_size(words), MPI_UINT64_T, all_metric_words_.data(),
               message_size(words), MPI_UINT64_T, 0, comm_);
  } else {
    all_metric_words_.swap(metric_words_);
  }
  MetricsRow row;
  if (rank_ != 0) {
    stats_.metric_bytes += words * sizeof(std::uint64_t);
    row[Metric::tick] = static_cast<double>(w.tick);
  } else {
    row = collector.collect_parts(s, w, ev, all_metric_words_.data(), ranges_.size());
  }
  stats_.metrics_seconds += since(start);
  return row;
}

}  // namespace socred::mpi
