//! The syntax tree of a `.media` file.
//!
//! Every node carries the [`Span`] of the text it was parsed from. The tree says what was
//! written, not what it means: whether `silica = 18 g/m2` is a component or a property is
//! decided by the model, which knows the prelude's declarations.

use crate::source::Span;
use crate::units::Exact;

/// A parsed file: its items in order, and its comments as trivia beside the tree.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct File {
    pub items: Vec<Item>,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

// Trees are built once per parse and walked a few times; boxing the large variants would
// add an allocation per node for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Item {
    Module(ModuleDecl),
    Import(ImportDecl),
    Dimension(DimensionDecl),
    Unit(UnitDecl),
    Material(MaterialDecl),
    ElementKind(ElementDecl),
    Property(PropertyDecl),
    Element(Element),
    ClaimSet(ClaimSetDecl),
    Intent(IntentDecl),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Module(d) => d.span,
            Item::Import(d) => d.span,
            Item::Dimension(d) => d.span,
            Item::Unit(d) => d.span,
            Item::Material(d) => d.span,
            Item::ElementKind(d) => d.span,
            Item::Property(d) => d.span,
            Item::Element(e) => e.span,
            Item::ClaimSet(c) => c.span,
            Item::Intent(i) => i.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Str {
    pub value: String,
    pub span: Span,
}

// ------------------------------------------------------------------ modules

/// `module team_alpha`: the names this file declares are its module's (`team_alpha::NAME`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ModuleDecl {
    pub name: Ident,
    pub span: Span,
}

/// `import "../claims/alpha.media"`: load that file; its module's names are seen unqualified.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ImportDecl {
    pub path: Str,
    pub span: Span,
}

// ------------------------------------------------------------------ declarations

/// `dimension coat_weight = mass / length^2 "coat weight"`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DimensionDecl {
    pub name: Ident,
    /// `None` for `= base`.
    pub formula: Option<DimFormula>,
    pub label: Option<Str>,
    /// The unit values of this dimension are shown in.
    pub display: Option<UnitExpr>,
    pub span: Span,
}

/// A product of named dimensions with integer powers.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DimFormula {
    pub factors: Vec<DimFactor>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DimFactor {
    pub name: Ident,
    /// Already negated for factors after `/`.
    pub power: i32,
}

/// `unit mg = 1/1000 g`, `unit °C (degC) = 1 K offset 273.15`, `unit g = base mass`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct UnitDecl {
    pub name: Ident,
    pub aliases: Vec<Ident>,
    pub definition: UnitDefinition,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum UnitDefinition {
    Base(Ident),
    Scaled {
        factor: Number,
        unit: UnitExpr,
        offset: Option<Number>,
    },
}

/// `material mgcl2_6h2o : magnesium_chloride "magnesium chloride hexahydrate" { ... }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MaterialDecl {
    pub name: Ident,
    pub aliases: Vec<Ident>,
    pub parents: Vec<Ident>,
    pub label: Option<Str>,
    pub body: Option<Block>,
    pub span: Span,
}

/// `element layer in medium ordered amounts coat_weight, mass_fraction, phr "layer"`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ElementDecl {
    pub name: Ident,
    /// `: nip_member`: kinds this kind is a sort of.
    pub supers: Vec<Ident>,
    pub parents: Vec<Ident>,
    pub ordered: bool,
    pub amounts: Vec<Ident>,
    pub label: Option<Str>,
    pub span: Span,
}

/// `property layer.thickness : length "thickness"`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PropertyDecl {
    pub owner: Ident,
    pub name: Ident,
    pub ty: PropType,
    /// `default front`: the value an element has when its spec does not state one.
    pub default: Option<Ident>,
    pub label: Option<Str>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum PropType {
    Bool(Span),
    Text(Span),
    /// A material, optionally restricted to the species of a genus.
    Material(Option<Ident>, Span),
    Ref {
        kind: Ident,
        list: bool,
        span: Span,
    },
    OneOf(Vec<Ident>, Span),
    Quantity(DimFormula),
}

// ------------------------------------------------------------------ elements

/// Every entry of a spec: `medium "X" { ... }`, `silica = 18 g/m2`, `tg = 95 °C ± 3 °C`,
/// `thermoplastic_particles "latex" = 2.5 g/m2 { tg = 95 °C }`, `boric_acid`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Element {
    pub head: Ident,
    pub name: Option<Str>,
    /// `from "A"` on a top-level element: the element it is a variant of.
    pub from: Option<Str>,
    pub value: Option<Value>,
    pub body: Option<Block>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub entries: Vec<Element>,
    /// How much of the element the block describes (`...` or `complete`).
    pub closure: Closure,
    pub span: Span,
}

