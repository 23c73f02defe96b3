//! The WASI preview1 conformance suite (`../shared/wasi-testsuite`, see its README) through
//! `atoll run`. Each test gets a fresh copy of its `root` directory (symlinks kept as
//! symlinks), granted read+write and preopened at guest `/` with `--map /=<copy>`; its `env`
//! is set on the child and passed with `--allow-env=NAMES`. Skips (passing) when the suite is
//! absent.
//!
//! Known failures: none (72/72 with wasmtime-wasi 48).

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::path::Path;
use std::process::Command;

#[path = "../../tests/support/wasi_suite.rs"]
mod wasi_suite;

/// At least this many must pass.
const EXPECTED: usize = 72;

#[test]
fn wasi_testsuite() {
    let tmp = std::env::temp_dir().join(format!("atoll-wasi-testsuite-{}", std::process::id()));
    let cache = tmp.join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    wasi_suite::run_all(
        "wasi-testsuite",
        EXPECTED,
        &tmp,
        |wasm: &Path, spec, scratch| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_atoll"));
            cmd.arg("run")
                .env_clear()
                .env("XDG_CACHE_HOME", &cache)
                .current_dir(scratch);
            if let Some(root) = &spec.root {
                let c = root.to_string_lossy();
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
            cmd.output().map_err(|e| format!("spawn: {e}"))
        },
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
