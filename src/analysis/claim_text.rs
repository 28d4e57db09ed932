//! Encoding-completeness checks of a claim set against the patent's claim text: splitting the
//! text into claims, (a) phrases no limitation's words cover, (b) words that do not occur in
//! the claim, (c) "the X" / "said X" without an antecedent.
//!
//! Contract: pure functions of text, `std` only. None panics on any input; byte ranges
//! returned are into the text passed in and fall on char boundaries. Time is linear in the
//! input times small bounds: [`MAX_PHRASE_WORDS`] for antecedents, the length of the words
//! for [`words_occur_in`], the total length of all words for [`uncovered_phrases`].
//!
//! Rules (conservative: a false alarm costs an encoder's time):
//! - Splitting ([`split_claims`]): a claim starts with `N.` and whitespace, where `N` is the
//!   next number (1, 2, 3, … only), at a line start (also after margin furniture `- 10 `) or,
//!   from claim 2 on, after a sentence's `. ` when a capital follows. Page furniture in a
//!   claim's text is blanked to spaces (byte lengths kept, so offsets still hold): a line that
//!   is only a number of up to three digits, and a margin line number 5, 10, … 60 at a line
//!   start before a word of three or more lowercase letters that is not a unit (`10 wherein`,
//!   `5 than`; not `5 parts`).
//! - Normal form ([`normalize`]): lowercase; TeX markup dropped and its words kept
//!   (`\text{x}` → `x`, `T_G` and `T_{G}` → `tg`, `\times` → `×`, `^{\circ}` → `°`, `$`,
//!   braces, `^`, `_` gone); `<sup>`-like tags dropped; µ (U+00B5) → μ (U+03BC); dashes and
//!   minus → `-`; curly quotes straight; super- and subscript digits and full-width forms to
//!   ASCII; `...` → `…`. `, ; : ! ?` and a `.` that is no decimal point count as whitespace;
//!   quotes are dropped. A whitespace run stays (as one space) only between two letters or
//!   two digits (`10 μm` = `10μm`, `( T` = `(T`); a hyphen between letters is dropped, also at
//!   a line end (`mag-⏎nesium` = `magnesium`; `water-soluble` = `watersoluble`, which is not
//!   `water soluble`).
//! - Occurrence ([`words_occur_in`]): the normalized words, split at `…`, occur in that order
//!   in the normalized text, each piece on word boundaries (`ink` is not in `inkjet`, `5` not
//!   in `15`).
//! - Coverage ([`uncovered_phrases`]): phrases end at `, ; : .`, at [`BREAK_WORDS`] and at
//!   "and"/"or" before [`BREAK_BEFORE`] ("and a binder", not "heating and pressing"), and
//!   start after a leading "and"/"or". Content words have two letters or more, or a digit, and
//!   are not [`STOPWORDS`]; words in parentheses ("(°C)", "(second)"), claim references
//!   ("claims 1, 4 through 14") and a dependent claim's preamble (all before the end of a
//!   claim reference that comes before the first phrase break) are not content. A content
//!   word is covered when it lies in the span where some limitation's words occur and its
//!   stem is among that limitation's content stems; identical words take successive
//!   occurrences, and words that do not occur cover nothing (that is (b)'s finding). A phrase
//!   with a content word of three letters or more is uncovered when fewer than 2/3 of its
//!   content words are covered, unless it starts with "the"/"said" and all its content stems
//!   occur in some words (a back-reference to an element encoded elsewhere).
//! - Antecedents ([`missing_antecedents`]): after each word "the"/"said", X is the words up to
//!   punctuation, a word with a digit, one of [`NOUN_PHRASE_ENDS`], or [`MAX_PHRASE_WORDS`]
//!   words. X has an antecedent when its stemmed word sequence occurs earlier in the claim or
//!   anywhere in a parent, in any form ("a X", "the X", bare). X is not checked when its first
//!   word is one of [`INHERENT_MODIFIERS`] ("the same time") or its last word one of
//!   [`INHERENT_NOUNS`] ("the surface of the roller": a property every element has).
//! - Stemming (crude plurals): `ies` → `y` and `es` after s, x, z, ch, sh dropped in words of
//!   five letters or more; otherwise a final `s` dropped when three letters remain and the
//!   letter before it is not s, u or i ("particles" ~ "particle", "gloss", "gas" kept).

use std::collections::{HashMap, HashSet};

/// Stemmed words, or stemmed word sequences joined by spaces.
type Stems = HashSet<String>;

/// One numbered claim of a claim text: its number, its text, and where that text starts
/// (byte offset in the whole file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimText {
    pub number: u32,
    /// From after `N. ` to the next claim, page furniture blanked, trailing whitespace trimmed.
    pub text: String,
    pub offset: usize,
}

/// (a) A phrase of the claim text that no limitation's words cover (byte range in the claim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// (c) A "the X" / "said X" whose X has no antecedent (byte range of "the X" in the claim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingAntecedent {
    pub start: usize,
    pub end: usize,
    pub phrase: String,
}

