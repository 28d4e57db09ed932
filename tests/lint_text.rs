//! Encoding completeness (`mediac lint`, docs/claims.md "Encoding completeness"): the shipped
//! claim sets' findings are exactly those docs/claims.md justifies, and each kind of finding
//! is reported with its message, help and place on the example in tests/data/docs/.

use mediac::compile::{Compilation, Compiler};

fn lint(files: &[&str], shipped: bool) -> Compilation {
    let mut c = if shipped {
        Compiler::new()
    } else {
        Compiler::bare()
    };
    c.lint_shipped = true;
    c.lint_text = true;
    for f in files {
        c.add(*f, std::fs::read_to_string(f).unwrap());
    }
    c.compile()
}

fn findings(c: &Compilation) -> Vec<String> {
    c.diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("media::lint::"))
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect()
}

#[test]
fn the_shipped_sets_have_only_the_findings_docs_claims_md_justifies() {
    let c = lint(&[], true);
    assert_eq!(
        findings(&c),
        [
            "media::lint::unsatisfiable: cast_coated_alumina claim 6 cannot be met: its limitations leave no value for a mass fraction in L",
            "media::lint::repeats: cast_coated_alumina claim 7 repeats claim 4",
            "media::lint::repeats: cast_coated_alumina claim 11 repeats claim 3",
            "media::lint::antecedent: heat_press_fixing claim 12: \"the image recording medium\" has no antecedent",
            "media::lint::antecedent: cast_coated_alumina claim 13: \"the treating solution\" has no antecedent",
        ]
    );
    let docs = std::fs::read_to_string("docs/claims.md").unwrap();
    for phrase in ["the image recording medium", "the treating solution"] {
        assert!(
            docs.contains(phrase),
            "docs/claims.md does not justify {phrase:?}"
        );
    }
}

#[test]
fn check_does_not_run_the_completeness_lint() {
    let mut c = Compiler::new();
    c.lint_shipped = true;
    let c = c.compile();
    assert!(
        findings(&c)
            .iter()
            .all(|f| !f.contains("antecedent") && !f.contains("unencoded")),
        "{:?}",
        findings(&c)
    );
}

#[test]
fn each_kind_of_finding_says_what_and_where() {
    let c = lint(&["tests/data/docs/coated_silica.media"], false);
    let at = |code: &str| {
        let d = c
            .diagnostics
            .iter()
            .find(|d| d.code.as_str() == code)
            .unwrap_or_else(|| panic!("no {code}: {:?}", findings(&c)));
        let s = d.primary_span().unwrap();
        let f = c.sources.get(s.file).unwrap();
        let (line, _) = f.line_col(s.start as usize);
        let text = f.text[s.start as usize..s.end as usize].to_string();
        (d.clone(), f.name.clone(), line, text)
    };
    let (d, file, line, text) = at("media::lint::words_not_in_claim");
    assert_eq!(
        d.message,
        "coated_silica claim 1: these words are not in the claim's text"
    );
    assert_eq!(
        (file.as_str(), line, text.as_str()),
        (
            "tests/data/docs/coated_silica.media",
            13,
            "\"containing colloid silica\""
        )
    );

    let (d, file, line, text) = at("media::lint::antecedent");
    assert_eq!(
        d.message,
        "coated_silica claim 2: \"the polyolefin resin\" has no antecedent"
    );
    assert_eq!(
        (file.as_str(), line, text.as_str()),
        (
            "tests/data/docs/coated_silica.txt",
            7,
            "the polyolefin resin"
        )
    );

    let unencoded: Vec<&str> = c
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "media::lint::unencoded")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        unencoded,
        [
            "coated_silica claim 1: no limitation encodes \"the cation modifier is 1 to 30 % by weight based on the silica\"",
            "coated_silica does not encode claim 3 of its text",
        ]
    );

    let (d, _, line, _) = at("media::lint::not_in_text");
    assert_eq!(
        d.message,
        "coated_silica encodes claim 4, which coated_silica.txt does not have"
    );
    assert_eq!(line, 25);

    let (d, _, _, text) = at("media::lint::text_missing");
    assert_eq!(text, "\"no_such_text.txt\"");
    assert!(
        d.message
            .starts_with("the claim text of no_text cannot be read: there is no file")
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "put the claim text next to the claim set (or in a `text/` folder beside it) so that the encoding can be checked against it"
        )
    );
    assert_eq!(findings(&c).len(), 6);
}

#[test]
fn a_further_passage_covers_the_phrase_it_quotes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.txt"),
        "1. A recording medium comprising a layer, wherein the layer is glossy, and wherein G represents the 60° gloss of the layer.\n",
    )
    .unwrap();
    let set = |also: &str| {
        format!(
            "claimset t \"t\" {{\n  source \"t.txt\"\n  claim 1 medium {{\n    \"A recording medium\": medium M\n    \"comprising a layer\": layer L in M\n    \"the layer is glossy\"{also}: L.side == front\n  }}\n}}\n"
        )
    };
    let run = |text: String| {
        let path = dir.path().join("t.media");
        std::fs::write(&path, text).unwrap();
        let mut c = Compiler::bare();
        c.lint_text = true;
        c.root = Some(dir.path().to_path_buf());
        c.add(
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        );
        findings(&c.compile())
    };
    assert_eq!(
        run(set("")),
        [
            "media::lint::unencoded: t claim 1: no limitation encodes \"G represents the 60° gloss of the layer\""
        ]
    );
    assert_eq!(
        run(set(", \"G represents the 60° gloss of the layer\"")),
        Vec::<String>::new()
    );
}

#[test]
fn the_portfolio_claim_sets_lint_clean() {
    let c = lint(
        &[
            "specs/examples/portfolio/claims/team_alpha.media",
            "specs/examples/portfolio/claims/team_beta.media",
        ],
        false,
    );
    assert_eq!(c.claimsets.len(), 2);
    assert_eq!(findings(&c), Vec::<String>::new());
}
