// Small MPI helpers shared by socred-mpi's commands.
#pragma once

#include <mpi.h>

namespace socred::mpi {

inline int rank_of(MPI_Comm comm) {
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  return rank;
}

inline int size_of(MPI_Comm comm) {
  int size = 1;
  MPI_Comm_size(comm, &size);
  return size;
}

// The ranks of `comm` on this node (sharing its memory and cores); `count_me` says whether
// this rank counts. Every rank of `comm` must call it.
inline int ranks_on_this_node(MPI_Comm comm, bool count_me = true) {
  MPI_Comm node;
  MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  int mine = count_me ? 1 : 0, here = 0;
  MPI_Allreduce(&mine, &here, 1, MPI_INT, MPI_SUM, node);
  MPI_Comm_free(&node);
  return here;
}

}  // namespace socred::mpi