/// The longest X of "the X" that is checked, in words (bounds the antecedent index).
pub const MAX_PHRASE_WORDS: usize = 8;
/// Words (space-separated, as all lists here) that end a phrase of the coverage check.
pub const BREAK_WORDS: &str = "wherein whereby which where comprising comprises having that \
    including includes";
/// Words before which "and"/"or" end a phrase.
pub const BREAK_BEFORE: &str = "a an the said then";
/// Words that carry no limitation of their own in the coverage check.
pub const STOPWORDS: &str = "a an the said of in on at to by with from for than between into \
    onto as is are be been being was were it its this these those there thereof thereon \
    wherein whereby which where that and or respectively each any one claim claims claimed \
    according what so such also then";
/// Words that end the X of "the X": articles, prepositions, verbs, conjunctions.
pub const NOUN_PHRASE_ENDS: &str = "a an the said of in on at to by with from for than \
    between into onto under over through within as per via except among after before during \
    upon is are was were be been being has have had satisfies satisfy contains contain \
    containing contained comprises comprise comprising comprised includes include including \
    included represents represent having provided selected arranged formed according \
    characterized characterised and or which wherein where whereby that while when so not \
    further respectively";
/// First words of X that make "the X" refer to something every claim has.
pub const INHERENT_MODIFIERS: &str = "same other following whole total entire respective \
    former latter";
/// Last words of X (compared stemmed) that name a property every element has.
pub const INHERENT_NOUNS: &str = "range ratio amount content surface weight time temperature \
    condition group position sum number order claim step side concentration \
    thickness proportion size";
/// Words after a margin-like number that show it is a quantity, not page furniture.
const UNIT_WORDS: &str = "parts part mass weight times mol mmol sec seconds min minutes hours \
    days ppm and through";
/// TeX commands that stand for a character (`name=char`).
const TEX_SYMBOLS: &str = "times=× cdot=· circ=° degree=° le=≤ leq=≤ ge=≥ geq=≥ pm=± sim=~ \
    mu=μ alpha=α beta=β gamma=γ delta=δ theta=θ lambda=λ sigma=σ omega=ω pi=π";
/// TeX commands that only format their argument (dropped, the argument stays).
const TEX_MARKUP: &str = "text textrm mathrm mathbf mathit rm mbox left right displaystyle \
    operatorname";
/// HTML tags that only format (dropped), and those that break a line (a space).
const HTML_MARKUP: &str = "sup sub i b u em strong span";
const HTML_BREAKS: &str = "br p";
/// Ranges longer than this in a claim reference ("claims 1 to 4000000") are read as a list.
const MAX_REFERENCE_RANGE: u32 = 1000;
const ELLIPSIS: char = '…';
/// A whitespace run that held a line break (a hyphen before it may be a hyphenation).
const LINE_BREAK: char = '\n';

fn trim_blanks(s: &str) -> &str {
    s.trim_start_matches([' ', '\t'])
}

fn listed(list: &str, word: &str) -> bool {
    list.split_ascii_whitespace().any(|w| w == word)
}

/// Splits a claim-text file into its numbered claims ("1. ...", "2. The method of claim 1,
/// ..."), in order. Text before claim 1 is ignored; a file without "1. " gives no claims.
pub fn split_claims(file: &str) -> Vec<ClaimText> {
    let starts = claim_starts(file);
    let ends = starts.iter().skip(1).map(|s| s.line_start);
    let ends = ends.chain([file.len()]);
    let claim = |(s, end): (&ClaimStart, usize)| ClaimText {
        number: s.number,
        text: blank_furniture(file.get(s.text_start..end).unwrap_or("")),
        offset: s.text_start,
    };
    starts.iter().zip(ends).map(claim).collect()
}

struct ClaimStart {
    number: u32,
    /// Where the claim's line (or sentence) starts: the previous claim ends here.
    line_start: usize,
    text_start: usize,
}

/// One pass over line starts and sentence ends; each candidate reads a few bytes.
fn claim_starts(file: &str) -> Vec<ClaimStart> {
    let mut starts: Vec<ClaimStart> = Vec::new();
    let mut previous = '\n';
    for (at, c) in file.char_indices() {
        let line_start = previous == '\n';
        let after_sentence = previous == '.' && (c == ' ' || c == '\t') && !starts.is_empty();
        previous = c;
        if !line_start && !after_sentence {
            continue;
        }
        let candidate = if line_start { at } else { at + c.len_utf8() };
        let number = starts.last().map_or(1, |s| s.number.saturating_add(1));
        if let Some(text_start) = claim_start_at(file, candidate, number, after_sentence) {
            let line_start = candidate;
            starts.push(ClaimStart {
                number,
                line_start,
                text_start,
            });
        }
    }
    starts
}

/// Where the text of claim `number` starts if one starts at `at` (after blanks, and at a line
/// start also after margin furniture such as "- 10 ").
fn claim_start_at(file: &str, at: usize, number: u32, mid_line: bool) -> Option<usize> {
    let line = trim_blanks(file.get(at..)?);
    let direct = numbered_text_start(file, line, number, mid_line);
    if direct.is_some() || mid_line {
        return direct;
    }
    let margin = trim_blanks(line.strip_prefix('-').unwrap_or(line));
    let after_margin = margin.trim_start_matches(|c: char| c.is_ascii_digit());
    let claim = trim_blanks(after_margin);
    let furniture = after_margin.len() < margin.len() && claim.len() < after_margin.len();
    furniture.then(|| numbered_text_start(file, claim, number, false))?
}

