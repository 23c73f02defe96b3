//! `node:child_process`: spawning programs under the `--allow-run[=PROGRAMS]` grant.
//!
//! Capability rules (the JS header in `polyfills/node/child_process.js` documents them for users):
//! - no `--allow-run`: every spawn fails with `ERR_ACCESS_DENIED` (permission `ChildProcess`);
//! - `--allow-run=a,b`: a program is allowed when it *resolves to the same file* as a listed
//!   entry. Bare entries (`echo`) are looked up on the host `PATH`, entries with a slash are taken
//!   as paths; both sides are canonicalized, so `/tmp/x/echo` is not `echo`, and a child `PATH`
//!   cannot redirect a bare name to another file (the resolved file is what gets executed);
//! - the child's environment is exactly what the script passes (by default its granted view of
//!   `process.env`), never the host's ungranted variables;
//! - `fork` runs this same binary with the parent's grants rebuilt as flags ([`grant_flags`]),
//!   so a forked child never has more than its parent; it needs no `--allow-run`.
//!
//! Pipes are engine-free resources in a per-thread table (one JS runtime per thread): reads and
//! writes are futures the engine glue turns into promises.

use std::{
    cell::RefCell,
    collections::HashMap,
    io::{Read, Write},
    os::unix::{
        fs::PermissionsExt,
        process::{CommandExt, ExitStatusExt},
    },
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::Duration,
};

use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWriteExt},
    process::ChildStdin,
    sync::Mutex,
};
use wasi_bridge::{grants::Scope, Grants};

use super::{OpError, OpState, OpValue};

/// What one of the child's fds 0..2 is connected to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StdioMode {
    Pipe,
    Inherit,
    Ignore,
    /// One of this process's stdio fds (0, 1, 2), e.g. `stdio: ['pipe', process.stderr]`.
    Fd(i32),
}

/// A spawn request as `spawn`/`spawnSync` normalized it (Node's `options` after validation).
#[derive(Debug, Clone)]
pub struct SpawnRequest {
    pub file: String,
    /// argv[1..].
    pub args: Vec<String>,
    pub argv0: Option<String>,
    pub cwd: Option<String>,
    /// `KEY=VALUE` pairs: the child's whole environment.
    pub env: Vec<String>,
    pub stdio: [StdioMode; 3],
    pub detached: bool,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// `fork()`: `file` is the module to run with this binary and the parent's grants.
    pub fork: bool,
    /// A stdio `'ipc'` entry: open an IPC channel with this serialization (`json`/`advanced`).
    pub ipc: Option<String>,
}

fn denied(file: &str, flag: String) -> OpError {
    OpError::AccessDenied {
        permission: "ChildProcess",
        resource: file.to_owned(),
        flag,
    }
}

