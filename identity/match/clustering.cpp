#include "identity/match/clustering.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "identity/match/blocking.h"
#include "identity/match/union_find.h"

namespace crm::identity {
namespace {

// A connected piece of the match graph: its records (sorted) and the indices of its edges.
struct Piece {
  std::vector<uint32_t> nodes;
  std::vector<size_t> edges;
};

// The connected pieces formed by `edge_ids` (records without an edge form none).
std::vector<Piece> Pieces(const std::vector<MatchEdge>& edges,
                          const std::vector<size_t>& edge_ids) {
  std::vector<uint32_t> nodes;
  for (size_t e : edge_ids) nodes.push_back(edges[e].a), nodes.push_back(edges[e].b);
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  const auto local = [&nodes](uint32_t r) {
    return static_cast<uint32_t>(std::lower_bound(nodes.begin(), nodes.end(), r) - nodes.begin());
  };
  UnionFind uf(nodes.size());
  for (size_t e : edge_ids) uf.Union(local(edges[e].a), local(edges[e].b));
  std::vector<Piece> pieces;
  std::vector<int64_t> piece_of(nodes.size(), -1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    const uint32_t root = uf.Find(static_cast<uint32_t>(i));
    if (piece_of[root] < 0) {
      piece_of[root] = static_cast<int64_t>(pieces.size());
      pieces.emplace_back();
    }
    pieces[static_cast<size_t>(piece_of[root])].nodes.push_back(nodes[i]);
  }
  for (size_t e : edge_ids) {
    pieces[static_cast<size_t>(piece_of[uf.Find(local(edges[e].a))])].edges.push_back(e);
  }
  return pieces;
}

bool HoldsRejectedPair(const Piece& piece, const std::vector<uint64_t>& rejected) {
  const auto in = [&piece](uint32_t r) {
    return std::binary_search(piece.nodes.begin(), piece.nodes.end(), r);
  };
  return std::any_of(rejected.begin(), rejected.end(),
                     [&](uint64_t pair) { return in(PairFirst(pair)) && in(PairSecond(pair)); });
}

// Why a piece fails the guard; empty when it passes.
std::string GuardProblem(const Piece& piece, const ClusterOptions& options) {
  const double n = static_cast<double>(piece.nodes.size());
  if (static_cast<int64_t>(piece.nodes.size()) > options.max_size) {
    return "holds " + std::to_string(piece.nodes.size()) + " records, more than max_size " +
           std::to_string(options.max_size);
  }
  const double cohesion = static_cast<double>(piece.edges.size()) / (n * (n - 1) / 2);
  if (cohesion < options.min_cohesion) {
    char text[96];
    std::snprintf(text, sizeof text, "has cohesion %.2f, below min_cohesion %g", cohesion,
                  options.min_cohesion);
    return text;
  }
  return "";
}

// Drops the weakest links of `piece` until every part passes the guard and holds no rejected
// pair: one link at a time, or a twentieth of a large piece's links, so a chain of thousands is
// cut in bounded time. Returns the number of parts with two or more records.
size_t Split(const Piece& piece, const std::vector<MatchEdge>& edges,
             const std::vector<uint64_t>& rejected, const ClusterOptions& options,
             std::vector<char>* kept, int64_t* dropped) {
  size_t parts = 0;
  std::vector<Piece> work = {piece};
  while (!work.empty()) {
    Piece p = std::move(work.back());
    work.pop_back();
    if (GuardProblem(p, options).empty() && !HoldsRejectedPair(p, rejected)) {
      ++parts;
      continue;
    }
    std::sort(p.edges.begin(), p.edges.end(), [&edges](size_t x, size_t y) {
      const MatchEdge &a = edges[x], &b = edges[y];
      if (a.score != b.score) return a.score < b.score;
      return a.a != b.a ? a.a > b.a : a.b > b.b;
    });
    const size_t drop = std::max<size_t>(1, p.edges.size() / 20);
    for (size_t i = 0; i < drop; ++i) (*kept)[p.edges[i]] = 0;
    *dropped += static_cast<int64_t>(drop);
    const std::vector<size_t> rest(p.edges.begin() + static_cast<long>(drop), p.edges.end());
    for (Piece& next : Pieces(edges, rest)) work.push_back(std::move(next));
  }
  return parts;
}

}  // namespace

Clustering ClusterRecords(const RecordSet& records, const std::vector<MatchEdge>& edges,
                          const std::vector<uint64_t>& rejected, const ClusterOptions& options) {
  const size_t n = records.size();
  Clustering out;
  out.flagged.assign(n, 0);
  std::vector<char> kept(edges.size(), 1);
  std::vector<size_t> all(edges.size());
  std::iota(all.begin(), all.end(), size_t{0});
  for (const Piece& piece : Pieces(edges, all)) {
    std::string problem = GuardProblem(piece, options);
    const bool rejected_inside = HoldsRejectedPair(piece, rejected);
    if (problem.empty() && !rejected_inside) continue;
    if (problem.empty()) problem = "holds a pair rejected in review";
    const std::string what = "cluster of " + std::to_string(piece.nodes.size()) +
                             " records (first _crm_row " +
                             std::to_string(records.rows[piece.nodes.front()]) + ") " + problem;
    if (options.split || rejected_inside) {
      int64_t dropped = 0;
      const size_t parts = Split(piece, edges, rejected, options, &kept, &dropped);
      out.links_dropped += dropped;
      ++out.chains_split;
      out.warnings.push_back(
          what + ": split by dropping its " + std::to_string(dropped) +
          " weakest links; parts of two or more records: " + std::to_string(parts));
    } else {
      ++out.chains_flagged;
      for (uint32_t r : piece.nodes) out.flagged[r] = 1;
      out.warnings.push_back(what + ": flagged for review");
    }
  }

  UnionFind uf(n);
  for (size_t e = 0; e < edges.size(); ++e) {
    if (kept[e]) uf.Union(edges[e].a, edges[e].b);
  }
  const auto smaller = [&records](uint32_t x, uint32_t y) {
    const std::string &sx = records.source_names[records.sources[x]],
                      &sy = records.source_names[records.sources[y]];
    return sx != sy ? sx < sy : records.keys[x] < records.keys[y];
  };
  std::vector<uint32_t> best(n);  // per root: the smallest member so far
  std::iota(best.begin(), best.end(), 0u);
  for (uint32_t r = 0; r < n; ++r) {
    const uint32_t root = uf.Find(r);
    if (smaller(r, best[root])) best[root] = r;
  }
  out.representative.resize(n);
  for (uint32_t r = 0; r < n; ++r) out.representative[r] = best[uf.Find(r)];
  out.joined_by.assign(n, -1);
  for (size_t e = 0; e < edges.size(); ++e) {
    if (!kept[e]) continue;
    for (uint32_t r : {edges[e].a, edges[e].b}) {
      const int64_t j = out.joined_by[r];
      if (j < 0 || edges[e].score > edges[static_cast<size_t>(j)].score) {
        out.joined_by[r] = static_cast<int64_t>(e);
      }
    }
  }
  return out;
}

}  // namespace crm::identity