/// Where the text starts when `rest` (a suffix of `file`) reads "`number`. Text".
fn numbered_text_start(file: &str, rest: &str, number: u32, mid_line: bool) -> Option<usize> {
    let after_digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = rest.get(..rest.len() - after_digits.len())?;
    if digits.len() > 6 || digits.parse::<u32>().ok()? != number {
        return None;
    }
    let after_dot = after_digits.strip_prefix('.')?;
    let text = after_dot.trim_start();
    let spaced = after_dot.len() > text.len();
    let first = text.chars().next()?;
    (spaced && (!mid_line || first.is_uppercase())).then_some(file.len() - text.len())
}

/// The claim text with page furniture replaced by spaces (same byte length), trimmed.
fn blank_furniture(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split_inclusive('\n').enumerate() {
        let blank = if k == 0 { 0 } else { furniture_len(line) };
        out.extend(std::iter::repeat_n(' ', blank));
        out.push_str(line.get(blank..).unwrap_or(""));
    }
    out.truncate(out.trim_end().len());
    out
}

/// Bytes at the start of a line that are page furniture: a lone number, or a margin line
/// number before the rest of a sentence.
fn furniture_len(line: &str) -> usize {
    let body = trim_blanks(line);
    let dashed = body.strip_prefix('-').map_or(body, trim_blanks);
    let after = dashed.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = dashed.get(..dashed.len() - after.len()).unwrap_or("");
    let value = digits.parse::<u32>().unwrap_or(0);
    let lone = after.trim().is_empty() && (1..=3).contains(&digits.len());
    let words = after.trim_start().split(|c: char| !c.is_alphabetic());
    let word = words.into_iter().next().unwrap_or("");
    let margin = value % 5 == 0 && (5..=60).contains(&value) && after.starts_with([' ', '\t']);
    let sentence = word.chars().count() >= 3 && word.chars().all(char::is_lowercase);
    let furniture = lone || (margin && sentence && !listed(UNIT_WORDS, word));
    if furniture {
        line.len() - after.len()
    } else {
        0
    }
}

