//! `atoll run app.wasm`: runs a WASI command (a preview1 core module or a WASIp2 component
//! exporting `wasi:cli/run`) on wasmtime + wasmtime-wasi, with the same [`Grants`] as JS.
//!
//! - `--allow-read=DIR` is a read-only preopen of `DIR`, `--allow-write=DIR` a writable one
//!   (WASI has no write-only directories, so a write grant can also be read), both at guest
//!   path = host path unless `--map GUEST=HOST` renames them. A bare `--allow-read` or
//!   `--allow-write` preopens `/`. `--allow-env[=NAMES]` passes those variables. Nothing else
//!   is reachable: no other preopens, no environment, no sockets.
//! - Compiled code is cached on disk (see [`Cache`]) so a second start skips Cranelift.
//! - `--max-wasm-time=MS` uses epoch interruption (plus a watchdog for guests blocked in a host
//!   call), `--max-wasm-memory=BYTES` a
//!   [`ResourceLimiter`] that refuses `memory.grow` (which then returns -1, as the spec says).
//!
//! Exit status: the program's own (`proc_exit`, or 0 when `_start` returns; a component's
//! `run` returning `err` is 1); [`EXIT_TRAP`] after a trap; [`EXIT_TIMEOUT`] when the time
//! limit stops it; [`EXIT_ERROR`] for unreadable, invalid or unlinkable modules and bad grants.

