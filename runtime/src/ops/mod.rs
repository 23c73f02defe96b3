//! Native ops: plain Rust, no JS engine types, so each can be unit-tested alone. The engine glue
//! (`engine/bind.rs`) exposes them to the polyfills as `atoll:ops` exports named `op_<group>_<verb>`.

pub mod error;
pub mod module;
pub mod process;
pub mod url;

use std::{cell::RefCell, path::PathBuf, time::Instant};

use wasi_bridge::Grants;

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
}

impl OpState {
    pub fn new(grants: Grants, argv: Vec<String>, exec_path: String, cwd: PathBuf) -> Self {
        OpState {
            grants,
            argv,
            exec_path,
            start: Instant::now(),
            cwd: RefCell::new(cwd),
        }
    }

    /// `path` made absolute against the runtime's cwd and normalised lexically.
    pub fn absolute(&self, path: &str) -> PathBuf {
        module::normalize(&self.cwd.borrow().join(path))
    }
}