/// The claims a claim's text says it depends on ("of claim 1", "according to claim 1 or 2",
/// "any one of claims 1 to 3", "claims 1-3", "claims 1, 4 through 14, and 17"), sorted,
/// without repeats.
pub fn referenced_claims(claim: &str) -> Vec<u32> {
    let tokens = tokenize(claim);
    let references = (0..tokens.len()).filter_map(|at| claim_reference(&tokens, at));
    let mut numbers: Vec<u32> = references.flat_map(|(numbers, _)| numbers).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The numbers of the reference whose "claim(s)" is token `at`, and the token index after it.
fn claim_reference(tokens: &[Token], at: usize) -> Option<(Vec<u32>, usize)> {
    let word = tokens.get(at)?.text.as_str();
    if word != "claim" && word != "claims" {
        return None;
    }
    let mut last = claim_number(tokens.get(at + 1)?)?;
    let (mut numbers, mut end) = (vec![last], at + 2);
    loop {
        let (mut next, mut range) = (end, false);
        while let Some(t) = tokens.get(next) {
            match t.text.as_str() {
                "," | "and" | "or" | "/" => {}
                "to" | "through" | "thru" | "-" | "~" => range = true,
                _ => break,
            }
            next += 1;
        }
        let number = tokens.get(next).and_then(claim_number);
        let Some(number) = number.filter(|_| next > end) else {
            return Some((numbers, end));
        };
        if range && number > last && number - last <= MAX_REFERENCE_RANGE {
            numbers.extend(last + 1..=number);
        } else {
            numbers.push(number);
        }
        (last, end) = (number, next + 1);
    }
}

fn claim_number(token: &Token) -> Option<u32> {
    let digits = token.is_word && token.text.chars().all(|c| c.is_ascii_digit());
    digits.then(|| token.text.parse().ok()).flatten()
}

/// A normalised form for matching (rules in the module doc): `"(T - T_G) \times t > 2"` and
/// `"(T−T_{G})×t>2"` both give `"(ttg)×t>2"`; `"50 µm"` and `"50 μm"` give `"50μm"`.
pub fn normalize(s: &str) -> String {
    normalized_units(s).iter().map(|u| u.ch).collect()
}

/// (b) Whether limitation words occur in a text (both normalized; `…` or `...` in the words
/// stands for any text). Words with nothing to match (empty, only `…`) occur vacuously.
pub fn words_occur_in(words: &str, text: &str) -> bool {
    let segments = segments(words);
    let text: Vec<char> = normalize(text).chars().collect();
    segments.is_empty() || locate(&segments, &text, 0).is_some()
}

/// (a) The phrases of `claim` that the `words` of limitations do not cover (rules in the
/// module doc). Pass the words of the claim and of the claims it depends on: text that a
/// dependent claim restates from its parent is then covered by the parent's words.
pub fn uncovered_phrases(claim: &str, words: &[&str]) -> Vec<Phrase> {
    let tokens = tokenize(claim);
    let content = content_flags(&tokens);
    let covered = covered_flags(claim, &tokens, words);
    let all_stems: Stems = words.iter().flat_map(|w| content_stems(w)).collect();
    let uncovered = |&(a, b): &(usize, usize)| {
        let phrase = tokens.get(a..b).unwrap_or(&[]);
        let flags = |f: &[bool]| f.get(a..b).unwrap_or(&[]).to_vec();
        is_uncovered(phrase, &flags(&content), &flags(&covered), &all_stems)
    };
    let phrase = |(a, b): (usize, usize)| {
        let (start, end) = (tokens.get(a)?.start, tokens.get(b.checked_sub(1)?)?.end);
        let text = claim.get(start..end)?.to_string();
        Some(Phrase { start, end, text })
    };
    let ranges = phrase_ranges(&tokens).into_iter();
    ranges.filter(uncovered).filter_map(phrase).collect()
}

fn is_uncovered(phrase: &[Token], content: &[bool], covered: &[bool], all: &Stems) -> bool {
    let flagged = phrase.iter().zip(covered).zip(content);
    let words: Vec<(&Token, &bool)> = flagged.filter(|(_, c)| **c).map(|(w, _)| w).collect();
    let letters = |t: &Token| t.text.chars().filter(|c| c.is_alphabetic()).count();
    if !words.iter().any(|(t, _)| letters(t) >= 3) {
        return false;
    }
    let hits = words.iter().filter(|(_, covered)| **covered).count();
    let first = phrase.first().map(|t| t.text.as_str());
    let back_reference = first == Some("the") || first == Some("said");
    let encoded_elsewhere = words.iter().all(|(t, _)| all.contains(&stem(&t.text)));
    hits * 3 < words.len() * 2 && !(back_reference && encoded_elsewhere)
}

/// Token index ranges of the phrases, without break tokens or a leading "and"/"or".
fn phrase_ranges(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = None;
    for (k, token) in tokens.iter().enumerate() {
        let connective = token.text == "and" || token.text == "or";
        match (is_break(token, tokens.get(k + 1)), start) {
            (true, Some(a)) => {
                ranges.push((a, k));
                start = None;
            }
            (false, None) if !connective => start = Some(k),
            _ => {}
        }
    }
    ranges.extend(start.map(|a| (a, tokens.len())));
    ranges
}

fn is_break(token: &Token, next: Option<&Token>) -> bool {
    let text = token.text.as_str();
    let before_article = next.is_some_and(|n| listed(BREAK_BEFORE, &n.text));
    if token.is_word {
        listed(BREAK_WORDS, text) || (matches!(text, "and" | "or") && before_article)
    } else {
        matches!(text, "," | ";" | ":" | ".")
    }
}

fn is_content_word(token: &Token) -> bool {
    let letters = token.text.chars().filter(|c| c.is_alphabetic()).count();
    let digit = token.text.chars().any(|c| c.is_ascii_digit());
    token.is_word && (letters >= 2 || digit) && !listed(STOPWORDS, &token.text)
}

/// Content words, less parentheses, claim references and a dependent claim's preamble.
fn content_flags(tokens: &[Token]) -> Vec<bool> {
    let mut depth = 0_usize;
    let mut flags: Vec<bool> = Vec::with_capacity(tokens.len());
    for token in tokens {
        match token.text.as_str() {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            ";" | "." => depth = 0,
            _ => {}
        }
        flags.push(depth == 0 && is_content_word(token));
    }
    let next = |k: usize| tokens.get(k + 1);
    let mut breaks = tokens.iter().enumerate().map(|(k, t)| is_break(t, next(k)));
    let first_break = breaks.position(|b| b).unwrap_or(tokens.len());
    for at in 0..tokens.len() {
        let Some((_, end)) = claim_reference(tokens, at) else {
            continue;
        };
        let from = if at < first_break { 0 } else { at };
        if let Some(preamble_or_reference) = flags.get_mut(from..end) {
            preamble_or_reference.fill(false);
        }
    }
    flags
}

/// Which tokens lie where some words occur and are among those words' content stems.
fn covered_flags(claim: &str, tokens: &[Token], words: &[&str]) -> Vec<bool> {
    let units = normalized_units(claim);
    let text: Vec<char> = units.iter().map(|u| u.ch).collect();
    let mut covered = vec![false; tokens.len()];
    // Repeated words ("and a binder" twice) take successive occurrences.
    let mut resume: HashMap<Vec<Vec<char>>, usize> = HashMap::new();
    for words in words {
        let segments = segments(words);
        let from = resume.get(&segments).copied().unwrap_or(0);
        let found = locate(&segments, &text, from).or_else(|| locate(&segments, &text, 0));
        let Some((a, b)) = found else { continue };
        let last = b.checked_sub(1).and_then(|k| units.get(k));
        let Some((first, last)) = units.get(a).zip(last) else {
            continue;
        };
        let (start, end, stems) = (first.start, last.end, content_stems(words));
        resume.insert(segments, b);
        let inside = tokens.iter().zip(covered.iter_mut());
        let inside = inside.skip(tokens.partition_point(|t| t.start < start));
        for (token, flag) in inside.take_while(|(t, _)| t.end <= end) {
            *flag |= stems.contains(&stem(&token.text));
        }
    }
    covered
}

fn content_stems(words: &str) -> Stems {
    let tokens = tokenize(words);
    let content = tokens.iter().filter(|t| is_content_word(t));
    content.map(|t| stem(&t.text)).collect()
}

/// (c) Each "the X" / "said X" of `claim` whose X has no antecedent earlier in the claim or in
/// `parents` (the texts of every claim it depends on, transitively).
pub fn missing_antecedents(claim: &str, parents: &[&str]) -> Vec<MissingAntecedent> {
    let mut known: Stems = HashSet::new();
    for parent in parents {
        let mut seen = Vec::new();
        for token in tokenize(parent).iter().filter(|t| t.is_word) {
            seen.push(stem(&token.text));
            add_sequences_ending_here(&mut known, &seen);
        }
    }
    let tokens = tokenize(claim);
    let (mut missing, mut seen) = (Vec::new(), Vec::new());
    for (k, token) in tokens.iter().enumerate().filter(|(_, t)| t.is_word) {
        if token.text == "the" || token.text == "said" {
            missing.extend(unintroduced(claim, &tokens, k, &known));
        }
        seen.push(stem(&token.text));
        add_sequences_ending_here(&mut known, &seen);
    }
    missing
}

/// Adds the word sequences of up to [`MAX_PHRASE_WORDS`] words that end with the last word.
fn add_sequences_ending_here(known: &mut Stems, seen: &[String]) {
    for n in 1..=MAX_PHRASE_WORDS.min(seen.len()) {
        known.extend(seen.get(seen.len() - n..).map(|words| words.join(" ")));
    }
}

/// The "the X" at token `k` when X is checked and has no antecedent in `known`.
fn unintroduced(
    claim: &str,
    tokens: &[Token],
    k: usize,
    known: &Stems,
) -> Option<MissingAntecedent> {
    let words = tokens.iter().skip(k + 1).take(MAX_PHRASE_WORDS);
    let noun_phrase = words.take_while(|t| t.is_word && !ends_noun_phrase(t));
    let noun_phrase: Vec<&Token> = noun_phrase.collect();
    let (first, last) = (noun_phrase.first()?, noun_phrase.last()?);
    let head = stem(&last.text);
    let mut inherent_nouns = INHERENT_NOUNS.split_ascii_whitespace();
    let inherent =
        listed(INHERENT_MODIFIERS, &first.text) || inherent_nouns.any(|n| stem(n) == head);
    let key: Vec<String> = noun_phrase.iter().map(|t| stem(&t.text)).collect();
    if inherent || known.contains(&key.join(" ")) {
        return None;
    }
    let (start, end) = (tokens.get(k)?.start, last.end);
    let phrase = claim.get(start..end)?.to_string();
    Some(MissingAntecedent { start, end, phrase })
}

fn ends_noun_phrase(token: &Token) -> bool {
    token.text.chars().any(|c| c.is_ascii_digit()) || listed(NOUN_PHRASE_ENDS, &token.text)
}

/// Crude English plural stripping (rules in the module doc).
fn stem(word: &str) -> String {
    let long = word.chars().count() > 4;
    let sibilant = |b: &str| b.ends_with(['s', 'x', 'z']) || b.ends_with("ch") || b.ends_with("sh");
    if let Some(base) = word.strip_suffix("ies").filter(|_| long) {
        return format!("{base}y");
    }
    if let Some(base) = word.strip_suffix("es").filter(|b| long && sibilant(b)) {
        return base.to_string();
    }
    let plural = |b: &&str| b.chars().count() >= 3 && !b.ends_with(['s', 'u', 'i']);
    let singular = word.strip_suffix('s').filter(plural);
    singular.unwrap_or(word).to_string()
}

/// One character of a folded text and the byte range of the source it came from.
#[derive(Debug, Clone, Copy)]
struct Unit {
    ch: char,
    start: usize,
    end: usize,
}

/// A word (letters and digits, joined across a hyphen between letters and a decimal point
/// between digits) or one punctuation character, folded, with its source byte range.
#[derive(Debug, Clone)]
struct Token {
    text: String,
    start: usize,
    end: usize,
    is_word: bool,
}

fn tokenize(s: &str) -> Vec<Token> {
    let units = fold_units(s);
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(unit) = units.get(i) {
        let is_word = unit.ch.is_alphanumeric();
        let (text, start, end) = (unit.ch.to_string(), unit.start, unit.end);
        let mut token = Token {
            text,
            start,
            end,
            is_word,
        };
        i += 1;
        while let Some(next) = units.get(i).filter(|_| is_word) {
            if next.ch.is_alphanumeric() {
                token.text.push(next.ch);
                token.end = next.end;
                i += 1;
            } else if let Some(skip) = joiner_len(&units, i) {
                i += skip;
            } else {
                break;
            }
        }
        if !unit.ch.is_whitespace() {
            tokens.push(token);
        }
    }
    tokens
}

/// Units at `i` that continue a word: a hyphen between letters (also before a line break) or
/// a decimal point between digits.
fn joiner_len(units: &[Unit], i: usize) -> Option<usize> {
    let before = units.get(i.checked_sub(1)?)?.ch;
    let after = |k: usize| units.get(k).map(|u| u.ch);
    match units.get(i)?.ch {
        '-' if before.is_alphabetic() => match (after(i + 1)?, after(i + 2)) {
            (c, _) if c.is_alphabetic() => Some(1),
            (LINE_BREAK, Some(c)) if c.is_alphabetic() => Some(2),
            _ => None,
        },
        '.' if before.is_ascii_digit() && after(i + 1)?.is_ascii_digit() => Some(1),
        _ => None,
    }
}

/// The limitation words normalized and split at `…`, empty pieces dropped.
fn segments(words: &str) -> Vec<Vec<char>> {
    let normal: Vec<char> = normalize(words).chars().collect();
    let pieces = normal.split(|&c| c == ELLIPSIS).filter(|s| !s.is_empty());
    pieces.map(<[char]>::to_vec).collect()
}

/// Where the segments occur in order in `text` from index `from`: first index, end index.
fn locate(segments: &[Vec<char>], text: &[char], from: usize) -> Option<(usize, usize)> {
    let (mut next, mut first) = (from, None);
    for segment in segments {
        let at = find_bounded(text, segment, next)?;
        first.get_or_insert(at);
        next = at + segment.len();
    }
    Some((first?, next))
}

/// The first occurrence on word boundaries; naive, O(text · segment).
fn find_bounded(text: &[char], segment: &[char], from: usize) -> Option<usize> {
    let edge =
        |a: Option<&char>, b: Option<&char>| a.zip(b).is_none_or(|(a, b)| !same_class(*a, *b));
    let bounded = |at: usize| {
        edge(at.checked_sub(1).and_then(|k| text.get(k)), segment.first())
            && edge(segment.last(), text.get(at + segment.len()))
    };
    let windows = text.get(from..)?.windows(segment.len().max(1)).enumerate();
    let mut found = windows.filter(|&(k, window)| window == segment && bounded(from + k));
    found.next().map(|(k, _)| from + k)
}

fn same_class(a: char, b: char) -> bool {
    (a.is_alphabetic() && b.is_alphabetic()) || (a.is_ascii_digit() && b.is_ascii_digit())
}

/// The folded units with the punctuation, spacing and hyphen rules of [`normalize`].
fn normalized_units(s: &str) -> Vec<Unit> {
    let folded = fold_units(s);
    let unit_at = |k: Option<usize>| k.and_then(|k| folded.get(k));
    let digit_at = |k: Option<usize>| unit_at(k).is_some_and(|u| u.ch.is_ascii_digit());
    let mut spaced: Vec<Unit> = Vec::with_capacity(folded.len());
    for (k, unit) in folded.iter().enumerate() {
        let ch = match unit.ch {
            '"' | '\'' | '`' => continue,
            ',' | ';' | ':' | '!' | '?' => ' ',
            '.' if !(digit_at(k.checked_sub(1)) && digit_at(Some(k + 1))) => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        push_unit(&mut spaced, Unit { ch, ..*unit });
    }
    let ch_at = |k: Option<usize>| k.and_then(|k| spaced.get(k)).map(|u| u.ch);
    // The neighbour `by` units away, or one further when that one is the (single) space.
    let beside = |k: usize, by: isize| {
        let near = ch_at(k.checked_add_signed(by));
        let far = ch_at(k.checked_add_signed(2 * by));
        if near == Some(' ') { far } else { near }
    };
    let keep = |k: usize, ch: char| {
        let (before, after) = match ch {
            ' ' => (ch_at(k.checked_sub(1)), ch_at(Some(k + 1))),
            '-' => (beside(k, -1), beside(k, 1)),
            _ => return true,
        };
        let joined = |(a, b): (char, char)| same_class(a, b) && (ch == ' ' || a.is_alphabetic());
        // A space is kept between letters (or digits); a hyphen is dropped between letters.
        before.zip(after).is_some_and(joined) == (ch == ' ')
    };
    let kept = spaced.iter().enumerate().filter(|&(k, u)| keep(k, u.ch));
    kept.map(|(_, u)| *u).collect()
}

/// Appends a unit; a whitespace run becomes one unit (a line break if the run had one).
fn push_unit(out: &mut Vec<Unit>, unit: Unit) {
    match out.last_mut() {
        Some(last) if last.ch.is_whitespace() && unit.ch.is_whitespace() => {
            // Whitespace units are ' ' or LINE_BREAK, and LINE_BREAK ('\n') is the smaller.
            last.ch = last.ch.min(unit.ch);
            last.end = unit.end;
        }
        _ => out.push(unit),
    }
}

/// The text lowercased, markup dropped and character variants folded, each unit with its
/// source range; punctuation is kept (phrases and claim references need it).
fn fold_units(s: &str) -> Vec<Unit> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out: Vec<Unit> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&(start, c)) = chars.get(i) {
        let (text, next) = markup_at(&chars, i).unwrap_or_else(|| (fold_char(c), i + 1));
        let end = chars.get(next).map_or(s.len(), |&(b, _)| b);
        let units = text.chars().map(|ch| Unit { ch, start, end });
        units.for_each(|unit| push_unit(&mut out, unit));
        i = next.max(i + 1);
    }
    out
}

