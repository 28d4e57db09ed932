//! The binding search: for a claim and a subject, every chain of parents and every binding of
//! the chain's variables, keeping the best.
//!
//! Contract: the verdict is that of the best binding (best verdict, then fewest failed, then
//! fewest undetermined limitations) over every chain, exactly as if every binding of every
//! chain were evaluated; the search only leaves out what cannot change it:
//! - a partial binding is abandoned when, with the limitations evaluated so far, it can no
//!   longer beat the best one found (verdicts only fall and counts only grow as limitations
//!   are added), and the search stops at the first binding that meets every limitation;
//! - each conjunct is evaluated as soon as its variables are bound (see `plan`), and its
//!   verdict is cached per subject and reading, so a parent shared by many claims or chains
//!   is evaluated once;
//! - the chains of a multiple dependency are walked as a graph: a claim reached again with
//!   the same bindings and no better standing is not searched again.
//!
//! Each search has a budget proportional to a fixed multiple of its input; a search that
//! runs out of it before meeting the claim answers *undetermined* and says so, never *not
//! met*: an exhausted search has not shown that no binding meets the claim.

use super::bind::{Recorder, Search, Standing};
use super::expr::{Bound, Ctx, DomainCache, Index};
use super::judge::Window;
use super::plan::{Event, Plan};
use super::{ClaimVerdict, Verdict};
use crate::claims::{Claim, ClaimSet};
use crate::model::{Model, NodeId};
use crate::source::SourceMap;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Evaluates claim sets against a model. Verdicts come cheap (no messages); `explain` adds
/// the per-limitation detail to the verdicts that are shown.
pub struct Evaluator<'m> {
    pub(super) model: &'m Model,
    pub(super) sources: &'m SourceMap,
    pub(super) sets: &'m [ClaimSet],
    pub(super) index: Index,
    /// Per set, per construction point: the alternative pinned with `--construction`.
    pins: Vec<Vec<Option<usize>>>,
    /// Steps one search may take.
    budget: usize,
    /// Weigh every binding: no pruning, no lookahead, no skipping of claims reached again.
    exhaustive: bool,
    /// Called with (subjects evaluated, subjects in all) as the evaluation goes on.
    progress: Option<&'m (dyn Fn(usize, usize) + Sync)>,
}

/// A claim using more free construction points than this is read under each point's
/// alternatives one at a time (the others at their defaults), not under every combination:
/// the combinations grow exponentially.
const MAX_COMBINED_POINTS: usize = 8;

/// Steps (bindings tried plus conditions evaluated) one search may take before it stops and
/// answers undetermined. Realistic claims over realistic specs take a few hundred.
const SEARCH_BUDGET: usize = 2_000_000;

/// A verdict per conjunct evaluated for one subject under one reading: (conjunct, values of
/// the variables it reads) → verdict, window and construction points touched.
pub(super) type Cache = FxHashMap<(u64, BoundKey), (Verdict, Option<Box<Window>>, u64)>;

/// The values of the variables a condition reads.
pub(super) type BoundKey = Vec<Bound>;

/// The caches of one subject: verdicts that touched no construction point hold under every
/// reading (`any`); the others are kept per reading.
#[derive(Default)]
struct Caches {
    any: Cache,
    by_reading: FxHashMap<Vec<usize>, Cache>,
    /// The standing of the best binding of each claim searched for this subject, per
    /// reading (searches that ran to the end only): a bound of its dependents' (see
    /// [`Evaluator::upper_bound`]).
    ranks: FxHashMap<(u32, Vec<usize>), Standing>,
    /// Candidate lists (they depend on the model and the bindings only), shared by every
    /// claim and reading of the subject.
    domains: DomainCache,
}

/// What is prepared once per claim and shared by every subject.
pub(super) struct ClaimWork<'s> {
    pub(super) set: usize,
    claim: &'s Claim,
    kind: Option<crate::model::KindId>,
    plan: Plan<'s>,
    points: Vec<usize>,
    pub(super) readings: Vec<Vec<usize>>,
}

