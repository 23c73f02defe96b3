//! Structured errors from ops. Rust never formats Node error messages: it hands these fields to
//! `polyfills/internal/errors.js`, the one place Node errors are built.

use std::io;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpError {
    /// An OS error in Node's shape (`uvException`): `ENOENT: ..., open '/x'`.
    #[error("{code}: {syscall} {path:?}")]
    Sys {
        errno: i32,
        code: &'static str,
        syscall: &'static str,
        path: Option<String>,
        dest: Option<String>,
    },
    /// A Node error with a code (`ERR_MODULE_NOT_FOUND`, ...) and a finished message.
    #[error("{code}: {message}")]
    Code { code: String, message: String },
    /// A denied capability: Node's permission-model error.
    #[error("access denied: {permission} {resource}")]
    AccessDenied {
        permission: &'static str,
        resource: String,
        flag: String,
    },
    #[error("TypeError: {0}")]
    Type(String),
}

impl OpError {
    pub fn code(code: impl Into<String>, message: impl Into<String>) -> Self {
        OpError::Code {
            code: code.into(),
            message: message.into(),
        }
    }

    /// Map an `io::Error` from `syscall` on `path` to Node's shape.
    pub fn io(err: &io::Error, syscall: &'static str, path: Option<&str>) -> Self {
        let errno = err.raw_os_error().unwrap_or(libc::EIO);
        OpError::Sys {
            errno: -errno,
            code: errno_code(errno),
            syscall,
            path: path.map(str::to_owned),
            dest: None,
        }
    }

    pub fn with_dest(mut self, to: &str) -> Self {
        if let OpError::Sys { dest, .. } = &mut self {
            *dest = Some(to.to_owned());
        }
        self
    }
}

/// libuv's names for errno values (the subset Node programs test for).
pub fn errno_code(errno: i32) -> &'static str {
    match errno {
        libc::EPERM => "EPERM",
        libc::ENOENT => "ENOENT",
        libc::ESRCH => "ESRCH",
        libc::EINTR => "EINTR",
        libc::EIO => "EIO",
        libc::ENXIO => "ENXIO",
        libc::E2BIG => "E2BIG",
        libc::EBADF => "EBADF",
        libc::ECHILD => "ECHILD",
        libc::EAGAIN => "EAGAIN",
        libc::ENOMEM => "ENOMEM",
        libc::EACCES => "EACCES",
        libc::EFAULT => "EFAULT",
        libc::EBUSY => "EBUSY",
        libc::EEXIST => "EEXIST",
        libc::EXDEV => "EXDEV",
        libc::ENODEV => "ENODEV",
        libc::ENOTDIR => "ENOTDIR",
        libc::EISDIR => "EISDIR",
        libc::EINVAL => "EINVAL",
        libc::ENFILE => "ENFILE",
        libc::EMFILE => "EMFILE",
        libc::ENOTTY => "ENOTTY",
        libc::ETXTBSY => "ETXTBSY",
        libc::EFBIG => "EFBIG",
        libc::ENOSPC => "ENOSPC",
        libc::ESPIPE => "ESPIPE",
        libc::EROFS => "EROFS",
        libc::EMLINK => "EMLINK",
        libc::EPIPE => "EPIPE",
        libc::ERANGE => "ERANGE",
        libc::ENAMETOOLONG => "ENAMETOOLONG",
        libc::ENOSYS => "ENOSYS",
        libc::ENOTEMPTY => "ENOTEMPTY",
        libc::ELOOP => "ELOOP",
        libc::ENOTSUP => "ENOTSUP",
        libc::EADDRINUSE => "EADDRINUSE",
        libc::EADDRNOTAVAIL => "EADDRNOTAVAIL",
        libc::ENETUNREACH => "ENETUNREACH",
        libc::ECONNABORTED => "ECONNABORTED",
        libc::ECONNRESET => "ECONNRESET",
        libc::ENOTCONN => "ENOTCONN",
        libc::ETIMEDOUT => "ETIMEDOUT",
        libc::ECONNREFUSED => "ECONNREFUSED",
        libc::EHOSTUNREACH => "EHOSTUNREACH",
        libc::EALREADY => "EALREADY",
        libc::EINPROGRESS => "EINPROGRESS",
        _ => "UNKNOWN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_keep_errno_code_syscall_and_path() {
        let err = io::Error::from_raw_os_error(libc::ENOENT);
        let op = OpError::io(&err, "open", Some("/x")).with_dest("/y");
        assert_eq!(
            op,
            OpError::Sys {
                errno: -libc::ENOENT,
                code: "ENOENT",
                syscall: "open",
                path: Some("/x".into()),
                dest: Some("/y".into()),
            }
        );
    }
}
