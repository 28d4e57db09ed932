//! The pipeline driver: files in, model, claim sets, verdicts and diagnostics out.
//!
//! The prelude is always file 0, followed by the shipped claim sets (unless disabled). Syntax
//! errors cost only the items they are in: every item that parsed still goes through the
//! model, so one typo does not hide the problems of the rest. A claim set defined in a user
//! file replaces a shipped one with the same id.

use crate::claims::{self, ClaimSet, Intent};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::eval::{self, ClaimVerdict};
use crate::model::{self, Model};
use crate::source::{FileId, SourceMap};
use crate::syntax::{self, ast};

mod batches;
mod claim_texts;
mod imports;
mod verdicts;
use rayon::prelude::*;
use std::collections::HashSet;
pub use verdicts::Counts;

/// The prelude, compiled into the binary.
pub const PRELUDE: &str = include_str!("../../specs/prelude.media");
pub const PRELUDE_NAME: &str = "<prelude>/prelude.media";

/// The claim sets that ship with the compiler: (file name, text).
pub const SHIPPED_CLAIMS: &[(&str, &str)] = &[
    (
        "<claims>/thermoplastic_upper_layer.media",
        include_str!("../../specs/claims/thermoplastic_upper_layer.media"),
    ),
    (
        "<claims>/heat_press_fixing.media",
        include_str!("../../specs/claims/heat_press_fixing.media"),
    ),
    (
        "<claims>/cast_coated_alumina.media",
        include_str!("../../specs/claims/cast_coated_alumina.media"),
    ),
];

/// The cache of the shipped files' syntax trees (see `syntax::shipped`), as it should be for
/// the files this binary ships.
pub fn shipped_syntax_cache() -> Vec<u8> {
    let c = Compiler::new();
    let parsed: Vec<(FileId, &str, ast::File)> = c
        .sources
        .files()
        .filter_map(|(id, f)| {
            let (tree, errors) = syntax::parse_text(id, &f.text);
            errors.is_empty().then_some((id, f.text.as_str(), tree))
        })
        .collect();
    let refs: Vec<(FileId, &str, &ast::File)> =
        parsed.iter().map(|(id, t, f)| (*id, *t, f)).collect();
    syntax::shipped::encode(&refs)
}

pub struct Compilation {
    pub sources: SourceMap,
    pub model: Model,
    pub claimsets: Vec<ClaimSet>,
    pub intents: Vec<Intent>,
    /// Every verdict, claim by claim (empty when the compiler was told not to keep them).
    pub verdicts: Vec<ClaimVerdict>,
    /// How many verdicts of each kind there are (also when they were not kept).
    pub verdict_counts: verdicts::Counts,
    pub diagnostics: Vec<Diagnostic>,
    /// How many specs (top-level elements) the user's files hold.
    pub specs: usize,
    /// How many groups of specs the input was checked in, apart (1: whole; see
    /// [`Compiler::batched`]).
    pub groups: usize,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Collects the files of one compilation.
pub struct Compiler {
    sources: SourceMap,
    /// Files that ship with the compiler (prelude and claim sets), by id.
    shipped: Vec<FileId>,
    /// Turn verdicts that no intent covers into summary notes (the CLI's default; off for
    /// library use so that a clean spec has no diagnostics at all).
    pub summaries: bool,
    /// Explain every verdict (per-limitation messages and evidence), not only those an intent
    /// names: for JSON output and tools.
    pub explain_all: bool,
    /// Whether the shipped claim sets are loaded.
    with_shipped_claims: bool,
    /// Steps one binding search may take (None: the evaluator's default); for tests of what
    /// an exhausted search answers.
    pub search_budget: Option<usize>,
    /// Report claim-set analysis findings for the shipped claim sets too (`mediac lint`);
    /// otherwise only for claim sets in the user's files.
    pub lint_shipped: bool,
    /// Pinned readings, as written: `POINT=ALT` or `SET.POINT=ALT` (`--construction`).
    pub constructions: Vec<String>,
    /// Explain the verdict under every reading of a claim's construction points too (for
    /// `mediac explain`), not only the shown one.
    pub explain_readings: bool,
    /// Told how far the compilation is: (phase, done, total). For a progress bar; it is called
    /// from the threads that do the work.
    pub progress: Option<Progress>,
    /// Keep every verdict in [`Compilation::verdicts`] (the default). Without, each subject's
    /// verdicts are turned into diagnostics and counts as they are made and then dropped, so
    /// that a large check holds one subject's verdicts at a time.
    pub keep_verdicts: bool,
    /// The project root: imports may not reach outside it (None: the current folder).
    pub root: Option<std::path::PathBuf>,
    /// Check each claim set against its claim text (`mediac lint`): phrases no limitation
    /// encodes, words not in the claim, missing antecedents.
    pub lint_text: bool,
    /// Check a large input a group of specs at a time where that gives the same result (see
    /// `batches`), so that memory holds one group at a time. Only for a compilation whose
    /// verdicts are not kept: the result's `model` is then the prelude's, and `specs` counts
    /// the specs of every group.
    pub batched: bool,
    /// The bytes of spec text a group holds (None: [`batches::GROUP_BYTES`]); small values
    /// test the grouping on small inputs.
    pub group_bytes: Option<usize>,
}

/// A progress report: the phase, the units of it done and in all.
pub type Progress = std::sync::Arc<dyn Fn(Phase, usize, usize) + Send + Sync>;

/// The phases a [`Progress`] report names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Files parsed.
    Parse,
    /// Subjects evaluated against the claim sets of their kind.
    Evaluate,
}

