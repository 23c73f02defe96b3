//! `node:fs` ops. Every path is made absolute against the runtime's cwd here, then handed to
//! `wasi_bridge::CapFs`, which opens it relative to a granted `cap_std` directory (the actual
//! enforcement). Open files live in a per-runtime fd table; their numbers start at 3 like Node's.
//!
//! Each op has the shape `fn(&FsCtx, &Args) -> Result<OpValue, OpError>` so the engine glue can
//! expose it twice from one table: as `op_fs_<name>_sync` and as the promise-returning
//! `op_fs_<name>`, which runs the same function on tokio's blocking pool.

use std::{
    borrow::Cow,
    collections::HashMap,
    io::{self, Read, Write},
    os::unix::fs::{FileExt, MetadataExt},
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use wasi_bridge::fs::{Access, CapFs, FileKind, FsError, OpenFlags, Stat};

use super::{
    limits::{emfile, HandleSlot, Resources},
    module::normalize,
    OpError, OpValue,
};

/// Open files by fd number. `std::fs::File` is enough once cap-std has opened it: every
/// operation on an open descriptor is confined to that one file.
#[derive(Default)]
pub struct FdTable {
    inner: Mutex<FdInner>,
    /// Each open fd holds a `--max-handles` slot until it is closed.
    resources: Arc<Resources>,
}

#[derive(Default)]
struct FdInner {
    next: i32,
    files: HashMap<i32, (Arc<std::fs::File>, HandleSlot)>,
}

impl FdTable {
    pub fn new(resources: Arc<Resources>) -> Self {
        FdTable {
            inner: Mutex::default(),
            resources,
        }
    }

    /// A slot for a file about to be opened: `EMFILE` at `--max-handles`, before the open.
    fn reserve(&self, path: &str) -> Result<HandleSlot, OpError> {
        self.resources
            .handle()
            .ok_or_else(|| emfile("open", Some(path)))
    }

    fn insert(&self, file: std::fs::File, slot: HandleSlot) -> i32 {
        let mut t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut fd = t.next.max(3);
        while t.files.contains_key(&fd) {
            fd += 1;
        }
        t.next = fd + 1;
        t.files.insert(fd, (Arc::new(file), slot));
        fd
    }

    fn get(&self, fd: i32, syscall: &'static str) -> Result<Arc<std::fs::File>, OpError> {
        let t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        t.files
            .get(&fd)
            .map(|(f, _)| f.clone())
            .ok_or_else(|| ebadf(syscall))
    }

    fn remove(&self, fd: i32) -> Option<Arc<std::fs::File>> {
        let mut t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let f = t.files.remove(&fd).map(|(f, _slot)| f);
        // Reuse small numbers as Node does.
        if f.is_some() && fd < t.next {
            t.next = fd;
        }
        f
    }
}

fn ebadf(syscall: &'static str) -> OpError {
    OpError::io(&io::Error::from_raw_os_error(libc::EBADF), syscall, None)
}

/// What an fs op may use: the capability, the fd table, and the cwd at the time of the call
/// (a snapshot, so the op can run on another thread).
#[derive(Clone)]
pub struct FsCtx {
    pub cap: Arc<CapFs>,
    pub fds: Arc<FdTable>,
    pub cwd: PathBuf,
}

impl FsCtx {
    fn abs<'a>(&self, path: &'a str) -> Cow<'a, Path> {
        abs_path(&self.cwd, path)
    }
}

/// `path` made absolute against `cwd` and normal; when it already is (the usual case), `path`
/// itself, not copied.
pub fn abs_path<'a>(cwd: &Path, path: &'a str) -> Cow<'a, Path> {
    if wasi_bridge::fs::is_normal(Path::new(path)) {
        return Cow::Borrowed(Path::new(path));
    }
    Cow::Owned(normalize(&cwd.join(path)))
}

/// An argument from JS, owned (it may cross to the blocking pool).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Undefined,
    Bool(bool),
    Num(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Arg>),
}

/// The argument list of one op call.
pub struct Args(pub Vec<Arg>);

impl Args {
    fn get(&self, i: usize) -> &Arg {
        self.0.get(i).unwrap_or(&Arg::Undefined)
    }

    fn str(&self, i: usize) -> Result<&str, OpError> {
        match self.get(i) {
            Arg::Str(s) => Ok(s),
            other => Err(OpError::Type(format!(
                "argument {i} must be a string, got {other:?}"
            ))),
        }
    }

