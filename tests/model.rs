//! The typed model: derived quantities, genus sums, hydrate conversion, references.

use mediac::compile::{Compilation, compile_str};
use mediac::model::{Basis, Node, Val};
use mediac::units::{Exact, Interval};

fn compile_clean(text: &str) -> Compilation {
    let c = compile_str("t.media", text);
    let msgs: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(c.diagnostics.is_empty(), "{msgs:?}");
    c
}

fn codes(text: &str) -> Vec<&'static str> {
    compile_str("t.media", text)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn layer<'a>(c: &'a Compilation, name: &str) -> &'a Node {
    c.model
        .nodes
        .iter()
        .find(|n| n.name.as_deref() == Some(name))
        .unwrap()
}

fn x(n: i128, d: i128) -> Exact {
    Exact::ratio(n, d).unwrap()
}

fn pt(n: i128, d: i128) -> Option<Interval> {
    Some(Interval::point(x(n, d)))
}

#[test]
fn mass_fractions_with_a_total_give_coat_weights() {
    let c = compile_clean(
        r#"medium "m" { layer "l" { silica = 80 wt%; pva = 20 wt%; solid_content = 20 g/m2 } }"#,
    );
    let comp = layer(&c, "l").composition.as_ref().unwrap();
    assert_eq!(comp.parts[0].coat_weight, pt(16, 1));
    assert_eq!(comp.parts[1].coat_weight, pt(4, 1));
    assert_eq!(comp.total, pt(20, 1));
}

#[test]
fn coat_weights_give_the_total_and_mass_fractions() {
    let c = compile_clean(r#"medium "m" { layer "l" { silica = 18 g/m2; pva = 2 g/m2 } }"#);
    let comp = layer(&c, "l").composition.as_ref().unwrap();
    assert_eq!(comp.total, pt(20, 1));
    assert_eq!(comp.parts[0].mass_fraction, pt(90, 1));
    assert!(!comp.total_given);
}

#[test]
fn parts_per_hundred_resolve_against_a_genus_and_a_label() {
    let c = compile_clean(
        r#"medium "m" { layer "l" {
            fumed_silica = 10 g/m2; alumina_hydrate "fine" = 10 g/m2
            pva = 10 phr of inorganic_pigment
            sbr_latex = 5 phr of "fine"
        } }"#,
    );
    let comp = layer(&c, "l").composition.as_ref().unwrap();
    assert_eq!(
        comp.parts[2].coat_weight,
        pt(2, 1),
        "10 parts per 100 of 20 g/m²"
    );
    assert_eq!(
        comp.parts[3].coat_weight,
        pt(1, 2),
        "5 parts per 100 of 10 g/m²"
    );
    assert_eq!(comp.total, pt(45, 2));
}

