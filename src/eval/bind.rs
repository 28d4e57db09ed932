//! One binding search: the variables of a claim's chain bound one binder at a time, each
//! conjunct judged as soon as its variables are bound, partial bindings dropped as soon as they
//! can no longer beat the best one (see the contract of [`super::search`], whose evaluator
//! runs a [`Search`] per claim, subject and reading).

use super::Verdict;
use super::expr::{Bound, Ctx};
use super::judge::{Window, and_verdicts};
use super::plan::{Event, Plan};
use super::search::{BoundKey, Cache, referenced};
use crate::claims::{Binder, Domain, Ex, Sym};
use crate::model::NodeId;
use rustc_hash::FxHashMap;

pub(super) struct Best {
    pub(super) verdict: Verdict,
    pub(super) failed: usize,
    pub(super) undetermined: usize,
    pub(super) chain: Vec<u32>,
    pub(super) env: Vec<(Sym, Bound)>,
    /// Where, within one uncertain spec value, the binding's limitations all hold (for a
    /// partly met verdict).
    pub(super) window: Option<Box<Window>>,
}

pub(super) fn better(v: Verdict, failed: usize, undetermined: usize, best: &Option<Best>) -> bool {
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

/// What a recording search (`mediac sweep`'s compiled form, see `super::form`) keeps of
/// each complete binding: the verdict of the conditions that do not read a swept value, and
/// those that do, each with the bindings it is evaluated under.
pub(super) struct Recorded<'a> {
    pub(super) fixed: Verdict,
    pub(super) swept: Vec<(&'a Ex, Vec<(Sym, Bound)>)>,
}

/// The state of a recording search: the swept conditions on the current path, every complete
/// binding so far, and whether something was met that the compiled form cannot express (a
/// binder's condition reading a swept value, a partly met condition, too many bindings).
#[derive(Default)]
pub(super) struct Recorder<'a> {
    pub(super) path: Vec<(&'a Ex, Vec<(Sym, Bound)>)>,
    pub(super) out: Vec<Recorded<'a>>,
    pub(super) failed: bool,
}

/// The most complete bindings a compiled form enumerates.
const MAX_RECORDED: usize = 4096;

/// The lowest verdict, failed and undetermined counts of a partial binding.
pub(super) type Standing = (Verdict, usize, usize);

/// A claim of the plan entered with these values of the variables it and the claims below it
/// read (`PlanClaim::live`).
type Entry = (usize, Vec<Bound>);

pub(super) struct Search<'a, 'c, 'm> {
    pub(super) ctx: Ctx<'m>,
    pub(super) plan: &'a Plan<'a>,
    pub(super) subject: NodeId,
    /// Candidates of tied binders: the elements the subject refers to.
    pub(super) narrowed: FxHashMap<Sym, Vec<NodeId>>,
    /// Verdict and window per item of the claims on the current path, in path order.
    pub(super) slots: Vec<(Verdict, Option<Box<Window>>)>,
    /// How many slots hold each verdict (not met, undetermined, partly met, met).
    pub(super) counts: [usize; 4],
    /// Claim numbers of the current path, root first.
    pub(super) path: Vec<u32>,
    pub(super) best: Option<Best>,
    /// Complete bindings weighed, beyond the first.
    pub(super) complete: usize,
    pub(super) steps: usize,
    pub(super) budget: usize,
    pub(super) exhaustive: bool,
    pub(super) exhausted: bool,
    /// Standings with which a claim was entered, per claim and bindings: a claim entered
    /// again with the same bindings and no better standing cannot lead further.
    pub(super) seen: FxHashMap<Entry, Vec<Standing>>,
    pub(super) cache: &'c mut Cache,
    /// Verdicts that touched no construction point, shared by every reading.
    pub(super) any: &'c mut Cache,
    /// Keep the verdict of every condition (the claim is read several ways).
    pub(super) keep_all: bool,
    /// Least failures of a binder's lookahead, per binder and the values of what it reads.
    pub(super) least: FxHashMap<(usize, usize, BoundKey), (usize, usize)>,
    /// Record every complete binding (with `exhaustive`): see [`Recorder`].
    pub(super) record: Option<Recorder<'a>>,
    /// The best standing any binding can reach (from the claim's parents): a binding that
    /// reaches it ends the search, as one that meets every limitation does.
    pub(super) upper: Option<Standing>,
}

