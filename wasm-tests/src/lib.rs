//! Helpers for the WAT tests in `tests/`: find the built `atoll` binary and run it.
//!
//! The binary belongs to another package, so `CARGO_BIN_EXE_atoll` is not available here: the
//! tests look for it next to their own `deps/` directory (`target/<profile>/atoll`), which
//! `cargo test --release --workspace` builds first. `ATOLL` overrides the path.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `target/<profile>/atoll`, or `$ATOLL`.
pub fn atoll_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("ATOLL") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test>-<hash> -> target/<profile>/atoll
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("atoll"))
        .expect("target directory");
    assert!(
        bin.is_file(),
        "{} is missing: build it first (cargo build --release) or set ATOLL",
        bin.display()
    );
    bin
}

/// A fresh, empty directory under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "atoll-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(std::fs::canonicalize(&dir).expect("canonical temp dir"))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// `atoll run ARGS...` with a clean environment apart from `env`, and the compiled-code cache
/// under `cache` (so tests never touch the user's cache).
pub fn atoll(args: &[&str], env: &[(&str, &str)], cache: &Path) -> Run {
    let mut cmd = Command::new(atoll_bin());
    cmd.arg("run")
        .args(args)
        .env_clear()
        .env("XDG_CACHE_HOME", cache);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("spawn atoll").into()
}
