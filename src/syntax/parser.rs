//! pest pairs → [`ast`]. The only module that knows pest.
//!
//! Lowering recursion follows the bracket structure, which the pre-scan has bounded by
//! [`MAX_NESTING`](super::MAX_NESTING).

use super::ast::*;
use super::{MAX_OPERANDS, SyntaxError};
use crate::source::{FileId, Span};
use crate::units::{ArithError, Exact};
use pest::Parser;
use pest::error::InputLocation;
use pest::iterators::Pair;

mod claims;
mod errors;
mod pieces;
pub(super) use pieces::parse_range;

use errors::from_pest;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/media.pest"]
struct MediaParser;

type P<'a> = Pair<'a, Rule>;

/// Parses a file one top-level item at a time: pest's memory stays bounded by the largest
/// item, and a syntax error costs only its item — parsing resumes at the next line that starts
/// an item at bracket depth 0 (`item_starts`, from the pre-scan).
/// pest alone, item by item as [`parse_file`] calls it, building no tree: the baseline the
/// benchmarks compare a check with. Returns the number of items; stops at the first error.
pub fn pest_only(text: &str) -> usize {
    let mut pos = 0usize;
    let mut items = 0;
    while let Some(rest) = text.get(pos..) {
        let Ok(mut pairs) = MediaParser::parse(Rule::item_start, rest) else {
            break;
        };
        let Some(root) = pairs.next() else { break };
        let consumed = root.as_span().end();
        if root.into_inner().any(|p| p.as_rule() == Rule::EOI) || consumed == 0 {
            break;
        }
        items += 1;
        pos += consumed;
    }
    items
}

pub fn parse_file(file: FileId, text: &str, item_starts: &[usize]) -> (File, Vec<SyntaxError>) {
    if text.len() >= 2 * pieces::PIECE_BYTES
        && let Some(done) = pieces::parse_pieces(file, text, item_starts)
    {
        return done;
    }
    let run = parse_from(file, text, item_starts, 0, usize::MAX);
    (
        File {
            items: run.items,
            comments: run.comments,
        },
        run.errors,
    )
}

/// What parsing from one position on gave, and where it stopped.
struct Run {
    items: Vec<Item>,
    comments: Vec<Comment>,
    errors: Vec<SyntaxError>,
    /// The position after the last item parsed.
    end: usize,
    /// The end of the file was reached.
    at_end: bool,
}

/// Parses item by item from `start` until an item ends at or after `stop` (or the file ends).
fn parse_from(file: FileId, text: &str, item_starts: &[usize], start: usize, stop: usize) -> Run {
    let mut items = Vec::new();
    let mut comments = Vec::new();
    let mut errors = Vec::new();
    let mut pos = start;
    let mut reached_end = false;
    while let Some(rest) = text
        .get(pos..)
        .filter(|_| !pieces::blank_until(text, pos, stop))
    {
        let mut l = Lower {
            file,
            offset: pos,
            operands: std::cell::Cell::new(0),
            comments: true,
        };
        let parsed = if errors.is_empty() {
            MediaParser::parse(Rule::item_start, rest)
        } else {
            parse_after_errors(text, pos, item_starts)
        };
        let root = match parsed {
            Ok(mut pairs) => pairs.next(),
            Err(e) => {
                errors.push(from_pest(file, text, pos, &e));
                let failed_at = pos + error_pos(&e);
                // Resume at the next item start after the failure (or after the item's own
                // start when the failure is at it, so that the loop always advances).
                // The item that failed may end where the next one starts (`medium "B"` without a
                // body, then `ink ...`): resume there, unless that is where this parse began.
                // Binary search: a file of many broken items must not rescan the list of
                // starts for each (that made recovery quadratic).
                let from = failed_at.max(pos + 1);
                match item_starts.get(item_starts.partition_point(|&s| s < from)) {
                    Some(&next) => {
                        pos = next;
                        continue;
                    }
                    None => break,
                }
            }
        };
        let Some(root) = root else { break };
        let consumed = root.as_span().end();
        // An item without a comment marker has none in any of its parts: spans need not look.
        let whole = root.as_str();
        l.comments = whole.contains("//") || whole.contains("/*");
        comments.extend(
            root.clone()
                .into_inner()
                .flatten()
                .filter(|p| p.as_rule() == Rule::COMMENT)
                .map(|p| Comment {
                    span: l.span(&p),
                    text: p.as_str().to_string(),
                }),
        );
        let mut at_end = false;
        for p in kids(root) {
            match p.as_rule() {
                Rule::EOI => at_end = true,
                _ => match l.item(p) {
                    Ok(item) => items.push(item),
                    Err(e) => errors.push(e),
                },
            }
        }
        if at_end || consumed == 0 {
            reached_end = true;
            break;
        }
        pos += consumed;
    }
    Run {
        items,
        comments,
        errors,
        end: pos,
        at_end: reached_end,
    }
}

