//! The output does not depend on the number of threads that evaluate the claims: the same check
//! run with one thread and with several prints the same bytes, in every format.

use std::path::Path;
use std::process::Command;

fn run(threads: &str, format: &str) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_mediac"))
        .current_dir(root)
        .env("RAYON_NUM_THREADS", threads)
        .args([
            "check",
            "--color",
            "never",
            "--format",
            format,
            "specs/examples",
        ])
        .output()
        .unwrap();
    assert!(!out.stdout.is_empty(), "{format}: no output");
    out.stdout
}

#[test]
fn one_thread_and_four_threads_print_the_same_bytes() {
    for format in ["human", "json"] {
        let one = run("1", format);
        let four = run("4", format);
        assert!(
            one == four,
            "{format}: the output differs between 1 and 4 threads"
        );
    }
}
