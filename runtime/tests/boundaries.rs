//! Architecture guard: only `runtime/src/engine/` (and the build script that compiles the
//! polyfills) may name the JS engine, so another engine could replace that one module; the
//! capability layer never depends on it.

#![allow(clippy::disallowed_methods)] // reads this repository's own sources

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn only_the_engine_module_uses_rquickjs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = root.join("src/engine");
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("../wasi-bridge/src"), &mut files);
    let offenders: Vec<_> = files
        .iter()
        .filter(|f| !f.starts_with(&engine))
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("rquickjs"))
        .collect();
    assert!(files.len() > 10, "found too few sources: {files:?}");
    assert!(
        offenders.is_empty(),
        "rquickjs used outside runtime/src/engine: {offenders:?}"
    );
}

#[test]
fn the_capability_layer_does_not_depend_on_the_engine() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../wasi-bridge/Cargo.toml"),
    )
    .unwrap();
    assert!(
        !manifest.contains("rquickjs"),
        "wasi-bridge must not depend on the JS engine"
    );
}