#[allow(clippy::disallowed_methods)] // finding an executable for a program --allow-run granted.
fn is_executable(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// `file` as execvp would find it: relative to `cwd` when it has a slash, else on `path_var`.
#[allow(clippy::disallowed_methods)] // PATH lookup for a program --allow-run granted.
pub fn resolve_program(file: &str, cwd: &Path, path_var: Option<&str>) -> Option<PathBuf> {
    if file.is_empty() {
        return None;
    }
    if file.contains('/') {
        let p = cwd.join(file);
        return p.exists().then_some(p);
    }
    let path_var = path_var.unwrap_or("/usr/local/bin:/usr/bin:/bin");
    path_var
        .split(':')
        .map(|dir| {
            if dir.is_empty() {
                cwd.join(file)
            } else {
                cwd.join(dir).join(file)
            }
        })
        .find(|p| is_executable(p))
}

fn host_path() -> Option<String> {
    std::env::var("PATH").ok()
}

fn child_path(env: &[String]) -> Option<&str> {
    env.iter().find_map(|kv| kv.strip_prefix("PATH="))
}

/// Check `--allow-run` for `file` and return what to execute. `Ok(None)`: allowed but not found
/// (the caller reports ENOENT like any failed spawn).
#[allow(clippy::disallowed_methods)] // resolves the granted program names to files to compare identities.
pub fn check_run(
    grants: &Grants,
    file: &str,
    cwd: &Path,
    env: &[String],
) -> Result<Option<PathBuf>, OpError> {
    let path_var = child_path(env).map(str::to_owned).or_else(host_path);
    let resolved = resolve_program(file, cwd, path_var.as_deref());
    match &grants.run {
        Scope::All => Ok(resolved),
        Scope::None => Err(denied(file, "--allow-run".into())),
        Scope::Some(list) => {
            // The error names the flag; bootstrap appends the resource (`--allow-run=<file>`).
            let flag = "--allow-run".to_string();
            let Some(target) = resolved else {
                // Nothing to run: allowed names still get the ENOENT they would get anyway.
                return if list.iter().any(|e| e == file) {
                    Ok(None)
                } else {
                    Err(denied(file, flag))
                };
            };
            let canonical =
                std::fs::canonicalize(&target).map_err(|_| denied(file, flag.clone()))?;
            let host = host_path();
            let matches = list.iter().any(|entry| {
                let entry_path = if entry.contains('/') {
                    Some(PathBuf::from(entry))
                } else {
                    resolve_program(entry, Path::new("/"), host.as_deref())
                };
                entry_path
                    .and_then(|p| std::fs::canonicalize(p).ok())
                    .is_some_and(|p| p == canonical)
            });
            if matches {
                Ok(Some(target))
            } else {
                Err(denied(file, flag))
            }
        }
    }
}

/// The parent's grants as `atoll` flags, for `fork()` (paths absolute against `base`).
pub fn grant_flags(g: &Grants, base: &Path) -> Vec<String> {
    fn paths(base: &Path, list: &[PathBuf]) -> String {
        list.iter()
            .map(|p| base.join(p).to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(",")
    }
    let mut out = Vec::new();
    let mut scope = |flag: &str, s: &Scope<String>| match s {
        Scope::None => {}
        Scope::All => out.push(flag.to_owned()),
        Scope::Some(list) => out.push(format!("{flag}={}", list.join(","))),
    };
    scope("--allow-net", &g.net);
    scope("--allow-env", &g.env);
    scope("--allow-run", &g.run);
    for (flag, s) in [("--allow-read", &g.read), ("--allow-write", &g.write)] {
        match s {
            Scope::None => {}
            Scope::All => out.push(flag.to_owned()),
            Scope::Some(list) => out.push(format!("{flag}={}", paths(base, list))),
        }
    }
    if !g.deny_read.is_empty() {
        out.push(format!("--deny-read={}", paths(base, &g.deny_read)));
    }
    if !g.deny_write.is_empty() {
        out.push(format!("--deny-write={}", paths(base, &g.deny_write)));
    }
    out
}

/// `fork()`: the child reads its module and, as its module graph, the directory around it
/// without `--allow-read`, so both must already be readable to the parent (through a read
/// grant or its own module graph); else forking a file outside the grants would read it.
fn readable_to_parent(st: &OpState, module: &Path) -> Result<(), OpError> {
    let dir = module.parent().unwrap_or(module);
    let readable = |p: &Path| {
        let via = |cap: &wasi_bridge::CapFs| !matches!(cap.stat(p, true), Err(e) if e.is_denied());
        via(&st.fs) || st.modules.as_deref().is_some_and(via)
    };
    for p in [module, dir] {
        if !readable(p) {
            return Err(super::fs::access_denied(wasi_bridge::Access::Read, module));
        }
    }
    Ok(())
}

/// What to execute for `req`, after the capability check: (program, argv0, args).
fn plan(st: &OpState, req: &SpawnRequest) -> Result<(PathBuf, String, Vec<String>), OpError> {
    let cwd = match &req.cwd {
        Some(c) => st.absolute(c),
        None => st.cwd.borrow().clone(),
    };
    if req.fork {
        // Only this very binary honours the grant flags; an embedder's runtime has no such path.
        if !Path::new(&st.exec_path).is_absolute() {
            return Err(OpError::code(
                "ERR_NOT_IMPLEMENTED",
                "child_process.fork is not available in this runtime (no atoll executable)",
            ));
        }
        let module = super::module::normalize(&cwd.join(&req.file));
        readable_to_parent(st, &module)?;
        let base = std::env::current_dir().unwrap_or_else(|_| "/".into());
        let mut args = grant_flags(&st.grants, &base);
        args.extend(st.resources.fork_flags());
        // Absolute, so a module path can never be read as an option.
        args.push(module.to_string_lossy().into_owned());
        args.extend(req.args.iter().cloned());
        return Ok((PathBuf::from(&st.exec_path), st.exec_path.clone(), args));
    }
    let argv0 = req.argv0.clone().unwrap_or_else(|| req.file.clone());
    match check_run(&st.grants, &req.file, &cwd, &req.env)? {
        Some(program) => Ok((program, argv0, req.args.clone())),
        None => Err(OpError::io(
            &std::io::Error::from_raw_os_error(libc::ENOENT),
            "spawn",
            None,
        )),
    }
}

fn dup_stdio(fd: i32) -> std::io::Result<std::process::Stdio> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup returns a fresh fd we own (or -1, checked).
    let new = unsafe { libc::dup(fd) };
    if new < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: `new` is a valid fd owned by nobody else.
    Ok(unsafe { std::process::Stdio::from(std::os::fd::OwnedFd::from_raw_fd(new)) })
}

fn stdio(mode: StdioMode) -> std::io::Result<std::process::Stdio> {
    Ok(match mode {
        StdioMode::Pipe => std::process::Stdio::piped(),
        StdioMode::Inherit => std::process::Stdio::inherit(),
        StdioMode::Ignore => std::process::Stdio::null(),
        StdioMode::Fd(fd) => dup_stdio(fd)?,
    })
}

/// The IPC socketpair of a spawn: (parent end, child end); the child end is closed once the
/// child started.
type IpcPair = Option<(std::os::fd::OwnedFd, std::os::fd::OwnedFd)>;

fn command(st: &OpState, req: &SpawnRequest) -> Result<(std::process::Command, IpcPair), OpError> {
    let (program, argv0, args) = plan(st, req)?;
    let mut cmd = std::process::Command::new(program);
    cmd.arg0(argv0).args(args).env_clear();
    for kv in &req.env {
        if let Some((k, v)) = kv.split_once('=') {
            cmd.env(k, v);
        }
    }
    cmd.current_dir(match &req.cwd {
        Some(c) => st.absolute(c),
        None => st.cwd.borrow().clone(),
    });
    let [i, o, e] = req.stdio;
    let io_err = |e: std::io::Error| OpError::io(&e, "spawn", None);
    cmd.stdin(stdio(i).map_err(io_err)?)
        .stdout(stdio(o).map_err(io_err)?)
        .stderr(stdio(e).map_err(io_err)?);
    if req.detached {
        cmd.process_group(0);
    }
    if let Some(uid) = req.uid {
        cmd.uid(uid);
    }
    if let Some(gid) = req.gid {
        cmd.gid(gid);
    }
    let ipc = match &req.ipc {
        Some(mode) => Some(ipc_channel(&mut cmd, mode).map_err(io_err)?),
        None => None,
    };
    Ok((cmd, ipc))
}

/// A socketpair whose child end stays open in the child under its own number, announced in
/// `ATOLL_CHANNEL_FD` (and `NODE_CHANNEL_FD` for a 'json' channel, which a Node child reads).
fn ipc_channel(
    cmd: &mut std::process::Command,
    mode: &str,
) -> std::io::Result<(std::os::fd::OwnedFd, std::os::fd::OwnedFd)> {
    use std::os::fd::AsRawFd;
    let (parent, child) = super::ipc::socketpair()?;
    let fd = child.as_raw_fd();
    cmd.env(super::ipc::CHANNEL_FD_ENV, fd.to_string())
        .env(super::ipc::SERIALIZATION_ENV, mode);
    if mode == "json" {
        cmd.env("NODE_CHANNEL_FD", fd.to_string())
            .env("NODE_CHANNEL_SERIALIZATION_MODE", "json");
    }
    // SAFETY: the closure only calls fcntl(2), which is async-signal-safe.
    unsafe { cmd.pre_exec(move || super::ipc::keep_across_exec(fd)) };
    Ok((parent, child))
}

/// A readable pipe end; `cancel` ends a pending read when JS destroys the stream (a grandchild
/// may hold the pipe open long after the child died).
struct PipeEnd {
    reader: Mutex<Option<Box<dyn AsyncRead + Send + Unpin>>>,
    cancel: tokio::sync::Notify,
}

type Pipe = Arc<PipeEnd>;

struct ChildEntry {
    pid: i32,
    exited: Arc<AtomicBool>,
    stdin: Option<Arc<Mutex<Option<ChildStdin>>>>,
    stdout: Option<Pipe>,
    stderr: Option<Pipe>,
}

thread_local! {
    static CHILDREN: RefCell<HashMap<u32, ChildEntry>> = RefCell::default();
    static NEXT_RID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A started child: its resource id and pid, and the process to wait for.
pub struct Spawned {
    pub rid: u32,
    pub pid: u32,
    pub child: tokio::process::Child,
    pub exited: Arc<AtomicBool>,
    /// The parent end of the IPC channel, when the request asked for one.
    pub ipc: Option<std::os::fd::OwnedFd>,
}

/// `child_process.spawn`: start the program (the capability check first). Errors: `AccessDenied`
/// (thrown by the caller) or `Sys` (reported as the child's 'error' event, `spawn <file> ENOENT`).
pub fn spawn(st: &OpState, req: &SpawnRequest) -> Result<Spawned, OpError> {
    let (cmd, ipc) = command(st, req)?;
    let mut cmd = tokio::process::Command::from(cmd);
    // `--max-children`: the slot frees when `wait` sets `exited` (or now, if the spawn fails).
    let exited = Arc::new(AtomicBool::new(false));
    if !st.resources.claim_child(&exited) {
        return Err(super::limits::eagain_spawn());
    }
    let mut child = cmd.spawn().map_err(|e| {
        exited.store(true, Ordering::SeqCst);
        OpError::io(&e, "spawn", None)
    })?;
    // Our copy of the child's end closes now: the parent end then sees EOF when the child ends.
    let ipc = ipc.map(|(parent, _child)| parent);
    let pid = child.id().unwrap_or(0);
    let boxed = |r: Option<Box<dyn AsyncRead + Send + Unpin>>| {
        r.map(|r| {
            Arc::new(PipeEnd {
                reader: Mutex::new(Some(r)),
                cancel: tokio::sync::Notify::new(),
            })
        })
    };
    let entry = ChildEntry {
        pid: pid as i32,
        exited: exited.clone(),
        stdin: child.stdin.take().map(|s| Arc::new(Mutex::new(Some(s)))),
        stdout: boxed(child.stdout.take().map(|s| Box::new(s) as _)),
        stderr: boxed(child.stderr.take().map(|s| Box::new(s) as _)),
    };
    let rid = NEXT_RID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    CHILDREN.with(|c| c.borrow_mut().insert(rid, entry));
    Ok(Spawned {
        rid,
        pid,
        child,
        exited,
        ipc,
    })
}

fn exit_value(status: std::process::ExitStatus) -> OpValue {
    OpValue::Object(vec![
        ("code", status.code().map(|c| c as f64).into()),
        ("signal", status.signal().map(|s| s as f64).into()),
    ])
}

/// Wait for the child to end: `{ code, signal }` (signal as a number).
pub async fn wait(mut child: tokio::process::Child, exited: Arc<AtomicBool>) -> OpValue {
    let status = child.wait().await;
    exited.store(true, Ordering::SeqCst);
    match status {
        Ok(s) => exit_value(s),
        Err(_) => OpValue::Object(vec![("code", OpValue::Number(-1.0))]),
    }
}

fn pipe_of(rid: u32, fd: i32) -> Option<Pipe> {
    CHILDREN.with(|c| {
        let c = c.borrow();
        let e = c.get(&rid)?;
        match fd {
            1 => e.stdout.clone(),
            2 => e.stderr.clone(),
            _ => None,
        }
    })
}

/// Read the next chunk of the child's stdout (1) or stderr (2): bytes, or null at EOF.
pub fn read(
    rid: u32,
    fd: i32,
) -> impl std::future::Future<Output = Result<OpValue, OpError>> + Send + 'static {
    let pipe = pipe_of(rid, fd);
    async move {
        let Some(pipe) = pipe else {
            return Ok(OpValue::Null);
        };
        let mut guard = pipe.reader.lock().await;
        let Some(reader) = guard.as_mut() else {
            return Ok(OpValue::Null);
        };
        let mut buf = vec![0u8; 64 * 1024];
        let result = tokio::select! {
            biased;
            _ = pipe.cancel.notified() => {
                *guard = None;
                return Ok(OpValue::Null);
            }
            r = reader.read(&mut buf) => r,
        };
        match result {
            Ok(0) => {
                *guard = None;
                Ok(OpValue::Null)
            }
            Ok(n) => {
                buf.truncate(n);
                Ok(OpValue::Bytes(buf))
            }
            Err(e) => Err(OpError::io(&e, "read", None)),
        }
    }
}

/// Write `bytes` to the child's stdin.
pub fn write(
    rid: u32,
    bytes: Vec<u8>,
) -> impl std::future::Future<Output = Result<OpValue, OpError>> + Send + 'static {
    let stdin = CHILDREN.with(|c| c.borrow().get(&rid).and_then(|e| e.stdin.clone()));
    async move {
        let Some(stdin) = stdin else {
            return Err(OpError::io(
                &std::io::Error::from_raw_os_error(libc::EPIPE),
                "write",
                None,
            ));
        };
        let mut guard = stdin.lock().await;
        let Some(w) = guard.as_mut() else {
            return Err(OpError::io(
                &std::io::Error::from_raw_os_error(libc::EPIPE),
                "write",
                None,
            ));
        };
        w.write_all(&bytes)
            .await
            .map_err(|e| OpError::io(&e, "write", None))?;
        Ok(OpValue::Undefined)
    }
}

