//! pest's errors → [`SyntaxError`]s: the names of the rules a parse expected, what it found,
//! and a hint for the common slips, computed once where the error is made.

use super::{Rule, error_pos};
use crate::source::{FileId, Span};
use crate::syntax::SyntaxError;
use pest::error::ErrorVariant;

/// Human names for the rules pest reports as expected.
fn rule_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::ident | Rule::alias => "a name",
        Rule::string => "a string",
        Rule::block => "`{`",
        Rule::value | Rule::amount | Rule::spread => "a value",
        Rule::expr | Rule::term | Rule::factor | Rule::primary | Rule::quantity | Rule::number => {
            "a number"
        }
        Rule::unit_expr | Rule::unit_factor | Rule::unit_name => "a unit",
        Rule::element => "an entry",
        Rule::top_element | Rule::dimension_decl | Rule::unit_decl | Rule::material_decl => {
            "an item"
        }
        Rule::element_decl | Rule::property_decl => "an item",
        Rule::EOI => "end of file",
        Rule::add_op | Rule::mul_op => "an operator",
        Rule::plus_minus => "`±`",
        Rule::range_op => "`..`",
        Rule::prop_type | Rule::dim_expr | Rule::dim_factor => "a type",
        Rule::list => "a list",
        Rule::bool_lit => "`true` or `false`",
        Rule::base_kw => "`base`",
        Rule::unit_base | Rule::unit_scaled => "a unit definition",
        Rule::aliases => "`(`",
        Rule::int => "an integer",
        _ => return None,
    })
}

pub(super) fn from_pest(
    file: FileId,
    text: &str,
    offset: usize,
    e: &pest::error::Error<Rule>,
) -> SyntaxError {
    let pos = offset + error_pos(e);
    let found_text: String = text
        .get(pos..)
        .unwrap_or("")
        .chars()
        .take_while(|c| !c.is_whitespace())
        .take(20)
        .collect();
    // At least the character at the error (a whitespace character the grammar does not
    // accept, such as U+00A0, is two bytes: the span must not end inside it).
    let at = text
        .get(pos..)
        .and_then(|t| t.chars().next())
        .map_or(0, char::len_utf8);
    let found_len = found_text.len().max(at);
    let span = Span::new(file, pos, pos + found_len);
    let mut expected: Vec<&'static str> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| rule_name(*r)).collect()
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort_unstable();
    expected.dedup();
    let found = if found_text.is_empty() {
        "end of file".to_string()
    } else {
        format!("`{found_text}`")
    };
    let help = help_for(text, pos, &found_text, &expected);
    SyntaxError::Unexpected {
        span,
        expected,
        found,
        help,
    }
}

/// A hint for the common slips; computed here, once, where the error is made.
fn help_for(text: &str, pos: usize, found: &str, expected: &[&str]) -> String {
    /// The name of an entry written as `name` or `name "label"`, when `entry` is just that (and
    /// not a declaration).
    fn entry_head(entry: &str) -> Option<&str> {
        let end = entry
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(entry.len());
        let (name, rest) = entry.split_at(end);
        let rest = rest.trim();
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        let is_label =
            rest.is_empty() || (rest.len() >= 2 && rest.starts_with('"') && rest.ends_with('"'));
        let is_decl = ["dimension", "unit", "material", "element", "property"].contains(&name);
        (is_name && is_label && !is_decl).then_some(name)
    }

    // Only the text of the entry matters: look back a bounded window, so that a file of one
    // very long line does not make every error cost the length of that line.
    let window = pos.saturating_sub(1024);
    let window = (window..=pos)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(pos);
    let before = text.get(window..pos).unwrap_or("").trim_end();
    // The entry the error is in, as written so far: `silica`, `layer "top"`.
    let entry = before
        .rfind(['\n', '{', '}', ';'])
        .and_then(|i| before.get(i + 1..))
        .unwrap_or(before)
        .trim();
    let head = entry_head(entry);
    let in_block = expected.contains(&"a name");
    if found.starts_with('=') {
        if head.is_some() && !in_block && expected.contains(&"`{`") {
            return "a top-level element takes a body in braces, not a value: \
                    `medium \"GlossPro 260\" { ... }`"
                .into();
        }
        if before.ends_with(|c: char| c.is_ascii_alphabetic()) {
            return "two entries share a line: end the first one with `;` or a line break".into();
        }
    }
    if let Some(head) = head
        && in_block
    {
        if found.starts_with(':') {
            return format!("a value is given with `=`, not `:`: `{head} = ...`");
        }
        if found.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '"' || c == '[') {
            let value: String = text
                .get(pos..)
                .and_then(|t| t.lines().next())
                .unwrap_or(found)
                .split([';', '}'])
                .next()
                .unwrap_or(found)
                .trim_end()
                .chars()
                .take(40)
                .collect();
            return format!("put `=` between the name and its value: `{entry} = {value}`");
        }
    }
    if found.starts_with(',') && expected.contains(&"`{`") {
        return "an entry takes one value: write a range as `a .. b`, and each component as its \
                own entry"
            .into();
    }
    if found.starts_with('"')
        && before.ends_with('"')
        && before
            .rsplit('\n')
            .next()
            .is_some_and(|line| line.contains('['))
    {
        return "separate the names in a list with `,`: `[\"base\", \"top\"]`".into();
    }
    if found.starts_with(';') && expected.contains(&"an item") {
        return "a top-level item needs no `;` after its `}`: remove it".into();
    }
    if found.starts_with('.')
        && (before.ends_with(|c: char| c.is_ascii_digit()) || before.ends_with(".."))
    {
        return "a range is written `a .. b` with two dots".into();
    }
    if found.starts_with('\'') {
        return "strings are written in double quotes: `\"GlossPro 260\"`".into();
    }
    if expected == ["a string"]
        && before.ends_with(['[', ','])
        && found.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
    {
        return "a list holds names in double quotes: `[\"base\", \"top\"]`".into();
    }
    if expected.contains(&"a number")
        && before.ends_with(['/', '*', '·', '⋅'])
        && found.starts_with(|c: char| c.is_alphabetic() || c == '°' || c == '%')
    {
        return "a unit is written without spaces (`g/m2`, `K·s`); with spaces, `/` and `*` \
                divide and multiply numbers"
            .into();
    }
    if found.starts_with(';') && before.ends_with(';') {
        return "remove the extra `;`".into();
    }
    if found.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return "numbers are written like `12`, `0.5`, `1.5e-3` or `45/55`".into();
    }
    if expected.contains(&"a value") && (found.is_empty() || found.starts_with(['}', ';'])) {
        return "write the value after `=`: a quantity (`30 um`), a name, a string or a list"
            .into();
    }
    if expected.contains(&"`{`") && expected.len() <= 3 {
        return "an element's body is written in braces: `layer \"top\" { ... }`".into();
    }
    "see docs/language.md for the syntax of each item".into()
}
