//! Declarations → [`Schema`]: named dimensions, units, element kinds, properties, materials.
//!
//! Everything a spec may say is declared, in the prelude or in the user's own files; the
//! compiler itself knows only the base dimensions and the three ways a component's amount can
//! be given (coat weight, mass fraction, parts per hundred).

use super::Val;
use super::error::ModelError;
use super::lower::{Typed, type_value};
use super::taxonomy::{MaterialId, Taxonomy};
use crate::source::Span;
use crate::suggest::closest;
use crate::syntax::ast::{self, Item, PropType};
use crate::units::dim::BASE_NAMES;
use crate::units::{Dim, Exact, NamedDim, Temp, UnitDef, UnitTable};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KindId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PropId(pub u32);

/// How a component's amount may be given in an element of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountKind {
    CoatWeight,
    MassFraction,
    Phr,
}

impl AmountKind {
    /// The named dimension each amount kind is declared by.
    pub fn dimension_name(self) -> &'static str {
        match self {
            AmountKind::CoatWeight => "coat_weight",
            AmountKind::MassFraction => "mass_fraction",
            AmountKind::Phr => "phr",
        }
    }

    fn from_dimension_name(name: &str) -> Option<AmountKind> {
        [
            AmountKind::CoatWeight,
            AmountKind::MassFraction,
            AmountKind::Phr,
        ]
        .into_iter()
        .find(|k| k.dimension_name() == name)
    }
}

#[derive(Debug, Clone)]
pub struct Kind {
    pub name: String,
    pub label: String,
    /// Kinds this kind may stand in; empty for a top-level kind.
    pub parents: Vec<KindId>,
    /// Kinds this kind is a sort of (`element heat_roller : nip_member`): it has their
    /// properties, and a binder over one of them finds it.
    pub supers: Vec<KindId>,
    /// Whether the order of such elements is meaningful (layers from the support upward).
    pub ordered: bool,
    pub amounts: Vec<AmountKind>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Kind(KindId),
    Component,
    Material,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PropTy {
    Bool,
    Text,
    Material(Option<MaterialId>),
    Ref {
        kind: KindId,
        list: bool,
    },
    OneOf(Vec<String>),
    /// A quantity of this dimension. Temperatures declared with the dimension named
    /// `temperature` are absolute; under any other name (`temperature_difference`) they are
    /// differences.
    Quantity {
        dim: Dim,
        temp: Temp,
        dim_name: String,
    },
}

#[derive(Debug, Clone)]
pub struct PropDef {
    pub owner: Owner,
    pub name: String,
    pub label: String,
    pub ty: PropTy,
    /// The value of an element that does not state one (`default front`).
    pub default: Option<Val>,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub units: UnitTable,
    pub materials: Taxonomy,
    kinds: Vec<Kind>,
    kind_by_name: HashMap<String, KindId>,
    props: Vec<PropDef>,
    /// Per owner, so that a lookup by `&str` needs no allocation.
    prop_index: HashMap<Owner, HashMap<String, PropId>>,
    /// Per kind, [`Schema::kind_and_supers`], filled at the end of the build.
    ancestry: Vec<Vec<KindId>>,
}

impl Schema {
    pub fn kind(&self, id: KindId) -> Option<&Kind> {
        self.kinds.get(id.0 as usize)
    }

    pub fn kind_id(&self, name: &str) -> Option<KindId> {
        self.kind_by_name.get(name).copied()
    }

    pub fn kind_name(&self, id: KindId) -> &str {
        self.kind(id).map_or("?", |k| k.name.as_str())
    }

    pub fn kinds(&self) -> impl Iterator<Item = (KindId, &Kind)> {
        self.kinds
            .iter()
            .enumerate()
            .map(|(i, k)| (KindId(u32::try_from(i).unwrap_or(u32::MAX)), k))
    }

    pub fn prop(&self, id: PropId) -> Option<&PropDef> {
        self.props.get(id.0 as usize)
    }