/// Close our end of the child's fd 0 (stdin end) or stop reading 1/2.
pub fn close(rid: u32, fd: i32) {
    CHILDREN.with(|c| {
        if let Some(e) = c.borrow_mut().get_mut(&rid) {
            match fd {
                0 => {
                    // Dropping the handle closes the pipe once no write is in flight.
                    e.stdin = None;
                }
                1 | 2 => {
                    let pipe = if fd == 1 {
                        e.stdout.take()
                    } else {
                        e.stderr.take()
                    };
                    if let Some(p) = pipe {
                        p.cancel.notify_one();
                    }
                }
                _ => {}
            }
        }
    });
}

/// Forget the child (after 'close'): drops any pipe ends still open.
pub fn release(rid: u32) {
    CHILDREN.with(|c| c.borrow_mut().remove(&rid));
}

/// `subprocess.kill(signal)`: false when the child already ended.
pub fn kill(rid: u32, signo: i32) -> Result<bool, OpError> {
    let target = CHILDREN.with(|c| {
        c.borrow()
            .get(&rid)
            .map(|e| (e.pid, e.exited.load(Ordering::SeqCst)))
    });
    match target {
        Some((pid, false)) if pid > 0 => {
            // SAFETY: kill(2) on our own, not yet reaped child (no pid reuse possible).
            if unsafe { libc::kill(pid, signo) } != 0 {
                let e = std::io::Error::last_os_error();
                if e.raw_os_error() == Some(libc::ESRCH) {
                    return Ok(false);
                }
                return Err(OpError::io(&e, "kill", None));
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Options only `spawnSync` has.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    pub input: Vec<u8>,
    pub timeout_ms: Option<u64>,
    pub kill_signal: i32,
    pub max_buffer: Option<usize>,
}

fn read_all_limited(
    mut r: impl Read,
    limit: Option<usize>,
    pid: i32,
    sig: i32,
    overflow: Arc<AtomicBool>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if let Some(max) = limit.filter(|m| out.len() > *m) {
                    out.truncate(max);
                    overflow.store(true, Ordering::SeqCst);
                    // SAFETY: kill(2) on our child; it is reaped only after this thread ends.
                    unsafe { libc::kill(pid, sig) };
                    // Keep draining so the child never blocks on a full pipe.
                    while matches!(r.read(&mut buf), Ok(n) if n > 0) {}
                    break;
                }
            }
        }
    }
    out
}