impl<'m> Evaluator<'m> {
    pub fn new(model: &'m Model, sources: &'m SourceMap, sets: &'m [ClaimSet]) -> Evaluator<'m> {
        Evaluator {
            model,
            sources,
            sets,
            index: Index::new(model),
            pins: sets
                .iter()
                .map(|s| vec![None; s.constructions.len()])
                .collect(),
            budget: SEARCH_BUDGET,
            exhaustive: false,
            progress: None,
        }
    }

    /// Weighs every binding of every chain (those a shorter chain dominates too), without the
    /// search's shortcuts: for tests that the shortcuts change no verdict and no binding
    /// shown.
    pub fn exhaustive(&mut self) {
        self.exhaustive = true;
    }

    /// Reports the progress of [`Evaluator::evaluate`]: (subjects done, subjects in all),
    /// from the threads that evaluate them.
    pub fn on_progress(&mut self, report: &'m (dyn Fn(usize, usize) + Sync)) {
        self.progress = Some(report);
    }

    /// Whether an evaluation so far listed every top-level element of a kind: a verdict then
    /// rests on every spec of the model, not only on those its subject refers to (see
    /// `compile::batches`, which evaluates groups of specs apart only when none did).
    pub fn listed_every_element(&self) -> bool {
        self.index
            .listed_all
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Sets the steps one binding search may take before it answers undetermined.
    pub fn budget(&mut self, steps: usize) {
        self.budget = steps;
    }

    /// Reads construction point `point` of set `set` only as alternative `alt`.
    pub fn pin(&mut self, set: usize, point: usize, alt: usize) {
        if let Some(slot) = self.pins.get_mut(set).and_then(|p| p.get_mut(point)) {
            *slot = Some(alt);
        }
    }

    /// Every claim of every set against every spec element of the claim's subject kind,
    /// under every reading of the construction points the claim uses; in claim order, and
    /// per claim in source order of the subjects.
    pub fn evaluate(&self) -> Vec<ClaimVerdict> {
        let mut results: Vec<(usize, usize, ClaimVerdict)> = self
            .evaluate_each(|_, _, verdicts| verdicts)
            .into_iter()
            .flatten()
            .collect();
        results.sort_by_key(|(ci, pos, _)| (*ci, *pos));
        results.into_iter().map(|(_, _, v)| v).collect()
    }

    /// Evaluates every subject against every claim of its kind, one (claim set, subject) at a
    /// time, handing each one's verdicts to `f` as soon as they are made: with (claim index,
    /// subject position, verdict) in claim order, the set and the subject. The results of `f`
    /// come back in a fixed order (set, kind, subject), whatever the number of threads, and
    /// memory holds only what `f` keeps.
    pub fn evaluate_each<R: Send>(
        &self,
        f: impl Fn(usize, NodeId, Vec<(usize, usize, ClaimVerdict)>) -> R + Sync,
    ) -> Vec<R> {
        // A claim whose subject kind has no element in the model has nothing to judge: it is
        // not planned (most of a one-spec check is planning claims of other kinds).
        let has_subjects = |si: usize, n: u32| {
            self.sets
                .get(si)
                .and_then(|s| s.claim(n))
                .and_then(|c| self.model.schema.kind_id(c.category.subject_kind()))
                .is_some_and(|k| self.index.by_kind.get(&k).is_some_and(|v| !v.is_empty()))
        };
        let claims = self.claim_work(has_subjects);
        // Subjects are evaluated in parallel, each against every claim of its kind, so that
        // what one claim evaluated (a parent's limitations) serves the others.
        let mut work: Vec<(usize, usize, NodeId)> = Vec::new();
        let mut kinds: Vec<(usize, crate::model::KindId)> = claims
            .iter()
            .filter_map(|c| Some((c.set, c.kind?)))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        for (si, kind) in kinds {
            for (pos, &subject) in self
                .index
                .by_kind
                .get(&kind)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .enumerate()
            {
                work.push((si, pos, subject));
            }
        }
        let done = std::sync::atomic::AtomicUsize::new(0);
        let total = work.len();
        work.par_iter()
            .map(|&(si, pos, subject)| {
                let kind = self.model.node(subject).map(|n| n.kind);
                let mut caches = Caches::default();
                let verdicts = claims
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.set == si && c.kind.is_some() && c.kind == kind)
                    .map(|(ci, c)| (ci, pos, self.evaluate_claim(c, subject, &mut caches, &[])))
                    .collect::<Vec<_>>();
                drop(caches);
                let out = f(si, subject, verdicts);
                if let Some(report) = self.progress {
                    let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    report(n, total);
                }
                out
            })
            .collect()
    }

    /// What every claim (for which `wanted(set, claim)` holds) needs prepared, in set and
    /// claim order.
    pub(super) fn claim_work(&self, wanted: impl Fn(usize, u32) -> bool) -> Vec<ClaimWork<'_>> {
        let mut claims: Vec<ClaimWork<'_>> = Vec::new();
        for (si, set) in self.sets.iter().enumerate() {
            let pins = self.pins.get(si).cloned().unwrap_or_default();
            let base: Vec<usize> = set
                .constructions
                .iter()
                .zip(&pins)
                .map(|(c, p)| p.unwrap_or(c.default))
                .collect();
            let mut shared = super::plan::Shared::new(set);
            shared.every_chain = self.exhaustive;
            for claim in set.claims.iter().filter(|c| wanted(si, c.number)) {
                let points = set.points_of_claim(claim.number);
                claims.push(ClaimWork {
                    set: si,
                    claim,
                    kind: self.model.schema.kind_id(claim.category.subject_kind()),
                    plan: super::plan::plan(self.model, set, claim, &mut shared),
                    readings: readings(set, &points, &pins, &base),
                    points,
                });
            }
        }
        claims
    }

