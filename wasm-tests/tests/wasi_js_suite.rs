//! The WASI preview1 conformance suite (`../shared/wasi-testsuite`) through `node:wasi` inside
//! atoll: a small JS driver instantiates each module with `WebAssembly.Instance` and runs it
//! with `wasi.start`, exiting with the code it returns. Each test gets a fresh copy of its
//! `root` (granted read+write, preopened at guest `/`); its `env` and `args` go to the
//! `WASI` constructor. Skips (passing) when the suite is absent.
//!
//! 72 of 72 pass (node's own `node:wasi` passes 60).

use std::path::{Path, PathBuf};
use std::process::Command;

use atoll_wasm_tests::{atoll_bin, TempDir};

/// At least this many must pass.
const EXPECTED: usize = 72;

const DRIVER: &str = r#"
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
const [spec, file, ...args] = process.argv.slice(2);
const { env, root } = JSON.parse(spec);
const wasi = new WASI({
  version: 'preview1', args: [file, ...args], env, preopens: root ? { '/': root } : {},
});
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
"#;

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wasi-testsuite")
}

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

fn run_one(wasm: &Path, scratch: &Path, suite: &Path) -> Result<(), String> {
    let json = wasm.with_extension("json");
    let spec: serde_json::Value = std::fs::read_to_string(&json)
        .ok()
        .map(|t| serde_json::from_str(&t).expect("spec json"))
        .unwrap_or_else(|| serde_json::json!({}));
    let s = |k: &str| spec.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let args: Vec<String> = spec
        .get("args")
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let exit_code = spec.get("exit_code").and_then(|c| c.as_i64()).unwrap_or(0) as i32;
    let driver = scratch.join("driver.mjs");
    std::fs::write(&driver, DRIVER).map_err(|e| e.to_string())?;
    let mut cmd = Command::new(atoll_bin());
    cmd.env_clear().current_dir(scratch);
    let mut reads = vec![suite.to_string_lossy().into_owned()];
    let mut root = serde_json::Value::Null;
    if let Some(r) = s("root") {
        let copy = scratch.join("root");
        copy_tree(&wasm.parent().unwrap().join(r), &copy).map_err(|e| format!("copy: {e}"))?;
        let c = copy.to_string_lossy().into_owned();
        cmd.arg(format!("--allow-write={c}"));
        reads.push(c.clone());
        root = c.into();
    }
    cmd.arg(format!("--allow-read={}", reads.join(",")));
    let env = spec
        .get("env")
        .cloned()
        .unwrap_or_else(|| serde_json::json!({}));
    let opts = serde_json::json!({ "env": env, "root": root });
    cmd.arg(&driver).arg(opts.to_string()).arg(wasm).args(&args);
    let out = cmd.output().map_err(|e| format!("spawn: {e}"))?;
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    let mut problems = Vec::new();
    if out.status.code() != Some(exit_code) {
        problems.push(format!(
            "exit {:?}, expected {exit_code}",
            out.status.code()
        ));
    }
    if let Some(want) = s("stdout") {
        if !stdout.starts_with(want.as_str()) {
            problems.push(format!("stdout {stdout:?}, expected prefix {want:?}"));
        }
    }
    if let Some(want) = s("stderr") {
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
fn wasi_testsuite_through_node_wasi() {
    let dir = suite_dir();
    if !dir.is_dir() {
        println!("wasi-testsuite: skipped, {} is absent", dir.display());
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
    let tmp = TempDir::new("wasi-js-suite");
    let mut passed = 0;
    let mut failures = Vec::new();
    for (i, wasm) in modules.iter().enumerate() {
        let scratch = tmp.path().join(format!("t{i}"));
        std::fs::create_dir_all(&scratch).unwrap();
        let name = wasm
            .strip_prefix(&dir)
            .unwrap_or(wasm)
            .display()
            .to_string();
        match run_one(wasm, &scratch, &dir) {
            Ok(()) => passed += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
        let _ = std::fs::remove_dir_all(&scratch);
    }
    for f in &failures {
        println!("FAIL {f}");
    }
    println!(
        "wasi-testsuite via node:wasi: {passed}/{} passed",
        modules.len()
    );
    assert!(
        passed >= EXPECTED,
        "wasi-testsuite via node:wasi: {passed}/{} passed, expected at least {EXPECTED}:\n{}",
        modules.len(),
        failures.join("\n")
    );
}
