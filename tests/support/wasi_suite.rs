//! The WASI preview1 conformance suite runner shared by `runtime/tests/wasi_testsuite.rs`
//! (`atoll run`) and `wasm-tests/tests/wasi_js_suite.rs` (`node:wasi` in JS): reading the suite
//! and its specs (see `../shared/wasi-testsuite/README.md`), a fresh copy of each test's root,
//! and the pass/fail bookkeeping. Each caller supplies only how one module is run.

use std::path::{Path, PathBuf};
use std::process::Output;

/// `../shared/wasi-testsuite` beside the repository (both crates sit one level deep).
pub fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wasi-testsuite")
}

/// Copies `from` into `to` recursively, recreating symlinks instead of following them.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let ty = entry.file_type()?;
        if ty.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
        } else if ty.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// One module's `NAME.json` (absent means `{}`).
pub struct Spec {
    pub args: Vec<String>,
    pub env: Vec<(String, String)>,
    /// The test's root, already copied into the scratch directory.
    pub root: Option<PathBuf>,
    pub exit_code: i32,
    pub stdout: Option<String>,
    pub stderr: Option<String>,
}

fn spec(wasm: &Path, scratch: &Path) -> Result<Spec, String> {
    let v: serde_json::Value = match std::fs::read_to_string(wasm.with_extension("json")) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| format!("spec json: {e}"))?,
        Err(_) => serde_json::json!({}),
    };
    let str_of = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_owned);
    let root = match str_of("root") {
        Some(r) => {
            let copy = scratch.join("root");
            copy_tree(&wasm.parent().unwrap().join(r), &copy).map_err(|e| format!("copy: {e}"))?;
            Some(copy)
        }
        None => None,
    };
    let strings = |a: &Vec<serde_json::Value>| {
        a.iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    Ok(Spec {
        args: v
            .get("args")
            .and_then(|a| a.as_array())
            .map(strings)
            .unwrap_or_default(),
        env: v
            .get("env")
            .and_then(|e| e.as_object())
            .map(|o| {
                o.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        root,
        exit_code: v.get("exit_code").and_then(|c| c.as_i64()).unwrap_or(0) as i32,
        stdout: str_of("stdout"),
        stderr: str_of("stderr"),
    })
}

/// What differed between a run and its spec (stdout/stderr compare as prefixes).
fn check(spec: &Spec, out: &Output) -> Result<(), String> {
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let mut problems = Vec::new();
    if out.status.code() != Some(spec.exit_code) {
        problems.push(format!(
            "exit {:?}, expected {}",
            out.status.code(),
            spec.exit_code
        ));
    }
    for (name, got, want) in [
        ("stdout", &stdout, &spec.stdout),
        ("stderr", &stderr, &spec.stderr),
    ] {
        if let Some(want) = want {
            if !got.starts_with(want.as_str()) {
                problems.push(format!("{name} {got:?}, expected prefix {want:?}"));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} (stderr: {})",
            problems.join("; "),
            stderr.trim_end()
        ))
    }
}

/// Runs every module of the suite through `run` (given the module, its spec and a fresh
/// scratch directory under `tmp`), prints `LABEL: N/M passed` and asserts at least `expected`.
/// Passes with a message when the suite is absent.
pub fn run_all(
    label: &str,
    expected: usize,
    tmp: &Path,
    mut run: impl FnMut(&Path, &Spec, &Path) -> Result<Output, String>,
) {
    let dir = suite_dir();
    if !dir.is_dir() {
        println!("{label}: skipped, {} is absent", dir.display());
        return;
    }
    let dir = std::fs::canonicalize(&dir).unwrap();
    let mut modules: Vec<PathBuf> = Vec::new();
    for suite in ["assemblyscript", "c", "rust"] {
        let Ok(entries) = std::fs::read_dir(dir.join(suite)) else {
            continue;
        };
        modules.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "wasm")),
        );
    }
    modules.sort();
    let mut passed = 0;
    let mut failures = Vec::new();
    for (i, wasm) in modules.iter().enumerate() {
        let scratch = tmp.join(format!("t{i}"));
        std::fs::create_dir_all(&scratch).unwrap();
        let name = wasm
            .strip_prefix(&dir)
            .unwrap_or(wasm)
            .display()
            .to_string();
        let outcome = spec(wasm, &scratch)
            .and_then(|spec| run(wasm, &spec, &scratch).and_then(|out| check(&spec, &out)));
        match outcome {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    println!("{label}: {passed}/{} passed", modules.len());
    assert!(
        passed >= expected,
        "{label}: {passed}/{} passed, expected at least {expected}:\n{}",
        modules.len(),
        failures.join("\n")
    );
}