/// What a block says about the sub-elements and components it does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Closure {
    /// Nothing said: a kind of sub-element (or the composition) the block lists is complete;
    /// one it lists nothing of is unknown.
    #[default]
    Listed,
    /// `...`: there may be more of everything than the block lists.
    Open(Span),
    /// `complete`: there is nothing but what the block lists.
    Complete(Span),
}

// Trees are built once per parse and walked a few times; boxing the large variants would
// add an allocation per node for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Value {
    Amount(Amount),
    Str(Str),
    List(Vec<Str>, Span),
    Bool(bool, Span),
    Ident(Ident),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Amount(a) => a.span,
            Value::Str(s) => s.span,
            Value::List(_, s) | Value::Bool(_, s) => *s,
            Value::Ident(i) => i.span,
        }
    }
}

/// A quantity with its spread, and for parts per hundred the component it is relative to.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Amount {
    pub spread: Spread,
    pub of: Option<Reference>,
    pub span: Span,
}

/// The target of `of`: a material name or a component's label.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Reference {
    Name(Ident),
    Label(Str),
}

impl Reference {
    pub fn text(&self) -> &str {
        match self {
            Reference::Name(i) => &i.name,
            Reference::Label(s) => &s.value,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            Reference::Name(i) => i.span,
            Reference::Label(s) => s.span,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Spread {
    Exact(Expr),
    /// `x ± d`
    Tolerance(Expr, Expr),
    /// `a .. b`
    Range(Expr, Expr),
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    Quantity(Quantity),
    Neg(Box<Expr>, Span),
    Binary(Box<Expr>, BinOp, Box<Expr>, Span),
    Paren(Box<Expr>, Span),
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Quantity(q) => q.span,
            Expr::Neg(_, s) | Expr::Binary(_, _, _, s) | Expr::Paren(_, s) => *s,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "−",
            BinOp::Mul => "×",
            BinOp::Div => "/",
        }
    }
}

/// A number with an optional unit: `18 g/m2`, `45/55`, `130 °C`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    pub number: Number,
    pub unit: Option<UnitExpr>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Number {
    pub value: Exact,
    pub span: Span,
}

/// `g/m2`, `K·s`, `m²/h`: unit names with powers, as written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct UnitExpr {
    pub factors: Vec<UnitFactor>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct UnitFactor {
    pub name: String,
    /// Already negated for factors after `/`.
    pub power: i32,
    pub span: Span,
}

impl UnitExpr {
    /// The unit as it was written, for messages.
    pub fn written(&self, text: &str) -> String {
        text.get(self.span.range()).unwrap_or("").to_string()
    }
}

// ------------------------------------------------------------------ claim sets

/// `claimset ID "title" { source "file"; claim ... }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ClaimSetDecl {
    pub id: Ident,
    pub title: Str,
    pub source: Str,
    /// `patent "US …"`: the publication the claims are from.
    pub patent: Option<Str>,
    pub constructions: Vec<ConstructionDecl>,
    /// `about 10 %`: the band of the set's `about` bounds (the last one written).
    pub about: Option<Quantity>,
    /// How many `about` declarations the set has (more than one is an error).
    pub about_count: usize,
    pub claims: Vec<ClaimDecl>,
    pub span: Span,
}

/// `construction alumina "question" { with_hydrates default "why" source "…"; oxide_only "why" }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ConstructionDecl {
    pub name: Ident,
    pub question: Str,
    pub alternatives: Vec<AlternativeDecl>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AlternativeDecl {
    pub name: Ident,
    pub default: bool,
    pub rationale: Str,
    pub source: Option<Str>,
    pub span: Span,
}

/// `claim 7 medium of 1 { binders and limitations }`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ClaimDecl {
    pub number: u32,
    pub number_span: Span,
    pub category: Ident,
    pub parents: Vec<ClaimRange>,
    /// Binders and limitations in the order written.
    pub items: Vec<ClaimItem>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum ClaimItem {
    /// A variable without claim words of its own.
    Binder(BinderDecl),
    Limitation(LimitationDecl),
}

/// `4` or `4..14` in a list of claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClaimRange {
    pub from: u32,
    pub to: u32,
    pub span: Span,
}

