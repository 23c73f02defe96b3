//! Native ops: plain Rust, no JS engine types, so each can be unit-tested alone. The engine glue
//! (`engine/bind.rs`) exposes them to the polyfills as `atoll:ops` exports named `op_<group>_<verb>`.

pub mod buffer;
pub mod child_process;
pub mod crypto;
pub mod dns;
pub mod error;
pub mod fs;
pub mod http;
pub mod ipc;
pub mod limits;
pub mod module;
pub mod net;
pub mod os;
pub mod process;
pub mod serve;
pub mod tls;
pub mod url;
pub mod wasm;
pub mod worker;
pub mod zlib;

use std::{
    cell::RefCell,
    path::{Path, PathBuf},
    sync::Arc,
    time::Instant,
};

use wasi_bridge::{fs::CapFs, grants::Scope, Grants};

pub use error::OpError;

/// A value an op hands back to JS, owned so it can cross threads and `.await`s.
#[derive(Debug, Clone, PartialEq)]
pub enum OpValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Bytes(Vec<u8>),
    Array(Vec<OpValue>),
    Object(Vec<(&'static str, OpValue)>),
}

impl From<String> for OpValue {
    fn from(s: String) -> Self {
        OpValue::String(s)
    }
}

impl From<&str> for OpValue {
    fn from(s: &str) -> Self {
        OpValue::String(s.to_owned())
    }
}

impl From<f64> for OpValue {
    fn from(n: f64) -> Self {
        OpValue::Number(n)
    }
}

impl From<bool> for OpValue {
    fn from(b: bool) -> Self {
        OpValue::Bool(b)
    }
}

impl<T: Into<OpValue>> From<Option<T>> for OpValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(OpValue::Undefined, Into::into)
    }
}

/// Per-runtime state every op may read: what was granted, the script's view of the process.
pub struct OpState {
    pub grants: Grants,
    /// `process.argv`: [execPath, script, ...args].
    pub argv: Vec<String>,
    pub exec_path: String,
    pub start: Instant,
    /// `process.cwd()`: per runtime, never the host process's (several runtimes may share one).
    pub cwd: RefCell<PathBuf>,
    /// Every file access the script makes goes through this capability.
    pub fs: Arc<CapFs>,
    /// Open files (`fs.open`) by fd number.
    pub fds: Arc<fs::FdTable>,
    /// `--max-handles` / `--max-children` counters (shared with worker threads).
    pub resources: Arc<limits::Resources>,
    /// The module loader's implicit read-only grant: the entry script's directory tree, so a
    /// program can load its own modules without `--allow-read`. Used for module source and
    /// resolution probes only, never by `node:fs`.
    pub modules: Option<Arc<CapFs>>,
}

impl OpState {
    /// Fails when a granted path cannot be opened (the caller reports it and exits).
    pub fn new(
        grants: Grants,
        argv: Vec<String>,
        exec_path: String,
        cwd: PathBuf,
    ) -> std::io::Result<Self> {
        let fs = Arc::new(CapFs::new(&grants, &cwd)?);
        let resources = Arc::new(limits::Resources::default());
        Ok(OpState {
            grants,
            argv,
            exec_path,
            start: Instant::now(),
            cwd: RefCell::new(cwd),
            fs,
            fds: Arc::new(fs::FdTable::new(resources.clone())),
            resources,
            modules: None,
        })
    }

    /// Let the module loader read the tree under `root` (the entry script's directory),
    /// minus any `--deny-read` paths.
    pub fn with_module_root(mut self, root: &Path) -> std::io::Result<Self> {
        let grants = Grants {
            read: Scope::Some(vec![root.to_path_buf()]),
            deny_read: self.grants.deny_read.clone(),
            ..Grants::default()
        };
        self.modules = Some(Arc::new(CapFs::new(&grants, root)?));
        Ok(self)
    }

    /// What an fs op needs, detached from this (single-threaded) state.
    pub fn fs_ctx(&self) -> fs::FsCtx {
        fs::FsCtx {
            cap: self.fs.clone(),
            fds: self.fds.clone(),
            cwd: self.cwd.borrow().clone(),
        }
    }

    /// `path` made absolute against the runtime's cwd and normalised lexically.
    pub fn absolute(&self, path: &str) -> PathBuf {
        module::normalize(&self.cwd.borrow().join(path))
    }
}