    fn num(&self, i: usize) -> Option<f64> {
        match self.get(i) {
            Arg::Num(n) => Some(*n),
            _ => None,
        }
    }

    fn int(&self, i: usize, default: i64) -> i64 {
        self.num(i).map_or(default, |n| n as i64)
    }

    fn fd(&self, i: usize) -> i32 {
        self.int(i, -1) as i32
    }

    fn flag(&self, i: usize) -> bool {
        matches!(self.get(i), Arg::Bool(true))
    }

    fn bytes(&self, i: usize) -> Result<&[u8], OpError> {
        match self.get(i) {
            Arg::Bytes(b) => Ok(b),
            Arg::Str(s) => Ok(s.as_bytes()),
            _ => Err(OpError::Type(format!("argument {i} must be bytes"))),
        }
    }

    /// A position: a number >= 0, or none (`-1`, `null`, `undefined`) for the current offset.
    fn position(&self, i: usize) -> Option<u64> {
        self.num(i).filter(|n| *n >= 0.0).map(|n| n as u64)
    }
}

/// One op: Node API and syscall are named in each function's doc comment.
pub type FsOp = fn(&FsCtx, &Args) -> Result<OpValue, OpError>;

/// Map a capability error to Node's shape: denials become the permission-model error.
pub fn fs_error(e: FsError, syscall: &'static str, path: &str) -> OpError {
    match e {
        FsError::Denied {
            access,
            path: denied,
        } => access_denied(access, &denied),
        FsError::Io(err) => OpError::io(&err, syscall, Some(path)),
    }
}

pub fn access_denied(access: Access, path: &Path) -> OpError {
    let (permission, flag) = match access {
        Access::Read => ("FileSystemRead", "--allow-read"),
        Access::Write => ("FileSystemWrite", "--allow-write"),
    };
    OpError::AccessDenied {
        permission,
        resource: path.to_string_lossy().into_owned(),
        flag: flag.into(),
    }
}

fn io_err(e: io::Error, syscall: &'static str, path: Option<&str>) -> OpError {
    OpError::io(&e, syscall, path)
}

/// Node's numeric open flags (`O_*`, as `fs.constants` reports them) to `OpenFlags`.
pub fn open_flags(flags: i32, mode: u32) -> OpenFlags {
    let acc = flags & libc::O_ACCMODE;
    OpenFlags {
        read: acc == libc::O_RDONLY || acc == libc::O_RDWR,
        write: acc == libc::O_WRONLY || acc == libc::O_RDWR,
        append: flags & libc::O_APPEND != 0,
        create: flags & libc::O_CREAT != 0,
        truncate: flags & libc::O_TRUNC != 0,
        exclusive: flags & libc::O_EXCL != 0,
        mode,
        follow: flags & libc::O_NOFOLLOW == 0,
    }
}

fn split_ns(ns: i128) -> [f64; 2] {
    // In i64 whenever it fits (until the year 2262): i128 division and i128 -> f64 are library
    // calls, a few hundred instructions per stat.
    if let Ok(ns) = i64::try_from(ns) {
        let (sec, nsec) = (ns.div_euclid(1_000_000_000), ns.rem_euclid(1_000_000_000));
        return [sec as f64, nsec as f64];
    }
    let sec = ns.div_euclid(1_000_000_000);
    let nsec = ns.rem_euclid(1_000_000_000);
    [sec as f64, nsec as f64]
}

/// `fs.Stats` as the 18 numbers JS builds it from, in Node's stat array order: dev, mode,
/// nlink, uid, gid, rdev, blksize, ino, size, blocks, then (sec, nsec) pairs for atime, mtime,
/// ctime, birthtime.
pub type StatValues = [f64; 18];

pub fn stat_values(s: &Stat) -> StatValues {
    let mut v = [0.0; 18];
    v[..10].copy_from_slice(&[
        s.dev as f64,
        s.mode as f64,
        s.nlink as f64,
        s.uid as f64,
        s.gid as f64,
        s.rdev as f64,
        s.blksize as f64,
        s.ino as f64,
        s.size as f64,
        s.blocks as f64,
    ]);
    for (i, t) in [s.atime_ns, s.mtime_ns, s.ctime_ns, s.birthtime_ns]
        .into_iter()
        .enumerate()
    {
        let [sec, nsec] = split_ns(t);
        v[10 + 2 * i] = sec;
        v[11 + 2 * i] = nsec;
    }
    v
}