/// A TeX command, an HTML tag or a `...` ellipsis at `i`: its replacement and the next index.
fn markup_at(chars: &[(usize, char)], i: usize) -> Option<(String, usize)> {
    let ch = |k: usize| chars.get(k).map(|&(_, c)| c);
    let name = |k: usize| -> String {
        let letters = chars.iter().skip(k).take(20).map(|&(_, c)| c);
        letters.take_while(char::is_ascii_alphabetic).collect()
    };
    match ch(i)? {
        '\\' => Some(tex_command(&name(i + 1), ch(i + 1), i)),
        '<' => {
            let slash = usize::from(ch(i + 1) == Some('/'));
            let tag = name(i + 1 + slash).to_ascii_lowercase();
            let end = i + 1 + slash + tag.len();
            let end = end + usize::from(ch(end) == Some('/'));
            let replacement = if listed(HTML_BREAKS, &tag) { " " } else { "" };
            let known = listed(HTML_MARKUP, &tag) || listed(HTML_BREAKS, &tag);
            (known && ch(end) == Some('>')).then(|| (replacement.to_string(), end + 1))
        }
        '.' if ch(i + 1) == Some('.') && ch(i + 2) == Some('.') => {
            let dots = chars.iter().skip(i).take_while(|&&(_, c)| c == '.').count();
            Some((ELLIPSIS.to_string(), i + dots))
        }
        _ => None,
    }
}