impl Default for Compiler {
    fn default() -> Self {
        Compiler::new()
    }
}

impl Compiler {
    /// The prelude and the shipped claim sets.
    pub fn new() -> Compiler {
        let mut c = Compiler::bare();
        for (name, text) in SHIPPED_CLAIMS {
            let id = c.sources.add(*name, *text);
            c.shipped.push(id);
        }
        c.with_shipped_claims = true;
        c
    }

    /// The prelude only, without the shipped claim sets.
    pub fn bare() -> Compiler {
        let mut sources = SourceMap::new();
        let prelude = sources.add(PRELUDE_NAME, PRELUDE);
        Compiler {
            sources,
            shipped: vec![prelude],
            summaries: false,
            explain_all: true,
            with_shipped_claims: false,
            lint_shipped: false,
            constructions: Vec::new(),
            explain_readings: false,
            search_budget: None,
            progress: None,
            keep_verdicts: true,
            root: None,
            lint_text: false,
            batched: false,
            group_bytes: None,
        }
    }

    /// Adds a file. A copy of a shipped file is skipped: it is always loaded already.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> Option<FileId> {
        let text = text.into();
        if text == PRELUDE
            || (self.with_shipped_claims && SHIPPED_CLAIMS.iter().any(|(_, t)| *t == text))
        {
            return None;
        }
        Some(self.sources.add(name, text))
    }

    pub fn compile(mut self) -> Compilation {
        if self.batched
            && let Some(done) = batches::compile(&mut self)
        {
            return done;
        }
        self.compile_whole()
    }

    fn compile_whole(mut self) -> Compilation {
        let mut diagnostics = Vec::new();
        let parsed_files = std::sync::atomic::AtomicUsize::new(0);
        let file_count = self.sources.files().count();
        // Files parse in parallel (the prelude and the three claim sets are most of a one-spec
        // check); diagnostics keep the order of the files.
        let mut parsed: Vec<(FileId, ast::File, Vec<syntax::SyntaxError>)> = self
            .sources
            .files()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(id, file)| {
                let (ast, errors) = syntax::parse(id, &file.text);
                if let Some(report) = &self.progress {
                    let n = parsed_files.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                    report(Phase::Parse, n, file_count);
                }
                (id, ast, errors)
            })
            .collect();
        let mut module_errors = Vec::new();
        let root = self
            .root
            .clone()
            .unwrap_or_else(|| std::path::PathBuf::from("."));
        let imports = imports::load(
            &mut self.sources,
            &mut parsed,
            &self.shipped,
            &root,
            &mut module_errors,
        );
        let mut files: Vec<(FileId, ast::File)> = Vec::with_capacity(parsed.len());
        for (id, ast, errors) in parsed {
            diagnostics.extend(errors.iter().map(Diagnostic::from));
            files.push((id, ast));
        }
        crate::modules::resolve(&mut files, &imports, &mut module_errors);
        diagnostics.extend(module_errors.iter().map(Diagnostic::from));
        // A user's claim set replaces the shipped one of the same id.
        let user_sets: HashSet<String> = files
            .iter()
            .filter(|(id, _)| !self.shipped.contains(id))
            .flat_map(|(_, f)| f.items.iter())
            .filter_map(|i| match i {
                ast::Item::ClaimSet(c) => Some(c.id.name.clone()),
                _ => None,
            })
            .collect();
        for (id, f) in &mut files {
            if self.shipped.contains(id) {
                f.items.retain(
                    |i| !matches!(i, ast::Item::ClaimSet(c) if user_sets.contains(&c.id.name)),
                );
            }
        }
        let refs: Vec<&ast::File> = files.iter().map(|(_, f)| f).collect();
        let lowered = lower(&refs);
        // Everything later reads the model and the claim sets: the syntax trees go now, not at
        // the end of the run (they were a third of a large check's memory).
        drop(refs);
        drop(files);
        diagnostics.extend(lowered.diagnostics);
        let Lowered {
            model,
            claimsets,
            intents,
            ..
        } = lowered;
        // Claim-set analysis: the shipped sets' known findings (seed 002's claim 6, its repeated
        // claims) are documented in docs/claims.md and reported only by `mediac lint`.
        let analysed = claimsets
            .iter()
            .filter(|s| self.lint_shipped || !self.shipped.contains(&s.span.file));
        let analysed: Vec<&ClaimSet> = analysed.collect();
        let mut findings = crate::analysis::analyse(analysed.iter().copied(), &self.sources);
        if self.lint_text {
            findings.extend(claim_texts::check(
                &analysed,
                &mut self.sources,
                &self.shipped,
                &root,
            ));
        }
        for f in &findings {
            let d = Diagnostic::from(f);
            let shipped = d
                .primary_span()
                .is_some_and(|s| self.shipped.contains(&s.file));
            if self.lint_shipped || !shipped {
                diagnostics.push(d);
            }
        }
        let judged = self.judge(&model, &claimsets, &intents, diagnostics, true);
        let specs = model.items.len();
        Compilation {
            sources: self.sources,
            model,
            claimsets,
            intents,
            verdicts: judged.verdicts,
            verdict_counts: judged.counts,
            diagnostics: judged.diagnostics,
            specs,
            groups: 1,
        }
    }

    /// Evaluates every subject of `model` against the claim sets and judges the verdicts with
    /// the intents: `diagnostics` (the problems found so far) with the pins' and the
    /// verdicts' added, in source order. With `progress`, the evaluation reports how far it is.
    fn judge(
        &self,
        model: &Model,
        claimsets: &[ClaimSet],
        intents: &[Intent],
        mut diagnostics: Vec<Diagnostic>,
        progress: bool,
    ) -> Judged {
        let report_evaluation = |done: usize, total: usize| {
            if let Some(report) = &self.progress {
                report(Phase::Evaluate, done, total);
            }
        };
        let mut evaluator = eval::Evaluator::new(model, &self.sources, claimsets);
        if progress && self.progress.is_some() {
            evaluator.on_progress(&report_evaluation);
        }
        if let Some(b) = self.search_budget {
            evaluator.budget(b);
        }
        for pin in &self.constructions {
            match resolve_pin(pin, claimsets) {
                Ok((set, point, alt)) => evaluator.pin(set, point, alt),
                Err(d) => diagnostics.push(*d),
            }
        }
        let (verdicts, counts, judged) = verdicts::judge(
            &evaluator,
            &verdicts::Judging {
                model,
                claimsets,
                intents,
                tainted: &verdicts::tainted_items(model, &diagnostics),
                summaries: self.summaries,
                explain_all: self.explain_all,
                explain_readings: self.explain_readings,
                keep: self.keep_verdicts,
            },
        );
        diagnostics.extend(judged);
        diagnostics.sort_by_key(|d| d.primary_span().map(|s| (s.file, s.start, s.end)));
        Judged {
            verdicts,
            counts,
            diagnostics,
            listed_all: evaluator.listed_every_element(),
        }
    }
}