/// The stat numbers as an op result: their bytes (native endian), which JS reads back through a
/// `Float64Array` (one buffer instead of an array of 18 values).
pub fn stat_value(s: &Stat) -> OpValue {
    values_bytes(&stat_values(s))
}

fn values_bytes(v: &StatValues) -> OpValue {
    OpValue::Bytes(v.iter().flat_map(|n| n.to_ne_bytes()).collect())
}

fn meta_values(m: &std::fs::Metadata) -> StatValues {
    let ns = |sec: i64, nsec: i64| sec as i128 * 1_000_000_000 + nsec as i128;
    let birth = m
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(ns(m.ctime(), m.ctime_nsec()), |d| d.as_nanos() as i128);
    stat_values(&Stat {
        dev: m.dev(),
        ino: m.ino(),
        mode: m.mode(),
        nlink: m.nlink(),
        uid: m.uid(),
        gid: m.gid(),
        rdev: m.rdev(),
        size: m.size(),
        blksize: m.blksize(),
        blocks: m.blocks(),
        atime_ns: ns(m.atime(), m.atime_nsec()),
        mtime_ns: ns(m.mtime(), m.mtime_nsec()),
        ctime_ns: ns(m.ctime(), m.ctime_nsec()),
        birthtime_ns: birth,
    })
}

/// libuv's dirent type numbers (`UV_DIRENT_*`), which `fs.Dirent` understands.
fn kind_code(k: &FileKind) -> f64 {
    match k {
        FileKind::Unknown => 0.0,
        FileKind::File => 1.0,
        FileKind::Dir => 2.0,
        FileKind::Symlink => 3.0,
        FileKind::Fifo => 4.0,
        FileKind::Socket => 5.0,
        FileKind::CharDevice => 6.0,
        FileKind::BlockDevice => 7.0,
    }
}

fn path_value(p: &Path) -> OpValue {
    OpValue::String(p.to_string_lossy().into_owned())
}

fn ns_from_secs(secs: f64) -> i128 {
    (secs * 1e9).round() as i128
}

// ---- whole-file ops ----

/// `fs.readFile(path, { flag })`: open(2) + read(2) to the end. Args: path, flags.
fn read_file(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    read_file_at(&cx.cap, &cx.abs(path), path, a.int(1, 0) as i32).map(OpValue::Bytes)
}

/// `read_file` on `abs` (= `path` made absolute), for typed callers too.
pub fn read_file_at(cap: &CapFs, abs: &Path, path: &str, flags: i32) -> Result<Vec<u8>, OpError> {
    if flags == libc::O_RDONLY {
        return match cap.read(abs) {
            Ok(b) => Ok(b),
            Err(FsError::Io(e)) if e.raw_os_error() == Some(libc::EISDIR) => {
                Err(io_err(e, "read", None))
            }
            Err(e) => Err(fs_error(e, "open", path)),
        };
    }
    let file = cap
        .open(abs, &open_flags(flags, 0o666))
        .map_err(|e| fs_error(e, "open", path))?;
    let mut buf = Vec::new();
    file.into_std()
        .read_to_end(&mut buf)
        .map_err(|e| io_err(e, "read", None))?;
    Ok(buf)
}

/// `fs.readFile(fd)` / `filehandle.readFile()`: read(2) from the current offset to the end.
fn read_fd_all(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "read")?;
    let mut buf = Vec::new();
    (&*file)
        .read_to_end(&mut buf)
        .map_err(|e| io_err(e, "read", None))?;
    Ok(OpValue::Bytes(buf))
}

/// `fs.writeFile` / `fs.appendFile`: open(2) with Node's flags, write(2) everything.
/// Args: path, data, flags, mode.
fn write_file(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let data = a.bytes(1)?;
    let flags = a.int(2, (libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC) as i64) as i32;
    let mode = a.int(3, 0o666) as u32;
    write_file_at(&cx.cap, &cx.abs(path), path, data, flags, mode)?;
    Ok(OpValue::Undefined)
}

/// `write_file` on `abs` (= `path` made absolute), for typed callers too.
pub fn write_file_at(
    cap: &CapFs,
    abs: &Path,
    path: &str,
    data: &[u8],
    flags: i32,
    mode: u32,
) -> Result<(), OpError> {
    let file = cap
        .open(abs, &open_flags(flags, mode))
        .map_err(|e| fs_error(e, "open", path))?;
    file.into_std()
        .write_all(data)
        .map_err(|e| io_err(e, "write", None))
}

