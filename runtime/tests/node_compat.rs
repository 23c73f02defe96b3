//! Runs every `tests/node-compat/**/*.test.mjs` under atoll and, when it is on PATH, under
//! node: each file asserts with `node:assert` and must exit 0 under both.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    path::{Path, PathBuf},
    process::Command,
};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.to_string_lossy().ends_with(".test.mjs")
            || path.to_string_lossy().ends_with(".test.cjs")
            || path.to_string_lossy().ends_with(".test.js")
        {
            out.push(path);
        }
    }
}

fn node_available() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let out = cmd.output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}\n--- stdout\n{}--- stderr\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[test]
fn node_compat_suite() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/node-compat");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(!files.is_empty(), "no tests found under {}", root.display());
    let with_node = node_available();
    if !with_node {
        eprintln!("node >= 20 is not on PATH: running the suite under atoll only");
    }
    let mut failures = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        let dir = file.parent().unwrap();
        // Tests that touch files get a scratch directory through TEST_TMPDIR.
        let scratch = std::env::temp_dir().join(format!("atoll-compat-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&scratch);
        let atoll = run(Command::new(env!("CARGO_BIN_EXE_atoll"))
            .arg("run")
            .arg(format!(
                "--allow-read={},{}",
                root.display(),
                scratch.display()
            ))
            .arg(format!("--allow-write={}", scratch.display()))
            .arg("--allow-env=TEST_TMPDIR")
            .arg(file)
            .env("TEST_TMPDIR", &scratch)
            .current_dir(dir));
        if let Err(e) = atoll {
            failures.push(format!("atoll {name}: {e}"));
        }
        if with_node {
            if let Err(e) = run(Command::new("node")
                .arg(file)
                .env("TEST_TMPDIR", &scratch)
                .current_dir(dir))
            {
                failures.push(format!("node {name}: {e}"));
            }
        }
    }
    eprintln!(
        "node-compat: {} files, {} failures",
        files.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}
