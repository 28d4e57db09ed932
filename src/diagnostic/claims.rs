//! Diagnostics of the claim side: claim-set errors, broken intents and verdict summaries.

use super::{Code, Diagnostic, Severity};
use crate::analysis::Finding;
use crate::claims::{ClaimError, ClaimSet, Intent};
use crate::eval::{ClaimVerdict, LimitationResult, Verdict};
use crate::model::Model;

fn did_you_mean(s: &Option<String>) -> Option<String> {
    s.as_ref().map(|s| format!("did you mean `{s}`?"))
}

impl From<&ClaimError> for Diagnostic {
    fn from(e: &ClaimError) -> Diagnostic {
        use ClaimError as C;
        match e {
            C::Model(m) => Diagnostic::from(m),
            C::Unit(u) => Diagnostic::from(u),
            C::DuplicateClaimSet { span, previous, id } => Diagnostic::new(Code::ClaimDuplicateSet, format!("claim set `{id}` is defined twice"))
                .primary(*span, "defined again here")
                .secondary(*previous, "first defined here")
                .help("give one of them another id; a set passed with --claims (or in a checked file) that has the id of a shipped set replaces the shipped one"),
            C::DuplicateClaim { span, previous, number } => Diagnostic::new(Code::ClaimDuplicateClaim, format!("claim {number} is defined twice"))
                .primary(*span, "defined again here")
                .secondary(*previous, "first defined here")
                .help("each claim number appears once in a claim set"),
            C::UnknownCategory { span, name, suggestion } => {
                Diagnostic::new(Code::ClaimUnknownCategory, format!("unknown claim category `{name}`"))
                    .primary(*span, "not a category")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| {
                        "a claim is a `medium`, `manufacturing_method`, `recording_method` or `apparatus` claim".into()
                    }))
            }
            C::BadParent { span, number, claim, reason } => {
                Diagnostic::new(Code::ClaimBadParent, format!("claim {claim} cannot depend on claim {number}: {reason}"))
                    .primary(*span, "parent claim")
                    .help("list the claims it refers to, as the patent does: `of 1` or `of 1, 4..14, 17`")
            }
            C::UnknownVariable { span, name, suggestion } => {
                // Every one-letter name is one edit away from every other: a suggestion for
                // `L` would name any variable at all, so none is made.
                let suggestion = suggestion.as_ref().filter(|_| name.chars().count() > 1).cloned();
                Diagnostic::new(Code::ClaimUnknownVariable, format!("unknown variable `{name}`"))
                    .primary(*span, "not bound by this claim or its parents")
                    .help(did_you_mean(&suggestion).unwrap_or_else(|| {
                        format!("bind it first, e.g. `layer {name} in M`; a variable of a parent is visible only if every parent chain binds it")
                    }))
            }
            C::DuplicateVariable { span, previous, name } => {
                Diagnostic::new(Code::ClaimDuplicateVariable, format!("variable `{name}` is bound twice"))
                    .primary(*span, "bound again here")
                    .secondary(*previous, "first bound here")
                    .help("a dependent claim sees its parents' variables; use another name for a new element")
            }
            C::Construction { span, message, help } => {
                Diagnostic::new(Code::ClaimConstruction, message.clone())
                    .primary(*span, "here")
                    .help(help.clone())
            }
            C::BadBinder { span, message, help } => Diagnostic::new(Code::ClaimBadBinder, message.clone())
                .primary(*span, "this binder")
                .help(help.clone()),
            C::UnknownProperty { span, kind, name, suggestion } => {
                Diagnostic::new(Code::ClaimUnknownProperty, format!("a {kind} has no property `{name}`"))
                    .primary(*span, "unknown property")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| format!("declare it: `property {kind}.{name} : DIMENSION`")))
            }
            C::UnknownFunction { span, name, suggestion } => {
                Diagnostic::new(Code::ClaimUnknownFunction, format!("unknown function `{name}`"))
                    .primary(*span, "not a function")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| "see docs/language.md for the functions of claim expressions".into()))
            }
            C::Arity { span, func, expected } => Diagnostic::new(Code::ClaimArity, format!("wrong arguments for `{func}`"))
                .primary(*span, "this call")
                .help(format!("write `{expected}`")),
            C::WrongType { span, expected, found, help } => {
                Diagnostic::new(Code::ClaimWrongType, format!("expected {expected}, found {found}"))
                    .primary(*span, found.clone())
                    .help(help.clone())
            }
            C::NotAChoice { span, value, choices, suggestion } => {
                Diagnostic::new(Code::ClaimNotAChoice, format!("`{value}` is not one of the choices"))
                    .primary(*span, "not a choice")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| format!("choose one of {}", choices.join(", "))))
            }
            C::SubjectMissing { span, claim, kind } => {
                Diagnostic::new(Code::ClaimSubjectMissing, format!("claim {claim} binds no {kind}"))
                    .primary(*span, format!("a claim of this category reads on a {kind}"))
                    .help(format!("bind it: `{kind} X` (or inherit it from a parent claim)"))
            }
            C::UnknownClaimSet { span, name, suggestion } => {
                Diagnostic::new(Code::IntentUnknownSet, format!("no claim set `{name}` is loaded"))
                    .primary(*span, "unknown claim set")
                    .help(did_you_mean(suggestion).unwrap_or_else(|| "the shipped sets are thermoplastic_upper_layer, heat_press_fixing and cast_coated_alumina; load others with --claims PATH (or define them in a checked file)".into()))
            }
            C::UnknownClaim { span, set, number } => Diagnostic::new(Code::IntentUnknownClaim, format!("claim set `{set}` has no claim {number}"))
                .primary(*span, "no such claim")
                .help("check the claim numbers against the claim set"),
            C::UnknownSubject { span, name, suggestion } => {
                Diagnostic::new(Code::IntentUnknownSubject, format!("no spec defines \"{name}\""))
                    .primary(*span, "unknown subject")
                    .help(did_you_mean(suggestion).map_or_else(|| "name a medium, process or apparatus defined in the checked files".into(), |s| s.replace('`', "\"")))
            }
            C::AmbiguousSubject { span, name, kinds } => {
                Diagnostic::new(Code::IntentAmbiguousSubject, format!("\"{name}\" names a {}", kinds.join(" and a ")))
                    .primary(*span, "ambiguous")
                    .help(format!("say which: `expect {} \"{name}\" ...`", kinds.first().map_or("medium", String::as_str)))
            }
            C::SubjectKind { span, subject, kind, claim, wants } => {
                Diagnostic::new(Code::IntentSubjectKind, format!("claim {claim} reads on a {wants}, and \"{subject}\" is a {kind}"))
                    .primary(*span, format!("a {kind}"))
                    .help(format!("name a {wants} in this intent, or list only the claims that read on a {kind}"))
            }
        }
    }
}