/// Parses the item at `pos` in a file that already had a syntax error, so that a file of many
/// broken items costs time linear in its size.
///
/// pest's error costs the length of the input after the error (its `Position::find_line_start`
/// walks back from the end of the input), so handing it the rest of the file for every broken
/// item is quadratic. A broken item is found in a slice that ends at a later item start
/// instead, grown (one start, two, four, …) until the failure lies inside it: a failure before
/// the end of the slice was reached without looking at the end, so the whole rest would fail
/// there too. An item that parses, or fails only at the end of the largest slice, is parsed
/// again from the whole rest, which costs only the item's length when it succeeds.
fn parse_after_errors<'i>(
    text: &'i str,
    pos: usize,
    item_starts: &[usize],
) -> Result<pest::iterators::Pairs<'i, Rule>, pest::error::Error<Rule>> {
    let rest = text.get(pos..).unwrap_or("");
    let first = item_starts.partition_point(|&s| s <= pos);
    let mut ahead = 1usize;
    while let Some(&end) = item_starts.get(first + ahead - 1) {
        let Some(slice) = text.get(pos..end) else {
            break;
        };
        match MediaParser::parse(Rule::item_start, slice) {
            Err(e) if error_pos(&e) < slice.trim_end().len() => return Err(e),
            Err(_) => ahead *= 2,
            Ok(_) => break,
        }
    }
    MediaParser::parse(Rule::item_start, rest)
}

fn error_pos(e: &pest::error::Error<Rule>) -> usize {
    match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
}

