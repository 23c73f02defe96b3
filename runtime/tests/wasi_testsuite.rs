//! The WASI preview1 conformance suite (`../shared/wasi-testsuite`, see its README) through
//! `atoll run`. Each test gets a fresh copy of its `root` directory (symlinks kept as
//! symlinks), granted read+write and preopened at guest `/` with `--map /=<copy>`; its `env`
//! is set on the child and passed with `--allow-env=NAMES`. Skips (passing) when the suite is
//! absent.
//!
//! Known failures: none (72/72 with wasmtime-wasi 48).

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::path::{Path, PathBuf};
use std::process::Command;

/// At least this many must pass.
const EXPECTED: usize = 72;

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wasi-testsuite")
}

/// Copies `from` into `to` recursively, recreating symlinks instead of following them.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
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

struct Spec {
    args: Vec<String>,
    env: Vec<(String, String)>,
    root: Option<String>,
    exit_code: i32,
    stdout: Option<String>,
    stderr: Option<String>,
}

fn spec(wasm: &Path) -> Spec {
    let json = wasm.with_extension("json");
    let v: serde_json::Value = match std::fs::read_to_string(&json) {
        Ok(text) => serde_json::from_str(&text).expect("spec json"),
        Err(_) => serde_json::json!({}),
    };
    let str_of = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_owned);
    Spec {
        args: v
            .get("args")
            .and_then(|a| a.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_owned))
                    .collect()
            })
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
        root: str_of("root"),
        exit_code: v.get("exit_code").and_then(|c| c.as_i64()).unwrap_or(0) as i32,
        stdout: str_of("stdout"),
        stderr: str_of("stderr"),
    }
}

/// Runs one module; `Err` says what differed.
fn run_one(wasm: &Path, scratch: &Path, cache: &Path) -> Result<(), String> {
    let spec = spec(wasm);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_atoll"));
    cmd.arg("run")
        .env_clear()
        .env("XDG_CACHE_HOME", cache)
        .current_dir(scratch);
    if let Some(root) = &spec.root {
        let copy = scratch.join("root");
        copy_tree(&wasm.parent().unwrap().join(root), &copy).map_err(|e| format!("copy: {e}"))?;
        let c = copy.to_string_lossy();
        cmd.arg(format!("--allow-read={c}"))
            .arg(format!("--allow-write={c}"))
            .arg("--map")
            .arg(format!("/={c}"));
    }
    if !spec.env.is_empty() {
        let names: Vec<&str> = spec.env.iter().map(|(k, _)| k.as_str()).collect();
        cmd.arg(format!("--allow-env={}", names.join(",")));
        cmd.envs(spec.env.iter().cloned());
    }
    cmd.arg(wasm).args(&spec.args);
    let out = cmd.output().map_err(|e| format!("spawn: {e}"))?;
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
    if let Some(want) = &spec.stdout {
        if !stdout.starts_with(want.as_str()) {
            problems.push(format!("stdout {stdout:?}, expected prefix {want:?}"));
        }
    }
    if let Some(want) = &spec.stderr {
        if !stderr.starts_with(want.as_str()) {
            problems.push(format!("stderr {stderr:?}, expected prefix {want:?}"));
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

#[test]
fn wasi_testsuite() {
    let dir = suite_dir();
    if !dir.is_dir() {
        println!("wasi-testsuite: skipped, {} is absent", dir.display());
        return;
    }
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
    let tmp = std::env::temp_dir().join(format!("atoll-wasi-testsuite-{}", std::process::id()));
    let cache = tmp.join("cache");
    std::fs::create_dir_all(&cache).unwrap();
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
        match run_one(wasm, &scratch, &cache) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }
    let _ = std::fs::remove_dir_all(&tmp);
    for f in &failures {
        println!("FAIL {f}");
    }
    println!("wasi-testsuite: {passed}/{} passed", modules.len());
    assert!(
        passed >= EXPECTED,
        "wasi-testsuite: {passed}/{} passed, expected at least {EXPECTED}:\n{}",
        modules.len(),
        failures.join("\n")
    );
}