    /// A property by name; an element kind also has the properties of the kinds it is a sort
    /// of.
    pub fn prop_id(&self, owner: Owner, name: &str) -> Option<PropId> {
        if let Some(id) = self.prop_index.get(&owner).and_then(|m| m.get(name)) {
            return Some(*id);
        }
        let Owner::Kind(k) = owner else { return None };
        self.kind_and_supers(k)
            .iter()
            .find_map(|s| self.prop_index.get(&Owner::Kind(*s))?.get(name).copied())
    }

    /// `k` and every kind it is a sort of, nearest first (bounded by the number of kinds, so a
    /// cycle cannot loop). Computed once per kind when the schema is built.
    pub fn kind_and_supers(&self, k: KindId) -> std::borrow::Cow<'_, [KindId]> {
        match self.ancestry.get(k.0 as usize) {
            Some(a) => std::borrow::Cow::Borrowed(a.as_slice()),
            None => std::borrow::Cow::Owned(self.compute_supers(k)),
        }
    }

    fn compute_supers(&self, k: KindId) -> Vec<KindId> {
        let mut out = vec![k];
        let mut i = 0;
        while let Some(&cur) = out.get(i) {
            i += 1;
            if out.len() > self.kinds.len() {
                break;
            }
            for s in self.kind(cur).map_or(&[][..], |x| x.supers.as_slice()) {
                if !out.contains(s) {
                    out.push(*s);
                }
            }
        }
        out
    }

    /// Whether elements of kind `k` are of kind `of` (the same kind, or a sort of it).
    pub fn kind_is(&self, k: KindId, of: KindId) -> bool {
        k == of || self.kind_and_supers(k).contains(&of)
    }

    pub fn props_of(&self, owner: Owner) -> impl Iterator<Item = (PropId, &PropDef)> {
        let owners: Vec<Owner> = match owner {
            Owner::Kind(k) => self
                .kind_and_supers(k)
                .iter()
                .copied()
                .map(Owner::Kind)
                .collect(),
            o => vec![o],
        };
        self.props
            .iter()
            .enumerate()
            .filter(move |(_, p)| owners.contains(&p.owner))
            .map(|(i, p)| (PropId(u32::try_from(i).unwrap_or(u32::MAX)), p))
    }

    /// Kinds that may stand directly in an element of kind `parent`.
    pub fn child_kinds(&self, parent: KindId) -> impl Iterator<Item = (KindId, &Kind)> {
        self.kinds()
            .filter(move |(_, k)| k.parents.contains(&parent))
    }

    fn suggest_kind(&self, name: &str) -> Option<String> {
        closest(name, self.kind_by_name.keys().map(String::as_str)).map(str::to_string)
    }

    fn resolve_kind(&self, id: &ast::Ident, errors: &mut Vec<ModelError>) -> Option<KindId> {
        let k = self.kind_id(&id.name);
        if k.is_none() {
            errors.push(ModelError::UnknownKind {
                span: id.span,
                name: id.name.clone(),
                suggestion: self.suggest_kind(&id.name),
            });
        }
        k
    }

    pub fn resolve_material(&self, id: &ast::Ident) -> Result<MaterialId, ModelError> {
        self.materials
            .lookup(&id.name)
            .ok_or_else(|| ModelError::UnknownMaterial {
                span: id.span,
                name: id.name.clone(),
                suggestion: closest(&id.name, self.materials.names()).map(str::to_string),
            })
    }

    fn dim_formula(
        &self,
        f: &ast::DimFormula,
        errors: &mut Vec<ModelError>,
    ) -> Option<(Dim, String)> {
        let mut dim = Dim::NONE;
        let mut ok = true;
        for factor in &f.factors {
            match self.units.dimension(&factor.name.name) {
                Some(d) => dim = dim.mul(d.dim.pow(factor.power)),
                None => {
                    ok = false;
                    errors.push(ModelError::UnknownDimension {
                        span: factor.name.span,
                        name: factor.name.name.clone(),
                        suggestion: closest(&factor.name.name, self.units.dimension_names())
                            .map(str::to_string),
                    });
                }
            }
        }
        let name = match f.factors.as_slice() {
            [single] if single.power == 1 => single.name.name.clone(),
            _ => dim.to_string(),
        };
        ok.then_some((dim, name))
    }
}