/// The model, claim sets and intents of some syntax trees, and the problems lowering found.
struct Lowered {
    model: Model,
    claimsets: Vec<ClaimSet>,
    intents: Vec<Intent>,
    diagnostics: Vec<Diagnostic>,
}

fn lower(refs: &[&ast::File]) -> Lowered {
    let (model, errors) = model::build(refs);
    // A variant lowers what it inherits again: an error there is its base's, said once.
    let mut said = HashSet::new();
    let mut diagnostics: Vec<Diagnostic> = errors
        .iter()
        .map(Diagnostic::from)
        .filter(|d| said.insert((d.code, d.primary_span(), d.message.clone())))
        .collect();
    let mut claim_errors = Vec::new();
    let claimsets = claims::build(refs, &model, &mut claim_errors);
    let intents = claims::intent::resolve(refs, &model, &claimsets, &mut claim_errors);
    diagnostics.extend(claim_errors.iter().map(Diagnostic::from));
    Lowered {
        model,
        claimsets,
        intents,
        diagnostics,
    }
}

/// What judging gave.
struct Judged {
    verdicts: Vec<ClaimVerdict>,
    counts: verdicts::Counts,
    /// Every diagnostic, in source order.
    diagnostics: Vec<Diagnostic>,
    /// Whether an evaluation listed every element of a kind (see
    /// [`eval::Evaluator::listed_every_element`]).
    listed_all: bool,
}

