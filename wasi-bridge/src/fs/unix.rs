//! Unix-domain socket files inside write grants (`net.Server.listen(path)`, `net.connect(path)`).
//!
//! Linux has no `bindat`/`connectat`: both calls take a path. So the path given to the kernel
//! is `/proc/self/fd/N[/name]` of a handle opened through the grant, never the script's path:
//! - bind: the parent directory is opened and checked like for `unlink` ([`CapFs::parent`]),
//!   and the socket is created as `name` inside that directory handle. bind never follows a
//!   final symlink (an existing entry of any kind is `EADDRINUSE`), so nothing redirects it.
//! - connect: the socket file itself is opened `O_PATH` like any other file (symlinks inside
//!   the grant work, none lead out; carve-outs apply) and the connect goes to that handle.
//!
//! Connecting counts as a write (as in Deno's and Node's permission models). `/proc` must be a
//! real procfs (checked by `rustix-linux-procfs`); without it both fail closed. This avoids
//! `chdir` (process-wide, racy with other threads) and a forked helper.

use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use cap_std::fs::{Dir, File};
use rustix::fs::AtFlags;

use super::{errno, Access, CapFs, FsError};

/// A listening socket bound inside a write grant, and the entry it created.
#[derive(Debug)]
pub struct UnixBinding {
    pub listener: std::os::unix::net::UnixListener,
    dir: Dir,
    name: OsString,
}

impl UnixBinding {
    /// Remove the socket file (Node does on `server.close()`), through the parent handle.
    pub fn unlink(&self) {
        let _ = rustix::fs::unlinkat(&self.dir, &self.name, AtFlags::empty());
    }
}

/// A socket file opened for connecting: connect to `path` while this is alive.
#[derive(Debug)]
pub struct UnixTarget {
    _file: File,
    pub path: PathBuf,
}

/// `/proc/self/fd/N`, after checking that `/proc` is procfs.
#[cfg(target_os = "linux")]
fn proc_fd_path(fd: BorrowedFd<'_>) -> std::io::Result<PathBuf> {
    use std::os::fd::AsRawFd;
    rustix_linux_procfs::proc_self_fd()?;
    Ok(PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd())))
}

#[cfg(not(target_os = "linux"))]
fn proc_fd_path(_fd: BorrowedFd<'_>) -> std::io::Result<PathBuf> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "Unix sockets in grants need /proc/self/fd",
    ))
}

/// sockaddr_un's sun_path holds 108 bytes including the NUL.
const SUN_PATH_MAX: usize = 107;

impl CapFs {
    /// Create and bind the socket file `abs` (needs write access to it).
    pub fn bind_unix(&self, abs: &Path) -> Result<UnixBinding, FsError> {
        let p = self.parent(abs, &[Access::Write])?;
        let path = proc_fd_path(p.dir.as_fd())
            .map_err(|_| Self::denied(Access::Write, abs))?
            .join(&p.name);
        if path.as_os_str().as_bytes().len() > SUN_PATH_MAX {
            return Err(FsError::Io(errno(rustix::io::Errno::NAMETOOLONG)));
        }
        let listener = std::os::unix::net::UnixListener::bind(&path).map_err(FsError::Io)?;
        Ok(UnixBinding {
            listener,
            dir: p.dir,
            name: p.name,
        })
    }

    /// Open the socket file `abs` to connect to it (needs write access to it).
    pub fn open_unix(&self, abs: &Path) -> Result<UnixTarget, FsError> {
        let abs = self.absolute(abs);
        let (_, file) = self.open_path(&abs, &[Access::Write], true)?;
        let path = proc_fd_path(file.as_fd()).map_err(|_| Self::denied(Access::Write, &abs))?;
        Ok(UnixTarget { _file: file, path })
    }
}