pub fn build(files: &[&ast::File], errors: &mut Vec<ModelError>) -> Schema {
    let mut s = Schema::default();
    let items = || files.iter().flat_map(|f| f.items.iter());

    // Dimensions, then units (which use them), then the display units of dimensions.
    for item in items() {
        if let Item::Dimension(d) = item {
            declare_dimension(&mut s, d, errors);
        }
    }
    for item in items() {
        if let Item::Unit(u) = item {
            declare_unit(&mut s, u, errors);
        }
    }
    for item in items() {
        if let Item::Dimension(d) = item
            && let Some(u) = &d.display
        {
            match s.units.resolve(u) {
                Ok(r) => {
                    let found = s.units.describe(r.dim);
                    if let Err(dim) = s.units.set_display(&d.name.name, r) {
                        errors.push(ModelError::Unit(crate::units::UnitError::WrongType {
                            span: u.span,
                            expected: s.units.describe(dim),
                            found,
                            help: "a dimension is shown in a unit of that dimension".into(),
                        }));
                    }
                }
                Err(e) => errors.push(ModelError::Unit(e)),
            }
        }
    }

    // Element kinds: names first so that parents may be declared in any order.
    for item in items() {
        if let Item::ElementKind(k) = item {
            if let Some(prev) = s.kind_id(&k.name.name).and_then(|id| s.kind(id)) {
                errors.push(ModelError::Duplicate {
                    what: "element kind",
                    name: k.name.name.clone(),
                    span: k.name.span,
                    previous: prev.span,
                });
                continue;
            }
            let id = KindId(u32::try_from(s.kinds.len()).unwrap_or(u32::MAX));
            s.kind_by_name.insert(k.name.name.clone(), id);
            s.kinds.push(Kind {
                name: k.name.name.clone(),
                label: k
                    .label
                    .as_ref()
                    .map_or_else(|| k.name.name.replace('_', " "), |l| l.value.clone()),
                parents: Vec::new(),
                supers: Vec::new(),
                ordered: k.ordered,
                amounts: Vec::new(),
                span: k.name.span,
            });
        }
    }
    for item in items() {
        if let Item::ElementKind(k) = item {
            let Some(id) = s.kind_id(&k.name.name) else {
                continue;
            };
            if s.kind(id).is_some_and(|x| x.span != k.name.span) {
                continue; // a duplicate, reported above
            }
            let parents: Vec<KindId> = k
                .parents
                .iter()
                .filter_map(|p| s.resolve_kind(p, errors))
                .collect();
            let mut amounts = Vec::new();
            for a in &k.amounts {
                match AmountKind::from_dimension_name(&a.name) {
                    Some(ak) => amounts.push(ak),
                    None => errors.push(ModelError::UnknownAmountKind {
                        span: a.span,
                        name: a.name.clone(),
                    }),
                }
            }
            let supers: Vec<KindId> = k
                .supers
                .iter()
                .filter_map(|p| s.resolve_kind(p, errors))
                .collect();
            if let Some(kind) = s.kinds.get_mut(id.0 as usize) {
                kind.parents = parents;
                kind.supers = supers;
                kind.amounts = amounts;
            }
        }
    }
    // A kind that is, through its supers, a sort of itself.
    for item in items() {
        if let Item::ElementKind(k) = item
            && let Some(id) = s.kind_id(&k.name.name)
            && s.kind(id).is_some_and(|x| x.span == k.name.span)
            && s.kind(id).is_some_and(|x| {
                x.supers
                    .iter()
                    .any(|sup| s.kind_and_supers(*sup).contains(&id))
            })
        {
            errors.push(ModelError::KindCycle {
                span: k.name.span,
                name: k.name.name.clone(),
            });
        }
    }

    // Materials: names and aliases, then parents.
    for item in items() {
        if let Item::Material(m) = item {
            declare_material(&mut s, m, errors);
        }
    }
    // Where a file added genera to a material declared elsewhere: a cycle that such an
    // addition closes is reported there, not at the original declaration.
    let mut extended: Vec<(MaterialId, Span, Vec<MaterialId>)> = Vec::new();
    for item in items() {
        if let Item::Material(m) = item {
            let Some(id) = s.materials.lookup(&m.name.name) else {
                continue;
            };
            // The declaration itself, or one that extends it; a conflicting one was reported.
            let own = s.materials.get(id).is_some_and(|x| x.span == m.name.span);
            if !own && extends(&s, m).is_none() {
                continue;
            }
            let mut parents = Vec::new();
            for p in &m.parents {
                match s.resolve_material(p) {
                    Ok(pid) => parents.push(pid),
                    Err(e) => errors.push(e),
                }
            }
            if !own {
                extended.push((id, m.name.span, parents.clone()));
            }
            if let Some(mat) = s.materials.get_mut(id) {
                for p in parents {
                    if !mat.parents.contains(&p) {
                        mat.parents.push(p);
                    }
                }
            }
        }
    }
    let cyclic = s.materials.close();
    let closes = |(id, _, parents): &&(MaterialId, Span, Vec<MaterialId>)| {
        cyclic.contains(id) || parents.iter().any(|p| cyclic.contains(p))
    };
    match extended.iter().find(closes) {
        Some((id, span, _)) => errors.push(ModelError::TaxonomyCycle {
            span: *span,
            name: s.materials.name(*id).to_string(),
        }),
        None => {
            for id in cyclic {
                if let Some(m) = s.materials.get(id) {
                    errors.push(ModelError::TaxonomyCycle {
                        span: m.span,
                        name: m.name.clone(),
                    });
                }
            }
        }
    }

    // Properties.
    for item in items() {
        if let Item::Property(p) = item {
            declare_property(&mut s, p, errors);
        }
    }

    // Material bodies: molar masses and anhydrous forms, typed like any property.
    for item in items() {
        if let Item::Material(m) = item {
            material_body(&mut s, m, errors);
        }
    }
    s.ancestry = s.kinds().map(|(k, _)| s.compute_supers(k)).collect();
    s
}

