//! Embedding atoll: run untrusted JavaScript from a Rust host, each program in its own isolated
//! runtime (own thread, own QuickJS heap, own event loop, own grants and limits; nothing shared).
//!
//! ```
//! use atoll::embed::Sandbox;
//! use atoll::ResultValue;
//!
//! let outcome = Sandbox::new()
//!     .max_heap(32 << 20)
//!     .max_cpu_ms(1_000)
//!     .eval("Promise.resolve(6 * 7).then((n) => ({ answer: n }))")
//!     .wait();
//! assert_eq!(outcome.exit_code, 0);
//! assert_eq!(outcome.result, Some(Ok(ResultValue::Json(r#"{"answer":42}"#.into()))));
//! ```
//!
//! A host can stop a program from another thread:
//!
//! ```
//! use atoll::embed::Sandbox;
//!
//! let running = Sandbox::new().eval("for (;;) {}");
//! let stop = running.terminator();
//! std::thread::spawn(move || {
//!     std::thread::sleep(std::time::Duration::from_millis(50));
//!     stop.terminate();
//! });
//! assert_eq!(running.wait().exit_code, atoll::Termination::Requested.exit_code());
//! ```

use std::{path::PathBuf, sync::Arc, thread::JoinHandle};

use wasi_bridge::Grants;

use crate::{cli::Limits, ops::OpState, Main, Options, Outcome, TerminateHandle};

/// Native stack for each runtime thread (QuickJS gets an eighth of it).
const STACK: usize = 64 * 1024 * 1024;

/// Configuration for one isolated runtime. Deny-by-default: grant what the program may touch.
#[derive(Debug, Clone, Default)]
pub struct Sandbox {
    grants: Grants,
    limits: Limits,
    cwd: Option<PathBuf>,
    args: Vec<String>,
}

impl Sandbox {
    pub fn new() -> Self {
        Self::default()
    }

    /// The capabilities (files, env, net, subprocesses) the program gets.
    pub fn grants(mut self, grants: Grants) -> Self {
        self.grants = grants;
        self
    }

    /// JS heap limit in bytes; exceeding it ends the program with exit code 134.
    pub fn max_heap(mut self, bytes: usize) -> Self {
        self.limits.max_heap = Some(bytes);
        self
    }

    /// CPU time the program may use; exceeding it ends it with exit code 124.
    pub fn max_cpu_ms(mut self, ms: u64) -> Self {
        self.limits.max_cpu_ms = Some(ms);
        self
    }

    /// Wall-clock time the program may run; exceeding it ends it with exit code 124.
    pub fn timeout_ms(mut self, ms: u64) -> Self {
        self.limits.timeout_ms = Some(ms);
        self
    }

    /// Files, sockets and servers the program may hold open at once; past it `open`/`connect`/
    /// `listen` fail with `EMFILE` as at the OS limit, and closing one frees a slot.
    pub fn max_handles(mut self, n: usize) -> Self {
        self.limits.max_handles = Some(n);
        self
    }

    /// Child processes the program may run at once (it also needs `run` grants); past it
    /// `spawn` fails with `EAGAIN`.
    pub fn max_children(mut self, n: usize) -> Self {
        self.limits.max_children = Some(n);
        self
    }

    /// The program's `process.cwd()` (default: the host's).
    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }

    /// `process.argv.slice(2)`.
    pub fn args(mut self, args: Vec<String>) -> Self {
        self.args = args;
        self
    }

    /// Evaluate an expression; its value (awaited if it is a promise) comes back in
    /// [`Outcome::result`] as JSON, or as bytes for a `Uint8Array`.
    pub fn eval(self, source: impl Into<String>) -> Running {
        self.start(Main::Expression(source.into()), None)
    }

    /// Run a CommonJS or ES module file, as `atoll run FILE` does.
    pub fn run_file(self, path: impl Into<PathBuf>) -> Running {
        let path = path.into();
        self.start(Main::File(path.clone()), Some(path))
    }

    #[allow(clippy::disallowed_methods)] // the host chose the entry script; its directory becomes the module root.
    fn start(self, main: Main, script: Option<PathBuf>) -> Running {
        let terminate = Arc::new(TerminateHandle::default());
        let handle = terminate.clone();
        let thread = std::thread::Builder::new()
            .name("atoll-sandbox".into())
            .stack_size(STACK)
            .spawn(move || {
                let cwd = self
                    .cwd
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_else(|| "/".into());
                let script = script.map(|p| crate::ops::module::normalize(&cwd.join(p)));
                let mut argv = vec!["atoll".to_string()];
                argv.extend(script.iter().map(|p| p.to_string_lossy().into_owned()));
                argv.extend(self.args);
                let main = match (main, &script) {
                    (Main::File(_), Some(abs)) => Main::File(abs.clone()),
                    (other, _) => other,
                };
                let module_root = script.as_ref().and_then(|p| p.parent().map(PathBuf::from));
                let op_state =
                    OpState::new(self.grants, argv, "atoll".into(), cwd).and_then(|st| {
                        match module_root {
                            Some(root) if root.is_dir() => st.with_module_root(&root),
                            _ => Ok(st),
                        }
                    });
                match op_state {
                    Ok(op_state) => crate::run_to_outcome(Options {
                        op_state,
                        main,
                        stack_size: STACK,
                        limits: self.limits,
                        terminate: Some(handle),
                    }),
                    Err(e) => Outcome {
                        exit_code: 1,
                        result: Some(Err(format!("cannot open the granted paths: {e}"))),
                        heap_bytes: 0,
                    },
                }
            });
        Running { thread, terminate }
    }
}

/// A program running in its own runtime thread.
pub struct Running {
    thread: std::io::Result<JoinHandle<Outcome>>,
    terminate: Arc<TerminateHandle>,
}

/// Stops the program it came from; cheap to clone and send to other threads.
#[derive(Clone)]
pub struct Terminator(Arc<TerminateHandle>);

impl Terminator {
    pub fn terminate(&self) {
        self.0.terminate();
    }
}

impl Running {
    pub fn terminator(&self) -> Terminator {
        Terminator(self.terminate.clone())
    }

    /// Block until the program ends.
    pub fn wait(self) -> Outcome {
        let failed = |why: String| Outcome {
            exit_code: 70,
            result: Some(Err(why)),
            heap_bytes: 0,
        };
        match self.thread {
            Ok(t) => t
                .join()
                .unwrap_or_else(|_| failed("the runtime thread panicked".into())),
            Err(e) => failed(format!("cannot start a runtime thread: {e}")),
        }
    }
}
