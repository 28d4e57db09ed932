//! Semantic tokens: comments, strings (claim words apart), numbers, keywords, and names the
//! prelude and the files declare (element kinds, properties, materials, units), so that an
//! editor without the TextMate grammar still colours a file, and one with it sees which names
//! resolve.

use super::Failure;
use lsp_types::{
    SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensLegend, SemanticTokensParams,
    SemanticTokensResult,
};

const TYPES: &[SemanticTokenType] = &[
    SemanticTokenType::COMMENT,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::KEYWORD,
    SemanticTokenType::TYPE,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::OPERATOR,
];

const KEYWORDS: &[&str] = &[
    "dimension",
    "unit",
    "element",
    "property",
    "material",
    "claimset",
    "claim",
    "expect",
    "avoid",
    "meets",
    "reads_on",
    "source",
    "construction",
    "about",
    "within",
    "construed",
    "where",
    "and",
    "or",
    "not",
    "is",
    "in",
    "on",
    "of",
    "from",
    "with",
    "module",
    "import",
    "complete",
    "base",
    "offset",
    "ordered",
    "amounts",
    "default",
    "true",
    "false",
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: Vec::new(),
    }
}

pub fn full(
    ws: &mut super::Workspace,
    p: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>, Failure> {
    let compiled = ws.compile();
    let Some(file) = compiled.file_of(&p.text_document.uri) else {
        return Ok(None);
    };
    let text = compiled.text(file);
    let schema = &compiled.c.model.schema;
    let classify = |word: &str| -> Option<u32> {
        if KEYWORDS.contains(&word) {
            Some(3)
        } else if schema.kind_id(word).is_some() {
            Some(4)
        } else if schema.materials.lookup(word).is_some() {
            Some(6)
        } else if schema.units.unit(word).is_some() {
            Some(7)
        } else {
            None
        }
    };
    let mut tokens = Vec::new();
    let mut prev = (0u32, 0u32);
    let mut push = |line: u32, col: u32, len: u32, ty: u32| {
        let delta_line = line - prev.0;
        let delta_start = if delta_line == 0 { col - prev.1 } else { col };
        tokens.push(SemanticToken {
            delta_line,
            delta_start,
            length: len,
            token_type: ty,
            token_modifiers_bitset: 0,
        });
        prev = (line, col);
    };
    for (line_no, line) in text.split('\n').enumerate() {
        let line_no = u32::try_from(line_no).unwrap_or(u32::MAX);
        let mut chars = line.char_indices().peekable();
        let col16 = |byte: usize| -> u32 {
            u32::try_from(line.get(..byte).unwrap_or_default().encode_utf16().count()).unwrap_or(0)
        };
        let len16 = |a: usize, b: usize| -> u32 {
            u32::try_from(line.get(a..b).unwrap_or_default().encode_utf16().count()).unwrap_or(0)
        };
        while let Some((i, c)) = chars.next() {
            if c == '/' && chars.peek().is_some_and(|(_, n)| *n == '/') {
                push(line_no, col16(i), len16(i, line.len()), 0);
                break;
            }
            if c == '"' {
                let mut end = line.len();
                let mut escaped = false;
                for (j, d) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == '"' {
                        end = j + 1;
                        break;
                    }
                }
                push(line_no, col16(i), len16(i, end), 1);
                continue;
            }
            if c.is_ascii_digit() {
                let mut end = i + 1;
                while let Some((j, d)) = chars.peek().copied() {
                    if d.is_ascii_digit() || d == '.' {
                        chars.next();
                        end = j + 1;
                    } else {
                        break;
                    }
                }
                push(line_no, col16(i), len16(i, end), 2);
                continue;
            }
            if c.is_ascii_alphabetic() || c == '_' {
                let mut end = i + 1;
                while let Some((j, d)) = chars.peek().copied() {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        chars.next();
                        end = j + 1;
                    } else {
                        break;
                    }
                }
                if let Some(ty) = line.get(i..end).and_then(classify) {
                    push(line_no, col16(i), len16(i, end), ty);
                }
            }
        }
    }
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data: tokens,
    })))
}