fn declare_dimension(s: &mut Schema, d: &ast::DimensionDecl, errors: &mut Vec<ModelError>) {
    let dim = match &d.formula {
        // A base: one of the compiler's, or a new one of the file's own (a kind of quantity
        // that compares only with itself, such as a mole fraction or gloss units).
        None => match s.units.declare_base(&d.name.name) {
            Some(dim) => dim,
            None => {
                errors.push(ModelError::TooManyBaseDimensions {
                    span: d.name.span,
                    name: d.name.name.clone(),
                    declared: s.units.declared_bases().to_vec(),
                });
                return;
            }
        },
        Some(f) => match s.dim_formula(f, errors) {
            Some((dim, _)) => dim,
            None => return,
        },
    };
    let named = NamedDim {
        name: d.name.name.clone(),
        label: d
            .label
            .as_ref()
            .map_or_else(|| d.name.name.replace('_', " "), |l| l.value.clone()),
        dim,
        display: None,
        span: d.name.span,
    };
    if let Err(previous) = s.units.add_dimension(named) {
        errors.push(ModelError::Duplicate {
            what: "dimension",
            name: d.name.name.clone(),
            span: d.name.span,
            previous,
        });
    }
}

fn declare_unit(s: &mut Schema, u: &ast::UnitDecl, errors: &mut Vec<ModelError>) {
    let (dim, scale, offset) = match &u.definition {
        ast::UnitDefinition::Base(base) => match s.units.dimension(&base.name) {
            Some(d) if s.units.base_dim(&base.name).is_some() => (d.dim, Exact::ONE, None),
            _ => {
                let derived = s
                    .units
                    .dimension(&base.name)
                    .map(|d| s.units.formula(d.dim));
                errors.push(ModelError::UnknownBaseDimension {
                    span: base.span,
                    name: base.name.clone(),
                    suggestion: derived
                        .is_none()
                        .then(|| closest(&base.name, BASE_NAMES.iter().copied()))
                        .flatten()
                        .map(str::to_string),
                    derived,
                });
                return;
            }
        },
        ast::UnitDefinition::Scaled {
            factor,
            unit,
            offset,
        } => match s.units.resolve(unit) {
            Ok(r) => {
                let scale = match factor.value.mul(r.scale) {
                    Ok(x) => x,
                    Err(error) => {
                        errors.push(ModelError::Unit(crate::units::UnitError::Arith {
                            span: factor.span,
                            error,
                        }));
                        return;
                    }
                };
                (r.dim, scale, offset.as_ref().map(|o| o.value))
            }
            Err(e) => {
                errors.push(ModelError::Unit(e));
                return;
            }
        },
    };
    if scale.is_zero() {
        errors.push(ModelError::ZeroUnit {
            span: u.span,
            name: u.name.name.clone(),
        });
        return;
    }
    let mut names = vec![u.name.name.as_str()];
    names.extend(u.aliases.iter().map(|a| a.name.as_str()));
    let def = UnitDef {
        symbol: u.name.name.clone(),
        dim,
        scale,
        offset,
        span: u.name.span,
    };
    if let Err((name, previous)) = s.units.add_unit(&names, def) {
        let span = u
            .aliases
            .iter()
            .find(|a| a.name == name)
            .map_or(u.name.span, |a| a.span);
        errors.push(ModelError::Duplicate {
            what: "unit",
            name,
            span,
            previous,
        });
    }
}

