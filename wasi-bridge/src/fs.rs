//! `CapFs`: the filesystem capability every JS fs op (and later the Wasm host) goes through.
//!
//! Deny by default. Each grant is opened ONCE at start-up as a `cap_std::fs::Dir` (the only
//! ambient-authority calls in this module are in [`CapFs::new`]). After that, a path is only
//! used to *route* to a grant (longest lexical prefix); the remainder is resolved relative to the
//! grant's handle by cap-std (`openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)` on Linux, a
//! component walk elsewhere), so `..`, absolute symlinks and symlinks leading out are refused by
//! construction.
//!
//! Operations that act on a directory entry rather than on what it points to (unlink, rmdir,
//! mkdir, rename, link, symlink, readlink, lutimes) open the *parent* directory through the
//! grant and then issue the `*at` syscall on the single final name relative to that parent fd,
//! so a symlink swapped in mid-operation cannot redirect them.
//!
//! Carve-outs (`deny_read` / `deny_write`), file grants (`--allow-read=/etc/hosts`) and
//! read+write opens need more than "beneath the grant root": for those, the *real* location of
//! the opened fd (or of the parent fd + name) is read back from the kernel
//! (`/proc/self/fd/N`, opened through `rustix-linux-procfs`, which verifies it is a real procfs)
//! and compared against the real locations of the deny roots recorded at start-up. If that
//! information is unavailable, such operations fail closed.

use std::ffi::{OsStr, OsString};
use std::io::{self, Read as _, Write as _};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Component, Path, PathBuf};

use cap_fs_ext::{FollowSymlinks, OpenOptionsFollowExt};
use cap_std::ambient_authority;
use cap_std::fs::{Dir, File, OpenOptions, OpenOptionsExt};
use rustix::fs::{AtFlags, Mode, OFlags, StatxFlags, Timespec, Timestamps};

use crate::grants::{Grants, Scope};

mod unix;
pub use unix::{UnixBinding, UnixTarget};

/// Which capability an operation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    Read,
    Write,
}

impl std::fmt::Display for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Access::Read => "read",
            Access::Write => "write",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FsError {
    /// No grant covers the path for this access. `path` is the absolute path asked for.
    #[error("{access} access denied: {}", path.display())]
    Denied { access: Access, path: PathBuf },
    /// The OS said no (ENOENT, ELOOP, EXDEV, ...): the raw errno is kept in the io::Error.
    #[error(transparent)]
    Io(io::Error),
}

impl From<io::Error> for FsError {
    fn from(e: io::Error) -> Self {
        FsError::Io(e)
    }
}

impl FsError {
    /// The raw errno for `Io` errors.
    pub fn raw_os_error(&self) -> Option<i32> {
        match self {
            FsError::Io(e) => e.raw_os_error(),
            FsError::Denied { .. } => None,
        }
    }

    pub fn is_denied(&self) -> bool {
        matches!(self, FsError::Denied { .. })
    }
}

/// `fs.Stats` fields, Linux `statx` semantics. Times are nanoseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stat {
    pub dev: u64,
    pub ino: u64,
    pub mode: u32,
    pub nlink: u64,
    pub uid: u32,
    pub gid: u32,
    pub rdev: u64,
    pub size: u64,
    pub blksize: u64,
    pub blocks: u64,
    pub atime_ns: i128,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    /// 0 when the filesystem does not report a birth time.
    pub birthtime_ns: i128,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Dir,
    Symlink,
    BlockDevice,
    CharDevice,
    Fifo,
    Socket,
    Unknown,
}

impl FileKind {
    /// From the `S_IFMT` bits of a mode.
    pub fn from_mode(mode: u32) -> FileKind {
        match mode & 0o170000 {
            0o100000 => FileKind::File,
            0o040000 => FileKind::Dir,
            0o120000 => FileKind::Symlink,
            0o060000 => FileKind::BlockDevice,
            0o020000 => FileKind::CharDevice,
            0o010000 => FileKind::Fifo,
            0o140000 => FileKind::Socket,
            _ => FileKind::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntryInfo {
    /// Lossy UTF-8.
    pub name: String,
    pub kind: FileKind,
}

/// `open(2)` flags as Node passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenFlags {
    pub read: bool,
    pub write: bool,
    pub append: bool,
    pub create: bool,
    pub truncate: bool,
    pub exclusive: bool,
    /// Permission bits for a created file (before umask).
    pub mode: u32,
    /// `false` => `O_NOFOLLOW`.
    pub follow: bool,
}

impl Default for OpenFlags {
    /// `'r'`.
    fn default() -> Self {
        OpenFlags {
            read: true,
            write: false,
            append: false,
            create: false,
            truncate: false,
            exclusive: false,
            mode: 0o666,
            follow: true,
        }
    }
}

impl OpenFlags {
    fn mutates(&self) -> bool {
        self.write || self.append || self.create || self.truncate
    }

    fn needs(&self) -> &'static [Access] {
        match (self.read, self.mutates()) {
            (true, true) => &[Access::Write, Access::Read],
            (false, true) => &[Access::Write],
            _ => &[Access::Read],
        }
    }
}

/// One opened grant.
#[derive(Debug)]
struct Grant {
    access: Access,
    /// The granted path, absolute and lexically normalised: the routing key.
    root: PathBuf,
    /// Handle everything under `root` is resolved against: the granted directory itself, or,
    /// for a file grant / a not-yet-existing path, its parent directory.
    dir: std::sync::Arc<Dir>,
    /// For a file grant or a not-yet-existing grant: the one entry of `dir` it covers.
    entry: Option<OsString>,
    /// Real (kernel-reported) location of `root` at start-up, when known.
    real: Option<PathBuf>,
    /// `root.components().count()`, for the longest-prefix choice.
    depth: usize,
}

impl Grant {
    /// Does the real location `real` lie inside this grant? `None` when unknowable.
    fn covers_real(&self, real: &Path) -> Option<bool> {
        self.real.as_ref().map(|r| real.starts_with(r))
    }
}

#[derive(Debug)]
struct DenyRoot {
    lexical: PathBuf,
    /// Real location (symlinks resolved) at start-up; for a missing path, that of its nearest
    /// existing ancestor plus the rest.
    real: Option<PathBuf>,
}

impl DenyRoot {
    fn covers_real(&self, real: &Path) -> bool {
        real.starts_with(self.real.as_ref().unwrap_or(&self.lexical))
    }