/// `SET.POINT=ALT` or `POINT=ALT` → (set, point, alternative), or a diagnostic that says what
/// is wrong and what there is.
fn resolve_pin(pin: &str, sets: &[ClaimSet]) -> Result<(usize, usize, usize), Box<Diagnostic>> {
    let bad = |message: String, help: String| {
        Err(Box::new(
            Diagnostic::new(diagnostic::Code::ClaimConstruction, message).help(help),
        ))
    };
    let Some((lhs, alt)) = pin.split_once('=') else {
        return bad(
            format!("--construction {pin}: expected POINT=ALT"),
            "e.g. `--construction cast_coated_alumina.alumina=oxide_only`".into(),
        );
    };
    let (set_id, point) = match lhs.rsplit_once('.') {
        Some((s, p)) => (Some(s.trim()), p.trim()),
        None => (None, lhs.trim()),
    };
    let found: Vec<(usize, usize)> = sets
        .iter()
        .enumerate()
        .filter(|(_, s)| set_id.is_none_or(|id| s.id == id))
        .filter_map(|(si, s)| {
            s.constructions
                .iter()
                .position(|c| c.name == point)
                .map(|pi| (si, pi))
        })
        .collect();
    let all: Vec<String> = sets
        .iter()
        .flat_map(|s| {
            s.constructions
                .iter()
                .map(move |c| format!("{}.{}", s.id, c.name))
        })
        .collect();
    match found.as_slice() {
        [] => bad(
            format!("--construction {pin}: no construction point `{lhs}`"),
            match crate::suggest::closest(lhs, all.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None if all.is_empty() => {
                    "the loaded claim sets declare no construction points".into()
                }
                None => format!("the points: {}", all.join(", ")),
            },
        ),
        [(si, pi)] => {
            let Some(c) = sets.get(*si).and_then(|s| s.constructions.get(*pi)) else {
                return bad(
                    format!("--construction {pin}: no such point"),
                    String::new(),
                );
            };
            match c.alternatives.iter().position(|a| a.name == alt.trim()) {
                Some(ai) => Ok((*si, *pi, ai)),
                None => bad(
                    format!(
                        "--construction {pin}: `{}` has no alternative `{}`",
                        c.name,
                        alt.trim()
                    ),
                    format!(
                        "its alternatives: {}",
                        c.alternatives
                            .iter()
                            .map(|a| a.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
        many => bad(
            format!("--construction {pin}: several claim sets have a point `{point}`"),
            format!(
                "name the set: {}",
                many.iter()
                    .filter_map(|(si, _)| sets.get(*si))
                    .map(|s| format!("`{}.{point}={}`", s.id, alt.trim()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        ),
    }
}

/// The claim text a claim set of `c` encodes (`source "…"`): its name and text, or why it
/// cannot be read. For charts, which quote each claim in full.
pub fn claim_text(
    c: &Compilation,
    set: &ClaimSet,
    root: &std::path::Path,
) -> Result<(String, String), String> {
    let shipped = c
        .sources
        .get(set.span.file)
        .is_some_and(|f| f.name.starts_with("<claims>/"));
    claim_texts::locate(set, &c.sources, shipped, root)
}

/// Compiles one text with the prelude and the shipped claim sets; for tests and tools.
pub fn compile_str(name: &str, text: &str) -> Compilation {
    let mut c = Compiler::new();
    c.add(name, text);
    c.compile()
}
