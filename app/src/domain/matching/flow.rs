//! The optimal assignment: the set of (request, volunteer) pairs with the highest total score,
//! each request at most once, each volunteer at most their free capacity.
//!
//! It is a min-cost flow: source → each request (capacity 1) → each eligible volunteer
//! (capacity 1, cost −score) → sink (capacity = the volunteer's free places). Successive
//! shortest paths from the source keep the flow optimal for its size; the cost of one more unit
//! never falls, so we stop as soon as the cheapest augmenting path no longer lowers the cost.
//! Each phase runs Dijkstra on reduced costs (Johnson potentials, so negative scores are fine),
//! then sends flow along every shortest path at once (Dinic on the zero-reduced-cost edges).
//! Scores are small integers, so there are few phases even for thousands of requests.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// One eligible pair and its score (positive: pairs worth nothing are never proposed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub request: usize,
    pub volunteer: usize,
    pub score: i64,
}

/// For each request, the volunteer it is given (if any). Deterministic for the same input.
pub fn best_assignment(requests: usize, capacities: &[u32], edges: &[Edge]) -> Vec<Option<usize>> {
    let mut graph = Graph::new(requests, capacities, edges);
    graph.solve();
    graph.assignment(requests)
}

#[derive(Debug, Clone, Copy)]
struct Arc {
    to: u32,
    cap: i32,
    cost: i64,
}

struct Graph {
    arcs: Vec<Arc>,
    /// Outgoing arc ids per node; an arc's reverse is `id ^ 1`.
    out: Vec<Vec<u32>>,
    potential: Vec<i64>,
    source: usize,
    sink: usize,
    /// Index of each pair's forward arc, in `edges` order, to read the result back.
    pair_arcs: Vec<(usize, usize, u32)>,
}

const INF: i64 = i64::MAX / 4;

impl Graph {
    fn new(requests: usize, capacities: &[u32], edges: &[Edge]) -> Graph {
        let volunteers = capacities.len();
        let source = 0;
        let sink = requests + volunteers + 1;
        let nodes = sink + 1;
        let mut g = Graph {
            arcs: Vec::with_capacity(2 * (requests + volunteers + edges.len())),
            out: vec![Vec::new(); nodes],
            potential: vec![0; nodes],
            source,
            sink,
            pair_arcs: Vec::with_capacity(edges.len()),
        };
        for r in 0..requests {
            g.add(source, 1 + r, 1, 0);
        }
        for e in edges {
            if e.request < requests && e.volunteer < volunteers && e.score > 0 {
                let id = g.add(1 + e.request, 1 + requests + e.volunteer, 1, -e.score);
                g.pair_arcs.push((e.request, e.volunteer, id));
            }
        }
        for (v, &cap) in capacities.iter().enumerate() {
            if cap > 0 {
                g.add(1 + requests + v, sink, cap.min(i32::MAX as u32) as i32, 0);
            }
        }
        // Shortest distances in the initial (acyclic) graph make every reduced cost ≥ 0.
        for &(_, v, id) in &g.pair_arcs {
            let node = 1 + requests + v;
            g.potential[node] = g.potential[node].min(g.arcs[id as usize].cost);
        }
        let lowest = (0..volunteers)
            .map(|v| g.potential[1 + requests + v])
            .min()
            .unwrap_or(0);
        g.potential[sink] = lowest.min(0);
        g
    }

    fn add(&mut self, from: usize, to: usize, cap: i32, cost: i64) -> u32 {
        let id = self.arcs.len() as u32;
        self.arcs.push(Arc {
            to: to as u32,
            cap,
            cost,
        });
        self.arcs.push(Arc {
            to: from as u32,
            cap: 0,
            cost: -cost,
        });
        self.out[from].push(id);
        self.out[to].push(id + 1);
        id
    }

    fn reduced(&self, from: usize, arc: &Arc) -> i64 {
        arc.cost + self.potential[from] - self.potential[arc.to as usize]
    }