    /// Is this root at or under `real` (so an op on `real` as a whole would touch it)?
    fn inside_real(&self, real: &Path) -> bool {
        self.real
            .as_ref()
            .unwrap_or(&self.lexical)
            .starts_with(real)
    }
}

/// The filesystem capability. `Send + Sync`; hold it in an `Arc`.
#[derive(Debug)]
pub struct CapFs {
    grants: Vec<Grant>,
    deny_read: Vec<DenyRoot>,
    deny_write: Vec<DenyRoot>,
    cwd: PathBuf,
}

/// Symlinks re-routed through CapFs before ELOOP (Linux's own limit).
const MAX_HOPS: usize = 40;

fn errno(e: rustix::io::Errno) -> io::Error {
    io::Error::from_raw_os_error(e.raw_os_error())
}

fn raw(code: i32) -> FsError {
    FsError::Io(io::Error::from_raw_os_error(code))
}

/// Is `p` absolute and already what [`normalize`] would make of it (no empty, `.` or `..`
/// component, no trailing `/`)? One pass over the bytes, no allocation.
pub fn is_normal(p: &Path) -> bool {
    let b = p.as_os_str().as_bytes();
    match b {
        [b'/'] => true,
        [b'/', rest @ ..] => rest
            .split(|&c| c == b'/')
            .all(|c| !c.is_empty() && c != b"." && c != b".."),
        _ => false,
    }
}

/// `path.starts_with(root)` for two normal paths (see [`is_normal`]), on bytes: `root` is a
/// prefix ending at a component boundary.
fn normal_starts_with(path: &[u8], root: &[u8]) -> bool {
    root == b"/" || (path.starts_with(root) && matches!(path.get(root.len()), None | Some(&b'/')))
}

/// Lexically normalise an absolute path: drop `.`, fold `..` (never above `/`).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for c in p.components() {
        match c {
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => out.push(n),
        }
    }
    out
}

/// The real location of an open fd, as the kernel reports it.
#[cfg(target_os = "linux")]
fn fd_real(fd: BorrowedFd<'_>) -> io::Result<PathBuf> {
    let proc = rustix_linux_procfs::proc_self_fd()?;
    let target = rustix::fs::readlinkat(proc, rustix::path::DecInt::from_fd(fd), Vec::new())
        .map_err(errno)?;
    let p = PathBuf::from(OsString::from_vec(target.into_bytes()));
    if !p.is_absolute() {
        // "pipe:[..]", "anon_inode:..." or an fd outside our root: not a path we can judge.
        return Err(io::Error::from_raw_os_error(libc_eacces()));
    }
    Ok(p)
}

#[cfg(not(target_os = "linux"))]
fn fd_real(_fd: BorrowedFd<'_>) -> io::Result<PathBuf> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "fd location unavailable on this platform",
    ))
}

fn libc_eacces() -> i32 {
    rustix::io::Errno::ACCESS.raw_os_error()
}

fn path_opts() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true).custom_flags(OFlags::PATH.bits() as i32);
    o
}

fn statx_to_stat(s: &rustix::fs::Statx) -> Stat {
    let ts = |t: &rustix::fs::StatxTimestamp| t.tv_sec as i128 * 1_000_000_000 + t.tv_nsec as i128;
    let btime = if StatxFlags::from_bits_retain(s.stx_mask).contains(StatxFlags::BTIME) {
        ts(&s.stx_btime)
    } else {
        0
    };
    Stat {
        dev: rustix::fs::makedev(s.stx_dev_major, s.stx_dev_minor),
        ino: s.stx_ino,
        mode: u32::from(s.stx_mode),
        nlink: u64::from(s.stx_nlink),
        uid: s.stx_uid,
        gid: s.stx_gid,
        rdev: rustix::fs::makedev(s.stx_rdev_major, s.stx_rdev_minor),
        size: s.stx_size,
        blksize: u64::from(s.stx_blksize),
        blocks: s.stx_blocks,
        atime_ns: ts(&s.stx_atime),
        mtime_ns: ts(&s.stx_mtime),
        ctime_ns: ts(&s.stx_ctime),
        birthtime_ns: btime,
    }
}

fn stat_at(dir: BorrowedFd<'_>, name: &OsStr, flags: AtFlags) -> io::Result<Stat> {
    let s = rustix::fs::statx(
        dir,
        name,
        flags,
        StatxFlags::BASIC_STATS | StatxFlags::BTIME,
    )
    .map_err(errno)?;
    Ok(statx_to_stat(&s))
}

fn stat_fd(fd: BorrowedFd<'_>) -> io::Result<Stat> {
    stat_at(fd, OsStr::new(""), AtFlags::EMPTY_PATH)
}