fn describe_subject(model: &Model, v: &ClaimVerdict) -> String {
    model.describe(v.subject)
}

/// A limitation's explanation for a message or note: claim text that spans lines is put on one
/// line, the verdict is not said twice ("undetermined: …"), and a judgement without words of
/// its own (a yes/no property, a membership) says what was read.
fn explanation(l: &LimitationResult) -> String {
    let j = &l.judgement;
    let raw = j.message.trim();
    let raw = if j.verdict == Verdict::Undetermined {
        raw.strip_prefix("undetermined: ").unwrap_or(raw)
    } else {
        raw
    };
    let text = crate::source::one_line(raw);
    if !text.is_empty() {
        return text;
    }
    let read: Vec<&str> = j.evidence.iter().map(|e| e.text.as_str()).collect();
    if read.is_empty() {
        format!("\"{}\" is {}", l.words, j.verdict.words())
    } else {
        format!(
            "\"{}\" is {} ({})",
            l.words,
            j.verdict.words(),
            read.join("; ")
        )
    }
}

/// Whether a limitation is undetermined only because a variable it needs is bound to nothing
/// (a binder of the chain found no element): it then says nothing the failed binder does not.
fn needs_unbound(l: &LimitationResult, v: &ClaimVerdict) -> bool {
    let unbound: Vec<&str> = v
        .bindings
        .iter()
        .filter(|b| b.span.is_none() && b.value == "nothing")
        .map(|b| b.var.as_str())
        .collect();
    l.judgement.verdict == Verdict::Undetermined
        && !unbound.is_empty()
        && !l.judgement.missing.is_empty()
        && l.judgement.missing.iter().all(|m| {
            m.what == "an element the claim names is missing"
                || unbound
                    .iter()
                    .any(|var| m.what.contains(&format!("nothing is bound to `{var}`")))
        })
}

