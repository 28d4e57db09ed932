//! pest pairs → claim-set and intent AST.

use super::{Lower, P, Rule, kids};
use crate::syntax::MAX_OPERANDS;
use crate::syntax::SyntaxError;
use crate::syntax::ast::*;

impl Lower {
    pub(super) fn claimset(&self, p: P<'_>) -> Result<ClaimSetDecl, SyntaxError> {
        let span = self.span(&p);
        let mut id = None;
        let mut title = None;
        let mut source = None;
        let mut patent = None;
        let mut claims = Vec::new();
        let mut constructions = Vec::new();
        let mut about = None;
        let mut about_count = 0;
        for c in kids(p) {
            match c.as_rule() {
                Rule::ident => id = Some(self.ident(&c)),
                Rule::string => title = Some(self.string(&c)),
                Rule::source_clause => source = kids(c).next().map(|s| self.string(&s)),
                Rule::patent_clause => patent = kids(c).next().map(|s| self.string(&s)),
                Rule::construction_decl => constructions.push(self.construction(c)),
                Rule::about_decl => {
                    about_count += 1;
                    if let Some(q) = kids(c).find(|k| k.as_rule() == Rule::quantity) {
                        about = Some(self.quantity(q)?);
                    }
                }
                Rule::claim => claims.push(self.claim(c)?),
                _ => {}
            }
        }
        let empty = || Str {
            value: String::new(),
            span,
        };
        Ok(ClaimSetDecl {
            id: id.unwrap_or_else(|| self.missing(span)),
            title: title.unwrap_or_else(empty),
            source: source.unwrap_or_else(empty),
            patent,
            constructions,
            about,
            about_count,
            claims,
            span,
        })
    }

    fn construction(&self, p: P<'_>) -> ConstructionDecl {
        let span = self.span(&p);
        let mut name = None;
        let mut question = None;
        let mut alternatives = Vec::new();
        for c in kids(p) {
            match c.as_rule() {
                Rule::name => name = Some(self.ident(&c)),
                Rule::string => question = Some(self.string(&c)),
                Rule::alternative => {
                    let aspan = self.span(&c);
                    let mut alt_name = None;
                    let mut default = false;
                    let mut strings = Vec::new();
                    for a in kids(c) {
                        match a.as_rule() {
                            Rule::name => alt_name = Some(self.ident(&a)),
                            Rule::default_kw => default = true,
                            Rule::string => strings.push(self.string(&a)),
                            _ => {}
                        }
                    }
                    let mut strings = strings.into_iter();
                    alternatives.push(AlternativeDecl {
                        name: alt_name.unwrap_or_else(|| self.missing(aspan)),
                        default,
                        rationale: strings.next().unwrap_or(Str {
                            value: String::new(),
                            span: aspan,
                        }),
                        source: strings.next(),
                        span: aspan,
                    });
                }
                _ => {}
            }
        }
        ConstructionDecl {
            name: name.unwrap_or_else(|| self.missing(span)),
            question: question.unwrap_or(Str {
                value: String::new(),
                span,
            }),
            alternatives,
            span,
        }
    }

    fn claim_number(&self, p: &P<'_>) -> Result<u32, SyntaxError> {
        p.as_str()
            .parse()
            .map_err(|_| SyntaxError::NumberTooLarge { span: self.span(p) })
    }

    fn claim_range(&self, p: P<'_>) -> Result<ClaimRange, SyntaxError> {
        let span = self.span(&p);
        let mut numbers = Vec::new();
        for c in kids(p) {
            numbers.push(self.claim_number(&c)?);
        }
        let from = numbers.first().copied().unwrap_or(0);
        let to = numbers.get(1).copied().unwrap_or(from);
        Ok(ClaimRange { from, to, span })
    }

    fn claim(&self, p: P<'_>) -> Result<ClaimDecl, SyntaxError> {
        let span = self.span(&p);
        let mut number = None;
        let mut category = None;
        let mut parents = Vec::new();
        let mut items = Vec::new();
        for c in kids(p) {
            match c.as_rule() {
                Rule::int_lit => number = Some((self.claim_number(&c)?, self.span(&c))),
                Rule::ident => category = Some(self.ident(&c)),
                Rule::parents => {
                    for r in kids(c) {
                        parents.push(self.claim_range(r)?);
                    }
                }
                Rule::binder => items.push(ClaimItem::Binder(self.binder(c)?)),
                Rule::limitation => items.push(ClaimItem::Limitation(self.limitation(c)?)),
                _ => {}
            }
        }
        let (number, number_span) = number.unwrap_or((0, span));
        Ok(ClaimDecl {
            number,
            number_span,
            category: category.unwrap_or_else(|| self.missing(span)),
            parents,
            items,
            span,
        })
    }