/// Everything from the start of a freshly opened file: one fstat sizes the buffer, read(2) goes
/// straight into it. A regular file is read up to the size fstat reported, as Node's readFile
/// does (no extra read(2) to see EOF); anything else (procfs reports no size, a pipe has
/// none) until read(2) returns 0.
fn read_all(f: &File) -> io::Result<Vec<u8>> {
    let (size, regular) = rustix::fs::fstat(f).map_or((0, false), |s| {
        (
            usize::try_from(s.st_size).unwrap_or(0),
            rustix::fs::FileType::from_raw_mode(s.st_mode) == rustix::fs::FileType::RegularFile,
        )
    });
    if size == 0 {
        // No size to go by: let std grow the buffer.
        let mut buf = Vec::new();
        (&mut &*f).read_to_end(&mut buf)?;
        return Ok(buf);
    }
    let mut buf: Vec<u8> = Vec::new();
    buf.try_reserve_exact(size)
        .map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
    advise_huge_pages(&mut buf);
    loop {
        if regular && buf.len() >= size {
            return Ok(buf);
        }
        if buf.len() == buf.capacity() {
            // Full: a small probe tells EOF from a file that grew, without a bigger buffer.
            let mut probe = [0u8; 32];
            match rustix::io::read(f, &mut probe) {
                Ok(0) => return Ok(buf),
                Ok(n) => {
                    buf.extend_from_slice(&probe[..n]);
                    buf.reserve(buf.len());
                }
                Err(rustix::io::Errno::INTR) => {}
                Err(e) => return Err(errno(e)),
            }
            continue;
        }
        match rustix::io::read(f, buf.spare_capacity_mut()) {
            Ok(([], _)) => return Ok(buf),
            Ok((filled, _)) => {
                let n = filled.len();
                // SAFETY: read(2) initialised these `n` bytes of the spare capacity.
                unsafe { buf.set_len(buf.len() + n) };
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(errno(e)),
        }
    }
}

/// For a big read buffer (fresh memory the kernel will fault in while it copies), ask for
/// transparent huge pages: one fault per 2 MiB instead of per 4 KiB, about a third faster for a
/// 100 MB file. Only a hint on memory this Vec owns; ignored where THP is off.
fn advise_huge_pages(buf: &mut Vec<u8>) {
    const HUGE: usize = 2 << 20;
    if buf.capacity() < 4 * HUGE {
        return;
    }
    let start = buf.as_mut_ptr() as usize;
    let (first, end) = (start.next_multiple_of(HUGE), start + buf.capacity());
    let len = (end - first) / HUGE * HUGE;
    // SAFETY: [first, first + len) lies inside the allocation `buf` owns; MADV_HUGEPAGE changes
    // how it is backed, never its contents or its lifetime.
    let _ = unsafe { rustix::mm::madvise(first as *mut _, len, rustix::mm::Advice::LinuxHugepage) };
}

fn timespec(ns: Option<i128>) -> Timespec {
    match ns {
        None => Timespec {
            tv_sec: 0,
            tv_nsec: rustix::fs::UTIME_OMIT,
        },
        Some(ns) => Timespec {
            tv_sec: ns.div_euclid(1_000_000_000) as _,
            tv_nsec: ns.rem_euclid(1_000_000_000) as _,
        },
    }
}

/// A resolved parent directory plus the final name, for entry-level operations.
struct Parent {
    dir: Dir,
    name: OsString,
    /// Real location of `dir/name`, when it was needed and known.
    real: Option<PathBuf>,
    abs: PathBuf,
}

impl CapFs {
    /// Opens each granted path ONCE (`Dir::open_ambient_dir`, the only ambient calls).
    /// Relative grant paths resolve against `cwd`. A granted file is served through its (real)
    /// parent directory, restricted to that one entry; a granted path that does not exist yet
    /// is served the same way through its parent (so it can be created), and skipped if the
    /// parent does not exist either. Unopenable grants are skipped: they grant nothing.
    pub fn new(grants: &Grants, cwd: &Path) -> io::Result<CapFs> {
        let cwd = normalize(cwd);
        let mut opened: Vec<(PathBuf, Option<Opened>)> = Vec::new();
        let mut out = Vec::new();
        for (access, scope) in [(Access::Read, &grants.read), (Access::Write, &grants.write)] {
            let paths: Vec<PathBuf> = match scope {
                Scope::None => Vec::new(),
                Scope::All => vec![PathBuf::from("/")],
                Scope::Some(v) => v.iter().map(|p| normalize(&cwd.join(p))).collect(),
            };
            for root in paths {
                if out
                    .iter()
                    .any(|g: &Grant| g.access == access && g.root == root)
                {
                    continue;
                }
                let o = match opened.iter().find(|(p, _)| *p == root) {
                    Some((_, o)) => o.clone(),
                    None => {
                        let o = open_grant(&root);
                        opened.push((root.clone(), o.clone()));
                        o
                    }
                };
                if let Some(o) = o {
                    out.push(Grant {
                        access,
                        depth: root.components().count(),
                        root,
                        dir: o.dir,
                        entry: o.entry,
                        real: o.real,
                    });
                }
            }
        }
        let deny = |v: &Vec<PathBuf>| -> Vec<DenyRoot> {
            v.iter()
                .map(|p| {
                    let lexical = normalize(&cwd.join(p));
                    let real = real_of_ambient(&lexical);
                    DenyRoot { lexical, real }
                })
                .collect()
        };
        Ok(CapFs {
            grants: out,
            deny_read: deny(&grants.deny_read),
            deny_write: deny(&grants.deny_write),
            cwd,
        })
    }

    fn denies(&self, access: Access) -> &[DenyRoot] {
        match access {
            Access::Read => &self.deny_read,
            Access::Write => &self.deny_write,
        }
    }

    fn absolute(&self, p: &Path) -> PathBuf {
        if is_normal(p) {
            // Already absolute and normal (the ops layer hands over such paths): same result
            // as below without walking the components.
            return p.to_path_buf();
        }
        normalize(&self.cwd.join(p))
    }

    fn denied(access: Access, abs: &Path) -> FsError {
        FsError::Denied {
            access,
            path: abs.to_path_buf(),
        }
    }

    /// Map an error from a confined cap-std call: an escape attempt becomes `Denied`.
    fn map(e: io::Error, access: Access, abs: &Path) -> FsError {
        if e.raw_os_error().is_none() && e.kind() == io::ErrorKind::PermissionDenied {
            Self::denied(access, abs)
        } else {
            FsError::Io(e)
        }
    }

    /// Routing only (for `process.permission.has`): is `abs` lexically covered for `access`?
    pub fn allows(&self, abs: &Path, access: Access) -> bool {
        self.route(&self.absolute(abs), access).is_ok()
    }

    /// Longest-prefix grant for `access`, and the path relative to its `dir`.
    fn route(&self, abs: &Path, access: Access) -> Result<(&Grant, PathBuf), FsError> {
        if is_normal(abs) {
            return self.route_normal(abs, access);
        }
        if self
            .denies(access)
            .iter()
            .any(|d| abs.starts_with(&d.lexical))
        {
            return Err(Self::denied(access, abs));
        }
        let g = self
            .grants
            .iter()
            .filter(|g| g.access == access && abs.starts_with(&g.root))
            .max_by_key(|g| g.root.components().count())
            .ok_or_else(|| Self::denied(access, abs))?;
        let rest = abs.strip_prefix(&g.root).unwrap_or(Path::new(""));
        let rel = match &g.entry {
            Some(e) if rest.as_os_str().is_empty() => PathBuf::from(e),
            Some(e) => Path::new(e).join(rest),
            None if rest.as_os_str().is_empty() => PathBuf::from("."),
            None => rest.to_path_buf(),
        };
        Ok((g, rel))
    }

    /// `route` for a normal `abs` (every caller's case): the same prefix rules on bytes, since
    /// grant and deny roots are normal too.
    fn route_normal(&self, abs: &Path, access: Access) -> Result<(&Grant, PathBuf), FsError> {
        let (g, rest) = self
            .route_normal_rest(abs.as_os_str().as_bytes(), access)
            .ok_or_else(|| Self::denied(access, abs))?;
        let rest = Path::new(OsStr::from_bytes(rest));
        let rel = match &g.entry {
            Some(e) if rest.as_os_str().is_empty() => PathBuf::from(e),
            Some(e) => Path::new(e).join(rest),
            None if rest.as_os_str().is_empty() => PathBuf::from("."),
            None => rest.to_path_buf(),
        };
        Ok((g, rel))
    }

    /// The grant `route_normal` picks for the normal path `b`, and the rest of `b` below the
    /// grant's root (empty for the root itself); `None` when denied.
    fn route_normal_rest<'a>(&self, b: &'a [u8], access: Access) -> Option<(&Grant, &'a [u8])> {
        if self
            .denies(access)
            .iter()
            .any(|d| normal_starts_with(b, d.lexical.as_os_str().as_bytes()))
        {
            return None;
        }
        let g = self
            .grants
            .iter()
            .filter(|g| g.access == access && normal_starts_with(b, g.root.as_os_str().as_bytes()))
            .max_by_key(|g| g.depth)?;
        let root = g.root.as_os_str().as_bytes();
        let rest = match b.get(root.len()..) {
            Some([b'/', rest @ ..]) => rest,
            Some(rest) if root != b"/" => rest,
            _ => &b[1..],
        };
        Some((g, rest))
    }

    /// Route for every access in `needs`; the first one is the handle used.
    fn route_all(&self, abs: &Path, needs: &[Access]) -> Result<(&Grant, PathBuf), FsError> {
        let r = self.route(abs, needs[0])?;
        for &a in &needs[1..] {
            self.route(abs, a)?;
        }
        Ok(r)
    }

    /// Must the real location be checked for an op through `g` needing `needs`?
    fn must_check(&self, g: &Grant, needs: &[Access]) -> bool {
        g.entry.is_some() || needs.len() > 1 || needs.iter().any(|&a| !self.denies(a).is_empty())
    }

    /// Check a real location against the grants and carve-outs for `needs`.
    fn verify_real(
        &self,
        g: &Grant,
        real: &Path,
        needs: &[Access],
        abs: &Path,
    ) -> Result<(), FsError> {
        for &a in needs {
            let inside = if a == g.access {
                // cap-std already confined us beneath `g.dir`; an entry grant must also stay
                // inside its one entry.
                g.entry.is_none() || g.covers_real(real) == Some(true)
            } else {
                self.grants
                    .iter()
                    .filter(|o| o.access == a)
                    .any(|o| o.covers_real(real) == Some(true))
            };
            if !inside || self.denies(a).iter().any(|d| d.covers_real(real)) {
                return Err(Self::denied(a, abs));
            }
        }
        Ok(())
    }

    fn verify_fd(
        &self,
        g: &Grant,
        fd: BorrowedFd<'_>,
        needs: &[Access],
        abs: &Path,
    ) -> Result<(), FsError> {
        if !self.must_check(g, needs) {
            return Ok(());
        }
        let real = fd_real(fd).map_err(|_| Self::denied(needs[0], abs))?;
        self.verify_real(g, &real, needs, abs)
    }

    /// Open `abs` through its grant with `opts`, then verify where it really is.
    fn open_checked(
        &self,
        abs: &Path,
        needs: &[Access],
        opts: &OpenOptions,
    ) -> Result<(&Grant, File), FsError> {
        let (g, rel) = self.route_all(abs, needs)?;
        self.open_checked_at(g, &rel, abs, needs, opts)
    }

    /// `open_checked` with the route already taken (`g`, `rel` = `route_all(abs, needs)`).
    fn open_checked_at<'a>(
        &'a self,
        g: &'a Grant,
        rel: &Path,
        abs: &Path,
        needs: &[Access],
        opts: &OpenOptions,
    ) -> Result<(&'a Grant, File), FsError> {
        let f = g
            .dir
            .open_with(rel, opts)
            .map_err(|e| Self::map(e, needs[0], abs))?;
        self.verify_fd(g, f.as_fd(), needs, abs)?;
        Ok((g, f))
    }

    /// `O_PATH` handle to `abs` (following a final symlink or not), verified.
    fn open_path(
        &self,
        abs: &Path,
        needs: &[Access],
        follow: bool,
    ) -> Result<(&Grant, File), FsError> {
        let mut o = path_opts();
        if !follow {
            o.follow(FollowSymlinks::No);
        }
        self.open_checked(abs, needs, &o)
    }

    /// Open the parent of `abs` through the grant, for an op on the final entry itself.
    fn parent(&self, abs: &Path, needs: &[Access]) -> Result<Parent, FsError> {
        let abs = self.absolute(abs);
        let (g, rel) = self.route_all(&abs, needs)?;
        let name = match rel.file_name() {
            Some(n) if rel.components().next_back() != Some(Component::CurDir) => n.to_owned(),
            // The grant root itself: there is no handle to its parent.
            _ => return Err(Self::denied(needs[0], &abs)),
        };
        let prel = match rel.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let dir = g
            .dir
            .open_dir(prel)
            .map_err(|e| Self::map(e, needs[0], &abs))?;
        let mut real = None;
        if self.must_check(g, needs) {
            let pr = fd_real(dir.as_fd()).map_err(|_| Self::denied(needs[0], &abs))?;
            let r = pr.join(&name);
            self.verify_real(g, &r, needs, &abs)?;
            real = Some(r);
        }
        Ok(Parent {
            dir,
            name,
            real,
            abs,
        })
    }

    /// Real location of the entry `p` names (computing it if the checks did not need it).
    fn parent_real(p: &Parent) -> Option<PathBuf> {
        p.real
            .clone()
            .or_else(|| fd_real(p.dir.as_fd()).ok().map(|r| r.join(&p.name)))
    }

    /// Refuse an operation on a whole subtree (rm -r, rename) that contains a carve-out.
    fn refuse_if_contains_deny(&self, p: &Parent, which: &[Access]) -> Result<(), FsError> {
        let real = Self::parent_real(p);
        for &a in which {
            for d in self.denies(a) {
                let hit = d.lexical.starts_with(&p.abs)
                    || match &real {
                        Some(r) => d.inside_real(r),
                        // Unknown real location: fail closed.
                        None => true,
                    };
                if hit {
                    return Err(Self::denied(a, &p.abs));
                }
            }
        }
        Ok(())
    }

    /// `fs.open`: `open(2)` relative to the grant. Write/append/create/truncate need Write,
    /// plus Read if `read`.
    pub fn open(&self, abs: &Path, flags: &OpenFlags) -> Result<File, FsError> {
        self.open_inner(abs, flags, 0)
    }

    /// `open`, plus: when the final component is a symlink that cap-std refuses to follow
    /// (absolute, or leading out of the grant it was reached through), or that lands in a
    /// carve-out, its target is re-routed through CapFs (every grant and carve-out applies
    /// again), at most `MAX_HOPS` times. Intermediate components are never re-routed.
    fn open_inner(&self, abs: &Path, flags: &OpenFlags, hops: usize) -> Result<File, FsError> {
        let abs = self.absolute(abs);
        let needs = flags.needs();
        // A lexical denial is final.
        let (g, rel) = self.route_all(&abs, needs)?;
        match self.open_once(&abs, g, rel, flags, hops) {
            Err(denied @ FsError::Denied { .. }) if flags.follow => {
                match self.final_symlink_target(&abs, needs) {
                    Some(_) if hops >= MAX_HOPS => Err(raw(rustix::io::Errno::LOOP.raw_os_error())),
                    Some(next) => self.open_inner(&next, flags, hops + 1),
                    None => Err(denied),
                }
            }
            r => r,
        }
    }

    /// If the final component of `abs` is a symlink, its target as an absolute path to route.
    fn final_symlink_target(&self, abs: &Path, needs: &[Access]) -> Option<PathBuf> {
        let p = self.parent(abs, needs).ok()?;
        let t = rustix::fs::readlinkat(&p.dir, &p.name, Vec::new()).ok()?;
        let t = PathBuf::from(OsString::from_vec(t.into_bytes()));
        if t.is_absolute() {
            return Some(normalize(&t));
        }
        let base = self.real_to_lexical(&fd_real(p.dir.as_fd()).ok()?)?;
        Some(normalize(&base.join(t)))
    }

    /// One open attempt; `g`, `rel` = `route_all(abs, flags.needs())`.
    fn open_once(
        &self,
        abs: &Path,
        g: &Grant,
        rel: PathBuf,
        flags: &OpenFlags,
        hops: usize,
    ) -> Result<File, FsError> {
        let needs = flags.needs();
        let mut o = OpenOptions::new();
        o.read(flags.read)
            .write(flags.write || (flags.mutates() && !flags.append))
            .append(flags.append)
            .mode(flags.mode & 0o7777);
        if !flags.follow {
            o.follow(FollowSymlinks::No);
        }
        if !flags.create && !flags.exclusive {
            if flags.truncate {
                o.truncate(true);
            }
            return self
                .open_path_like(abs, g, &rel, needs, &o, flags.truncate)
                .map(|(_, f)| f);
        }
        if !self.must_check(g, needs) {
            // Plain confinement suffices: let the kernel create (follows dangling in-grant
            // symlinks like Node does).
            if flags.exclusive {
                o.create_new(true);
            } else {
                o.create(true).truncate(flags.truncate);
            }
            return g
                .dir
                .open_with(&rel, &o)
                .map_err(|e| Self::map(e, needs[0], abs));
        }
        // Carve-outs / entry grants: never create before checking where. Open an existing file
        // (checked after open, truncated only after the check); otherwise create the entry via
        // its checked parent with O_EXCL|O_NOFOLLOW; retry if we lost a race.
        for _ in 0..8 {
            if !flags.exclusive {
                match self.open_path_like(abs, g, &rel, needs, &o, flags.truncate) {
                    Err(FsError::Io(e))
                        if e.raw_os_error() == Some(rustix::io::Errno::NOENT.raw_os_error()) => {}
                    r => return r.map(|(_, f)| f),
                }
            }
            let p = self.parent(abs, needs)?;
            let mut c = o.clone();
            c.create_new(true).follow(FollowSymlinks::No);
            match p.dir.open_with(&p.name, &c) {
                Ok(f) => return Ok(f),
                Err(e)
                    if !flags.exclusive
                        && e.raw_os_error() == Some(rustix::io::Errno::EXIST.raw_os_error()) =>
                {
                    // Lost a race, or the entry is a dangling symlink. For the latter, follow
                    // it like the kernel would, but by re-routing its target through CapFs
                    // (so every grant and carve-out applies again), with bounded depth.
                    if let Ok(t) = rustix::fs::readlinkat(&p.dir, &p.name, Vec::new()) {
                        if !flags.follow || hops >= MAX_HOPS {
                            return Err(raw(rustix::io::Errno::LOOP.raw_os_error()));
                        }
                        let t = PathBuf::from(OsString::from_vec(t.into_bytes()));
                        let next = if t.is_absolute() {
                            t
                        } else {
                            let base = p
                                .real
                                .as_deref()
                                .and_then(Path::parent)
                                .and_then(|r| self.real_to_lexical(r))
                                .ok_or_else(|| Self::denied(needs[0], abs))?;
                            base.join(t)
                        };
                        return self.open_inner(&next, flags, hops + 1);
                    }
                }
                Err(e) => return Err(Self::map(e, needs[0], abs)),
            }
        }
        Err(raw(rustix::io::Errno::NOENT.raw_os_error()))
    }

    /// Express a real location under a grant's root as granted (for re-routing).
    fn real_to_lexical(&self, real: &Path) -> Option<PathBuf> {
        self.grants
            .iter()
            .filter_map(|g| {
                let (base, root) = match &g.entry {
                    None => (g.real.as_deref()?, g.root.as_path()),
                    Some(_) => (g.real.as_deref()?.parent()?, g.root.parent()?),
                };
                let rest = real.strip_prefix(base).ok()?;
                Some((base.components().count(), root.join(rest)))
            })
            .max_by_key(|(n, _)| *n)
            .map(|(_, p)| normalize(&p))
    }

    /// Open an existing file; a requested truncate happens only after the location check.
    /// `g`, `rel` = `route_all(abs, needs)`.
    fn open_path_like<'a>(
        &'a self,
        abs: &Path,
        g: &'a Grant,
        rel: &Path,
        needs: &[Access],
        o: &OpenOptions,
        truncate: bool,
    ) -> Result<(&'a Grant, File), FsError> {
        if truncate && self.must_check(g, needs) {
            let mut o2 = o.clone();
            o2.truncate(false);
            let (g, f) = self.open_checked_at(g, rel, abs, needs, &o2)?;
            f.set_len(0).map_err(FsError::Io)?;
            return Ok((g, f));
        }
        self.open_checked_at(g, rel, abs, needs, o)
    }

    /// `fs.readFile`.
    pub fn read(&self, abs: &Path) -> Result<Vec<u8>, FsError> {
        let f = self.open(abs, &OpenFlags::default())?;
        read_all(&f).map_err(FsError::Io)
    }

    /// `fs.writeFile` / `fs.appendFile` (`exclusive` = flag `wx`).
    pub fn write(
        &self,
        abs: &Path,
        data: &[u8],
        append: bool,
        exclusive: bool,
        mode: u32,
    ) -> Result<(), FsError> {
        let flags = OpenFlags {
            read: false,
            write: true,
            append,
            create: true,
            truncate: !append,
            exclusive,
            mode,
            follow: true,
        };
        let mut f = self.open(abs, &flags)?;
        f.write_all(data).map_err(FsError::Io)
    }

    /// `fs.stat` (`follow`) / `fs.lstat`.
    pub fn stat(&self, abs: &Path, follow: bool) -> Result<Stat, FsError> {
        if let Some(r) = self.stat_entry(abs, follow) {
            return r;
        }
        let abs = self.absolute(abs);
        let (_, f) = self.open_path(&abs, &[Access::Read], follow)?;
        stat_fd(f.as_fd()).map_err(FsError::Io)
    }

    /// The common case of `stat` in one statx(2) instead of open(O_PATH) + statx + close: a
    /// normal path naming an entry directly inside a directory grant, with no carve-out or
    /// entry grant to check the real location against. statx(grant fd, name,
    /// AT_SYMLINK_NOFOLLOW) resolves nothing but that one name in that directory (no `/`, no
    /// `..`, final symlink not followed), so it cannot reach outside the grant. `None` (take the
    /// general path) for anything else, and for a symlink when `follow` is asked for.
    fn stat_entry(&self, abs: &Path, follow: bool) -> Option<Result<Stat, FsError>> {
        let b = abs.as_os_str().as_bytes();
        if !is_normal(abs) {
            return None;
        }
        let (g, name) = self.route_normal_rest(b, Access::Read)?;
        if name.is_empty() || name.contains(&b'/') || self.must_check(g, &[Access::Read]) {
            return None;
        }
        match stat_at(
            g.dir.as_fd(),
            OsStr::from_bytes(name),
            AtFlags::SYMLINK_NOFOLLOW,
        ) {
            Ok(s) if follow && FileKind::from_mode(s.mode) == FileKind::Symlink => None,
            Ok(s) => Some(Ok(s)),
            Err(e) => Some(Err(FsError::Io(e))),
        }
    }

    /// `fstat(2)` on an already-open file.
    pub fn fstat(file: &File) -> io::Result<Stat> {
        stat_fd(file.as_fd())
    }

    /// `fs.readdir` (without `.` and `..`).
    pub fn read_dir(&self, abs: &Path) -> Result<Vec<DirEntryInfo>, FsError> {
        let abs = self.absolute(abs);
        let (g, rel) = self.route(&abs, Access::Read)?;
        let d = g
            .dir
            .open_dir(&rel)
            .map_err(|e| Self::map(e, Access::Read, &abs))?;
        self.verify_fd(g, d.as_fd(), &[Access::Read], &abs)?;
        // `d` may be an O_PATH fd: reopen "." of the verified handle for reading (no traversal).
        let rfd = rustix::fs::openat(
            &d,
            ".",
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(errno)?;
        let mut rd = rustix::fs::Dir::new(rfd).map_err(errno)?;
        let mut out = Vec::new();
        while let Some(ent) = rd.read() {
            let ent = ent.map_err(errno)?;
            let name = ent.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            use rustix::fs::FileType as T;
            let kind = match ent.file_type() {
                T::RegularFile => FileKind::File,
                T::Directory => FileKind::Dir,
                T::Symlink => FileKind::Symlink,
                T::Fifo => FileKind::Fifo,
                T::Socket => FileKind::Socket,
                T::CharacterDevice => FileKind::CharDevice,
                T::BlockDevice => FileKind::BlockDevice,
                T::Unknown => stat_at(
                    d.as_fd(),
                    OsStr::from_bytes(name),
                    AtFlags::SYMLINK_NOFOLLOW,
                )
                .map(|s| FileKind::from_mode(s.mode))
                .unwrap_or(FileKind::Unknown),
            };
            out.push(DirEntryInfo {
                name: String::from_utf8_lossy(name).into_owned(),
                kind,
            });
        }
        Ok(out)
    }

    /// `fs.mkdir`. With `recursive`, returns the first directory created (Node's return
    /// value), `None` if all existed.
    pub fn create_dir(
        &self,
        abs: &Path,
        recursive: bool,
        mode: u32,
    ) -> Result<Option<PathBuf>, FsError> {
        let abs = self.absolute(abs);
        let mode = Mode::from_bits_truncate(mode & 0o7777);
        if !recursive {
            let (g, rel) = self.route(&abs, Access::Write)?;
            if g.entry.is_none() && rel == Path::new(".") {
                return Err(raw(rustix::io::Errno::EXIST.raw_os_error()));
            }
            let p = self.parent(&abs, &[Access::Write])?;
            rustix::fs::mkdirat(&p.dir, &p.name, mode).map_err(errno)?;
            return Ok(Some(abs));
        }
        let (g, _) = self.route(&abs, Access::Write)?;
        let mut first = None;
        // Walk down from the grant root, creating each missing component through its
        // (confined, checked) parent.
        let mut cur = g.root.clone();
        let rest: Vec<_> = abs
            .strip_prefix(&g.root)
            .unwrap_or(Path::new(""))
            .components()
            .collect();
        if rest.is_empty() {
            if g.entry.is_some() {
                let p = self.parent(&abs, &[Access::Write])?;
                match rustix::fs::mkdirat(&p.dir, &p.name, mode) {
                    Ok(()) => return Ok(Some(abs)),
                    Err(rustix::io::Errno::EXIST) => {}
                    Err(e) => return Err(FsError::Io(errno(e))),
                }
            }
            return self.expect_dir(&abs).map(|()| None);
        }
        if g.entry.is_some() {
            // the entry itself first
            let p = self.parent(&g.root, &[Access::Write])?;
            match rustix::fs::mkdirat(&p.dir, &p.name, mode) {
                Ok(()) => first = Some(g.root.clone()),
                Err(rustix::io::Errno::EXIST) => {}
                Err(e) => return Err(FsError::Io(errno(e))),
            }
        }
        for c in rest {
            cur.push(c);
            let p = self.parent(&cur, &[Access::Write])?;
            match rustix::fs::mkdirat(&p.dir, &p.name, mode) {
                Ok(()) => {
                    if first.is_none() {
                        first = Some(cur.clone());
                    }
                }
                Err(rustix::io::Errno::EXIST) => {}
                Err(e) => return Err(FsError::Io(errno(e))),
            }
        }
        self.expect_dir(&abs)?;
        Ok(first)
    }

    /// EEXIST unless `abs` (followed, confined) is a directory.
    fn expect_dir(&self, abs: &Path) -> Result<(), FsError> {
        let (_, f) = self.open_path(abs, &[Access::Write], true)?;
        let s = stat_fd(f.as_fd()).map_err(FsError::Io)?;
        if FileKind::from_mode(s.mode) == FileKind::Dir {
            Ok(())
        } else {
            Err(raw(rustix::io::Errno::EXIST.raw_os_error()))
        }
    }

    /// `fs.unlink`: removes the entry (a symlink itself, never its target).
    pub fn remove_file(&self, abs: &Path) -> Result<(), FsError> {
        let p = self.parent(abs, &[Access::Write])?;
        rustix::fs::unlinkat(&p.dir, &p.name, AtFlags::empty()).map_err(|e| FsError::Io(errno(e)))
    }

    /// `fs.rmdir`.
    pub fn remove_dir(&self, abs: &Path) -> Result<(), FsError> {
        let p = self.parent(abs, &[Access::Write])?;
        rustix::fs::unlinkat(&p.dir, &p.name, AtFlags::REMOVEDIR).map_err(|e| FsError::Io(errno(e)))
    }

    /// `fs.rm({recursive: true})`: never follows symlinks (they are unlinked, not descended).
    /// Refused if a deny-write carve-out lies inside.
    pub fn remove_all(&self, abs: &Path) -> Result<(), FsError> {
        let p = self.parent(abs, &[Access::Write])?;
        self.refuse_if_contains_deny(&p, &[Access::Write])?;
        let s = stat_at(p.dir.as_fd(), &p.name, AtFlags::SYMLINK_NOFOLLOW).map_err(FsError::Io)?;
        if FileKind::from_mode(s.mode) == FileKind::Dir {
            p.dir
                .remove_dir_all(&p.name)
                .map_err(|e| Self::map(e, Access::Write, &p.abs))
        } else {
            rustix::fs::unlinkat(&p.dir, &p.name, AtFlags::empty())
                .map_err(|e| FsError::Io(errno(e)))
        }
    }

    /// `fs.rename`. Write on both sides; the source may not be (or contain) a carve-out, so a
    /// rename cannot move denied data into view. Across filesystems the OS says EXDEV.
    pub fn rename(&self, from: &Path, to: &Path) -> Result<(), FsError> {
        let src = self.parent(from, &[Access::Write])?;
        self.refuse_if_contains_deny(&src, &[Access::Read, Access::Write])?;
        if let Some(r) = Self::parent_real(&src) {
            if self.deny_read.iter().any(|d| d.covers_real(&r)) {
                return Err(Self::denied(Access::Read, &src.abs));
            }
        } else if !self.deny_read.is_empty() {
            return Err(Self::denied(Access::Read, &src.abs));
        }
        let dst = self.parent(to, &[Access::Write])?;
        self.refuse_if_contains_deny(&dst, &[Access::Write])?;
        rustix::fs::renameat(&src.dir, &src.name, &dst.dir, &dst.name)
            .map_err(|e| FsError::Io(errno(e)))
    }

    /// `fs.copyFile` (`exclusive` = `COPYFILE_EXCL`). Read on `from` (followed), Write on
    /// `to`; the permission bits are copied.
    pub fn copy_file(&self, from: &Path, to: &Path, exclusive: bool) -> Result<(), FsError> {
        let mut src = self.open(from, &OpenFlags::default())?;
        let st = Self::fstat(&src).map_err(FsError::Io)?;
        if FileKind::from_mode(st.mode) == FileKind::Dir {
            return Err(raw(rustix::io::Errno::ISDIR.raw_os_error()));
        }
        let mut dst = self.open(
            to,
            &OpenFlags {
                read: false,
                write: true,
                append: false,
                create: true,
                truncate: true,
                exclusive,
                mode: st.mode & 0o7777,
                follow: true,
            },
        )?;
        io::copy(&mut src, &mut dst).map_err(FsError::Io)?;
        rustix::fs::fchmod(&dst, Mode::from_bits_truncate(st.mode & 0o7777))
            .map_err(|e| FsError::Io(errno(e)))
    }

    /// `fs.link`. Needs Read *and Write* on `existing` (the new name gives write access to the
    /// same inode) and Write on `new`; the existing entry is linked, not followed.
    pub fn hard_link(&self, existing: &Path, new: &Path) -> Result<(), FsError> {
        let src = self.parent(existing, &[Access::Write, Access::Read])?;
        let dst = self.parent(new, &[Access::Write])?;
        rustix::fs::linkat(&src.dir, &src.name, &dst.dir, &dst.name, AtFlags::empty())
            .map_err(|e| FsError::Io(errno(e)))
    }

    /// `fs.symlink`: a Write on `link`. The target text is stored as-is; following it later is
    /// still confined to the grant it is reached through.
    pub fn symlink(&self, target: &str, link: &Path) -> Result<(), FsError> {
        let p = self.parent(link, &[Access::Write])?;
        rustix::fs::symlinkat(target, &p.dir, &p.name).map_err(|e| FsError::Io(errno(e)))
    }

    /// `fs.readlink`: the stored target text.
    pub fn read_link(&self, abs: &Path) -> Result<PathBuf, FsError> {
        let p = self.parent(abs, &[Access::Read])?;
        let t = rustix::fs::readlinkat(&p.dir, &p.name, Vec::new()).map_err(errno)?;
        Ok(PathBuf::from(OsString::from_vec(t.into_bytes())))
    }

    /// `fs.realpath`. The result is expressed under the grant root as granted (so it routes
    /// back to the same grant). A path whose resolution leaves the grant is `Denied`, never
    /// revealed.
    pub fn canonicalize(&self, abs: &Path) -> Result<PathBuf, FsError> {
        let abs = self.absolute(abs);
        let (g, f) = self.open_path(&abs, &[Access::Read], true)?;
        if let (Ok(real), Some(groot)) = (fd_real(f.as_fd()), g.real.as_ref()) {
            if let Ok(rest) = real.strip_prefix(groot) {
                return Ok(normalize(&g.root.join(rest)));
            }
        }
        // No /proc (or the grant moved): let cap-std resolve it, still confined.
        let (g, rel) = self.route(&abs, Access::Read)?;
        let c = g
            .dir
            .canonicalize(&rel)
            .map_err(|e| Self::map(e, Access::Read, &abs))?;
        let c = match &g.entry {
            Some(e) => c
                .strip_prefix(e)
                .map(Path::to_path_buf)
                .map_err(|_| Self::denied(Access::Read, &abs))?,
            None => c,
        };
        Ok(normalize(&g.root.join(c)))
    }

    /// `fs.chmod` (follows a final symlink, confined).
    pub fn set_permissions(&self, abs: &Path, mode: u32) -> Result<(), FsError> {
        let abs = self.absolute(abs);
        let (_, f) = self.open_path(&abs, &[Access::Write], true)?;
        let mode = Mode::from_bits_truncate(mode & 0o7777);
        #[cfg(target_os = "linux")]
        {
            // fchmod does not work on O_PATH fds; chmod the magic link of *our* fd instead.
            let proc = rustix_linux_procfs::proc_self_fd().map_err(|e| FsError::Io(errno(e)))?;
            rustix::fs::chmodat(
                proc,
                rustix::path::DecInt::from_fd(&f),
                mode,
                AtFlags::empty(),
            )
            .map_err(|e| FsError::Io(errno(e)))
        }
        #[cfg(not(target_os = "linux"))]
        {
            rustix::fs::fchmod(&f, mode).map_err(|e| FsError::Io(errno(e)))
        }
    }

    /// `fs.utimes` (`follow`) / `fs.lutimes`. `None` leaves that time unchanged.
    pub fn set_times(
        &self,
        abs: &Path,
        atime_ns: Option<i128>,
        mtime_ns: Option<i128>,
        follow: bool,
    ) -> Result<(), FsError> {
        let times = Timestamps {
            last_access: timespec(atime_ns),
            last_modification: timespec(mtime_ns),
        };
        if !follow {
            let p = self.parent(abs, &[Access::Write])?;
            return rustix::fs::utimensat(&p.dir, &p.name, &times, AtFlags::SYMLINK_NOFOLLOW)
                .map_err(|e| FsError::Io(errno(e)));
        }
        let abs = self.absolute(abs);
        let (_, f) = self.open_path(&abs, &[Access::Write], true)?;
        #[cfg(target_os = "linux")]
        {
            let proc = rustix_linux_procfs::proc_self_fd().map_err(|e| FsError::Io(errno(e)))?;
            rustix::fs::utimensat(
                proc,
                rustix::path::DecInt::from_fd(&f),
                &times,
                AtFlags::empty(),
            )
            .map_err(|e| FsError::Io(errno(e)))
        }
        #[cfg(not(target_os = "linux"))]
        {
            rustix::fs::futimens(&f, &times).map_err(|e| FsError::Io(errno(e)))
        }
    }

    /// `fs.truncate`.
    pub fn truncate(&self, abs: &Path, len: u64) -> Result<(), FsError> {
        let f = self.open(
            abs,
            &OpenFlags {
                read: false,
                write: true,
                ..OpenFlags::default()
            },
        )?;
        f.set_len(len).map_err(FsError::Io)
    }

    /// `fs.access`: the path exists (following symlinks, confined) and is granted for `access`.
    pub fn access(&self, abs: &Path, access: Access) -> Result<(), FsError> {
        let abs = self.absolute(abs);
        self.open_path(&abs, &[access], true).map(|_| ())
    }
}