    /// The verdict of one claim for one subject with spec values replaced (the value at each
    /// span by the given one), at each of `points`: what `mediac sweep` draws. Exact at every
    /// point; points are evaluated in parallel.
    pub fn verdicts_at(
        &self,
        set: usize,
        claim: u32,
        subject: NodeId,
        points: &[Vec<(crate::source::Span, crate::units::Interval)>],
    ) -> Vec<Verdict> {
        let work = self.claim_work(|s, n| s == set && n == claim);
        let Some(c) = work.first() else {
            return Vec::new();
        };
        points
            .par_iter()
            .map(|fixed| {
                // Cached verdicts hold for one set of values: a cache per point.
                let mut caches = Caches::default();
                self.evaluate_claim(c, subject, &mut caches, fixed).verdict
            })
            .collect()
    }

    /// One claim for one subject with spec values replaced (see [`Evaluator::verdicts_at`]),
    /// with its window: what `mediac window` draws the region of a claim from.
    pub fn claim_at(
        &self,
        set: usize,
        claim: u32,
        subject: NodeId,
        fixed: &[(crate::source::Span, crate::units::Interval)],
    ) -> Option<ClaimVerdict> {
        let work = self.claim_work(|s, n| s == set && n == claim);
        let c = work.first()?;
        let mut caches = Caches::default();
        Some(self.evaluate_claim(c, subject, &mut caches, fixed))
    }