/// `child_process.spawnSync`: run to completion on this thread. Returns
/// `{ pid, code, signal, stdout, stderr, error? }`; `error` is `{ errno, code }` for a failed
/// spawn, `ETIMEDOUT` after `timeout`, `ENOBUFS` past `maxBuffer`.
pub fn spawn_sync(
    st: &OpState,
    req: &SpawnRequest,
    opts: &SyncOptions,
) -> Result<OpValue, OpError> {
    let sys_error = |errno: i32| {
        OpValue::Object(vec![
            ("errno", OpValue::Number(-errno as f64)),
            ("code", super::error::errno_code(errno).into()),
        ])
    };
    // IPC needs an event loop: node:child_process refuses it for *Sync (ERR_IPC_SYNC_FORK).
    let mut cmd = match command(st, req) {
        Ok((c, _)) => c,
        Err(OpError::Sys { errno, .. }) => {
            return Ok(OpValue::Object(vec![("error", sys_error(-errno))]))
        }
        Err(e) => return Err(e),
    };
    // Counted against `--max-children` while it runs, like an async child.
    let running = Arc::new(AtomicBool::new(false));
    if !st.resources.claim_child(&running) {
        return Ok(OpValue::Object(vec![("error", sys_error(libc::EAGAIN))]));
    }
    struct Reaped(Arc<AtomicBool>);
    impl Drop for Reaped {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let _reaped = Reaped(running);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Ok(OpValue::Object(vec![(
                "error",
                sys_error(e.raw_os_error().unwrap_or(libc::EIO)),
            )]))
        }
    };
    let pid = child.id() as i32;
    let overflow = Arc::new(AtomicBool::new(false));
    let writer = child.stdin.take().map(|mut w| {
        let input = opts.input.clone();
        std::thread::spawn(move || {
            let _ = w.write_all(&input);
        })
    });
    let reader = |r: Option<Box<dyn Read + Send>>| {
        let (limit, sig, overflow) = (opts.max_buffer, opts.kill_signal, overflow.clone());
        r.map(|r| std::thread::spawn(move || read_all_limited(r, limit, pid, sig, overflow)))
    };
    let out = reader(child.stdout.take().map(|r| Box::new(r) as _));
    let err = reader(child.stderr.take().map(|r| Box::new(r) as _));
    let mut timed_out = false;
    let status = match opts.timeout_ms {
        None => child.wait(),
        Some(ms) => {
            let deadline = std::time::Instant::now() + Duration::from_millis(ms);
            loop {
                match child.try_wait() {
                    Ok(Some(s)) => break Ok(s),
                    Ok(None) if std::time::Instant::now() >= deadline => {
                        timed_out = true;
                        // SAFETY: kill(2) on our unreaped child.
                        unsafe { libc::kill(pid, opts.kill_signal) };
                        break child.wait();
                    }
                    Ok(None) => std::thread::sleep(Duration::from_micros(500)),
                    Err(e) => break Err(e),
                }
            }
        }
    };
    if let Some(w) = writer {
        let _ = w.join();
    }
    let collect = |h: Option<std::thread::JoinHandle<Vec<u8>>>| match h {
        Some(h) => OpValue::Bytes(h.join().unwrap_or_default()),
        None => OpValue::Null,
    };
    let (stdout, stderr) = (collect(out), collect(err));
    let status = status.map_err(|e| OpError::io(&e, "waitpid", None))?;
    let mut fields = vec![
        ("pid", OpValue::Number(pid as f64)),
        ("code", status.code().map(|c| c as f64).into()),
        ("signal", status.signal().map(|s| s as f64).into()),
        ("stdout", stdout),
        ("stderr", stderr),
    ];
    if timed_out {
        fields.push(("error", sys_error(libc::ETIMEDOUT)));
    } else if overflow.load(Ordering::SeqCst) {
        fields.push(("error", sys_error(libc::ENOBUFS)));
    }
    Ok(OpValue::Object(fields))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // test fixtures
