//! A check in groups of specs (`Compiler::batched`, what `mediac check` does when it keeps no
//! verdicts) gives exactly what the check of the whole input gives: the same diagnostics in
//! the same order, the same counts and the same number of specs. Where groups would not
//! stand apart, the input is checked whole; these tests show both that groups are used where
//! they can be and that they are not where a spec reads another group's.

mod common;

use mediac::compile::{Compilation, Compiler};
use mediac::report::short;
use std::path::Path;

fn compile(files: &[(String, String)], batched: bool, group_bytes: usize) -> Compilation {
    let mut c = Compiler::new();
    c.keep_verdicts = false;
    c.summaries = true;
    c.explain_all = false;
    c.batched = batched;
    c.group_bytes = Some(group_bytes);
    for (name, text) in files {
        c.add(name.clone(), text.clone());
    }
    c.compile()
}

/// Everything a check prints: each diagnostic as `--format short` shows it, the counts and
/// the number of specs.
fn printed(c: &Compilation) -> String {
    let mut out: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| short::render(d, &c.sources))
        .collect();
    out.push(format!("{:?} {} specs", c.verdict_counts, c.specs));
    out.join("\n")
}

/// Checks `files` whole and in the smallest groups; asserts the same output and returns the
/// number of groups used.
fn same_in_groups(files: &[(String, String)]) -> usize {
    let whole = compile(files, false, 1);
    assert_eq!(whole.groups, 1);
    let grouped = compile(files, true, 1);
    assert_eq!(printed(&grouped), printed(&whole));
    grouped.groups
}

fn corpus(specs: usize) -> String {
    let mut out = String::new();
    for i in 0..specs {
        let (t, s) = (90 + (i * 7) % 60, 100 + (i * 13) % 900);
        out.push_str(&format!(
            "// spec {i}\nmedium \"M{i}\" {{\n  complete\n  support {{\n    paper = 160 g/m2\n    resin_layer \"front\" {{ ldpe = 24 g/m2; melting_point = 108 °C; solvent_permeable = false; side = front }}\n  }}\n  layer \"base\" {{ precipitated_silica = 19 g/m2; pva = 5 g/m2; thickness = 35 um }}\n  layer \"top\" {{\n    precipitated_silica = 5.9 g/m2\n    pmma_particles = 3.2 g/m2 {{ tg = {} °C; particle_size = 329 nm }}\n    pva = 0.24 g/m2\n    thickness = 9 um\n  }}\n}}\nink \"K{i}\" {{ phthalocyanine_blue = 4 wt%; glycerol = 15 wt%; water = 81 wt% }}\nprocess \"P{i}\" {{\n  medium = \"M{i}\"\n  print {{ ink = \"K{i}\" }}\n  heat_press {{ surface_temperature = {t} °C; time = {s} ms; pressure = 1 MPa }}\n}}\n",
            40 + i % 50
        ));
    }
    out
}

fn file(name: &str, text: String) -> Vec<(String, String)> {
    vec![(name.to_string(), text)]
}

#[test]
fn a_corpus_of_independent_specs_is_checked_in_groups_with_the_same_output() {
    let text = corpus(12);
    assert_eq!(same_in_groups(&file("corpus.media", text)), 12);
}

#[test]
fn specs_that_name_one_another_stay_in_one_group() {
    // P0 at the end prints on M0 at the start: everything between is one group.
    let text = format!(
        "{}process \"Late\" {{ medium = \"M0\"; print {{ ink = \"K3\" }} }}\n{}",
        corpus(6),
        corpus(9)
            .replace("\"M", "\"N")
            .replace("\"K", "\"J")
            .replace("\"P", "\"Q")
    );
    let groups = same_in_groups(&file("corpus.media", text));
    assert_eq!(
        groups,
        1 + 9,
        "the first six specs and `Late` make one group"
    );
}

#[test]
fn a_process_that_does_not_say_its_medium_keeps_its_file_whole() {
    // It may be on any medium of its file: no group stands apart from it.
    let text = format!(
        "{}process \"Anywhere\" {{ print {{ ink = \"K1\" }} }}\n",
        corpus(5)
    );
    assert_eq!(same_in_groups(&file("corpus.media", text)), 1);
}

#[test]
fn an_error_anywhere_keeps_the_input_whole() {
    // "did you mean" reads every name of the input.
    let text = corpus(5).replace("medium = \"M3\"", "medium = \"M33\"");
    assert_eq!(same_in_groups(&file("corpus.media", text)), 1);
    let broken = corpus(5).replace("ink \"K2\" {", "ink \"K2\" { = ");
    assert_eq!(same_in_groups(&file("corpus.media", broken)), 1);
}

#[test]
fn a_claim_set_or_declaration_in_the_input_keeps_it_whole() {
    let set = "material house_silica : silica \"house silica\"\n".to_string();
    assert_eq!(same_in_groups(&file("corpus.media", set + &corpus(4))), 1);
}

#[test]
fn every_shipped_example_gives_the_same_output_in_groups() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/examples");
    let mut top = Vec::new();
    let mut dirs = vec![root.clone()];
    let mut seen = 0;
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "media") {
                let text = std::fs::read_to_string(&p).unwrap();
                let name = p.strip_prefix(&root).unwrap().display().to_string();
                same_in_groups(&file(&name, text.clone()));
                seen += 1;
                // Declarations are read by every spec: a file with one is checked whole.
                let declares = text.lines().any(|l| {
                    [
                        "property ",
                        "material ",
                        "unit ",
                        "dimension ",
                        "element ",
                        "claimset ",
                    ]
                    .iter()
                    .any(|k| l.starts_with(k))
                });
                if dir == root && !declares {
                    top.push((name, text));
                }
            }
        }
    }
    assert!(seen > 30, "{seen} examples");
    // The examples that declare nothing, beside one another: each describes its own
    // products, so most stand apart.
    top.sort();
    let groups = same_in_groups(&top);
    assert!(groups > 10, "{} examples in {groups} groups", top.len());
}