#[test]
fn parts_per_hundred_work_in_mass_fractions_without_a_total() {
    let c =
        compile_clean(r#"medium "m" { layer "l" { silica = 80 wt%; pva = 25 phr of silica } }"#);
    let comp = layer(&c, "l").composition.as_ref().unwrap();
    assert_eq!(comp.parts[1].mass_fraction, pt(20, 1));
    assert_eq!(comp.total, None);
}

#[test]
fn a_genus_weighs_the_sum_of_its_species() {
    let c = compile_clean(
        r#"medium "m" { layer "l" { fumed_silica = 6 g/m2; colloidal_silica = 2 g/m2; alumina = 4 g/m2; polystyrene_latex = 3 g/m2 } }"#,
    );
    let l = layer(&c, "l");
    let comp = l.composition.as_ref().unwrap();
    let schema = &c.model.schema;
    let genus = |name: &str| schema.materials.lookup(name).unwrap();
    let silica = comp.genus_amount(schema, &l.components, genus("silica"), Basis::CoatWeight);
    assert_eq!(silica.value, pt(8, 1));
    assert_eq!(silica.contributors, [0, 1]);
    let pigment = comp.genus_amount(
        schema,
        &l.components,
        genus("inorganic_pigment"),
        Basis::CoatWeight,
    );
    assert_eq!(pigment.value, pt(12, 1));
    let tp = comp.genus_amount(
        schema,
        &l.components,
        genus("thermoplastic_particles"),
        Basis::MassFraction,
    );
    assert_eq!(tp.value, pt(20, 1), "3 of 15 g/m²");
    let binder = comp.genus_amount(schema, &l.components, genus("binder"), Basis::CoatWeight);
    assert_eq!(binder.value, None);
    assert!(binder.contributors.is_empty());
}

#[test]
fn an_unknown_amount_leaves_the_genus_sum_undetermined() {
    let c = compile_clean(r#"medium "m" { layer "l" { silica = 6 g/m2; colloidal_silica } }"#);
    let l = layer(&c, "l");
    let schema = &c.model.schema;
    let sum = l.composition.as_ref().unwrap().genus_amount(
        schema,
        &l.components,
        schema.materials.lookup("silica").unwrap(),
        Basis::CoatWeight,
    );
    assert_eq!(sum.value, None);
    assert_eq!(sum.contributors, [0, 1]);
}

#[test]
fn hydrates_convert_to_anhydride_with_the_prelude_molar_masses() {
    let c = compile_clean(
        r#"solution "t" { mgcl2_6h2o = 1.0 wt%; borax_decahydrate = 3 wt%; water = 96 wt% }"#,
    );
    let m = &c.model.schema.materials;
    let (anh, factor) = m.anhydride_factor(m.lookup("mgcl2_6h2o").unwrap()).unwrap();
    assert_eq!(m.name(anh), "anhydrous_magnesium_chloride");
    assert_eq!(factor, x(9521, 20330), "95.21 / 203.30");
    let as_anhydride = x(1, 1).mul(factor).unwrap();
    assert!(as_anhydride < x(5, 10), "0.468 wt% misses a 0.5 wt% floor");
    assert_eq!(format!("{:.3}", as_anhydride.approx()), "0.468");
    let (anh, factor) = m
        .anhydride_factor(m.lookup("borax_decahydrate").unwrap())
        .unwrap();
    assert_eq!(m.name(anh), "anhydrous_borax");
    assert_eq!(factor, x(20122, 38137));
    // A hydrate is a species of its salt and of the salt's genus.
    assert!(m.is_a(
        m.lookup("mgso4_7h2o").unwrap(),
        m.lookup("water_soluble_magnesium_salt").unwrap()
    ));
    // Not a hydrate: itself, factor 1.
    let boric = m.lookup("boric_acid").unwrap();
    assert_eq!(m.anhydride_factor(boric), Some((boric, Exact::ONE)));
}

#[test]
fn inconsistent_compositions_are_errors() {
    assert_eq!(
        codes(r#"medium "m" { layer { silica = 80 wt%; pva = 30 wt% } }"#),
        ["media::derive::percent_sum"]
    );
    assert_eq!(
        codes(
            r#"medium "m" { layer { silica = 18 g/m2; pva = 4 g/m2; solid_content = 20 g/m2 } }"#
        ),
        ["media::derive::parts_exceed_total"]
    );
    assert_eq!(
        codes(
            r#"medium "m" { layer { silica = 16 g/m2; pva = 2 g/m2; solid_content = 20 g/m2 } }"#
        ),
        ["media::derive::parts_short_of_total"]
    );
    assert_eq!(
        codes(r#"medium "m" { layer { silica = -2 g/m2 } }"#),
        ["media::value::negative"]
    );
    assert_eq!(
        codes(r#"medium "m" { layer { pva = 10 phr of pva } }"#),
        ["media::derive::phr_cycle"]
    );
    assert_eq!(
        codes(r#"ink "k" { carbon_black = 4 g/m2 }"#),
        ["media::value::amount_not_allowed"]
    );
}

#[test]
fn tolerances_carry_through_derivations() {
    let c = compile_clean(
        r#"medium "m" { layer "l" { silica = 80 wt%; pva = 20 wt%; solid_content = 20 ± 1 g/m2 } }"#,
    );
    let comp = layer(&c, "l").composition.as_ref().unwrap();
    assert_eq!(comp.parts[0].coat_weight, Interval::new(x(76, 5), x(84, 5)));
}

#[test]
fn references_resolve_within_the_referenced_medium() {
    let c = compile_clean(
        r#"medium "a" { layer "base" { silica = 18 g/m2 } layer "top" { silica = 6 g/m2 } }
           medium "b" { layer "base" { alumina = 20 g/m2 } }
           process "make a" { medium = "a"; coat { layers = ["base", "top"]; simultaneous = true } }"#,
    );
    let m = &c.model;
    let coat = m
        .nodes
        .iter()
        .find(|n| m.schema.kind_name(n.kind) == "coat")
        .unwrap();
    let layers = coat.props.iter().find_map(|p| match &p.value {
        Val::Refs(ids) => Some(ids.clone()),
        _ => None,
    });
    let layers = layers.unwrap();
    assert_eq!(layers.len(), 2);
    let medium_a = m.top_level("medium", "a").unwrap();
    assert!(layers.iter().all(|l| m.root_of(*l) == medium_a));
}

#[test]
fn unknown_names_suggest_the_closest_known_one() {
    let c = compile_str("t.media", r#"medium "m" { layer { silca = 18 g/m2 } }"#);
    let d = &c.diagnostics[0];
    assert_eq!(d.code.as_str(), "media::name::unknown");
    assert_eq!(d.help.as_deref(), Some("did you mean `silica`?"));
    assert_eq!(c.sources.slice(d.primary_span().unwrap()), "silca");
}

#[test]
fn users_extend_the_prelude_from_their_own_files() {
    let c = compile_clean(
        r#"property medium.gloss_75 : percent "75° specular gloss"
           material cationic_polymer : cationic_fixing_agent "polyDADMAC"
           medium "m" { gloss_75 = 62 %; layer { silica = 18 g/m2; cationic_polymer = 1 g/m2 } }"#,
    );
    assert_eq!(c.model.items.len(), 1);
}

/// The taxonomy fixes of the sound-clearance work, one assertion each: what a material is
/// decides claims, so a misfiled one clears or convicts a product falsely.
#[test]
fn the_taxonomy_files_materials_by_what_they_are() {
    let c = compile_clean("");
    let m = &c.model.schema.materials;
    let id = |n: &str| m.lookup(n).unwrap_or_else(|| panic!("no material {n}"));
    let is = |a: &str, b: &str| m.is_a(id(a), id(b));
    // Colorants and coating pigments are different genera.
    assert!(is("carbon_black", "colorant_pigment"));
    assert!(is("phthalocyanine_blue", "colorant_pigment"));
    assert!(!is("colloidal_silica", "colorant_pigment"));
    assert!(!is("colloidal_silica", "colorant"));
    assert!(is("colloidal_silica", "coating_pigment"));
    assert!(!is("carbon_black", "coating_pigment"));
    assert!(!is("acid_dye", "colorant_pigment"));
    // Several genera per material.
    assert!(is("styrene_acrylic_latex", "binder"));
    assert!(is("styrene_acrylic_latex", "thermoplastic_particles"));
    assert!(is("sbr_latex", "thermoplastic_particles"));
    assert!(is("polyethylene_wax", "release_agent"));
    assert!(is("polyethylene_wax", "polyolefin"));
    assert!(is("polyethylene_wax", "thermoplastic_particles"));
    // An elastomer is not a resin.
    assert!(!is("silicone_rubber", "silicone_resin"));
    assert!(!is("silicone_rubber", "resin"));
    // Species, not aliases.
    assert!(is("ptfe", "fluororesin") && id("ptfe") != id("fluororesin"));
    assert!(is("pfa", "fluororesin") && id("pfa") != id("ptfe"));
    assert!(is("kaolin", "clay") && id("kaolin") != id("clay"));
    assert!(!is("clay", "kaolin"));
    // Magnesium compounds: only some are water-soluble salts.
    assert!(!is("magnesium_salt", "water_soluble_magnesium_salt"));
    assert!(!is("magnesium_hydroxide", "magnesium_salt"));
    assert!(!is("magnesium_carbonate", "water_soluble_magnesium_salt"));
    assert!(is("magnesium_carbonate", "magnesium_salt"));
    assert!(m.may_be(id("magnesium_salt"), id("water_soluble_magnesium_salt")));
    assert!(!m.may_be(
        id("magnesium_hydroxide"),
        id("water_soluble_magnesium_salt")
    ));
    // A name that is more general may be the genus a claim names: unknown, not absent.
    assert!(m.may_be(id("thermoplastic_particles"), id("binder")));
    assert!(!m.may_be(id("polystyrene_latex"), id("binder")));
    // Borax says no hydrate state: no factor to anhydride until the species is named.
    assert!(m.hydrate_state_open(id("borax")));
    assert_eq!(m.anhydride_factor(id("borax")), None);
    assert_eq!(
        m.anhydride_factor(id("borax_decahydrate")),
        Some((id("anhydrous_borax"), x(20122, 38137)))
    );
    assert_eq!(
        m.anhydride_factor(id("anhydrous_borax")),
        Some((id("anhydrous_borax"), Exact::ONE))
    );
    assert!(is("borax_decahydrate", "borax"));
}
