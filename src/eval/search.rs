//! The binding search: for a claim and a subject, every chain of parents and every binding of
//! the chain's variables, keeping the best.

use super::expr::{Bound, Ctx, Index};
use super::judge::Judgement;
use super::{ClaimVerdict, LimitationResult, Verdict};
use crate::claims::{Binder, Claim, ClaimSet, Domain, Item, Sym};
use crate::model::{Model, NodeId, Val as MVal};
use crate::source::SourceMap;
use rayon::prelude::*;

/// Evaluates claim sets against a model. Verdicts come cheap (no messages); `explain` adds
/// the per-limitation detail to the verdicts that are shown.
pub struct Evaluator<'m> {
    model: &'m Model,
    sources: &'m SourceMap,
    sets: &'m [ClaimSet],
    index: Index,
    /// Per set, per construction point: the alternative pinned with `--construction`.
    pins: Vec<Vec<Option<usize>>>,
}

/// A claim using more free construction points than this is read under each point's
/// alternatives one at a time (the others at their defaults), not under every combination:
/// the combinations grow exponentially.
const MAX_COMBINED_POINTS: usize = 8;

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
        }
    }

    /// Reads construction point `point` of set `set` only as alternative `alt`.
    pub fn pin(&mut self, set: usize, point: usize, alt: usize) {
        if let Some(slot) = self.pins.get_mut(set).and_then(|p| p.get_mut(point)) {
            *slot = Some(alt);
        }
    }

    /// Every claim of every set against every spec element of the claim's subject kind,
    /// under every reading of the construction points the claim uses.
    pub fn evaluate(&self) -> Vec<ClaimVerdict> {
        // Claims are evaluated in parallel; collecting in claim order keeps the output the
        // same whatever the number of threads.
        let work: Vec<(usize, &ClaimSet, &Claim)> = self
            .sets
            .iter()
            .enumerate()
            .flat_map(|(si, set)| set.claims.iter().map(move |c| (si, set, c)))
            .collect();
        work.par_iter()
            .map(|(si, set, claim)| self.evaluate_claim(*si, set, claim))
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// One claim against every subject of its kind, under every reading it needs.
    fn evaluate_claim(&self, si: usize, set: &ClaimSet, claim: &Claim) -> Vec<ClaimVerdict> {
        let mut out = Vec::new();
        let pins = self.pins.get(si).cloned().unwrap_or_default();
        let base: Vec<usize> = set
            .constructions
            .iter()
            .zip(&pins)
            .map(|(c, p)| p.unwrap_or(c.default))
            .collect();
        let Some(kind) = self.model.schema.kind_id(claim.category.subject_kind()) else {
            return out;
        };
        let prepared = prepare(self.model, set, claim);
        let points = set.points_of_claim(claim.number);
        let readings = readings(set, &points, &pins, &base);
        for &subject in self.index.by_kind.get(&kind).map_or(&[][..], Vec::as_slice) {
            // A reading that agrees with an evaluated one on every point whose
            // `construed` expressions that search evaluated takes the same search:
            // its verdict is that one's, without searching again.
            let mut each: Vec<ClaimVerdict> = Vec::with_capacity(readings.len());
            let mut searched: Vec<usize> = Vec::new();
            for r in &readings {
                let same = searched
                    .iter()
                    .filter_map(|i| each.get(*i))
                    .find(|e| agrees(&e.reading, r, e.touched));
                if let Some(e) = same {
                    let mut v = e.clone();
                    v.reading = r.clone();
                    each.push(v);
                    continue;
                }
                searched.push(each.len());
                each.push(evaluate_one(
                    self.model,
                    self.sources,
                    &self.index,
                    si,
                    set,
                    claim,
                    &prepared,
                    subject,
                    r,
                ));
            }
            if points.is_empty() {
                out.extend(each.pop());
                continue;
            }
            // The first reading is the default (or pinned) one: its detail is shown.
            let Some(mut shown) = each.first().cloned() else {
                continue;
            };
            if each.iter().any(|v| v.verdict != shown.verdict) {
                shown.verdict = Verdict::Arguable;
            }
            shown.points = points.clone();
            for v in &mut each {
                v.points = points.clone();
            }
            shown.by_construction = each;
            out.push(shown);
        }
        out
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
        explain(self.model, self.sources, &self.index, set, v);
    }

    /// Explains the verdict under each reading of its construction points too.
    pub fn explain_readings(&self, v: &mut ClaimVerdict) {
        self.explain(v);
        for r in &mut v.by_construction {
            self.explain(r);
        }
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

/// One item of a flattened chain: the claim it comes from, its element index (for binders
/// with words and limitations) and the item.
struct Step<'s> {
    claim: u32,
    element: Option<usize>,
    item: &'s Item,
}

struct Best {
    verdict: Verdict,
    failed: usize,
    undetermined: usize,
    chain: Vec<u32>,
    env: Vec<(Sym, Bound)>,
}

fn better(v: Verdict, failed: usize, undetermined: usize, best: &Option<Best>) -> bool {
    match best {
        None => true,
        Some(b) => {
            (
                v,
                std::cmp::Reverse(failed),
                std::cmp::Reverse(undetermined),
            ) > (
                b.verdict,
                std::cmp::Reverse(b.failed),
                std::cmp::Reverse(b.undetermined),
            )
        }
    }
}

fn flatten<'s>(set: &'s ClaimSet, chain: &[u32]) -> Vec<Step<'s>> {
    let mut steps = Vec::new();
    for n in chain {
        let Some(c) = set.claim(*n) else { continue };
        let mut element = 0;
        for item in &c.items {
            let has_words = match item {
                Item::Binder(b) => b.words.is_some(),
                Item::Limitation(_) => true,
            };
            steps.push(Step {
                claim: *n,
                element: has_words.then_some(element),
                item,
            });
            if has_words {
                element += 1;
            }
        }
    }
    steps
}