#[derive(Debug, Clone)]
struct Opened {
    dir: std::sync::Arc<Dir>,
    entry: Option<OsString>,
    real: Option<PathBuf>,
}

/// Open one grant root with ambient authority (start-up only).
fn open_grant(root: &Path) -> Option<Opened> {
    if let Ok(d) = Dir::open_ambient_dir(root, ambient_authority()) {
        let real = fd_real(d.as_fd()).ok();
        return Some(Opened {
            dir: std::sync::Arc::new(d),
            entry: None,
            real,
        });
    }
    // A file, or not there yet: serve it through its parent, restricted to the one entry.
    match File::open_ambient_with(root, &path_opts(), ambient_authority()) {
        Ok(f) => {
            // Pin the real file: a granted symlink grants what it pointed to at start-up.
            let real = fd_real(f.as_fd()).ok();
            let target = real.clone().unwrap_or_else(|| root.to_path_buf());
            let (parent, name) = (target.parent()?, target.file_name()?);
            let d = Dir::open_ambient_dir(parent, ambient_authority()).ok()?;
            Some(Opened {
                dir: std::sync::Arc::new(d),
                entry: Some(name.to_owned()),
                real,
            })
        }
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::NOENT.raw_os_error()) => {
            let (parent, name) = (root.parent()?, root.file_name()?);
            let d = Dir::open_ambient_dir(parent, ambient_authority()).ok()?;
            let real = fd_real(d.as_fd()).ok().map(|r| r.join(name));
            Some(Opened {
                dir: std::sync::Arc::new(d),
                entry: Some(name.to_owned()),
                real,
            })
        }
        Err(_) => None,
    }
}