    fn solve(&mut self) {
        let nodes = self.out.len();
        let mut dist = vec![INF; nodes];
        let mut level = vec![u32::MAX; nodes];
        let mut next = vec![0usize; nodes];
        loop {
            if !self.dijkstra(&mut dist) {
                return;
            }
            // The true cost of the cheapest augmenting path; stop when it no longer helps.
            if self.potential[self.sink] - self.potential[self.source] >= 0 {
                return;
            }
            while self.levels(&mut level) {
                next.iter_mut().for_each(|n| *n = 0);
                while self.push(self.source, &level, &mut next) {}
            }
        }
    }

    /// Dijkstra on reduced costs; moves the potentials. False when the sink is unreachable.
    fn dijkstra(&mut self, dist: &mut [i64]) -> bool {
        dist.iter_mut().for_each(|d| *d = INF);
        dist[self.source] = 0;
        let mut heap = BinaryHeap::new();
        heap.push(Reverse((0i64, self.source as u32)));
        while let Some(Reverse((d, node))) = heap.pop() {
            let node = node as usize;
            if d > dist[node] {
                continue;
            }
            for &id in &self.out[node] {
                let arc = self.arcs[id as usize];
                if arc.cap <= 0 {
                    continue;
                }
                let nd = d + self.reduced(node, &arc);
                let to = arc.to as usize;
                if nd < dist[to] {
                    dist[to] = nd;
                    heap.push(Reverse((nd, arc.to)));
                }
            }
        }
        let reach = dist[self.sink];
        if reach >= INF {
            return false;
        }
        // Capping at the sink's distance keeps every residual reduced cost ≥ 0.
        for (p, d) in self.potential.iter_mut().zip(dist.iter()) {
            *p += (*d).min(reach);
        }
        true
    }

    /// BFS levels over arcs with room left and reduced cost 0; true when the sink is reached.
    fn levels(&self, level: &mut [u32]) -> bool {
        level.iter_mut().for_each(|l| *l = u32::MAX);
        level[self.source] = 0;
        let mut queue = VecDeque::from([self.source]);
        while let Some(node) = queue.pop_front() {
            for &id in &self.out[node] {
                let arc = &self.arcs[id as usize];
                let to = arc.to as usize;
                if arc.cap > 0 && level[to] == u32::MAX && self.reduced(node, arc) == 0 {
                    level[to] = level[node] + 1;
                    queue.push_back(to);
                }
            }
        }
        level[self.sink] != u32::MAX
    }

    /// Sends one unit along an admissible path (every path from the source starts with a
    /// capacity-1 arc); true when it found one.
    fn push(&mut self, node: usize, level: &[u32], next: &mut [usize]) -> bool {
        if node == self.sink {
            return true;
        }
        while next[node] < self.out[node].len() {
            let id = self.out[node][next[node]] as usize;
            let arc = self.arcs[id];
            let to = arc.to as usize;
            if arc.cap > 0
                && level[to] == level[node] + 1
                && self.reduced(node, &arc) == 0
                && self.push(to, level, next)
            {
                self.arcs[id].cap -= 1;
                self.arcs[id ^ 1].cap += 1;
                return true;
            }
            next[node] += 1;
        }
        false
    }

