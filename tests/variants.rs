//! Variants: `medium "B" from "A" { … }` is A with B's entries laid over it, under B's name.

mod common;

use mediac::compile::Compilation;
use mediac::eval::Verdict;

const BASE: &str = r#"medium "GlossPro 260" {
  support { paper = 170 g/m2 }
  layer "base" { role = ink_absorbing; silica = 18 g/m2; pva = 3 g/m2 }
  layer "top" { role = ink_absorbing; silica = 3.5 g/m2; polystyrene_latex = 3 g/m2; pva = 0.6 g/m2 }
}
"#;

fn compile(files: &[(&str, &str)]) -> Compilation {
    common::compile_files(files, true)
}

fn codes(c: &Compilation) -> Vec<String> {
    common::located_codes(c)
}

#[test]
fn a_variant_in_another_file_changes_one_value_and_keeps_the_rest() {
    // GlossPro 260's top layer is 6/7 latex to silica: above claim 7's upper bound 45:55.
    // With 7 g/m² silica it is 3/7, inside [10:90, 45:55].
    let variant = "medium \"GlossPro 260 S7\" from \"GlossPro 260\" {\n  layer \"top\" { silica = 7 g/m2 }\n}\n";
    let c = compile(&[("base.media", BASE), ("variant.media", variant)]);
    assert_eq!(codes(&c), Vec::<String>::new());
    let base = common::verdict_of(&c, "GlossPro 260", "thermoplastic_upper_layer", 7);
    let var = common::verdict_of(&c, "GlossPro 260 S7", "thermoplastic_upper_layer", 7);
    assert_eq!(base.verdict, Verdict::NotMet);
    assert_eq!(var.verdict, Verdict::Met);
    // The variant's value is read where the variant writes it; the rest from the base.
    let e = mediac::eval::Evaluator::new(&c.model, &c.sources, &c.claimsets);
    let mut shown = var.clone();
    e.explain(&mut shown);
    let files: Vec<String> = shown
        .limitations
        .iter()
        .flat_map(|l| l.judgement.evidence.iter())
        .filter_map(|ev| c.sources.get(ev.span.file).map(|f| f.name.clone()))
        .collect();
    assert!(files.iter().any(|f| f == "variant.media"), "{files:?}");
    assert!(files.iter().any(|f| f == "base.media"), "{files:?}");
}

#[test]
fn an_error_in_the_base_is_said_once_and_withholds_the_variant() {
    let base = BASE.replace("pva = 3 g/m2", "pva = 3 gsm");
    let variant = "medium \"V\" from \"GlossPro 260\" { layer \"top\" { silica = 7 g/m2 } }\n";
    let c = compile(&[("base.media", &base), ("variant.media", variant)]);
    // Once, although the variant lowers the base's layer "base" again.
    assert_eq!(codes(&c), ["base.media:3: media::unit::unknown"]);
    let v = common::verdict_of(&c, "V", "thermoplastic_upper_layer", 7);
    assert_eq!(v.verdict, Verdict::Undetermined);
    assert!(v.note.as_deref().unwrap_or("").starts_with("not judged"));
}

#[test]
fn a_missing_base_and_a_cycle_are_reported_at_from() {
    let text = "medium \"A\" from \"B\" { }\nmedium \"B\" from \"A\" { }\nmedium \"C\" from \"GlossPro 206\" { }\n";
    let c = compile(&[("base.media", BASE), ("v.media", text)]);
    let got = codes(&c);
    for want in [
        "v.media:1: media::name::variant_cycle",
        "v.media:2: media::name::variant_cycle",
        "v.media:3: media::name::unresolved_ref",
    ] {
        assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
    }
}