/// Real location of a deny root (start-up only): its own if it exists, else its nearest
/// existing ancestor's plus the missing rest.
fn real_of_ambient(p: &Path) -> Option<PathBuf> {
    let mut missing = Vec::new();
    let mut cur = p.to_path_buf();
    loop {
        if let Ok(f) = File::open_ambient_with(&cur, &path_opts(), ambient_authority()) {
            let mut r = fd_real(f.as_fd()).ok()?;
            for m in missing.iter().rev() {
                r.push(m);
            }
            return Some(r);
        }
        missing.push(cur.file_name()?.to_owned());
        if !cur.pop() {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("/../../x")), PathBuf::from("/x"));
        assert_eq!(normalize(Path::new("/")), PathBuf::from("/"));
    }

    #[test]
    fn empty_grants_deny_everything() {
        let fs = CapFs::new(&Grants::default(), Path::new("/")).unwrap();
        assert!(!fs.allows(Path::new("/"), Access::Read));
        assert!(matches!(
            fs.read(Path::new("/etc/hostname")),
            Err(FsError::Denied {
                access: Access::Read,
                ..
            })
        ));
    }

    #[test]
    fn read_and_write_are_separate() {
        let g = Grants {
            read: Scope::All,
            ..Default::default()
        };
        let fs = CapFs::new(&g, Path::new("/")).unwrap();
        assert!(fs.allows(Path::new("/etc"), Access::Read));
        assert!(!fs.allows(Path::new("/etc"), Access::Write));
        assert!(fs.stat(Path::new("/"), true).is_ok());
    }

    #[test]
    fn open_flags_needs() {
        assert_eq!(OpenFlags::default().needs(), &[Access::Read]);
        let rw = OpenFlags {
            write: true,
            ..OpenFlags::default()
        };
        assert_eq!(rw.needs(), &[Access::Write, Access::Read]);
        let w = OpenFlags {
            read: false,
            append: true,
            ..OpenFlags::default()
        };
        assert_eq!(w.needs(), &[Access::Write]);
    }

    #[test]
    fn file_kind_from_mode() {
        assert_eq!(FileKind::from_mode(0o100644), FileKind::File);
        assert_eq!(FileKind::from_mode(0o040755), FileKind::Dir);
        assert_eq!(FileKind::from_mode(0o120777), FileKind::Symlink);
    }
}
