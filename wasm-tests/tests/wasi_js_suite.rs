//! The WASI preview1 conformance suite (`../shared/wasi-testsuite`) through `node:wasi` inside
//! atoll: a small JS driver instantiates each module with `WebAssembly.Instance` and runs it
//! with `wasi.start`, exiting with the code it returns. Each test gets a fresh copy of its
//! `root` (granted read+write, preopened at guest `/`); its `env` and `args` go to the
//! `WASI` constructor. Skips (passing) when the suite is absent.
//!
//! 72 of 72 pass (node's own `node:wasi` passes 60).

use std::path::Path;
use std::process::Command;

use atoll_wasm_tests::{atoll_bin, TempDir};

#[path = "../../tests/support/wasi_suite.rs"]
mod wasi_suite;

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

#[test]
fn wasi_testsuite_through_node_wasi() {
    let tmp = TempDir::new("wasi-js-suite");
    let suite = std::fs::canonicalize(wasi_suite::suite_dir()).unwrap_or_default();
    wasi_suite::run_all(
        "wasi-testsuite via node:wasi",
        EXPECTED,
        tmp.path(),
        |wasm: &Path, spec, scratch| {
            let driver = scratch.join("driver.mjs");
            std::fs::write(&driver, DRIVER).map_err(|e| e.to_string())?;
            let mut cmd = Command::new(atoll_bin());
            cmd.env_clear().current_dir(scratch);
            let mut reads = vec![suite.to_string_lossy().into_owned()];
            let mut root = serde_json::Value::Null;
            if let Some(r) = &spec.root {
                let c = r.to_string_lossy().into_owned();
                cmd.arg(format!("--allow-write={c}"));
                reads.push(c.clone());
                root = c.into();
            }
            cmd.arg(format!("--allow-read={}", reads.join(",")));
            let env: serde_json::Map<String, serde_json::Value> = spec
                .env
                .iter()
                .map(|(k, v)| (k.clone(), v.clone().into()))
                .collect();
            let opts = serde_json::json!({ "env": env, "root": root });
            cmd.arg(&driver)
                .arg(opts.to_string())
                .arg(wasm)
                .args(&spec.args);
            cmd.output().map_err(|e| format!("spawn: {e}"))
        },
    );
}
