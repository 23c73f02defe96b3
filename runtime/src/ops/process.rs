//! `process` facts and controls. Environment access is filtered by the `--allow-env` grant.

use std::io::{IsTerminal, Write};

use super::{OpError, OpState, OpValue};

/// `process.env[name]`: only granted variables exist for the script.
pub fn env_get(st: &OpState, name: &str) -> Option<String> {
    if !st.grants.env_allowed(name) {
        return None;
    }
    std::env::var(name).ok()
}

/// `Object.keys(process.env)`: the granted variables that are set.
pub fn env_keys(st: &OpState) -> Vec<String> {
    std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| st.grants.env_allowed(k))
        .collect()
}

/// `process.chdir(dir)`: changes this runtime's cwd only.
pub fn chdir(st: &OpState, dir: &str) -> Result<(), OpError> {
    let target = st.absolute(dir);
    // Checked through the read capability, so chdir cannot probe what exists outside the grants.
    let stat = st
        .fs
        .stat(&target, true)
        .map_err(|e| super::fs::fs_error(e, "chdir", dir))?;
    if stat.mode & libc::S_IFMT != libc::S_IFDIR {
        return Err(OpError::io(
            &std::io::Error::from_raw_os_error(libc::ENOTDIR),
            "chdir",
            Some(dir),
        ));
    }
    *st.cwd.borrow_mut() = target;
    Ok(())
}

/// Write to fd 1 or 2 synchronously, as Node does for files and pipes.
pub fn write_stdio(fd: i32, bytes: &[u8]) -> Result<(), OpError> {
    let result = match fd {
        1 => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|_| out.flush())
        }
        2 => std::io::stderr().lock().write_all(bytes),
        _ => return Err(OpError::Type(format!("not a stdio fd: {fd}"))),
    };
    match result {
        // A closed pipe (`atoll x | head`) is not the script's error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(OpError::io(&e, "write", None)),
        Ok(()) => Ok(()),
    }
}

pub fn isatty(fd: i32) -> bool {
    match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    }
}

/// Terminal size of `fd` as (columns, rows).
pub fn tty_size(fd: i32) -> Option<(u16, u16)> {
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize into the struct we own.
    let rc = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) };
    (rc == 0 && ws.ws_col > 0).then_some((ws.ws_col, ws.ws_row))
}

/// `process.hrtime()`: monotonic [seconds, nanoseconds].
pub fn hrtime() -> (f64, f64) {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime fills the timespec we own.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as f64, ts.tv_nsec as f64)
}

/// Resident set size in bytes, from /proc/self/statm (runtime-internal, not script-reachable).
#[allow(clippy::disallowed_methods)] // /proc/self/statm describes this process, not a script-chosen path.
pub fn rss() -> f64 {
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as f64;
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |pages| pages * page)
}

pub fn signal_number(name: &str) -> Option<i32> {
    Some(match name {
        "SIGHUP" => libc::SIGHUP,
        "SIGINT" => libc::SIGINT,
        "SIGQUIT" => libc::SIGQUIT,
        "SIGKILL" => libc::SIGKILL,
        "SIGUSR1" => libc::SIGUSR1,
        "SIGUSR2" => libc::SIGUSR2,
        "SIGPIPE" => libc::SIGPIPE,
        "SIGALRM" => libc::SIGALRM,
        "SIGTERM" => libc::SIGTERM,
        "SIGCHLD" => libc::SIGCHLD,
        "SIGCONT" => libc::SIGCONT,
        "SIGSTOP" => libc::SIGSTOP,
        "SIGTSTP" => libc::SIGTSTP,
        "SIGWINCH" => libc::SIGWINCH,
        _ => return None,
    })
}

/// `process.kill(pid, sig)`: a script may signal itself; other processes need `--allow-run`.
pub fn kill(st: &OpState, pid: i32, sig: i32) -> Result<(), OpError> {
    if pid != std::process::id() as i32 && !st.grants.run.is_all() {
        return Err(OpError::AccessDenied {
            permission: "ChildProcess",
            resource: pid.to_string(),
            flag: "--allow-run".into(),
        });
    }
    // SAFETY: plain kill(2); errors come back through errno.
    if unsafe { libc::kill(pid, sig) } != 0 {
        return Err(OpError::io(&std::io::Error::last_os_error(), "kill", None));
    }
    Ok(())
}

/// Static facts for `process.*`.
pub fn info(st: &OpState) -> OpValue {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    };
    OpValue::Object(vec![
        ("pid", (std::process::id() as f64).into()),
        ("ppid", (unsafe { libc::getppid() } as f64).into()),
        ("platform", std::env::consts::OS.into()),
        ("arch", arch.into()),
        ("execPath", st.exec_path.as_str().into()),
        (
            "argv",
            OpValue::Array(st.argv.iter().map(|a| a.as_str().into()).collect()),
        ),
        ("atollVersion", env!("CARGO_PKG_VERSION").into()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasi_bridge::Grants;

    fn state(grants: Grants) -> OpState {
        OpState::new(grants, vec![], "atoll".into(), std::env::temp_dir()).unwrap()
    }

    #[test]
    fn env_shows_only_granted_names() {
        std::env::set_var("ATOLL_TEST_VISIBLE", "1");
        let none = state(Grants::default());
        assert_eq!(env_get(&none, "ATOLL_TEST_VISIBLE"), None);
        assert!(env_keys(&none).is_empty());
        let mut g = Grants::default();
        g.env.add(Some(vec!["ATOLL_TEST_VISIBLE".into()]));
        let some = state(g);
        assert_eq!(env_get(&some, "ATOLL_TEST_VISIBLE").as_deref(), Some("1"));
        assert_eq!(env_keys(&some), vec!["ATOLL_TEST_VISIBLE".to_string()]);
    }

    #[test]
    fn chdir_is_per_runtime_and_checks_the_target() {
        let denied = state(Grants::default());
        assert!(matches!(
            chdir(&denied, "/"),
            Err(OpError::AccessDenied { .. })
        ));
        let mut g = Grants::default();
        g.read.add(None);
        let st = state(g);
        chdir(&st, "/").unwrap();
        assert_eq!(*st.cwd.borrow(), std::path::PathBuf::from("/"));
        let err = chdir(&st, "/definitely/not/here").unwrap_err();
        assert!(matches!(
            err,
            OpError::Sys {
                code: "ENOENT",
                syscall: "chdir",
                ..
            }
        ));
    }

    #[test]
    fn killing_another_process_needs_allow_run() {
        let st = state(Grants::default());
        assert!(matches!(kill(&st, 1, 0), Err(OpError::AccessDenied { .. })));
    }
}