// ---- descriptors ----

/// `fs.open(path, flags, mode)`: open(2). Returns the new fd.
fn open(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let flags = a.int(1, 0) as i32;
    let mode = a.int(2, 0o666) as u32;
    let slot = cx.fds.reserve(path)?;
    let file = cx
        .cap
        .open(&cx.abs(path), &open_flags(flags, mode))
        .map_err(|e| fs_error(e, "open", path))?;
    Ok(OpValue::Number(cx.fds.insert(file.into_std(), slot) as f64))
}

/// `fs.close(fd)`: close(2).
fn close(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    cx.fds.remove(a.fd(0)).ok_or_else(|| ebadf("close"))?;
    Ok(OpValue::Undefined)
}

/// `fs.read(fd, buffer, offset, length, position)`: read(2) or pread(2). Args: fd, length,
/// position. Returns the bytes read (JS copies them into the caller's buffer).
fn read(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "read")?;
    let len = a.int(1, 0).max(0) as usize;
    let mut buf = vec![0u8; len];
    let n = match a.position(2) {
        Some(pos) => file.read_at(&mut buf, pos),
        None => (&*file).read(&mut buf),
    }
    .map_err(|e| io_err(e, "read", None))?;
    buf.truncate(n);
    Ok(OpValue::Bytes(buf))
}

fn write_all_at(file: &std::fs::File, data: &[u8], pos: Option<u64>) -> io::Result<()> {
    match pos {
        Some(p) => file.write_all_at(data, p),
        None => {
            let mut f = file;
            f.write_all(data)
        }
    }
}

/// `fs.write(fd, buffer|string, ..., position)`: write(2) or pwrite(2). Args: fd, bytes,
/// position. Returns bytes written.
fn write(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "write")?;
    let data = a.bytes(1)?;
    write_all_at(&file, data, a.position(2)).map_err(|e| io_err(e, "write", None))?;
    Ok(OpValue::Number(data.len() as f64))
}

/// `fs.writev(fd, buffers, position)`: writev(2). Args: fd, [bytes...], position.
fn writev(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "write")?;
    let Arg::List(items) = a.get(1) else {
        return Err(OpError::Type("buffers must be a list".into()));
    };
    let mut all = Vec::new();
    for item in items {
        if let Arg::Bytes(b) = item {
            all.extend_from_slice(b);
        }
    }
    write_all_at(&file, &all, a.position(2)).map_err(|e| io_err(e, "write", None))?;
    Ok(OpValue::Number(all.len() as f64))
}

/// `fs.fsync(fd)`: fsync(2).
fn fsync(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "fsync")?;
    file.sync_all().map_err(|e| io_err(e, "fsync", None))?;
    Ok(OpValue::Undefined)
}

/// `fs.fdatasync(fd)`: fdatasync(2).
fn fdatasync(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "fdatasync")?;
    file.sync_data().map_err(|e| io_err(e, "fdatasync", None))?;
    Ok(OpValue::Undefined)
}

/// `fs.ftruncate(fd, len)`: ftruncate(2).
fn ftruncate(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "ftruncate")?;
    file.set_len(a.int(1, 0).max(0) as u64)
        .map_err(|e| io_err(e, "ftruncate", None))?;
    Ok(OpValue::Undefined)
}

/// `fs.fstat(fd)`: fstat(2).
fn fstat(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    fstat_values(cx, a).map(|v| values_bytes(&v))
}

fn fstat_values(cx: &FsCtx, a: &Args) -> Result<StatValues, OpError> {
    let file = cx.fds.get(a.fd(0), "fstat")?;
    let m = file.metadata().map_err(|e| io_err(e, "fstat", None))?;
    Ok(meta_values(&m))
}

/// `fs.futimes(fd, atime, mtime)`: futimens(2). Times in seconds.
fn futimes(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let file = cx.fds.get(a.fd(0), "futime")?;
    let ts = |s: f64| {
        let ns = ns_from_secs(s);
        std::time::UNIX_EPOCH + std::time::Duration::from_nanos(ns.max(0) as u64)
    };
    let times = std::fs::FileTimes::new()
        .set_accessed(ts(a.num(1).unwrap_or(0.0)))
        .set_modified(ts(a.num(2).unwrap_or(0.0)));
    file.set_times(times)
        .map_err(|e| io_err(e, "futime", None))?;
    Ok(OpValue::Undefined)
}

