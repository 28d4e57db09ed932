//! How a claim is searched: its ancestors as a graph, and each claim's items in the order the
//! binding search evaluates them.
//!
//! Contract: a [`Plan`] holds every claim on some chain from an independent claim down to the
//! target (each once, however many chains pass through it), with the claims that depend on it
//! among them. A limitation is split at its top-level `and` into conjuncts, and each conjunct
//! is evaluated as soon as the last variable it reads is bound within its claim: a condition
//! on one layer is tested when that layer is chosen, not once per choice of every later
//! variable. The conjuncts of a limitation fold into its verdict in the order written, which
//! is how `and` evaluates them, so a limitation's verdict does not depend on the plan.
//! Plans are built once per claim and shared read-only by every subject.

use crate::claims::{Binder, Claim, ClaimSet, Domain, Ex, Func, Item, Sym};
use crate::model::{KindId, Model};

/// One event of a claim's evaluation order.
pub(super) enum Event<'s> {
    /// Bind a variable; `slot` is the binder's item index in its claim.
    Bind {
        slot: usize,
        binder: &'s Binder,
        /// A binder over all elements of a kind whose candidates are narrowed to those the
        /// subject refers to (a later binder ties the subject to it with `on`).
        tied: Option<KindId>,
        /// The variables its condition reads, its own among them.
        filter_vars: Vec<Sym>,
    },
    /// Evaluate one conjunct of the limitation at item `slot`. `id` names it within the set
    /// (for the per-subject cache); `vars` are the variables it reads.
    Check {
        slot: usize,
        ex: &'s Ex,
        id: u64,
        vars: Vec<Sym>,
    },
}

pub(super) struct PlanClaim<'s> {
    pub number: u32,
    /// Items of the claim: one verdict slot each.
    pub items: usize,
    /// Shared by every plan the claim is in (see [`Shared`]).
    pub events: std::sync::Arc<[Event<'s>]>,
    /// Other claims of the set depend on this one: what its conditions evaluate to for a
    /// binding is kept for their searches. (Kept for every claim, the caches of a medium with
    /// a thousand layers cost more than they save.)
    pub keep: bool,
    /// Claims of the plan that depend on this one (indices into [`Plan::claims`]).
    pub next: Vec<usize>,
    /// Binders of this claim with a lookahead: (claim, event).
    pub ahead: Vec<(usize, usize)>,
    /// The next claim every path from here to the target passes that has binders with a
    /// lookahead.
    pub ahead_up: Option<usize>,
    /// Every variable this claim's events and those of the claims below it read, sorted:
    /// what a path entering the claim brings that can change what follows (filled only when
    /// chains merge, the one case that reads it).
    pub live: Vec<Sym>,
}

/// For a binder: the later limitations that read only it and variables bound before it, on
/// claims every path passes; the least number of them any candidate fails is a lower bound
/// of the failures still to come.
pub(super) type Conjuncts<'s> = (usize, usize, Vec<(u64, Vec<Sym>, &'s Ex)>);

pub(super) struct Lookahead<'s> {
    /// (claim, slot, conjuncts as (cache id, variables read, condition)) of each such
    /// limitation.
    pub slots: Vec<Conjuncts<'s>>,
    /// Variables besides the binder's own that its candidates and those limitations read.
    pub reads: Vec<Sym>,
    /// Whether the binder's condition reads only these and is applied to the candidates.
    pub filter: bool,
}

pub(super) struct Plan<'s> {
    pub target: u32,
    /// Ancestors of the target and the target, in claim-number order (parents first).
    pub claims: Vec<PlanClaim<'s>>,
    /// Independent claims of the plan, where every chain starts.
    pub roots: Vec<usize>,
    /// The variable bound to the subject: the first binder over the subject's kind.
    pub subject_var: Option<Sym>,
    /// Per (claim, event) of a binder with a lookahead.
    pub lookahead: rustc_hash::FxHashMap<(usize, usize), Lookahead<'s>>,
    /// Some claim of the plan has several parents in it: chains merge.
    pub merges: bool,
}