    /// One claim against one subject, under every reading it needs.
    fn evaluate_claim(
        &self,
        c: &ClaimWork<'_>,
        subject: NodeId,
        caches: &mut Caches,
        fixed: &[(crate::source::Span, crate::units::Interval)],
    ) -> ClaimVerdict {
        let Some(set) = self.sets.get(c.set) else {
            return no_chain(c.set, c.claim.number, subject, Vec::new(), 0);
        };
        // A reading that agrees with an evaluated one on every point whose `construed`
        // expressions that search evaluated takes the same search: its verdict is that one's,
        // without searching again.
        let mut each: Vec<ClaimVerdict> = Vec::with_capacity(c.readings.len());
        let mut searched: Vec<usize> = Vec::new();
        for r in &c.readings {
            let same = searched
                .iter()
                .filter_map(|i| each.get(*i).map(|e| (*i, e)))
                .find(|(_, e)| agrees(&e.reading, r, e.touched));
            if let Some((i, e)) = same {
                let mut v = e.clone();
                v.reading = r.clone();
                if let Some(rank) = each
                    .get(i)
                    .and_then(|e| caches.ranks.get(&(c.claim.number, e.reading.clone())))
                {
                    caches.ranks.insert((c.claim.number, r.clone()), *rank);
                }
                each.push(v);
                continue;
            }
            searched.push(each.len());
            let upper = self.upper_bound(c.claim, r, &caches.ranks);
            let Caches {
                any,
                by_reading,
                ranks,
                domains,
            } = &mut *caches;
            let cache = by_reading.entry(r.clone()).or_default();
            // A claim read several ways evaluates the same conditions under each reading:
            // keep them all, not only those of claims others depend on.
            let several = c.readings.len() > 1;
            let (v, rank) = self.search(
                c,
                set,
                subject,
                r,
                (any, cache, several, domains),
                fixed,
                None,
                upper,
            );
            if let Some(rank) = rank {
                ranks.insert((c.claim.number, r.clone()), rank);
            }
            each.push(v.0);
        }
        if c.points.is_empty()
            && let Some(v) = each.pop()
        {
            return v;
        }
        // The first reading is the default (or pinned) one: its detail is shown.
        let Some(mut shown) = each.first().cloned() else {
            return no_chain(c.set, c.claim.number, subject, Vec::new(), 0);
        };
        if each.iter().any(|v| v.verdict != shown.verdict) {
            shown.verdict = Verdict::Arguable;
        }
        shown.points = c.points.clone();
        for v in &mut each {
            v.points = c.points.clone();
        }
        shown.by_construction = each;
        shown
    }

    /// The best any binding of `claim` can reach, from its parents' best under the same
    /// reading (each searched to the end for this subject): every binding of the claim's
    /// chains extends one of a parent's, and adding limitations only lowers a verdict and
    /// adds failures. `None` when a parent has no such standing (another subject kind, a
    /// reading of its own, a search cut short), or the search is exhaustive.
    fn upper_bound(
        &self,
        claim: &Claim,
        reading: &[usize],
        ranks: &FxHashMap<(u32, Vec<usize>), Standing>,
    ) -> Option<Standing> {
        if self.exhaustive || claim.parents.is_empty() {
            return None;
        }
        let mut upper: Option<Standing> = None;
        for p in &claim.parents {
            let r = *ranks.get(&(*p, reading.to_vec()))?;
            let beats = |a: Standing, b: Standing| {
                (a.0, std::cmp::Reverse(a.1), std::cmp::Reverse(a.2))
                    > (b.0, std::cmp::Reverse(b.1), std::cmp::Reverse(b.2))
            };
            upper = Some(match upper {
                Some(u) if !beats(r, u) => u,
                _ => r,
            });
        }
        upper
    }