/// `fs.fchmod(fd, mode)`: fchmod(2).
fn fchmod(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    use std::os::unix::fs::PermissionsExt;
    let file = cx.fds.get(a.fd(0), "fchmod")?;
    file.set_permissions(std::fs::Permissions::from_mode(a.int(1, 0) as u32))
        .map_err(|e| io_err(e, "fchmod", None))?;
    Ok(OpValue::Undefined)
}

/// `fs.fchown(fd, uid, gid)`: fchown(2).
fn fchown(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    use std::os::fd::AsRawFd;
    let file = cx.fds.get(a.fd(0), "fchown")?;
    chown_fd(file.as_raw_fd(), a.int(1, -1), a.int(2, -1), "fchown", None)
}

fn chown_fd(
    fd: i32,
    uid: i64,
    gid: i64,
    syscall: &'static str,
    path: Option<&str>,
) -> Result<OpValue, OpError> {
    // SAFETY: fchown(2) on a descriptor we own; -1 (as u32::MAX) leaves the id unchanged.
    let rc = unsafe { libc::fchown(fd, uid as libc::uid_t, gid as libc::gid_t) };
    if rc != 0 {
        return Err(io_err(io::Error::last_os_error(), syscall, path));
    }
    Ok(OpValue::Undefined)
}

// ---- paths ----

/// `fs.stat` / `fs.lstat`: stat(2) / lstat(2). Args: path, follow.
fn stat(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    stat_path_values(cx, a).map(|v| values_bytes(&v))
}

fn stat_path_values(cx: &FsCtx, a: &Args) -> Result<StatValues, OpError> {
    let path = a.str(0)?;
    stat_at(&cx.cap, &cx.abs(path), path, a.flag(1))
}

/// `stat` (`follow`) / `lstat` on `abs` (= `path` made absolute), for typed callers too.
pub fn stat_at(cap: &CapFs, abs: &Path, path: &str, follow: bool) -> Result<StatValues, OpError> {
    let s = cap
        .stat(abs, follow)
        .map_err(|e| fs_error(e, if follow { "stat" } else { "lstat" }, path))?;
    Ok(stat_values(&s))
}

/// `fs.readdir(path)`: scandir. Returns [[name, UV_DIRENT type], ...].
fn read_dir(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let mut entries = cx
        .cap
        .read_dir(&cx.abs(path))
        .map_err(|e| fs_error(e, "scandir", path))?;
    entries.sort_by(|x, y| x.name.cmp(&y.name));
    Ok(OpValue::Array(
        entries
            .iter()
            .map(|e| {
                OpValue::Array(vec![
                    OpValue::String(e.name.clone()),
                    OpValue::Number(kind_code(&e.kind)),
                ])
            })
            .collect(),
    ))
}

/// `fs.mkdir(path, { recursive, mode })`: mkdir(2). Returns the first directory created when
/// recursive.
fn mkdir(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let recursive = a.flag(1);
    let mode = a.int(2, 0o777) as u32;
    let first = cx
        .cap
        .create_dir(&cx.abs(path), recursive, mode)
        .map_err(|e| fs_error(e, "mkdir", path))?;
    Ok(first.as_deref().map_or(OpValue::Undefined, path_value))
}

/// `fs.mkdtemp(prefix)`: mkdtemp(3), a fresh directory named prefix + 6 random characters.
fn mkdtemp(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let prefix = a.str(0)?;
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ (std::process::id() as u64).rotate_left(32);
    for _ in 0..100 {
        let mut name = prefix.to_string();
        for _ in 0..6 {
            // xorshift64*
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            let r = seed.wrapping_mul(0x2545_F491_4F6C_DD1D);
            name.push(CHARS[(r >> 58) as usize % CHARS.len()] as char);
        }
        match cx.cap.create_dir(&cx.abs(&name), false, 0o700) {
            Ok(_) => return Ok(OpValue::String(name)),
            Err(FsError::Io(e)) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(fs_error(e, "mkdtemp", &format!("{prefix}XXXXXX"))),
        }
    }
    Err(io_err(
        io::Error::from_raw_os_error(libc::EEXIST),
        "mkdtemp",
        Some(&format!("{prefix}XXXXXX")),
    ))
}