mod tests {
    use super::*;

    fn grants(run: Scope<String>) -> Grants {
        Grants {
            run,
            ..Grants::default()
        }
    }

    #[test]
    fn no_grant_denies_everything() {
        let err = check_run(&grants(Scope::None), "true", Path::new("/"), &[]).unwrap_err();
        assert!(matches!(
            err,
            OpError::AccessDenied { permission: "ChildProcess", ref resource, .. } if resource == "true"
        ));
    }

    #[test]
    fn list_matches_by_resolved_file_not_by_basename() {
        let g = grants(Scope::Some(vec!["sh".into()]));
        assert!(check_run(&g, "sh", Path::new("/"), &[]).unwrap().is_some());
        assert!(check_run(&g, "/bin/sh", Path::new("/"), &[])
            .unwrap()
            .is_some());
        assert!(check_run(&g, "true", Path::new("/"), &[]).is_err());
        // A different file that is merely called `sh` is not the granted program.
        let dir = std::env::temp_dir().join(format!("atoll-cp-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fake = dir.join("sh");
        std::fs::write(&fake, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(check_run(&g, fake.to_str().unwrap(), Path::new("/"), &[]).is_err());
        let env = [format!("PATH={}", dir.display())];
        assert!(check_run(&g, "sh", Path::new("/"), &env).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_listed_program_is_enoent_not_denied() {
        let g = grants(Scope::Some(vec!["no-such-program-atoll".into()]));
        assert_eq!(
            check_run(&g, "no-such-program-atoll", Path::new("/"), &[]).unwrap(),
            None
        );
    }

    #[test]
    fn grant_flags_round_trip() {
        let mut g = Grants::default();
        g.read.add(Some(vec!["data".into()]));
        g.env.add(Some(vec!["HOME".into()]));
        g.run.add(None);
        let flags = grant_flags(&g, Path::new("/base"));
        assert_eq!(
            flags,
            vec!["--allow-env=HOME", "--allow-run", "--allow-read=/base/data"]
        );
    }
}