    /// The best binding of a claim for a subject under one reading, and its standing when the
    /// search ran to the end; with `record`, every complete binding is recorded too (an
    /// exhaustive search; see `super::form`); with `upper`, the search ends at a binding that
    /// reaches it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn search<'a>(
        &self,
        c: &'a ClaimWork<'a>,
        set: &ClaimSet,
        subject: NodeId,
        reading: &[usize],
        (any, cache, keep_all, domains): (&mut Cache, &mut Cache, bool, &mut DomainCache),
        fixed: &[(crate::source::Span, crate::units::Interval)],
        record: Option<Recorder<'a>>,
        upper: Option<Standing>,
    ) -> ((ClaimVerdict, Option<Recorder<'a>>), Option<Standing>) {
        let number = c.claim.number;
        if c.plan.is_empty() {
            let mut v = no_chain(c.set, number, subject, reading.to_vec(), 0);
            v.verdict = Verdict::Undetermined;
            v.note = Some(format!(
                "claim {number} of {} has errors and is not evaluated",
                set.id
            ));
            return ((v, None), None);
        }
        let model = self.model;
        let narrowed = c
            .plan
            .claims
            .iter()
            .flat_map(|pc| pc.events.iter())
            .filter_map(|e| match e {
                Event::Bind {
                    binder,
                    tied: Some(k),
                    ..
                } => {
                    // A subject that does not say which element of the kind it is on (a
                    // process without `medium = …`) may be on any of them.
                    states_ref_to(model, subject, *k)
                        .then(|| (binder.var, referenced(model, subject, *k)))
                }
                _ => None,
            })
            .collect();
        let mut s = Search {
            ctx: Ctx {
                model,
                sources: self.sources,
                set,
                index: &self.index,
                detail: false,
                env: Vec::new(),
                override_leaf: None,
                fixed,
                fixed_read: Default::default(),
                missing: Vec::new(),
                evidence: Vec::new(),
                trace: Vec::new(),
                reading: reading.to_vec(),
                touched: 0,
                domains: std::mem::take(domains),
            },
            plan: &c.plan,
            subject,
            narrowed,
            slots: Vec::new(),
            counts: [0; 4],
            path: Vec::new(),
            best: None,
            complete: 0,
            steps: 0,
            budget: self.budget,
            exhaustive: self.exhaustive || record.is_some(),
            exhausted: false,
            seen: FxHashMap::default(),
            cache,
            any,
            keep_all,
            least: FxHashMap::default(),
            record,
            upper,
        };
        for &r in &c.plan.roots {
            s.enter(r);
        }
        let alternatives = s.complete + 1;
        let (touched, exhausted) = (s.ctx.touched, s.exhausted);
        let record = s.record.take();
        *domains = std::mem::take(&mut s.ctx.domains);
        let rank = s
            .best
            .as_ref()
            .filter(|_| !exhausted)
            .map(|b| (b.verdict, b.failed, b.undetermined));
        let mut v = match s.best {
            Some(b) => ClaimVerdict {
                set: c.set,
                claim: number,
                subject,
                verdict: b.verdict,
                chain: b.chain,
                bindings: Vec::new(),
                limitations: Vec::new(),
                note: None,
                chosen: b.env,
                window: b.window.map(|w| *w),
                alternatives,
                reading: reading.to_vec(),
                points: Vec::new(),
                by_construction: Vec::new(),
                touched,
                exhausted: false,
            },
            None => {
                let mut v = no_chain(c.set, number, subject, reading.to_vec(), touched);
                v.alternatives = alternatives;
                v
            }
        };
        if exhausted && v.verdict != Verdict::Met {
            v.verdict = Verdict::Undetermined;
            v.exhausted = true;
        }
        ((v, record), rank)
    }

    /// Fills in the bindings, the limitations with their messages, evidence and windows, and
    /// the note of a verdict (for its shown reading).
    pub fn explain(&self, v: &mut ClaimVerdict) {
        if !v.limitations.is_empty() || v.chain.is_empty() {
            return;
        }
        let Some(set) = self.sets.get(v.set) else {
            return;
        };
        super::explain::explain(self.model, self.sources, &self.index, set, v);
        if v.exhausted {
            v.note = Some(format!(
                "the search for a binding stopped after {} steps without finding one that meets every limitation; shown is the best found, and the verdict is undetermined, not not met",
                self.budget
            ));
        }
    }

    /// Explains the verdict under each reading of its construction points too.
    pub fn explain_readings(&self, v: &mut ClaimVerdict) {
        self.explain(v);
        for r in &mut v.by_construction {
            self.explain(r);
        }
    }
}