/// Whether a declaration of a material that is already declared only adds to it: no body,
/// the same label (or none), aliases that are new or already its own. Its genera are then
/// added to the material's (`material pva : hydrophilic_polymer` puts the prelude's PVA in a
/// genus of the file's own), and two files that declare the same material alike do not
/// collide.
fn extends(s: &Schema, m: &ast::MaterialDecl) -> Option<MaterialId> {
    let id = s.materials.lookup(&m.name.name)?;
    let existing = s.materials.get(id)?;
    let same_label = m.label.as_ref().is_none_or(|l| l.value == existing.label);
    let own_aliases = m
        .aliases
        .iter()
        .all(|a| s.materials.lookup(&a.name).is_none_or(|x| x == id));
    (existing.span != m.name.span && m.body.is_none() && same_label && own_aliases).then_some(id)
}

fn declare_material(s: &mut Schema, m: &ast::MaterialDecl, errors: &mut Vec<ModelError>) {
    if let Some(id) = extends(s, m) {
        for a in &m.aliases {
            s.materials.alias(&a.name, id);
        }
        return;
    }
    let mut names = vec![&m.name];
    names.extend(m.aliases.iter());
    for n in &names {
        if let Some(prev) = s
            .materials
            .lookup(&n.name)
            .and_then(|id| s.materials.get(id))
        {
            errors.push(ModelError::Duplicate {
                what: "material",
                name: n.name.clone(),
                span: n.span,
                previous: prev.span,
            });
            return;
        }
    }
    let label = m
        .label
        .as_ref()
        .map_or_else(|| m.name.name.replace('_', " "), |l| l.value.clone());
    let id = s.materials.add(&m.name.name, label, m.name.span);
    for a in &m.aliases {
        s.materials.alias(&a.name, id);
    }
}

