//! Intents in spec files: `expect "X" meets SET.claim 1, 7` and `avoid "X" reads_on SET.*`.

use super::{ClaimError, ClaimSet};
use crate::model::{Model, NodeId};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::ast;

/// A resolved intent: which subject must (not) meet which claims of which set.
#[derive(Debug, Clone)]
pub struct Intent {
    pub avoid: bool,
    pub subject: NodeId,
    pub set: usize,
    /// The claims the intent covers; for `.*` every claim whose subject kind is the subject's.
    pub claims: Vec<u32>,
    /// `with POINT = ALT`: (point, alternative) of the set, the readings the intent adopts.
    pub adopted: Vec<(usize, usize)>,
    pub span: Span,
}

pub fn resolve(
    files: &[&ast::File],
    model: &Model,
    sets: &[ClaimSet],
    errors: &mut Vec<ClaimError>,
) -> Vec<Intent> {
    let mut out = Vec::new();
    for decl in files.iter().flat_map(|f| f.items.iter()) {
        let ast::Item::Intent(i) = decl else { continue };
        match resolve_one(i, model, sets) {
            Ok(intent) => out.push(intent),
            Err(e) => errors.push(e),
        }
    }
    out
}

fn resolve_one(
    i: &ast::IntentDecl,
    model: &Model,
    sets: &[ClaimSet],
) -> Result<Intent, ClaimError> {
    let schema = &model.schema;
    let kind = match &i.subject_kind {
        Some(k) => Some(schema.kind_id(&k.name).ok_or_else(|| {
            ClaimError::Model(crate::model::ModelError::UnknownKind {
                span: k.span,
                name: k.name.clone(),
                suggestion: closest(
                    &k.name,
                    schema
                        .kinds()
                        .filter(|(_, x)| x.parents.is_empty())
                        .map(|(_, x)| x.name.as_str()),
                )
                .map(str::to_string),
            })
        })?),
        None => None,
    };
    let matches: Vec<NodeId> = model
        .items
        .iter()
        .copied()
        .filter(|id| {
            model.node(*id).is_some_and(|n| {
                n.name.as_deref() == Some(i.subject.value.as_str())
                    && kind.is_none_or(|k| n.kind == k)
            })
        })
        .collect();
    let subject = match matches.as_slice() {
        [one] => *one,
        [] => {
            let names = model
                .items
                .iter()
                .filter_map(|id| model.node(*id))
                .filter_map(|n| n.name.as_deref());
            return Err(ClaimError::UnknownSubject {
                span: i.subject.span,
                name: i.subject.value.clone(),
                suggestion: closest(&i.subject.value, names).map(str::to_string),
            });
        }
        many => {
            let kinds = many
                .iter()
                .filter_map(|id| model.node(*id))
                .map(|n| schema.kind_name(n.kind).to_string())
                .collect();
            return Err(ClaimError::AmbiguousSubject {
                span: i.subject.span,
                name: i.subject.value.clone(),
                kinds,
            });
        }
    };
    let Some((set_index, set)) = sets
        .iter()
        .enumerate()
        .find(|(_, s)| s.id == i.claimset.name)
    else {
        return Err(ClaimError::UnknownClaimSet {
            span: i.claimset.span,
            name: i.claimset.name.clone(),
            suggestion: closest(&i.claimset.name, sets.iter().map(|s| s.id.as_str()))
                .map(str::to_string),
        });
    };
    let subject_kind = model
        .node(subject)
        .map(|n| schema.kind_name(n.kind).to_string())
        .unwrap_or_default();
    let claims = match &i.claims {
        None => set
            .claims
            .iter()
            .filter(|c| c.category.subject_kind() == subject_kind)
            .map(|c| c.number)
            .collect(),
        Some(ranges) => {
            let mut out = Vec::new();
            for r in ranges {
                if r.to < r.from {
                    return Err(ClaimError::UnknownClaim {
                        span: r.span,
                        set: set.id.clone(),
                        number: r.to,
                    });
                }
                for n in r.from..=r.to.min(r.from.saturating_add(10_000)) {
                    let Some(c) = set.claim(n) else {
                        return Err(ClaimError::UnknownClaim {
                            span: r.span,
                            set: set.id.clone(),
                            number: n,
                        });
                    };
                    if c.category.subject_kind() != subject_kind {
                        return Err(ClaimError::SubjectKind {
                            span: i.subject.span,
                            subject: i.subject.value.clone(),
                            kind: subject_kind.clone(),
                            claim: n,
                            wants: c.category.subject_kind().to_string(),
                        });
                    }
                    out.push(n);
                }
            }
            out
        }
    };
    let mut adopted = Vec::new();
    for (point, alt) in &i.adopted {
        let Some(pi) = set.constructions.iter().position(|c| c.name == point.name) else {
            return Err(ClaimError::Construction {
                span: point.span,
                message: format!(
                    "claim set `{}` has no construction point `{}`",
                    set.id, point.name
                ),
                help: match closest(
                    &point.name,
                    set.constructions.iter().map(|c| c.name.as_str()),
                ) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "adopt a reading of one of the set's construction points".into(),
                },
            });
        };
        let c = set.constructions.get(pi);
        let Some(ai) = c.and_then(|c| c.alternatives.iter().position(|a| a.name == alt.name))
        else {
            return Err(ClaimError::Construction {
                span: alt.span,
                message: format!("`{}` has no alternative `{}`", point.name, alt.name),
                help: format!(
                    "its alternatives: {}",
                    c.map(|c| c
                        .alternatives
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "))
                        .unwrap_or_default()
                ),
            });
        };
        adopted.push((pi, ai));
    }
    Ok(Intent {
        avoid: i.avoid,
        subject,
        set: set_index,
        claims,
        adopted,
        span: i.span,
    })
}