/// `layer U in M where ...`: a variable of the claim and the elements it ranges over.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BinderDecl {
    pub kind: Ident,
    pub var: Ident,
    pub source: Option<BinderSource>,
    /// `is GENUS`, for components.
    pub genus: Option<Ident>,
    pub filter: Option<CExpr>,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum BinderSource {
    /// Nested in the element bound to the variable.
    In(Ident),
    /// A top-level element that refers to the element bound to the variable.
    On(Ident),
    /// The element a reference property points to: `= S.ink`.
    Eq(Path),
}

/// `U.thickness`, `S.ink`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Path {
    pub parts: Vec<Ident>,
    pub span: Span,
}

/// `"the words of the claim": expression`, or words that introduce a variable:
/// `"an upper layer": layer U in M where ...`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LimitationDecl {
    pub words: Str,
    /// Further passages of the claim the limitation reads (a definition given later in the
    /// claim: `"(T - T_G) × t > 2", "T represents a surface temperature …": …`).
    pub also: Vec<Str>,
    /// `note "…"` after the body: a note for the chart (equivalents, construction).
    pub note: Option<Str>,
    pub body: LimitationBody,
    pub span: Span,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum LimitationBody {
    Expr(CExpr),
    Binder(BinderDecl),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "≤",
            CmpOp::Gt => ">",
            CmpOp::Ge => "≥",
            CmpOp::Eq => "=",
            CmpOp::Ne => "≠",
        }
    }
}

/// An expression of a limitation.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum CExpr {
    Quantity(Quantity),
    /// `45:55`
    Ratio(Number, Number, Span),
    Bool(bool, Span),
    Name(Ident),
    Path(Path),
    Call {
        func: Ident,
        args: Vec<CExpr>,
        quant: Option<Box<QuantArg>>,
        span: Span,
    },
    Neg(Box<CExpr>, Span),
    Arith(Box<CExpr>, BinOp, Box<CExpr>, Span),
    Paren(Box<CExpr>, Span),
    Cmp(Box<CExpr>, CmpOp, Box<CExpr>, Span),
    /// `x in [a, b)`
    InInterval {
        value: Box<CExpr>,
        lo: Box<CExpr>,
        lo_closed: bool,
        hi: Box<CExpr>,
        hi_closed: bool,
        span: Span,
    },
    /// `U in C.layers`
    Member(Box<CExpr>, Box<CExpr>, Span),
    /// `X.covering is silicone_resin`
    Is(Box<CExpr>, Ident, Span),
    And(Vec<CExpr>, Span),
    Or(Vec<CExpr>, Span),
    Not(Box<CExpr>, Span),
    /// `construed POINT { ALT: expr, … }`
    Construed {
        point: Ident,
        arms: Vec<(Ident, CExpr)>,
        span: Span,
    },
    /// `about 5 µm` (`within` a band of its own)
    About {
        bound: Box<CExpr>,
        within: Option<Quantity>,
        span: Span,
    },
    /// `[a, b, c]`: names of materials
    NameList(Vec<Ident>, Span),
}

impl CExpr {
    pub fn span(&self) -> Span {
        match self {
            CExpr::Quantity(q) => q.span,
            CExpr::Name(i) => i.span,
            CExpr::Path(p) => p.span,
            CExpr::Ratio(_, _, s)
            | CExpr::Bool(_, s)
            | CExpr::Call { span: s, .. }
            | CExpr::Neg(_, s)
            | CExpr::Arith(_, _, _, s)
            | CExpr::Paren(_, s)
            | CExpr::Cmp(_, _, _, s)
            | CExpr::InInterval { span: s, .. }
            | CExpr::Member(_, _, s)
            | CExpr::Is(_, _, s)
            | CExpr::And(_, s)
            | CExpr::Or(_, s)
            | CExpr::Not(_, s)
            | CExpr::Construed { span: s, .. }
            | CExpr::About { span: s, .. }
            | CExpr::NameList(_, s) => *s,
        }
    }
}

/// `count(layer X in M where ...)`, `sum(layer X in M where ...: X.thickness)`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct QuantArg {
    pub binder: BinderDecl,
    pub body: Option<CExpr>,
    pub span: Span,
}

// ------------------------------------------------------------------ intents

/// `expect "GlossPro 260" meets set.claim 1, 7` or `avoid process "X" reads_on set.*`
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IntentDecl {
    pub avoid: bool,
    pub subject_kind: Option<Ident>,
    pub subject: Str,
    pub claimset: Ident,
    /// `None` for `.*`.
    pub claims: Option<Vec<ClaimRange>>,
    /// `with POINT = ALT, …`: the readings the intent adopts.
    pub adopted: Vec<(Ident, Ident)>,
    pub span: Span,
}