fn declare_property(s: &mut Schema, p: &ast::PropertyDecl, errors: &mut Vec<ModelError>) {
    let owner = match p.owner.name.as_str() {
        "component" => Owner::Component,
        "material" => Owner::Material,
        _ => match s.resolve_kind(&p.owner, errors) {
            Some(k) => Owner::Kind(k),
            None => return,
        },
    };
    let ty = match &p.ty {
        PropType::Bool(_) => PropTy::Bool,
        PropType::Text(_) => PropTy::Text,
        PropType::Material(genus, _) => match genus {
            None => PropTy::Material(None),
            Some(g) => match s.resolve_material(g) {
                Ok(id) => PropTy::Material(Some(id)),
                Err(e) => {
                    errors.push(e);
                    return;
                }
            },
        },
        PropType::Ref { kind, list, .. } => match s.resolve_kind(kind, errors) {
            Some(k) => PropTy::Ref {
                kind: k,
                list: *list,
            },
            None => return,
        },
        PropType::OneOf(choices, _) => {
            PropTy::OneOf(choices.iter().map(|c| c.name.clone()).collect())
        }
        PropType::Quantity(f) => match s.dim_formula(f, errors) {
            Some((dim, dim_name)) => {
                let temp = if dim_name == "temperature" {
                    Temp::Absolute
                } else {
                    Temp::Difference
                };
                PropTy::Quantity {
                    dim,
                    temp,
                    dim_name,
                }
            }
            None => return,
        },
    };
    let default = match (&p.default, &ty) {
        (None, _) => None,
        (Some(d), PropTy::OneOf(choices)) if choices.contains(&d.name) => {
            Some(Val::Choice(d.name.clone()))
        }
        (Some(d), PropTy::Bool) if d.name == "true" || d.name == "false" => {
            Some(Val::Bool(d.name == "true"))
        }
        (Some(d), PropTy::OneOf(choices)) => {
            errors.push(ModelError::NotAChoice {
                span: d.span,
                value: d.name.clone(),
                name: format!("{}.{}", p.owner.name, p.name.name),
                choices: choices.clone(),
                suggestion: closest(&d.name, choices.iter().map(String::as_str))
                    .map(str::to_string),
            });
            None
        }
        (Some(d), PropTy::Bool) => {
            errors.push(ModelError::NotAChoice {
                span: d.span,
                value: d.name.clone(),
                name: format!("{}.{}", p.owner.name, p.name.name),
                choices: vec!["true".into(), "false".into()],
                suggestion: None,
            });
            None
        }
        (Some(d), _) => {
            errors.push(ModelError::WrongValue {
                span: d.span,
                name: format!("{}.{}", p.owner.name, p.name.name),
                expected: "a property of `bool` or `one_of(...)` type".into(),
                found: format!("a default `{}`", d.name),
                help: "only choices and flags take a default; remove `default ...`".into(),
            });
            None
        }
    };
    if let Some(prev) = s
        .prop_index
        .get(&owner)
        .and_then(|m| m.get(&p.name.name))
        .and_then(|id| s.prop(*id))
    {
        errors.push(ModelError::Duplicate {
            what: "property",
            name: format!("{}.{}", p.owner.name, p.name.name),
            span: p.name.span,
            previous: prev.span,
        });
        return;
    }
    let id = PropId(u32::try_from(s.props.len()).unwrap_or(u32::MAX));
    s.prop_index
        .entry(owner)
        .or_default()
        .insert(p.name.name.clone(), id);
    s.props.push(PropDef {
        owner,
        name: p.name.name.clone(),
        label: p
            .label
            .as_ref()
            .map_or_else(|| p.name.name.replace('_', " "), |l| l.value.clone()),
        ty,
        default,
        span: p.name.span,
    });
}

fn material_body(s: &mut Schema, m: &ast::MaterialDecl, errors: &mut Vec<ModelError>) {
    let (Some(body), Some(id)) = (&m.body, s.materials.lookup(&m.name.name)) else {
        return;
    };
    let mut molar_mass = None;
    let mut anhydrous = None;
    for e in &body.entries {
        let Some(pid) = s.prop_id(Owner::Material, &e.head.name) else {
            errors.push(ModelError::UnknownName {
                span: e.head.span,
                name: e.head.name.clone(),
                place: "a material declaration".into(),
                suggestion: closest(
                    &e.head.name,
                    s.props_of(Owner::Material).map(|(_, p)| p.name.as_str()),
                )
                .map(str::to_string),
            });
            continue;
        };
        let Some(def) = s.prop(pid) else { continue };
        match type_value(s, def, e) {
            Ok(Typed::Done(crate::model::Val::Quantity(q))) if def.name == "molar_mass" => {
                molar_mass = Some(q.value.lo);
            }
            Ok(Typed::Done(crate::model::Val::Material(a))) if def.name == "anhydrous" => {
                anhydrous = Some((a, e.span));
            }
            Ok(_) => {}
            Err(err) => errors.push(err),
        }
    }
    if let Some(mat) = s.materials.get_mut(id) {
        mat.molar_mass = molar_mass;
        mat.anhydrous = anhydrous.map(|(a, _)| a);
    }
    if let Some((a, span)) = anhydrous {
        let missing = [id, a]
            .into_iter()
            .find(|x| s.materials.get(*x).is_none_or(|mm| mm.molar_mass.is_none()));
        if let Some(x) = missing {
            errors.push(ModelError::MolarMassMissing {
                span,
                material: s.materials.name(x).to_string(),
            });
        }
    }
}