    fn binder(&self, p: P<'_>) -> Result<BinderDecl, SyntaxError> {
        self.operands.set(0);
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut source = None;
        let mut genus = None;
        let mut filter = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::name => names.push(self.ident(&c)),
                Rule::bind_eq => {
                    source = kids(c)
                        .next()
                        .map(|path| BinderSource::Eq(self.path(&path)))
                }
                Rule::bind_rel => source = self.bind_rel(c),
                Rule::is_clause => {
                    genus = kids(c)
                        .find(|k| k.as_rule() == Rule::name)
                        .map(|g| self.ident(&g))
                }
                Rule::where_clause => {
                    if let Some(e) = kids(c).find(|k| k.as_rule() == Rule::c_expr) {
                        filter = Some(self.c_expr(e)?);
                    }
                }
                _ => {}
            }
        }
        let mut names = names.into_iter();
        let kind = names.next().unwrap_or_else(|| self.missing(span));
        let var = names.next().unwrap_or_else(|| self.missing(span));
        Ok(BinderDecl {
            kind,
            var,
            source,
            genus,
            filter,
            span,
        })
    }

    fn bind_rel(&self, p: P<'_>) -> Option<BinderSource> {
        let mut on = false;
        let mut target = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::on_kw => on = true,
                Rule::name => target = Some(self.ident(&c)),
                _ => {}
            }
        }
        target.map(|t| {
            if on {
                BinderSource::On(t)
            } else {
                BinderSource::In(t)
            }
        })
    }

    fn path(&self, p: &P<'_>) -> Path {
        let parts = p
            .clone()
            .into_inner()
            .filter(|c| c.as_rule() == Rule::name)
            .map(|c| self.ident(&c))
            .collect();
        Path {
            parts,
            span: self.span(p),
        }
    }

    fn limitation(&self, p: P<'_>) -> Result<LimitationDecl, SyntaxError> {
        self.operands.set(0);
        let span = self.span(&p);
        let mut words = None;
        let mut also = Vec::new();
        let mut body = None;
        let mut note = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::note_clause => {
                    note = kids(c)
                        .find(|k| k.as_rule() == Rule::string)
                        .map(|s| self.string(&s));
                }
                Rule::string if words.is_none() => words = Some(self.string(&c)),
                Rule::string => also.push(self.string(&c)),
                Rule::c_expr => body = Some(LimitationBody::Expr(self.c_expr(c)?)),
                Rule::binder => body = Some(LimitationBody::Binder(self.binder(c)?)),
                _ => {}
            }
        }
        let words = words.unwrap_or(Str {
            value: String::new(),
            span,
        });
        let body = body.ok_or_else(|| self.unexpected_at(span, "an expression"))?;
        Ok(LimitationDecl {
            words,
            also,
            body,
            note,
            span,
        })
    }

    /// `a or b or c` / `a and b`: flat lists, capped like arithmetic chains.
    fn c_expr(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        let span = self.span(&p);
        let rule = p.as_rule();
        let mut parts = Vec::new();
        for c in kids(p) {
            match c.as_rule() {
                Rule::c_and => parts.push(self.c_expr(c)?),
                Rule::c_not => parts.push(self.c_not(c)?),
                _ => {}
            }
            if parts.len() > MAX_OPERANDS {
                return Err(SyntaxError::ExpressionTooLong {
                    span,
                    limit: MAX_OPERANDS,
                });
            }
        }
        if parts.len() == 1 {
            return parts
                .pop()
                .ok_or_else(|| self.unexpected_at(span, "an expression"));
        }
        Ok(if rule == Rule::c_expr {
            CExpr::Or(parts, span)
        } else {
            CExpr::And(parts, span)
        })
    }

    fn c_not(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        self.fold_prefix(
            p,
            (Rule::not_kw, Rule::c_cmp),
            "an expression",
            &|c| self.c_cmp(c),
            &CExpr::Not,
        )
    }

    fn c_cmp(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        let span = self.span(&p);
        let mut lhs = None;
        let mut op = None;
        let mut rhs = None;
        let mut interval = None;
        let mut is = None;
        let mut member = false;
        for c in kids(p) {
            match c.as_rule() {
                Rule::c_arith if lhs.is_none() => lhs = Some(self.c_arith(c)?),
                Rule::c_arith => rhs = Some(self.c_arith(c)?),
                Rule::cmp_op => {
                    op = Some(match c.as_str() {
                        "<" => CmpOp::Lt,
                        "<=" | "≤" => CmpOp::Le,
                        ">" => CmpOp::Gt,
                        ">=" | "≥" => CmpOp::Ge,
                        "==" => CmpOp::Eq,
                        _ => CmpOp::Ne,
                    })
                }
                Rule::in_kw => member = true,
                Rule::interval_lit => interval = Some(c),
                Rule::name => is = Some(self.ident(&c)),
                _ => {}
            }
        }
        let lhs = lhs.ok_or_else(|| self.unexpected_at(span, "an expression"))?;
        if let Some(iv) = interval {
            let mut ends = Vec::new();
            let mut lo_closed = true;
            let mut hi_closed = true;
            for c in kids(iv) {
                match c.as_rule() {
                    Rule::open_bracket => lo_closed = c.as_str() == "[",
                    Rule::close_bracket => hi_closed = c.as_str() == "]",
                    Rule::c_arith => ends.push(self.c_arith(c)?),
                    _ => {}
                }
            }
            let mut ends = ends.into_iter();
            let (Some(lo), Some(hi)) = (ends.next(), ends.next()) else {
                return Err(self.unexpected_at(span, "an interval"));
            };
            return Ok(CExpr::InInterval {
                value: Box::new(lhs),
                lo: Box::new(lo),
                lo_closed,
                hi: Box::new(hi),
                hi_closed,
                span,
            });
        }
        if let Some(genus) = is {
            return Ok(CExpr::Is(Box::new(lhs), genus, span));
        }
        match (op, rhs) {
            (Some(op), Some(rhs)) => Ok(CExpr::Cmp(Box::new(lhs), op, Box::new(rhs), span)),
            (None, Some(rhs)) if member => Ok(CExpr::Member(Box::new(lhs), Box::new(rhs), span)),
            _ => Ok(lhs),
        }
    }

    fn c_arith(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        let span = self.span(&p);
        let combine = |l: CExpr, op, r: CExpr| {
            let s = l.span().to(r.span());
            CExpr::Arith(Box::new(l), op, Box::new(r), s)
        };
        self.fold_chain(
            p,
            (Rule::c_term, Rule::c_factor),
            &|c| self.c_arith(c),
            &|c| self.c_factor(c),
            &combine,
        )?
        .ok_or_else(|| self.unexpected_at(span, "an expression"))
    }

    fn c_factor(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        self.fold_prefix(
            p,
            (Rule::neg_op, Rule::c_primary),
            "an expression",
            &|c| self.c_primary(c),
            &CExpr::Neg,
        )
    }

    fn c_primary(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        let span = self.span(&p);
        let Some(c) = kids(p).next() else {
            return Err(self.unexpected_at(span, "an expression"));
        };
        Ok(match c.as_rule() {
            Rule::c_paren => {
                let inner = kids(c)
                    .next()
                    .ok_or_else(|| self.unexpected_at(span, "an expression"))?;
                CExpr::Paren(Box::new(self.c_expr(inner)?), span)
            }
            Rule::call => self.call(c)?,
            Rule::ratio_lit => {
                let nums: Vec<P<'_>> = kids(c).collect();
                let (Some(a), Some(b)) = (nums.first(), nums.get(1)) else {
                    return Err(self.unexpected_at(span, "a ratio"));
                };
                CExpr::Ratio(self.number(a)?, self.number(b)?, span)
            }
            Rule::quantity => CExpr::Quantity(self.quantity(c)?),
            Rule::bool_lit => CExpr::Bool(c.as_str() == "true", span),
            Rule::path => CExpr::Path(self.path(&c)),
            Rule::construed => {
                let mut point = None;
                let mut arms = Vec::new();
                for k in kids(c) {
                    match k.as_rule() {
                        Rule::name => point = Some(self.ident(&k)),
                        Rule::construed_arm => {
                            let mut alt = None;
                            let mut expr = None;
                            for a in kids(k) {
                                match a.as_rule() {
                                    Rule::name => alt = Some(self.ident(&a)),
                                    Rule::c_expr => expr = Some(self.c_expr(a)?),
                                    _ => {}
                                }
                            }
                            if let (Some(alt), Some(expr)) = (alt, expr) {
                                arms.push((alt, expr));
                            }
                        }
                        _ => {}
                    }
                }
                CExpr::Construed {
                    point: point.unwrap_or_else(|| self.missing(span)),
                    arms,
                    span,
                }
            }
            Rule::about_bound => {
                let mut bound = None;
                let mut within = None;
                for k in kids(c) {
                    match k.as_rule() {
                        Rule::ratio_lit => {
                            let nums: Vec<P<'_>> = kids(k.clone()).collect();
                            let (Some(a), Some(b)) = (nums.first(), nums.get(1)) else {
                                return Err(self.unexpected_at(span, "a ratio"));
                            };
                            bound = Some(CExpr::Ratio(
                                self.number(a)?,
                                self.number(b)?,
                                self.span(&k),
                            ));
                        }
                        Rule::quantity if bound.is_none() => {
                            bound = Some(CExpr::Quantity(self.quantity(k)?));
                        }
                        Rule::quantity => within = Some(self.quantity(k)?),
                        _ => {}
                    }
                }
                CExpr::About {
                    bound: Box::new(bound.ok_or_else(|| self.unexpected_at(span, "a bound"))?),
                    within,
                    span,
                }
            }
            Rule::name_list => CExpr::NameList(kids(c).map(|n| self.ident(&n)).collect(), span),
            _ => CExpr::Name(self.ident(&c)),
        })
    }

    fn call(&self, p: P<'_>) -> Result<CExpr, SyntaxError> {
        let span = self.span(&p);
        let mut func = None;
        let mut args = Vec::new();
        let mut quant = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::name => func = Some(self.ident(&c)),
                Rule::c_expr => args.push(self.c_expr(c)?),
                Rule::quant_arg => quant = Some(Box::new(self.quant_arg(c)?)),
                _ => {}
            }
        }
        Ok(CExpr::Call {
            func: func.unwrap_or_else(|| self.missing(span)),
            args,
            quant,
            span,
        })
    }

    fn quant_arg(&self, p: P<'_>) -> Result<QuantArg, SyntaxError> {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut source = None;
        let mut genus = None;
        let mut filter = None;
        let mut body = None;
        for c in kids(p) {
            match c.as_rule() {
                Rule::name => names.push(self.ident(&c)),
                Rule::bind_rel => source = self.bind_rel(c),
                Rule::bind_eq => {
                    source = kids(c)
                        .find(|k| k.as_rule() == Rule::path)
                        .map(|path| BinderSource::Eq(self.path(&path)));
                }
                Rule::is_clause => {
                    genus = kids(c)
                        .find(|k| k.as_rule() == Rule::name)
                        .map(|g| self.ident(&g))
                }
                Rule::where_clause => {
                    if let Some(e) = kids(c).find(|k| k.as_rule() == Rule::c_expr) {
                        filter = Some(self.c_expr(e)?);
                    }
                }
                Rule::c_expr => body = Some(self.c_expr(c)?),
                _ => {}
            }
        }
        let mut names = names.into_iter();
        let kind = names.next().unwrap_or_else(|| self.missing(span));
        let var = names.next().unwrap_or_else(|| self.missing(span));
        Ok(QuantArg {
            binder: BinderDecl {
                kind,
                var,
                source,
                genus,
                filter,
                span,
            },
            body,
            span,
        })
    }

    pub(super) fn intent(&self, p: P<'_>) -> Result<IntentDecl, SyntaxError> {
        let span = self.span(&p);
        let mut avoid = false;
        let mut subject_kind = None;
        let mut subject = None;
        let mut claimset = None;
        let mut claims = None;
        let mut adopted = Vec::new();
        for c in kids(p) {
            match c.as_rule() {
                Rule::avoid_kw => avoid = true,
                Rule::adopted => {
                    for pin in kids(c).filter(|k| k.as_rule() == Rule::adopted_pin) {
                        let names: Vec<Ident> = kids(pin).map(|n| self.ident(&n)).collect();
                        if let [point, alt] = names.as_slice() {
                            adopted.push((point.clone(), alt.clone()));
                        }
                    }
                }
                Rule::subject => {
                    for s in kids(c) {
                        match s.as_rule() {
                            Rule::name => subject_kind = Some(self.ident(&s)),
                            Rule::string => subject = Some(self.string(&s)),
                            _ => {}
                        }
                    }
                }
                Rule::claim_sel => {
                    for s in kids(c) {
                        match s.as_rule() {
                            Rule::ident => claimset = Some(self.ident(&s)),
                            Rule::claim_list => {
                                let mut list = Vec::new();
                                for r in kids(s) {
                                    list.push(self.claim_range(r)?);
                                }
                                claims = Some(list);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(IntentDecl {
            avoid,
            subject_kind,
            subject: subject.unwrap_or(Str {
                value: String::new(),
                span,
            }),
            claimset: claimset.unwrap_or_else(|| self.missing(span)),
            claims,
            adopted,
            span,
        })
    }
}
