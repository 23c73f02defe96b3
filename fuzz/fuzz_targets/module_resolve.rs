//! Module resolution (runtime/src/ops/module.rs) of arbitrary specifiers against an in-memory
//! tree whose package.json files are the fuzz input: it may fail, never panic, and never
//! resolves to a path outside the tree it was allowed to read.
#![no_main]

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use atoll::ops::module::{resolve, Kind, Mode, ModuleFs, Resolved};
use atoll::ops::OpError;
use libfuzzer_sys::fuzz_target;

const ROOT: &str = "/app";

/// The module loader's view: only `/app` is readable, as with a grant on the entry's tree.
struct MemFs(BTreeMap<PathBuf, Vec<u8>>);

impl MemFs {
    fn new(package_json: &[u8]) -> MemFs {
        let mut files = BTreeMap::new();
        for f in [
            "main.js",
            "lib/x.js",
            "lib/y.mjs",
            "data.json",
            "node_modules/pkg/index.js",
            "node_modules/pkg/lib/a.js",
            "node_modules/pkg/esm/index.mjs",
            "node_modules/pkg/sub/index.cjs",
            "node_modules/@s/p/main.js",
            "node_modules/other/index.json",
        ] {
            files.insert(Path::new(ROOT).join(f), b"".to_vec());
        }
        for dir in ["", "node_modules/pkg", "node_modules/@s/p", "lib"] {
            files.insert(
                Path::new(ROOT).join(dir).join("package.json"),
                package_json.to_vec(),
            );
        }
        MemFs(files)
    }
}

impl ModuleFs for MemFs {
    fn allows(&self, path: &Path) -> bool {
        path.starts_with(ROOT)
    }
    fn kind(&self, path: &Path) -> Option<Kind> {
        if !self.allows(path) {
            return None;
        }
        if self.0.contains_key(path) {
            return Some(Kind::File);
        }
        let is_dir = self
            .0
            .range(path.to_path_buf()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(path) && k != path);
        is_dir.then_some(Kind::Dir)
    }
    fn read(&self, path: &Path) -> Result<Vec<u8>, OpError> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| OpError::code("ENOENT", format!("no such file: {}", path.display())))
    }
}

fuzz_target!(|data: &[u8]| {
    // specifier \n package.json
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let Ok(specifier) = std::str::from_utf8(&data[..split]) else {
        return;
    };
    let package_json = data.get(split + 1..).unwrap_or(&[]);
    let fs = MemFs::new(package_json);
    let builtins = |n: &str| matches!(n, "node:fs" | "node:path" | "node:test");
    for parent in [
        "/app/main.js",
        "/app/lib/x.js",
        "/app/node_modules/pkg/lib/a.js",
    ] {
        for mode in [Mode::Require, Mode::Import] {
            if let Ok(Resolved::File(p)) =
                resolve(specifier, Some(Path::new(parent)), mode, &builtins, &fs)
            {
                assert!(
                    p.starts_with(ROOT),
                    "{specifier:?} resolved outside the tree: {p:?}"
                );
                assert!(
                    !p.components().any(|c| c == Component::ParentDir),
                    "unnormalised {p:?}"
                );
            }
        }
    }
});