/// `\name` → its symbol, nothing for markup (`\text`: its braced argument stays), a space for
/// `\quad`; an unknown name stays as a word. `\\`, `\,` and the like → a space; `\%` → `%`.
fn tex_command(name: &str, next: Option<char>, i: usize) -> (String, usize) {
    let after = i + 1 + name.len();
    if name.is_empty() {
        return match next {
            Some(c @ ('%' | '&' | '#' | '$' | '{' | '}' | '_')) => (c.to_string(), i + 2),
            Some(_) => (" ".to_string(), i + 2),
            None => (String::new(), i + 1),
        };
    }
    let mut symbols = TEX_SYMBOLS.split_ascii_whitespace();
    let symbol = symbols.find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='));
    let text = match symbol {
        Some(symbol) => symbol.to_string(),
        None if listed(TEX_MARKUP, name) => String::new(),
        None if name == "quad" || name == "qquad" => " ".to_string(),
        None => name.to_lowercase(),
    };
    (text, after)
}

/// One character folded: lowercase, variants to one form, TeX's `$ { } ^ _` dropped.
fn fold_char(c: char) -> String {
    let digit = |digits: &str| digits.chars().position(|d| d == c).map(|n| n.to_string());
    let folded = match c {
        '$' | '{' | '}' | '^' | '_' => "",
        '\n' => "\n",
        c if c.is_whitespace() => " ",
        'µ' => "μ",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => "-",
        '\u{2018}'..='\u{201B}' | '\u{2032}' => "'",
        '\u{201C}'..='\u{201F}' | '\u{2033}' => "\"",
        'º' => "°",
        '℃' => "°c",
        '\u{301C}' | '\u{223C}' => "~",
        '\u{FF01}'..='\u{FF5E}' => {
            let ascii = char::from_u32(u32::from(c) - 0xFEE0);
            return ascii.map(fold_char).unwrap_or_default();
        }
        _ => {
            let script = digit("⁰¹²³⁴⁵⁶⁷⁸⁹").or_else(|| digit("₀₁₂₃₄₅₆₇₈₉"));
            return script.unwrap_or_else(|| c.to_lowercase().collect());
        }
    };
    folded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "What is claimed is:\n\n1. An ink comprising a pigment.\n2. The ink of \
        claim 1, wherein the pigment is\n25 carbon black.\n\n5\n\n3. The ink according to claim \
        1 or 2, wherein said water is pure.\n";

    fn numbers(file: &str) -> Vec<u32> {
        split_claims(file).iter().map(|c| c.number).collect()
    }

    fn antecedents(claim: &str, parents: &[&str]) -> Vec<String> {
        let found = missing_antecedents(claim, parents);
        found
            .iter()
            .map(|m| claim[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn splits_numbered_claims_with_offsets_and_blanked_furniture() {
        let claims = split_claims(SAMPLE);
        assert_eq!(numbers(SAMPLE), [1, 2, 3]);
        assert_eq!(claims[0].text, "An ink comprising a pigment.");
        assert_eq!(claims[0].offset, SAMPLE.find("An ink").unwrap());
        let second = "The ink of claim 1, wherein the pigment is\n   carbon black.";
        assert_eq!(claims[1].text, second);
        assert_eq!(claims[2].offset, SAMPLE.find("The ink according").unwrap());
        assert!(claims[2].text.ends_with("said water is pure."));
        for claim in &claims {
            assert_eq!(&SAMPLE[claim.offset..claim.offset + 6], &claim.text[..6]);
        }
        let file = "1. A medium.\n- 10 2. The medium of claim 1. 3. The medium of claim 2.\n5. No.";
        assert_eq!(numbers(file), [1, 2, 3]);
        assert_eq!(split_claims(file)[2].text, "The medium of claim 2.\n5. No.");
        assert!(numbers("no claims here 1. X").is_empty());
    }

    #[test]
    fn reads_claim_references() {
        let either = "The method according to claim 1 or 2";
        assert_eq!(referenced_claims(either), [1, 2]);
        let range = "any one of claims 1 to 3, wherein";
        assert_eq!(referenced_claims(range), [1, 2, 3]);
        assert_eq!(referenced_claims("of claims 1-3"), [1, 2, 3]);
        let list = "of any one of claims 1, 4 through 6, and 9, and then";
        assert_eq!(referenced_claims(list), [1, 4, 5, 6, 9]);
        assert_eq!(referenced_claims("according to Claim 5,\nwherein"), [5]);
        assert!(referenced_claims("What is claimed is: the claim").is_empty());
        assert_eq!(referenced_claims("claims 2 to 99999999999"), [2]);
    }

    #[test]
    fn normalizes_tex_units_and_spacing() {
        let tex = normalize("$$\\text{expression (1): } (T - T_G) \\times t > 2$$");
        assert_eq!(tex, "expression(1)(ttg)×t>2");
        let plain = "Expression (1):\n(T \u{2212} T_{G}) × t > 2";
        assert_eq!(tex, normalize(plain));
        assert_eq!(normalize("50 \u{b5}m"), normalize("50\u{3bc}m"));
        assert_eq!(normalize("180 $^{\\circ}\\text{C}$"), "180°c");
        assert_eq!(normalize("15 g/m<sup>2</sup> of"), normalize("15 g/m² of"));
        let quoted = "A  \u{201c}binder\u{201d},\n and 0.5 mm.";
        assert_eq!(normalize(quoted), "a binder and0.5mm");
        assert_eq!(normalize("mag-\nnesium"), "magnesium");
        assert_eq!(normalize("a … b ... c"), "a…b…c");
    }

    #[test]
    fn finds_words_across_line_breaks_and_ellipses() {
        let text = "wherein said amount of binder in the\nrecording layer is more than 30 wt%.";
        let words = "said amount of binder in the recording layer";
        assert!(words_occur_in(words, text));
        assert!(words_occur_in("said amount … is more than 30 wt%", text));
        let hyphenated = "the recording-\nlayer";
        assert!(words_occur_in("the recording\u{2010}layer", hyphenated));
        assert!(!words_occur_in("more than 3 wt%", text));
        assert!(!words_occur_in("ink", "an inkjet medium"));
        assert!(!words_occur_in("is more … said amount", text));
        assert!(words_occur_in("…", text));
    }

    #[test]
    fn reports_uncovered_phrases_only() {
        let claim = "The ink of claim 1, wherein the ink contains a pigment, and a second phrase.";
        let found = uncovered_phrases(claim, &["the ink contains a pigment"]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "a second phrase");
        assert_eq!(&claim[found[0].start..found[0].end], "a second phrase");
        let all = ["the ink contains a pigment", "a second phrase"];
        assert!(uncovered_phrases(claim, &all).is_empty());
        let twice =
            "A layer containing beads and a binder, and a film containing resin and a binder.";
        let mut words = vec!["A layer", "containing beads", "and a binder", "and a film"];
        words.push("containing resin");
        assert_eq!(uncovered_phrases(twice, &words)[0].text, "a binder");
        words.push("and a binder");
        assert!(uncovered_phrases(twice, &words).is_empty());
        let restated = "The ink of claim 1, wherein the ink contains a red pigment (second).";
        let parent_words = ["the ink contains a", "red pigment"];
        assert!(uncovered_phrases(restated, &parent_words).is_empty());
    }

    #[test]
    fn reports_missing_antecedents() {
        let parent = ["A medium comprising a resin layer."];
        let child = "The medium of claim 1, wherein the polyolefin resin is thick.";
        assert_eq!(antecedents(child, &parent), ["the polyolefin resin"]);
        let found = missing_antecedents(child, &parent);
        assert_eq!(found[0].phrase, "the polyolefin resin");
        let layers = "The medium of claim 1, wherein the resin layers are thin.";
        assert!(antecedents(layers, &parent).is_empty());
        let inherent = "A medium at the same time as the surface of said medium.";
        assert!(antecedents(inherent, &[]).is_empty());
        let later = "A belt on the roller, and a roller.";
        assert_eq!(antecedents(later, &[]), ["the roller"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = "$$|the||the ,|said|µ°²—|1.|1. |\\|<|<sup|...|-\n|10\n- |a\u{301c}b|\u{ff04}|$x";
        for input in odd.split('|') {
            assert!(split_claims(input).is_empty());
            let _ = (referenced_claims(input), normalize(input));
            let _ = words_occur_in(input, input);
            let _ = uncovered_phrases(input, &[input]);
            let _ = antecedents(input, &[input]);
        }
    }
}