    fn assignment(&self, requests: usize) -> Vec<Option<usize>> {
        let mut result = vec![None; requests];
        for &(r, v, id) in &self.pair_arcs {
            if self.arcs[id as usize].cap == 0 {
                result[r] = Some(v);
            }
        }
        result
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The best total by trying every assignment (each request: nobody, or one volunteer with a
    /// free place).
    pub(crate) fn exhaustive_best(requests: usize, capacities: &[u32], edges: &[Edge]) -> i64 {
        fn go(
            r: usize,
            requests: usize,
            free: &mut Vec<u32>,
            by_request: &[Vec<(usize, i64)>],
        ) -> i64 {
            if r == requests {
                return 0;
            }
            let mut best = go(r + 1, requests, free, by_request);
            for &(v, score) in &by_request[r] {
                if free[v] > 0 {
                    free[v] -= 1;
                    best = best.max(score + go(r + 1, requests, free, by_request));
                    free[v] += 1;
                }
            }
            best
        }
        let mut by_request = vec![Vec::new(); requests];
        for e in edges.iter().filter(|e| e.score > 0) {
            by_request[e.request].push((e.volunteer, e.score));
        }
        go(0, requests, &mut capacities.to_vec(), &by_request)
    }

    pub(crate) fn total(assignment: &[Option<usize>], edges: &[Edge]) -> i64 {
        assignment
            .iter()
            .enumerate()
            .filter_map(|(r, v)| {
                v.map(|v| {
                    edges
                        .iter()
                        .find(|e| e.request == r && e.volunteer == v)
                        .map_or(i64::MIN / 2, |e| e.score)
                })
            })
            .sum()
    }

    pub(crate) fn respects_capacities(assignment: &[Option<usize>], capacities: &[u32]) -> bool {
        let mut used = vec![0u32; capacities.len()];
        for v in assignment.iter().flatten() {
            used[*v] += 1;
        }
        used.iter().zip(capacities).all(|(u, c)| u <= c)
    }

    fn edge(request: usize, volunteer: usize, score: i64) -> Edge {
        Edge {
            request,
            volunteer,
            score,
        }
    }

    #[test]
    fn a_greedy_pass_would_lose_here() {
        // Greedy takes (0,0)=10 and leaves request 1 alone: 10. The optimum is 9 + 8 = 17.
        let edges = [edge(0, 0, 10), edge(0, 1, 9), edge(1, 0, 8)];
        let a = best_assignment(2, &[1, 1], &edges);
        assert_eq!(a, vec![Some(1), Some(0)]);
        assert_eq!(total(&a, &edges), 17);
    }

    #[test]
    fn capacity_lets_one_volunteer_take_several() {
        let edges = [edge(0, 0, 5), edge(1, 0, 5), edge(2, 0, 5)];
        let a = best_assignment(3, &[2], &edges);
        assert_eq!(a.iter().flatten().count(), 2);
        assert!(respects_capacities(&a, &[2]));
    }

    #[test]
    fn nothing_to_assign() {
        assert_eq!(best_assignment(0, &[], &[]), Vec::<Option<usize>>::new());
        assert_eq!(
            best_assignment(2, &[0, 0], &[edge(0, 0, 3)]),
            vec![None, None]
        );
        assert_eq!(best_assignment(1, &[1], &[edge(0, 0, 0)]), vec![None]);
    }

    #[test]
    fn same_input_same_answer() {
        let edges: Vec<Edge> = (0..6)
            .flat_map(|r| (0..3).map(move |v| edge(r, v, 7)))
            .collect();
        let first = best_assignment(6, &[1, 2, 1], &edges);
        for _ in 0..5 {
            assert_eq!(best_assignment(6, &[1, 2, 1], &edges), first);
        }
    }

    /// Thousands of random small instances: the engine's total equals the exhaustive optimum,
    /// and no volunteer is given more than their capacity.
    #[test]
    fn optimal_on_random_small_instances() {
        let mut rng = fastrand::Rng::with_seed(0x7567_6931);
        for case in 0..5000 {
            let requests = rng.usize(1..=7);
            let volunteers = rng.usize(1..=5);
            let capacities: Vec<u32> = (0..volunteers).map(|_| rng.u32(0..=4)).collect();
            let density = rng.f64();
            let mut edges = Vec::new();
            for r in 0..requests {
                for v in 0..volunteers {
                    if rng.f64() < density {
                        // Few distinct scores make many ties, the hard case for the phases.
                        let score = if case % 2 == 0 {
                            rng.i64(1..=4)
                        } else {
                            rng.i64(1..=250)
                        };
                        edges.push(edge(r, v, score));
                    }
                }
            }
            let a = best_assignment(requests, &capacities, &edges);
            assert!(respects_capacities(&a, &capacities), "case {case}");
            assert_eq!(
                total(&a, &edges),
                exhaustive_best(requests, &capacities, &edges),
                "case {case}: {requests}×{volunteers} {capacities:?} {edges:?}"
            );
        }
    }
}