/// `fs.rm(path, { recursive })`: unlink(2), or a recursive removal. Args: path, recursive.
fn rm(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let abs = cx.abs(path);
    let r = if a.flag(1) {
        cx.cap.remove_all(&abs)
    } else {
        cx.cap.remove_file(&abs)
    };
    r.map_err(|e| fs_error(e, "rm", path))?;
    Ok(OpValue::Undefined)
}

/// `fs.rmdir(path)`: rmdir(2).
fn rmdir(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    cx.cap
        .remove_dir(&cx.abs(path))
        .map_err(|e| fs_error(e, "rmdir", path))?;
    Ok(OpValue::Undefined)
}

/// `fs.unlink(path)`: unlink(2).
fn unlink(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    cx.cap
        .remove_file(&cx.abs(path))
        .map_err(|e| fs_error(e, "unlink", path))?;
    Ok(OpValue::Undefined)
}

/// `fs.rename(from, to)`: rename(2).
fn rename(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let (from, to) = (a.str(0)?, a.str(1)?);
    cx.cap
        .rename(&cx.abs(from), &cx.abs(to))
        .map_err(|e| fs_error(e, "rename", from).with_dest(to))?;
    Ok(OpValue::Undefined)
}

/// `fs.copyFile(src, dest, mode)`: copyfile. Args: src, dest, exclusive.
fn copy_file(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let (from, to) = (a.str(0)?, a.str(1)?);
    cx.cap
        .copy_file(&cx.abs(from), &cx.abs(to), a.flag(2))
        .map_err(|e| fs_error(e, "copyfile", from).with_dest(to))?;
    Ok(OpValue::Undefined)
}

/// `fs.link(existing, new)`: link(2).
fn link(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let (from, to) = (a.str(0)?, a.str(1)?);
    cx.cap
        .hard_link(&cx.abs(from), &cx.abs(to))
        .map_err(|e| fs_error(e, "link", from).with_dest(to))?;
    Ok(OpValue::Undefined)
}

/// `fs.symlink(target, path)`: symlink(2). The target is stored as given.
fn symlink(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let (target, path) = (a.str(0)?, a.str(1)?);
    cx.cap
        .symlink(target, &cx.abs(path))
        .map_err(|e| fs_error(e, "symlink", target).with_dest(path))?;
    Ok(OpValue::Undefined)
}

/// `fs.readlink(path)`: readlink(2).
fn read_link(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let target = cx
        .cap
        .read_link(&cx.abs(path))
        .map_err(|e| fs_error(e, "readlink", path))?;
    Ok(path_value(&target))
}

/// `fs.realpath(path)`: realpath(3), resolved inside the grants.
fn realpath(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let real = cx
        .cap
        .canonicalize(&cx.abs(path))
        .map_err(|e| fs_error(e, "realpath", path))?;
    Ok(path_value(&real))
}

/// `fs.access(path, mode)`: access(2). F_OK=0, R_OK=4, W_OK=2, X_OK=1.
fn access(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let mode = a.int(1, 0) as i32;
    let abs = cx.abs(path);
    let e = |e| fs_error(e, "access", path);
    let st = cx.cap.stat(&abs, true).map_err(e)?;
    if mode & libc::R_OK != 0 {
        cx.cap.access(&abs, Access::Read).map_err(e)?;
    }
    if mode & libc::W_OK != 0 {
        cx.cap.access(&abs, Access::Write).map_err(e)?;
    }
    if mode & libc::X_OK != 0 && st.mode & 0o111 == 0 {
        return Err(io_err(
            io::Error::from_raw_os_error(libc::EACCES),
            "access",
            Some(path),
        ));
    }
    Ok(OpValue::Undefined)
}

/// `fs.chmod(path, mode)`: chmod(2).
fn chmod(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    cx.cap
        .set_permissions(&cx.abs(path), a.int(1, 0) as u32)
        .map_err(|e| fs_error(e, "chmod", path))?;
    Ok(OpValue::Undefined)
}

/// `fs.chown(path, uid, gid)`: needs the write grant; opened through the capability, then
/// fchown(2) on that descriptor (so the check and the change hit the same file).
fn chown(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    use std::os::fd::AsRawFd;
    let path = a.str(0)?;
    let abs = cx.abs(path);
    if !cx.cap.allows(&abs, Access::Write) {
        return Err(access_denied(Access::Write, &abs));
    }
    let file = cx
        .cap
        .open(&abs, &open_flags(libc::O_RDONLY, 0))
        .map_err(|e| fs_error(e, "chown", path))?
        .into_std();
    chown_fd(
        file.as_raw_fd(),
        a.int(1, -1),
        a.int(2, -1),
        "chown",
        Some(path),
    )
}