use std::fmt;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Component as PathComponent, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::{Component, ResourceTable};
use wasmtime::{
    Config, Engine, Linker, Module, ResourceLimiter, Store, Trap, WasmBacktrace,
    WasmBacktraceDetails,
};
use wasmtime_wasi::p1::WasiP1Ctx;
use wasmtime_wasi::{FsPerms, I32Exit, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

use crate::grants::{Grants, Scope};

/// Exit status after a trap: 128 + SIGABRT, like the wasmtime CLI.
pub const EXIT_TRAP: i32 = 134;
/// Exit status when `--max-wasm-time` stops the program (as `timeout(1)`).
pub const EXIT_TIMEOUT: i32 = 124;
/// How long after `--max-wasm-time` a guest stuck in a blocking host call is given before the
/// process is ended anyway.
const TIMEOUT_GRACE: Duration = Duration::from_millis(250);
/// Exit status when the module cannot be loaded, linked or given its grants.
pub const EXIT_ERROR: i32 = 1;

/// The wasm-only command-line options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WasmOptions {
    /// `--map GUEST=HOST`: expose the granted host directory at another guest path.
    pub maps: Vec<(String, PathBuf)>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--max-wasm-time=MS`.
    pub max_time_ms: Option<u64>,
    /// `--max-wasm-memory=BYTES`: the largest any one linear memory may grow to.
    pub max_memory: Option<usize>,
}

/// What to run.
pub struct WasmRun<'a> {
    /// The module path as the user wrote it (argv[0] for the guest, and in messages).
    pub file: &'a Path,
    /// argv after the program name.
    pub args: &'a [String],
    pub grants: &'a Grants,
    /// Relative grant paths are resolved against this.
    pub cwd: &'a Path,
    pub options: &'a WasmOptions,
}

/// Why a run did not end with the program's own exit status. `Display` is the message after
/// `atoll: ` (one line, except a trap's backtrace).
#[derive(Debug)]
pub enum WasmError {
    /// The file could not be read.
    Read { file: String, error: std::io::Error },
    /// Not a valid module or component (truncated, wrong magic, failed validation).
    Invalid { file: String, message: String },
    /// Instantiation failed: a missing or mistyped import, no `_start`, ...
    Link { file: String, message: String },
    /// The grants cannot be expressed as preopens.
    Grant(String),
    /// A trap; `backtrace` is wasmtime's wasm backtrace, if any.
    Trap {
        file: String,
        message: String,
        backtrace: Option<String>,
    },
    /// `--max-wasm-time` ran out.
    Timeout { ms: u64 },
    /// `--max-wasm-memory` was smaller than the module's initial memory.
    Memory { file: String, limit: usize },
}

impl WasmError {
    pub fn exit_code(&self) -> i32 {
        match self {
            WasmError::Trap { .. } => EXIT_TRAP,
            WasmError::Timeout { .. } => EXIT_TIMEOUT,
            _ => EXIT_ERROR,
        }
    }
}

impl fmt::Display for WasmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WasmError::Read { file, error } => write!(f, "{file}: cannot read: {error}"),
            WasmError::Invalid { file, message } => write!(f, "{file}: {message}"),
            WasmError::Link { file, message } => write!(f, "{file}: {message}"),
            WasmError::Grant(message) => f.write_str(message),
            WasmError::Trap {
                file,
                message,
                backtrace,
            } => {
                write!(f, "{file}: {message}")?;
                if let Some(bt) = backtrace {
                    write!(f, "\n{bt}")?;
                }
                Ok(())
            }
            WasmError::Timeout { ms } => {
                write!(f, "wasm execution exceeded --max-wasm-time={ms}")
            }
            WasmError::Memory { file, limit } => write!(
                f,
                "{file}: the module's initial memory exceeds --max-wasm-memory={limit}"
            ),
        }
    }
}

impl std::error::Error for WasmError {}

/// One-line message from a wasmtime error and its causes.
fn one_line(e: &wasmtime::Error) -> String {
    format!("{e:#}").replace('\n', " ")
}

// ---------------------------------------------------------------------------------------
// Grants -> preopens

/// A directory handed to the guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preopen {
    pub host: PathBuf,
    pub guest: String,
    pub writable: bool,
}

/// Lexically absolute and normalized (`.` and `..` removed) against `cwd`.
fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for c in cwd.join(p).components() {
        match c {
            PathComponent::Normal(n) => out.push(n),
            PathComponent::ParentDir => {
                out.pop();
            }
            PathComponent::RootDir | PathComponent::CurDir | PathComponent::Prefix(_) => {}
        }
    }
    out
}

/// Where `path` really is (symlinks resolved), and whether it is a directory. The only ambient
/// path lookup here: it runs once at start-up on paths from the command line, so that `--map`,
/// deny rules and the cache location are compared with what a preopen will really open.
#[expect(
    clippy::disallowed_methods,
    reason = "start-up resolution of command-line grant paths, before any guest code runs"
)]
fn resolve(path: &Path) -> std::io::Result<(PathBuf, bool)> {
    let real = std::fs::canonicalize(path)?;
    let is_dir = real.is_dir();
    Ok((real, is_dir))
}

/// The directories the guest gets, from the same grants JS uses. Grant paths are resolved
/// (symlinks included) so a `--map` or deny rule is compared with where the preopen really
/// points. A granted file, a missing path or a deny rule inside a preopen is an error: WASI
/// preopens are whole directories and cannot carve anything out.
pub fn preopens(
    grants: &Grants,
    maps: &[(String, PathBuf)],
    cwd: &Path,
) -> Result<Vec<Preopen>, WasmError> {
    let root = || vec![PathBuf::from("/")];
    let list = |s: &Scope<PathBuf>| match s {
        Scope::None => Vec::new(),
        Scope::All => root(),
        Scope::Some(v) => v.clone(),
    };
    // (resolved host dir, writable)
    let mut dirs: Vec<(PathBuf, bool)> = Vec::new();
    for (paths, writable, flag) in [
        (list(&grants.read), false, "--allow-read"),
        (list(&grants.write), true, "--allow-write"),
    ] {
        for p in paths {
            let abs = absolute(cwd, &p);
            let (real, is_dir) = resolve(&abs).map_err(|e| {
                WasmError::Grant(format!("{flag}={}: cannot open: {e}", p.display()))
            })?;
            if !is_dir {
                return Err(WasmError::Grant(format!(
                    "{flag}={}: not a directory (a wasm program can only be granted directories)",
                    p.display()
                )));
            }
            match dirs.iter_mut().find(|(d, _)| *d == real) {
                Some(d) => d.1 |= writable,
                None => dirs.push((real, writable)),
            }
        }
    }
    // A deny rule that overlaps a preopen it applies to (inside it, or covering it) cannot be
    // honoured: --deny-read against any preopen, --deny-write against writable ones.
    let denies = grants.deny_read.iter().map(|d| ("--deny-read", d, false));
    for (flag, deny, write_only) in
        denies.chain(grants.deny_write.iter().map(|d| ("--deny-write", d, true)))
    {
        let abs = absolute(cwd, deny);
        let real = resolve(&abs).map(|r| r.0).unwrap_or(abs);
        let overlaps = |(d, writable): &(PathBuf, bool)| {
            (*writable || !write_only) && (real.starts_with(d) || d.starts_with(&real))
        };
        if let Some((d, _)) = dirs.iter().find(|d| overlaps(d)) {
            return Err(WasmError::Grant(format!(
                "{flag}={}: a wasm preopen ({}) cannot carve out paths; grant narrower \
                 directories instead",
                deny.display(),
                d.display()
            )));
        }
    }
    let mut out = Vec::new();
    let mut mapped = Vec::new();
    for (guest, host) in maps {
        let abs = absolute(cwd, host);
        let shown = || format!("--map {guest}={}", host.display());
        let (real, is_dir) = resolve(&abs)
            .map_err(|e| WasmError::Grant(format!("{}: cannot open: {e}", shown())))?;
        let covering: Vec<&(PathBuf, bool)> =
            dirs.iter().filter(|(d, _)| real.starts_with(d)).collect();
        if covering.is_empty() {
            return Err(WasmError::Grant(format!(
                "{}: {} is not granted (add --allow-read or --allow-write)",
                shown(),
                host.display()
            )));
        }
        if !is_dir {
            return Err(WasmError::Grant(format!("{}: not a directory", shown())));
        }
        out.push(Preopen {
            host: real.clone(),
            guest: guest.clone(),
            writable: covering.iter().any(|(_, w)| *w),
        });
        mapped.push(real);
    }
    for (dir, writable) in dirs {
        if !mapped.contains(&dir) {
            out.push(Preopen {
                guest: dir.to_string_lossy().into_owned(),
                host: dir,
                writable,
            });
        }
    }
    Ok(out)
}

/// The WASI context for `run`: preopens, env and argv from the grants; stdio inherited; no
/// network.
pub fn wasi_builder(run: &WasmRun, dirs: &[Preopen]) -> Result<WasiCtxBuilder, WasmError> {
    let mut b = WasiCtxBuilder::new();
    b.inherit_stdio()
        .allow_blocking_current_thread(true)
        .allow_tcp(false)
        .allow_udp(false)
        .allow_ip_name_lookup(false);
    b.arg(run.file.to_string_lossy());
    b.args(run.args);
    match &run.grants.env {
        Scope::None => {}
        Scope::All => {
            for (k, v) in std::env::vars_os() {
                if let (Some(k), Some(v)) = (k.to_str(), v.to_str()) {
                    b.env(k, v);
                }
            }
        }
        Scope::Some(names) => {
            for name in names {
                if let Ok(v) = std::env::var(name) {
                    b.env(name, v);
                }
            }
        }
    }
    for p in dirs {
        let perms = if p.writable {
            FsPerms::ReadWrite
        } else {
            FsPerms::ReadOnly
        };
        b.preopened_dir(&p.host, &p.guest, perms).map_err(|e| {
            WasmError::Grant(format!(
                "cannot open {}: {}",
                p.host.display(),
                one_line(&e)
            ))
        })?;
    }
    Ok(b)
}

// ---------------------------------------------------------------------------------------
// Compiled-code cache

/// Serialized compiled code in `$XDG_CACHE_HOME/atoll/wasm` (or `~/.cache/atoll/wasm`), one
/// `<sha256>.cwasm` per (atoll version, wasmtime version and engine config, kind, bytes).
/// Files are written to a temp name and renamed, so a reader never sees a partial file. The
/// cache is off when it would lie inside a grant: a guest that could write there could plant
/// native code for the next run.
pub struct Cache {
    /// The resolved directory, for `deserialize_file`.
    path: PathBuf,
    /// The same directory as a handle, for writing.
    dir: cap_std::fs::Dir,
}

/// Feeds `Hash` values into SHA-256.
struct ShaHasher(Sha256);

impl Hasher for ShaHasher {
    fn finish(&self) -> u64 {
        0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

impl Cache {
    /// The default cache, unless disabled or inside one of `preopens`.
    pub fn open(preopens: &[Preopen]) -> Option<Cache> {
        let base = match std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from) {
            Some(p) if p.is_absolute() => p,
            _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache"),
        };
        let dir = base.join("atoll").join("wasm");
        Cache::at(dir, preopens)
    }

    /// A cache in `dir` (created with mode 0700), unless it lies inside one of `preopens`.
    pub fn at(dir: PathBuf, preopens: &[Preopen]) -> Option<Cache> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir).ok()?;
        let (real, _) = resolve(&dir).ok()?;
        if preopens.iter().any(|p| real.starts_with(&p.host)) {
            return None;
        }
        let handle =
            cap_std::fs::Dir::open_ambient_dir(&real, cap_std::ambient_authority()).ok()?;
        Some(Cache {
            path: real,
            dir: handle,
        })
    }

    /// The entry's file name.
    fn key(&self, engine: &Engine, kind: &str, bytes: &[u8]) -> String {
        let mut h = ShaHasher(Sha256::new());
        h.write(b"atoll-wasm-cache\0");
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        h.write(kind.as_bytes());
        std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut h);
        h.write(&(bytes.len() as u64).to_le_bytes());
        h.write(bytes);
        let digest = h.0.finalize();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("{hex}.cwasm")
    }

    fn store(&self, key: &str, data: &[u8]) {
        let tmp = format!("{key}.tmp{}", std::process::id());
        let ok = self
            .dir
            .create(&tmp)
            .and_then(|mut f| f.write_all(data))
            .and_then(|_| self.dir.rename(&tmp, &self.dir, key));
        if ok.is_err() {
            let _ = self.dir.remove_file(&tmp);
        }
    }
}

/// A compiled program.
enum Program {
    Module(Module),
    Component(Component),
}

fn is_component(bytes: &[u8]) -> bool {
    // Core modules have version 1 (`01 00 00 00`); components layer 1 (`0d 00 01 00`).
    bytes.len() >= 8 && bytes[..4] == *b"\0asm" && bytes[6..8] == [1, 0]
}

fn compile(
    engine: &Engine,
    bytes: &[u8],
    cache: Option<&Cache>,
    file: &str,
) -> Result<Program, WasmError> {
    let component = is_component(bytes);
    let kind = if component { "component" } else { "module" };
    let cached = cache.map(|c| (c, c.key(engine, kind, bytes)));
    if let Some((cache, key)) = &cached {
        let path = cache.path.join(key);
        if cache.dir.is_file(key) {
            // SAFETY: the file is one this function wrote (temp + rename) into a 0700 cache
            // directory that no grant reaches, keyed by the module bytes and engine config.
            // wasmtime checks its own version/config header and fails on a mismatch, after
            // which we recompile and overwrite.
            let loaded = unsafe {
                if component {
                    Component::deserialize_file(engine, path).map(Program::Component)
                } else {
                    Module::deserialize_file(engine, path).map(Program::Module)
                }
            };
            if let Ok(p) = loaded {
                return Ok(p);
            }
        }
    }
    let invalid = |e: wasmtime::Error| WasmError::Invalid {
        file: file.to_owned(),
        message: describe_compile_error(bytes, &e),
    };
    let program = if component {
        Program::Component(Component::new(engine, bytes).map_err(invalid)?)
    } else {
        Program::Module(Module::new(engine, bytes).map_err(invalid)?)
    };
    if let Some((cache, key)) = cached {
        let data = match &program {
            Program::Module(m) => m.serialize(),
            Program::Component(c) => c.serialize(),
        };
        if let Ok(data) = data {
            cache.store(&key, &data);
        }
    }
    Ok(program)
}

fn describe_compile_error(bytes: &[u8], e: &wasmtime::Error) -> String {
    if bytes.is_empty() {
        return "not a WebAssembly module: the file is empty".into();
    }
    if bytes.len() < 4 || bytes[..4] != *b"\0asm" {
        return "not a WebAssembly module: bad magic number (expected \\0asm)".into();
    }
    // wasmtime: "failed to parse WebAssembly module: <wasmparser message> (at offset 0x..)"
    let msg = one_line(e);
    let root = e.root_cause().to_string();
    if root.contains("unexpected end") {
        return format!("invalid WebAssembly module: truncated ({root})");
    }
    format!("invalid WebAssembly: {msg}")
}

// ---------------------------------------------------------------------------------------
// Running

/// Store data for a core module.
struct P1State {
    wasi: WasiP1Ctx,
    limits: MemoryLimit,
}

/// Store data for a component.
struct P2State {
    ctx: WasiCtx,
    table: ResourceTable,
    limits: MemoryLimit,
}

impl WasiView for P2State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.ctx,
            table: &mut self.table,
        }
    }
}

/// `--max-wasm-memory`: refuses growth past the limit and remembers that it did.
#[derive(Default)]
struct MemoryLimit {
    max: Option<usize>,
    refused: bool,
}

impl ResourceLimiter for MemoryLimit {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let ok = self.max.is_none_or(|m| desired <= m);
        self.refused |= !ok;
        Ok(ok)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        _desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(true)
    }
}

/// The engine for `options`. Epoch checks are compiled in only when a time limit is set (they
/// cost a little in loops), so the two configurations cache separately.
pub fn engine(options: &WasmOptions) -> Result<Engine, WasmError> {
    let mut config = Config::new();
    config.wasm_backtrace_details(WasmBacktraceDetails::Disable);
    config.epoch_interruption(options.max_time_ms.is_some());
    Engine::new(&config).map_err(|e| WasmError::Grant(format!("wasm engine: {}", one_line(&e))))
}

/// Runs `run` to completion and returns the program's exit status.
pub fn run(run: &WasmRun) -> Result<i32, WasmError> {
    let file = run.file.to_string_lossy().into_owned();
    let dirs = preopens(run.grants, &run.options.maps, run.cwd)?;
    // The module named on the command line is read like a JS entry script: by the user's own
    // authority, not through a grant.
    let bytes =
        cap_std::fs::File::open_ambient(run.cwd.join(run.file), cap_std::ambient_authority())
            .and_then(|mut f| {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut bytes).map(|_| bytes)
            })
            .map_err(|error| WasmError::Read {
                file: file.clone(),
                error,
            })?;
    let engine = engine(run.options)?;
    let cache = if run.options.no_cache {
        None
    } else {
        Cache::open(&dirs)
    };
    let program = compile(&engine, &bytes, cache.as_ref(), &file)?;
    let mut wasi = wasi_builder(run, &dirs)?;
    let limits = MemoryLimit {
        max: run.options.max_memory,
        refused: false,
    };
    let timer = run.options.max_time_ms.map(|ms| {
        let (stop, stopped) = mpsc::channel::<()>();
        let engine = engine.clone();
        std::thread::spawn(move || {
            let timed_out = |wait| {
                matches!(
                    stopped.recv_timeout(wait),
                    Err(mpsc::RecvTimeoutError::Timeout)
                )
            };
            if timed_out(Duration::from_millis(ms)) {
                engine.increment_epoch();
                // A guest blocked in a host call (stdin, poll_oneoff) never reaches an epoch
                // check: after a grace period, end the process with the same message.
                if timed_out(TIMEOUT_GRACE) {
                    eprintln!("atoll: {}", WasmError::Timeout { ms });
                    std::process::exit(EXIT_TIMEOUT);
                }
            }
        });
        stop
    });
    let result = match program {
        Program::Module(module) => run_module(&engine, &module, wasi.build_p1(), limits, run),
        Program::Component(component) => {
            run_component(&engine, &component, wasi.build(), limits, run)
        }
    };
    drop(timer);
    let (result, refused) = result;
    let (err, instantiating) = match result {
        Ok(code) => return Ok(code),
        Err(Stage::Instantiate(e)) => (e, true),
        Err(Stage::Run(e)) => (e, false),
    };
    if let Some(exit) = err.downcast_ref::<I32Exit>() {
        return Ok(exit.0);
    }
    let trap = err.downcast_ref::<Trap>().copied();
    if let (Some(Trap::Interrupt), Some(ms)) = (trap, run.options.max_time_ms) {
        return Err(WasmError::Timeout { ms });
    }
    let limit = run.options.max_memory.unwrap_or(0);
    if instantiating && trap.is_none() {
        return Err(if refused {
            WasmError::Memory { file, limit }
        } else {
            WasmError::Link {
                file,
                message: one_line(&err),
            }
        });
    }
    let backtrace = err.downcast_ref::<WasmBacktrace>().map(|bt| bt.to_string());
    let mut message = match trap {
        Some(trap) => trap.to_string(),
        None => err.root_cause().to_string(),
    };
    if refused {
        message.push_str(&format!(
            " (memory.grow was refused by --max-wasm-memory={limit})"
        ));
    }
    Err(WasmError::Trap {
        file,
        message,
        backtrace,
    })
}

enum Stage {
    Instantiate(wasmtime::Error),
    Run(wasmtime::Error),
}

fn run_module(
    engine: &Engine,
    module: &Module,
    wasi: WasiP1Ctx,
    limits: MemoryLimit,
    run: &WasmRun,
) -> (Result<i32, Stage>, bool) {
    let mut store = Store::new(engine, P1State { wasi, limits });
    store.limiter(|s| &mut s.limits);
    if run.options.max_time_ms.is_some() {
        store.set_epoch_deadline(1);
        store.epoch_deadline_trap();
    }
    let result = (|| {
        let mut linker: Linker<P1State> = Linker::new(engine);
        wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |s| &mut s.wasi)
            .map_err(Stage::Instantiate)?;
        let instance = linker
            .instantiate(&mut store, module)
            .map_err(Stage::Instantiate)?;
        let start = instance
            .get_typed_func::<(), ()>(&mut store, "_start")
            .map_err(|_| {
                Stage::Instantiate(wasmtime::Error::msg(
                    "not a WASI command: no exported `_start` function of type [] -> []",
                ))
            })?;
        start.call(&mut store, ()).map_err(Stage::Run)?;
        Ok(0)
    })();
    (result, store.data().limits.refused)
}

fn run_component(
    engine: &Engine,
    component: &Component,
    ctx: WasiCtx,
    limits: MemoryLimit,
    run: &WasmRun,
) -> (Result<i32, Stage>, bool) {
    let state = P2State {
        ctx,
        table: ResourceTable::new(),
        limits,
    };
    let mut store = Store::new(engine, state);
    store.limiter(|s| &mut s.limits);
    if run.options.max_time_ms.is_some() {
        store.set_epoch_deadline(1);
        store.epoch_deadline_trap();
    }
    let result = (|| {
        let mut linker = wasmtime::component::Linker::<P2State>::new(engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(Stage::Instantiate)?;
        let command =
            wasmtime_wasi::p2::bindings::sync::Command::instantiate(&mut store, component, &linker)
                .map_err(Stage::Instantiate)?;
        match command.wasi_cli_run().call_run(&mut store) {
            Ok(Ok(())) => Ok(0),
            Ok(Err(())) => Ok(1),
            Err(e) => Err(Stage::Run(e)),
        }
    })();
    (result, store.data().limits.refused)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // fixtures
mod tests {
    use super::*;

    #[test]
    fn lexical_absolute() {
        assert_eq!(
            absolute(Path::new("/a/b"), Path::new("../c/./d")),
            Path::new("/a/c/d")
        );
        assert_eq!(
            absolute(Path::new("/a"), Path::new("/x/..")),
            Path::new("/")
        );
    }

    #[test]
    fn preopens_follow_grants() {
        let tmp = std::env::temp_dir().join(format!("atoll-wasm-host-{}", std::process::id()));
        let (ro, rw) = (tmp.join("ro"), tmp.join("rw"));
        std::fs::create_dir_all(&ro).unwrap();
        std::fs::create_dir_all(&rw).unwrap();
        let ro = std::fs::canonicalize(ro).unwrap();
        let rw = std::fs::canonicalize(rw).unwrap();
        let mut g = Grants::default();
        assert_eq!(preopens(&g, &[], &tmp).unwrap(), vec![]);
        g.read.add(Some(vec![ro.clone(), rw.clone()]));
        g.write.add(Some(vec![rw.clone()]));
        let p = preopens(&g, &[("/".into(), rw.clone())], &tmp).unwrap();
        assert_eq!(
            p,
            vec![
                Preopen {
                    host: rw.clone(),
                    guest: "/".into(),
                    writable: true
                },
                Preopen {
                    host: ro.clone(),
                    guest: ro.to_string_lossy().into(),
                    writable: false
                },
            ]
        );
        // A map outside every grant, a granted file and a deny inside a preopen are refused.
        let outside = preopens(&g, &[("/x".into(), tmp.clone())], &tmp).unwrap_err();
        assert!(outside.to_string().contains("is not granted"), "{outside}");
        std::fs::write(tmp.join("f"), "").unwrap();
        let mut gf = Grants::default();
        gf.read.add(Some(vec![tmp.join("f")]));
        assert!(preopens(&gf, &[], &tmp).is_err());
        g.deny_read.push(ro.join("secret"));
        assert!(preopens(&g, &[], &tmp).is_err());
        // --deny-write only matters for writable preopens; a deny covering a grant counts.
        let mut gw = Grants::default();
        gw.read.add(Some(vec![ro.clone()]));
        gw.write.add(Some(vec![rw.clone()]));
        gw.deny_write.push(ro.join("x"));
        assert!(preopens(&gw, &[], &tmp).is_ok());
        gw.deny_write.push(tmp.clone());
        assert!(preopens(&gw, &[], &tmp).is_err());
        // The cache never lives inside a preopen.
        let p = vec![Preopen {
            host: std::fs::canonicalize(&tmp).unwrap(),
            guest: "/".into(),
            writable: false,
        }];
        assert!(Cache::at(tmp.join("cache"), &p).is_none());
        assert!(Cache::at(tmp.join("cache"), &[]).is_some());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