/// A verdict with no chain: the claim has errors, or no chain reaches it.
fn no_chain(
    set: usize,
    claim: u32,
    subject: NodeId,
    reading: Vec<usize>,
    touched: u64,
) -> ClaimVerdict {
    ClaimVerdict {
        window: None,
        set,
        claim,
        subject,
        verdict: Verdict::NotMet,
        chain: Vec::new(),
        bindings: Vec::new(),
        limitations: Vec::new(),
        note: Some("the claim has no chain to evaluate".into()),
        chosen: Vec::new(),
        alternatives: 0,
        reading,
        points: Vec::new(),
        by_construction: Vec::new(),
        touched,
        exhausted: false,
    }
}

/// Whether two readings agree on every point of `touched` (a bit per point; all bits set when
/// points past 63 were touched).
fn agrees(a: &[usize], b: &[usize], touched: u64) -> bool {
    if touched == u64::MAX {
        return a == b;
    }
    a.iter()
        .zip(b)
        .enumerate()
        .all(|(i, (x, y))| x == y || i >= 64 || touched & (1u64 << i) == 0)
}

/// The readings to evaluate a claim under: the base reading (defaults, pins) first, then every
/// other combination of the free points the claim uses.
fn readings(
    set: &ClaimSet,
    points: &[usize],
    pins: &[Option<usize>],
    base: &[usize],
) -> Vec<Vec<usize>> {
    let free: Vec<(usize, usize)> = points
        .iter()
        .filter(|p| pins.get(**p).is_some_and(Option::is_none))
        .map(|p| {
            (
                *p,
                set.constructions
                    .get(*p)
                    .map_or(1, |c| c.alternatives.len().max(1)),
            )
        })
        .collect();
    let mut out = vec![base.to_vec()];
    if free.len() > MAX_COMBINED_POINTS {
        for &(p, n) in &free {
            for alt in 0..n {
                if base.get(p) != Some(&alt) {
                    let mut r = base.to_vec();
                    if let Some(slot) = r.get_mut(p) {
                        *slot = alt;
                    }
                    out.push(r);
                }
            }
        }
        return out;
    }
    // Odometer over the free points' alternatives.
    let mut digits = vec![0usize; free.len()];
    loop {
        let mut r = base.to_vec();
        for (&(p, _), &d) in free.iter().zip(&digits) {
            if let Some(slot) = r.get_mut(p) {
                *slot = d;
            }
        }
        if r != base {
            out.push(r);
        }
        let mut i = 0;
        loop {
            let Some((d, (_, n))) = digits.get_mut(i).zip(free.get(i)) else {
                return out;
            };
            *d += 1;
            if *d < *n {
                break;
            }
            *d = 0;
            i += 1;
        }
    }
}

/// Evaluates and explains everything; for tools and tests.
pub fn evaluate(model: &Model, sources: &SourceMap, sets: &[ClaimSet]) -> Vec<ClaimVerdict> {
    let e = Evaluator::new(model, sources, sets);
    let mut vs = e.evaluate();
    for v in &mut vs {
        e.explain(v);
    }
    vs
}

/// Whether the subject states one of its references to elements of a kind.
fn states_ref_to(model: &Model, subject: NodeId, kind: crate::model::KindId) -> bool {
    let Some(n) = model.node(subject) else {
        return false;
    };
    n.props.iter().any(|p| {
        model.schema.prop(p.prop).is_some_and(|d| {
            matches!(d.ty, crate::model::PropTy::Ref { kind: rk, .. } if model.schema.kind_is(kind, rk))
        })
    })
}

/// Top-level elements the subject refers to, of a kind.
pub(super) fn referenced(
    model: &Model,
    subject: NodeId,
    kind: crate::model::KindId,
) -> Vec<NodeId> {
    let Some(n) = model.node(subject) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in &n.props {
        for t in p.value.targets() {
            if model.node(*t).is_some_and(|x| x.kind == kind) && !out.contains(t) {
                out.push(*t);
            }
        }
    }
    out
}