/// "read through claims 1 → 23" for a claim that depends on one of several claims.
fn chain_note(v: &ClaimVerdict, set: &ClaimSet) -> Option<String> {
    let claim = set.claim(v.claim)?;
    if claim.parents.len() < 2 || v.chain.len() < 2 {
        return None;
    }
    let chain: Vec<String> = v.chain.iter().map(u32::to_string).collect();
    Some(format!(
        "claim {} depends on any one of claims {}; read through claims {}",
        v.claim,
        ranges(claim.parents.clone()),
        chain.join(" → ")
    ))
}

/// The diagnostics of one intent for one claim's verdict: nothing when the intent holds.
pub fn intent(intent: &Intent, v: &ClaimVerdict, set: &ClaimSet, model: &Model) -> Vec<Diagnostic> {
    let subject = describe_subject(model, v);
    let subject_span = model.node(v.subject).map(|n| n.head_span);
    let claim = format!("{} claim {}", set.id, v.claim);
    let chain = chain_note(v, set);
    if v.limitations.is_empty() && v.verdict != Verdict::Met {
        // Nothing was evaluated (the claim has errors): say so where the intent is.
        let (code, verb) = if intent.avoid {
            (Code::VerdictCannotClear, "cannot be cleared of")
        } else {
            (Code::VerdictUndetermined, "cannot be shown to meet")
        };
        let mut d = Diagnostic::new(code, format!("{subject} {verb} {claim}"))
            .primary(intent.span, "this intent");
        if let Some(n) = &v.note {
            d = d.help(n.clone());
        }
        return vec![d];
    }
    if v.verdict == Verdict::Arguable {
        return vec![arguable(intent, v, set, &subject, subject_span, &claim)];
    }
    if !intent.avoid {
        if v.verdict == Verdict::Met {
            return Vec::new();
        }
        let failing: Vec<&LimitationResult> = v
            .limitations
            .iter()
            .filter(|l| l.judgement.verdict != Verdict::Met)
            .collect();
        // Limitations left undecided by a binder that found nothing are folded into a note.
        let (consequential, shown): (Vec<&LimitationResult>, Vec<&LimitationResult>) =
            failing.iter().partition(|l| needs_unbound(l, v));
        let (consequential, shown) = if shown.is_empty() {
            (Vec::new(), failing)
        } else {
            (consequential, shown)
        };
        let skipped = (!consequential.is_empty()).then(|| {
            let ids: Vec<String> = consequential.iter().map(|l| l.element_id()).collect();
            format!(
                "not evaluated, for want of the element that is missing: {}",
                ids.join(", ")
            )
        });
        return shown
            .into_iter()
            .map(|l| {
                let code = match l.judgement.verdict {
                    Verdict::NotMet => Code::VerdictNotMet,
                    Verdict::PartlyMet => Code::VerdictPartlyMet,
                    _ => Code::VerdictUndetermined,
                };
                let message = match l.judgement.verdict {
                    Verdict::NotMet => format!("{subject} does not meet {claim}"),
                    Verdict::PartlyMet => format!("{subject} meets {claim} only in part"),
                    _ => format!("{subject} cannot be shown to meet {claim}"),
                };
                let why = explanation(l);
                let mut d = Diagnostic::new(code, format!("{message}: {why}"));
                d = spec_labels(d, l, subject_span, true);
                d = d.secondary(l.words_span, format!("{} \"{}\"", l.element_id(), l.words));
                d = d.secondary(intent.span, "expected here");
                let mut help = format!("{} reads: \"{}\"", l.element_id(), l.words);
                match l.judgement.missing.first() {
                    // The message already names it; the label shows where it belongs.
                    Some(m) if why.contains(&m.what) => {
                        help.push_str("; state the missing fact where the label shows")
                    }
                    Some(m) => help.push_str(&format!("; state the missing fact: {}", m.what)),
                    None => {}
                }
                // The value of every sub-expression, innermost first (as `mediac explain`).
                if l.judgement.trace.len() > 1 {
                    let lines: Vec<String> = l
                        .judgement
                        .trace
                        .iter()
                        .map(|(e, v)| format!("  {e} = {v}"))
                        .collect();
                    help.push_str(&format!("\nwhere:\n{}", lines.join("\n")));
                }
                d = d.help(help);
                for n in v.note.iter().chain(&chain).chain(&skipped) {
                    d = d.note(n.clone());
                }
                d
            })
            .collect();
    }
    let (code, verb) = match v.verdict {
        Verdict::Met => (Code::VerdictReadsOn, "reads on"),
        Verdict::PartlyMet => (Code::VerdictMayReadOn, "may read on"),
        Verdict::Undetermined => (Code::VerdictCannotClear, "cannot be cleared of"),
        Verdict::NotMet | Verdict::Arguable => return Vec::new(),
    };
    let mut d = Diagnostic::new(code, format!("{subject} {verb} {claim}"));
    if let Some(s) = subject_span {
        d = d.primary(s, format!("{verb} {claim}"));
    }
    for l in &v.limitations {
        d = spec_labels(d, l, None, false);
        d = d.note(format!(
            "{} {}: \"{}\" — {}",
            l.element_id(),
            l.judgement.verdict.words(),
            l.words,
            explanation(l)
        ));
    }
    if let Some(n) = chain {
        d = d.note(n);
    }
    d = d.secondary(intent.span, "must not read on it");
    if v.verdict == Verdict::Met
        && let Some(e) = v
            .limitations
            .iter()
            .filter_map(|l| l.judgement.escape.as_ref())
            .min_by(|a, b| a.relative.cmp(&b.relative))
    {
        // Replaces the evidence label on that value, if any, with the way out.
        d.labels.retain(|l| l.span != e.span);
        d = d.secondary(e.span, "the smallest change that escapes the claim");
    }
    let help = match v.verdict {
        Verdict::Met => match v
            .limitations
            .iter()
            .filter_map(|l| l.judgement.escape.as_ref().map(|e| (l, e)))
            .min_by(|a, b| a.1.relative.cmp(&b.1.relative))
        {
            // The design-around: the smallest change of one value that escapes the claim.
            Some((l, e)) => format!(
                "every limitation is met; the smallest change of one value that escapes the claim: {} (then {} \"{}\" is no longer met)",
                e.text,
                l.element_id(),
                l.words
            ),
            None => "every limitation is met; to clear the claim, change a value so that one limitation is no longer met".to_string(),
        },
        Verdict::PartlyMet => "some values within the tolerances meet every limitation; narrow the tolerance out of the windows shown".to_string(),
        _ => "state the missing facts so that the claim can be decided".to_string(),
    };
    vec![d.help(help)]
}