impl Plan<'_> {
    /// Whether there is no chain to evaluate (the claim or every chain has errors).
    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }
}

/// What the plans of one set share: the claims others depend on, and each claim's events
/// (a claim is in the plan of every claim below it: built once, not once per plan).
pub(super) struct Shared<'s> {
    parents: Vec<u32>,
    events: EventCache<'s>,
    /// Walk every chain, those no binding can win by too (for tests of the shortcuts).
    pub every_chain: bool,
}

type EventCache<'s> =
    rustc_hash::FxHashMap<(u32, Option<Sym>, Vec<Sym>), std::sync::Arc<[Event<'s>]>>;

impl<'s> Shared<'s> {
    pub fn new(set: &ClaimSet) -> Shared<'s> {
        let mut parents: Vec<u32> = set
            .claims
            .iter()
            .flat_map(|c| c.parents.iter().copied())
            .collect();
        parents.sort_unstable();
        parents.dedup();
        Shared {
            parents,
            events: EventCache::default(),
            every_chain: false,
        }
    }
}

/// The most limitations a binder's lookahead reads.
const MAX_LOOKAHEAD: usize = 64;

/// The plan of one claim of a set.
pub(super) fn plan<'s>(
    model: &Model,
    set: &'s ClaimSet,
    claim: &Claim,
    shared: &mut Shared<'s>,
) -> Plan<'s> {
    let subject_kind = model.schema.kind_id(claim.category.subject_kind());
    let members = ancestors(set, claim.number);
    let claims: Vec<&'s Claim> = members.iter().filter_map(|n| set.claim(*n)).collect();
    // Both are in number order.
    let position = |n: u32| claims.binary_search_by_key(&n, |c| c.number).ok();
    let subject_var = claims.iter().flat_map(|c| &c.items).find_map(|i| match i {
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
    // Binders over every element of a kind that the subject is tied to by `S on VAR`.
    let tied_vars: Vec<Sym> = claims
        .iter()
        .flat_map(|c| &c.items)
        .filter_map(|i| match i {
            Item::Binder(b) if Some(b.var) == subject_var => match b.domain {
                Domain::On { kind, target } if Some(kind) == subject_kind => Some(target),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let mut out: Vec<PlanClaim<'s>> = claims
        .iter()
        .map(|c| PlanClaim {
            number: c.number,
            items: c.items.len(),
            events: shared
                .events
                .entry((c.number, subject_var, tied_vars.clone()))
                .or_insert_with(|| events(set, c, subject_var, &tied_vars).into())
                .clone(),
            keep: shared.parents.binary_search(&c.number).is_ok(),
            next: Vec::new(),
            ahead: Vec::new(),
            ahead_up: None,
            live: Vec::new(),
        })
        .collect();
    let mut roots = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.parents.is_empty() {
            roots.push(i);
        }
        for p in &c.parents {
            if let Some(pi) = position(*p)
                && let Some(pc) = out.get_mut(pi)
            {
                pc.next.push(i);
            }
        }
    }
    let parents: Vec<Vec<usize>> = claims
        .iter()
        .map(|c| c.parents.iter().filter_map(|p| position(*p)).collect())
        .collect();
    if !shared.every_chain {
        skip_dominated(&mut out, &parents);
    }
    shortest_first(&mut out);
    let lookahead = lookaheads(&mut out);
    let merges = claims
        .iter()
        .any(|c| c.parents.iter().filter(|p| members.contains(p)).count() > 1);
    // Only a claim reached from several parents is looked up by its live variables.
    if merges {
        live_vars(&mut out);
    }
    Plan {
        target: claim.number,
        claims: out,
        roots,
        subject_var,
        lookahead,
        merges,
    }
}

/// Leaves out the chains no binding can win by: when a claim has parents `q` and `p`, and
/// every chain to `p` passes `q` (claim 23 "of 1, 4..14, 17", with claim 5 "of 1"), a chain
/// … → q → … → p → c reads every limitation that … → q → c reads, and more, under the same
/// bindings of what `c` can see (a claim sees only what every chain to it binds): its verdict
/// is no better and its failures no fewer. So `c` is entered from `q` only; and a claim that
/// then no longer leads to the target is not entered at all. With the chains walked shortest
/// first, the binding and chain the search finds are those it found before.
fn skip_dominated(out: &mut [PlanClaim<'_>], parents: &[Vec<usize>]) {
    const NONE: usize = usize::MAX;
    let n = out.len();
    // The immediate dominator of each claim (the nearest claim every chain to it passes;
    // `NONE` for an independent claim), in claim order, which is a topological order.
    let mut idom = vec![NONE; n];
    let mut depth = vec![0usize; n];
    let up = |x: usize, idom: &[usize]| idom.get(x).copied().unwrap_or(NONE);
    let deep = |x: usize, depth: &[usize]| depth.get(x).copied().unwrap_or(0);
    for i in 0..n {
        let mut cur: Option<usize> = None;
        for &p in parents.get(i).map_or(&[][..], Vec::as_slice) {
            cur = Some(match cur {
                None => p,
                Some(mut a) => {
                    let mut b = p;
                    // Each step moves one side up the dominator tree: at most 2n steps.
                    for _ in 0..2 * n + 2 {
                        if a == b || a == NONE || b == NONE {
                            break;
                        }
                        let (da, db) = (deep(a, &depth), deep(b, &depth));
                        if da >= db {
                            a = up(a, &idom);
                        }
                        if db >= da {
                            b = up(b, &idom);
                        }
                    }
                    if a == b { a } else { NONE }
                }
            });
        }
        let d = cur.unwrap_or(NONE);
        if let Some(slot) = idom.get_mut(i) {
            *slot = d;
        }
        let dd = if d == NONE { 1 } else { deep(d, &depth) + 1 };
        if let Some(slot) = depth.get_mut(i) {
            *slot = dd;
        }
    }
    let dominates = |q: usize, p: usize| {
        let mut x = p;
        for _ in 0..=n {
            if x == q {
                return true;
            }
            if x == NONE {
                return false;
            }
            x = up(x, &idom);
        }
        false
    };
    for (c, ps) in parents.iter().enumerate() {
        if ps.len() < 2 {
            continue;
        }
        for &p in ps {
            if ps.iter().any(|&q| q != p && dominates(q, p))
                && let Some(pc) = out.get_mut(p)
            {
                pc.next.retain(|&x| x != c);
            }
        }
    }
    // What no longer leads to the target (the last claim) is not entered.
    let mut reaches = vec![false; n];
    for i in (0..n).rev() {
        let r = i + 1 == n
            || out
                .get(i)
                .is_some_and(|pc| pc.next.iter().any(|x| reaches.get(*x) == Some(&true)));
        if let Some(slot) = reaches.get_mut(i) {
            *slot = r;
        }
    }
    for pc in out.iter_mut() {
        pc.next.retain(|x| reaches.get(*x) == Some(&true));
    }
}

/// Orders each claim's dependents by how many claims separate them from the target, fewest
/// first (then by number): the search meets the shortest chains to the target first, so a
/// claim met through a parent directly is found before the longer chains through its other
/// parents are walked, and among chains that tie the shortest is the one shown.
fn shortest_first(out: &mut [PlanClaim<'_>]) {
    // Dependents have higher numbers: the last claim is the target, and one pass from the
    // end sees every dependent's distance before its parents'.
    let mut dist = vec![usize::MAX; out.len()];
    let target = out.len().saturating_sub(1);
    for i in (0..out.len()).rev() {
        let d = if i == target {
            0
        } else {
            out.get(i)
                .and_then(|pc| pc.next.iter().filter_map(|n| dist.get(*n).copied()).min())
                .map_or(usize::MAX, |d| d.saturating_add(1))
        };
        if let Some(slot) = dist.get_mut(i) {
            *slot = d;
        }
    }
    for pc in out.iter_mut() {
        pc.next
            .sort_by_key(|n| (dist.get(*n).copied().unwrap_or(usize::MAX), *n));
    }
}

/// Fills `live` of each claim: what its events read, and what the claims below it read.
/// Claims depend only on claims with lower numbers, so one pass from the last claim up
/// sees every dependent's `live` before its parents.
fn live_vars(out: &mut [PlanClaim<'_>]) {
    for i in (0..out.len()).rev() {
        let Some(pc) = out.get(i) else { continue };
        let mut live: Vec<Sym> = Vec::new();
        for ev in pc.events.iter() {
            match ev {
                Event::Check { vars, .. } => live.extend(vars.iter().copied()),
                Event::Bind {
                    binder,
                    filter_vars,
                    ..
                } => {
                    live.extend(filter_vars.iter().copied());
                    live.extend(binder.domain.reads());
                }
            }
        }
        for n in &pc.next {
            if let Some(below) = out.get(*n) {
                live.extend(below.live.iter().copied());
            }
        }
        live.sort_unstable();
        live.dedup();
        if let Some(pc) = out.get_mut(i) {
            pc.live = live;
        }
    }
}

/// Fills `ahead` of each claim and returns the lookahead of each binder that has one.
fn lookaheads<'s>(
    out: &mut [PlanClaim<'s>],
) -> rustc_hash::FxHashMap<(usize, usize), Lookahead<'s>> {
    let n = out.len();
    // ipdom[c]: the first claim after c that every path from c to the target passes (its
    // immediate post-dominator; the target is last in number order). The claims every path
    // passes are the chain ipdom[c], ipdom[ipdom[c]], …, the target.
    let mut ipdom: Vec<Option<usize>> = vec![None; n];
    for c in (0..n).rev() {
        let next: Vec<usize> = out.get(c).map(|pc| pc.next.clone()).unwrap_or_default();
        let mut common: Option<usize> = None;
        for x in next {
            common = Some(match common {
                None => x,
                Some(mut a) => {
                    let mut b = x;
                    // Both chains rise to the target: walk the lower one up until they meet.
                    while a != b {
                        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
                        match ipdom.get(lo).copied().flatten() {
                            Some(up) => {
                                a = up;
                                b = hi;
                            }
                            None => {
                                a = hi;
                                b = hi;
                            }
                        }
                    }
                    a
                }
            });
        }
        if let Some(slot) = ipdom.get_mut(c) {
            *slot = common;
        }
    }
    // Variables bound by binders, per claim, in event order.
    let binds_of: Vec<Vec<(usize, Sym)>> = out
        .iter()
        .map(|pc| {
            pc.events
                .iter()
                .enumerate()
                .filter_map(|(e, ev)| match ev {
                    Event::Bind { binder, .. } => Some((e, binder.var)),
                    Event::Check { .. } => None,
                })
                .collect()
        })
        .collect();
    let binds = |c: usize| -> &[(usize, Sym)] { binds_of.get(c).map_or(&[][..], Vec::as_slice) };
    let mut result = rustc_hash::FxHashMap::default();
    let mut bound_below: Vec<Sym> = Vec::new();
    for c in 0..n {
        if c > 0 {
            bound_below.extend(binds(c - 1).iter().map(|(_, s)| *s));
        }
        for &(e, y) in binds(c) {
            // Bound before y in plan order: earlier binders of this claim and of every
            // lower-numbered claim (a path only goes up in number).
            let mut before: Vec<Sym> = bound_below.clone();
            before.extend(binds(c).iter().filter(|(i, _)| *i < e).map(|(_, s)| *s));
            // Bound after y, up to and including the claims every path passes.
            let mut later: Vec<Sym> = binds(c)
                .iter()
                .filter(|(i, _)| *i > e)
                .map(|(_, s)| *s)
                .collect();
            let mut slots: Vec<Conjuncts<'s>> = Vec::new();
            let mut reads: Vec<Sym> = Vec::new();
            // This claim after y, then the claims every path passes, up to MAX_LOOKAHEAD
            // limitations: a bound over fewer is lower, still a bound, and a long chain of
            // claims costs each plan a constant, not its length.
            let scan = std::iter::once((c, e + 1)).chain(
                std::iter::successors(ipdom.get(c).copied().flatten(), |x| {
                    ipdom.get(*x).copied().flatten()
                })
                .map(|x| (x, 0)),
            );
            let mut checked = c + 1;
            for (x, from) in scan {
                if slots.len() >= MAX_LOOKAHEAD {
                    break;
                }
                // A claim between two that every path passes is off that path; if it binds,
                // it may rebind: stop before it.
                if (checked..x).any(|z| !binds(z).is_empty()) {
                    break;
                }
                checked = checked.max(x + 1);
                let Some(pc) = out.get(x) else { break };
                type Parts<'s> = Vec<(u64, Vec<Sym>, &'s Ex)>;
                let mut per_slot: Vec<(usize, Parts<'s>, bool)> = Vec::new();
                for ev in pc.events.iter().skip(from) {
                    match ev {
                        Event::Bind { binder, .. } => later.push(binder.var),
                        Event::Check { slot, ex, vars, id } => {
                            let ok = vars.contains(&y)
                                && vars
                                    .iter()
                                    .all(|v| *v == y || (before.contains(v) && !later.contains(v)));
                            match per_slot.iter_mut().find(|(s, _, _)| s == slot) {
                                Some((_, list, all)) => {
                                    list.push((*id, vars.clone(), *ex));
                                    *all &= ok;
                                }
                                None => per_slot.push((*slot, vec![(*id, vars.clone(), *ex)], ok)),
                            }
                            if ok {
                                for v in vars {
                                    if *v != y && !reads.contains(v) {
                                        reads.push(*v);
                                    }
                                }
                            }
                        }
                    }
                }
                // Every conjunct of the limitation must be of this kind, and the limitation
                // wholly after y (none of its conjuncts evaluated before y is bound).
                let earlier = if x == c {
                    pc.events.iter().take(from).any(|ev| matches!(ev, Event::Check { slot, .. } if per_slot.iter().any(|(s, _, _)| s == slot)))
                } else {
                    false
                };
                if !earlier {
                    for (slot, list, all) in per_slot {
                        if all {
                            slots.push((x, slot, list));
                        }
                    }
                }
            }
            if slots.is_empty() {
                continue;
            }
            // The binder's domain reads a variable too. Its condition is applied only when it
            // reads nothing more: a condition such as `L != U` would make the bound one per
            // choice of U (N² on N layers), and leaving it out only lowers the bound.
            let mut filter = false;
            if let Some(Event::Bind { binder, .. }) = out.get(c).and_then(|pc| pc.events.get(e)) {
                if let Some(s) = binder.domain.reads()
                    && !reads.contains(&s)
                {
                    reads.push(s);
                }
                let mut v = Vec::new();
                if let Some(f) = &binder.filter {
                    vars_in(f, &mut v);
                }
                filter = v.iter().all(|s| *s == y || reads.contains(s));
            }
            result.insert(
                (c, e),
                Lookahead {
                    slots,
                    reads,
                    filter,
                },
            );
        }
    }
    // Each claim looks ahead at its own binders with a lookahead, then up its chain of
    // claims every path passes, through those that have some.
    let mut own: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for &(c, e) in result.keys() {
        if let Some(list) = own.get_mut(c) {
            list.push((c, e));
        }
    }
    let mut ahead_up: Vec<Option<usize>> = vec![None; n];
    for c in (0..n).rev() {
        // The claim above c has binders with a lookahead, or takes its own next one.
        let up = ipdom.get(c).copied().flatten().and_then(|x| {
            if own.get(x).is_some_and(|l| !l.is_empty()) {
                Some(x)
            } else {
                ahead_up.get(x).copied().flatten()
            }
        });
        if let Some(slot) = ahead_up.get_mut(c) {
            *slot = up;
        }
        if let Some(pc) = out.get_mut(c) {
            let mut mine = own.get(c).cloned().unwrap_or_default();
            mine.sort_unstable();
            pc.ahead = mine;
            pc.ahead_up = up;
        }
    }
    result
}

/// The claims on some chain down to `number` that have no errors, in number order; empty when
/// the claim itself has errors. (A claim below one with errors has errors too, so leaving
/// those out loses no chain.)
fn ancestors(set: &ClaimSet, number: u32) -> Vec<u32> {
    let mut out = set.ancestors(number);
    out.retain(|n| set.claim(*n).is_some_and(|c| !c.broken));
    if !out.contains(&number) {
        out.clear();
    }
    out
}

/// A claim's items as events: each binder in place, each conjunct right after the last binder
/// of this claim (before the limitation) whose variable it reads, or at the claim's start.
fn events<'s>(
    set: &'s ClaimSet,
    claim: &'s Claim,
    subject_var: Option<Sym>,
    tied_vars: &[Sym],
) -> Vec<Event<'s>> {
    let claim_ix = set
        .claims
        .binary_search_by_key(&claim.number, |c| c.number)
        .unwrap_or(0) as u64;
    // after[i]: conjuncts to evaluate right after item i; after_start: before any item.
    let mut after: Vec<Vec<Event<'s>>> = claim.items.iter().map(|_| Vec::new()).collect();
    let mut at_start: Vec<Event<'s>> = Vec::new();
    for (slot, item) in claim.items.iter().enumerate() {
        let Item::Limitation(l) = item else { continue };
        for (k, ex) in conjuncts(&l.expr).into_iter().enumerate() {
            let mut vars = Vec::new();
            vars_in(ex, &mut vars);
            let last_binder = claim
                .items
                .iter()
                .take(slot)
                .enumerate()
                .rev()
                .find(|(_, it)| matches!(it, Item::Binder(b) if vars.contains(&b.var)))
                .map(|(i, _)| i);
            let ev = Event::Check {
                slot,
                ex,
                id: (claim_ix << 32) | ((slot as u64 & 0xF_FFFF) << 12) | (k as u64 & 0xFFF),
                vars,
            };
            match last_binder.and_then(|i| after.get_mut(i)) {
                Some(list) => list.push(ev),
                None => at_start.push(ev),
            }
        }
    }
    let mut out = at_start;
    for ((slot, item), then) in claim.items.iter().enumerate().zip(after) {
        if let Item::Binder(b) = item {
            let tied = match b.domain {
                Domain::All(k) if Some(b.var) != subject_var && tied_vars.contains(&b.var) => {
                    Some(k)
                }
                _ => None,
            };
            let mut filter_vars = vec![b.var];
            if let Some(f) = &b.filter {
                vars_in(f, &mut filter_vars);
            }
            filter_vars.sort_unstable();
            filter_vars.dedup();
            out.push(Event::Bind {
                slot,
                binder: b,
                tied,
                filter_vars,
            });
        }
        out.extend(then);
    }
    out
}

/// The top-level conjuncts of a condition (itself when it is not an `and`).
fn conjuncts(e: &Ex) -> Vec<&Ex> {
    match e {
        Ex::And(parts, _) if !parts.is_empty() => parts.iter().collect(),
        _ => vec![e],
    }
}

/// Every variable an expression reads, including those of nested binders and of every arm of
/// a construction point (sorted, no repeats). Reading more than needed only delays a check.
pub(super) fn vars_in(ex: &Ex, out: &mut Vec<Sym>) {
    let add = |s: Sym, out: &mut Vec<Sym>| {
        if let Err(i) = out.binary_search(&s) {
            out.insert(i, s);
        }
    };
    let mut stack = vec![ex];
    while let Some(e) = stack.pop() {
        match e {
            Ex::Var(s, _) | Ex::Prop { of: s, .. } | Ex::Member { node: s, .. } => add(*s, out),
            Ex::Func(f, _) => match f {
                Func::Mass { of, genus: p } | Func::Wt { of, genus: p, .. } => {
                    add(*of, out);
                    if let crate::claims::Part::Component(c) = p {
                        add(*c, out);
                    }
                }
                Func::Ratio { of, a, b, .. } | Func::Phr { of, a, b } => {
                    add(*of, out);
                    for p in [a, b] {
                        if let crate::claims::Part::Component(c) = p {
                            add(*c, out);
                        }
                    }
                }
                Func::Has { of, .. }
                | Func::Only { of, .. }
                | Func::Total { of }
                | Func::Last(of)
                | Func::ConsistingOf { of, .. }
                | Func::AnyOf { of, .. } => add(*of, out),
                Func::Before(a, b) | Func::Adjacent(a, b) => {
                    add(*a, out);
                    add(*b, out);
                }
                Func::Melts { step, component } => {
                    add(*step, out);
                    add(*component, out);
                }
                Func::Count(b) | Func::Exists(b) | Func::Sum(b, _) => {
                    add(b.var, out);
                    if let Some(s) = b.domain.reads() {
                        add(s, out);
                    }
                }
            },
            _ => {}
        }
        e.push_children(&mut stack);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Claims 0..n with the given parents (indices), their `next` filled as `plan` does.
    fn graph(parents: &[Vec<usize>]) -> Vec<PlanClaim<'static>> {
        let mut out: Vec<PlanClaim<'static>> = (0..parents.len())
            .map(|i| PlanClaim {
                number: i as u32 + 1,
                items: 0,
                events: std::sync::Arc::from(Vec::new()),
                keep: false,
                next: Vec::new(),
                ahead: Vec::new(),
                ahead_up: None,
                live: Vec::new(),
            })
            .collect();
        for (i, ps) in parents.iter().enumerate() {
            for p in ps {
                out[*p].next.push(i);
            }
        }
        out
    }

    fn nexts(out: &[PlanClaim<'_>]) -> Vec<Vec<usize>> {
        out.iter().map(|pc| pc.next.clone()).collect()
    }

    #[test]
    fn a_parent_every_chain_to_another_passes_is_the_only_way_in() {
        // 0 and 3 independent; 1 of 0; 2 of 1; 4 of 0, 1, 2, 3 (claim 23 "of 1, 4..14, 17").
        let parents = vec![vec![], vec![0], vec![1], vec![], vec![0, 1, 2, 3]];
        let mut out = graph(&parents);
        skip_dominated(&mut out, &parents);
        // 4 is entered from 0 and 3 only; 1 and 2 no longer lead to it and are not entered.
        assert_eq!(nexts(&out), vec![vec![4], vec![], vec![], vec![4], vec![]]);
    }

    #[test]
    fn a_parent_reached_another_way_too_keeps_its_chain() {
        // 2 of 0 or 1: not every chain to 2 passes 0, so 3 "of 0, 2" keeps both ways in.
        let parents = vec![vec![], vec![], vec![0, 1], vec![0, 2]];
        let mut out = graph(&parents);
        skip_dominated(&mut out, &parents);
        assert_eq!(nexts(&out), vec![vec![2, 3], vec![2], vec![3], vec![]]);
    }
}
