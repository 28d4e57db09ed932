//! The outline of a document: its specs (with their sub-elements), claim sets (with their
//! claims), intents and declarations, from the syntax tree of the text as typed (items that
//! do not parse are left out).

use super::{Failure, text};
use crate::syntax::ast::{Element, Item};
use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

pub fn document_symbols(
    ws: &mut super::Workspace,
    p: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, Failure> {
    let key = super::workspace::key(&p.text_document.uri);
    let Some(doc) = ws.open.get(&key) else {
        return Ok(None);
    };
    let src = doc.text.as_str();
    let (tree, _) = crate::syntax::parse(crate::source::FileId(0), src);
    let starts = text::line_starts(src);
    let sym = |name: String,
               detail: Option<String>,
               kind,
               span: crate::source::Span,
               sel: crate::source::Span,
               children: Vec<DocumentSymbol>| {
        #[allow(deprecated)]
        DocumentSymbol {
            name: if name.is_empty() { "…".into() } else { name },
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: text::range(src, &starts, span.start as usize, span.end as usize),
            selection_range: text::range(src, &starts, sel.start as usize, sel.end as usize),
            children: (!children.is_empty()).then_some(children),
        }
    };
    fn element_children(
        e: &Element,
        depth: usize,
        make: &dyn Fn(&Element, Vec<DocumentSymbol>) -> DocumentSymbol,
    ) -> Vec<DocumentSymbol> {
        let Some(body) = &e.body else {
            return Vec::new();
        };
        if depth > 32 {
            return Vec::new();
        }
        body.entries
            .iter()
            .filter(|c| c.name.is_some() || c.body.as_ref().is_some_and(|b| !b.entries.is_empty()))
            .map(|c| make(c, element_children(c, depth + 1, make)))
            .collect()
    }
    let make_element = |e: &Element, children: Vec<DocumentSymbol>| {
        let name = match &e.name {
            Some(n) => format!("{} \"{}\"", e.head.name, n.value),
            None => e.head.name.clone(),
        };
        sym(
            name,
            None,
            SymbolKind::OBJECT,
            e.span,
            e.head.span,
            children,
        )
    };
    let mut out = Vec::new();
    for item in &tree.items {
        let s = match item {
            Item::Element(e) => make_element(e, element_children(e, 0, &make_element)),
            Item::ClaimSet(c) => {
                let claims = c
                    .claims
                    .iter()
                    .map(|cl| {
                        sym(
                            format!("claim {}", cl.number),
                            Some(cl.category.name.clone()),
                            SymbolKind::FUNCTION,
                            cl.span,
                            cl.number_span,
                            Vec::new(),
                        )
                    })
                    .collect();
                sym(
                    c.id.name.clone(),
                    Some(c.title.value.clone()),
                    SymbolKind::MODULE,
                    c.span,
                    c.id.span,
                    claims,
                )
            }
            Item::Intent(i) => sym(
                format!(
                    "{} \"{}\"",
                    if i.avoid { "avoid" } else { "expect" },
                    i.subject.value
                ),
                Some(i.claimset.name.clone()),
                SymbolKind::EVENT,
                i.span,
                i.subject.span,
                Vec::new(),
            ),
            Item::Material(m) => sym(
                m.name.name.clone(),
                Some("material".into()),
                SymbolKind::CONSTANT,
                m.span,
                m.name.span,
                Vec::new(),
            ),
            Item::Unit(u) => sym(
                u.name.name.clone(),
                Some("unit".into()),
                SymbolKind::CONSTANT,
                u.span,
                u.name.span,
                Vec::new(),
            ),
            Item::Dimension(d) => sym(
                d.name.name.clone(),
                Some("dimension".into()),
                SymbolKind::TYPE_PARAMETER,
                d.span,
                d.name.span,
                Vec::new(),
            ),
            Item::ElementKind(k) => sym(
                k.name.name.clone(),
                Some("element kind".into()),
                SymbolKind::CLASS,
                k.span,
                k.name.span,
                Vec::new(),
            ),
            Item::Property(p) => sym(
                format!("{}.{}", p.owner.name, p.name.name),
                Some("property".into()),
                SymbolKind::PROPERTY,
                p.span,
                p.name.span,
                Vec::new(),
            ),
            Item::Module(m) => sym(
                m.name.name.clone(),
                Some("module".into()),
                SymbolKind::NAMESPACE,
                m.span,
                m.name.span,
                Vec::new(),
            ),
            Item::Import(i) => sym(
                i.path.value.clone(),
                Some("import".into()),
                SymbolKind::FILE,
                i.span,
                i.path.span,
                Vec::new(),
            ),
        };
        out.push(s);
    }
    Ok(Some(DocumentSymbolResponse::Nested(out)))
}
