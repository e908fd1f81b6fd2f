//! Matching run: every open request against every volunteer at once.

use super::flow::{best_assignment, Edge};
use super::rules::{evaluate, passes, HardRule, Need, Score, Volunteer};
use serde::{Deserialize, Serialize};

/// A proposed pair and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub request: i64,
    pub volunteer: i64,
    pub score: Score,
}

/// A request the run could not match, and the rule that stopped it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmatched {
    pub request: i64,
    pub blocked_by: HardRule,
    /// How many volunteers remain after each rule, applied in order.
    pub funnel: Vec<(HardRule, usize)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub proposals: Vec<Proposal>,
    pub unmatched: Vec<Unmatched>,
}

impl Outcome {
    pub fn total(&self) -> i64 {
        self.proposals.iter().map(|p| p.score.total()).sum()
    }
}

/// The assignment with the highest total score under every volunteer's free places.
pub fn propose(needs: &[Need], volunteers: &[Volunteer]) -> Outcome {
    let mut edges = Vec::new();
    let mut scores = Vec::new();
    for (r, need) in needs.iter().enumerate() {
        for (v, volunteer) in volunteers.iter().enumerate() {
            if let Ok(score) = evaluate(need, volunteer) {
                edges.push(Edge {
                    request: r,
                    volunteer: v,
                    score: score.total(),
                });
                scores.push(score);
            }
        }
    }
    let capacities: Vec<u32> = volunteers.iter().map(|v| v.free_places).collect();
    let assignment = best_assignment(needs.len(), &capacities, &edges);
    let mut outcome = Outcome::default();
    for (r, need) in needs.iter().enumerate() {
        // Edges were pushed in (request, volunteer) order, so the pair's score is found by
        // binary search.
        let pair = assignment[r].and_then(|v| {
            edges
                .binary_search_by(|e| (e.request, e.volunteer).cmp(&(r, v)))
                .ok()
                .map(|at| (v, at))
        });
        match pair {
            Some((v, at)) => outcome.proposals.push(Proposal {
                request: need.id,
                volunteer: volunteers[v].id,
                score: scores[at],
            }),
            None => outcome.unmatched.push(explain(need, volunteers)),
        }
    }
    outcome
}

/// Applies the hard rules one after another; the first that leaves nobody blocked the
/// request. When some volunteers pass them all, their places went to better pairs.
pub fn explain(need: &Need, volunteers: &[Volunteer]) -> Unmatched {
    let mut remaining: Vec<&Volunteer> = volunteers.iter().collect();
    let mut funnel = Vec::new();
    let mut blocked_by = HardRule::Capacity;
    for rule in HardRule::ALL {
        remaining.retain(|v| passes(*rule, need, v));
        funnel.push((*rule, remaining.len()));
        if remaining.is_empty() {
            blocked_by = *rule;
            break;
        }
    }
    Unmatched {
        request: need.id,
        blocked_by,
        funnel,
    }
}

/// Every volunteer who may take the request, best first (for a coordinator editing a
/// proposal).
pub fn candidates<'a>(need: &Need, volunteers: &'a [Volunteer]) -> Vec<(&'a Volunteer, Score)> {
    let mut list: Vec<(&Volunteer, Score)> = volunteers
        .iter()
        .filter_map(|v| evaluate(need, v).ok().map(|s| (v, s)))
        .collect();
    list.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.id.cmp(&b.0.id)));
    list
}

#[cfg(test)]
mod tests {
    use super::super::flow::tests::exhaustive_best;
    use super::super::rules::tests::{need, volunteer};
    use super::super::sample;
    use super::*;

    #[test]
    fn proposals_carry_the_score_by_criterion() {
        let out = propose(&[need()], &[volunteer()]);
        assert_eq!(out.proposals.len(), 1);
        let p = &out.proposals[0];
        assert_eq!((p.request, p.volunteer), (10, 1));
        assert_eq!(p.score, evaluate(&need(), &volunteer()).unwrap());
        assert_eq!(out.total(), p.score.total());
    }

    #[test]
    fn an_unmatched_request_names_the_rule_that_blocked_it() {
        let mut n = need();
        n.language = Some(crate::domain::Language::Ru);
        let out = propose(&[n], &[volunteer(), volunteer()]);
        assert!(out.proposals.is_empty());
        let u = &out.unmatched[0];
        assert_eq!(u.blocked_by, HardRule::Language);
        assert_eq!(
            u.funnel,
            vec![
                (HardRule::Programme, 2),
                (HardRule::Status, 2),
                (HardRule::Training, 2),
                (HardRule::Language, 0)
            ]
        );
    }

    #[test]
    fn when_places_run_out_the_rule_is_capacity() {
        let mut second = need();
        second.id = 11;
        let out = propose(&[need(), second], &[volunteer()]);
        assert_eq!(out.proposals.len(), 1);
        assert_eq!(out.unmatched[0].blocked_by, HardRule::Capacity);
    }

    #[test]
    fn candidates_are_sorted_best_first() {
        let mut near = volunteer();
        near.id = 2;
        let mut far = volunteer();
        far.id = 3;
        far.city = Some("Narva".into());
        far.online = true;
        let mut n = need();
        n.meeting = super::super::rules::Meeting::Either;
        let pool = [far, near];
        let list = candidates(&n, &pool);
        assert_eq!(
            list.iter().map(|(v, _)| v.id).collect::<Vec<_>>(),
            vec![2, 3]
        );
    }

    /// Random small instances with the real rules: the engine's total equals the best total
    /// found by trying every assignment.
    #[test]
    fn optimal_with_the_real_rules() {
        let mut rng = fastrand::Rng::with_seed(42);
        for case in 0..2000 {
            let (requests, people) = (rng.usize(1..=7), rng.usize(1..=5));
            let (needs, volunteers) = sample::instance(&mut rng, requests, people);
            let out = propose(&needs, &volunteers);
            let mut edges = Vec::new();
            for (r, n) in needs.iter().enumerate() {
                for (v, vol) in volunteers.iter().enumerate() {
                    if let Ok(s) = evaluate(n, vol) {
                        edges.push(Edge {
                            request: r,
                            volunteer: v,
                            score: s.total(),
                        });
                    }
                }
            }
            let caps: Vec<u32> = volunteers.iter().map(|v| v.free_places).collect();
            assert_eq!(
                out.total(),
                exhaustive_best(needs.len(), &caps, &edges),
                "case {case}"
            );
            assert_eq!(out.proposals.len() + out.unmatched.len(), needs.len());
            for p in &out.proposals {
                let n = needs.iter().find(|n| n.id == p.request).unwrap();
                let v = volunteers.iter().find(|v| v.id == p.volunteer).unwrap();
                assert_eq!(evaluate(n, v), Ok(p.score), "only eligible pairs");
            }
        }
    }

    #[test]
    fn a_large_instance_keeps_every_rule_and_capacity() {
        let mut rng = fastrand::Rng::with_seed(9);
        let (needs, volunteers) = sample::instance(&mut rng, 400, 100);
        let out = propose(&needs, &volunteers);
        assert!(
            out.proposals.len() > 50,
            "a realistic instance matches many"
        );
        for v in &volunteers {
            let given = out.proposals.iter().filter(|p| p.volunteer == v.id).count();
            assert!(given as u32 <= v.free_places);
        }
        for p in &out.proposals {
            let n = &needs[(p.request - 1) as usize];
            let v = &volunteers[(p.volunteer - 1) as usize];
            assert_eq!(evaluate(n, v), Ok(p.score));
        }
        assert_eq!(propose(&needs, &volunteers), out, "deterministic");
    }
}
