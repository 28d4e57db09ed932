//! Encoding completeness (`mediac lint`): a claim set against the claim text it encodes.
//!
//! Contract: pure; given a checked claim set and its claim text (already in the source map,
//! so that findings point into it), reports (a) phrases of a claim's text that no limitation's
//! words cover — and claims of the text that the set does not encode at all, (b) limitation
//! words that occur neither in their claim's text nor in its parents', (c) "the X" / "said X"
//! without an antecedent in the claim or its parents. The text rules are in [`claim_text`].
//! A claim's parents are the set's (`claim 3 … of 1`), which the text's own "of claim 1"
//! agrees with in a faithful encoding; for claims the set does not encode, the text's.

use super::Finding;
use super::claim_text::{self, ClaimText};
use crate::claims::{ClaimSet, Item};
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// The findings of one claim set against its text `text` (file `file` of the source map).
pub fn check(set: &ClaimSet, file: FileId, text: &str, out: &mut Vec<Finding>) {
    let claims = claim_text::split_claims(text);
    let by_number: HashMap<u32, &ClaimText> = claims.iter().map(|c| (c.number, c)).collect();
    let span_in_text =
        |c: &ClaimText, start: usize, end: usize| Span::new(file, c.offset + start, c.offset + end);
    for c in &claims {
        if set.claim(c.number).is_none() {
            let end = c.text.len().min(c.text.find('\n').unwrap_or(c.text.len()));
            out.push(Finding::Unencoded {
                set: set.id.clone(),
                claim: c.number,
                span: span_in_text(c, 0, end),
                claim_span: None,
                phrase: None,
            });
        }
    }
    for claim in &set.claims {
        let Some(own) = by_number.get(&claim.number) else {
            out.push(Finding::NotInText {
                set: set.id.clone(),
                claim: claim.number,
                span: claim.number_span,
                source: set.source.clone(),
            });
            continue;
        };
        let ancestors: Vec<u32> = set
            .ancestors(claim.number)
            .into_iter()
            .filter(|n| *n != claim.number)
            .collect();
        let parent_texts: Vec<&str> = ancestors
            .iter()
            .filter_map(|n| by_number.get(n).map(|c| c.text.as_str()))
            .collect();
        // (b): each limitation's words, in its claim or a parent's text.
        for (words, span) in words_of(set, &[claim.number]) {
            let found = claim_text::words_occur_in(words, &own.text)
                || parent_texts
                    .iter()
                    .any(|t| claim_text::words_occur_in(words, t));
            if !found {
                out.push(Finding::WordsNotInClaim {
                    set: set.id.clone(),
                    claim: claim.number,
                    span,
                    text: span_in_text(own, 0, own.text.len().min(1)),
                });
            }
        }
        // (a): the words of the claim and of its parents (a dependent claim may repeat a
        // parent's words rather than encode them again).
        let mut chain = ancestors.clone();
        chain.push(claim.number);
        let words: Vec<&str> = words_of(set, &chain).into_iter().map(|(w, _)| w).collect();
        for p in claim_text::uncovered_phrases(&own.text, &words) {
            out.push(Finding::Unencoded {
                set: set.id.clone(),
                claim: claim.number,
                span: span_in_text(own, p.start, p.end),
                claim_span: Some(claim.number_span),
                phrase: Some(p.text.split_whitespace().collect::<Vec<_>>().join(" ")),
            });
        }
        // (c)
        for a in claim_text::missing_antecedents(&own.text, &parent_texts) {
            out.push(Finding::NoAntecedent {
                set: set.id.clone(),
                claim: claim.number,
                span: span_in_text(own, a.start, a.end),
                claim_span: claim.number_span,
                phrase: a.phrase.split_whitespace().collect::<Vec<_>>().join(" "),
            });
        }
    }
}

/// The claim words of the binders and limitations of the claims `numbers`, with their spans.
fn words_of<'s>(set: &'s ClaimSet, numbers: &[u32]) -> Vec<(&'s str, Span)> {
    numbers
        .iter()
        .filter_map(|n| set.claim(*n))
        .flat_map(|c| {
            let own = c.items.iter().filter_map(|item| match item {
                Item::Limitation(l) => Some((l.words.as_str(), l.words_span)),
                Item::Binder(b) => b.words.as_ref().map(|(w, s)| (w.as_str(), *s)),
            });
            own.chain(c.also_words.iter().map(|(w, s)| (w.as_str(), *s)))
        })
        .collect()
}