fn kids(p: P<'_>) -> impl Iterator<Item = P<'_>> {
    p.into_inner().filter(|c| c.as_rule() != Rule::COMMENT)
}

struct Lower {
    file: FileId,
    /// Where the text handed to pest starts in the file.
    offset: usize,
    /// Operands of the expression being lowered, counted across parentheses: every operand
    /// is a level of the left-folded tree that later passes recurse through.
    operands: std::cell::Cell<usize>,
    /// Whether the item may hold comments (else no span needs trimming of them).
    comments: bool,
}

impl Lower {
    /// The pair's span without the whitespace and comments that pest's implicit `~` may have
    /// consumed after its last token (`18 g/m2 // note` spans `18 g/m2`).
    fn span(&self, p: &P<'_>) -> Span {
        let s = p.as_span();
        let text = p.as_str();
        let mut end = text.trim_end().len();
        if self.comments && (text.contains("//") || text.contains("/*")) {
            let comments: Vec<(usize, usize)> = p
                .clone()
                .into_inner()
                .flatten()
                .filter(|c| c.as_rule() == Rule::COMMENT)
                .map(|c| {
                    (
                        c.as_span().start() - s.start(),
                        c.as_span().end() - s.start(),
                    )
                })
                .collect();
            while let Some(&(start, _)) = comments.iter().find(|(_, e)| *e == end) {
                end = text.get(..start).map_or(start, |t| t.trim_end().len());
            }
        }
        Span::new(
            self.file,
            s.start() + self.offset,
            s.start() + end + self.offset,
        )
    }

    /// Counts one operand of the current expression; true when past the limit.
    fn count_operand(&self) -> bool {
        let n = self.operands.get() + 1;
        self.operands.set(n);
        n > MAX_OPERANDS
    }

    fn ident(&self, p: &P<'_>) -> Ident {
        Ident {
            name: p.as_str().to_string(),
            span: self.span(p),
        }
    }

    fn string(&self, p: &P<'_>) -> Str {
        let raw = p.as_str();
        let inner = raw
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(raw);
        let mut value = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => value.push('\n'),
                    Some(other) => value.push(other),
                    None => {}
                }
            } else {
                value.push(c);
            }
        }
        Str {
            value,
            span: self.span(p),
        }
    }

    fn item(&self, p: P<'_>) -> Result<Item, SyntaxError> {
        Ok(match p.as_rule() {
            Rule::module_decl => {
                let span = self.span(&p);
                let name = kids(p)
                    .find(|c| c.as_rule() == Rule::ident)
                    .map_or_else(|| self.missing(span), |c| self.ident(&c));
                Item::Module(ModuleDecl { name, span })
            }
            Rule::import_decl => {
                let span = self.span(&p);
                let path = kids(p).find(|c| c.as_rule() == Rule::string).map_or_else(
                    || Str {
                        value: String::new(),
                        span,
                    },
                    |c| self.string(&c),
                );
                Item::Import(ImportDecl { path, span })
            }
            Rule::dimension_decl => Item::Dimension(self.dimension_decl(p)?),
            Rule::unit_decl => Item::Unit(self.unit_decl(p)?),
            Rule::material_decl => Item::Material(self.material_decl(p)?),
            Rule::element_decl => Item::ElementKind(self.element_decl(p)),
            Rule::property_decl => Item::Property(self.property_decl(p)?),
            Rule::claimset_decl => Item::ClaimSet(self.claimset(p)?),
            Rule::intent => Item::Intent(self.intent(p)?),
            _ => Item::Element(self.element(p)?),
        })
    }

    fn dimension_decl(&self, p: P<'_>) -> Result<DimensionDecl, SyntaxError> {
        let sp = self.span(&p);
        let mut name = None;
        let mut formula = None;
        let mut label = None;
        let mut display = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => name = Some(self.ident(&c)),
                Rule::dim_expr => formula = Some(self.dim_formula(c)),
                Rule::string => label = Some(self.string(&c)),
                Rule::unit_expr => display = Some(self.unit_expr(c)?),
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| self.missing(sp));
        Ok(DimensionDecl {
            name,
            formula,
            label,
            display,
            span: sp,
        })
    }

    /// Grammar guarantees the parts; a placeholder keeps lowering total regardless.
    fn missing(&self, sp: Span) -> Ident {
        Ident {
            name: String::new(),
            span: sp,
        }
    }

    fn dim_formula(&self, p: P<'_>) -> DimFormula {
        let sp = self.span(&p);
        let mut factors = Vec::new();
        let mut sign = 1;
        for c in kids(p) {
            match c.as_rule() {
                Rule::dim_op => sign = if c.as_str() == "/" { -1 } else { 1 },
                Rule::dim_factor => {
                    let mut name = self.missing(sp);
                    let mut power = 1i32;
                    for f in kids(c) {
                        match f.as_rule() {
                            Rule::ident => name = self.ident(&f),
                            Rule::int => power = f.as_str().parse().unwrap_or(i32::MAX),
                            _ => {}
                        }
                    }
                    factors.push(DimFactor {
                        name,
                        power: power.saturating_mul(sign),
                    });
                }
                _ => {}
            }
        }
        DimFormula { factors, span: sp }
    }

    fn aliases(&self, p: P<'_>) -> Vec<Ident> {
        kids(p).map(|a| self.ident(&a)).collect()
    }

    fn unit_decl(&self, p: P<'_>) -> Result<UnitDecl, SyntaxError> {
        let sp = self.span(&p);
        let mut name = self.missing(sp);
        let mut aliases = Vec::new();
        let mut definition = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::unit_name => name = self.ident(&c),
                Rule::aliases => aliases = self.aliases(c),
                Rule::unit_base => {
                    let base = kids(c).find(|k| k.as_rule() == Rule::ident);
                    definition = Some(UnitDefinition::Base(
                        base.map_or(self.missing(sp), |b| self.ident(&b)),
                    ));
                }
                Rule::unit_scaled => {
                    let mut numbers = Vec::new();
                    let mut unit = None;
                    for k in kids(c) {
                        match k.as_rule() {
                            Rule::number => numbers.push(self.number(&k)?),
                            Rule::unit_expr => unit = Some(self.unit_expr(k)?),
                            _ => {}
                        }
                    }
                    let mut numbers = numbers.into_iter();
                    if let (Some(factor), Some(unit)) = (numbers.next(), unit) {
                        definition = Some(UnitDefinition::Scaled {
                            factor,
                            unit,
                            offset: numbers.next(),
                        });
                    }
                }
                _ => {}
            }
        }
        let definition = definition.unwrap_or_else(|| UnitDefinition::Base(self.missing(sp)));
        Ok(UnitDecl {
            name,
            aliases,
            definition,
            span: sp,
        })
    }

    fn material_decl(&self, p: P<'_>) -> Result<MaterialDecl, SyntaxError> {
        let sp = self.span(&p);
        let mut idents = Vec::new();
        let mut aliases = Vec::new();
        let mut label = None;
        let mut body = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => idents.push(self.ident(&c)),
                Rule::aliases => aliases = self.aliases(c),
                Rule::string => label = Some(self.string(&c)),
                Rule::block => body = Some(self.block(c)?),
                _ => {}
            }
        }
        let mut idents = idents.into_iter();
        let name = idents.next().unwrap_or_else(|| self.missing(sp));
        Ok(MaterialDecl {
            name,
            aliases,
            parents: idents.collect(),
            label,
            body,
            span: sp,
        })
    }

    fn element_decl(&self, p: P<'_>) -> ElementDecl {
        let sp = self.span(&p);
        let mut idents = Vec::new();
        let mut supers = Vec::new();
        let mut ordered = false;
        let mut amounts = Vec::new();
        let mut label = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => idents.push(self.ident(&c)),
                Rule::kind_super => supers.extend(kids(c).map(|k| self.ident(&k))),
                Rule::ordered_kw => ordered = true,
                Rule::amounts_clause => amounts = kids(c).map(|a| self.ident(&a)).collect(),
                Rule::string => label = Some(self.string(&c)),
                _ => {}
            }
        }
        let mut idents = idents.into_iter();
        let name = idents.next().unwrap_or_else(|| self.missing(sp));
        ElementDecl {
            name,
            supers,
            parents: idents.collect(),
            ordered,
            amounts,
            label,
            span: sp,
        }
    }

    fn property_decl(&self, p: P<'_>) -> Result<PropertyDecl, SyntaxError> {
        let sp = self.span(&p);
        let mut idents = Vec::new();
        let mut ty = None;
        let mut default = None;
        let mut label = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => idents.push(self.ident(&c)),
                Rule::prop_type => ty = kids(c).next().map(|t| self.prop_type(t)),
                Rule::prop_default => {
                    default = kids(c)
                        .find(|d| matches!(d.as_rule(), Rule::ident | Rule::bool_lit))
                        .map(|d| self.ident(&d));
                }
                Rule::string => label = Some(self.string(&c)),
                _ => {}
            }
        }
        let mut idents = idents.into_iter();
        let owner = idents.next().unwrap_or_else(|| self.missing(sp));
        let name = idents.next().unwrap_or_else(|| self.missing(sp));
        let ty = ty.unwrap_or(PropType::Text(sp));
        Ok(PropertyDecl {
            owner,
            name,
            ty,
            default,
            label,
            span: sp,
        })
    }

    fn prop_type(&self, p: P<'_>) -> PropType {
        let sp = self.span(&p);
        match p.as_rule() {
            Rule::type_bool => PropType::Bool(sp),
            Rule::type_text => PropType::Text(sp),
            Rule::type_material => PropType::Material(kids(p).next().map(|g| self.ident(&g)), sp),
            Rule::type_ref => {
                let mut kind = self.missing(sp);
                let mut list = false;
                for c in kids(p) {
                    match c.as_rule() {
                        Rule::ident => kind = self.ident(&c),
                        Rule::list_kw => list = true,
                        _ => {}
                    }
                }
                PropType::Ref {
                    kind,
                    list,
                    span: sp,
                }
            }
            Rule::type_one_of => PropType::OneOf(kids(p).map(|c| self.ident(&c)).collect(), sp),
            _ => PropType::Quantity(self.dim_formula(p)),
        }
    }

    fn element(&self, p: P<'_>) -> Result<Element, SyntaxError> {
        let sp = self.span(&p);
        let mut head = None;
        let mut name = None;
        let mut from = None;
        let mut value = None;
        let mut body = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => head = Some(self.ident(&c)),
                Rule::string => name = Some(self.string(&c)),
                Rule::variant_of => {
                    if let Some(s) = kids(c).find(|k| k.as_rule() == Rule::string) {
                        from = Some(self.string(&s));
                    }
                }
                Rule::value => value = Some(self.value(c)?),
                Rule::block => body = Some(self.block(c)?),
                _ => {}
            }
        }
        let head = head.unwrap_or_else(|| self.missing(sp));
        Ok(Element {
            head,
            name,
            from,
            value,
            body,
            span: sp,
        })
    }

    fn block(&self, p: P<'_>) -> Result<Block, SyntaxError> {
        let sp = self.span(&p);
        let mut entries = Vec::new();
        let mut closure = Closure::Listed;
        for c in kids(p) {
            let marker = if c.as_rule() == Rule::ellipsis {
                Closure::Open(self.span(&c))
            } else {
                let e = self.element(c)?;
                // `complete` alone on its line is the marker, not an entry.
                if e.head.name != "complete"
                    || e.name.is_some()
                    || e.value.is_some()
                    || e.body.is_some()
                {
                    entries.push(e);
                    continue;
                }
                Closure::Complete(e.span)
            };
            if closure != Closure::Listed {
                let span = match marker {
                    Closure::Open(s) | Closure::Complete(s) => s,
                    Closure::Listed => sp,
                };
                return Err(SyntaxError::Unexpected {
                    span,
                    expected: vec!["an entry"],
                    found: "a second `...` or `complete`".into(),
                    help: "a block says once how much it lists: `...` (there may be more) or `complete` (there is nothing else), not both".into(),
                });
            }
            closure = marker;
        }
        // The tree of a large file is held until the model is built: no growth slack.
        entries.shrink_to_fit();
        Ok(Block {
            entries,
            closure,
            span: sp,
        })
    }

    fn value(&self, p: P<'_>) -> Result<Value, SyntaxError> {
        let sp = self.span(&p);
        let Some(c) = kids(p).next() else {
            return Ok(Value::List(Vec::new(), sp));
        };
        Ok(match c.as_rule() {
            Rule::list => Value::List(kids(c).map(|s| self.string(&s)).collect(), sp),
            Rule::string => Value::Str(self.string(&c)),
            Rule::bool_lit => Value::Bool(c.as_str() == "true", sp),
            Rule::ident => Value::Ident(self.ident(&c)),
            _ => Value::Amount(self.amount(c)?),
        })
    }

    fn amount(&self, p: P<'_>) -> Result<Amount, SyntaxError> {
        let sp = self.span(&p);
        let mut spread = None;
        let mut of = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::spread => spread = Some(self.spread(c)?),
                Rule::ident => of = Some(Reference::Name(self.ident(&c))),
                Rule::string => of = Some(Reference::Label(self.string(&c))),
                _ => {}
            }
        }
        let spread = match spread {
            Some(s) => s,
            None => return Err(self.unexpected_at(sp, "a quantity")),
        };
        Ok(Amount {
            spread,
            of,
            span: sp,
        })
    }

    fn unexpected_at(&self, span: Span, what: &'static str) -> SyntaxError {
        SyntaxError::Unexpected {
            span,
            expected: vec![what],
            found: String::new(),
            help: String::new(),
        }
    }

    fn spread(&self, p: P<'_>) -> Result<Spread, SyntaxError> {
        self.operands.set(0);
        let sp = self.span(&p);
        let mut exprs = Vec::new();
        let mut op = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::expr => exprs.push(self.expr(c)?),
                Rule::plus_minus | Rule::range_op => op = Some(c.as_rule()),
                _ => {}
            }
        }
        let mut exprs = exprs.into_iter();
        let first = exprs
            .next()
            .ok_or_else(|| self.unexpected_at(sp, "a quantity"))?;
        Ok(match (op, exprs.next()) {
            (Some(Rule::plus_minus), Some(d)) => Spread::Tolerance(first, d),
            (Some(_), Some(b)) => Spread::Range(first, b),
            _ => Spread::Exact(first),
        })
    }

    /// `term (op term)*`, folded to the left — the one fold of spec values and claim
    /// expressions. `nested` lowers a sub-chain (a term), `leaf` a factor; the number of
    /// operands is capped so that the folded tree stays shallow.
    fn fold_chain<T>(
        &self,
        p: P<'_>,
        (term_rule, factor_rule): (Rule, Rule),
        nested: &dyn Fn(P<'_>) -> Result<T, SyntaxError>,
        leaf: &dyn Fn(P<'_>) -> Result<T, SyntaxError>,
        combine: &dyn Fn(T, BinOp, T) -> T,
    ) -> Result<Option<T>, SyntaxError> {
        let mut acc: Option<T> = None;
        let mut op = BinOp::Add;
        for c in kids(p) {
            let rule = c.as_rule();
            if rule == Rule::add_op || rule == Rule::mul_op {
                op = match c.as_str().trim() {
                    "+" => BinOp::Add,
                    "-" | "−" => BinOp::Sub,
                    "*" | "×" => BinOp::Mul,
                    _ => BinOp::Div,
                };
            } else if rule == term_rule || rule == factor_rule {
                if rule == factor_rule && self.count_operand() {
                    // Point at the first operand past the limit, not the whole expression.
                    return Err(SyntaxError::ExpressionTooLong {
                        span: self.span(&c),
                        limit: MAX_OPERANDS,
                    });
                }
                let rhs = if rule == term_rule {
                    nested(c)?
                } else {
                    leaf(c)?
                };
                acc = Some(match acc {
                    None => rhs,
                    Some(lhs) => combine(lhs, op, rhs),
                });
            }
        }
        Ok(acc)
    }

    /// Parses `prefix* inner` and wraps the inner value once when the prefixes are odd in
    /// number. Repeated signs (`--x`) and negations (`not not x`) fold so that a long run of
    /// them cannot build a deep tree for later passes to recurse through.
    fn fold_prefix<T>(
        &self,
        p: P<'_>,
        (prefix_rule, inner_rule): (Rule, Rule),
        expected: &'static str,
        inner: &dyn Fn(P<'_>) -> Result<T, SyntaxError>,
        wrap: &dyn Fn(Box<T>, Span) -> T,
    ) -> Result<T, SyntaxError> {
        let span = self.span(&p);
        let mut prefixes = 0usize;
        let mut value = None;
        for c in kids(p) {
            let rule = c.as_rule();
            if rule == prefix_rule {
                prefixes += 1;
            } else if rule == inner_rule {
                value = Some(inner(c)?);
            }
        }
        let value = value.ok_or_else(|| self.unexpected_at(span, expected))?;
        Ok(if prefixes % 2 == 1 {
            wrap(Box::new(value), span)
        } else {
            value
        })
    }

    fn expr(&self, p: P<'_>) -> Result<Expr, SyntaxError> {
        let sp = self.span(&p);
        let combine = |l: Expr, op, r: Expr| {
            let s = l.span().to(r.span());
            Expr::Binary(Box::new(l), op, Box::new(r), s)
        };
        self.fold_chain(
            p,
            (Rule::term, Rule::factor),
            &|c| self.expr(c),
            &|c| self.factor(c),
            &combine,
        )?
        .ok_or_else(|| self.unexpected_at(sp, "a quantity"))
    }

    fn factor(&self, p: P<'_>) -> Result<Expr, SyntaxError> {
        self.fold_prefix(
            p,
            (Rule::neg_op, Rule::primary),
            "a quantity",
            &|c| self.primary(c),
            &Expr::Neg,
        )
    }

    fn primary(&self, p: P<'_>) -> Result<Expr, SyntaxError> {
        let sp = self.span(&p);
        let Some(c) = kids(p).next() else {
            return Err(self.unexpected_at(sp, "a quantity"));
        };
        match c.as_rule() {
            Rule::paren => {
                let inner = kids(c)
                    .next()
                    .ok_or_else(|| self.unexpected_at(sp, "an expression"))?;
                Ok(Expr::Paren(Box::new(self.expr(inner)?), sp))
            }
            _ => Ok(Expr::Quantity(self.quantity(c)?)),
        }
    }

    fn quantity(&self, p: P<'_>) -> Result<Quantity, SyntaxError> {
        let sp = self.span(&p);
        let mut number = None;
        let mut unit = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::number => number = Some(self.number(&c)?),
                Rule::unit_expr => unit = Some(self.unit_expr(c)?),
                _ => {}
            }
        }
        let number = number.ok_or_else(|| self.unexpected_at(sp, "a number"))?;
        Ok(Quantity {
            number,
            unit,
            span: sp,
        })
    }

    fn number(&self, p: &P<'_>) -> Result<Number, SyntaxError> {
        let sp = self.span(p);
        match Exact::parse(p.as_str()) {
            Some(Ok(value)) => Ok(Number { value, span: sp }),
            Some(Err(ArithError::DivisionByZero)) => Err(SyntaxError::ZeroDenominator { span: sp }),
            _ => Err(SyntaxError::NumberTooLarge { span: sp }),
        }
    }

    fn unit_expr(&self, p: P<'_>) -> Result<UnitExpr, SyntaxError> {
        let sp = self.span(&p);
        let mut factors = Vec::new();
        let mut sign = 1;
        for c in kids(p) {
            match c.as_rule() {
                Rule::unit_op => sign = if c.as_str() == "/" { -1 } else { 1 },
                Rule::unit_factor => {
                    let fsp = self.span(&c);
                    let mut name = String::new();
                    let mut power = 1;
                    for f in kids(c) {
                        match f.as_rule() {
                            Rule::unit_name => name = f.as_str().to_string(),
                            Rule::unit_power => {
                                power = parse_power(f.as_str()).ok_or_else(|| {
                                    SyntaxError::UnitPower {
                                        span: self.span(&f),
                                        power: f.as_str().to_string(),
                                    }
                                })?
                            }
                            _ => {}
                        }
                    }
                    factors.push(UnitFactor {
                        name,
                        power: power * sign,
                        span: fsp,
                    });
                }
                _ => {}
            }
        }
        Ok(UnitExpr { factors, span: sp })
    }
}

/// `^2`, `^-1`, `²`, `⁻¹`, `2` → the power; `None` when outside ±12.
fn parse_power(text: &str) -> Option<i32> {
    let ascii: String = text
        .trim_start_matches('^')
        .chars()
        .map(|c| match c {
            '⁻' => '-',
            '¹' => '1',
            '²' => '2',
            '³' => '3',
            '⁴' => '4',
            other => other,
        })
        .collect();
    let n: i32 = ascii.parse().ok()?;
    (n != 0 && n.abs() <= 12).then_some(n)
}