/// `fs.utimes` / `fs.lutimes`: utimensat(2). Args: path, atime s, mtime s, follow.
fn utimes(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    let follow = a.flag(3);
    cx.cap
        .set_times(
            &cx.abs(path),
            a.num(1).map(ns_from_secs),
            a.num(2).map(ns_from_secs),
            follow,
        )
        .map_err(|e| fs_error(e, if follow { "utime" } else { "lutime" }, path))?;
    Ok(OpValue::Undefined)
}

/// `fs.truncate(path, len)`: truncate(2).
fn truncate(cx: &FsCtx, a: &Args) -> Result<OpValue, OpError> {
    let path = a.str(0)?;
    cx.cap
        .truncate(&cx.abs(path), a.int(1, 0).max(0) as u64)
        .map_err(|e| fs_error(e, "open", path))?;
    Ok(OpValue::Undefined)
}

/// The fs ops by name; the engine registers `op_fs_<name>_sync` and `op_fs_<name>` for each.
pub const OPS: &[(&str, FsOp)] = &[
    ("read_file", read_file),
    ("read_fd_all", read_fd_all),
    ("write_file", write_file),
    ("open", open),
    ("close", close),
    ("read", read),
    ("write", write),
    ("writev", writev),
    ("fsync", fsync),
    ("fdatasync", fdatasync),
    ("ftruncate", ftruncate),
    ("fstat", fstat),
    ("futimes", futimes),
    ("fchmod", fchmod),
    ("fchown", fchown),
    ("stat", stat),
    ("read_dir", read_dir),
    ("mkdir", mkdir),
    ("mkdtemp", mkdtemp),
    ("rm", rm),
    ("rmdir", rmdir),
    ("unlink", unlink),
    ("rename", rename),
    ("copy_file", copy_file),
    ("link", link),
    ("symlink", symlink),
    ("read_link", read_link),
    ("realpath", realpath),
    ("access", access),
    ("chmod", chmod),
    ("chown", chown),
    ("utimes", utimes),
    ("truncate", truncate),
];

/// An op whose result is a `Stats`: the sync binding can write the numbers straight into a
/// `Float64Array` JS keeps for the purpose.
pub type StatOp = fn(&FsCtx, &Args) -> Result<StatValues, OpError>;

/// The `OPS` entries that are `StatOp`s underneath (same names, same arguments).
pub const STAT_OPS: &[(&str, StatOp)] = &[("stat", stat_path_values), ("fstat", fstat_values)];

/// Run op `name` now (the `_sync` form).
pub fn call(cx: &FsCtx, name: &str, args: &Args) -> Result<OpValue, OpError> {
    match OPS.iter().find(|(n, _)| *n == name) {
        Some((_, f)) => f(cx, args),
        None => Err(OpError::Type(format!("unknown fs op {name}"))),
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // test fixtures
mod tests {
    use super::*;

    #[test]
    fn node_flags_map_to_open_flags() {
        let f = open_flags(libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL, 0o600);
        assert!(f.write && !f.read && f.create && f.exclusive && !f.truncate && f.follow);
        let f = open_flags(libc::O_RDWR | libc::O_APPEND | libc::O_NOFOLLOW, 0o666);
        assert!(f.read && f.write && f.append && !f.follow);
    }

    #[test]
    fn times_split_into_seconds_and_nanoseconds() {
        assert_eq!(split_ns(-1), [-1.0, 999_999_999.0]);
        assert_eq!(ns_from_secs(1.5), 1_500_000_000);
    }

    #[test]
    fn fd_numbers_start_at_three_and_are_reused() {
        let t = FdTable::default();
        let f = || std::fs::File::open("/dev/null").unwrap();
        let a = t.insert(f(), t.reserve("a").unwrap());
        let b = t.insert(f(), t.reserve("b").unwrap());
        assert_eq!((a, b), (3, 4));
        assert!(t.remove(a).is_some());
        assert_eq!(t.insert(f(), t.reserve("c").unwrap()), 3);
        assert!(t.get(99, "read").is_err());
    }
}