struct Search<'a, 'm> {
    ctx: Ctx<'m>,
    steps: &'a [Step<'a>],
    subject: NodeId,
    subject_var: Option<Sym>,
    /// For binders over all elements of a kind: the candidates the subject refers to, when a
    /// later binder `X on VAR` ties the subject to this variable.
    narrowed: Vec<Option<Vec<NodeId>>>,
    /// Verdicts (and windows of partly met ones) of the steps so far; plain binders count as
    /// met.
    verdicts: Vec<(Verdict, Option<super::Window>)>,
    chain: &'a [u32],
    best: Option<Best>,
    /// Complete bindings seen, over all chains.
    complete: usize,
}

/// A chain of a claim, flattened, with what the search needs to know about it; computed once
/// per claim, not per subject.
struct Prepared<'s> {
    chain: Vec<u32>,
    steps: Vec<Step<'s>>,
    subject_var: Option<Sym>,
    /// For each step: the kind of a binder over all elements whose candidates are narrowed to
    /// what the subject refers to (a later binder ties the subject to it with `on`).
    tied: Vec<Option<crate::model::KindId>>,
}

fn prepare<'s>(model: &Model, set: &'s ClaimSet, claim: &Claim) -> Vec<Prepared<'s>> {
    let subject_kind = model.schema.kind_id(claim.category.subject_kind());
    set.chains(claim.number)
        .into_iter()
        .filter(|c| c.iter().all(|n| set.claim(*n).is_some_and(|x| !x.broken)))
        .map(|chain| {
            let steps = flatten(set, &chain);
            // The subject variable: the first of the chain ranging over the subject's kind.
            let subject_var = steps.iter().find_map(|s| match s.item {
                Item::Binder(b) => match b.domain {
                    Domain::All(k)
                    | Domain::On { kind: k, .. }
                    | Domain::In { kind: k, .. }
                    | Domain::Ref { kind: k, .. }
                        if Some(k) == subject_kind =>
                    {
                        Some(b.var)
                    }
                    _ => None,
                },
                Item::Limitation(_) => None,
            });
            let tied = steps
                .iter()
                .map(|s| match s.item {
                    Item::Binder(b) if Some(b.var) != subject_var => match b.domain {
                        Domain::All(k) => steps
                            .iter()
                            .any(|t| {
                                matches!(t.item, Item::Binder(x) if Some(x.var) == subject_var && x.domain == Domain::On { kind: subject_kind.unwrap_or(k), target: b.var })
                            })
                            .then_some(k),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            Prepared { chain, steps, subject_var, tied }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn evaluate_one(
    model: &Model,
    sources: &SourceMap,
    index: &Index,
    si: usize,
    set: &ClaimSet,
    claim: &Claim,
    prepared: &[Prepared<'_>],
    subject: NodeId,
    reading: &[usize],
) -> ClaimVerdict {
    let mut best: Option<Best> = None;
    let mut alternatives = 0usize;
    let mut touched = 0u64;
    if prepared.is_empty() {
        return ClaimVerdict {
            set: si,
            claim: claim.number,
            subject,
            verdict: Verdict::Undetermined,
            chain: Vec::new(),
            bindings: Vec::new(),
            limitations: Vec::new(),
            note: Some(format!(
                "claim {} of {} has errors and is not evaluated",
                claim.number, set.id
            )),
            chosen: Vec::new(),
            alternatives: 0,
            reading: reading.to_vec(),
            points: Vec::new(),
            by_construction: Vec::new(),
            touched: 0,
        };
    }
    for p in prepared {
        let narrowed = p
            .tied
            .iter()
            .map(|t| {
                // A subject that does not say which element of the kind it is on (a process
                // without `medium = …`) may be on any of them.
                t.filter(|k| states_ref_to(model, subject, *k))
                    .map(|k| referenced(model, subject, k))
            })
            .collect();
        let (steps, subject_var, chain) = (&p.steps, p.subject_var, &p.chain);
        let ctx = Ctx {
            model,
            sources,
            set,
            index,
            detail: false,
            env: Vec::new(),
            override_leaf: None,
            missing: Vec::new(),
            evidence: Vec::new(),
            trace: Vec::new(),
            reading: reading.to_vec(),
            touched: 0,
        };
        let mut s = Search {
            ctx,
            steps,
            subject,
            subject_var,
            narrowed,
            verdicts: Vec::new(),
            chain,
            best: best.take(),
            complete: 0,
        };
        s.run(0);
        touched |= s.ctx.touched;
        best = s.best;
        alternatives += s.complete + 1;
        if best.as_ref().is_some_and(|b| b.verdict == Verdict::Met) {
            break;
        }
    }
    match best {
        Some(b) => ClaimVerdict {
            set: si,
            claim: claim.number,
            subject,
            verdict: b.verdict,
            chain: b.chain,
            bindings: Vec::new(),
            limitations: Vec::new(),
            note: None,
            chosen: b.env,
            alternatives,
            reading: reading.to_vec(),
            points: Vec::new(),
            by_construction: Vec::new(),
            touched,
        },
        None => ClaimVerdict {
            set: si,
            claim: claim.number,
            subject,
            verdict: Verdict::NotMet,
            chain: Vec::new(),
            bindings: Vec::new(),
            limitations: Vec::new(),
            note: Some("the claim has no chain to evaluate".into()),
            chosen: Vec::new(),
            alternatives,
            reading: reading.to_vec(),
            points: Vec::new(),
            by_construction: Vec::new(),
            touched,
        },
    }
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
fn referenced(model: &Model, subject: NodeId, kind: crate::model::KindId) -> Vec<NodeId> {
    let Some(n) = model.node(subject) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for p in &n.props {
        let targets: &[NodeId] = match &p.value {
            MVal::Ref(t) => std::slice::from_ref(t),
            MVal::Refs(ts) => ts,
            _ => &[],
        };
        for t in targets {
            if model.node(*t).is_some_and(|x| x.kind == kind) && !out.contains(t) {
                out.push(*t);
            }
        }
    }
    out
}

impl Search<'_, '_> {
    fn candidates(&self, i: usize, b: &Binder) -> Vec<Bound> {
        if Some(b.var) == self.subject_var {
            // Test the subject against the domain directly: listing the domain would make
            // every claim cost as much as there are specs.
            let m = self.ctx.model;
            let admitted = match b.domain {
                Domain::All(k) => m.node(self.subject).is_some_and(|n| n.kind == k),
                Domain::On { kind, target } => match self.ctx.lookup(target) {
                    Bound::Node(t) => {
                        m.node(self.subject).is_some_and(|n| n.kind == kind)
                            && referenced(m, self.subject, m.node(t).map_or(kind, |x| x.kind))
                                .contains(&t)
                    }
                    _ => false,
                },
                _ => self.ctx.domain(b).contains(&Bound::Node(self.subject)),
            };
            return if admitted {
                vec![Bound::Node(self.subject)]
            } else {
                Vec::new()
            };
        }
        if let Some(Some(list)) = self.narrowed.get(i) {
            return list.iter().map(|n| Bound::Node(*n)).collect();
        }
        self.ctx.domain(b)
    }

    fn failed(&self) -> usize {
        self.verdicts
            .iter()
            .filter(|(v, _)| *v == Verdict::NotMet)
            .count()
    }

    fn run(&mut self, i: usize) {
        if self
            .best
            .as_ref()
            .is_some_and(|b| b.verdict == Verdict::Met)
        {
            return;
        }
        let failed = self.failed();
        if failed > 0
            && let Some(b) = &self.best
            && (b.verdict > Verdict::NotMet || b.failed <= failed)
        {
            return;
        }
        let Some(step) = self.steps.get(i) else {
            self.finish();
            return;
        };
        match step.item {
            Item::Binder(b) => {
                let mut any = false;
                let mut passing = 0usize;
                for cand in self.candidates(i, b) {
                    self.ctx.env.push((b.var, cand));
                    // A candidate whose condition is undecided (or holds only in part) is
                    // kept, and the condition's verdict joins the claim's: dropping it would
                    // clear an `avoid` on a fact the spec never stated.
                    let (verdict, window) = match b.filter.as_ref() {
                        None => (Verdict::Met, None),
                        Some(f) => {
                            let j = self.ctx.judge(f);
                            (j.verdict, j.window)
                        }
                    };
                    if verdict != Verdict::NotMet {
                        any = true;
                        passing += 1;
                        self.verdicts.push((verdict, window));
                        self.run(i + 1);
                        self.verdicts.pop();
                    }
                    self.ctx.env.pop();
                }
                if passing > 1 {
                    // Bindings cut short by pruning were weighed all the same.
                    self.complete += passing - 1;
                }
                // Beside the elements the spec lists, one it does not list may exist (nothing
                // said, `...`, an unset reference): that binding's verdict is undetermined, so
                // that an `avoid` is never cleared on a fact the spec does not state. The
                // subject itself is given; when it does not say what it is on (a process
                // without `medium = …`), it is bound all the same, and that it is on the
                // element is undetermined.
                let is_subject = Some(b.var) == self.subject_var;
                let unlisted = if is_subject {
                    !any && subject_unstated(&self.ctx, b, self.subject).is_some()
                } else {
                    self.ctx.unlisted(b).is_some()
                };
                if unlisted || !any {
                    let (verdict, bound) = match (unlisted, is_subject) {
                        (true, true) => (Verdict::Undetermined, Bound::Node(self.subject)),
                        (true, false) => (Verdict::Undetermined, Bound::Unbound),
                        (false, _) => (Verdict::NotMet, Bound::Unbound),
                    };
                    self.ctx.env.push((b.var, bound));
                    self.verdicts.push((verdict, None));
                    self.run(i + 1);
                    self.verdicts.pop();
                    self.ctx.env.pop();
                }
            }
            Item::Limitation(l) => {
                let j = self.ctx.judge(&l.expr);
                self.verdicts.push((j.verdict, j.window));
                self.run(i + 1);
                self.verdicts.pop();
            }
        }
    }

    fn finish(&mut self) {
        // Windows matter for the combination, so combine the judgements again in order.
        let verdict = combine(&self.verdicts);
        let failed = self.failed();
        let undetermined = self
            .verdicts
            .iter()
            .filter(|(v, _)| *v == Verdict::Undetermined)
            .count();
        if better(verdict, failed, undetermined, &self.best) {
            self.best = Some(Best {
                verdict,
                failed,
                undetermined,
                chain: self.chain.to_vec(),
                env: self.ctx.env.clone(),
            });
        }
    }
}

/// The verdict of all limitations together: the minimum, except that partly met limitations
/// whose windows on one spec value do not overlap make the claim not met.
fn combine(vs: &[(Verdict, Option<super::Window>)]) -> Verdict {
    let mut acc = Judgement::new(Verdict::Met);
    for (v, w) in vs {
        let mut j = Judgement::new(*v);
        j.window = w.clone();
        acc = acc.and(j);
    }
    acc.verdict
}

/// Evaluates the chosen binding again, with messages, evidence and windows, and intersects
/// the windows of partly met limitations that bear on the same spec value.
fn explain(
    model: &Model,
    sources: &SourceMap,
    index: &Index,
    set: &ClaimSet,
    v: &mut ClaimVerdict,
) {
    let steps = flatten(set, &v.chain);
    let mut ctx = Ctx {
        model,
        sources,
        set,
        index,
        detail: true,
        env: Vec::new(),
        override_leaf: None,
        missing: Vec::new(),
        evidence: Vec::new(),
        trace: Vec::new(),
        reading: v.reading.clone(),
        touched: 0,
    };
    let mut limitations = Vec::new();
    let mut bindings = Vec::new();
    let mut combined: Option<Judgement> = None;
    for step in &steps {
        let j = match step.item {
            Item::Binder(b) => {
                let bound = v
                    .chosen
                    .iter()
                    .find(|(v, _)| *v == b.var)
                    .map_or(Bound::Unbound, |(_, x)| *x);
                ctx.env.push((b.var, bound));
                let span = match bound {
                    Bound::Node(n) => model.node(n).map(|x| x.head_span),
                    Bound::Comp(n, i) => model
                        .node(n)
                        .and_then(|x| x.components.get(i))
                        .map(|c| c.span),
                    Bound::Unbound => None,
                };
                bindings.push(super::Binding {
                    var: set.symbol(b.var).to_string(),
                    value: ctx.describe(bound),
                    span,
                });
                let desc = ctx.describe(bound);
                let var = set.symbol(b.var).to_string();
                let text = sources.one_line(b.span);
                let unset = match bound {
                    Bound::Unbound => ctx.unlisted(b),
                    Bound::Node(n) if n == v.subject => subject_unstated(&ctx, b, v.subject),
                    _ => None,
                };
                let mut j = if let Some((what, span)) = unset {
                    let mut j =
                        Judgement::new(Verdict::Undetermined).say(format!("undetermined: {what}"));
                    j.missing.push(super::Missing {
                        what,
                        span,
                        unbound: false,
                    });
                    j
                } else if bound == Bound::Unbound {
                    Judgement::new(Verdict::NotMet)
                        .say(format!("nothing in the spec matches `{text}`"))
                } else {
                    // The binder's condition may have been undecided (or met in part) for the
                    // element chosen; then so is this row.
                    let cond = b.filter.as_ref().map(|f| {
                        ctx.missing.clear();
                        ctx.evidence.clear();
                        let mut c = ctx.judge(f);
                        c.missing = std::mem::take(&mut ctx.missing);
                        c.evidence.append(&mut ctx.evidence);
                        c
                    });
                    match cond {
                        Some(c) if c.verdict != Verdict::Met => {
                            let why = if c.message.is_empty() {
                                String::new()
                            } else {
                                format!(", but {}", c.message)
                            };
                            let mut j =
                                Judgement::new(c.verdict).say(format!("{var} is {desc}{why}"));
                            j.window = c.window;
                            j.missing = c.missing;
                            j.evidence = c.evidence;
                            j
                        }
                        _ => Judgement::new(Verdict::Met).say(format!("{var} is {desc}")),
                    }
                };
                if let Some(s) = span {
                    j.evidence.push(super::Evidence {
                        span: s,
                        text: desc,
                    });
                }
                if b.words.is_none() && j.verdict == Verdict::Met {
                    continue;
                }
                j
            }
            Item::Limitation(l) => {
                ctx.missing.clear();
                ctx.evidence.clear();
                ctx.trace.clear();
                let mut j = ctx.judge(&l.expr);
                j.trace = std::mem::take(&mut ctx.trace)
                    .into_iter()
                    .map(|(span, value)| (sources.one_line(span), value))
                    .collect();
                j.missing = std::mem::take(&mut ctx.missing);
                let mut ev = std::mem::take(&mut ctx.evidence);
                ev.append(&mut j.evidence);
                ev.dedup();
                j.evidence = ev;
                // The spec reads on the claim: find, per limitation, the smallest change of
                // one of the values it read that would make it fail.
                if v.verdict == Verdict::Met && j.verdict == Verdict::Met {
                    let leaves: Vec<crate::source::Span> =
                        j.evidence.iter().map(|e| e.span).collect();
                    j.escape = ctx.escape(&l.expr, &leaves);
                }
                if j.verdict == Verdict::Undetermined && j.message.is_empty() {
                    j.message = match j.missing.first() {
                        Some(m) => format!("undetermined: {}", m.what),
                        None => "undetermined".into(),
                    };
                }
                j
            }
        };
        combined = Some(match combined {
            None => j.clone(),
            Some(c) => c.and(j.clone()),
        });
        let (words, words_span, span) = match step.item {
            Item::Binder(b) => match &b.words {
                Some((w, s)) => (w.clone(), *s, b.span),
                None => (sources.slice(b.span).trim().to_string(), b.span, b.span),
            },
            Item::Limitation(l) => (l.words.clone(), l.words_span, l.span),
        };
        limitations.push(LimitationResult {
            claim: step.claim,
            index: step.element.unwrap_or(usize::MAX),
            words,
            words_span,
            span,
            judgement: j,
        });
    }
    // The combination with windows can only be stricter than the search's, never looser.
    // Limitations each met for part of a tolerance can still fail together: say why.
    let conflict = combined.as_ref().and_then(|c| {
        let i = c.message.find("no value of ")?;
        Some(c.message.get(i..)?.split(';').next()?.to_string())
    });
    // Said only when there was a choice to make.
    v.note = (v.verdict != Verdict::Met && !bindings.is_empty() && v.alternatives > 1).then(|| {
        let shown: Vec<String> = bindings
            .iter()
            .map(|b| format!("{} = {}", b.var, b.value))
            .collect();
        format!(
            "no binding meets every limitation; shown is the one with the fewest failures: {}",
            shown.join(", ")
        )
    });
    if let Some(c) = conflict
        && v.verdict == Verdict::NotMet
        && !limitations
            .iter()
            .any(|l| l.judgement.verdict == Verdict::NotMet)
    {
        v.note = Some(format!(
            "every limitation holds for part of the tolerances, but {c}"
        ));
    }
    v.bindings = bindings;
    v.limitations = limitations;
}

/// For the subject's own binder `P on M` (a process that makes M): when the subject states no
/// reference to an element of M's kind at all, which one it refers to is unknown, so the
/// subject may well be on M. `None` when the binder is not such a binder, or the subject
/// states its reference (to another element).
fn subject_unstated(
    ctx: &Ctx<'_>,
    b: &Binder,
    subject: NodeId,
) -> Option<(String, crate::source::Span)> {
    let Domain::On { kind, target } = b.domain else {
        return None;
    };
    let m = ctx.model;
    let node = m.node(subject)?;
    if !m.schema.kind_is(node.kind, kind) {
        return None;
    }
    let Bound::Node(t) = ctx.lookup(target) else {
        return None;
    };
    let tk = m.node(t)?.kind;
    let unset = m
        .schema
        .props_of(crate::model::Owner::Kind(node.kind))
        .filter(|(_, p)| {
            matches!(p.ty, crate::model::PropTy::Ref { kind: rk, .. } if m.schema.kind_is(tk, rk))
        })
        .find(|(id, _)| node.prop(*id).is_none())?;
    Some((
        format!(
            "the {} of {} is not given",
            unset.1.name.replace('_', " "),
            m.describe(subject)
        ),
        node.head_span,
    ))
}