/// The verdict of a claim under each alternative of a point, the other points read as in the
/// shown reading: `with_hydrates → met, oxide_only → not met`.
pub fn point_verdicts(v: &ClaimVerdict, set: &ClaimSet, point: usize) -> String {
    let Some(c) = set.constructions.get(point) else {
        return String::new();
    };
    let shown = v.by_construction.first().map_or(&v.reading, |s| &s.reading);
    c.alternatives
        .iter()
        .enumerate()
        .filter_map(|(ai, a)| {
            let r = v.by_construction.iter().find(|r| {
                r.reading
                    .iter()
                    .zip(shown)
                    .enumerate()
                    .all(|(i, (x, y))| if i == point { *x == ai } else { x == y })
            })?;
            Some(format!("{} → {}", a.name, r.verdict.words()))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// An intent on a claim whose verdict hangs on a construction: a warning that names each point
/// that decides it and the verdict under each of its alternatives.
fn arguable(
    intent: &Intent,
    v: &ClaimVerdict,
    set: &ClaimSet,
    subject: &str,
    subject_span: Option<crate::source::Span>,
    claim: &str,
) -> Diagnostic {
    let deciding = v.deciding_points();
    let names: Vec<&str> = deciding
        .iter()
        .filter_map(|p| set.constructions.get(*p).map(|c| c.name.as_str()))
        .collect();
    let verb = if intent.avoid {
        "may or may not read on"
    } else {
        "may or may not meet"
    };
    let mut d = Diagnostic::new(
        Code::VerdictArguable,
        format!(
            "{subject} {verb} {claim}: it depends on how `{}` is construed",
            names.join("` and `")
        ),
    );
    if let Some(s) = subject_span {
        d = d.primary(s, format!("arguable under {claim}"));
    }
    for p in &deciding {
        let Some(c) = set.constructions.get(*p) else {
            continue;
        };
        d = d.secondary(c.span, format!("construction point `{}`", c.name));
        d = d.note(format!(
            "`{}` ({}): {}",
            c.name,
            c.question,
            point_verdicts(v, set, *p)
        ));
        for a in &c.alternatives {
            let source = a
                .source
                .as_ref()
                .map_or(String::new(), |s| format!(" ({s})"));
            d = d.note(format!("  {}: {}{source}", a.name, a.rationale));
        }
    }
    let all: Vec<String> = v
        .by_construction
        .iter()
        .map(|r| format!("{}: {}", r.reading_text(set), r.verdict.words()))
        .collect();
    d = d.note(format!("every reading: {}", all.join("; ")));
    // Under the shown reading a fact is missing: name it, as cannot_clear would.
    if v.by_construction
        .first()
        .is_some_and(|r| r.verdict == Verdict::Undetermined)
    {
        let reading = v.reading_text(set);
        for l in &v.limitations {
            for m in &l.judgement.missing {
                d = d.note(format!(
                    "under {reading}, {} is undetermined: {}",
                    l.element_id(),
                    m.what
                ));
            }
        }
    }
    d = d.secondary(
        intent.span,
        if intent.avoid {
            "must not read on it"
        } else {
            "expected here"
        },
    );
    let pin = deciding
        .first()
        .and_then(|p| set.constructions.get(*p))
        .map(|c| {
            let other = c
                .alternatives
                .get(if c.default == 0 { 1 } else { 0 })
                .map_or("…", |a| a.name.as_str());
            format!("--construction {}.{}={}", set.id, c.name, other)
        })
        .unwrap_or_default();
    d.help(format!(
        "reasonable readers of the claim differ here; settle the construction with counsel, then pin it (`{pin}`) or change the product so that every reading agrees"
    ))
}

/// Labels on the spec values a limitation read (or on the missing fact).
fn spec_labels(
    mut d: Diagnostic,
    l: &LimitationResult,
    fallback: Option<crate::source::Span>,
    primary: bool,
) -> Diagnostic {
    let mut first = primary;
    for m in &l.judgement.missing {
        let text = if primary {
            format!("missing: {}", m.what)
        } else {
            format!("{}: missing: {}", l.element_id(), m.what)
        };
        d = if first {
            d.primary(m.span, text)
        } else {
            d.secondary(m.span, text)
        };
        first = false;
    }
    for e in &l.judgement.evidence {
        if d.labels.iter().any(|x| x.span == e.span) {
            continue;
        }
        let text = if primary {
            e.text.clone()
        } else {
            format!("{}: {}", l.element_id(), e.text)
        };
        d = if first {
            d.primary(e.span, text)
        } else {
            d.secondary(e.span, text)
        };
        first = false;
    }
    if first && let Some(s) = fallback {
        d = d.primary(s, "this element");
    }
    d
}

fn ranges(mut ns: Vec<u32>) -> String {
    ns.sort_unstable();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = ns.get(i) {
        let mut end = start;
        while ns.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        parts.push(if end > start + 1 {
            format!("{start}–{end}")
        } else if end == start + 1 {
            format!("{start}, {end}")
        } else {
            start.to_string()
        });
        i += 1;
    }
    parts.join(", ")
}

/// One note per (subject, claim set) that no intent covers: which claims it meets.
pub fn summary(
    subject: crate::model::NodeId,
    set: &ClaimSet,
    verdicts: &[&ClaimVerdict],
    model: &Model,
) -> Diagnostic {
    let subject_desc = model.describe(subject);
    let pick = |v: Verdict| {
        ranges(
            verdicts
                .iter()
                .filter(|x| x.verdict == v)
                .map(|x| x.claim)
                .collect(),
        )
    };
    let mut parts = Vec::new();
    for (v, label) in [
        (Verdict::Met, "meets"),
        (Verdict::PartlyMet, "partly meets"),
        (Verdict::Undetermined, "undetermined"),
        (Verdict::Arguable, "arguable"),
        (Verdict::NotMet, "does not meet"),
    ] {
        let list = pick(v);
        if !list.is_empty() {
            parts.push(format!("{label} {list}"));
        }
    }
    let mut d = Diagnostic::new(
        Code::VerdictSummary,
        format!("{subject_desc} against {}: {}", set.id, parts.join("; ")),
    )
    .severity(Severity::Note);
    if let Some(n) = model.node(subject) {
        d = d.primary(n.head_span, format!("claims of {}", set.id));
    }
    d.help(format!("state an intent to turn these into checks: `expect \"{}\" meets {}.claim N` or `avoid \"{}\" reads_on {}.*`",
        model.node(subject).and_then(|n| n.name.clone()).unwrap_or_default(), set.id,
        model.node(subject).and_then(|n| n.name.clone()).unwrap_or_default(), set.id))
}

impl From<&Finding> for Diagnostic {
    fn from(f: &Finding) -> Diagnostic {
        match f {
            Finding::Unsatisfiable { set, claim, span, with, quantity, why } => Diagnostic::new(
                Code::LintUnsatisfiable,
                format!("{set} claim {claim} cannot be met: its limitations leave no value for {quantity}"),
            )
            .primary(*span, "this limitation")
            .secondary(*with, "cannot hold together with this one")
            .help(format!("{why}; no spec can meet the claim (check the encoding against the claim's words)")),
            Finding::Repeats { set, claim, span, other, other_span } => {
                Diagnostic::new(Code::LintRepeats, format!("{set} claim {claim} repeats claim {other}"))
                    .primary(*span, format!("adds what claim {other} adds"))
                    .secondary(*other_span, "the same limitations")
                    .help("the two claims have the same parents and the same limitations; their verdicts are always equal")
            }
            Finding::Unencoded { set, claim, span, claim_span, phrase } => match (phrase, claim_span) {
                (Some(p), Some(at)) => Diagnostic::new(
                    Code::LintUnencoded,
                    format!("{set} claim {claim}: no limitation encodes \"{p}\""),
                )
                .primary(*span, "not covered by any limitation's words")
                .secondary(*at, "the claim's encoding")
                .help("add a limitation with these words, or quote them as a further passage of the limitation that reads them (`\"its words\", \"these words\": …`)"),
                _ => Diagnostic::new(
                    Code::LintUnencoded,
                    format!("{set} does not encode claim {claim} of its text"),
                )
                .primary(*span, format!("claim {claim}"))
                .help(format!("add `claim {claim} …` to the claim set: a claim left out is never checked")),
            },
            Finding::WordsNotInClaim { set, claim, span, text } => Diagnostic::new(
                Code::LintWordsNotInClaim,
                format!("{set} claim {claim}: these words are not in the claim's text"),
            )
            .primary(*span, "not found in claim or its parents")
            .secondary(*text, format!("claim {claim} of the text"))
            .help("quote the claim's own words (whitespace, case and line breaks do not matter; `…` stands for words left out)"),
            Finding::NoAntecedent { set, claim, span, claim_span, phrase } => Diagnostic::new(
                Code::LintAntecedent,
                format!("{set} claim {claim}: \"{phrase}\" has no antecedent"),
            )
            .primary(*span, "nothing introduces this before")
            .secondary(*claim_span, "the claim's encoding")
            .help("no \"a …\" or \"an …\" with these words comes before it in the claim or its parents: say in the encoding what the phrase refers to (a construction point if readers may differ)"),
            Finding::NotInText { set, claim, span, source } => Diagnostic::new(
                Code::LintNotInText,
                format!("{set} encodes claim {claim}, which {source} does not have"),
            )
            .primary(*span, "no such claim in the text")
            .help("check the claim number against the text (claims are numbered `N.` at the start of a line)"),
            Finding::TextMissing { set, span, source, reason } => Diagnostic::new(
                Code::LintTextMissing,
                format!("the claim text of {set} cannot be read: {reason}"),
            )
            .primary(*span, format!("`{source}`"))
            .help("put the claim text next to the claim set (or in a `text/` folder beside it) so that the encoding can be checked against it"),
        }
    }
}