fn level(v: Verdict) -> usize {
    match v {
        Verdict::NotMet => 0,
        Verdict::Undetermined => 1,
        Verdict::PartlyMet => 2,
        Verdict::Met | Verdict::Arguable => 3,
    }
}

impl Search<'_, '_, '_> {
    /// The lowest verdict, failed and undetermined counts of the slots so far: what the
    /// binding can at best still reach.
    fn standing(&self) -> (Verdict, usize, usize) {
        let v = match self.counts {
            [n, ..] if n > 0 => Verdict::NotMet,
            [_, u, ..] if u > 0 => Verdict::Undetermined,
            [_, _, p, _] if p > 0 => Verdict::PartlyMet,
            _ => Verdict::Met,
        };
        (v, self.counts[0], self.counts[1])
    }

    fn set_slot(
        &mut self,
        i: usize,
        new: (Verdict, Option<Box<Window>>),
    ) -> (Verdict, Option<Box<Window>>) {
        let Some(slot) = self.slots.get_mut(i) else {
            return new;
        };
        let old = std::mem::replace(slot, new);
        let (o, n) = (level(old.0), level(slot.0));
        if let Some(c) = self.counts.get_mut(o) {
            *c = c.saturating_sub(1);
        }
        if let Some(c) = self.counts.get_mut(n) {
            *c += 1;
        }
        old
    }

    /// Whether this partial binding can still beat the best one (or the budget is spent).
    fn hopeless(&mut self) -> bool {
        self.steps += 1;
        if self.steps > self.budget {
            self.exhausted = true;
            return true;
        }
        if self.exhaustive {
            return false;
        }
        match &self.best {
            None => false,
            Some(b) if b.verdict == Verdict::Met => true,
            Some(_)
                if self
                    .upper
                    .is_some_and(|(v, f, u)| !better(v, f, u, &self.best)) =>
            {
                true
            }
            Some(_) => {
                let (v, f, u) = self.standing();
                !better(v, f, u, &self.best)
            }
        }
    }

    /// Starts claim `c` of the plan on the current path.
    pub(super) fn enter(&mut self, c: usize) {
        let Some(pc) = self.plan.claims.get(c) else {
            return;
        };
        if self.hopeless() {
            return;
        }
        // Windows make standings incomparable; only compare those without partly met slots.
        // Only a claim reached from several parents can be entered twice with one binding.
        // What follows reads only the claim's live variables: a path that binds them as an
        // earlier one did, with no better standing, can reach nothing better than it did
        // (the other variables it bound, such as a sibling parent's, are read by no later
        // event).
        if self.plan.merges && self.counts[2] == 0 && !self.exhaustive {
            let (v, f, u) = self.standing();
            let key: Vec<Bound> = pc.live.iter().map(|s| self.ctx.lookup(*s)).collect();
            let seen = self.seen.entry((c, key)).or_default();
            if seen
                .iter()
                .any(|&(sv, sf, su)| sv >= v && sf <= f && su <= u)
            {
                return;
            }
            seen.push((v, f, u));
        }
        let base = self.slots.len();
        self.slots
            .extend(std::iter::repeat_with(|| (Verdict::Met, None)).take(pc.items));
        self.counts[3] += pc.items;
        self.path.push(pc.number);
        self.run(c, base, 0);
        self.path.pop();
        self.slots.truncate(base);
        self.counts[3] = self.counts[3].saturating_sub(pc.items);
    }

    /// Evaluates event `e` of claim `c` (whose slots start at `base`) and everything after.
    fn run(&mut self, c: usize, base: usize, e: usize) {
        if self.hopeless() {
            return;
        }
        let plan = self.plan;
        let Some(pc) = plan.claims.get(c) else {
            return;
        };
        match pc.events.get(e) {
            None => {
                if pc.number == plan.target {
                    self.finish();
                } else {
                    for &n in &pc.next {
                        self.enter(n);
                    }
                }
            }
            Some(Event::Check { slot, ex, id, vars }) => {
                let (v, w) = if self.record.is_some() {
                    // A condition that reads a swept value is decided per grid point by the
                    // compiled form; here it holds, so that the rest is what is recorded.
                    self.ctx.fixed_read.set(false);
                    let j = self.ctx.judge(ex);
                    if self.ctx.fixed_read.get() {
                        let env = self.ctx.env.clone();
                        if let Some(r) = self.record.as_mut() {
                            r.path.push((*ex, env));
                        }
                        self.run_checked(c, base, e, base + slot, (Verdict::Met, None));
                        if let Some(r) = self.record.as_mut() {
                            r.path.pop();
                        }
                        return;
                    }
                    (j.verdict, j.window)
                } else {
                    self.judged(*id, vars, ex, pc.keep)
                };
                self.run_checked(c, base, e, base + slot, (v, w));
            }
            Some(Event::Bind {
                slot,
                binder,
                filter_vars,
                ..
            }) => self.bind(c, base, e, base + slot, binder, filter_vars),
        }
    }

    /// Folds a conjunct's verdict into its limitation's slot `i` and goes on after event `e`.
    fn run_checked(
        &mut self,
        c: usize,
        base: usize,
        e: usize,
        i: usize,
        (v, w): (Verdict, Option<Box<Window>>),
    ) {
        let now = match self.slots.get(i) {
            Some((sv, sw)) => and_verdicts((*sv, sw.as_deref()), (v, w.as_deref())),
            None => (v, w),
        };
        let old = self.set_slot(i, now);
        self.run(c, base, e + 1);
        self.set_slot(i, old);
    }

    fn bind(
        &mut self,
        c: usize,
        base: usize,
        e: usize,
        slot: usize,
        b: &Binder,
        filter_vars: &[Sym],
    ) {
        // Nothing any candidate could bring can beat the best binding: skip them all.
        if self.ahead_prunes(c, e, true) {
            return;
        }
        let is_subject = Some(b.var) == self.plan.subject_var;
        let keep = self.plan.claims.get(c).is_some_and(|pc| pc.keep);
        let mut any = false;
        let mut passing = 0usize;
        let candidates = self.candidates(b);
        for cand in candidates.iter().copied() {
            self.ctx.env.push((b.var, cand));
            // A candidate whose condition is undecided (or holds only in part) is kept, and
            // the condition's verdict joins the claim's: dropping it would clear an `avoid`
            // on a fact the spec never stated.
            let (verdict, window) = match b.filter.as_ref() {
                None => (Verdict::Met, None),
                Some(f) if self.record.is_some() => {
                    self.ctx.fixed_read.set(false);
                    let j = self.ctx.judge(f);
                    if self.ctx.fixed_read.get()
                        && let Some(r) = self.record.as_mut()
                    {
                        // Which elements are bound would change over the grid.
                        r.failed = true;
                    }
                    (j.verdict, j.window)
                }
                Some(f) => self.judged(filter_id(b), filter_vars, f, keep),
            };
            if verdict != Verdict::NotMet {
                any = true;
                passing += 1;
                let old = self.set_slot(slot, (verdict, window));
                if !self.ahead_prunes(c, e, false) {
                    self.run(c, base, e + 1);
                }
                self.set_slot(slot, old);
            }
            self.ctx.env.pop();
        }
        if passing > 1 {
            // Bindings cut short by pruning were weighed all the same.
            self.complete += passing - 1;
        }
        // Beside the elements the spec lists, one it does not list may exist (nothing said,
        // `...`, an unset reference): that binding's verdict is undetermined, so that an
        // `avoid` is never cleared on a fact the spec does not state. The subject itself is
        // given; when it does not say what it is on (a process without `medium = …`), it is
        // bound all the same, and that it is on the element is undetermined.
        let unlisted = if is_subject {
            !any && super::explain::subject_unstated(&self.ctx, b, self.subject).is_some()
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
            let old = self.set_slot(slot, (verdict, None));
            self.run(c, base, e + 1);
            self.set_slot(slot, old);
            self.ctx.env.pop();
        }
    }

    /// Whether what the binders still to come must add leaves this partial binding unable to
    /// beat the best one. Each such binder adds at least the fewest failures any of its
    /// candidates has among the limitations that read only it, and, when it adds exactly
    /// that, at least the fewest undetermined ones among those candidates. The binder at
    /// event `e` of claim `c` counts by that bound too when `whole` (before its candidates
    /// are tried), else by the candidate just bound.
    fn ahead_prunes(&mut self, c: usize, e: usize, whole: bool) -> bool {
        if self.best.is_none() || self.exhaustive {
            return false;
        }
        let plan = self.plan;
        let Some(pc) = plan.claims.get(c) else {
            return false;
        };
        let (mut ef, mut eu) = (0, 0);
        let mut binders: Vec<(usize, usize)> = pc
            .ahead
            .iter()
            .copied()
            .filter(|(_, ye)| *ye >= e)
            .collect();
        let mut up = pc.ahead_up;
        while let Some(x) = up {
            let Some(px) = plan.claims.get(x) else { break };
            binders.extend(px.ahead.iter().copied());
            up = px.ahead_up;
        }
        for (x, ye) in binders {
            let (f, u) = if x == c && ye == e && !whole {
                // This binder's own later limitations, for the candidate just bound.
                plan.lookahead
                    .get(&(x, ye))
                    .map_or((0, 0), |la| self.lookahead_of_bound(la))
            } else {
                self.least(x, ye)
            };
            ef += f;
            eu += u;
        }
        if ef == 0 && eu == 0 {
            return false;
        }
        let (v, f, u) = self.standing();
        let v = if ef > 0 {
            Verdict::NotMet
        } else {
            v.min(Verdict::Undetermined)
        };
        !better(v, f + ef, u + eu, &self.best)
    }

    /// (failed, undetermined) of a lookahead's limitations under the current bindings.
    fn lookahead_of_bound(&mut self, la: &super::plan::Lookahead<'_>) -> (usize, usize) {
        let plan = self.plan;
        let (mut f, mut u) = (0, 0);
        for (sx, _, parts) in &la.slots {
            let keep = plan.claims.get(*sx).is_some_and(|pc| pc.keep);
            let mut worst = Verdict::Met;
            for (id, vars, ex) in parts {
                worst = worst.min(self.judged(*id, vars, ex, keep).0);
                if worst == Verdict::NotMet {
                    break;
                }
            }
            match worst {
                Verdict::NotMet => f += 1,
                Verdict::Undetermined => u += 1,
                _ => {}
            }
        }
        (f, u)
    }

    /// The least (failed, then undetermined) any candidate of binder (claim x, event ye) has
    /// among its lookahead limitations, under the current bindings; (0, 0) when that cannot
    /// be known yet.
    fn least(&mut self, x: usize, ye: usize) -> (usize, usize) {
        let plan = self.plan;
        let (
            Some(la),
            Some(Event::Bind {
                binder,
                filter_vars,
                ..
            }),
        ) = (
            plan.lookahead.get(&(x, ye)),
            plan.claims.get(x).and_then(|pc| pc.events.get(ye)),
        )
        else {
            return (0, 0);
        };
        if Some(binder.var) == plan.subject_var
            || !la
                .reads
                .iter()
                .all(|v| self.ctx.env.iter().any(|(s, _)| s == v))
        {
            return (0, 0);
        }
        let key = (
            x,
            ye,
            la.reads
                .iter()
                .map(|v| self.ctx.lookup(*v))
                .collect::<BoundKey>(),
        );
        if let Some(n) = self.least.get(&key) {
            return *n;
        }
        // An element the spec does not list may be bound: nothing is known of it.
        let least = if self.ctx.unlisted(binder).is_some() {
            (0, 0)
        } else {
            let keep = plan.claims.get(x).is_some_and(|pc| pc.keep);
            let mut least: Option<(usize, usize)> = None;
            for cand in self.candidates(binder).iter().copied() {
                self.ctx.env.push((binder.var, cand));
                let passes = match binder.filter.as_ref().filter(|_| la.filter) {
                    None => true,
                    Some(f) => {
                        self.judged(filter_id(binder), filter_vars, f, keep).0 != Verdict::NotMet
                    }
                };
                if passes {
                    let here = self.lookahead_of_bound(la);
                    least = Some(least.map_or(here, |l| l.min(here)));
                }
                self.ctx.env.pop();
                if least == Some((0, 0)) {
                    break;
                }
            }
            // No candidate at all: the binder itself fails.
            least.unwrap_or((1, 0))
        };
        self.least.insert(key, least);
        least
    }

    fn candidates(&self, b: &Binder) -> std::rc::Rc<[Bound]> {
        if Some(b.var) == self.plan.subject_var {
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
                std::rc::Rc::from([Bound::Node(self.subject)])
            } else {
                std::rc::Rc::from([])
            };
        }
        if let Some(list) = self.narrowed.get(&b.var)
            && matches!(b.domain, Domain::All(_))
        {
            return list.iter().map(|n| Bound::Node(*n)).collect();
        }
        self.ctx.domain(b)
    }

    /// The verdict of one condition under the current bindings, from the cache when the
    /// variables it reads are bound as before.
    fn judged(
        &mut self,
        id: u64,
        vars: &[Sym],
        ex: &Ex,
        keep: bool,
    ) -> (Verdict, Option<Box<Window>>) {
        if !keep && !self.keep_all {
            let j = self.ctx.judge(ex);
            return (j.verdict, j.window);
        }
        let key = (id, vars.iter().map(|v| self.ctx.lookup(*v)).collect());
        if let Some((v, w, t)) = self.any.get(&key).or_else(|| self.cache.get(&key)) {
            self.ctx.touched |= *t;
            return (*v, w.clone());
        }
        let before = std::mem::take(&mut self.ctx.touched);
        let j = self.ctx.judge(ex);
        let touched = self.ctx.touched;
        self.ctx.touched = before | touched;
        let entry = (j.verdict, j.window.clone(), touched);
        if touched == 0 {
            self.any.insert(key, entry);
        } else {
            self.cache.insert(key, entry);
        }
        (j.verdict, j.window)
    }

    fn finish(&mut self) {
        // Windows matter for the combination: fold the slots in the order written.
        let mut acc: (Verdict, Option<Box<Window>>) = (Verdict::Met, None);
        for (v, w) in &self.slots {
            acc = and_verdicts((acc.0, acc.1.as_deref()), (*v, w.as_deref()));
        }
        let (failed, undetermined) = (self.counts[0], self.counts[1]);
        if let Some(r) = self.record.as_mut() {
            if acc.0 == Verdict::PartlyMet || r.out.len() >= MAX_RECORDED {
                r.failed = true;
                // Stop: the compiled form is given up.
                self.budget = 0;
            }
            r.out.push(Recorded {
                fixed: acc.0,
                swept: r.path.clone(),
            });
        }
        if better(acc.0, failed, undetermined, &self.best) {
            self.best = Some(Best {
                verdict: acc.0,
                failed,
                undetermined,
                chain: self.path.clone(),
                env: self.ctx.env.clone(),
                window: acc.1,
            });
        }
    }
}

/// The cache id of a binder's condition: the binder's address, which is stable while the
/// claim sets live and distinct from every conjunct id (those have the top bit clear).
fn filter_id(b: &Binder) -> u64 {
    (1u64 << 63) | (b as *const Binder as u64 >> 1)
}
