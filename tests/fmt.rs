//! `mediac fmt`: on every `.media` file of the repository that parses, formatting changes
//! nothing but layout (the syntax tree is the same, comments included) and formatting again
//! changes nothing; the command's `--check`, `-` and refusal of broken files.

use mediac::fmt::format;
use mediac::source::FileId;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The tree as data without spans (and comments without trailing blanks): what formatting must
/// keep.
fn shape(text: &str) -> serde_json::Value {
    // As the compiler reads it; warnings (a file of comments only) are not errors.
    let text = mediac::source::normalize_line_endings(text.to_string());
    let (mut tree, errors) = mediac::syntax::parse(FileId(0), &text);
    assert!(errors.iter().all(|e| {
        mediac::diagnostic::Diagnostic::from(e).severity != mediac::diagnostic::Severity::Error
    }));
    for c in &mut tree.comments {
        c.text = c.text.replace("\r\n", "\n").trim_end().to_string();
    }
    let mut v = serde_json::to_value(&tree).unwrap();
    strip(&mut v);
    v
}

fn strip(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map.len() == 3 && map.contains_key("file") && map.contains_key("start") {
                *v = serde_json::Value::Null;
            } else {
                map.values_mut().for_each(strip);
            }
        }
        serde_json::Value::Array(xs) => xs.iter_mut().for_each(strip),
        _ => {}
    }
}

fn media_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            media_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "media") {
            out.push(p);
        }
    }
}

#[test]
fn formatting_keeps_the_tree_and_is_idempotent_on_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    media_files(&root.join("specs"), &mut files);
    media_files(&root.join("tests/data"), &mut files);
    let mut formatted = 0;
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let Ok(out) = format(&text) else { continue };
        assert_eq!(
            shape(&out),
            shape(&text),
            "{}: the tree changed",
            f.display()
        );
        assert_eq!(
            format(&out).unwrap(),
            out,
            "{}: not idempotent",
            f.display()
        );
        formatted += 1;
    }
    assert!(formatted > 100, "only {formatted} files formatted");
}

fn mediac(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mediac"));
    cmd.args(args).arg("--color").arg("never");
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(s) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_lists_what_would_change_and_fmt_rewrites_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let messy = dir.path().join("messy.media");
    let tidy = dir.path().join("tidy.media");
    std::fs::write(
        &messy,
        "medium \"A\" {\n      support { paper = 170 g/m2 }   // paper\n}\n",
    )
    .unwrap();
    std::fs::write(&tidy, "medium \"B\" {\n  support { paper = 170 g/m2 }\n}\n").unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, out, _) = mediac(&["fmt", "--check", d], None);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        format!("{}\n1 file of 2 would be reformatted\n", messy.display())
    );
    let (code, out, _) = mediac(&["fmt", d], None);
    assert_eq!((code, out.as_str()), (0, "1 file of 2 reformatted\n"));
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        "medium \"A\" {\n  support { paper = 170 g/m2 }  // paper\n}\n"
    );
    // Nothing but the two files: the write went through a temporary file and a rename.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    let (code, _, _) = mediac(&["fmt", "--check", d], None);
    assert_eq!(code, 0);
}

#[test]
fn a_file_with_syntax_errors_is_not_touched() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.media");
    let text = "medium \"A\" {\n      layer { silica = }\n}\n";
    std::fs::write(&broken, text).unwrap();
    let (code, _, err) = mediac(&["fmt", broken.to_str().unwrap()], None);
    assert_eq!(code, 1);
    assert!(err.contains("not formatted: it has syntax errors"), "{err}");
    assert!(err.contains("media::syntax::"), "{err}");
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), text);
}

#[test]
fn standard_input_is_formatted_to_standard_output() {
    let (code, out, _) = mediac(
        &["fmt", "-"],
        Some("material   x  \"x\"\n\n\n\nunit gu = 1 %\n"),
    );
    assert_eq!(
        (code, out.as_str()),
        (0, "material x \"x\"\n\nunit gu = 1 %\n")
    );
}
